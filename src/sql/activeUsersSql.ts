/**
 * `activeUsers` in the warehouse. Trailing windows: the engine counts per day
 * the customers active, new, reactivated and lapsing for the week and month
 * windows (the activity query of `periodSummary`, with two windows), and
 * TypeScript runs E = E' + new + reactivated - lost for each: the customers
 * current at a day's end are those active in the window ending that day.
 * Calendar weeks and months: the engine counts the distinct customers of each
 * day, week and month. The same final step as in memory ({@link activeUsersResult}).
 *
 * @internal
 * @module
 */
import { periodBucketer } from "../periods/index.ts";
import type { ActiveUsersOptions, ActiveUsersResult } from "../activity/activeUsers.ts";
import { activeUsersResult, activeUsersSettings } from "../activity/activeUsersRows.ts";
import { bucketSql } from "./bucketSql.ts";
import type { CompiledMethod } from "./cohortMatrixSql.ts";
import { exactInteger } from "./exact.ts";
import { analysisBounds, binderOf, compiled, type DataSpan, methodSettings, type WarehouseContext } from "./plan.ts";
import { compileActivityWindows } from "./periodSummarySql.ts";
import { rawSql, VALID } from "./source.ts";

/**
 * Options of {@link Warehouse.activeUsers}: those of `activeUsers` (`definition`, `weekWindow`,
 * `monthWindow`, `interval`, `confidence`, `timeZone`, `weekStartsOn`, `from`, `to`, `currencyScale`,
 * `onInvalid`), without `fields` and `epochUnit` (the warehouse's `events` setting names the columns).
 *
 * @category Warehouse
 */
export type WarehouseActiveUsersOptions = Omit<ActiveUsersOptions, "fields" | "epochUnit">;

/** Compiles `activeUsers` for the data's span (`undefined`: not read, then `from` and `to` must be given). */
export function compileActiveUsers(ctx: WarehouseContext, options: WarehouseActiveUsersOptions, data: DataSpan | null | undefined): CompiledMethod<ActiveUsersResult> {
  const s = activeUsersSettings(options);
  // Rows are days whatever `period` says, as in memory.
  const days = { ...options, period: "day" as const };
  const empty = () => activeUsersResult(s, null, 0, () => 0, () => 0, () => 0);
  if (s.definition === "trailing") {
    const q = compileActivityWindows(ctx, days, data, [s.weekWindow, s.monthWindow], "activeUsers");
    const finish = q.finish;
    if (finish === null) return { query: null, finish: empty };
    return {
      query: q.query,
      finish: (rows) =>
        finish(rows, (reported, first, to, c) => {
          const [week, month] = c.windows;
          return activeUsersResult(s, reported, to, (i) => c.active[first + i]!, (i) => week!.current[first + i]!, (i) => month!.current[first + i]!);
        }),
    };
  }
  const common = methodSettings(days);
  const bounds = analysisBounds(days, common.spec, data, "activeUsers");
  if (bounds === null) return { query: null, finish: empty };
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const to = binder.bind(bounds.to);
  const big = dialect.bigint;
  // Each unit's periods from the one holding `from`; earlier events fall before them (-1) and count in none.
  const units = (["day", "week", "month"] as const).map((unit) => periodBucketer(bounds.from, bounds.to - 1, { ...common.spec, unit }));
  const parts = units.map((b, kind) => {
    const k = bucketSql(dialect, binder, b.boundaries, "t", -1);
    return `SELECT ${big(String(kind))} AS kind, k, ${big("count(DISTINCT cid)")} AS users FROM (SELECT cid, ${k} AS k FROM e) AS x${kind} WHERE k >= 0 GROUP BY k`;
  });
  const sql = [`WITH raw AS (${raw}),`, `e AS (SELECT cid, t FROM raw WHERE ${VALID} AND t < ${to})`, parts.join("\nUNION ALL\n")].join("\n");
  const finish = (rows: readonly Record<string, unknown>[]) => {
    const counts = units.map((b) => new Float64Array(b.periods.length));
    for (const row of rows) counts[exactInteger(row.kind, "kind")]![exactInteger(row.k, "k")] = exactInteger(row.users, "users");
    const [day, week, month] = units;
    const within = (b: typeof day, c: Float64Array) => (i: number) => c[b!.indexOf(day!.periods[i]!.start.getTime())]!;
    return activeUsersResult(s, day!.periods, bounds.to, (i) => counts[0]![i]!, within(week, counts[1]!), within(month, counts[2]!));
  };
  return { query: compiled(sql, binder), finish };
}
