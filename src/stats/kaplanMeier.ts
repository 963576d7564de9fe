/**
 * The Kaplan-Meier estimator on whole-period times, with Greenwood standard
 * errors and log-log confidence bands.
 *
 * @internal
 * @module
 */
import { normalQuantile } from "./normalQuantile.ts";

/**
 * One offset of a survival curve.
 *
 * @category Statistics
 */
export interface SurvivalPoint {
  /** Periods since the first. */
  offset: number;
  /** n: customers at risk at this offset (not yet churned, not yet censored before it). */
  atRisk: number;
  /** d: customers whose lifetime ended here (alive through offset - 1, not at this offset). */
  churned: number;
  /** Customers last seen alive at this offset whose outcome is not yet known (censored after it). */
  censored: number;
  /** Kaplan-Meier estimate of P(still alive at this offset): product over offsets j <= k of (1 - d/n). */
  survival: number;
  /** Greenwood standard error S * sqrt(sum d / (n (n - d))); `null` once the curve has reached 0. */
  standardError: number | null;
  /** Lower bound of the log-log confidence band; `null` once the curve has reached 0. */
  lower: number | null;
  /** Upper bound of the log-log confidence band; `null` once the curve has reached 0. */
  upper: number | null;
}

/**
 * Kaplan-Meier over integer times: `churned[t]` lifetimes of exactly t periods
 * (alive at offsets 0..t-1) and `censored[t]` known to be alive at offset t with
 * nothing known after. At offset k: n = lifetimes >= k plus censored >= k,
 * S(k) = S(k - 1) (1 - d / n); Greenwood: var = S^2 sum d / (n (n - d));
 * log-log band: S^exp(+/- z sqrt(sum d / (n (n - d))) / |ln S|), which stays
 * inside [0, 1]. Where S is 1 the band is [1, 1].
 */
export function kaplanMeier(churned: Float64Array, censored: Float64Array, confidence: number): SurvivalPoint[] {
  const length = churned.length;
  let atRisk = 0;
  for (let t = 0; t < length; t++) atRisk += churned[t]! + censored[t]!;
  const z = -normalQuantile((1 - confidence) / 2);
  const points: SurvivalPoint[] = [];
  let survival = 1;
  let greenwood = 0;
  for (let k = 0; k < length; k++) {
    const d = churned[k]!;
    if (d > 0) {
      survival *= (atRisk - d) / atRisk;
      greenwood += atRisk === d ? Infinity : d / (atRisk * (atRisk - d));
    }
    points.push({ offset: k, atRisk, churned: d, censored: censored[k]!, survival, ...band(survival, greenwood, z) });
    atRisk -= d + censored[k]!;
  }
  return points;
}

/** Greenwood standard error and log-log band of one estimate. */
function band(s: number, greenwood: number, z: number): Pick<SurvivalPoint, "standardError" | "lower" | "upper"> {
  if (s <= 0 || !Number.isFinite(greenwood)) return { standardError: null, lower: null, upper: null };
  if (s >= 1 || greenwood === 0) return { standardError: 0, lower: s, upper: s };
  const theta = (z * Math.sqrt(greenwood)) / Math.abs(Math.log(s));
  return { standardError: s * Math.sqrt(greenwood), lower: s ** Math.exp(theta), upper: s ** Math.exp(-theta) };
}

/** The smallest offset whose survival is at most 1/2, or null when the curve stays above. */
export function medianOffset(points: readonly SurvivalPoint[]): number | null {
  for (const p of points) if (p.survival <= 0.5) return p.offset;
  return null;
}
