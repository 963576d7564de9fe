import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { kaplanMeier, medianOffset } from "../../src/stats/kaplanMeier.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { eventsArb, naiveActivity } from "./naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { timeLimit } from "../support/timeout.ts";
import { periodOf, periodRange } from "../../src/periods/index.ts";

const e = (customerId: string, day: string) => ({ customerId, at: `${day}T12:00:00Z` });

describe("Kaplan-Meier on whole periods", () => {
  it("reproduces R's survfit on the AML 'maintained' arm (log-log band)", () => {
    // Weeks to relapse: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+ (Miller 1981; R's survival::aml).
    const churned = new Float64Array(162);
    const censored = new Float64Array(162);
    for (const t of [9, 13, 18, 23, 31, 34, 48]) churned[t]!++;
    for (const t of [13, 28, 45, 161]) censored[t]!++;
    const points = kaplanMeier(churned, censored, 0.95);
    // survfit(Surv(time, status) ~ 1, data = aml[aml$x == "Maintained", ], conf.type = "log-log")
    const published = [
      [9, 11, 0.909, 0.0867, 0.5081, 0.987],
      [13, 10, 0.818, 0.1163, 0.4474, 0.951],
      [18, 8, 0.716, 0.1397, 0.3502, 0.899],
      [23, 7, 0.614, 0.1526, 0.2658, 0.835],
      [31, 5, 0.491, 0.1642, 0.1673, 0.753],
      [34, 4, 0.368, 0.1627, 0.0928, 0.657],
      [48, 2, 0.184, 0.1535, 0.0117, 0.525],
    ] as const;
    for (const [t, n, s, se, lower, upper] of published) {
      const p = points[t]!;
      expect(p.atRisk).toBe(n);
      expect(p.survival).toBeCloseTo(s, 3);
      expect(p.standardError!).toBeCloseTo(se, 4);
      expect(p.lower!).toBeCloseTo(lower, 3);
      expect(p.upper!).toBeCloseTo(upper, 3);
    }
    expect(points[8]!.survival).toBe(1);
    expect([points[8]!.lower, points[8]!.upper]).toEqual([1, 1]);
    expect(points[161]!.survival).toBeCloseTo(0.184, 3); // flat after the last relapse
    expect(medianOffset(points)).toBe(31);
  });

  it("ends at 0 with no band once everyone at risk has churned", () => {
    const points = kaplanMeier(Float64Array.of(0, 1, 1), Float64Array.of(0, 0, 0), 0.95);
    expect(points.map((p) => p.survival)).toEqual([1, 0.5, 0]);
    expect(points[2]).toMatchObject({ atRisk: 1, churned: 1, standardError: null, lower: null, upper: null });
    expect(medianOffset(points)).toBe(1);
    expect(medianOffset(kaplanMeier(Float64Array.of(0, 1), Float64Array.of(0, 2), 0.95))).toBeNull();
  });
});

describe("survivalCurve: worked examples", () => {
  const to = "2024-07-01T00:00:00Z";
  // Monthly, churn after 1 inactive month, data through June.
  const events = [
    e("a", "2024-01-05"), // January only: churned, lifetime 1
    e("b", "2024-01-07"), e("b", "2024-02-07"), e("b", "2024-03-07"), // Jan-Mar: churned, lifetime 3
    e("c", "2024-01-09"), e("c", "2024-03-09"), // January, gap in February: churned, lifetime 1 (March is a comeback)
    e("d", "2024-02-10"), e("d", "2024-03-10"), e("d", "2024-04-10"), e("d", "2024-05-10"), e("d", "2024-06-10"), // still active: censored at offset 4
    e("f", "2024-06-20"), // first seen in June, the last complete month: censored at offset 0
  ];

  it("measures lifetimes, censoring, the curve and the median by hand", () => {
    const s = survivalCurve(events, { to });
    expect([s.customers, s.churned, s.censored]).toEqual([5, 3, 2]);
    const at = s.points.map((p) => [p.offset, p.atRisk, p.churned, p.censored]);
    expect(at).toEqual([[0, 5, 0, 1], [1, 4, 2, 0], [2, 2, 0, 0], [3, 2, 1, 0], [4, 1, 0, 1]]);
    expect(s.points.map((p) => p.survival)).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
    expect(s.medianLifetime).toBe(1);
    // Greenwood at offset 1: S^2 * 2 / (4 * 2).
    expect(s.points[1]!.standardError).toBeCloseTo(Math.sqrt(0.25 * 0.25), 12);
    expect(s.churnAfter).toBe(1);
    expect(s.confidence).toBe(0.95);
    expect(s.groups).toEqual([]);
  });

  it("waits for a longer gap with churnAfter", () => {
    // churnAfter 2: c's one-month gap is no churn, so c lives January-March; a, b and c churn by June.
    const s = survivalCurve(events, { to, churnAfter: 2 });
    expect(s.points.map((p) => [p.offset, p.atRisk, p.churned, p.censored])).toEqual([[0, 5, 0, 1], [1, 4, 1, 0], [2, 3, 0, 0], [3, 3, 2, 0], [4, 1, 0, 1]]);
    expect(s.medianLifetime).toBe(3);
  });

  it("leaves out the month cut by the data's end, and customers first seen in it", () => {
    const s = survivalCurve(events, { to: "2024-06-15T00:00:00Z" });
    // Complete months January to May: d (active to May) is censored at offset 3; f is not seen yet.
    expect([s.customers, s.churned, s.censored]).toEqual([4, 3, 1]);
    expect(s.points.at(-1)).toMatchObject({ offset: 3, atRisk: 2, churned: 1, censored: 1 });
  });

  it("estimates a curve per cohort or per key", () => {
    const byCohort = survivalCurve(events, { to, groupBy: "cohort" });
    expect(byCohort.groups.map((g) => [g.group, g.customers, g.period?.key])).toEqual([["2024-01", 3, "2024-01"], ["2024-02", 1, "2024-02"], ["2024-06", 1, "2024-06"]]);
    expect(byCohort.groups[0]!.points.map((p) => p.survival)).toEqual([1, 1 / 3, 1 / 3, 0]);
    expect(byCohort.groups[0]!.medianLifetime).toBe(1);
    expect(byCohort.groups[1]!.medianLifetime).toBeNull(); // d never churned
    const byKey = survivalCurve(events, { to, groupBy: (id) => (id === "d" || id === "f" ? "loyal" : "other") });
    expect(byKey.groups.map((g) => [g.group, g.customers, g.churned])).toEqual([["loyal", 2, 0], ["other", 3, 3]]);
    expect(byKey.groups[0]!.period).toBeUndefined();
    expect(byKey.points).toEqual(survivalCurve(events, { to }).points);
  });

  it("refuses bad options and gives an empty curve for no events", () => {
    expect(() => survivalCurve(events, { churnAfter: 0 })).toThrow(InvalidInputError);
    expect(() => survivalCurve(events, { confidence: 95 })).toThrow(/confidence/);
    expect(() => survivalCurve(events, { groupBy: "plan" as never })).toThrow(/groupBy/);
    expect(() => survivalCurve(events, { groupBy: () => null as never })).toThrow(/groupBy\("a"\)/);
    const empty = survivalCurve([]);
    expect([empty.customers, empty.points, empty.medianLifetime, empty.groups]).toEqual([0, [], null, []]);
  });
});

describe("survivalCurve: bounded work (issue #12)", () => {
  // 400 customers, first seen on consecutive days from 2016 and all seen again on 2024-01-01:
  // 400 daily cohorts whose curves run about 2,700 days each, 1.09 million points in all.
  const start = Date.UTC(2016, 0, 1);
  const events = Array.from({ length: 400 }, (_, i) => [
    { customerId: `c${i}`, at: start + i * 86_400_000 },
    { customerId: `c${i}`, at: Date.UTC(2024, 0, 1, 12) },
  ]).flat();
  const options = { period: "day" as const, churnAfter: 100_000, to: "2024-01-02T00:00:00Z" };

  it("refuses curves per cohort whose points together exceed the bound, saying what to change", () => {
    expectInvalid(() => survivalCurve(events, { ...options, groupBy: "cohort" }), {
      field: "groupBy",
      value: "cohort",
      message: /expected at most 1,000,000 cells, not survival curves of 400 groups = 1,\d{3},\d{3} cells; use a longer period unit \(week, month\), a later from, or groups of several cohorts\.$/,
    });
  });

  it("answers the overall curve of the same data, and the curves by a coarser key", () => {
    expect(survivalCurve(events, options).points.length).toBeGreaterThan(2900);
    const byYear = survivalCurve(events, { ...options, groupBy: (id) => (Number(String(id).slice(1)) < 366 ? "2016" : "2017") });
    expect(byYear.groups.map((g) => [g.group, g.customers])).toEqual([["2016", 366], ["2017", 34]]);
  });
});

describe("survivalCurve: properties", () => {
  const unitArb = fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">;

  test.prop([eventsArb, unitArb, fc.integer({ min: 1, max: 3 })], { numRuns: 60 })(
    "with nothing censored, equals 1 - the empirical churn by offset",
    (events, unit, churnAfter) => {
      // An end long after the last event: every gap has elapsed, no lifetime is censored.
      const to = Date.UTC(2026, 0, 1);
      const s = survivalCurve(events, { period: unit, churnAfter, to });
      expect(s.censored).toBe(0);
      const naive = naiveActivity(events, { unit }, to);
      const lifetimes = [...naive.customers.values()].map((c) => {
        const active = new Set(c.periods.keys());
        let last = c.first;
        for (let k = c.first + 1; k - last <= churnAfter; k++) if (active.has(k)) last = k;
        return last - c.first + 1;
      });
      expect(s.customers).toBe(lifetimes.length);
      s.points.forEach((p) => {
        expect(p.survival).toBeCloseTo(lifetimes.filter((t) => t > p.offset).length / lifetimes.length, 12);
      });
      if (lifetimes.length > 0) expect(s.points.length).toBe(Math.max(...lifetimes) + 1);
    },
  );

  test.prop([eventsArb, unitArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 2, 1) }), fc.constantFrom(0.8, 0.95, 0.99)], { numRuns: 80 })(
    "is non-increasing, starts at 1, and its bands contain it",
    (events, unit, churnAfter, to, confidence) => {
      const s = survivalCurve(events, { period: unit, churnAfter, to, confidence, groupBy: "cohort" });
      for (const curve of [s, ...s.groups]) {
        expect(curve.churned + curve.censored).toBe(curve.customers);
        curve.points.forEach((p, i) => {
          if (i === 0) expect(p.survival).toBe(1);
          else expect(p.survival).toBeLessThanOrEqual(curve.points[i - 1]!.survival);
          expect(p.atRisk).toBeGreaterThan(0);
          if (p.lower === null || p.upper === null) return expect(p.survival).toBe(0);
          expect(p.lower).toBeGreaterThanOrEqual(0);
          expect(p.lower).toBeLessThanOrEqual(p.survival);
          expect(p.upper).toBeGreaterThanOrEqual(p.survival);
          expect(p.upper).toBeLessThanOrEqual(1);
        });
      }
      expect(s.groups.reduce((n, g) => n + g.customers, 0)).toBe(s.customers);
    },
  );
});

describe("survivalCurve: the band at 1 and 0, the empty shape, each refusal's text (issue #12, mutation testing)", () => {
  it("gives a band of width 0 at survival 1, none at 0, and a log-log band around the rest", () => {
    // 4 at risk at offset 0, none churns; at 1, 2 churn of 4; at 2, the 2 left churn.
    const points = kaplanMeier(Float64Array.of(0, 2, 2), Float64Array.of(0, 0, 0), 0.95);
    expect(points[0]).toMatchObject({ offset: 0, atRisk: 4, churned: 0, survival: 1, standardError: 0, lower: 1, upper: 1 });
    const half = points[1]!;
    expect(half.survival).toBe(0.5);
    // Greenwood: 0.5^2 * 2 / (4 * 2) = 0.0625; log-log band s^exp(+-z sqrt(sum) / |ln s|)
    expect(half.standardError).toBeCloseTo(0.25, 12);
    const theta = (1.959963984540054 * Math.sqrt(2 / 8)) / Math.abs(Math.log(0.5));
    expect(half.lower).toBeCloseTo(0.5 ** Math.exp(theta), 10);
    expect(half.upper).toBeCloseTo(0.5 ** Math.exp(-theta), 10);
    expect(half.lower!).toBeLessThan(0.5);
    expect(half.upper!).toBeGreaterThan(0.5);
    expect(points[2]).toMatchObject({ survival: 0, standardError: null, lower: null, upper: null });
  });

  it("keeps the options in the shape of an empty curve (Asia/Tokyo stays Asia/Tokyo)", () => {
    const empty = survivalCurve([], { timeZone: "Asia/Tokyo", period: "week", weekStartsOn: 0, churnAfter: 2, confidence: 0.9, groupBy: "cohort" });
    expect(empty.spec).toEqual({ unit: "week", timeZone: "Asia/Tokyo", weekStartsOn: 0 });
    expect([empty.churnAfter, empty.confidence, empty.customers, empty.churned, empty.censored, empty.points, empty.medianLifetime, empty.groups]).toEqual([2, 0.9, 0, 0, 0, [], null, []]);
    expect([survivalCurve([]).churnAfter, survivalCurve([]).confidence]).toEqual([1, 0.95]);
  });

  it("names the field, the value and what was expected", () => {
    const events = [e("a", "2024-01-05"), e("a", "2024-02-05")];
    expectInvalid(() => survivalCurve(events, null as never), { field: "options", value: null, message: /\{ churnAfter: 2 \}/ });
    expectInvalid(() => survivalCurve(events, { churnAfter: 0 }), { field: "churnAfter", value: 0, message: /./ });
    expectInvalid(() => survivalCurve(events, { confidence: 1 }), { field: "confidence", value: 1, message: /./ });
    expectInvalid(() => survivalCurve(events, { groupBy: "plan" as never }), { field: "groupBy", value: "plan", message: /"cohort" or a function from a customer id to a group key/ });
    expectInvalid(() => survivalCurve(events, { groupBy: () => 7 as never }), { field: 'groupBy("a")', value: 7, message: /a string group key/ });
  });

  it("names a groupBy function in a refused grid by its name, or as a function", () => {
    const events = Array.from({ length: 400 }, (_, i) => [
      { customerId: `c${i}`, at: Date.UTC(2016, 0, 1) + i * 86_400_000 },
      { customerId: `c${i}`, at: Date.UTC(2024, 0, 1, 12) },
    ]).flat();
    const options = { period: "day" as const, churnAfter: 100_000, to: "2024-01-02T00:00:00Z" };
    const CELLS = /expected at most 1,000,000 cells, not survival curves of 400 groups .*; use a longer period unit/;
    function byId(id: unknown) {
      return String(id);
    }
    expectInvalid(() => survivalCurve(events, { ...options, groupBy: byId }), { field: "groupBy", value: "a function (byId)", message: CELLS });
    expectInvalid(() => survivalCurve(events, { ...options, groupBy: [(id: unknown) => String(id)][0]! }), { field: "groupBy", value: "a function", message: CELLS });
  }, timeLimit(30_000));
});

describe("survivalCurve: startEvent and returnEvent", () => {
  const namesArb = fc.constantFrom("signup", "visit", "buy");
  const namedArb = eventsArb.chain((evs) => fc.array(namesArb, { minLength: evs.length, maxLength: evs.length }).map((names) => evs.map((x, i) => ({ ...x, event: names[i]! }))));
  const unitArb = fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">;

  it("starts lifetimes at the first start event and extends them by return events, by hand", () => {
    const n = (customerId: string, at: string, event: string) => ({ customerId, at: `${at}T00:00:00Z`, event });
    const events = [
      n("a", "2024-01-05", "visit"), n("a", "2024-02-05", "signup"), n("a", "2024-03-05", "buy"), n("a", "2024-04-05", "visit"),
      n("b", "2024-01-07", "signup"), n("b", "2024-02-07", "visit"),
    ];
    const to = "2024-08-01T00:00:00Z";
    // Any event: a lives January-April (4 months), b January-February (2).
    expect(survivalCurve(events, { to }).points.map((p) => p.survival)).toEqual([1, 1, 0.5, 0.5, 0]);
    // Signup to purchase: a February-March (2 months); b signs up and never buys (1).
    expect(survivalCurve(events, { to, startEvent: "signup", returnEvent: "buy" }).points.map((p) => p.survival)).toEqual([1, 0.5, 0]);
  });

  test.prop([namedArb, unitArb, fc.integer({ min: 1, max: 3 }), fc.subarray(["signup", "visit", "buy"], { minLength: 1 }), fc.subarray(["signup", "visit", "buy"], { minLength: 1 })], { numRuns: 60 })(
    "with nothing censored, equals 1 - the empirical churn of naive start-to-return lifetimes",
    (events, unit, churnAfter, startWanted, returnWanted) => {
      const start = startWanted.filter((x) => events.some((e) => e.event === x));
      const ret = returnWanted.filter((x) => events.some((e) => e.event === x));
      if (start.length === 0 || ret.length === 0) return;
      const to = Date.UTC(2026, 0, 1);
      const s = survivalCurve(events, { period: unit, churnAfter, to, startEvent: start, returnEvent: (x) => ret.includes(x) });
      expect(s.censored).toBe(0);
      const index = new Map(periodRange(Math.min(...events.map((e) => e.at)), to - 1, { unit }).map((p, i) => [p.key, i]));
      const k = (at: number) => index.get(periodOf(at, { unit }).key)!;
      const lifetimes: number[] = [];
      for (const id of new Set(events.map((e) => e.customerId))) {
        const own = events.filter((e) => e.customerId === id);
        const starts = own.filter((e) => start.includes(e.event)).map((e) => k(e.at));
        if (starts.length === 0) continue;
        const first = Math.min(...starts);
        const active = new Set(own.filter((e) => ret.includes(e.event)).map((e) => k(e.at)));
        let last = first;
        for (let p = first + 1; p - last <= churnAfter; p++) if (active.has(p)) last = p;
        lifetimes.push(last - first + 1);
      }
      expect(s.customers).toBe(lifetimes.length);
      s.points.forEach((p) => expect(p.survival).toBeCloseTo(lifetimes.filter((t) => t > p.offset).length / lifetimes.length, 12));
      const names = [...new Set(events.map((e) => e.event))];
      expect(survivalCurve(events, { period: unit, churnAfter, to, startEvent: names, returnEvent: names })).toEqual(survivalCurve(events, { period: unit, churnAfter, to }));
    },
  );

  it("refuses an unknown start event, listing the names", () => {
    expectInvalid(() => survivalCurve([{ customerId: "a", at: 0, event: "buy" }], { startEvent: "signup" }), { field: "startEvent", value: "signup", message: /the names are "buy"/ });
  });
});
