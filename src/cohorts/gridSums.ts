/**
 * The two sums that turn per-cohort histograms and cell sums into a
 * `CohortGrid`'s observed counts and cumulative revenue; shared by the
 * in-memory scan and the warehouse path, which fills the same histograms from
 * a query's aggregates. And the grid the scans of the cohort options build
 * from such sums.
 *
 * @internal
 * @module
 */
import type { BucketedEvents } from "../events/bucketEvents.ts";
import { tableColumns } from "../events/table.ts";
import type { CohortRows } from "./assign.ts";
import type { CohortGrid, CohortMeasure, CohortMode } from "./matrix.ts";

/**
 * out[k] = number of customers whose last offset is k or later, for k in
 * 0..columns-1, from a histogram of last offsets whose slot `columns` holds
 * every offset beyond.
 */
export function suffixSums(hist: Float64Array, from: number, columns: number, out: Float64Array, to: number): void {
  let running = hist[from + columns]!;
  for (let k = columns - 1; k >= 0; k--) {
    running += hist[from + k]!;
    out[to + k] = running;
  }
}

/** Running sums along each row, less the revenue of customers who stop being observed. */
export function cumulate(revenue: Float64Array, leaving: Float64Array | null, rows: number, columns: number): Float64Array {
  const out = new Float64Array(revenue.length);
  for (let r = 0; r < rows; r++) {
    let running = 0;
    for (let k = 0; k < columns; k++) {
      const at = r * columns + k;
      running += revenue[at]! - (leaving === null ? 0 : leaving[at]!);
      out[at] = running;
    }
  }
  return out;
}

/** What a per-customer scan (of cohorts by key, or of the cohort options) sums per cohort, before the sums become a grid's cells. */
export interface OptionSums {
  /** Per cell: customers (classic) or orders counted; zeros for unbounded and revenue. */
  readonly values: Float64Array;
  /** Per row, columns + 1 slots: memberships by their last observed column. */
  readonly observedUntil: Float64Array;
  /** Unbounded: per row, columns + 1 slots, memberships by the last column they are active in; else null. */
  readonly activeUntil: Float64Array | null;
  readonly revenue: Float64Array | null;
  /** Per cell: revenue of the members who stop being observed before it (see `cumulate`), or null. */
  readonly leaving: Float64Array | null;
  readonly sizes: Float64Array;
  readonly horizon: Int32Array;
}

/** The grid of a per-customer scan from its sums: observed and unbounded counts by suffix sums, cumulative revenue. */
export function optionGrid(
  b: BucketedEvents, rows: CohortRows, mode: CohortMode, measure: Exclude<CohortMeasure, "mrr">, columns: number, sums: OptionSums,
): CohortGrid {
  const { values, observedUntil, activeUntil, revenue, leaving, sizes, horizon } = sums;
  const rowCount = rows.labels.length;
  const observed = new Float64Array(rowCount * columns);
  for (let r = 0; r < rowCount; r++) {
    suffixSums(observedUntil, r * (columns + 1), columns, observed, r * columns);
    if (activeUntil !== null) suffixSums(activeUntil, r * (columns + 1), columns, values, r * columns);
  }
  if (measure === "revenue" && revenue !== null) values.set(revenue);
  return {
    mode,
    measure,
    spec: b.spec,
    cohortBy: rows.rowOf === null ? "period" : "key",
    labels: rows.labels,
    periods: rows.periods,
    sizes,
    horizon,
    columns,
    values,
    observed,
    revenue,
    cumulativeRevenue: revenue === null ? null : cumulate(revenue, leaving, rowCount, columns),
    currencyScale: tableColumns(b.table).currencyScale,
  };
}
