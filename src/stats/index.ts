/**
 * Statistics under the formulas: the inverse normal distribution, Wilson intervals for
 * proportions, the standard error of an NPS, and revenue concentration (Lorenz curve, Gini
 * coefficient, top-customer share).
 *
 * @module retention-metrics/stats
 */
export { normalQuantile } from "./normalQuantile.ts";
export { wilsonInterval } from "./wilson.ts";
export type { ConfidenceInterval, ProportionCounts, WilsonIntervalOptions } from "./wilson.ts";
export { npsStandardError } from "./npsStandardError.ts";
export type { NpsCounts } from "./npsStandardError.ts";
export { giniCoefficient, lorenzCurve, topShare } from "./concentration.ts";
export type { LorenzCurve } from "./concentration.ts";
export { quantileSorted } from "./quantile.ts";
