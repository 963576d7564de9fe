import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { giniCoefficient, lorenzCurve, topShare } from "../../src/stats/concentration.ts";
import { expectInvalid, expectInvalidInput } from "../metrics/helpers.ts";

/** Per-customer values with a positive total (no subnormal amounts, whose mean underflows in the naive reference). */
const values = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 ** 6 }), fc.double({ min: 1e-9, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 300 })
  .filter((xs) => xs.some((x) => x > 0));
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** The mean absolute difference over all ordered pairs / (2 * mean): the Gini by its definition. */
function naiveGini(xs: readonly number[]): number {
  const n = xs.length;
  let sum = 0;
  for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return sum / (n * n) / (2 * mean);
}

/** The piecewise-linear Lorenz curve at x in [0, 1]. */
function lorenzAt(xs: readonly number[], x: number): number {
  const curve = lorenzCurve(xs);
  if (curve === null) throw new Error("no curve");
  const n = xs.length;
  const i = Math.min(n - 1, Math.floor(x * n));
  const t = x * n - i;
  return (curve.valueShare[i] ?? 0) * (1 - t) + (curve.valueShare[i + 1] ?? 0) * t;
}

describe("lorenzCurve", () => {
  it("sorts customers ascending and accumulates their shares", () => {
    const curve = lorenzCurve([30, 10, 60]);
    expect(Array.from(curve?.customerShare ?? [])).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(Array.from(curve?.valueShare ?? [])).toEqual([0, 0.1, 0.4, 1]);
  });

  it("is the diagonal for equal values", () => {
    const curve = lorenzCurve([2, 2, 2, 2]);
    expect(Array.from(curve?.valueShare ?? [])).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("returns null with no values or a zero total, never NaN", () => {
    expect(lorenzCurve([])).toBeNull();
    expect(lorenzCurve([0, 0, 0])).toBeNull();
  });

  it("accepts typed arrays and does not touch its input", () => {
    const input = Float64Array.from([3, 1, 2]);
    expect(Array.from(lorenzCurve(input)?.valueShare ?? [])).toEqual([0, 1 / 6, 0.5, 1]);
    expect(Array.from(input)).toEqual([3, 1, 2]);
  });

  it("refuses a negative, NaN or infinite value, naming its index", () => {
    expectInvalidInput(() => lorenzCurve([1, 2, -3]), "values", 2);
    expectInvalidInput(() => lorenzCurve([Number.NaN]), "values", 0);
    expectInvalidInput(() => lorenzCurve([1, Number.POSITIVE_INFINITY]), "values", 1);
    expectInvalidInput(() => lorenzCurve([1, "2"] as unknown as number[]), "values", 1);
    expectInvalidInput(() => lorenzCurve(null as unknown as number[]), "values");
    expectInvalidInput(() => lorenzCurve([Number.MAX_VALUE, Number.MAX_VALUE]), "values");
  });

  test.prop([values])("runs from (0, 0) to (1, 1), non-decreasing, convex and below the diagonal", (xs) => {
    const curve = lorenzCurve(xs);
    expect(curve).not.toBeNull();
    if (curve === null) return;
    const { customerShare: x, valueShare: y } = curve;
    const n = xs.length;
    expect(x.length).toBe(n + 1);
    expect(y.length).toBe(n + 1);
    expect([x[0], y[0], x[n], y[n]]).toEqual([0, 0, 1, 1]);
    for (let i = 1; i <= n; i++) {
      const yi = y[i] ?? Number.NaN;
      const yPrev = y[i - 1] ?? Number.NaN;
      expect(yi).toBeGreaterThanOrEqual(yPrev);
      expect(yi).toBeLessThanOrEqual((x[i] ?? Number.NaN) + 1e-12);
      // convex: each step is at least the one before it
      if (i >= 2) expect(yi - yPrev).toBeGreaterThanOrEqual(yPrev - (y[i - 2] ?? Number.NaN) - 1e-12);
    }
  });

  test.prop([values])("does not depend on the order of the customers", (xs) => {
    expect(lorenzCurve([...xs].reverse())).toEqual(lorenzCurve(xs));
  });
});

describe("giniCoefficient (population Gini)", () => {
  it("is 0 for equal values and 0.75 for (0, 0, 0, 1)", () => {
    expect(giniCoefficient([5, 5, 5, 5])).toBe(0);
    expect(giniCoefficient([0.1, 0.1, 0.1])).toBe(0);
    expect(giniCoefficient([0, 0, 0, 1])).toBe(0.75);
    expect(giniCoefficient([1, 0, 0, 0])).toBe(0.75);
  });

  it("is 0 for a single customer and (n - 1) / n when one of n has everything", () => {
    expect(giniCoefficient([42])).toBe(0);
    expect(giniCoefficient([0, 0, 0, 0, 0, 0, 0, 0, 0, 10])).toBeCloseTo(0.9, 15);
  });

  it("matches a hand computation: (1, 2, 3, 4) gives 0.25", () => {
    // sum |a - b| over 16 ordered pairs = 20; 20 / 16 / (2 * 2.5) = 0.25
    expect(giniCoefficient([4, 1, 3, 2])).toBeCloseTo(0.25, 15);
  });

  it("handles tiny (subnormal) values without NaN", () => {
    expect(giniCoefficient([Number.MIN_VALUE, 0])).toBe(0.5);
  });

  it("stays finite and right for values near the largest number, where lorenzCurve answers too", () => {
    // (2i + 1 - n) x(i) overflows for 1e308 although the total does not: the sum is taken scaled.
    expect(lorenzCurve([1e308, 5, 5, 1])).not.toBeNull();
    expect(giniCoefficient([1e308, 5, 5, 1])).toBeCloseTo(0.75, 15);
    expect(giniCoefficient([Number.MAX_VALUE / 2, 0])).toBe(0.5);
  });

  it("refuses values whose total overflows with the same error as lorenzCurve and topShare", () => {
    const huge = [1.7e308, 1.7e308];
    const expected = { field: "values", value: Number.POSITIVE_INFINITY, message: /expected values whose total is a finite number\.$/ };
    expectInvalid(() => giniCoefficient(huge), expected);
    expectInvalid(() => lorenzCurve(huge), expected);
    expectInvalid(() => topShare(huge, 0.5), expected);
  });

  test.prop([values.filter((xs) => xs.length >= 2 && xs.length <= 10)])(
    "gives the same Gini for values scaled by a power of 2 up to near the largest number as for the values",
    (xs) => {
      // The largest value becomes about 1e307: n * total, and the weighted sum, overflow; the total does not.
      const e = 1019 - Math.floor(Math.log2(Math.max(...xs)));
      const half = Math.floor(e / 2); // in two steps: 2^e itself may exceed the largest number
      const g = giniCoefficient(xs.map((x) => x * 2 ** half * 2 ** (e - half)));
      expect(Number.isFinite(g)).toBe(true);
      expect(g).toBe(giniCoefficient(xs));
    },
  );

  it("returns null with no values or a zero total", () => {
    expect(giniCoefficient([])).toBeNull();
    expect(giniCoefficient(new Float64Array(5))).toBeNull();
  });

  it("refuses invalid values, naming the index", () => {
    expectInvalidInput(() => giniCoefficient([1, -1]), "values", 1);
  });

  test.prop([values])("lies in [0, 1) and equals its definition and 1 - 2 x (area under the Lorenz curve)", (xs) => {
    const g = giniCoefficient(xs);
    expect(g).not.toBeNull();
    if (g === null) return;
    expect(g).toBeGreaterThanOrEqual(0);
    expect(g).toBeLessThan(1);
    expect(g).toBeLessThanOrEqual((xs.length - 1) / xs.length);
    expect(g).toBeCloseTo(naiveGini(xs), 9);
    const y = lorenzCurve(xs)?.valueShare ?? new Float64Array();
    let area = 0;
    for (let i = 1; i < y.length; i++) area += ((y[i - 1] ?? 0) + (y[i] ?? 0)) / 2 / xs.length;
    expect(g).toBeCloseTo(1 - 2 * area, 9);
  });

  test.prop([values, fc.double({ min: 1e-3, max: 1e3, noNaN: true })])("does not change when every value is scaled", (xs, k) => {
    expect(giniCoefficient(xs.map((x) => x * k))).toBeCloseTo(giniCoefficient(xs) ?? Number.NaN, 9);
  });
});

describe("topShare", () => {
  it("gives the share of the top customers, interpolating a fractional customer", () => {
    expect(topShare([10, 20, 30, 40], 0.25)).toBeCloseTo(0.4, 15);
    expect(topShare([10, 20, 30, 40], 0.3)).toBeCloseTo(0.46, 15); // 1.2 customers: 40 + 0.2 x 30
    expect(topShare([10, 20, 30, 40], 0.5)).toBeCloseTo(0.7, 15);
    expect(topShare([10, 20, 30, 40], 0)).toBe(0);
    expect(topShare([10, 20, 30, 40], 1)).toBe(1);
  });

  it("shows the 80/20 rule on a matching distribution", () => {
    // 2 of 10 customers hold 80 of 100
    expect(topShare([40, 40, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5], 0.2)).toBeCloseTo(0.8, 15);
  });

  it("counts 0.1 x 30 (3.0000000000000004 in floating point) as 3 customers", () => {
    const xs = Array.from({ length: 30 }, (_, i) => i + 1); // total 465, top 3 = 30 + 29 + 28 = 87
    expect(topShare(xs, 0.1)).toBeCloseTo(87 / 465, 15);
  });

  it("returns null with no values or a zero total", () => {
    expect(topShare([], 0.2)).toBeNull();
    expect(topShare([0, 0], 0.2)).toBeNull();
  });

  it("refuses a fraction outside [0, 1] and invalid values", () => {
    for (const f of [-0.1, 1.1, Number.NaN]) expectInvalidInput(() => topShare([1, 2], f), "fraction");
    expectInvalidInput(() => topShare([1, Number.NaN], 0.2), "values", 1);
  });

  test.prop([values, fraction])("equals 1 - L(1 - fraction) on the Lorenz curve, in [fraction, 1]", (xs, f) => {
    const share = topShare(xs, f) ?? Number.NaN;
    expect(share).toBeCloseTo(1 - lorenzAt(xs, 1 - f), 9);
    expect(share).toBeGreaterThanOrEqual(f - 1e-9);
    expect(share).toBeLessThanOrEqual(1);
  });

  test.prop([values, fraction, fraction])("is non-decreasing in fraction", (xs, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    expect(topShare(xs, lo) ?? Number.NaN).toBeLessThanOrEqual((topShare(xs, hi) ?? Number.NaN) + 1e-12);
  });
});
