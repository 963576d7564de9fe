/**
 * Revenue analyses: revenue concentration over customers, and subscription
 * revenue: MRR movements and contract renewals. The subscription input
 * (`subscriptionTable`) lives in `retention-metrics/subscriptions` and MRR
 * cohorts in `retention-metrics/cohorts`; both are re-exported here as before.
 *
 * @module revenue
 */
export { revenueConcentration } from "./revenueConcentration.ts";
export type { LorenzPoint, RevenueConcentrationOptions, RevenueConcentrationResult, TopShareValue } from "./revenueConcentration.ts";
export { mrrMovements } from "./mrrMovements.ts";
export type { MrrMovementMode, MrrMovementRow, MrrMovementsOptions } from "./mrrMovements.ts";
export { subscriptionRenewalRate } from "./renewals.ts";
export type { SubscriptionRenewalOptions, SubscriptionRenewalRow } from "./renewals.ts";

// Kept for code that imported them from this entry before they moved (0.2.0).
export * from "../subscriptions/index.ts";
export { mrrCohorts } from "../cohorts/mrrCohorts.ts";
export type { MrrCohort, MrrCohortMatrix, MrrCohortsOptions } from "../cohorts/mrrCohorts.ts";
