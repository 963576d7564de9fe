import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { historicLifetimeValue } from "../../src/clv/historicLifetimeValue.ts";
import { periodOf } from "../../src/periods/index.ts";
import { cdnowTransactions } from "./cdnow.ts";

describe("historicLifetimeValue", () => {
  it("sums each customer's and each cohort's revenue, with a margin", () => {
    const v = historicLifetimeValue([
      { customerId: "a", at: "2024-01-05T10:00:00Z", amount: 20 },
      { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 10 },
      { customerId: "a", at: "2024-03-02T10:00:00Z", amount: 30 },
      { customerId: "c", at: "2024-02-11T10:00:00Z", amount: 15 },
    ], { margin: 0.5, to: "2024-03-01T00:00:00Z" });
    expect(v.customers.map((c) => [c.customerId, c.cohort, c.orders, c.revenue.toString(), c.value.toString()])).toEqual([
      ["a", "2024-01", 1, "20", "10"], ["b", "2024-01", 1, "10", "5"], ["c", "2024-02", 1, "15", "7.5"],
    ]);
    expect(v.cohorts.map((c) => [c.cohort, c.customers, c.valuePerCustomer.toString()])).toEqual([["2024-01", 2, "7.5"], ["2024-02", 1, "7.5"]]);
    expect([v.total.customers, v.total.revenue.toString(), v.total.valuePerCustomer!.toString()]).toEqual([3, "45", "7.5"]);
  });

  it("gives CDNOW's quarter cohort its realised value (every sampled customer started in 1997-Q1)", () => {
    const v = historicLifetimeValue(cdnowTransactions(), { cohortPeriod: "quarter" });
    expect(v.cohorts.map((c) => [c.cohort, c.customers])).toEqual([["1997-Q1", 2357]]);
    expect(v.total.orders).toBe(6919);
    expect(v.total.revenue.toString()).toBe(v.cohorts[0]!.revenue.toString());
  });

  it("refuses events without amounts and returns nothing for no events", () => {
    expect(() => historicLifetimeValue([{ customerId: 1, at: "2024-01-01" }])).toThrow(/amount/);
    expect(historicLifetimeValue([]).total.valuePerCustomer).toBeNull();
  });

  test.prop([
    fc.array(fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d"),
      at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 6, 1) }),
      amount: fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
    }), { maxLength: 30 }),
    fc.constantFrom("UTC", "Asia/Tokyo", "America/Los_Angeles"),
  ])("equals a naive per-customer and per-cohort sum", (events, timeZone) => {
    const v = historicLifetimeValue(events, { timeZone, cohortPeriod: "week" });
    const first = new Map<string, number>();
    const cents = new Map<string, number>();
    for (const e of events) {
      first.set(e.customerId, Math.min(first.get(e.customerId) ?? Infinity, e.at));
      cents.set(e.customerId, (cents.get(e.customerId) ?? 0) + Math.round(e.amount * 100));
    }
    expect(v.customers.length).toBe(first.size);
    for (const c of v.customers) {
      expect(c.revenue.times(100).toNumber()).toBe(cents.get(c.customerId as string));
      expect(c.cohort).toBe(periodOf(first.get(c.customerId as string)!, { unit: "week", timeZone }).key);
    }
    const perCohort = new Map<string, number>();
    for (const [id, t] of first) {
      const key = periodOf(t, { unit: "week", timeZone }).key;
      perCohort.set(key, (perCohort.get(key) ?? 0) + cents.get(id)!);
    }
    expect(new Map(v.cohorts.map((c) => [c.cohort, c.revenue.times(100).toNumber()]))).toEqual(perCohort);
  });
});
