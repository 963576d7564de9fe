/**
 * What the proportion-type rates (retention, churn, repeat, renewal) return: a plain number, or the
 * number with a Wilson interval when asked for.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { wilsonInterval } from "../stats/wilson.ts";
import { requireOptions } from "../validate.ts";

/**
 * Options of a rate asked for as a plain number (the default).
 *
 * @category Formulas
 */
export interface PointRateOptions {
  /** `false` or absent: return the rate alone. */
  interval?: false;
}

/**
 * Options of a rate asked for with its confidence interval.
 *
 * @category Formulas
 */
export interface RateIntervalOptions {
  /** `true`: return the rate with a Wilson score interval. */
  interval: true;
  /** The two-sided confidence level, strictly between 0 and 1; default 0.95. */
  confidence?: number;
}

/**
 * Options of a rate when whether to add an interval is only known at run time.
 *
 * @category Formulas
 */
export interface RateOptions {
  /** Whether to return the rate with a Wilson score interval; default `false`. */
  interval?: boolean;
  /** The two-sided confidence level, strictly between 0 and 1, used with `interval: true`; default 0.95. */
  confidence?: number;
}

/**
 * A rate in [0, 1] with its Wilson score confidence interval.
 *
 * @category Formulas
 */
export interface RateWithInterval {
  /** The rate itself (the point estimate), in [0, 1]. */
  rate: number;
  /** The lower bound of the interval, in [0, rate]. */
  lower: number;
  /** The upper bound of the interval, in [rate, 1]. */
  upper: number;
  /** The confidence level of the interval, e.g. 0.95. */
  confidence: number;
}

/**
 * The result of a proportion-type rate: `part / whole`, with its Wilson interval when
 * `options.interval` is `true`. The caller has already checked that `part` and `whole` are counts
 * with 0 <= part <= whole and whole > 0.
 *
 * Formula: rate = part / whole; interval as in {@link wilsonInterval} with successes = part and
 * trials = whole.
 *
 * @internal
 * @param part - the counted part (customers retained, say)
 * @param whole - the counts' base (customers at the start, say)
 * @param options - the caller's rate options, if any
 * @returns the rate, or `{ rate, lower, upper, confidence }`
 * @throws {@link InvalidInputError} when the options are not an object, `interval` is not a
 *   boolean, or `confidence` is not strictly between 0 and 1
 * @see E. B. Wilson (1927), JASA 22(158), 209-212.
 * @example
 * ```ts
 * import { churnRate } from "retention-metrics";
 * const churn = churnRate({ customersAtStart: 200, customersLost: 20 }, { interval: true });
 * console.log(churn.rate, churn.lower.toFixed(3), churn.upper.toFixed(3), churn.confidence); // 0.1 "0.066" "0.149" 0.95
 * ```
 */
export function rateResult(part: number, whole: number, options: RateOptions | undefined): number | RateWithInterval {
  const rate = part / whole;
  requireOptions(options, "options", "{ interval: true }");
  if (options === undefined) return rate;
  const { interval, confidence } = options;
  if (interval !== undefined && typeof interval !== "boolean") {
    throw new InvalidInputError({ field: "interval", value: interval, expected: "true or false" });
  }
  if (interval !== true) return rate;
  const bounds = wilsonInterval({ successes: part, trials: whole }, confidence === undefined ? {} : { confidence });
  return { rate, ...bounds };
}
