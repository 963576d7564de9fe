/** The return types of the overloads of src/metrics/purchases.ts. */
import { describe, expectTypeOf, it } from "vitest";
import { repeatCustomerRate, type RateOptions, type RateWithInterval } from "../../src/index.ts";

const input = { repeatCustomers: 500, totalCustomers: 1000 };
declare const options: RateOptions;

describe("repeatCustomerRate", () => {
  it("returns a number without options or with interval: false", () => {
    expectTypeOf(repeatCustomerRate(input)).toEqualTypeOf<number>();
    expectTypeOf(repeatCustomerRate(input, { interval: false })).toEqualTypeOf<number>();
  });

  it("returns the rate with its interval with interval: true", () => {
    expectTypeOf(repeatCustomerRate(input, { interval: true })).toEqualTypeOf<RateWithInterval>();
  });

  it("returns either when interval is only known to be a boolean", () => {
    expectTypeOf(repeatCustomerRate(input, options)).toEqualTypeOf<number | RateWithInterval>();
  });
});
