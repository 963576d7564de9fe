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
      () => [{ dialect: "postgres", query: async () => [], events: { from: "analytics.orders", customerId: "user_id", at: "created_at", amount: "total" } }],
      [
        "0",
        ...optionPaths(0, ["dialect", "events", "onSkipped"]),
        "0.events.from", "0.events.customerId", "0.events.at", "0.events.amount", "0.events.epochUnit",
      ],
      {
        // The guide's options; with a driver that returns no rows there is no data, so the rows are none.
        methods: {
          activeUsers: call(() => [{ definition: "trailing", weekWindow: 7, monthWindow: 28, interval: true }], optionPaths(0, ["definition", "weekWindow", "monthWindow", "interval", "confidence", "timeZone", "from", "to", "fields"]), "docs/guide/warehouse.md"),
          survivalCurve: call(() => [{ period: "month", churnAfter: 2, groupBy: "cohort", confidence: 0.9 }], optionPaths(0, ["period", "churnAfter", "groupBy", "confidence", "timeZone", "from", "to"]), "docs/guide/warehouse.md"),
          lness: call(() => [{ days: 7, end: "2024-03-31", timeZone: "Europe/Paris" }], optionPaths(0, ["days", "end", "timeZone", "epochUnit"]), "docs/guide/warehouse.md"),
          rfmSummary: call(() => [{ observationEnd: "2024-01-31", calibrationEnd: "2024-01-15", groupBy: "week" }], optionPaths(0, RFM_OPTIONS), "docs/guide/warehouse.md"),
          rfmHistories: call(() => [{ observationEnd: "2024-01-31", monetaryValue: true }], optionPaths(0, [...RFM_OPTIONS, "monetaryValue"]), "docs/guide/warehouse.md"),
        },
      },
    ),
  },
} satisfies LayerSpecs;
