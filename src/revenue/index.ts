/**
 * Revenue analyses: revenue concentration over customers, and subscription
 * revenue: MRR movements, revenue retention by cohort and contract renewals.
 *
 * @module revenue
 */
export { revenueConcentration } from "./revenueConcentration.ts";
export type { LorenzPoint, RevenueConcentrationOptions, RevenueConcentrationResult, TopShareValue } from "./revenueConcentration.ts";
export { subscriptionTable } from "./subscriptionsBuild.ts";
export { SubscriptionTable } from "./subscriptionsTable.ts";
export type {
  MrrChangeColumns,
  MrrChangeRow,
  SkippedSubscriptionRow,
  SkippedSubscriptionRows,
  SubscriptionChange,
  SubscriptionColumns,
  SubscriptionField,
  SubscriptionFields,
  SubscriptionIntervalColumns,
  SubscriptionIntervalRow,
  SubscriptionRow,
  SubscriptionsArgument,
  SubscriptionShape,
  SubscriptionTableOptions,
} from "./subscriptionsTypes.ts";
export type { SubscriptionAnalysisOptions } from "./subscriptionsWindow.ts";
export { mrrMovements } from "./mrrMovements.ts";
export type { MrrMovementRow, MrrMovementsOptions } from "./mrrMovements.ts";
export { mrrCohorts } from "./mrrCohorts.ts";
export type { MrrCohort, MrrCohortMatrix, MrrCohortsOptions } from "./mrrCohorts.ts";
export { subscriptionRenewalRate } from "./renewals.ts";
export type { SubscriptionRenewalOptions, SubscriptionRenewalRow } from "./renewals.ts";
