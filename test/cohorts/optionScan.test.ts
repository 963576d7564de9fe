import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { cohortMatrix, type CohortMatrixOptions } from "../../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../../src/cohorts/matrix.ts";
import { columnHorizon } from "../../src/cohorts/optionScan.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { eventsArb, type PlainEvent } from "./naive.ts";
import { naiveOptionCells, type NaiveOptions } from "./naiveOptions.ts";

const e = (customerId: string, at: string) => ({ customerId, at: `${at}T12:00:00Z` });
/** A matrix with its money as strings, to compare two whole. */
const plain = (m: CohortMatrix) => ({
  offsets: m.offsets,
  cohorts: m.cohorts.map((c) => ({ ...c, values: c.values.map((v) => (v === null ? null : String(v))), cumulativeRevenuePerCustomer: c.cumulativeRevenuePerCustomer.map((v) => (v === null ? null : String(v))) })),
  average: m.average,
  averageCumulativeRevenuePerCustomer: m.averageCumulativeRevenuePerCustomer.map((v) => (v === null ? null : String(v))),
});
const unitArb = fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">;
const toArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 2, 1) });

/** Every cell of ours equals the naive one (values, observed), row by row. */
function expectNaive(m: CohortMatrix, events: readonly PlainEvent[], o: NaiveOptions): void {
  const naive = naiveOptionCells(events, o);
  for (const row of m.cohorts) {
    const n = naive.get(row.cohort)!;
    expect(row.size, row.cohort).toBe(n.size);
    expect(row.values, row.cohort).toEqual(n.cells.map((c) => c.value));
    expect(row.observed, row.cohort).toEqual(n.cells.map((c) => (c.value === null ? 0 : c.observed)));
  }
}

describe("columnHorizon", () => {
  it("finds the last column whose last offset is at most h", () => {
    expect([-1, 0, 6, 7, 13, 14, 30, 99].map((h) => columnHorizon([0, 7, 14, 30], h))).toEqual([-1, 0, 0, 1, 1, 2, 3, 3]);
  });
});

describe("cohortMatrix brackets", () => {
  // Days. a: 1 Jan, then 3, 9 Jan; b: 1 Jan, then 16 Jan; c: 2 Jan only; d: 8 Jan, 9 Jan.
  const events = [
    e("a", "2024-01-01"), e("b", "2024-01-01"), e("c", "2024-01-02"), e("a", "2024-01-03"),
    e("d", "2024-01-08"), e("a", "2024-01-09"), e("d", "2024-01-09"), e("b", "2024-01-16"),
  ];
  const to = "2024-01-20T00:00:00Z";

  it("counts a customer in a bracket when active in any period of it, by hand", () => {
    const m = cohortMatrix(events, { period: "day", to, mode: "bracket", brackets: [2, 7, 14] });
    expect(m.mode).toBe("bracket");
    expect(m.brackets).toEqual([2, 7, 14]);
    expect(m.offsets).toEqual([0, 1, 2, 3]);
    const [jan1, jan2] = m.cohorts;
    // 1 Jan: a (day 2 in 1-2, day 8 in 8-14), b (day 15: past the last bracket).
    expect(jan1!.values).toEqual([2, 1, 0, 1]);
    // 2 Jan: c only. 8 Jan: d back on day 1; 15-21 Jan not over by the 20th: null.
    expect(jan2!.values).toEqual([1, 0, 0, 0]);
    const jan8 = m.cohorts.find((c) => c.cohort === "2024-01-08")!;
    expect(jan8.values).toEqual([1, 1, 0, null]);
    // 15 Jan: 16-22 Jan has not ended by the 20th, so bracket 3-7 is null though day 1 and 2 are seen.
    const jan15 = m.cohorts.find((c) => c.cohort === "2024-01-15")!;
    expect(jan15.values).toEqual([0, 0, null, null]);
    expect(m.average[3]).toBe(1 / 3); // the cohorts of 1-5 Jan (a, b, c): a alone in days 8-14
  });

  it("keeps every bracket column, censored or not, and no maxOffset", () => {
    const m = cohortMatrix(events, { period: "day", to, mode: "bracket", brackets: [1, 100] });
    expect(m.offsets).toEqual([0, 1, 2]);
    expect(m.cohorts.every((c) => c.values[2] === null)).toBe(true);
    expect(cohortMatrix([], { mode: "bracket", brackets: [1, 2] }).offsets).toEqual([0, 1, 2]);
  });

  test.prop([eventsArb, unitArb, toArb, fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 })], { numRuns: 60 })(
    "equals a naive recomputation",
    (events, unit, to, ends) => {
      const brackets = [...ends].sort((x, y) => x - y);
      const m = cohortMatrix(events, { period: unit, to, mode: "bracket", brackets });
      expectNaive(m, events, { spec: { unit }, to, brackets });
    },
  );

  test.prop([eventsArb, unitArb, toArb, fc.integer({ min: 1, max: 20 }), fc.constantFrom("customers", "orders", "revenue") as fc.Arbitrary<"customers" | "orders" | "revenue">], { numRuns: 60 })(
    "of single periods ([1, 2, 3...]) equal the classic cells, for every measure",
    (events, unit, to, n, measure) => {
      const brackets = Array.from({ length: n }, (_, k) => k + 1);
      const options: CohortMatrixOptions = { period: unit, to, measure };
      const classic = cohortMatrix(events, { ...options, maxOffset: n });
      const bracket = cohortMatrix(events, { ...options, mode: "bracket", brackets });
      expect(plain(bracket)).toEqual(plain(classic));
    },
  );

  it("refuses bad brackets, naming the option and value", () => {
    const bad = (brackets: unknown, field: string, message: RegExp) =>
      expectInvalid(() => cohortMatrix(events, { period: "day", mode: "bracket", brackets: brackets as number[] }), { field, value: field === "brackets" ? brackets : (brackets as unknown[])[Number(field.slice(9, -1))], message });
    bad(undefined, "brackets", /expected a non-empty array: the inclusive upper ends of consecutive ranges of periods, such as \[7, 14, 30\]/);
    bad([], "brackets", /expected a non-empty array/);
    bad([7, 7], "brackets[1]", /expected more than brackets\[0\] = 7 .*strictly increasing/);
    bad([7, 3], "brackets[1]", /expected more than brackets\[0\] = 7/);
    bad([0, 3], "brackets[0]", /expected a positive integer/);
    bad([1.5], "brackets[0]", /expected a positive integer/);
    bad(["7"], "brackets[0]", /expected a positive integer/);
    bad([7, , 14], "brackets[1]", /expected a positive integer/); // a hole
    const seven = [7];
    expectInvalid(() => cohortMatrix(events, { brackets: seven }), { field: "brackets", value: seven as never, message: /expected no brackets unless mode is "bracket"/ });
    expectInvalid(() => cohortMatrix(events, { mode: "bracket", brackets: [7], maxOffset: 3 }), { field: "maxOffset", value: 3, message: /expected no maxOffset with mode "bracket"/ });
    expectInvalid(() => cohortMatrix(events, { mode: "weird" as never }), { field: "mode", value: "weird", message: /expected one of "classic", "unbounded", "bracket"/ });
  });
});

describe("cohortMatrix minEvents", () => {
  // Months. a: Jan, Feb x2, Mar x1; b: Jan, Feb x1, Mar x3; c: Feb x1 (its first month: in the cohort).
  const events = [
    e("a", "2024-01-05"), e("b", "2024-01-06"), e("a", "2024-02-01"), e("a", "2024-02-02"), e("b", "2024-02-03"),
    e("c", "2024-02-04"), e("a", "2024-03-01"), e("b", "2024-03-02"), e("b", "2024-03-03"), e("b", "2024-03-04"),
  ];
  const to = "2024-04-01T00:00:00Z";

  it("counts a period only with at least that many events, offset 0 staying the size, by hand", () => {
    expect(cohortMatrix(events, { to }).cohorts.map((c) => c.values)).toEqual([[2, 2, 2], [1, 0, null], [0, null, null]]);
    expect(cohortMatrix(events, { to, minEvents: 2 }).cohorts.map((c) => c.values)).toEqual([[2, 1, 1], [1, 0, null], [0, null, null]]);
    expect(cohortMatrix(events, { to, minEvents: 3 }).cohorts.map((c) => c.values)).toEqual([[2, 0, 1], [1, 0, null], [0, null, null]]);
    // Unbounded: a period with enough events then or later.
    expect(cohortMatrix(events, { to, minEvents: 2, mode: "unbounded" }).cohorts[0]!.values).toEqual([2, 2, 1]);
    // With brackets: a bracket counts when any of its periods has enough.
    expect(cohortMatrix(events, { to, minEvents: 3, mode: "bracket", brackets: [2] }).cohorts[0]!.values).toEqual([2, 1]);
  });

  test.prop([eventsArb, unitArb, toArb, fc.integer({ min: 1, max: 4 }), fc.constantFrom("classic", "unbounded") as fc.Arbitrary<"classic" | "unbounded">], { numRuns: 60 })(
    "equals a naive recomputation",
    (events, unit, to, minEvents, mode) => {
      const m = cohortMatrix(events, { period: unit, to, minEvents, mode, maxOffset: 10 });
      expectNaive(m, events, { spec: { unit }, to, columns: 11, minEvents, unbounded: mode === "unbounded" });
    },
  );

  test.prop([eventsArb, fc.constantFrom("day", "week", "month", "quarter") as fc.Arbitrary<"day" | "week" | "month" | "quarter">, toArb, fc.constantFrom("classic", "unbounded") as fc.Arbitrary<"classic" | "unbounded">, fc.boolean()], { numRuns: 60 })(
    "minEvents: 1 is today's result exactly",
    (events, unit, to, mode, byKey) => {
      const options: CohortMatrixOptions<PlainEvent> = { period: unit, to, mode, interval: true, ...(byKey ? { cohortOf: (id) => (id < "c" ? "early" : "late") } : {}) };
      expect(plain(cohortMatrix(events, { ...options, minEvents: 1 }))).toEqual(plain(cohortMatrix(events, options)));
    },
  );

  it("refuses a minEvents below 1 or not an integer, and with a measure other than customers", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, "2"]) {
      expectInvalid(() => cohortMatrix(events, { minEvents: bad as number }), { field: "minEvents", value: bad, message: /expected a positive integer/ });
    }
    expectInvalid(() => cohortMatrix(events, { minEvents: 2, measure: "orders" }), { field: "minEvents", value: 2, message: /expected no minEvents with measure "orders" \(it says which customers count as active\)/ });
  });
});

describe("cohortMatrix entry: recurring", () => {
  // Months. a: Jan, Feb, Apr; b: Feb, Mar; c: Mar.
  const events = [e("a", "2024-01-05"), e("a", "2024-02-05"), e("b", "2024-02-06"), e("b", "2024-03-01"), e("c", "2024-03-02"), e("a", "2024-04-03")];
  const to = "2024-05-01T00:00:00Z";

  it("puts a customer in every period's cohort they are active in, offsets from there, by hand", () => {
    const first = cohortMatrix(events, { to });
    expect(first.cohorts.map((c) => [c.cohort, c.size, c.values])).toEqual([
      ["2024-01", 1, [1, 1, 0, 1]], ["2024-02", 1, [1, 1, 0, null]], ["2024-03", 1, [1, 0, null, null]], ["2024-04", 0, [0, null, null, null]],
    ]);
    const recurring = cohortMatrix(events, { to, entry: "recurring" });
    // February: a (back in April, offset 2) and b (March, offset 1); March: b, c (neither in April); April: a.
    expect(recurring.cohorts.map((c) => [c.cohort, c.size, c.values])).toEqual([
      ["2024-01", 1, [1, 1, 0, 1]], ["2024-02", 2, [2, 1, 1, null]], ["2024-03", 2, [2, 0, null, null]], ["2024-04", 1, [1, null, null, null]],
    ]);
    expect(recurring.average).toEqual([1, 2 / 5, 1 / 3, 1]);
    expect(cohortMatrix(events, { to, entry: "recurring", mode: "unbounded" }).cohorts[1]!.values).toEqual([2, 2, 1, null]);
    // Orders and revenue of each cohort's members count in every cohort they belong to.
    expect(cohortMatrix(events, { to, entry: "recurring", measure: "orders" }).cohorts[1]!.values).toEqual([2, 1, 1, null]);
  });

  it("joins the cohorts of reported periods of a customer first seen before from", () => {
    const m = cohortMatrix(events, { to, from: "2024-02-01T00:00:00Z", entry: "recurring" });
    expect(m.cohorts.map((c) => [c.cohort, c.size])).toEqual([["2024-02", 2], ["2024-03", 2], ["2024-04", 1]]);
  });

  test.prop([eventsArb, unitArb, toArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom("classic", "unbounded", "bracket") as fc.Arbitrary<"classic" | "unbounded" | "bracket">], { numRuns: 60 })(
    "equals a naive recomputation, with minEvents and every mode",
    (events, unit, to, minEvents, mode) => {
      const brackets = mode === "bracket" ? [1, 3, 6] : undefined;
      const m = cohortMatrix(events, { period: unit, to, entry: "recurring", minEvents, mode, ...(brackets === undefined ? { maxOffset: 8 } : { brackets }) });
      expectNaive(m, events, { spec: { unit }, to, recurring: true, minEvents, unbounded: mode === "unbounded", ...(brackets === undefined ? { columns: 9 } : { brackets }) });
    },
  );

  test.prop([eventsArb, unitArb, toArb, fc.constantFrom("classic", "unbounded") as fc.Arbitrary<"classic" | "unbounded">], { numRuns: 60 })(
    "recurring cohorts contain the first-time ones: never smaller, cell by cell",
    (events, unit, to, mode) => {
      const first = cohortMatrix(events, { period: unit, to, mode, maxOffset: 8 });
      const recurring = cohortMatrix(events, { period: unit, to, mode, maxOffset: 8, entry: "recurring" });
      expect(recurring.cohorts.map((c) => c.cohort)).toEqual(first.cohorts.map((c) => c.cohort));
      first.cohorts.forEach((row, r) => {
        const other = recurring.cohorts[r]!;
        expect(other.size).toBeGreaterThanOrEqual(row.size);
        row.values.forEach((v, k) => {
          expect(other.values[k] === null).toBe(v === null); // the same periods are censored
          if (v !== null) expect(other.values[k] as number).toBeGreaterThanOrEqual(v as number);
        });
      });
      // A customer's cohorts are all the periods they are active in: the sizes add up to the offset-0 cells.
      const activePeriods = new Set(events.filter((x) => x.at < to).map((x) => `${x.customerId}/${recurring.cohorts.findIndex((c) => c.period!.start.getTime() <= x.at && x.at < c.period!.end.getTime())}`));
      expect(recurring.cohorts.reduce((s, c) => s + c.size, 0)).toBe(activePeriods.size);
    },
  );

  it("refuses an unknown entry, and recurring with cohortOf", () => {
    expectInvalid(() => cohortMatrix(events, { entry: "birth" as never }), { field: "entry", value: "birth", message: /expected one of "firstTime", "recurring"/ });
    expectInvalid(() => cohortMatrix(events, { entry: "recurring", cohortOf: () => "x" }), { field: "entry", value: "recurring", message: /expected "firstTime" with cohortOf \(a customer has one key: recurring cohorts are periods\)/ });
  });
});

describe("cohortMatrix window: rolling", () => {
  const at = (customerId: string, iso: string) => ({ customerId, at: iso });
  // a starts 1 Jan 18:00 and is back 2 Jan 10:00 (calendar day 1, but still inside rolling window 0)
  // and 3 Jan 20:00 (window 2). b starts 1 Jan 06:00, back 2 Jan 07:00 (day 1 both ways).
  const events = [at("b", "2024-01-01T06:00:00Z"), at("a", "2024-01-01T18:00:00Z"), at("b", "2024-01-02T07:00:00Z"), at("a", "2024-01-02T10:00:00Z"), at("a", "2024-01-03T20:00:00Z")];
  const to = "2024-01-04T12:00:00Z";

  it("counts each customer's 24-hour windows from their first event, by hand", () => {
    const calendar = cohortMatrix(events, { period: "day", to });
    expect(calendar.cohorts[0]!.values).toEqual([2, 2, 1]);
    const rolling = cohortMatrix(events, { period: "day", to, window: "rolling" });
    // Window 2 of b (3 Jan 06:00 to 4 Jan 06:00) has ended; a's (3 Jan 18:00 to 4 Jan 18:00) has not.
    expect(rolling.offsets).toEqual([0, 1, 2]);
    expect(rolling.cohorts[0]!.values).toEqual([2, 1, 0]);
    expect(rolling.cohorts[0]!.observed).toEqual([2, 2, 1]);
    expect(rolling.cohorts[0]!.rates).toEqual([1, 0.5, 0]);
    // No member of the cohorts of 2-4 Jan: null, not 0.
    expect(rolling.cohorts.slice(1).map((c) => c.values)).toEqual([[null, null, null], [null, null, null], [null, null, null]]);
    // By the 5th at noon a's window 2 has ended too.
    expect(cohortMatrix(events, { period: "day", to: "2024-01-05T12:00:00Z", window: "rolling" }).cohorts[0]!.values).toEqual([2, 1, 1, 0]);
    // A week is 7 days from the first event: b and a are both back within their first 7 days (window 0 only).
    expect(cohortMatrix(events, { period: "week", to: "2024-01-20T00:00:00Z", window: "rolling" }).cohorts[0]!.values).toEqual([2, 0]);
  });

  it("refuses rolling windows of other units, and an unknown window", () => {
    for (const period of ["quarter", "year", "isoWeek", { unit: "quarter", timeZone: "Europe/Paris" }] as const) {
      const unit = typeof period === "string" ? period : period.unit;
      expectInvalid(() => cohortMatrix(events, { period, window: "rolling" }), { field: "window", value: "rolling", message: new RegExp(`expected "calendar" with period "${unit}" \\(rolling windows are days of 24 hours, weeks of 7 days or months of 30 days\\)`) });
    }
    expectInvalid(() => cohortMatrix(events, { window: "24h" as never }), { field: "window", value: "24h", message: /expected one of "calendar", "rolling"/ });
  });

  const dayUnitArb = fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">;
  test.prop([eventsArb, dayUnitArb, toArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom("classic", "unbounded", "bracket") as fc.Arbitrary<"classic" | "unbounded" | "bracket">, fc.boolean()], { numRuns: 80 })(
    "equals a naive recomputation, with minEvents, recurring entry and every mode",
    (events, unit, to, minEvents, mode, recurring) => {
      const brackets = mode === "bracket" ? [2, 5, 9] : undefined;
      const m = cohortMatrix(events, { period: unit, to, window: "rolling", minEvents, mode, entry: recurring ? "recurring" : "firstTime", ...(brackets === undefined ? { maxOffset: 12 } : { brackets }) });
      expectNaive(m, events, { spec: { unit }, to, rolling: true, recurring, minEvents, unbounded: mode === "unbounded", ...(brackets === undefined ? { columns: 13 } : { brackets }) });
    },
  );

  // Events at each customer's own time of day (UTC), on whole days after 1 Jan 2024; `to` late in a day.
  const DAY = 86_400_000;
  const sameTimeArb = fc.tuple(
    fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e"), fc.integer({ min: 0, max: DAY - 2 }), { minKeys: 1 }),
    fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 9000 })), { maxLength: 40 }),
    fc.integer({ min: 0, max: 70 }),
  ).map(([tod, rows, end]) => ({
    events: rows.filter(([id]) => tod[id] !== undefined).map(([id, day, cents]) => ({ customerId: id, at: Date.UTC(2024, 0, 1) + day * DAY + tod[id]!, amount: cents / 100 })),
    // At or after every customer's time of day, so a day has ended exactly when its 24 hours have.
    to: Date.UTC(2024, 0, 1) + end * DAY + DAY - 1,
  }));
  test.prop([sameTimeArb, fc.constantFrom("classic", "unbounded") as fc.Arbitrary<"classic" | "unbounded">, fc.boolean()], { numRuns: 80 })(
    "equal calendar days when every event happens at the customer's first-event time of day (UTC, days)",
    ({ events, to }, mode, recurring) => {
      const options: CohortMatrixOptions = { period: "day", to, mode, maxOffset: 20, entry: recurring ? "recurring" : "firstTime" };
      const calendar = plain(cohortMatrix(events, options));
      const rolling = plain(cohortMatrix(events, { ...options, window: "rolling" }));
      // An empty calendar cohort is observed (zeros); an empty rolling one has no window: compare the others.
      const kept = (m: ReturnType<typeof plain>) => ({ ...m, cohorts: m.cohorts.filter((c) => c.size > 0) });
      expect(kept(rolling)).toEqual(kept(calendar));
    },
  );
});

describe("cohortMatrix: the event cohort options with measure mrr", () => {
  it("refuses each of them rather than ignoring it", () => {
    const subs = [{ customerId: "a", at: "2024-01-10", mrr: 100 }];
    const cases: Array<[Record<string, unknown>, string, unknown]> = [
      [{ brackets: [1, 2] }, "brackets", undefined], [{ minEvents: 2 }, "minEvents", 2], [{ entry: "recurring" }, "entry", "recurring"], [{ window: "rolling" }, "window", "rolling"], [{ mode: "bracket" }, "mode", "bracket"],
      [{ mode: "unbounded" }, "mode", "unbounded"],
    ];
    for (const [options, field, value] of cases) {
      const error = expectInvalid(() => cohortMatrix(subs, { measure: "mrr", ...options } as never), { field, value: value ?? options[field], message: /with measure "mrr"/ });
      expect(error.field).toBe(field);
    }
    expect(cohortMatrix(subs, { measure: "mrr", to: "2024-03-01" }).cohorts.map((c) => c.cohort)).toEqual(["2024-01"]);
    expect(cohortMatrix(subs, { measure: "mrr", mode: "classic", to: "2024-03-01" } as never).mode).toBe("classic");
  });
});

describe("cohortMatrix startEvent and returnEvent", () => {
  const n = (customerId: string, at: string, event: string, amount = 0) => ({ customerId, at: `${at}T10:00:00Z`, event, amount });
  // a: signs up in January, buys in February. b: visits in January, signs up in February, buys in March.
  // c: signs up in January, only visits after.
  const events = [
    n("a", "2024-01-03", "signup"), n("a", "2024-02-03", "buy", 20),
    n("b", "2024-01-05", "visit"), n("b", "2024-02-05", "signup"), n("b", "2024-03-05", "buy", 5),
    n("c", "2024-01-05", "signup"), n("c", "2024-02-05", "visit"),
  ];
  const to = "2024-04-01T00:00:00Z";
  const values = (m: CohortMatrix) => m.cohorts.map((c) => [c.cohort, c.size, c.values.map((v) => (v === null ? null : String(v)))]);

  it("forms cohorts by start events and counts return events, by hand", () => {
    // Any event: a, b, c all start in January and are all back in February.
    expect(values(cohortMatrix(events, { to }))).toEqual([["2024-01", 3, ["3", "3", "1"]], ["2024-02", 0, ["0", "0", null]], ["2024-03", 0, ["0", null, null]]]);
    const m = cohortMatrix(events, { to, startEvent: "signup", returnEvent: "buy" });
    // January: a and c sign up (size 2, offset 0 = 100% though neither bought then); a buys in February.
    // February: b signs up, buys in March. b's January visit starts nothing.
    expect(values(m)).toEqual([["2024-01", 2, ["2", "1", "0"]], ["2024-02", 1, ["1", "1", null]], ["2024-03", 0, ["0", null, null]]]);
    expect(m.cohorts[0]!.rates[0]).toBe(1);
    // Orders and revenue count the return events only.
    expect(values(cohortMatrix(events, { to, startEvent: "signup", returnEvent: "buy", measure: "orders" }))[0]).toEqual(["2024-01", 2, ["0", "1", "0"]]);
    expect(values(cohortMatrix(events, { to, startEvent: "signup", returnEvent: "buy", measure: "revenue" }))[1]).toEqual(["2024-02", 1, ["0", "5", null]]);
    // Either option alone: the other is every event.
    expect(values(cohortMatrix(events, { to, returnEvent: "buy" }))[0]).toEqual(["2024-01", 3, ["3", "1", "1"]]);
    expect(values(cohortMatrix(events, { to, startEvent: "signup" }))[0]).toEqual(["2024-01", 2, ["2", "2", "0"]]);
    // Recurring: b's February signup is a February membership; with any start, b is also in January's.
    expect(values(cohortMatrix(events, { to, startEvent: "signup", returnEvent: "buy", entry: "recurring" }))[1]).toEqual(["2024-02", 1, ["1", "1", null]]);
  });

  it("keys cohortOf rows on the first start event", () => {
    // With any event b's first event is in January; from February, only the signup-based row keeps b.
    const byKey = (o: CohortMatrixOptions) => cohortMatrix(events, { to, from: "2024-02-01T00:00:00Z", cohortOf: () => "all", ...o }).cohorts.map((c) => [c.cohort, c.size]);
    expect(byKey({})).toEqual([]);
    expect(byKey({ startEvent: "signup" })).toEqual([["all", 1]]);
  });

  const namesArb = fc.constantFrom("signup", "visit", "buy");
  const namedArb = eventsArb.chain((evs) => fc.array(namesArb, { minLength: evs.length, maxLength: evs.length }).map((names) => evs.map((x, i) => ({ ...x, event: names[i]! }))));
  const subsetArb = fc.subarray(["signup", "visit", "buy"], { minLength: 1 });
  const modeArb = fc.constantFrom("classic", "unbounded", "bracket") as fc.Arbitrary<"classic" | "unbounded" | "bracket">;
  /** The names a table of these events has: a filter must name only those. */
  const present = (evs: ReadonlyArray<{ event: string }>, names: string[]) => names.filter((x) => evs.some((e) => e.event === x));

  test.prop([namedArb, fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">, toArb, subsetArb, subsetArb, fc.integer({ min: 1, max: 3 }), modeArb, fc.boolean(), fc.boolean()], { numRuns: 120 })(
    "equal a naive recomputation, in every mode, entry and window",
    (events, unit, to, startNames, returnNames, minEvents, mode, recurring, rolling) => {
      const start = present(events, startNames);
      const ret = present(events, returnNames);
      if (start.length === 0 || ret.length === 0) return;
      const brackets = mode === "bracket" ? [1, 3, 6] : undefined;
      const m = cohortMatrix(events, {
        period: unit, to, mode, minEvents, startEvent: start, returnEvent: ret,
        entry: recurring ? "recurring" : "firstTime", window: rolling ? "rolling" : "calendar",
        ...(brackets === undefined ? { maxOffset: 8 } : { brackets }),
      });
      expectNaive(m, events, {
        spec: { unit }, to, rolling, recurring, minEvents, unbounded: mode === "unbounded",
        isStart: (e) => start.includes((e as unknown as { event: string }).event), isReturn: (e) => ret.includes((e as unknown as { event: string }).event),
        ...(brackets === undefined ? { columns: 9 } : { brackets }),
      });
    },
  );

  const measureArb = fc.constantFrom("customers", "orders", "revenue") as fc.Arbitrary<"customers" | "orders" | "revenue">;
  test.prop([namedArb, unitArb, toArb, measureArb, fc.boolean()], { numRuns: 80 })(
    "startEvent = returnEvent = every name is today's result (default kernels against the option scan)",
    (events, unit, to, measure, unbounded) => {
      const names = [...new Set(events.map((e) => e.event))];
      if (names.length === 0) return;
      const options: CohortMatrixOptions = { period: unit, to, measure, mode: unbounded && measure === "customers" ? "unbounded" : "classic" };
      expect(plain(cohortMatrix(events, { ...options, startEvent: names, returnEvent: names }))).toEqual(plain(cohortMatrix(events, options)));
    },
  );

  test.prop([namedArb, unitArb, toArb, subsetArb, subsetArb, measureArb], { numRuns: 60 })(
    "a predicate and the equivalent list give the same matrix",
    (events, unit, to, startNames, returnNames, measure) => {
      const start = present(events, startNames);
      const ret = present(events, returnNames);
      if (start.length === 0 || ret.length === 0) return;
      const options: CohortMatrixOptions = { period: unit, to, measure };
      const byList = cohortMatrix(events, { ...options, startEvent: start, returnEvent: ret });
      const byPredicate = cohortMatrix(events, { ...options, startEvent: (x) => start.includes(x), returnEvent: (x) => ret.includes(x) });
      expect(plain(byPredicate)).toEqual(plain(byList));
      // Offset 0 is the cohort's size, whatever the return event.
      for (const c of byList.cohorts) if (measure === "customers" && c.values[0] !== null) expect(c.values[0]).toBe(c.size);
    },
  );

  it("refuses an unknown name (listing the names there are), a table without names and bad filters", () => {
    const names = /the names are "buy", "signup", "visit"/;
    expectInvalid(() => cohortMatrix(events, { startEvent: "sign_up" }), { field: "startEvent", value: "sign_up", message: names });
    expectInvalid(() => cohortMatrix(events, { returnEvent: ["buy", "purchase"] }), { field: "returnEvent[1]", value: "purchase", message: names });
    const plainEvents = events.map(({ customerId, at }) => ({ customerId, at }));
    expectInvalid(() => cohortMatrix(plainEvents, { startEvent: "signup" }), { field: "startEvent", value: "signup", message: /expected events with names for startEvent/ });
    const none: string[] = [];
    expectInvalid(() => cohortMatrix(events, { startEvent: none }), { field: "startEvent", value: none as never, message: /expected at least one event name/ });
    expectInvalid(() => cohortMatrix(events, { returnEvent: (() => 1) as never }), { field: 'returnEvent("buy")', value: 1, message: /expected true or false/ });
    expectInvalid(() => cohortMatrix(events, { returnEvent: 7 as never }), { field: "returnEvent", value: 7, message: /expected an event name, a list of names, or a predicate on the name/ });
    const subs = [{ customerId: "a", at: "2024-01-10", mrr: 100 }];
    expectInvalid(() => cohortMatrix(subs, { measure: "mrr", startEvent: "signup" } as never), { field: "startEvent", value: "signup", message: /with measure "mrr"/ });
    // No events: only the filter's form is checked.
    expect(cohortMatrix([], { startEvent: "signup" }).cohorts).toEqual([]);
    expectInvalid(() => cohortMatrix([], { startEvent: [""] }), { field: "startEvent[0]", value: "", message: /expected an event name, a non-empty string/ });
  });
});
