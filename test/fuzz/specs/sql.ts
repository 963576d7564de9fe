/**
 * Fuzz specs of `retention-metrics/sql`: warehouse with its @example's
 * settings (a driver that returns no rows: the fuzzer calls no engine).
 * `query` is not mutated: with a driver that resolves to something other than
 * rows, the methods reject with a typed error, and the walker of results
 * counts any rejection of a zero-argument method as a defect.
 */
import { call, fn, type LayerSpecs, optionPaths } from "../spec.ts";

/** The options of rfmSummary a warehouse takes (its own reading options, fields and epochUnit, are refused). */
const RFM_OPTIONS = ["observationEnd", "calibrationEnd", "timeUnit", "groupBy", "weekStartsOn", "timeZone", "onInvalid", "currencyScale", "fields", "epochUnit"] as const;

export default {
  entry: "./sql",
  specs: {
    warehouse: fn(
      () => [{
        dialect: "postgres", query: async () => [], events: { from: "analytics.orders", customerId: "user_id", at: "created_at", amount: "total" },
        // With subscriptions, so that the zero-argument mrrMovements() of the result has data to read (none).
        subscriptions: { from: "billing.subscriptions", customerId: "account_id", start: "starts_at", end: "ends_at", canceledAt: "canceled_at", mrr: "mrr" },
      }],
      [
        "0",
        ...optionPaths(0, ["dialect", "events", "onSkipped", "queryStream"]),
        "0.events.from", "0.events.customerId", "0.events.at", "0.events.amount", "0.events.epochUnit",
        "0.subscriptions.from", "0.subscriptions.customerId", "0.subscriptions.start", "0.subscriptions.end", "0.subscriptions.canceledAt", "0.subscriptions.mrr", "0.subscriptions.epochUnit",
      ],
      {
        // The guide's options; with a driver that returns no rows there is no data, so the rows are none.
        methods: {
          activeUsers: call(() => [{ definition: "trailing", weekWindow: 7, monthWindow: 28, interval: true }], optionPaths(0, ["definition", "weekWindow", "monthWindow", "interval", "confidence", "timeZone", "from", "to", "fields"]), "docs/guide/warehouse.md"),
          survivalCurve: call(() => [{ period: "month", churnAfter: 2, groupBy: "cohort", confidence: 0.9 }], optionPaths(0, ["period", "churnAfter", "groupBy", "confidence", "timeZone", "from", "to"]), "docs/guide/warehouse.md"),
          lness: call(() => [{ days: 7, end: "2024-03-31", timeZone: "Europe/Paris" }], optionPaths(0, ["days", "end", "timeZone", "epochUnit"]), "docs/guide/warehouse.md"),
          rfmSummary: call(() => [{ observationEnd: "2024-01-31", calibrationEnd: "2024-01-15", groupBy: "week" }], optionPaths(0, RFM_OPTIONS), "docs/guide/warehouse.md"),
          mrrMovements: call(() => [{ period: "month", movements: "snapshot", churnRecognition: "cancelDate", groupWithin: 3_600_000, reactivationGap: 0 }], optionPaths(0, ["period", "movements", "churnRecognition", "groupWithin", "reactivationGap", "timeZone", "from", "to", "fields", "shape"]), "docs/guide/warehouse.md"),
          cohortMatrix: call(() => [{ period: "week", mode: "bracket", brackets: [1, 4], minEvents: 2, entry: "recurring", window: "rolling" }], optionPaths(0, ["period", "mode", "brackets", "minEvents", "entry", "window", "measure", "maxOffset", "cohortBy", "startEvent"]), "docs/guide/warehouse.md"),
          lifecycle: call(() => [{ period: "month", newBy: "createdAt", createdAt: new Map([["a", "2024-01-01"]]), dormant: "state" }], optionPaths(0, ["newBy", "createdAt", "dormant", "period"]), "docs/guide/warehouse.md"),
          rfmHistories: call(() => [{ observationEnd: "2024-01-31", monetaryValue: true }], optionPaths(0, [...RFM_OPTIONS, "monetaryValue"]), "docs/guide/warehouse.md"),
        },
      },
    ),
  },
} satisfies LayerSpecs;
