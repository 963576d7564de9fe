/**
 * Sample quantiles of sorted data.
 *
 * @module
 */
import { requireFraction } from "../validate.ts";

/**
 * The q-quantile of values sorted ascending, by linear interpolation between
 * order statistics (Hyndman & Fan's type 7, the default of R, NumPy and
 * spreadsheets): with h = (n - 1) q, the value x[floor h] + (h - floor h)
 * (x[floor h + 1] - x[floor h]).
 *
 * @param sorted - the values, sorted ascending (not checked, for speed)
 * @param q - the probability, 0..1
 * @returns the quantile, or `null` when there are no values
 * @throws {@link InvalidInputError} when q is not in [0, 1]
 * @see R. J. Hyndman and Y. Fan (1996), "Sample Quantiles in Statistical Packages",
 *   The American Statistician 50(4), 361-365.
 * @example
 * ```ts
 * import { quantileSorted } from "retention-metrics";
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  requireFraction(q, "q");
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  return lo + 1 < n ? below + (h - lo) * (sorted[lo + 1]! - below) : below;
}
