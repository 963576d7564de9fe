/**
 * The cohort options of #15 in the warehouse (`mode: "bracket"` with
 * `brackets`, `minEvents`, `entry: "recurring"`, `window: "rolling"`): the
 * engine does per membership what the in-memory option scan
 * (`cohorts/optionScan.ts`) does per customer, and returns the same
 * per-cohort sums and histograms, which TypeScript folds into the same
 * {@link CohortGrid}.
 *
 * A membership is a customer in one cohort row: from their first event
 * (first-time entry) or from the first event of each period with events
 * (recurring entry). Its activity is folded per offset d: calendar periods
 * since the start period, or whole rolling windows since the start instant;
 * it is observed up to offset h (the last complete period less the start
 * period, or the last rolling window ended by `to`). With the columns' last
 * offsets `ends` (0..C-1, or 0 then the brackets), offset d lies in column
 * colOf(d) = the first j with ends[j] >= d, and the member is observed up to
 * column top = colOf(h + 1) - 1. The query returns, per cohort row:
 * - cells (kind 0), per column j <= top: the members with an active offset
 *   in it (offset 0, or at least `minEvents` events), their events and revenue;
 * - members (kind 1), per (top, last active column clipped to top): how many,
 *   and their revenue up to their last observed column;
 * - with rolling windows (kind 2), the first instant in a reported period
 *   (the widest matrix's first window).
 * What comes back is bounded by cohorts x columns x columns, never by events.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { PeriodBucketer } from "../periods/index.ts";
import { formatCount, requireCellsWithin } from "../validate.ts";
import { assembleCohortMatrix, type CohortMatrix, type CohortMode } from "../cohorts/matrix.ts";
import { type EventCohortMeasure, trimToObserved, withBrackets } from "../cohorts/cohortMatrix.ts";
import { columnHorizon } from "../cohorts/optionScan.ts";
import { cohortRowLabels, gridOfSums } from "./cohortGridSums.ts";
import { bucketSql } from "./bucketSql.ts";
import type { Binder, Dialect } from "./dialect.ts";
import { exactInteger } from "./exact.ts";
import { binderOf, compiled, type CompiledQuery, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/** What the option query is for: the checked options and the analysis' periods. */
export interface CohortOptionsPlan {
  readonly mode: CohortMode;
  readonly measure: EventCohortMeasure;
  readonly brackets: readonly number[] | null;
  /** The last offset, or undefined for the widest observed. */
  readonly maxOffset: number | undefined;
  readonly minEvents: number;
  readonly recurring: boolean;
  /** The rolling window in ms, or null for calendar periods. */
  readonly window: number | null;
  readonly cohortBy: string | undefined;
  readonly bucketer: PeriodBucketer;
  /** Index of the last complete period (-1 when none). */
  readonly last: number;
  readonly to: number;
  readonly currencyScale: number;
  /** The value a refusal of too many cells names (maxOffset, or the period option). */
  readonly cellsValue: unknown;
  /** Whether the events have an amount column. */
  readonly hasAmounts: boolean;
  readonly assemble: { interval: boolean; confidence: number; mean: "weighted" | "simple" };
}

/** The SQL of colOf(v): the first column whose last offset is at least v (C past the last), for v >= 0. */
function columnOfSql(dialect: Dialect, binder: Binder, ends: readonly number[] | null, columns: number | null, v: string): string {
  if (ends === null) return columns === null ? v : `least(${v}, ${binder.bind(columns)})`;
  // Column j holds the offsets ends[j-1]+1 .. ends[j]: buckets with edges 0, ends[0]+1, ..., and one past the last.
  const top = ends[ends.length - 1]!;
  const edges = [0, ...ends.map((e) => e + 1), top + 2];
  return bucketSql(dialect, binder, edges, `least(${v}, ${binder.bind(top + 1)})`, 0);
}

/** Compiles the option query and the step that folds its rows into the matrix. */
export function compileCohortOptions(ctx: WarehouseContext, plan: CohortOptionsPlan): { query: CompiledQuery; finish: (rows: readonly Record<string, unknown>[]) => CohortMatrix } {
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const keyed = plan.cohortBy !== undefined;
  const fixed = plan.brackets === null ? plan.maxOffset : plan.brackets.length;
  // The columns when the query needs them (fixed); else any offset is its own column, trimmed in TypeScript.
  const ends = plan.brackets === null ? null : [0, ...plan.brackets];
  const fixedColumns = fixed === undefined ? null : fixed + 1;
  const raw = rawSql(dialect, binder, source, { currencyScale: plan.currencyScale, key: plan.cohortBy });
  const k = bucketSql(dialect, binder, plan.bucketer.boundaries, "t", -1);
  const to = binder.bind(plan.to);
  const big = dialect.bigint;
  const key = keyed ? "ckey" : "''";
  const active = `(d = 0 OR n >= ${binder.bind(plan.minEvents)})`;
  const window = plan.window === null ? null : binder.bind(plan.window);
  const x = window === null
    ? [
      `e AS (SELECT cid, k, ${big("count(*)")} AS n, ${big("sum(a)")} AS rev FROM b GROUP BY cid, k),`,
      `x AS (SELECT m.cid AS cid, m.p0 AS p0, m.ckey AS ckey, ${binder.bind(plan.last)} - m.p0 AS h, e.k - m.p0 AS d, e.n AS n, e.rev AS rev`,
      `  FROM m JOIN e ON e.cid = m.cid WHERE m.p0 >= 0 AND e.k >= m.p0),`,
    ]
    : [
      `x AS (SELECT m.cid AS cid, m.p0 AS p0, m.ckey AS ckey, ${dialect.intDiv(`${to} - m.t0`, window)} - 1 AS h, ${dialect.intDiv("b.t - m.t0", window)} AS d,`,
      `  ${big("count(*)")} AS n, ${big("sum(b.a)")} AS rev`,
      `  FROM m JOIN b ON b.cid = m.cid WHERE m.p0 >= 0 AND b.t >= m.t0 GROUP BY m.cid, m.p0, m.ckey, m.t0, ${dialect.intDiv("b.t - m.t0", window)}),`,
    ];
  const unbounded = plan.mode === "unbounded";
  const counted = unbounded ? `least(${columnOfSql(dialect, binder, ends, fixedColumns, "maxd")}, ztop)` : "0";
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, ${k} AS k, t, a, ${key} AS ckey FROM raw WHERE ${VALID} AND t < ${to}),`,
    `m AS (SELECT cid, ${plan.recurring ? "k" : "min(k)"} AS p0, min(t) AS t0, min(ckey) AS ckey FROM b GROUP BY cid${plan.recurring ? ", k" : ""}),`,
    ...x,
    `y AS (SELECT cid, p0, ckey, d, n, rev, ${columnOfSql(dialect, binder, ends, fixedColumns, "d")} AS j, ${columnOfSql(dialect, binder, ends, fixedColumns, "h + 1")} - 1 AS top FROM x),`,
    // Aggregates named apart from the columns they read: ClickHouse resolves an alias anywhere in its SELECT.
    `z AS (SELECT cid, p0, min(ckey) AS zkey, min(top) AS ztop, max(CASE WHEN ${active} THEN d END) AS maxd,`,
    `  sum(CASE WHEN j <= top THEN rev ELSE 0 END) AS own FROM y GROUP BY cid, p0),`,
    `w AS (SELECT p0, zkey AS ckey, ztop AS top, ${big(counted)} AS counted, own FROM z)`,
    `SELECT 0 AS kind, p0, ckey, j AS col, ${big("0")} AS counted, ${big(`count(DISTINCT CASE WHEN ${active} THEN cid END)`)} AS customers,`,
    `  ${big("sum(n)")} AS orders, ${big("sum(rev)")} AS revenue FROM y WHERE j <= top GROUP BY p0, ckey, j`,
    `UNION ALL`,
    `SELECT 1 AS kind, p0, ckey, top AS col, counted, ${big("count(*)")} AS customers, ${big("0")} AS orders, ${big("sum(own)")} AS revenue`,
    `  FROM w GROUP BY p0, ckey, top, counted`,
    ...(window === null ? [] : [
      `UNION ALL`,
      `SELECT 2 AS kind, ${big("0")} AS p0, '' AS ckey, ${big("0")} AS col, ${big("0")} AS counted, ${big("min(t)")} AS customers, ${big("0")} AS orders, ${big("0")} AS revenue FROM b WHERE k >= 0`,
    ]),
  ].join("\n");
  return { query: compiled(sql, binder), finish: (rows) => finishOptions(rows, plan, ends) };
}

/** The grid of the option query's rows, folded as the option scan folds its memberships, and the matrix. */
function finishOptions(rows: readonly Record<string, unknown>[], plan: CohortOptionsPlan, bracketEnds: readonly number[] | null): CohortMatrix {
  const keyed = plan.cohortBy !== undefined;
  const periods = plan.bucketer.periods;
  const fixed = plan.brackets === null ? plan.maxOffset : plan.brackets.length;
  let columns: number;
  if (fixed !== undefined) columns = fixed + 1;
  else if (plan.window === null) columns = Math.max(plan.last, 0) + 1;
  else {
    // As the in-memory scan: the windows ended by `to` since the first instant in a reported period (at least 1).
    const first = rows.find((r) => Number(r.kind) === 2)?.customers;
    columns = first === null || first === undefined ? 1 : Math.max(Math.floor((plan.to - exactInteger(first, "first")) / plan.window), 1);
  }
  const ends = bracketEnds ?? Array.from({ length: columns }, (_, j) => j);

  const { labels, rowOfKey } = cohortRowLabels(rows, plan.cohortBy, periods);
  const rowCount = labels.length;
  // Period cohorts of calendar columns were checked before the query; the others can only be now.
  if (keyed || plan.window !== null) requireCellsWithin(rowCount * columns, {
    field: plan.maxOffset === undefined ? "period" : "maxOffset",
    value: plan.cellsValue,
    what: `a cohort matrix of ${formatCount(rowCount)} cohorts x ${formatCount(columns)} offsets` + (rowCount > 0 ? ` (cohorts ${labels[0]} to ${labels[rowCount - 1]})` : ""),
    remedy: "set maxOffset, use a longer period unit (week, month) or a later from (a stray early event or from starts the cohorts there)",
  });
  const cells = rowCount * columns;
  const rowOf = (row: Record<string, unknown>) => (rowOfKey === null ? exactInteger(row.p0, "p0") : rowOfKey.get(row.ckey as string)!);
  const unbounded = plan.mode === "unbounded";
  const countCustomers = plan.measure === "customers" && !unbounded;
  const values = new Float64Array(cells);
  const revenue = plan.hasAmounts ? new Float64Array(cells) : null;
  const leaving = revenue === null ? null : new Float64Array(cells);
  const sizes = new Float64Array(rowCount);
  const horizon = new Int32Array(rowCount);
  // Cohorts of one calendar period are observed as a whole, empty or not; others as far as their furthest member.
  const shared = !keyed && plan.window === null;
  for (let r = 0; r < rowCount; r++) horizon[r] = shared ? columnHorizon(ends, plan.last - r) : -1;
  const observedUntil = new Float64Array(rowCount * (columns + 1));
  const activeUntil = unbounded ? new Float64Array(rowCount * (columns + 1)) : null;
  for (const row of rows) {
    const kind = Number(row.kind);
    if (kind === 2) continue;
    const r = rowOf(row);
    const col = exactInteger(row.col, "col");
    const count = exactInteger(row.customers, "customers");
    const money = exactInteger(row.revenue, "revenue");
    if (kind === 0) {
      const at = r * columns + col;
      if (countCustomers) values[at]! += count;
      else if (plan.measure === "orders") values[at]! += exactInteger(row.orders, "orders");
      if (revenue !== null) revenue[at]! += money;
      continue;
    }
    sizes[r]! += count;
    if (col < 0) continue;
    if (!shared && col > horizon[r]!) horizon[r] = col;
    observedUntil[r * (columns + 1) + col]! += count;
    if (activeUntil !== null) activeUntil[r * (columns + 1) + exactInteger(row.counted, "counted")]! += count;
    if (leaving !== null && col + 1 < columns) leaving[r * columns + col + 1]! += money;
  }
  const grid = gridOfSums({
    mode: plan.mode, measure: plan.measure, spec: plan.bucketer.spec, cohortBy: plan.cohortBy, labels, periods,
    columns, sizes, horizon, values, observedUntil, activeUntil, revenue, leaving, currencyScale: plan.currencyScale,
  });
  return assembleCohortMatrix(withBrackets(fixed === undefined ? trimToObserved(grid) : grid, plan.brackets), plan.assemble);
}
