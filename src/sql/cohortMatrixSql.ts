/**
 * `cohortMatrix` in the warehouse: the engine folds events to customer x
 * period activity and then to cohort x offset sums and per-cohort histograms
 * of how far each customer is observed and active; TypeScript turns those
 * into the same {@link CohortGrid} the in-memory scan fills, and the same
 * {@link assembleCohortMatrix} makes the result.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { periodBucketer } from "../periods/index.ts";
import { isComplete } from "../periods/options.ts";
import { formatCount, requireCellsWithin, requireCount, requireOneOf, requireOpenFraction, requireOptions } from "../validate.ts";
import { assembleCohortMatrix, type CohortGrid, type CohortMatrix, type CohortMode } from "../cohorts/matrix.ts";
import { type CohortMatrixOptions, emptyGrid, eventCohortSettings, type EventCohortMeasure, rollingLength, trimToObserved, withBrackets } from "../cohorts/cohortMatrix.ts";
import { compileCohortOptions } from "./cohortOptionsSql.ts";
import { cohortRowLabels, gridOfSums } from "./cohortGridSums.ts";
import { bucketSql } from "./bucketSql.ts";
import { exactInteger } from "./exact.ts";
import { analysisBounds, binderOf, compiled, type CompiledQuery, type DataSpan, methodSettings, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/**
 * Options of {@link Warehouse.cohortMatrix}: those of `cohortMatrix`, with `cohortBy` (a column) in place of `cohortOf`.
 *
 * @category Warehouse
 */
export interface WarehouseCohortMatrixOptions extends Omit<CohortMatrixOptions, "cohortOf" | "fields" | "timeZone"> {
  /** IANA time zone of the calendar periods; default `"UTC"`. */
  timeZone?: string;
  /**
   * A column of the events holding each customer's cohort key (a country, a plan); a customer's key
   * is the smallest value of the column among their events, as text (so keep it one value per customer).
   */
  cohortBy?: string;
}

/** A compiled method: the query (null when there is nothing to ask) and the step that finishes its rows. @internal */
export interface CompiledMethod<T> {
  readonly query: CompiledQuery | null;
  finish(rows: readonly Record<string, unknown>[]): T;
}

/** The checked options. */
function settingsOf(options: WarehouseCohortMatrixOptions) {
  requireOptions(options, "options", '{ period: "month", maxOffset: 12 }');
  if ((options as { cohortOf?: unknown }).cohortOf !== undefined) {
    throw new InvalidInputError({ field: "cohortOf", value: (options as { cohortOf?: unknown }).cohortOf, expected: "cohortBy: a column name (a function cannot run in the engine)" });
  }
  if ((options.measure as string) === "mrr") {
    throw new InvalidInputError({ field: "measure", value: "mrr", expected: '"customers", "orders" or "revenue" here (wh.cohortMatrix reads measure "mrr" from the subscriptions setting)' });
  }
  const checked = eventCohortSettings(options);
  const cohortBy = options.cohortBy;
  if (cohortBy !== undefined && (typeof cohortBy !== "string" || cohortBy === "")) {
    throw new InvalidInputError({ field: "cohortBy", value: cohortBy, expected: "a column name" });
  }
  if (checked.entry === "recurring" && cohortBy !== undefined) {
    throw new InvalidInputError({ field: "entry", value: checked.entry, expected: '"firstTime" with cohortBy (a customer has one key: recurring cohorts are periods)' });
  }
  const window = checked.window === "rolling" ? rollingLength(options) : null;
  return { ...checked, cohortBy, rolling: window };
}

/**
 * Compiles the cohort query for the data's span (`undefined`: not read, then
 * `from` and `to` must be given).
 */
export function compileCohortMatrix(ctx: WarehouseContext, options: WarehouseCohortMatrixOptions, data: DataSpan | null | undefined): CompiledMethod<CohortMatrix> {
  const s = settingsOf(options);
  const common = methodSettings(options);
  const { dialect, source } = ctx;
  if (s.measure === "revenue" && source.amount === undefined) {
    throw new InvalidInputError({ field: "measure", value: s.measure, expected: "events with an amount column for the revenue measure" });
  }
  const assemble = { interval: s.interval, confidence: s.confidence, mean: s.mean };
  const bounds = analysisBounds(options, common.spec, data, "cohortMatrix");
  const fixed = s.brackets === null ? s.maxOffset : s.brackets.length;
  if (bounds === null) {
    const grid = emptyGrid({ ...options, timeZone: common.spec.timeZone }, s.mode, s.measure, fixed, common.currencyScale, s.cohortBy === undefined ? undefined : String);
    return { query: null, finish: () => assembleCohortMatrix(withBrackets(grid, s.brackets), assemble) };
  }
  // The periods from the one holding `from`: earlier events only make their customers belong to no cohort,
  // so they all fall in one bucket before the first (-1).
  const bucketer = periodBucketer(bounds.from, bounds.to - 1, common.spec);
  const periods = bucketer.periods;
  const n = periods.length;
  const last = isComplete(periods[n - 1]!, bounds.to) ? n - 1 : n - 2;
  const columns = fixed === undefined ? Math.max(last, 0) + 1 : fixed + 1;
  const keyed = s.cohortBy !== undefined;
  // Rolling columns depend on the data's first instant in a reported period: checked when the rows are back.
  if (!keyed && s.rolling === null) {
    requireCellsWithin(n * columns, {
      field: s.maxOffset === undefined ? "period" : "maxOffset",
      value: s.maxOffset ?? options.period ?? "month",
      what: `a cohort matrix of ${formatCount(n)} cohorts x ${formatCount(columns)} offsets (cohorts ${periods[0]!.key} to ${periods[n - 1]!.key})`,
      remedy: "set maxOffset, use a longer period unit (week, month) or a later from (a stray early event or from starts the cohorts there)",
    });
  }

  // Any option of #15 (minEvents: 1 too, as in memory) takes the per-membership query.
  if (s.inMemoryOnly !== null) {
    return compileCohortOptions(ctx, {
      mode: s.mode, measure: s.measure, brackets: s.brackets, maxOffset: s.maxOffset, minEvents: s.minEvents ?? 1,
      recurring: s.entry === "recurring", window: s.rolling, cohortBy: s.cohortBy, bucketer, last, to: bounds.to,
      currencyScale: common.currencyScale, cellsValue: s.maxOffset ?? options.period ?? "month", hasAmounts: source.amount !== undefined, assemble,
    });
  }
  const binder = binderOf(dialect);
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale, key: s.cohortBy });
  const k = bucketSql(dialect, binder, bucketer.boundaries, "t", -1);
  const to = binder.bind(bounds.to);
  const lastP = binder.bind(last);
  const columnsP = binder.bind(columns);
  const big = dialect.bigint;
  // Per customer x period (act), per customer (cu: first and last period, key), then act joined back to cu
  // and grouped by (cohort, offset): GROUP BYs and one hash join, no window function (no sort by customer).
  // The members' part reads one row per customer from cu; with cohorts by key and amounts it also needs each
  // customer's own revenue (the part of the cumulative sums to take out past their horizon), summed over the
  // joined rows by (cohort, key, last offset), the first period's row counting the customer.
  const lastOff = `least(l, ${lastP}) - f`;
  const counted = `k <= ${lastP} AND off < ${columnsP}`;
  const members = keyed && source.amount !== undefined
    ? [`SELECT 1 AS kind, f, ckey, ${lastOff} AS off, ${big("sum(CASE WHEN k = f THEN 1 ELSE 0 END)")} AS customers, ${big("0")} AS orders,`,
      `  ${big(`sum(CASE WHEN ${counted} THEN rev ELSE 0 END)`)} AS revenue FROM j GROUP BY f, ckey, ${lastOff}`]
    : [`SELECT 1 AS kind, f, ckey, ${lastOff} AS off, ${big("count(*)")} AS customers, ${big("0")} AS orders, ${big("0")} AS revenue`,
      `  FROM cu WHERE f >= 0 GROUP BY f, ckey, ${lastOff}`];
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, ${k} AS k, a${keyed ? ", ckey" : ""} FROM raw WHERE ${VALID} AND t < ${to}),`,
    `act AS (SELECT cid, k, ${big("count(*)")} AS n, ${big("sum(a)")} AS rev${keyed ? ", min(ckey) AS ckey" : ""} FROM b GROUP BY cid, k),`,
    `cu AS (SELECT cid, min(k) AS f, max(k) AS l, ${keyed ? "min(ckey)" : "''"} AS ckey FROM act GROUP BY cid),`,
    `j AS (SELECT act.k AS k, act.k - cu.f AS off, act.n AS n, act.rev AS rev, cu.f AS f, cu.l AS l, cu.ckey AS ckey FROM act JOIN cu ON act.cid = cu.cid WHERE cu.f >= 0)`,
    `SELECT 0 AS kind, f, ckey, off, ${big("count(*)")} AS customers, ${big("sum(n)")} AS orders, ${big("sum(rev)")} AS revenue`,
    `  FROM j WHERE ${counted} GROUP BY f, ckey, off`,
    `UNION ALL`,
    ...members,
  ].join("\n");

  const finish = (rows: readonly Record<string, unknown>[]): CohortMatrix => {
    const grid = gridOf(rows, {
      mode: s.mode, measure: s.measure, keyed, columns, last, hasAmounts: source.amount !== undefined,
      periods, spec: bucketer.spec, currencyScale: common.currencyScale, cohortBy: s.cohortBy,
    });
    return assembleCohortMatrix(s.maxOffset === undefined ? trimToObserved(grid) : grid, assemble);
  };
  return { query: compiled(sql, binder), finish };
}

interface GridShape {
  readonly mode: CohortMode;
  readonly measure: EventCohortMeasure;
  readonly keyed: boolean;
  readonly columns: number;
  readonly last: number;
  readonly hasAmounts: boolean;
  readonly periods: CohortGrid["periods"] & object;
  readonly spec: CohortGrid["spec"];
  readonly currencyScale: number;
  readonly cohortBy: string | undefined;
}

/**
 * The grid of the query's rows: cells (kind 0: customers, orders, revenue per
 * cohort x offset in complete periods) and members (kind 1: customers per
 * cohort x first period x last active offset, with their revenue in the
 * cells), folded exactly as the in-memory scan folds its customers.
 */
function gridOf(rows: readonly Record<string, unknown>[], shape: GridShape): CohortGrid {
  const { columns, last, keyed } = shape;
  const { labels, rowOfKey } = cohortRowLabels(rows, shape.cohortBy, shape.periods);
  const rowCount = labels.length;
  const cells = rowCount * columns;
  const rowOf = (row: Record<string, unknown>, f: number) => (rowOfKey === null ? f : rowOfKey.get(row.ckey as string)!);

  const values = new Float64Array(cells);
  const revenue = shape.hasAmounts ? new Float64Array(cells) : null;
  const sizes = new Float64Array(rowCount);
  const horizon = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) horizon[r] = keyed ? -1 : Math.max(last - r, -1);
  const observedUntil = new Float64Array(rowCount * (columns + 1));
  const activeUntil = shape.mode === "unbounded" ? new Float64Array(rowCount * (columns + 1)) : null;
  const leaving = keyed && revenue !== null ? new Float64Array(cells) : null;
  for (const row of rows) {
    const f = exactInteger(row.f, "f");
    const r = rowOf(row, f);
    const count = exactInteger(row.customers, "customers");
    const money = exactInteger(row.revenue, "revenue");
    if (Number(row.kind) === 0) {
      const at = r * columns + exactInteger(row.off, "off");
      if (shape.measure === "customers" && shape.mode === "classic") values[at]! += count;
      else if (shape.measure === "orders") values[at]! += exactInteger(row.orders, "orders");
      if (revenue !== null) revenue[at]! += money;
      continue;
    }
    sizes[r]! += count;
    const h = last - f;
    if (h < 0) continue;
    if (h > horizon[r]!) horizon[r] = h;
    observedUntil[r * (columns + 1) + Math.min(h, columns)]! += count;
    if (activeUntil !== null) activeUntil[r * (columns + 1) + Math.min(exactInteger(row.off, "off"), columns)]! += count;
    if (leaving !== null && h + 1 < columns) leaving[r * columns + h + 1]! += money;
  }
  return gridOfSums({
    mode: shape.mode, measure: shape.measure, spec: shape.spec, cohortBy: shape.cohortBy, labels, periods: shape.periods,
    columns, sizes, horizon, values, observedUntil, activeUntil, revenue, leaving, currencyScale: shape.currencyScale,
  });
}
