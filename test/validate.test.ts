/**
 * The shared guards of validate.ts, and the guards at every public function that takes an options
 * object: `null`, a string, a number or an array is refused as `options`, never read as "no
 * options" (or failing with a bare TypeError).
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../src/errors.ts";
import { activeUsers, interPurchaseTimes, lifecycle, lness, periodSummary } from "../src/activity/index.ts";
import { cohortMatrix, mrrCohorts, survivalCurve } from "../src/cohorts/index.ts";
import { eventTable } from "../src/events/index.ts";
import { sumMoney } from "../src/money.ts";
import { resolvePeriodSpec } from "../src/periods/index.ts";
import { mrrMovements, revenueConcentration, subscriptionRenewalRate } from "../src/revenue/index.ts";
import { wilsonInterval } from "../src/stats/index.ts";
import { subscriptionTable } from "../src/subscriptions/index.ts";
import {
  formatCount,
  isArrayLike,
  MAX_CELLS,
  requireArrayLike,
  requireCellsWithin,
  requireFractionList,
  requireIterable,
  requireOptions,
  requireRecord,
} from "../src/validate.ts";
import { expectInvalid } from "./metrics/helpers.ts";

const OPTIONS = /expected an object of options such as .*, or nothing for the defaults\.$/;

describe("requireRecord", () => {
  it("passes an object through and refuses undefined, null, arrays and primitives, listing the fields", () => {
    const input = { a: 1 };
    expect(requireRecord(input, "input", ["a", "b"])).toBe(input);
    for (const value of [undefined, null, [], 5, "abc", true]) {
      expectInvalid(() => requireRecord(value, "input", ["a", "b"]), { field: "input", value, message: /expected an object with the fields a, b\.$/ });
    }
  });
});

describe("requireOptions", () => {
  it("passes undefined and objects, refuses null, arrays and primitives with the example", () => {
    const options = { period: "week" };
    expect(requireOptions(options)).toBe(options);
    expect(requireOptions(undefined)).toBeUndefined();
    for (const value of [null, [], 5, "abc", false]) {
      expectInvalid(() => requireOptions(value, "options", "{ x: 1 }"), {
        field: "options",
        value,
        message: /expected an object of options such as \{ x: 1 \}, or nothing for the defaults\.$/,
      });
    }
  });
});

describe("isArrayLike, requireArrayLike, requireIterable", () => {
  it("tells arrays and typed arrays from strings, numbers and objects without a valid length", () => {
    for (const yes of [[], [1], new Float64Array(2), { length: 0 }]) expect(isArrayLike(yes)).toBe(true);
    for (const no of ["abc", 5, null, undefined, {}, { length: -1 }, { length: 1.5 }, { length: Number.NaN }]) expect(isArrayLike(no)).toBe(false);
    expectInvalid(() => requireArrayLike("abc", "sorted", "an array of numbers"), { field: "sorted", value: "abc", message: /expected an array of numbers\.$/ });
  });

  it("takes any iterable object but not a string", () => {
    const set = new Set([1]);
    expect(requireIterable(set, "amounts", "an iterable")).toBe(set);
    for (const value of ["123", 5, null, {}]) {
      expectInvalid(() => requireIterable(value, "amounts", "an iterable of amounts"), { field: "amounts", value, message: /expected an iterable of amounts\.$/ });
    }
  });
});

describe("requireFractionList", () => {
  it("reads an array of fractions and names a bad element by index", () => {
    expect(requireFractionList([0, 0.5, 1], "top", "[0.2]")).toEqual([0, 0.5, 1]);
    expectInvalid(() => requireFractionList(0.2, "top", "[0.2]"), { field: "top", value: 0.2, message: /expected an array of numbers from 0 to 1, such as \[0\.2\]\.$/ });
    expectInvalid(() => requireFractionList([0.1, 2], "top", "[0.2]"), { field: "top[1]", value: 2, message: /expected a number from 0 to 1\.$/ });
  });
});

describe("requireCellsWithin", () => {
  const bound = { field: "maxOffset", value: 7, what: "a grid of 2 rows", remedy: "set a smaller maxOffset" };

  it("allows exactly MAX_CELLS cells and refuses one more, saying what to change", () => {
    expect(MAX_CELLS).toBe(1_000_000);
    expect(() => requireCellsWithin(MAX_CELLS, bound)).not.toThrow();
    const e = expectInvalid(() => requireCellsWithin(MAX_CELLS + 1, bound), {
      field: "maxOffset",
      value: 7,
      message: /expected at most 1,000,000 cells, not a grid of 2 rows = 1,000,001 cells; set a smaller maxOffset\.$/,
    });
    expect(e.message).toBe("Invalid maxOffset: 7; expected at most 1,000,000 cells, not a grid of 2 rows = 1,000,001 cells; set a smaller maxOffset.");
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});

describe("every function that takes options refuses options that are not an object", () => {
  const events = [
    { customerId: "a", at: "2024-01-05T00:00:00Z", amount: 10 },
    { customerId: "a", at: "2024-02-05T00:00:00Z", amount: 5 },
  ];
  const subscriptions = [{ customerId: "a", start: "2024-01-01", end: "2024-03-01", mrr: 10 }];
  const calls: Array<[string, (options: never) => unknown]> = [
    ["eventTable", (o) => eventTable(events, o)],
    ["subscriptionTable", (o) => subscriptionTable(subscriptions, o)],
    ["periodSummary", (o) => periodSummary(events, o)],
    ["activeUsers", (o) => activeUsers(events, o)],
    ["lness", (o) => lness(events, o)],
    ["lifecycle", (o) => lifecycle(events, o)],
    ["interPurchaseTimes", (o) => interPurchaseTimes(events, o)],
    ["revenueConcentration", (o) => revenueConcentration(events, o)],
    ["cohortMatrix", (o) => cohortMatrix(events, o)],
    ["survivalCurve", (o) => survivalCurve(events, o)],
    ["mrrMovements", (o) => mrrMovements(subscriptions, o)],
    ["mrrCohorts", (o) => mrrCohorts(subscriptions, o)],
    ["subscriptionRenewalRate", (o) => subscriptionRenewalRate(subscriptions, o)],
    ["sumMoney", (o) => sumMoney([1], o)],
    ["wilsonInterval", (o) => wilsonInterval({ successes: 1, trials: 2 }, o)],
  ];

  it.each(calls)("%s works without options and with {}", (_name, call) => {
    expect(() => call(undefined as never)).not.toThrow();
    expect(() => call({} as never)).not.toThrow();
  });

  for (const bad of [null, "abc", 5, [] as unknown[]]) {
    it.each(calls)(`%s refuses options ${JSON.stringify(bad)}, naming options`, (_name, call) => {
      expectInvalid(() => call(bad as never), { field: "options", value: bad, message: OPTIONS });
    });
  }

  it("refuses overrides of resolvePeriodSpec that are not an object", () => {
    for (const bad of [null, "UTC", 1]) {
      expectInvalid(() => resolvePeriodSpec("week", bad as never), { field: "overrides", value: bad, message: OPTIONS });
    }
  });

  it("refuses fields of the table readers that are not an object", () => {
    for (const bad of [null, "user_id", 3]) {
      expectInvalid(() => eventTable(events, { fields: bad as never }), { field: "fields", value: bad, message: OPTIONS });
      expectInvalid(() => subscriptionTable(subscriptions, { fields: bad as never }), { field: "fields", value: bad, message: OPTIONS });
    }
  });

  it("throws only InvalidInputError, never a bare TypeError", () => {
    for (const [, call] of calls) {
      try {
        call(null as never);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidInputError);
      }
    }
  });
});

describe("synchronous analyses given asynchronous input (found by the fuzzer)", () => {
  async function* rows() {
    yield { customerId: "a", at: "2024-05-01T08:00:00Z" };
  }
  it("refuse it with what to do, without reading it", () => {
    for (const analysis of [activeUsers, lness, lifecycle, interPurchaseTimes, periodSummary, cohortMatrix, survivalCurve, revenueConcentration] as Array<(e: never) => unknown>) {
      const input = rows();
      expectInvalid(() => analysis(input as never), { field: "events", value: input, message: /await eventTable\(input\)/ });
    }
    const subscriptions = rows();
    expectInvalid(() => mrrMovements(subscriptions as never), { field: "subscriptions", value: subscriptions, message: /await subscriptionTable\(input\)/ });
  });
});
