/**
 * Formula functions on aggregates: retention, churn, repeat purchase, order value, lifetime value,
 * acquisition cost, stickiness, NPS, email engagement and renewal. Each takes one named-object
 * argument; the proportion-type rates can add a Wilson interval.
 *
 * @module retention-metrics/metrics
 */
export { churnRate, customerRetentionRate } from "./retention.ts";
export type { ChurnRateInput, CustomerRetentionRateInput } from "./retention.ts";
export { averageOrderValue, purchaseFrequency, repeatCustomerRate } from "./purchases.ts";
export type { AverageOrderValueInput, PurchaseFrequencyInput, RepeatCustomerRateInput } from "./purchases.ts";
export { renewalRate } from "./renewal.ts";
export type { RenewalRateInput } from "./renewal.ts";
export type { PointRateOptions, RateIntervalOptions, RateOptions, RateWithInterval } from "./rateOptions.ts";
export { customerLifetimeValue, netCustomerValue, retentionLifetimeValue } from "./lifetimeValue.ts";
export type { CustomerLifetimeValueInput, NetCustomerValueInput, RetentionLifetimeValueInput } from "./lifetimeValue.ts";
export { customerAcquisitionCost, ltvToCacRatio } from "./acquisition.ts";
export type { CustomerAcquisitionCostInput, LtvToCacRatioInput } from "./acquisition.ts";
export { stickiness } from "./stickiness.ts";
export type { StickinessInput } from "./stickiness.ts";
export { netPromoterScore } from "./nps.ts";
export type { NetPromoterScoreResult } from "./nps.ts";
export { emailEngagement } from "./email.ts";
export type { EmailEngagement, EmailEngagementInput } from "./email.ts";
