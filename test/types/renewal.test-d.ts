/** The return types of the overloads of src/metrics/renewal.ts. */
import { describe, expectTypeOf, it } from "vitest";
import { renewalRate, type RateOptions, type RateWithInterval } from "../../src/index.ts";

const input = { renewed: 930, dueForRenewal: 1000 };
declare const options: RateOptions;

describe("renewalRate", () => {
  it("returns a number without options or with interval: false", () => {
    expectTypeOf(renewalRate(input)).toEqualTypeOf<number>();
    expectTypeOf(renewalRate(input, { interval: false })).toEqualTypeOf<number>();
  });

  it("returns the rate with its interval with interval: true", () => {
    expectTypeOf(renewalRate(input, { interval: true, confidence: 0.99 })).toEqualTypeOf<RateWithInterval>();
  });

  it("returns either when interval is only known to be a boolean", () => {
    expectTypeOf(renewalRate(input, options)).toEqualTypeOf<number | RateWithInterval>();
  });
});
