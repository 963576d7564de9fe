import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { churnRate, customerRetentionRate } from "../../src/metrics/retention.ts";
import type { RateOptions } from "../../src/metrics/rateOptions.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";
import { EXPECTED, expectInconsistent, expectInvalid, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

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
    expectInvalid(() => customerRetentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 }), { field: "customersAtStart", value: 0, message: EXPECTED.positiveCount });
  });

  it("refuses more new customers than customers at the end", () => {
    expectInconsistent(
      () => customerRetentionRate({ customersAtStart: 100, customersAtEnd: 30, newCustomers: 40 }),
      { newCustomers: 40, customersAtEnd: 30 },
      /cannot exceed customersAtEnd \(30\): new customers are counted among the customers at the end\.$/,
    );
  });

  it("refuses E - N > S, naming all three values", () => {
    const e = expectInconsistent(() => customerRetentionRate({ customersAtStart: 100, customersAtEnd: 150, newCustomers: 40 }), {
      customersAtStart: 100,
      customersAtEnd: 150,
      newCustomers: 40,
    }, /= 110 cannot exceed customersAtStart \(100\): the customers kept from the start of the period are some of the customers at its start\.$/);
  });

  it("refuses bad options", () => {
    const input = { customersAtStart: 10, customersAtEnd: 10, newCustomers: 0 };
    expectInvalid(() => customerRetentionRate(input, { interval: "yes" } as unknown as RateOptions), { field: "interval", value: "yes", message: /expected true or false\.$/ });
    expectInvalid(() => customerRetentionRate(input, { interval: true, confidence: 1 }), { field: "confidence", value: 1, message: EXPECTED.openFraction });
    expectInvalid(() => customerRetentionRate(input, { interval: true, confidence: Number.NaN }), { field: "confidence", value: Number.NaN, message: EXPECTED.openFraction });
  });

  it.each([[5], [null], ["abc"], [[]]])("refuses options %j that are not an object, naming options", (options) => {
    const input = { customersAtStart: 10, customersAtEnd: 10, newCustomers: 0 };
    expectInvalid(() => customerRetentionRate(input, options as unknown as RateOptions), { field: "options", value: options, message: EXPECTED.options });
  });

  testRefusesNonObjectInput("customerRetentionRate", customerRetentionRate, ["customersAtStart", "customersAtEnd", "newCustomers"]);

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

  testRefusesInvalid("customerRetentionRate", customerRetentionRate, { customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 }, {
    customersAtStart: EXPECTED.positiveCount,
    customersAtEnd: EXPECTED.count,
    newCustomers: EXPECTED.count,
  });
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
    expectInconsistent(() => churnRate({ customersAtStart: 200, customersLost: 201 }), { customersLost: 201, customersAtStart: 200 }, /: only customers present at the start can be lost\.$/);
  });

  it("refuses S = 0 with a typed error", () => {
    expectInvalid(() => churnRate({ customersAtStart: 0, customersLost: 0 }), { field: "customersAtStart", value: 0, message: EXPECTED.positiveCount });
  });

  it("refuses options that are not an object, naming options", () => {
    expectInvalid(() => churnRate({ customersAtStart: 4, customersLost: 1 }, null as never), { field: "options", value: null, message: EXPECTED.options });
  });

  testRefusesNonObjectInput("churnRate", churnRate, ["customersAtStart", "customersLost"]);

  test.prop([consistentPeriod])("churn + CRR = 1 on consistent inputs, both in [0, 1]", ({ start, lost, added, end }) => {
    const churn = churnRate({ customersAtStart: start, customersLost: lost });
    const crr = customerRetentionRate({ customersAtStart: start, customersAtEnd: end, newCustomers: added });
    expect(churn).toBeGreaterThanOrEqual(0);
    expect(churn).toBeLessThanOrEqual(1);
    expect(churn + crr).toBeCloseTo(1, 12);
  });

  testRefusesInvalid("churnRate", churnRate, { customersAtStart: 200, customersLost: 20 }, { customersAtStart: EXPECTED.positiveCount, customersLost: EXPECTED.count });
});
