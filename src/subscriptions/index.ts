/**
 * Subscription input: contract intervals or MRR changes normalised into a
 * {@link SubscriptionTable} (encoded ids, MRR steps in minor units), which
 * every subscription analysis also accepts.
 *
 * @module subscriptions
 */
export { subscriptionTable } from "./subscriptionTable.ts";
export { SubscriptionTable } from "./table.ts";
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
} from "./types.ts";
export type { SubscriptionAnalysisOptions } from "./window.ts";
export type { ChurnRecognition, MrrConventionOptions } from "./mrrSteps.ts";
