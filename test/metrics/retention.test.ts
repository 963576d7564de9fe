import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { churnRate, customerRetentionRate } from "../../src/metrics/retention.ts";
import type { RateOptions } from "../../src/metrics/rateOptions.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";
import { expectInconsistent, expectInvalidInput, testRefusesInvalid } from "./helpers.ts";

/** Consistent period aggregates: S > 0, lost <= S, N >= 0, E = S - lost + N. */
const consistentPeriod = fc
  .record({ start: fc.integer({ min: 1, max: 1_000_000 }), lostShare: fc.double({ min: 0, max: 1, noNaN: true }), added: fc.nat(1_000_000) })
  .map(({ start, lostShare, added }) => {
    const lost = Math.floor(lostShare * start);
    return { start, lost, added, end: start - lost + added };
  });

describe("customerRetentionRate", () => {
  it("gives 0.9 for the worked example: S = 200, 20 lost, 40 new, E = 220", () => {
    expect(customerRetentionRate({ customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 })).toBe(0.9);
  });

  it("is 1 when nobody is lost and 0 when everybody is", () => {
    expect(customerRetentionRate({ customersAtStart: 50, customersAtEnd: 60, newCustomers: 10 })).toBe(1);
    expect(customerRetentionRate({ customersAtStart: 50, customersAtEnd: 10, newCustomers: 10 })).toBe(0);
  });

  it("adds a Wilson interval of E - N successes in S trials when asked", () => {
    const input = { customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 };
    const result = customerRetentionRate(input, { interval: true });
    expect(result).toEqual({ rate: 0.9, ...wilsonInterval({ successes: 180, trials: 200 }) });
    expect(result.confidence).toBe(0.95);
    expect(customerRetentionRate(input, { interval: true, confidence: 0.8 }).confidence).toBe(0.8);
  });

  it("returns the plain number with interval false or absent", () => {
    const input = { customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 };
    expect(customerRetentionRate(input, { interval: false })).toBe(0.9);
    expect(customerRetentionRate(input, {})).toBe(0.9);
  });

  it("refuses S = 0 as invalid input (a zero denominator)", () => {
    expectInvalidInput(() => customerRetentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 }), "customersAtStart");
  });

  it("refuses more new customers than customers at the end", () => {
    expectInconsistent(() => customerRetentionRate({ customersAtStart: 100, customersAtEnd: 30, newCustomers: 40 }), {
      newCustomers: 40,
      customersAtEnd: 30,
    });
  });

  it("refuses E - N > S, naming all three values", () => {
    const e = expectInconsistent(() => customerRetentionRate({ customersAtStart: 100, customersAtEnd: 150, newCustomers: 40 }), {
      customersAtStart: 100,
      customersAtEnd: 150,
      newCustomers: 40,
    });
    expect(e.message).toContain("110");
  });

  it("refuses bad options", () => {
    const input = { customersAtStart: 10, customersAtEnd: 10, newCustomers: 0 };
    expectInvalidInput(() => customerRetentionRate(input, { interval: "yes" } as unknown as RateOptions), "interval");
    expectInvalidInput(() => customerRetentionRate(input, { interval: true, confidence: 1 }), "confidence");
    expectInvalidInput(() => customerRetentionRate(input, { interval: true, confidence: Number.NaN }), "confidence");
    expectInvalidInput(() => customerRetentionRate(input, 5 as unknown as RateOptions), "options");
  });

  test.prop([consistentPeriod])("stays in [0, 1] on consistent inputs", ({ start, added, end }) => {
    const rate = customerRetentionRate({ customersAtStart: start, customersAtEnd: end, newCustomers: added });
    expect(rate).toBeGreaterThanOrEqual(0);
    expect(rate).toBeLessThanOrEqual(1);
  });

  test.prop([consistentPeriod, fc.double({ min: 0.01, max: 0.999, noNaN: true })])(
    "its interval contains the rate and lies in [0, 1]",
    ({ start, added, end }, confidence) => {
      const { rate, lower, upper } = customerRetentionRate({ customersAtStart: start, customersAtEnd: end, newCustomers: added }, { interval: true, confidence });
      expect(0 <= lower && lower <= rate && rate <= upper && upper <= 1).toBe(true);
    },
  );

  testRefusesInvalid("customerRetentionRate", customerRetentionRate, { customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 }, [
    "customersAtStart",
    "customersAtEnd",
    "newCustomers",
  ]);
});

describe("churnRate", () => {
  it("gives 20 / 200 = 0.1 for the worked example, which is 1 - CRR", () => {
    const churn = churnRate({ customersAtStart: 200, customersLost: 20 });
    expect(churn).toBe(0.1);
    expect(churn).toBeCloseTo(1 - customerRetentionRate({ customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 }), 15);
  });

  it("adds a Wilson interval of lost customers in S trials when asked", () => {
    const result = churnRate({ customersAtStart: 200, customersLost: 20 }, { interval: true, confidence: 0.9 });
    expect(result).toEqual({ rate: 0.1, ...wilsonInterval({ successes: 20, trials: 200 }, { confidence: 0.9 }) });
  });

  it("accepts a run-time boolean for interval", () => {
    const churnWith = (interval: boolean): number | { rate: number } => churnRate({ customersAtStart: 4, customersLost: 1 }, { interval });
    expect(churnWith(false)).toBe(0.25);
    expect(churnWith(true)).toMatchObject({ rate: 0.25 });
  });

  it("refuses more customers lost than at the start", () => {
    expectInconsistent(() => churnRate({ customersAtStart: 200, customersLost: 201 }), { customersLost: 201, customersAtStart: 200 });
  });

  it("refuses S = 0 with a typed error", () => {
    expect(() => churnRate({ customersAtStart: 0, customersLost: 0 })).toThrow(InvalidInputError);
  });

  test.prop([consistentPeriod])("churn + CRR = 1 on consistent inputs, both in [0, 1]", ({ start, lost, added, end }) => {
    const churn = churnRate({ customersAtStart: start, customersLost: lost });
    const crr = customerRetentionRate({ customersAtStart: start, customersAtEnd: end, newCustomers: added });
    expect(churn).toBeGreaterThanOrEqual(0);
    expect(churn).toBeLessThanOrEqual(1);
    expect(churn + crr).toBeCloseTo(1, 12);
  });

  testRefusesInvalid("churnRate", churnRate, { customersAtStart: 200, customersLost: 20 }, ["customersAtStart", "customersLost"]);
});
