/** The return types of the overloads of src/metrics/retention.ts: a rate, or a rate with its interval. */
import { describe, expectTypeOf, it } from "vitest";
import { churnRate, customerRetentionRate, type RateOptions, type RateWithInterval } from "../../src/index.ts";

const retention = { customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 };
const churn = { customersAtStart: 200, customersLost: 20 };
declare const options: RateOptions;

describe("customerRetentionRate", () => {
  it("returns a number without options or with interval: false", () => {
    expectTypeOf(customerRetentionRate(retention)).toEqualTypeOf<number>();
    expectTypeOf(customerRetentionRate(retention, {})).toEqualTypeOf<number>();
    expectTypeOf(customerRetentionRate(retention, { interval: false })).toEqualTypeOf<number>();
  });

  it("returns the rate with its interval with interval: true", () => {
    expectTypeOf(customerRetentionRate(retention, { interval: true })).toEqualTypeOf<RateWithInterval>();
    expectTypeOf(customerRetentionRate(retention, { interval: true, confidence: 0.9 })).toEqualTypeOf<RateWithInterval>();
  });

  it("returns either when interval is only known to be a boolean", () => {
    expectTypeOf(customerRetentionRate(retention, options)).toEqualTypeOf<number | RateWithInterval>();
  });
});

describe("churnRate", () => {
  it("returns a number without options or with interval: false", () => {
    expectTypeOf(churnRate(churn)).toEqualTypeOf<number>();
    expectTypeOf(churnRate(churn, { interval: false })).toEqualTypeOf<number>();
  });

  it("returns the rate with its interval with interval: true", () => {
    expectTypeOf(churnRate(churn, { interval: true })).toEqualTypeOf<RateWithInterval>();
    expectTypeOf(churnRate(churn, { interval: true, confidence: 0.9 })).toEqualTypeOf<RateWithInterval>();
  });

  it("returns either when interval is only known to be a boolean", () => {
    expectTypeOf(churnRate(churn, options)).toEqualTypeOf<number | RateWithInterval>();
  });
});
