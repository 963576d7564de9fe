/**
 * Sample quantiles of sorted data.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireArrayLike, requireFraction } from "../validate.ts";

/**
 * The q-quantile of values sorted ascending, by linear interpolation between
 * order statistics (Hyndman & Fan's type 7, the default of R, NumPy and
 * spreadsheets): with h = (n - 1) q, the value x[floor h] + (h - floor h)
 * (x[floor h + 1] - x[floor h]).
 *
 * @param sorted - the values, sorted ascending (for speed only the one or two values read are
 *   checked: finite numbers, in order)
 * @param q - the probability, 0..1
 * @returns the quantile, or `null` when there are no values
 * @throws {@link InvalidInputError} when q is not in [0, 1], `sorted` is not an array (or typed
 *   array), or a value read is not a finite number or is smaller than the one before it (naming
 *   its index as `row`)
 * @see R. J. Hyndman and Y. Fan (1996), "Sample Quantiles in Statistical Packages",
 *   The American Statistician 50(4), 361-365.
 * @example
 * ```ts
 * import { quantileSorted } from "retention-metrics";
 * console.log(quantileSorted([1, 2, 3, 4], 0.5)); // 2.5
 * ```
 * @category Statistics
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  requireFraction(q, "q");
  const n = requireArrayLike<number>(sorted, "sorted", "an array (or typed array) of finite numbers sorted ascending").length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const below = orderStatistic(sorted, lo, -Infinity);
  if (lo + 1 >= n) return below;
  const above = orderStatistic(sorted, lo + 1, below);
  const gap = above - below;
  // A gap wider than the largest number (-1e308 to 1e308) is weighed without the subtraction.
  return Number.isFinite(gap) ? below + (h - lo) * gap : (1 - (h - lo)) * below + (h - lo) * above;
}

/** sorted[i], required to be a finite number of at least `floor` (the value before it). */
function orderStatistic(sorted: ArrayLike<number>, i: number, floor: number): number {
  const v = sorted[i];
  if (typeof v !== "number" || !Number.isFinite(v) || v < floor) {
    const expected = typeof v === "number" && Number.isFinite(v) ? `a value of at least ${floor}, the one before it (sort the values ascending)` : "a finite number";
    throw new InvalidInputError({ field: "sorted", value: v, expected, row: i });
  }
  return v;
}
