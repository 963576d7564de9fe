/** Fuzz specs of `retention-metrics/cohorts`: arguments of each function's @example. */
import { EVENT_TABLE_OPTIONS, fn, type LayerSpecs, optionPaths, PERIOD_OPTIONS, rowPaths } from "../spec.ts";

export default {
  entry: "./cohorts",
  specs: {
    cohortMatrix: fn(
      () => [
        [
          // The @example's events, with names (issue #15) so that startEvent and returnEvent have some to select.
          { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20, event: "signup" },
          { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 30, event: "signup" },
          { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 15, event: "purchase" },
          { customerId: "c", at: "2024-02-15T10:00:00Z", amount: 40, event: "signup" },
          { customerId: "c", at: "2024-03-02T10:00:00Z", amount: 10, event: "purchase" },
        ],
        { period: "month", to: "2024-03-15T00:00:00Z" },
      ],
      [
        ...rowPaths(0, ["customerId", "at", "amount", "event"]),
        ...optionPaths(1, [...PERIOD_OPTIONS, "mode", "brackets", "minEvents", "entry", "window", "measure", "cohortOf", "maxOffset", "interval", "confidence", "mean", "startEvent", "returnEvent", ...EVENT_TABLE_OPTIONS, "fields.at", "fields.event"]),
      ],
    ),
    mrrCohorts: fn(
      () => [
        [
          { customerId: "a", at: "2024-01-10", mrr: 100 },
          { customerId: "b", at: "2024-01-20", mrr: 100 },
          { customerId: "a", at: "2024-02-15", mrr: 150 },
          { customerId: "b", at: "2024-03-05", mrr: 0 },
        ],
        { period: "month", to: "2024-04-01" },
      ],
      [...rowPaths(0, ["customerId", "at", "mrr"]), ...optionPaths(1, [...PERIOD_OPTIONS, "shape", "fields", "onInvalid", "currencyScale", "churnRecognition", "groupWithin", "reactivationGap"])],
    ),
    survivalCurve: fn(
      () => [
        [
          { customerId: "a", at: "2024-01-05T00:00:00Z" },
          { customerId: "b", at: "2024-01-07T00:00:00Z" },
          { customerId: "b", at: "2024-02-07T00:00:00Z" },
          { customerId: "c", at: "2024-01-09T00:00:00Z" },
          { customerId: "c", at: "2024-04-09T00:00:00Z" },
        ],
        { period: "month", churnAfter: 1, to: "2024-05-01T00:00:00Z" },
      ],
      [...rowPaths(0, ["customerId", "at"]), ...optionPaths(1, [...PERIOD_OPTIONS, "churnAfter", "groupBy", "confidence", "startEvent", "returnEvent", ...EVENT_TABLE_OPTIONS, "fields.at"])],
    ),
  },
} satisfies LayerSpecs;
