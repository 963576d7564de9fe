import { fc, test } from "../support/fc.ts";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/stats/normalQuantile.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { timeLimit } from "../support/timeout.ts";

/**
 * An independent reference: the standard normal CDF in 120-digit arithmetic, by its Taylor series
 * near the centre and Laplace's continued fraction in the tails.
 */
const Big = Decimal.clone({ precision: 120 });
const SQRT_2PI = Big.acos(-1).times(2).sqrt();

/** The exact value of a double (toPrecision gives correctly rounded digits of the binary value). */
function exact(x: number): Decimal {
  return new Big(x.toPrecision(60));
}

function density(x: Decimal): Decimal {
  return x.times(x).dividedBy(-2).exp().dividedBy(SQRT_2PI);
}

function cdf(x: Decimal): Decimal {
  const t = x.abs();
  if (t.lessThan(8)) {
    // Phi(x) = 1/2 + (1 / sqrt(2 pi)) * sum_n (-x^2 / 2)^n / n! * x / (2n + 1)
    const step = x.times(x).dividedBy(-2);
    let a = new Big(1);
    let sum = new Big(0);
    for (let n = 0; n < 2000; n++) {
      const term = a.times(x).dividedBy(2 * n + 1);
      sum = sum.plus(term);
      if (n > 10 && term.abs().lessThan("1e-110")) break;
      a = a.times(step).dividedBy(n + 1);
    }
    return sum.dividedBy(SQRT_2PI).plus(0.5);
  }
  // Phi(-t) = phi(t) / (t + 1 / (t + 2 / (t + 3 / (t + ...))))
  let f = t;
  for (let k = 400; k >= 1; k--) f = t.plus(new Big(k).dividedBy(f));
  const lower = density(t).dividedBy(f);
  return x.isNegative() ? lower : new Big(1).minus(lower);
}

/** How far z is from the true p-quantile, by one Newton step in 120 digits: (Phi(z) - p) / phi(z). */
function quantileError(p: number, z: number): number {
  const x = exact(z);
  return cdf(x).minus(exact(p)).dividedBy(density(x)).toNumber();
}

/** AS 241 is accurate to about 1e-16 relative; allow a few units in the last place. */
function expectAccurate(p: number): void {
  const z = normalQuantile(p);
  expect(Number.isFinite(z)).toBe(true);
  expect(Math.abs(quantileError(p, z)), `p = ${p}, z = ${z}`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(z)));
}

describe("normalQuantile", () => {
  it("gives the familiar critical values", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 14);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 13);
  });

  it("agrees with a 120-digit reference in all three regions of AS 241", () => {
    const ps: number[] = [];
    for (let i = 1; i < 100; i++) ps.push(i / 100); // central region and its edges (|p - 0.5| = 0.425)
    for (let k = 3; k <= 300; k += 3) ps.push(10 ** -k); // intermediate and far lower tail
    for (let k = 3; k <= 52; k += 1) ps.push(1 - 2 ** -k); // upper tail
    ps.push(0.075, 0.925, 0.07499999999999, 0.0750000000001, Number.MIN_VALUE, 1e-320);
    for (const p of ps) expectAccurate(p);
  }, timeLimit(60_000));

  it("reaches about -38.5 at the smallest positive double, never -Infinity", () => {
    expect(normalQuantile(Number.MIN_VALUE)).toBeCloseTo(-38.4674, 3);
  });

  it("refuses p outside (0, 1), whose quantiles are infinite or undefined", () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expectInvalidInput(() => normalQuantile(p), "p");
    expectInvalidInput(() => normalQuantile("0.5" as unknown as number), "p");
  });

  test.prop([fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true })])("is accurate for any p in (0, 1)", (p) => {
    expectAccurate(p);
  }, timeLimit(60_000));

  test.prop([fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true })])("is antisymmetric: z(1 - p) = -z(p)", (p) => {
    // 1 - p is exact for p in [0.5, 1)
    expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 13);
  });

  test.prop([fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: Number.MIN_VALUE, max: 1, maxExcluded: true, noNaN: true })])(
    "is non-decreasing (up to a unit in the last place between neighbouring doubles)",
    (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const zHi = normalQuantile(hi);
      expect(normalQuantile(lo)).toBeLessThanOrEqual(zHi + 4e-16 * Math.max(1, Math.abs(zHi)));
    },
  );
});
