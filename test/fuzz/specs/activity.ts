/** Fuzz specs of `retention-metrics/activity`: arguments of each function's @example. */
import { EVENT_TABLE_OPTIONS, fn, type LayerSpecs, optionPaths, PERIOD_OPTIONS, rowPaths } from "../spec.ts";

const EVENT = ["customerId", "at", "amount"];

export default {
  entry: "./activity",
  specs: {
    activeUsers: fn(
      () => [[
        { customerId: "a", at: "2024-05-01T08:00:00Z" },
        { customerId: "b", at: "2024-05-02T08:00:00Z" },
        { customerId: "a", at: "2024-05-02T09:00:00Z" },
      ]],
      [...rowPaths(0, EVENT), ...optionPaths(1, ["definition", "weekWindow", "monthWindow", "interval", "confidence", "timeZone", "from", "to", "returnEvent", "startEvent", ...EVENT_TABLE_OPTIONS, "fields.at"])],
    ),
    interPurchaseTimes: fn(
      () => [[
        { customerId: "a", at: "2024-01-01T00:00:00Z" },
        { customerId: "a", at: "2024-01-11T00:00:00Z" },
        { customerId: "a", at: "2024-01-15T00:00:00Z" },
      ]],
      [...rowPaths(0, EVENT), ...optionPaths(1, ["unit", "quantiles", "bins", "timeZone", "from", "to", "returnEvent", "startEvent", ...EVENT_TABLE_OPTIONS, "fields.at"])],
    ),
    lifecycle: fn(
      () => [[
        { customerId: "a", at: "2024-01-05T00:00:00Z" },
        { customerId: "b", at: "2024-01-06T00:00:00Z" },
        { customerId: "a", at: "2024-02-05T00:00:00Z" },
        { customerId: "b", at: "2024-03-05T00:00:00Z" },
      ], { newBy: "createdAt", createdAt: new Map([["a", "2024-01-01"], ["b", "2023-12-01"]]), dormant: "state" }],
      [...rowPaths(0, EVENT), ...optionPaths(1, [...PERIOD_OPTIONS, "newBy", "createdAt", "dormant", "returnEvent", "startEvent", ...EVENT_TABLE_OPTIONS, "fields.at"])],
    ),
    lness: fn(
      () => [
        [
          { customerId: "a", at: "2024-05-01T08:00:00Z" },
          { customerId: "a", at: "2024-05-02T08:00:00Z" },
          { customerId: "b", at: "2024-05-02T09:00:00Z" },
        ],
        { days: 7, end: "2024-05-07" },
      ],
      [...rowPaths(0, EVENT), ...optionPaths(1, ["days", "end", "timeZone", "returnEvent", "startEvent", ...EVENT_TABLE_OPTIONS, "fields.at"])],
    ),
    periodSummary: fn(
      () => [
        [
          { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
          { customerId: "b", at: "2024-01-09T10:00:00Z", amount: 35 },
          { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 15 },
        ],
        { period: "month", to: "2024-03-01T00:00:00Z" },
      ],
      [...rowPaths(0, EVENT), ...optionPaths(1, [...PERIOD_OPTIONS, "activeWindow", "interval", "confidence", "returnEvent", "startEvent", ...EVENT_TABLE_OPTIONS, "fields.at"])],
    ),
  },
} satisfies LayerSpecs;
