/**
 * The {@link CohortMatrix} result shape, and the one place that turns a grid of
 * raw sums into it. Every measure (customers, orders, revenue, and later MRR
 * from subscriptions) fills a {@link CohortGrid} its own way and hands it to
 * {@link assembleCohortMatrix}, so censoring, rates, the average curve and the
 * intervals are computed identically for all of them.
 *
 * @module
 */
import { type Decimal, fromMinorUnits } from "../money.ts";
import type { Period, ResolvedPeriodSpec } from "../periods/index.ts";
import { type ConfidenceInterval, wilsonInterval } from "../stats/wilson.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * How a cell counts customers: active in period c + k (`classic`), in c + k or any later period
 * (`unbounded`), or in any period of a range of offsets (`bracket`, Amplitude's custom brackets).
 *
 * @category Cohorts
 */
export type CohortMode = "classic" | "unbounded" | "bracket";

/**
 * What a cell holds: customers, orders, revenue, or (from subscriptions) monthly recurring revenue.
 *
 * @category Cohorts
 */
export type CohortMeasure = "customers" | "orders" | "revenue" | "mrr";

/**
 * One cohort (row) of a {@link CohortMatrix}. Arrays are indexed by offset. Each array is built when
 * it is first read, then kept: an ordinary enumerable, writable field to JSON, spreading and
 * comparison (so a daily matrix of 533K cells costs little until its rows are read).
 *
 * @category Cohorts
 */
export interface CohortMatrixRow {
  /** The cohort's name: its period's key (`"2024-03"`), or the caller's key with `cohortOf`. */
  cohort: string;
  /** The cohort's period, when cohorts are periods of first activity (absent with `cohortOf`). */
  period?: Period;
  /** Customers in the cohort. */
  size: number;
  /**
   * Per offset: customers (count), orders (count) or revenue (`Decimal`) of the cohort's customers
   * in the period `offset` periods after their first; `null` where that period has not ended by the
   * data's end (right-censored).
   */
  values: Array<number | Decimal | null>;
  /**
   * Per offset: `values / observed`: the retention rate for customers, orders or revenue (in currency
   * units) per cohort customer otherwise; `null` where censored or the cohort is empty.
   */
  rates: Array<number | null>;
  /**
   * Per offset: the cohort's customers whose period at that offset has ended (the denominator of
   * `rates`): `size` for a cohort of one period, 0 where censored; with `cohortOf`, the members
   * observed that far (a member who joined later is not counted where their period has not ended).
   */
  observed: number[];
  /**
   * Per offset: the realised lifetime value curve: revenue of the cohort's observed customers from
   * their first period through the offset's, per customer; `null` where censored, for an empty
   * cohort, or when the events have no amounts.
   */
  cumulativeRevenuePerCustomer: Array<Decimal | null>;
  /** Per offset, with `interval: true` and the customers measure: the Wilson interval of the rate. */
  intervals?: Array<ConfidenceInterval | null>;
}

/**
 * One cell of {@link CohortMatrix.toRows}: a tidy long table for CSV or a data frame.
 *
 * @category Cohorts
 */
export interface CohortMatrixCell {
  /** The cohort's name. */
  cohort: string;
  /** Periods since the cohort's first. */
  offset: number;
  /** The cell's value (`null` when censored). */
  value: number | Decimal | null;
  /** The cell's rate (`null` when censored or the cohort is empty). */
  rate: number | null;
  /** Lower bound of the rate's Wilson interval, with `interval: true`. */
  lower?: number | null;
  /** Upper bound of the rate's Wilson interval, with `interval: true`. */
  upper?: number | null;
}

/**
 * The result of `cohortMatrix`: cohorts as rows, offsets (periods since the first) as columns.
 *
 * @category Cohorts
 */
export interface CohortMatrix {
  /** `classic`, `unbounded` (customers only) or `bracket`. */
  mode: CohortMode;
  /**
   * With `mode: "bracket"`: the brackets' inclusive upper ends, as given. Column 0 is offset 0;
   * column j >= 1 covers offsets `brackets[j - 2] + 1` (1 for j = 1) to `brackets[j - 1]`.
   */
  brackets?: number[];
  /** What the cells hold. */
  measure: CohortMeasure;
  /** The periods' spec (unit, time zone, week start). */
  spec: ResolvedPeriodSpec;
  /** `"period"` for cohorts of first-activity periods, `"key"` for cohorts given by `cohortOf`. */
  cohortBy: "period" | "key";
  /** The offsets of the columns: 0..maxOffset. */
  offsets: number[];
  /** The cohorts, oldest period first (or keys in code-unit order with `cohortOf`). */
  cohorts: CohortMatrixRow[];
  /**
   * Per offset: the average curve, weighted by cohort size over the cohorts observed at that offset:
   * sum of values / sum of observed customers (a retention rate for customers, a per-customer figure
   * otherwise); with `mean: "simple"`, the plain mean of the observed cohorts' rates (each cohort
   * counts once, whatever its size); `null` when no cohort is observed that far.
   */
  average: Array<number | null>;
  /** Per offset, with `interval: true`: the Wilson interval of the pooled average rate. */
  averageIntervals?: Array<ConfidenceInterval | null>;
  /**
   * Per offset: the average realised lifetime value curve: the running sum over offsets 0..k of the
   * revenue per customer at each offset, weighted by cohort size over the cohorts observed there (so
   * later offsets, seen by fewer cohorts, do not make it drop); `null` past the observed offsets or
   * without amounts.
   */
  averageCumulativeRevenuePerCustomer: Array<Decimal | null>;
  /** The confidence level of the intervals, with `interval: true`. */
  confidence?: number;
  /** Every cell as a row `{ cohort, offset, value, rate }` (plus `lower`, `upper` with intervals), cohort by cohort. */
  toRows(): CohortMatrixCell[];
}

/**
 * Raw sums per cell, as a measure computes them, for {@link assembleCohortMatrix}.
 * Arrays of cells are row-major: cell (row, offset) is at `row * columns + offset`.
 *
 * @internal
 */
export interface CohortGrid {
  readonly mode: CohortMode;
  readonly measure: CohortMeasure;
  readonly spec: ResolvedPeriodSpec;
  readonly cohortBy: "period" | "key";
  /** With `mode: "bracket"`: the brackets' upper ends (column j >= 1 ends at offset brackets[j - 1]). */
  readonly brackets?: readonly number[];
  /** Cohort names, one per row. */
  readonly labels: readonly string[];
  /** Cohort periods, one per row, with `cohortBy: "period"`. */
  readonly periods: readonly Period[] | null;
  /** Customers per row. */
  readonly sizes: ArrayLike<number>;
  /** Per row: the last offset observed (-1: none); cells beyond it are censored. */
  readonly horizon: ArrayLike<number>;
  /** Offsets 0..columns-1. */
  readonly columns: number;
  /** Per cell: customers or orders (counts), or revenue / MRR in integer minor units. */
  readonly values: Float64Array;
  /** Per cell: the row's customers observed at that offset (the rates' denominator unless `rateBase` is given). */
  readonly observed: Float64Array;
  /**
   * Per cell, optional: the rates' denominator in the values' own units, for a measure whose rate is
   * not per customer (MRR retention: the cohort's starting MRR in minor units). Then
   * rate = value / rateBase and average = sum of values / sum of rateBase over the observed rows.
   */
  readonly rateBase?: Float64Array | null;
  /** Per cell: revenue of the observed customers at that offset in minor units, or null without amounts. */
  readonly revenue: Float64Array | null;
  /** Per cell: cumulative revenue of the observed customers in minor units, or null without amounts. */
  readonly cumulativeRevenue: Float64Array | null;
  /** Decimals of the minor unit of money values. */
  readonly currencyScale: number;
}

/**
 * How the average curve of a cohort matrix weighs its cohorts: by size (`"weighted"`: pooled
 * values over pooled denominators), or equally (`"simple"`: the mean of the cohorts' rates).
 *
 * @category Cohorts
 */
export type CohortMean = "weighted" | "simple";

/** Options of {@link assembleCohortMatrix}. @internal */
export interface AssembleOptions {
  /** Add Wilson intervals (customers measure only). */
  readonly interval: boolean;
  /** Their confidence level. */
  readonly confidence: number;
  /** The average curve's weighting; default `"weighted"`. */
  readonly mean?: CohortMean;
}

/** Whether a measure's values are money in minor units. */
function isMoney(measure: CohortMeasure): boolean {
  return measure === "revenue" || measure === "mrr";
}

/**
 * Builds the public {@link CohortMatrix} from a grid: censored cells become
 * `null`, rates are value / observed (or value / rateBase), the average is sum
 * of values / sum of observed (or of rateBase) over the rows observed at each
 * offset, money becomes `Decimal`. This is the extension point of the
 * measures: one that is not computed from events (MRR from subscriptions)
 * fills a grid and calls this.
 *
 * @internal
 */
export function assembleCohortMatrix(grid: CohortGrid, options: AssembleOptions): CohortMatrix {
  const { columns, values, observed, revenue, cumulativeRevenue: cum, currencyScale: scale } = grid;
  const base = grid.rateBase ?? null;
  const money = isMoney(grid.measure);
  const unit = 10 ** scale;
  const withIntervals = options.interval && grid.measure === "customers";
  const ci = (x: number, n: number): ConfidenceInterval | null => (n > 0 ? wilsonInterval({ successes: x, trials: n }, { confidence: options.confidence }) : null);
  const valueSum = new Float64Array(columns);
  const observedSum = new Float64Array(columns);
  const baseSum = new Float64Array(columns);
  const revenueSum = new Float64Array(columns);
  const seen = new Uint8Array(columns);
  // For the simple mean: the sum and number of the cohorts' rates that are not null, per offset.
  const simple = options.mean === "simple";
  const rateSum = new Float64Array(simple ? columns : 0);
  const rateCount = new Float64Array(simple ? columns : 0);

  // A cell's rate: value / observed (or / rateBase), null where nothing is observed.
  const rateAt = (at: number): number | null => {
    const v = values[at]!;
    if (base !== null) return base[at]! > 0 ? v / base[at]! : null;
    const n = observed[at]!;
    return n > 0 ? (money ? v / unit / n : v / n) : null;
  };
  const cohorts = grid.labels.map((label, r): CohortMatrixRow => {
    const horizon = grid.horizon[r]!;
    // Offsets up to the horizon are observed, the rest censored. The sums of the average curve are
    // taken here from the typed grid; the row's own arrays are built when first read (see lazyField).
    const last = Math.min(horizon, columns - 1);
    for (let k = 0; k <= last; k++) {
      const at = r * columns + k;
      seen[k] = 1;
      valueSum[k]! += values[at]!;
      observedSum[k]! += observed[at]!;
      if (base !== null) baseSum[k]! += base[at]!;
      if (revenue !== null) revenueSum[k]! += revenue[at]!;
      if (simple) {
        const rate = rateAt(at);
        if (rate !== null) {
          rateSum[k]! += rate;
          rateCount[k]!++;
        }
      }
    }
    // Per offset k: f(at) where observed, `censored` past the horizon.
    const cells = <T, C>(f: (at: number, k: number) => T, censored: C): Array<T | C> =>
      Array.from({ length: columns }, (_, k) => (k <= last ? f(r * columns + k, k) : censored));
    const row: CohortMatrixRow = {
      cohort: label,
      ...(grid.periods === null ? {} : { period: grid.periods[r]! }),
      size: grid.sizes[r]!,
      values: [],
      rates: [],
      observed: [],
      cumulativeRevenuePerCustomer: [],
    };
    lazyField(row, "values", () => cells((at) => (money ? fromMinorUnits(values[at]!, scale) : values[at]!), null));
    lazyField(row, "rates", () => cells(rateAt, null));
    lazyField(row, "observed", () => cells((at) => observed[at]!, 0));
    if (withIntervals) {
      row.intervals = [];
      lazyField(row, "intervals", () => cells((at) => ci(values[at]!, observed[at]!), null));
    }
    if (cum === null) row.cumulativeRevenuePerCustomer = Array<null>(columns).fill(null);
    else {
      lazyField(row, "cumulativeRevenuePerCustomer", () =>
        cells((at) => {
          const n = observed[at]!;
          return n > 0 ? fromMinorUnits(cum[at]!, scale).dividedBy(n) : null;
        }, null));
    }
    return row;
  });

  const average: Array<number | null> = [];
  const averageIntervals: Array<ConfidenceInterval | null> = [];
  const averageRevenue: Array<Decimal | null> = [];
  let running: Decimal | null = revenue === null ? null : fromMinorUnits(0, scale);
  for (let k = 0; k < columns; k++) {
    const n = observedSum[k]!;
    const ok = seen[k] === 1 && n > 0;
    if (simple) average.push(rateCount[k]! > 0 ? rateSum[k]! / rateCount[k]! : null);
    else if (base === null) average.push(ok ? (money ? valueSum[k]! / unit / n : valueSum[k]! / n) : null);
    else average.push(seen[k] === 1 && baseSum[k]! > 0 ? valueSum[k]! / baseSum[k]! : null);
    running = ok && running !== null ? running.plus(fromMinorUnits(revenueSum[k]!, scale).dividedBy(n)) : null;
    averageRevenue.push(running);
    if (withIntervals) averageIntervals.push(ok ? ci(valueSum[k]!, n) : null);
  }
  const offsets = Array.from({ length: columns }, (_, k) => k);
  return displayable({
    mode: grid.mode,
    ...(grid.brackets === undefined ? {} : { brackets: [...grid.brackets] }),
    measure: grid.measure,
    spec: grid.spec,
    cohortBy: grid.cohortBy,
    offsets,
    cohorts,
    average,
    ...(withIntervals ? { averageIntervals, confidence: options.confidence } : {}),
    averageCumulativeRevenuePerCustomer: averageRevenue,
    toRows: () => tidyRows(cohorts, offsets, withIntervals),
  });
}

/**
 * Makes `row[key]` the value of `compute()`, computed on first read (then kept) and replaced by a
 * write: an ordinary enumerable field to JSON, spreading and comparison. Why: a daily matrix over
 * two years has 533K cells (263K observed), and a Decimal per cell for a curve few callers read cost
 * 20 times the grid itself; the per-row arrays of values, rates and observed counts (a boxed number
 * per rate, three arrays of 730 per row, and the collections they caused) cost twice the scan, for
 * callers who often read a few rows or go through `toRows`. A row's arrays are each built whole on
 * their first read, from the typed grid kept until then.
 */
function lazyField<T extends object, K extends keyof T>(row: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]) => {
    Object.defineProperty(row, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(row, key, { get: () => settle(compute()), set: settle, enumerable: true, configurable: true });
}

/** The long table of {@link CohortMatrix.toRows}. */
function tidyRows(cohorts: readonly CohortMatrixRow[], offsets: readonly number[], withIntervals: boolean): CohortMatrixCell[] {
  const rows: CohortMatrixCell[] = [];
  for (const c of cohorts) {
    for (const k of offsets) {
      const cell: CohortMatrixCell = { cohort: c.cohort, offset: k, value: c.values[k] ?? null, rate: c.rates[k] ?? null };
      if (withIntervals) {
        const ci = c.intervals?.[k] ?? null;
        cell.lower = ci === null ? null : ci.lower;
        cell.upper = ci === null ? null : ci.upper;
      }
      rows.push(cell);
    }
  }
  return rows;
}
