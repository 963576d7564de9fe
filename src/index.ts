/**
 * retention-metrics: retention, churn, cohort, lifetime-value and active-user
 * metrics from raw customer data, with exact money and calendar periods in any
 * time zone. This entry re-exports every layer; import a layer's entry
 * (`retention-metrics/metrics`, `retention-metrics/periods`, ...) for the
 * smallest bundles.
 *
 * @module retention-metrics
 */
export * from "./errors.ts";
export * from "./money.ts";
export * from "./periods/index.ts";
export * from "./metrics/index.ts";
export * from "./stats/index.ts";
export * from "./events/index.ts";
export * from "./subscriptions/index.ts";
export * from "./activity/index.ts";
export * from "./revenue/index.ts";
export * from "./cohorts/index.ts";
export * from "./render/index.ts";
export * from "./clv/index.ts";
