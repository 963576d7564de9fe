/** Fuzz specs of `retention-metrics/subscriptions`: subscriptionTable and SubscriptionTable, with their @examples' arguments. */
import { fn, type LayerSpecs, optionPaths, rowPaths } from "../spec.ts";

export default {
  entry: "./subscriptions",
  specs: {
    subscriptionTable: fn(
      () => [
        [
          { account: "acme", from: "2024-01-01", to: null, plan: "49.00" },
          { account: "acme", from: "2024-02-01", to: "2024-05-01", plan: "10.00" },
          { account: "initech", from: "2024-03-01", to: "2024-02-01", plan: 99 },
        ],
        { fields: { customerId: "account", start: "from", end: "to", mrr: "plan" }, onInvalid: "skip" },
      ],
      [
        ...rowPaths(0, ["account", "from", "to", "plan"]),
        ...optionPaths(1, ["shape", "fields", "onInvalid", "currencyScale", "timeZone"]),
        "1.fields.customerId", "1.fields.start", "1.fields.end", "1.fields.mrr",
      ],
    ),
    SubscriptionTable: {
      kind: "class",
      note: "the constructor is @internal (make one with subscriptionTable); the @example's table is checked (getters, iteration)",
      instance: (lib) =>
        lib.subscriptionTable([
          { customerId: "a", start: "2024-01-01", end: "2024-03-01", mrr: 50 },
          { customerId: "a", start: "2024-03-01", mrr: 80 },
        ]),
    },
  },
} satisfies LayerSpecs;
