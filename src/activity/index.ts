/**
 * Period analytics from events: period summaries, active users, L-ness,
 * lifecycle and inter-purchase times.
 *
 * @module activity
 */
export { periodSummary } from "./periodSummary.ts";
export type { PeriodSummaryIntervals, PeriodSummaryOptions, PeriodSummaryRow } from "./periodSummary.ts";
export { activeUsers } from "./activeUsers.ts";
export type { ActiveUsersDay, ActiveUsersDefinition, ActiveUsersOptions, ActiveUsersResult } from "./activeUsers.ts";
export { lness } from "./lness.ts";
export type { LnessBar, LnessOptions, LnessResult } from "./lness.ts";
export { lifecycle } from "./lifecycle.ts";
export type { CreatedAt, LifecycleDormant, LifecycleNewBy, LifecycleOptions, LifecycleRow } from "./lifecycle.ts";
export { interPurchaseTimes } from "./interPurchaseTimes.ts";
export type { GapBin, GapStatistics, GapUnit, InterPurchaseTimesOptions, InterPurchaseTimesResult, QuantileValue } from "./interPurchaseTimes.ts";
