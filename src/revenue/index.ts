/**
 * Revenue analyses: revenue concentration (and, later, subscription MRR movements).
 *
 * @module revenue
 */
export { revenueConcentration } from "./revenueConcentration.ts";
export type { LorenzPoint, RevenueConcentrationOptions, RevenueConcentrationResult, TopShareValue } from "./revenueConcentration.ts";
