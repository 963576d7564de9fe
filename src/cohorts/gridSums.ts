/**
 * The two sums that turn per-cohort histograms and cell sums into a
 * `CohortGrid`'s observed counts and cumulative revenue; shared by the
 * in-memory scan and the warehouse path, which fills the same histograms from
 * a query's aggregates.
 *
 * @internal
 * @module
 */

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
