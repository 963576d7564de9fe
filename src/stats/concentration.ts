/**
 * Concentration of a non-negative quantity (revenue, orders) over customers: the Lorenz curve,
 * the Gini coefficient and the share held by the top customers.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireFraction } from "../validate.ts";

/**
 * A Lorenz curve as two columns of equal length n + 1 (n customers), customers sorted by value
 * ascending: point i says that the `customerShare[i]` = i / n customers with the smallest values
 * hold `valueShare[i]` of the total. It starts at (0, 0) and ends at (1, 1).
 * @category Statistics
 */
export interface LorenzCurve {
  /** Cumulative share of customers, i / n for i = 0..n; increasing from 0 to 1. */
  customerShare: Float64Array;
  /** Cumulative share of the total held by those customers; non-decreasing from 0 to 1, convex. */
  valueShare: Float64Array;
}

/** The values checked and sorted ascending (a copy: the input is never touched). */
interface SortedValues {
  sorted: Float64Array;
  /** sorted[0] + ... + sorted[n - 1], summed in that order. */
  total: number;
}

/** Checks per-customer values (non-negative, finite), sorts a copy ascending and totals it. */
function sortValues(values: ArrayLike<number>): SortedValues {
  const n = values === null || typeof values !== "object" ? Number.NaN : values.length;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InvalidInputError({ field: "values", value: values, expected: "an array (or array-like) of numbers" });
  }
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new InvalidInputError({ field: "values", value: v, expected: "a finite number of at least 0", row: i });
    }
    sorted[i] = v;
  }
  sorted.sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i] ?? 0;
  if (!Number.isFinite(total)) {
    throw new InvalidInputError({ field: "values", value: total, expected: "values whose total is a finite number" });
  }
  return { sorted, total };
}

/**
 * The Lorenz curve of per-customer values: the share of the total held by the poorest share of
 * customers.
 *
 * Formula: sort the n values ascending, x(1) <= ... <= x(n); point i (i = 0..n) is
 * (i / n, (x(1) + ... + x(i)) / total). Joining the points with straight lines gives the curve.
 *
 * @param values - one non-negative finite value per customer (revenue, say), any order
 * @returns the curve (n + 1 points), or `null` when there are no values or their total is 0
 *   (every share would be 0 / 0)
 * @throws {@link InvalidInputError} naming the index of the first value that is negative, NaN or
 *   infinite
 * @see M. O. Lorenz (1905), "Methods of Measuring the Concentration of Wealth", Publications of the
 *   American Statistical Association 9(70), 209-219.
 * @example
 * ```ts
 * import { lorenzCurve } from "retention-metrics";
 * const curve = lorenzCurve([30, 10, 60]);
 * console.log(Array.from(curve.customerShare, (x) => x.toFixed(2))); // ["0.00","0.33","0.67","1.00"]
 * console.log(Array.from(curve.valueShare)); // [0,0.1,0.4,1]
 * ```
 * @category Statistics
 */
export function lorenzCurve(values: ArrayLike<number>): LorenzCurve | null {
  const { sorted, total } = sortValues(values);
  const n = sorted.length;
  if (n === 0 || total === 0) return null;
  const customerShare = new Float64Array(n + 1);
  const valueShare = new Float64Array(n + 1);
  let cumulative = 0;
  for (let i = 1; i <= n; i++) {
    cumulative += sorted[i - 1] ?? 0;
    customerShare[i] = i / n;
    valueShare[i] = cumulative / total; // the last one is total / total = 1 exactly (same summation)
  }
  return { customerShare, valueShare };
}

/**
 * The Gini coefficient of per-customer values: 0 when every customer has the same value, close to
 * 1 when one customer has everything.
 *
 * Formula (population Gini, without the small-sample factor n / (n - 1)): with the values sorted
 * ascending, x(1) <= ... <= x(n), G = sum over i of (2i - n - 1) x(i) / (n * total). Equivalently,
 * G = 1 - 2 * (area under the Lorenz curve joined by straight lines), or the mean absolute
 * difference between all pairs divided by twice the mean. It lies in [0, (n - 1) / n], so below 1:
 * (0, 0, 0, 1) gives 0.75.
 *
 * @param values - one non-negative finite value per customer, any order
 * @returns the Gini coefficient in [0, 1), or `null` when there are no values or their total is 0
 * @throws {@link InvalidInputError} naming the index of the first value that is negative, NaN or
 *   infinite
 * @see C. Gini (1912), "Variabilità e mutabilità"; the sorted-values form as in A. Sen (1973),
 *   On Economic Inequality, and "Gini coefficient" (Wikipedia), section "Calculation".
 * @example
 * ```ts
 * import { giniCoefficient } from "retention-metrics";
 * console.log(giniCoefficient([5, 5, 5, 5]), giniCoefficient([0, 0, 0, 1])); // 0 0.75
 * ```
 * @category Statistics
 */
export function giniCoefficient(values: ArrayLike<number>): number | null {
  const { sorted, total } = sortValues(values);
  const n = sorted.length;
  if (n === 0 || total === 0) return null;
  let g = weightedShare(sorted, 1, total);
  // Values near the largest number overflow the weighted sum or n * total though their total is
  // finite: then the same sum is taken on the values scaled by 2^-512, which is exact.
  if (!Number.isFinite(g)) g = weightedShare(sorted, 2 ** -512, total * 2 ** -512);
  // The clamp only repairs rounding (equal values can give -1e-17).
  return Math.min((n - 1) / n, Math.max(0, g));
}

/** sum over i of (2i + 1 - n) x(i) scale / (n * total), NaN or infinite when a step overflows. */
function weightedShare(sorted: Float64Array, scale: number, total: number): number {
  const n = sorted.length;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (2 * i + 1 - n) * ((sorted[i] ?? 0) * scale);
  const denominator = n * total;
  // An infinite denominator would give a finite but wrong 0: report it as an overflow too.
  return Number.isFinite(denominator) ? weighted / denominator : Number.NaN;
}

/**
 * The share of the total held by the top `fraction` of customers (the "80" of "20% of customers
 * make 80% of revenue").
 *
 * Formula: with n customers, the top k = fraction * n customers by value. A fractional k counts
 * the floor(k) largest values in full and the next largest value in proportion to k - floor(k):
 * topShare = (x[1] + ... + x[floor(k)] + (k - floor(k)) * x[floor(k) + 1]) / total, values sorted
 * descending. This is 1 - L(1 - fraction) on the Lorenz curve L joined by straight lines, so it is
 * continuous and non-decreasing in `fraction`.
 *
 * @param values - one non-negative finite value per customer, any order
 * @param fraction - the share of customers at the top, from 0 to 1 (0.2 for the top 20%)
 * @returns the share of the total in [0, 1], or `null` when there are no values or their total is 0
 * @throws {@link InvalidInputError} naming the index of the first invalid value, or when `fraction`
 *   is not a number from 0 to 1
 * @see The Pareto principle ("80/20 rule", J. M. Juran after V. Pareto);
 *   [revenue concentration](../../docs/definitions.md#revenue-concentration).
 * @example
 * ```ts
 * import { topShare } from "retention-metrics";
 * // the top customer holds 40 of 100
 * console.log(topShare([10, 20, 30, 40], 0.25)); // 0.4
 * // k = 1.2 customers: 40 + 0.2 * 30 of 100
 * console.log(topShare([10, 20, 30, 40], 0.3)); // 0.46
 * ```
 * @category Statistics
 */
export function topShare(values: ArrayLike<number>, fraction: number): number | null {
  requireFraction(fraction, "fraction");
  const { sorted, total } = sortValues(values);
  const n = sorted.length;
  if (n === 0 || total === 0) return null;
  // Continuous in k, so a k rounded off a whole number (0.1 * 30 = 3.0000000000000004) changes
  // the share only in its last digits.
  const k = fraction * n;
  if (k >= n) return 1;
  const whole = Math.floor(k);
  let top = (k - whole) * (sorted[n - 1 - whole] ?? 0);
  for (let i = n - whole; i < n; i++) top += sorted[i] ?? 0;
  return Math.min(1, top / total);
}
