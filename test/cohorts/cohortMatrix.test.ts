import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../../src/cohorts/matrix.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";
import { eventsArb, naiveActivity, naiveCell } from "./naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { timeLimit } from "../support/timeout.ts";

const e = (customerId: string, at: string, amount?: number) => ({ customerId, at: `${at}T12:00:00Z`, ...(amount === undefined ? {} : { amount }) });
const str = (xs: ReadonlyArray<unknown>) => xs.map((x) => (x === null ? null : String(x)));

describe("cohortMatrix: worked examples", () => {
  // January: a, b, c new. February: a back, d new. March: a, b back (b skipped February). April: d.
  const events = [
    e("a", "2024-01-02", 10), e("b", "2024-01-05", 20), e("c", "2024-01-20", 30),
    e("a", "2024-02-03", 15), e("a", "2024-02-04", 5), e("d", "2024-02-10", 40),
    e("a", "2024-03-01", 25), e("b", "2024-03-15", 10),
    e("d", "2024-04-10", 8),
  ];
  const to = "2024-05-01T00:00:00Z";

  it("counts classic retention by hand", () => {
    const m = cohortMatrix(events, { to });
    expect(m.offsets).toEqual([0, 1, 2, 3]);
    expect(m.cohorts.map((c) => [c.cohort, c.size])).toEqual([["2024-01", 3], ["2024-02", 1], ["2024-03", 0], ["2024-04", 0]]);
    const [jan, feb, mar, apr] = m.cohorts;
    expect(jan!.values).toEqual([3, 1, 2, 0]); // c is active only in its first month
    expect(jan!.rates).toEqual([1, 1 / 3, 2 / 3, 0]);
    expect(feb!.values).toEqual([1, 0, 1, null]); // d: February, April; May has not happened
    expect(mar!.values).toEqual([0, 0, null, null]); // an empty cohort: true zeros, rates null
    expect(mar!.rates).toEqual([null, null, null, null]);
    expect(apr!.values).toEqual([0, null, null, null]);
    expect(m.average).toEqual([1, 1 / 4, 3 / 4, 0]);
    expect(jan!.period?.key).toBe("2024-01");
    expect(m.mode).toBe("classic");
    expect(m.measure).toBe("customers");
    expect(m.cohortBy).toBe("period");
  });

  it("counts unbounded retention by hand: active then or later, never increasing", () => {
    const m = cohortMatrix(events, { to, mode: "unbounded" });
    expect(m.cohorts[0]!.values).toEqual([3, 2, 2, 0]); // a (Mar), b (Mar) are active in February or later
    expect(m.cohorts[1]!.values).toEqual([1, 1, 1, null]);
  });

  it("sums orders and revenue, and the realised CLV curve", () => {
    const orders = cohortMatrix(events, { to, measure: "orders" });
    expect(orders.cohorts[0]!.values).toEqual([3, 2, 2, 0]);
    expect(orders.cohorts[0]!.rates).toEqual([1, 2 / 3, 2 / 3, 0]);
    const revenue = cohortMatrix(events, { to, measure: "revenue" });
    expect(str(revenue.cohorts[0]!.values)).toEqual(["60", "20", "35", "0"]);
    expect(revenue.cohorts[0]!.rates).toEqual([20, 20 / 3, 35 / 3, 0]);
    expect(str(revenue.cohorts[0]!.cumulativeRevenuePerCustomer)).toEqual(["20", "26.66666666666666666666666666666666666667", "38.33333333333333333333333333333333333333", "38.33333333333333333333333333333333333333"]);
    expect(str(revenue.cohorts[1]!.cumulativeRevenuePerCustomer)).toEqual(["40", "40", "48", null]);
    // The customers measure carries the same CLV curve.
    expect(str(cohortMatrix(events, { to }).cohorts[1]!.cumulativeRevenuePerCustomer)).toEqual(["40", "40", "48", null]);
    // The average curve adds up each offset's revenue per customer over the cohorts observed there:
    // 100 / 4, then + 20 / 4, + 43 / 4, + 0 / 3 (February's cohort is not observed at offset 3).
    expect(str(revenue.averageCumulativeRevenuePerCustomer)).toEqual(["25", "30", "40.75", "40.75"]);
  });

  it("makes a cohort of one customer, and a customer active only in the first period", () => {
    const m = cohortMatrix([e("solo", "2024-03-10", 5), e("solo", "2024-05-01", 7)], { to: "2024-06-01T00:00:00Z" });
    expect(m.cohorts.map((c) => [c.cohort, c.size, c.values])).toEqual([["2024-03", 1, [1, 0, 1]], ["2024-04", 0, [0, 0, null]], ["2024-05", 0, [0, null, null]]]);
    const once = cohortMatrix([e("x", "2024-01-10"), e("y", "2024-01-11"), e("y", "2024-02-11")], { to: "2024-04-01T00:00:00Z" });
    expect(once.cohorts[0]!.values).toEqual([2, 1, 0]);
    expect(once.cohorts[0]!.cumulativeRevenuePerCustomer).toEqual([null, null, null]); // no amounts
  });

  it("censors the period cut by the data's end", () => {
    // Default end: just after the last event, 15 April: April has not ended.
    const m = cohortMatrix(events);
    expect(m.offsets).toEqual([0, 1, 2]); // the largest offset observed: January to March
    expect(m.cohorts.map((c) => c.values)).toEqual([[3, 1, 2], [1, 0, null], [0, null, null], [null, null, null]]);
    expect(m.average).toEqual([1, 1 / 4, 2 / 3]);
    // An end in the middle of March: March's cells are null, never 0.
    const mid = cohortMatrix(events, { to: "2024-03-10T00:00:00Z" });
    expect(mid.cohorts.map((c) => c.values)).toEqual([[3, 1], [1, null], [null, null]]);
    expect(mid.cohorts[2]!.size).toBe(0); // nobody is new in March
  });

  it("cuts or widens the columns with maxOffset", () => {
    expect(cohortMatrix(events, { to, maxOffset: 1 }).cohorts[0]!.values).toEqual([3, 1]);
    const wide = cohortMatrix(events, { to, maxOffset: 5 });
    expect(wide.offsets).toEqual([0, 1, 2, 3, 4, 5]);
    expect(wide.cohorts[0]!.values).toEqual([3, 1, 2, 0, null, null]);
    expect(wide.average.slice(4)).toEqual([null, null]);
    expect(cohortMatrix(events, { to, maxOffset: 0 }).offsets).toEqual([0]);
  });

  it("adds Wilson intervals per cell and to the average", () => {
    const m = cohortMatrix(events, { to, interval: true, confidence: 0.9 });
    expect(m.confidence).toBe(0.9);
    expect(m.cohorts[0]!.intervals![1]).toEqual(wilsonInterval({ successes: 1, trials: 3 }, { confidence: 0.9 }));
    expect(m.cohorts[1]!.intervals![3]).toBeNull();
    expect(m.cohorts[2]!.intervals![0]).toBeNull(); // empty cohort
    expect(m.averageIntervals![1]).toEqual(wilsonInterval({ successes: 1, trials: 4 }, { confidence: 0.9 }));
    expect(cohortMatrix(events, { to }).cohorts[0]!.intervals).toBeUndefined();
  });

  it("gives a tidy long table", () => {
    const m = cohortMatrix(events, { to, interval: true });
    const rows = m.toRows();
    expect(rows).toHaveLength(4 * 4);
    expect(rows[1]).toEqual({ cohort: "2024-01", offset: 1, value: 1, rate: 1 / 3, lower: m.cohorts[0]!.intervals![1]!.lower, upper: m.cohorts[0]!.intervals![1]!.upper });
    expect(rows[7]).toEqual({ cohort: "2024-02", offset: 3, value: null, rate: null, lower: null, upper: null });
    expect(cohortMatrix(events, { to }).toRows()[0]).toEqual({ cohort: "2024-01", offset: 0, value: 3, rate: 1 });
  });

  it("groups by a caller's key, counting each member only where observed", () => {
    const plan: Record<string, string> = { a: "pro", b: "free", c: "free", d: "pro" };
    const m = cohortMatrix(events, { to: "2024-04-20T00:00:00Z", cohortOf: (id) => plan[String(id)]! });
    expect(m.cohortBy).toBe("key");
    expect(m.cohorts.map((c) => [c.cohort, c.size, c.period])).toEqual([["free", 2, undefined], ["pro", 2, undefined]]);
    // Complete months: January to March. pro = a (from January), d (from February).
    const pro = m.cohorts[1]!;
    expect(pro.observed).toEqual([2, 2, 1]); // d's offset 2 is April: not ended
    expect(pro.values).toEqual([2, 1, 1]); // offset 1: a in February (d's March: none); offset 2: a in March
    expect(pro.rates).toEqual([1, 0.5, 1]);
    expect(m.cohorts[0]!.values).toEqual([2, 0, 1]);
    expect(m.average).toEqual([1, 0.25, 2 / 3]);
    expect(str(pro.cumulativeRevenuePerCustomer)).toEqual(["25", "35", "55"]); // a: 10, 20, 25; d: 40, 0 (then not observed)
    // Unbounded: d's April event (an unfinished month) shows d active "then or later" at offset 1, not beyond.
    const unbounded = cohortMatrix(events, { to: "2024-04-20T00:00:00Z", cohortOf: (id) => plan[String(id)]!, mode: "unbounded" });
    expect(unbounded.cohorts[1]!.values).toEqual([2, 2, 1]);
  });

  it("leaves customers acquired before `from` out of every cohort", () => {
    const m = cohortMatrix(events, { from: "2024-02-01T00:00:00Z", to });
    expect(m.cohorts.map((c) => [c.cohort, c.size])).toEqual([["2024-02", 1], ["2024-03", 0], ["2024-04", 0]]);
    expect(m.cohorts[0]!.values).toEqual([1, 0, 1]);
  });

  it("refuses bad options with a clear error", () => {
    expect(() => cohortMatrix(events, { mode: "rolling" as never })).toThrow(InvalidInputError);
    expect(() => cohortMatrix(events, { measure: "mrr" as never })).toThrow(/mrr/); // rows without MRR
    expect(() => cohortMatrix(eventTable(events), { measure: "mrr" as never })).toThrow(/measure/);
    expect(() => cohortMatrix(events, { mode: "unbounded", measure: "revenue" })).toThrow(/unbounded retention counts customers/);
    expect(() => cohortMatrix(events, { measure: "orders", interval: true })).toThrow(/Wilson/);
    expect(() => cohortMatrix(events, { maxOffset: -1 })).toThrow(/maxOffset/);
    expect(() => cohortMatrix(events, { maxOffset: 1.5 })).toThrow(/maxOffset/);
    expect(() => cohortMatrix(events, { confidence: 1 })).toThrow(/confidence/);
    expect(() => cohortMatrix(events, { cohortOf: "plan" as never })).toThrow(/cohortOf/);
    expect(() => cohortMatrix(events, { cohortOf: () => 3 as never })).toThrow(/cohortOf\("a"\)/);
    expect(() => cohortMatrix([e("a", "2024-01-01")], { measure: "revenue" })).toThrow(/amounts/);
  });

  it("returns an empty matrix for no events", () => {
    const m = cohortMatrix([]);
    expect([m.offsets, m.cohorts, m.average, m.toRows()]).toEqual([[], [], [], []]);
    const spanned = cohortMatrix([], { from: "2024-01-01T00:00:00Z", to: "2024-03-01T00:00:00Z" });
    expect(spanned.cohorts.map((c) => [c.cohort, c.size, c.values])).toEqual([["2024-01", 0, [0, 0]], ["2024-02", 0, [0, null]]]);
    expect(spanned.average).toEqual([null, null]);
    expect(cohortMatrix([], { maxOffset: 2 }).offsets).toEqual([0, 1, 2]);
  });

  it("uses the local calendar of the time zone", () => {
    // 2024-02-01T03:00Z is still 31 January in New York.
    const tz = [{ customerId: "a", at: "2024-01-10T12:00:00Z" }, { customerId: "a", at: "2024-02-01T03:00:00Z" }];
    const to = "2024-03-01T12:00:00Z";
    expect(cohortMatrix(tz, { to }).cohorts[0]!.values).toEqual([1, 1]);
    expect(cohortMatrix(tz, { to, timeZone: "America/New_York" }).cohorts[0]!.values).toEqual([1, 0]);
  });
});

describe("cohortMatrix: bounded work (issue #12)", () => {
  // 1,000 events of 300 customers spread over 2024 (about one every 8.8 hours).
  const year = Array.from({ length: 1000 }, (_, i) => ({ customerId: `c${i % 300}`, at: Date.UTC(2024, 0, 1) + Math.floor(i * 0.36 * 86_400_000), amount: 10 }));
  const CELLS = /expected at most 1,000,000 cells, not a cohort matrix of .* cohorts x .* offsets .*; set maxOffset, use a longer period unit \(week, month\) or a later from/;

  it("refuses at once one stray event at epoch 0 among a year of daily events (was 35 s and 6 GB)", () => {
    const stray = [{ customerId: "stray", at: 0, amount: 1 }, ...year];
    const error = expectInvalid(() => cohortMatrix(stray, { period: "day" }), { field: "period", value: "day", message: CELLS });
    expect(error.message).toContain("(cohorts 1970-01-01 to 2024-");
  });

  it("refuses at once a from in year 1 by month (was as slow)", () => {
    const error = expectInvalid(() => cohortMatrix(year, { period: "month", from: "0001-01-01T00:00:00Z" }), { field: "period", value: "month", message: CELLS });
    expect(error.message).toContain("24,288 cohorts x 24,287 offsets (cohorts 0001-01 to 2024-12) = 589,882,656 cells");
  });

  it("answers the same data when the grid is bounded: a maxOffset, a longer unit, or cohorts by key", () => {
    const stray = [{ customerId: "stray", at: 0, amount: 1 }, ...year];
    expect(cohortMatrix(stray, { period: "day", maxOffset: 30 }).offsets).toHaveLength(31);
    expect(cohortMatrix(stray, { period: "year" }).cohorts.at(-1)!.cohort).toBe("2024");
    expect(cohortMatrix(stray, { period: "day", cohortOf: (id) => (id === "stray" ? "old" : "new") }).cohorts.map((c) => c.cohort)).toEqual(["new", "old"]);
  }, timeLimit(30_000));

  it("refuses a maxOffset whose columns alone are too many, even without events", () => {
    for (const events of [[], year]) {
      expectInvalid(() => cohortMatrix(events, { maxOffset: 5_000_000 }), {
        field: "maxOffset",
        value: 5_000_000,
        message: /expected at most 1,000,000 cells, not 5,000,001 offsets = 5,000,001 cells; set a smaller maxOffset\.$/,
      });
    }
  });

  it("names maxOffset when a given maxOffset makes the grid too large", () => {
    const stray = [{ customerId: "stray", at: 0, amount: 1 }, ...year];
    expectInvalid(() => cohortMatrix(stray, { period: "day", maxOffset: 999 }), { field: "maxOffset", value: 999, message: CELLS });
  });
});

describe("cohortMatrix: properties", () => {
  const unitArb = fc.constantFrom("week", "month", "quarter") as fc.Arbitrary<"week" | "month" | "quarter">;
  const zoneArb = fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata");
  const toArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 2, 1) });

  test.prop([eventsArb, unitArb, zoneArb, toArb], { numRuns: 60 })(
    "equals a naive recomputation, cell by cell, for every measure and mode",
    (events, unit, timeZone, to) => {
      const spec = { unit, timeZone };
      const naive = naiveActivity(events, spec, to);
      const classic = cohortMatrix(events, { period: spec, to });
      const unbounded = cohortMatrix(events, { period: spec, to, mode: "unbounded" });
      const orders = cohortMatrix(events, { period: spec, to, measure: "orders" });
      const revenue = cohortMatrix(events, { period: spec, to, measure: "revenue" });
      expect(classic.cohorts.map((c) => c.cohort)).toEqual(naive.periods.map((p) => p.key));
      classic.cohorts.forEach((row, c) => {
        expect(row.size).toBe([...naive.customers.values()].filter((x) => x.first === c).length);
        for (const k of classic.offsets) {
          const censored = c + k > naive.lastComplete;
          const cell = naiveCell(naive, c, k);
          expect(row.values[k]).toBe(censored ? null : cell.customers);
          expect(unbounded.cohorts[c]!.values[k]).toBe(censored ? null : cell.unbounded);
          expect(orders.cohorts[c]!.values[k]).toBe(censored ? null : cell.orders);
          const money = revenue.cohorts[c]!.values[k] ?? null;
          expect(money === null || typeof money === "number" ? money : money.times(100).toNumber()).toBe(censored ? null : cell.cents);
        }
      });
    },
    30_000, // 240 matrices and their naive recounts: seconds on a loaded shared machine
  );

  test.prop([eventsArb, unitArb, toArb], { numRuns: 60 })("keeps its invariants", (events, unit, to) => {
    const m = cohortMatrix(events, { period: unit, to, interval: true });
    const u = cohortMatrix(events, { period: unit, to, mode: "unbounded" });
    const customers = new Set(events.filter((x) => x.at < to).map((x) => x.customerId)).size;
    expect(m.cohorts.reduce((s, c) => s + c.size, 0)).toBe(customers);
    for (const row of m.cohorts) {
      if (row.values[0] !== null && row.size > 0) expect(row.rates[0]).toBe(1);
      row.rates.forEach((r, k) => {
        if (r === null) return;
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        const ci = row.intervals![k]!;
        expect(ci.lower).toBeLessThanOrEqual(r);
        expect(ci.upper).toBeGreaterThanOrEqual(r);
      });
      // A censored cell is followed only by censored cells.
      const firstNull = row.values.indexOf(null);
      if (firstNull >= 0) expect(row.values.slice(firstNull).every((v) => v === null)).toBe(true);
    }
    for (const row of u.cohorts) {
      const seen = row.values.filter((v): v is number => v !== null);
      for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeLessThanOrEqual(seen[k - 1]!);
    }
    m.average.forEach((a, k) => {
      const observed = m.cohorts.filter((c) => c.values[k] !== null && c.size > 0);
      if (observed.length === 0) return expect(a).toBeNull();
      const expected = observed.reduce((s, c) => s + (c.values[k] as number), 0) / observed.reduce((s, c) => s + c.size, 0);
      expect(a).toBeCloseTo(expected, 12);
    });
  });

  test.prop([eventsArb, fc.integer(), fc.constantFrom("customers", "revenue") as fc.Arbitrary<"customers" | "revenue">], { numRuns: 40 })(
    "does not depend on the order of the events",
    (events, seed, measure) => {
      const shuffled = [...events].sort((x, y) => ((x.at * 31 + seed) % 7) - ((y.at * 31 + seed) % 7));
      const to = Date.UTC(2025, 1, 1);
      const plain = (m: CohortMatrix) => JSON.parse(JSON.stringify({ ...m, cohorts: m.cohorts.map((c) => ({ ...c, values: str(c.values), cumulativeRevenuePerCustomer: str(c.cumulativeRevenuePerCustomer) })), rows: m.toRows().map((r) => ({ ...r, value: String(r.value) })) }));
      expect(plain(cohortMatrix(shuffled, { to, measure }))).toEqual(plain(cohortMatrix(events, { to, measure })));
      expect(plain(cohortMatrix(eventTable(events), { to, measure }))).toEqual(plain(cohortMatrix(events, { to, measure })));
      const key = (id: string | number | bigint) => (String(id) < "c" ? "early" : "late");
      expect(plain(cohortMatrix(shuffled, { to, cohortOf: key }))).toEqual(plain(cohortMatrix(events, { to, cohortOf: key })));
    },
  );

  const modeArb = fc.constantFrom("classic", "unbounded") as fc.Arbitrary<"classic" | "unbounded">;
  test.prop([eventsArb, toArb, modeArb], { numRuns: 60 })("by key, sums the period cohorts it is made of", (events, to, mode) => {
    // One key for everyone: each cell pools the period cohorts observed at that offset.
    const byPeriod = cohortMatrix(events, { to, maxOffset: 14, mode });
    const pooled = cohortMatrix(events, { to, maxOffset: 14, mode, cohortOf: () => "all" });
    if (byPeriod.cohorts.every((c) => c.size === 0)) {
      expect(pooled.cohorts).toEqual([]);
      return;
    }
    const all = pooled.cohorts[0]!;
    byPeriod.offsets.forEach((k) => {
      const observed = byPeriod.cohorts.filter((c) => c.values[k] !== null);
      expect(all.observed[k]).toBe(observed.reduce((s, c) => s + c.size, 0));
      expect(all.values[k]).toBe(all.observed[k] === 0 ? null : observed.reduce((s, c) => s + (c.values[k] as number), 0));
      expect(all.rates[k] ?? null).toBe(byPeriod.average[k] ?? null);
      // The pooled realised CLV: revenue of the observed customers so far, per observed customer.
      const withRevenue = observed.filter((c) => c.size > 0);
      const pooledClv = all.cumulativeRevenuePerCustomer[k] ?? null;
      if (withRevenue.length === 0) expect(pooledClv).toBeNull();
      else expect(pooledClv!.toNumber()).toBeCloseTo(withRevenue.reduce((s, c) => s + c.cumulativeRevenuePerCustomer[k]!.toNumber() * c.size, 0) / all.observed[k]!, 8);
    });
  });
});

describe("cohortMatrix: the average curve's weighting", () => {
  const unitArb = fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">;
  const toArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2025, 2, 1) });

  test.prop([eventsArb, unitArb, toArb, fc.constantFrom("classic" as const, "unbounded" as const)], { numRuns: 60 })(
    "simple: the plain mean of the observed cohorts' naive rates; weighted: pooled counts; nothing else changes",
    (events, unit, to, mode) => {
      const naive = naiveActivity(events, { unit }, to);
      const weighted = cohortMatrix(events, { period: unit, to, mode });
      const simple = cohortMatrix(events, { period: unit, to, mode, mean: "simple" });
      expect(cohortMatrix(events, { period: unit, to, mode, mean: "weighted" }).average).toEqual(weighted.average);
      expect({ ...simple, average: weighted.average, toRows: null }).toEqual({ ...weighted, toRows: null });
      for (const k of weighted.offsets) {
        const rates: number[] = [];
        let hits = 0;
        let size = 0;
        naive.periods.forEach((_p, c) => {
          const members = [...naive.customers.values()].filter((x) => x.first === c).length;
          if (c + k > naive.lastComplete || members === 0) return;
          const cell = naiveCell(naive, c, k);
          const value = mode === "classic" ? cell.customers : cell.unbounded;
          rates.push(value / members);
          hits += value;
          size += members;
        });
        expect(simple.average[k]).toBe(rates.length === 0 ? null : rates.reduce((a, b) => a + b, 0) / rates.length);
        expect(weighted.average[k]).toBe(size === 0 ? null : hits / size);
      }
    },
  );

  it("by hand: a big cohort and a small one", () => {
    // January: 4 customers, 1 back in February; February: 1 customer, back in March.
    const events = [
      e("a", "2024-01-02"), e("b", "2024-01-03"), e("c", "2024-01-04"), e("d", "2024-01-05"), e("a", "2024-02-02"),
      e("x", "2024-02-10"), e("x", "2024-03-10"),
    ];
    const options = { period: "month" as const, to: "2024-04-01T00:00:00Z", maxOffset: 1 };
    expect(cohortMatrix(events, options).average).toEqual([1, 2 / 5]); // (1 + 1) / (4 + 1)
    expect(cohortMatrix(events, { ...options, mean: "simple" }).average).toEqual([1, (1 / 4 + 1) / 2]);
  });

  it("refuses an unknown mean, and the simple mean with intervals", () => {
    const events = [e("a", "2024-01-02")];
    expectInvalid(() => cohortMatrix(events, { mean: "median" as "simple" }), { field: "mean", value: "median", message: /one of "weighted", "simple"/ });
    expectInvalid(() => cohortMatrix(events, { mean: "simple", interval: true }), { field: "mean", value: "simple", message: /pooled, size-weighted rate/ });
  });
});

describe("cohortMatrix: empty input, from with cohortOf, and each refusal's text (issue #12, mutation testing)", () => {
  it("keeps the options in the shape of an empty matrix (an empty matrix in Asia/Tokyo reports Asia/Tokyo)", () => {
    const m = cohortMatrix([], { timeZone: "Asia/Tokyo", period: "week", weekStartsOn: 0, mode: "unbounded", cohortOf: (id) => String(id), maxOffset: 1 });
    expect(m.spec).toEqual({ unit: "week", timeZone: "Asia/Tokyo", weekStartsOn: 0 });
    expect([m.mode, m.measure, m.cohortBy]).toEqual(["unbounded", "customers", "key"]);
    expect([m.offsets, m.cohorts, m.average, m.averageCumulativeRevenuePerCustomer, m.toRows()]).toEqual([[0, 1], [], [null, null], [null, null], []]);
    const plain = cohortMatrix([], { measure: "revenue" }); // no events: no amounts needed
    expect([plain.spec, plain.mode, plain.measure, plain.cohortBy, plain.offsets]).toEqual([{ unit: "month", timeZone: "UTC", weekStartsOn: 1 }, "classic", "revenue", "period", []]);
    expect(cohortMatrix(eventTable([]), { interval: true, maxOffset: 0 }).averageIntervals).toEqual([null]);
  });

  it("leaves customers first seen before `from` out of a cohortOf cohort too", () => {
    const events = [e("a", "2024-01-02", 10), e("a", "2024-02-03", 15), e("b", "2024-02-05", 20), e("c", "2024-03-03", 5), e("b", "2024-03-09", 1)];
    const m = cohortMatrix(events, { from: "2024-02-01T00:00:00Z", to: "2024-04-01T00:00:00Z", cohortOf: () => "all" });
    // a bought first in January, before from: not a member, and its February order is not counted
    expect(m.cohorts.map((c) => [c.cohort, c.size, c.values, c.observed])).toEqual([["all", 2, [2, 1], [2, 1]]]);
    expect(str(m.cohorts[0]!.cumulativeRevenuePerCustomer)).toEqual(["12.5", "21"]);
    const orders = cohortMatrix(events, { from: "2024-02-01T00:00:00Z", to: "2024-04-01T00:00:00Z", cohortOf: () => "all", measure: "orders" });
    expect(orders.cohorts[0]!.values).toEqual([2, 1]);
  });

  it("names the field, the value and what was expected", () => {
    const events = [e("a", "2024-01-02", 10), e("a", "2024-02-03", 15)];
    expectInvalid(() => cohortMatrix(events, null as never), { field: "options", value: null, message: /\{ period: "month", maxOffset: 12 \}/ });
    expectInvalid(() => cohortMatrix(eventTable(events), { measure: "mrr" } as never), { field: "measure", value: "mrr", message: /subscriptions \(intervals or MRR changes\), not an EventTable, for the mrr measure/ });
    expectInvalid(() => cohortMatrix(events, { mode: "rolling" as never }), { field: "mode", value: "rolling", message: /"classic", "unbounded"/ });
    expectInvalid(() => cohortMatrix(events, { measure: "visits" as never }), { field: "measure", value: "visits", message: /"customers", "orders", "revenue"/ });
    expectInvalid(() => cohortMatrix(events, { maxOffset: -1 }), { field: "maxOffset", value: -1, message: /./ });
    expectInvalid(() => cohortMatrix(events, { interval: "yes" as never }), { field: "interval", value: "yes", message: /true or false/ });
    expectInvalid(() => cohortMatrix(events, { confidence: 0 }), { field: "confidence", value: 0, message: /./ });
    expectInvalid(() => cohortMatrix(events, { cohortOf: "plan" as never }), { field: "cohortOf", value: "plan", message: /a function from a customer id to a cohort key/ });
    expectInvalid(() => cohortMatrix(events, { mode: "unbounded", measure: "orders" }), { field: "mode", value: "unbounded", message: /"classic" with measure "orders" \(unbounded retention counts customers\)/ });
    expectInvalid(() => cohortMatrix(events, { interval: true, measure: "revenue" }), { field: "interval", value: true, message: /false with measure "revenue" \(Wilson intervals are for proportions of customers\)/ });
    expectInvalid(() => cohortMatrix([e("a", "2024-01-01")], { measure: "revenue" }), { field: "measure", value: "revenue", message: /events with amounts for the revenue measure/ });
    // the customers and orders measures need no amounts
    expect(cohortMatrix([e("a", "2024-01-01")], { measure: "orders", to: "2024-02-01T00:00:00Z" }).cohorts[0]!.values).toEqual([1]);
  });

  it("says which cohorts a refused grid spans, or nothing of cohorts when there are none", () => {
    const year = Array.from({ length: 400 }, (_, i) => ({ customerId: `c${i}`, at: Date.UTC(2020, 0, 1) + i * 86_400_000 * 3 }));
    const error = expectInvalid(() => cohortMatrix(year, { period: "day", from: "2010-01-01T00:00:00Z" }), { field: "period", value: "day", message: /cohorts x/ });
    expect(error.message).toMatch(/ cohorts x [\d,]+ offsets \(cohorts 2010-01-01 to 2023-\d\d-\d\d\)/);
  });
});
