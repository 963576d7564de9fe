/**
 * `periodSummary` and `lifecycle` in the warehouse: the engine folds events to customer x
 * period activations, each seen with the customer's previous and next active
 * period (window functions), and counts per period the active, new, repeat,
 * reactivated and lapsing customers, orders and revenue; TypeScript runs the
 * E = E' + new + reactivated - lost sums and the same final step as the
 * in-memory function ({@link periodSummaryRows}, {@link lifecycleRows}).
 *
 * History before `from` matters only through the `activeWindow` periods just
 * before it and through "was ever active before" (who is new): so the periods
 * start `activeWindow` periods before `from`'s, and every earlier event falls
 * in one bucket placed `activeWindow + 1` periods before those, far enough
 * that the counts of every reported period are the same as with all history.
 *
 * @internal
 * @module
 */
import { periodBucketer, periodOf, shiftPeriod } from "../periods/index.ts";
import { InvalidInputError } from "../errors.ts";
import { requireOneOf, requireOptions, requirePositiveCount } from "../validate.ts";
import { resolveIntervalOptions } from "../stats/wilson.ts";
import type { PeriodSummaryOptions, PeriodSummaryRow } from "../activity/periodSummary.ts";
import { periodSummaryRows, type SummaryCounts } from "../activity/summaryRows.ts";
import type { LifecycleOptions, LifecycleRow } from "../activity/lifecycle.ts";
import { countsOfWindowOne, lifecycleRows, lifecycleSettings } from "../activity/lifecycleRows.ts";
import { compileLifecycleByCreation } from "./lifecycleCreationSql.ts";
import type { Period } from "../periods/index.ts";
import { bucketSql } from "./bucketSql.ts";
import type { CompiledMethod } from "./cohortMatrixSql.ts";
import { exactInteger } from "./exact.ts";
import { analysisBounds, binderOf, compiled, type DataSpan, methodSettings, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/**
 * Options of {@link Warehouse.periodSummary}: those of `periodSummary` (`interval` and `confidence`
 * included: the intervals are computed in TypeScript from the engine's counts).
 *
 * @category Warehouse
 */
export type WarehousePeriodSummaryOptions = Omit<PeriodSummaryOptions, "fields">;

/**
 * Options of {@link Warehouse.lifecycle}: those of `lifecycle` (`dormant`, `newBy` with `createdAt`
 * included), without `fields`. With `newBy: "createdAt"` the engine returns each customer's active
 * periods (one row per customer) and `createdAt` is read in TypeScript, with the customer ids as the
 * driver returns them (pg gives BIGINT ids as strings).
 *
 * @category Warehouse
 */
export type WarehouseLifecycleOptions = Omit<LifecycleOptions, "fields">;

/** Compiles the period summary query for the data's span (`undefined`: not read, then `from` and `to` must be given). */
export function compilePeriodSummary(ctx: WarehouseContext, options: WarehousePeriodSummaryOptions, data: DataSpan | null | undefined): CompiledMethod<PeriodSummaryRow[]> {
  requireOptions(options);
  const w = requirePositiveCount(options.activeWindow ?? 1, "activeWindow");
  const intervals = resolveIntervalOptions(options);
  return compileActivity(ctx, options, data, w, "periodSummary", (reported, first, to, counts, scale) => periodSummaryRows(reported, first, to, counts, scale, intervals));
}

/** Compiles the lifecycle query: the activity counts with a window of one period. */
export function compileLifecycle(ctx: WarehouseContext, options: WarehouseLifecycleOptions, data: DataSpan | null | undefined): CompiledMethod<LifecycleRow[]> {
  requireOptions(options);
  const { newBy, dormantBy, createdAt } = lifecycleSettings(options);
  if (newBy === "createdAt") return compileLifecycleByCreation(ctx, options, data, createdAt!, dormantBy);
  return compileActivity(ctx, options, data, 1, "lifecycle", (reported, first, to, counts) => lifecycleRows(reported, first, to, countsOfWindowOne(counts), dormantBy));
}

type ActivityFinish<T> = (reported: readonly Period[], first: number, to: number, counts: SummaryCounts, scale: number) => T[];

/** Compiles the activity query of one window `w`, finished by `rowsOf` with that window's counts. */
function compileActivity<T>(ctx: WarehouseContext, options: WarehousePeriodSummaryOptions, data: DataSpan | null | undefined, w: number, method: string, rowsOf: ActivityFinish<T>): CompiledMethod<T[]> {
  const m = compileActivityWindows(ctx, options, data, [w], method);
  return { query: m.query, finish: (rows) => (m.finish === null ? [] : m.finish(rows, (reported, first, to, c, scale) => rowsOf(reported, first, to, { ...c, ...c.windows[0]! }, scale))) };
}

/** The counts of one activity window, by period. @internal */
export interface WindowSums {
  readonly current: Float64Array;
  readonly lost: Float64Array;
  readonly reactivated: Float64Array;
}

/** Per-period activity counts for several windows. @internal */
export type ActivitySums = Omit<SummaryCounts, "current" | "lost" | "reactivated"> & { readonly windows: readonly WindowSums[] };

/** The activity query and its reader: `finish` null when there is nothing to report. @internal */
export interface ActivityQuery {
  readonly query: CompiledMethod<unknown>["query"];
  readonly finish: (<T>(rows: readonly Record<string, unknown>[], rowsOf: (reported: readonly Period[], first: number, to: number, counts: ActivitySums, scale: number) => T) => T) | null;
}

/**
 * The activity counts per period for activity windows `windows` (each >= 1): customers active, new,
 * repeat, orders, revenue, and per window those current at each period's end, lost and reactivated.
 * History before `from` is kept as far back as the longest window needs. @internal
 */
export function compileActivityWindows(ctx: WarehouseContext, options: WarehousePeriodSummaryOptions, data: DataSpan | null | undefined, windows: readonly number[], method: string): ActivityQuery {
  const common = methodSettings(options);
  const bounds = analysisBounds(options, common.spec, data, method);
  if (bounds === null) return { query: null, finish: null };
  const w = Math.max(...windows);
  const start = shiftPeriod(periodOf(bounds.from, common.spec), -w).start;
  const bucketer = periodBucketer(start, bounds.to - 1, common.spec);
  const n = bucketer.periods.length;
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const k = bucketSql(dialect, binder, bucketer.boundaries, "t", -(w + 1));
  const to = binder.bind(bounds.to);
  const big = dialect.bigint;
  const count = (cond: string) => big(`sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`);
  const perWindow = windows.map((x, j) => {
    const xP = binder.bind(x);
    return `${count(`prev IS NOT NULL AND k > prev + ${xP}`)} AS reactivated${j}, ${count(`nxt IS NULL OR nxt > k + ${xP}`)} AS lapsing${j}`;
  });
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, ${k} AS k, a FROM raw WHERE ${VALID} AND t < ${to}),`,
    `act AS (SELECT cid, k, ${big("count(*)")} AS n, ${big("sum(a)")} AS rev FROM b GROUP BY cid, k),`,
    `seq AS (SELECT k, n, rev, ${dialect.neighbour("lag", "k", "cid", "k")} AS prev, ${dialect.neighbour("lead", "k", "cid", "k")} AS nxt FROM act)`,
    `SELECT k, ${big("count(*)")} AS active, ${count("prev IS NULL")} AS fresh, ${count("n >= 2")} AS repeated,`,
    `  ${big("sum(n)")} AS orders, ${big("sum(rev)")} AS revenue,`,
    `  ${perWindow.join(",\n  ")}`,
    `FROM seq GROUP BY k`,
  ].join("\n");

  const finish = <T>(rows: readonly Record<string, unknown>[], rowsOf: (reported: readonly Period[], first: number, to: number, counts: ActivitySums, scale: number) => T): T => {
    // Index i of the arrays is SQL period i - w - 1; the one bucket of older events is at 0.
    const size = n + w + 1;
    const arrays = () => new Float64Array(size);
    const c = { active: arrays(), newCustomers: arrays(), orders: arrays(), revenue: arrays(), repeat: arrays() };
    const sums = windows.map(() => ({ current: arrays(), lost: arrays(), reactivated: arrays() }));
    for (const row of rows) {
      const i = exactInteger(row.k, "k") + w + 1;
      c.active[i] = exactInteger(row.active, "active");
      c.newCustomers[i] = exactInteger(row.fresh, "fresh");
      c.repeat[i] = exactInteger(row.repeated, "repeated");
      c.orders[i] = exactInteger(row.orders, "orders");
      c.revenue[i] = exactInteger(row.revenue, "revenue");
      windows.forEach((x, j) => {
        sums[j]!.reactivated[i] = exactInteger(row[`reactivated${j}`], `reactivated${j}`);
        if (i + x < size) sums[j]!.lost[i + x]! += exactInteger(row[`lapsing${j}`], `lapsing${j}`);
      });
    }
    for (const s of sums) {
      let running = 0;
      for (let i = 0; i < size; i++) {
        running += c.newCustomers[i]! + s.reactivated[i]! - s.lost[i]!;
        s.current[i] = running;
      }
    }
    return rowsOf(bucketer.periods.slice(w), 2 * w + 1, bounds.to, { ...c, windows: sums }, common.currencyScale);
  };
  return { query: compiled(sql, binder), finish };
}
