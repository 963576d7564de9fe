/** Fuzz specs of `retention-metrics/periods`: arguments of each function's @example. */
import { call, fn, type LayerSpecs, optionPaths, value } from "../spec.ts";

const SPEC_FIELDS = ["unit", "timeZone", "weekStartsOn"];

export default {
  entry: "./periods",
  specs: {
    DEFAULT_TIME_ZONE: value,
    DEFAULT_WEEK_STARTS_ON: value,
    PERIOD_UNITS: value,
    MAX_PERIODS: value,
    checkTimeZone: fn(() => ["Europe/London"], ["0", "1"]),
    resolvePeriodSpec: fn(
      () => [{ unit: "week", weekStartsOn: 0 }, { timeZone: "America/New_York" }],
      [...optionPaths(0, SPEC_FIELDS), ...optionPaths(1, ["timeZone", "weekStartsOn"])],
    ),
    toEpochMs: fn(() => ["2024-03-15 06:00", { timeZone: "America/New_York" }], ["0", ...optionPaths(1, ["timeZone", "field", "row"])]),
    periodOf: fn(() => ["2024-03-15T10:00:00Z", { unit: "month", timeZone: "America/New_York" }], ["0", ...optionPaths(1, SPEC_FIELDS)]),
    periodRange: fn(() => ["2024-01-15", "2024-04-02", "month"], ["0", "1", "2"]),
    shiftPeriod: fn(
      (lib) => [lib.periodOf("2024-03-09T12:00:00Z", { unit: "day", timeZone: "America/New_York" }), 1],
      [...optionPaths(0, ["unit", "key", "start", "end", "timeZone", "weekStartsOn"]), "1"],
    ),
    periodBucketer: fn(
      () => ["2024-01-01", "2024-03-31", { unit: "month", timeZone: "America/New_York" }],
      ["0", "1", ...optionPaths(2, SPEC_FIELDS)],
      {
        methods: {
          bucket: call(() => [Float64Array.of(Date.UTC(2024, 0, 10), Date.UTC(2024, 2, 1, 3), Date.UTC(2024, 2, 1, 6), Date.UTC(2025, 0, 1))], ["0"]),
          indexOf: call(() => [Date.UTC(2024, 1, 14)], ["0"]),
        },
      },
    ),
  },
} satisfies LayerSpecs;
