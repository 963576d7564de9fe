/** Fuzz specs of `retention-metrics/events`: eventTable and EventTable, with their @examples' arguments. */
import { call, EVENT_TABLE_OPTIONS, type LayerSpecs, optionPaths, rowPaths } from "../spec.ts";
import { fn } from "../spec.ts";

export default {
  entry: "./events",
  specs: {
    eventTable: fn(
      () => [
        [{ user: 42, ts: "2024-03-01T12:00:00Z", total: "19.99" }, { user: 7, ts: "bad", total: 1 }],
        { fields: { customerId: "user", at: "ts", amount: "total" }, onInvalid: "skip" },
      ],
      [
        ...rowPaths(0, ["user", "ts", "total"]),
        ...optionPaths(1, [...EVENT_TABLE_OPTIONS, "timeZone"]),
        "1.fields.customerId", "1.fields.at", "1.fields.amount", "1.fields.event",
      ],
    ),
    EventTable: {
      kind: "class",
      note: "the constructor is @internal (make one with eventTable); the @example's table is checked (getters, times(), iteration) and its row() fuzzed",
      instance: (lib) =>
        lib.eventTable([
          { customerId: "a", at: "2024-01-05T10:00:00Z", amount: 12.5 },
          { customerId: "b", at: "2024-01-02T09:00:00Z", amount: 8 },
        ]),
      methods: { row: call(() => [0], ["0"]), eventCodes: call(() => [], [], "no arguments: null for the example's table without names") },
    },
  },
} satisfies LayerSpecs;
