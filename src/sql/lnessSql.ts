/**
 * `lness` in the warehouse: the engine puts each event of the window in its
 * day (the window's day edges, bound), counts each customer's distinct active
 * days and then the customers per count; TypeScript makes the histogram with
 * the in-memory final step ({@link lnessResult}).
 *
 * @internal
 * @module
 */
import { periodBucketer } from "../periods/index.ts";
import { InvalidInputError } from "../errors.ts";
import type { LnessOptions, LnessResult } from "../activity/lness.ts";
import { lnessDays, lnessResult, lnessWindow } from "../activity/lnessRows.ts";
import { bucketSql } from "./bucketSql.ts";
import type { CompiledMethod } from "./cohortMatrixSql.ts";
import { exactInteger } from "./exact.ts";
import { binderOf, compiled, type DataSpan, methodSettings, presentOptions, READING_OPTIONS, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/**
 * Options of {@link Warehouse.lness}: those of `lness` (`days`, `end`, `timeZone`, `currencyScale`,
 * `onInvalid`), without `fields` and `epochUnit` (the warehouse's `events` setting names the columns).
 *
 * @category Warehouse
 */
export type WarehouseLnessOptions = Omit<LnessOptions, "fields" | "epochUnit">;

/** Compiles `lness` for the data's span (`undefined`: not read, then `end` must be given). */
export function compileLness(ctx: WarehouseContext, options: WarehouseLnessOptions, data: DataSpan | null | undefined): CompiledMethod<LnessResult> {
  const n = lnessDays(options);
  const common = methodSettings({ ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }), ...presentOptions(options, READING_OPTIONS) });
  if (data === undefined && options.end === undefined) {
    throw new InvalidInputError({ field: "end", value: undefined, expected: "an explicit end for compile.lness (the window's days are bound values; wh.lness reads the data's last instant first)" });
  }
  const w = lnessWindow(n, options, data?.last);
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const days = periodBucketer(w.start, w.end.getTime() - 1, w.spec);
  const k = bucketSql(dialect, binder, days.boundaries, "t", -1);
  const big = dialect.bigint;
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, ${k} AS k FROM raw WHERE ${VALID} AND t >= ${binder.bind(w.start.getTime())} AND t < ${binder.bind(w.end.getTime())}),`,
    `d AS (SELECT cid, ${big("count(DISTINCT k)")} AS active_days FROM b GROUP BY cid)`,
    `SELECT active_days, ${big("count(*)")} AS users FROM d GROUP BY active_days`,
  ].join("\n");
  const finish = (rows: readonly Record<string, unknown>[]) => {
    const users = new Float64Array(n + 1);
    for (const row of rows) users[exactInteger(row.active_days, "active_days")] = exactInteger(row.users, "users");
    return lnessResult(w, (i) => users[i]!);
  };
  return { query: compiled(sql, binder), finish };
}
