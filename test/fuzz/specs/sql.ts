/**
 * Fuzz specs of `retention-metrics/sql`: warehouse with its @example's
 * settings (a driver that returns no rows: the fuzzer calls no engine).
 * `query` is not mutated: with a driver that resolves to something other than
 * rows, the methods reject with a typed error, and the walker of results
 * counts any rejection of a zero-argument method as a defect.
 */
import { fn, type LayerSpecs, optionPaths } from "../spec.ts";

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
    ),
  },
} satisfies LayerSpecs;
