/**
 * Fuzz specs of `retention-metrics/revenue`: arguments of each function's
 * @example. (Its re-exports of subscriptionTable, SubscriptionTable and
 * mrrCohorts are the same objects as in their own entries, whose specs cover them.)
 */
import { fn, type LayerSpecs, optionPaths, PERIOD_OPTIONS, rowPaths } from "../spec.ts";

const SUBSCRIPTION_OPTIONS = [...PERIOD_OPTIONS, "shape", "fields", "onInvalid", "currencyScale"];

export default {
  entry: "./revenue",
  specs: {
    revenueConcentration: fn(
      () => [[
        { customerId: "a", at: 1, amount: 80 },
        { customerId: "b", at: 2, amount: 10 },
        { customerId: "c", at: 3, amount: 5 },
        { customerId: "d", at: 4, amount: 3 },
        { customerId: "e", at: 5, amount: 2 },
      ]],
      [...rowPaths(0, ["customerId", "at", "amount"]), ...optionPaths(1, ["top", "lorenzPoints", "from", "to", "timeZone", "fields", "onInvalid", "currencyScale", "fields.amount", "returnEvent", "startEvent"])],
    ),
    mrrMovements: fn(
      () => [
        [
          { customerId: "a", start: "2024-01-01", end: "2024-02-10", mrr: 100 },
          { customerId: "a", start: "2024-02-10", mrr: 150 },
          { customerId: "b", start: "2024-01-15", end: "2024-02-20", mrr: 50 },
          { customerId: "c", start: "2024-02-05", mrr: 30 },
        ],
        { period: "month", to: "2024-03-01" },
      ],
      [
        ...rowPaths(0, ["customerId", "start", "end", "canceledAt", "mrr"]),
        ...optionPaths(1, [...SUBSCRIPTION_OPTIONS, "movements", "churnRecognition", "groupWithin", "reactivationGap"]),
      ],
    ),
    subscriptionRenewalRate: fn(
      () => [
        [
          { customerId: "a", start: "2023-03-01", end: "2024-03-01", mrr: 100 },
          { customerId: "a", start: "2024-03-01", end: "2025-03-01", mrr: 110 },
          { customerId: "b", start: "2023-03-10", end: "2024-03-10", mrr: 80 },
          { customerId: "c", start: "2023-03-20", end: "2024-03-20", mrr: 50 },
          { customerId: "c", start: "2024-03-25", end: "2025-03-25", mrr: 50 },
        ],
        { from: "2024-03-01", to: "2024-04-01", graceDays: 7 },
      ],
      [...rowPaths(0, ["customerId", "start", "end", "mrr"]), ...optionPaths(1, [...SUBSCRIPTION_OPTIONS, "graceDays"])],
    ),
  },
} satisfies LayerSpecs;
