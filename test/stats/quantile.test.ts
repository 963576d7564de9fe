import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { quantileSorted } from "../../src/stats/quantile.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("quantileSorted", () => {
  it("interpolates between order statistics (type 7)", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted(Float64Array.of(10, 20), 0.25)).toBe(12.5);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it("stays finite across a gap wider than the largest number", () => {
    expect(quantileSorted([-1e308, 1e308], 0.5)).toBe(0);
    expect(quantileSorted([-1.5e308, 1.5e308], 0.75)).toBeCloseTo(0.75e308, -293);
  });

  it.each([[5], ["abc"], [null], [undefined], [{}]])("refuses %j, which is not an array of numbers, naming sorted", (sorted) => {
    expectInvalid(() => quantileSorted(sorted as never, 0.5), {
      field: "sorted",
      value: sorted,
      message: /expected an array \(or typed array\) of finite numbers sorted ascending\.$/,
    });
  });

  it("refuses a NaN, an infinity or a non-number it reads, naming its index, never returning NaN", () => {
    expectInvalid(() => quantileSorted([1, Number.NaN, 3], 0.5), { field: "sorted", value: Number.NaN, row: 1, message: /expected a finite number\.$/ });
    expectInvalid(() => quantileSorted([1, 2, Number.POSITIVE_INFINITY], 0.75), { field: "sorted", value: Number.POSITIVE_INFINITY, row: 2, message: /expected a finite number\.$/ });
    expectInvalid(() => quantileSorted(["1", "2"] as never, 0), { field: "sorted", value: "1", row: 0, message: /expected a finite number\.$/ });
  });

  it("refuses values it reads out of order", () => {
    expectInvalid(() => quantileSorted([3, 2, 1], 0.25), { field: "sorted", value: 2, row: 1, message: /expected a value of at least 3, the one before it \(sort the values ascending\)\.$/ });
  });

  it("refuses a q outside [0, 1]", () => {
    expectInvalid(() => quantileSorted([1, 2], 1.5), { field: "q", value: 1.5, message: /expected a number from 0 to 1\.$/ });
  });

  test.prop([fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "lies between the smallest and the largest value, and is finite",
    (values, q) => {
      const sorted = Float64Array.from(values).sort();
      const x = quantileSorted(sorted, q)!;
      expect(Number.isFinite(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(sorted[0]!);
      expect(x).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
    },
  );
});
