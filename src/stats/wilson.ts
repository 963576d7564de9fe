/**
 * Confidence intervals for a proportion.
 *
 * @module
 */
import { requireCount, requireNotGreater, requireOpenFraction, requireOptions, requirePositiveCount, requireRecord } from "../validate.ts";
import { normalQuantile } from "./normalQuantile.ts";
import { InvalidInputError } from "../errors.ts";

/**
 * A proportion as counts: `successes` out of `trials`.
 *
 * @category Statistics
 */
export interface ProportionCounts {
  /** The number of trials that succeeded (customers retained, say); an integer from 0 to `trials`. */
  successes: number;
  /** The number of trials (customers at the start, say); a positive integer. */
  trials: number;
}

/**
 * Options of {@link wilsonInterval}.
 *
 * @category Statistics
 */
export interface WilsonIntervalOptions {
  /** The two-sided confidence level, strictly between 0 and 1; default 0.95. */
  confidence?: number;
}

/**
 * A two-sided confidence interval for a quantity in [0, 1].
 *
 * @category Statistics
 */
export interface ConfidenceInterval {
  /** The lower bound, in [0, 1]. */
  lower: number;
  /** The upper bound, in [lower, 1]. */
  upper: number;
  /** The confidence level the interval was computed for, e.g. 0.95. */
  confidence: number;
}

/** The default confidence level. */
const DEFAULT_CONFIDENCE = 0.95;

/**
 * The Wilson score interval for a binomial proportion.
 *
 * Formula: with n trials, x successes and z = Phi^-1(1 - (1 - confidence) / 2),
 * bounds = (2x + z^2 -/+ z * sqrt(z^2 + 4x(n - x)/n)) / (2(n + z^2)),
 * which is the textbook (p + z^2/2n -/+ z sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n) with p = x/n
 * written without cancellation. Unlike the normal (Wald) interval it stays inside [0, 1], is never
 * empty at x = 0 or x = n, and always contains x/n; the bounds are exactly 0 when x = 0 and exactly
 * 1 when x = n.
 *
 * @param counts - `successes` (an integer from 0 to `trials`) and `trials` (a positive integer)
 * @param options - `confidence`, strictly between 0 and 1 (default 0.95)
 * @returns `{ lower, upper, confidence }`
 * @throws {@link InvalidInputError} when a count is not a non-negative integer, `trials` is 0, or
 *   `confidence` is not strictly between 0 and 1
 * @throws {@link InconsistentDataError} when `successes` exceeds `trials`
 * @see E. B. Wilson (1927), "Probable Inference, the Law of Succession, and Statistical Inference",
 *   Journal of the American Statistical Association 22(158), 209-212; recommended over the Wald
 *   interval by Brown, Cai and DasGupta (2001), Statistical Science 16(2), 101-133.
 * @example
 * ```ts
 * import { wilsonInterval } from "retention-metrics";
 * const ci = wilsonInterval({ successes: 5, trials: 10 });
 * console.log(ci.lower.toFixed(4), ci.upper.toFixed(4), ci.confidence); // "0.2366" "0.7634" 0.95
 * ```
 * @category Statistics
 */
export function wilsonInterval(counts: ProportionCounts, options: WilsonIntervalOptions = {}): ConfidenceInterval {
  requireRecord(counts, "counts", ["successes", "trials"]);
  requireOptions(options, "options", "{ confidence: 0.95 }");
  const x = requireCount(counts.successes, "successes");
  const n = requirePositiveCount(counts.trials, "trials");
  requireNotGreater("successes", x, "trials", n, "a proportion cannot have more successes than trials");
  const confidence = options.confidence === undefined ? DEFAULT_CONFIDENCE : requireOpenFraction(options.confidence, "confidence");
  // The lower tail of the quantile is the more accurate one when confidence is near 1.
  const z = -normalQuantile((1 - confidence) / 2);
  const p = x / n;
  const zz = z * z;
  const spread = z * Math.sqrt(zz + (4 * x * (n - x)) / n);
  const denominator = 2 * (n + zz);
  // Clamping only repairs rounding: mathematically lower <= p <= upper and both lie in [0, 1].
  const lower = x === 0 ? 0 : Math.min(p, Math.max(0, (2 * x + zz - spread) / denominator));
  const upper = x === n ? 1 : Math.max(p, Math.min(1, (2 * x + zz + spread) / denominator));
  return { lower, upper, confidence };
}

/**
 * The `interval` and `confidence` options of an analysis that can add Wilson intervals to its
 * rates, checked: `interval` a boolean (default false), `confidence` strictly between 0 and 1
 * (default 0.95).
 *
 * @throws {@link InvalidInputError} naming `interval` or `confidence`
 * @internal
 */
export function resolveIntervalOptions(options: { interval?: unknown; confidence?: unknown }): { interval: boolean; confidence: number } {
  const interval = options.interval ?? false;
  if (typeof interval !== "boolean") throw new InvalidInputError({ field: "interval", value: interval, expected: "true or false" });
  const confidence = options.confidence === undefined ? DEFAULT_CONFIDENCE : requireOpenFraction(options.confidence, "confidence");
  return { interval, confidence };
}
