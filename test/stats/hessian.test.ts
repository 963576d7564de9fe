import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { invertPositiveDefinite, logParameterHessian, observedCovariance } from "../../src/stats/hessian.ts";

/** A normal sample's log-likelihood in (mu, sigma), with its gradient; n, sum and sum of squares of the data. */
function normalLogLikelihood(n: number, sum: number, squares: number) {
  return (p: Float64Array, gradient: Float64Array | null): number => {
    const mu = p[0]!;
    const sigma = p[1]!;
    const ss = squares - 2 * mu * sum + n * mu * mu; // sum of (x - mu)^2
    if (gradient !== null) {
      gradient[0] = (sum - n * mu) / (sigma * sigma);
      gradient[1] = -n / sigma + ss / sigma ** 3;
    }
    return -n * Math.log(sigma) - ss / (2 * sigma * sigma);
  };
}

describe("observedCovariance", () => {
  // At the MLE of a normal sample, mu = mean, sigma^2 = mean squared deviation, the inverse observed
  // information is diag(sigma^2 / n, sigma^2 / (2 n)) exactly (Pawitan 2001, example 9.4 style).
  const data = [3.1, 4.7, 2.2, 5.9, 4.4, 3.8, 6.1, 2.9];
  const n = data.length;
  const sum = data.reduce((s, x) => s + x, 0);
  const squares = data.reduce((s, x) => s + x * x, 0);
  const mu = sum / n;
  const sigma = Math.sqrt(squares / n - mu * mu);
  for (const analytic of [true, false]) {
    it(`gives the normal model's exact covariance from ${analytic ? "the gradient" : "values alone"}`, () => {
      const cov = observedCovariance(normalLogLikelihood(n, sum, squares), Float64Array.of(mu, sigma), analytic)!;
      expect(cov[0]! / ((sigma * sigma) / n) - 1).toBeCloseTo(0, 9);
      expect(cov[3]! / ((sigma * sigma) / (2 * n)) - 1).toBeCloseTo(0, 9);
      expect(Math.abs(cov[1]!)).toBeLessThan(1e-10);
      expect(cov[1]).toBe(cov[2]);
    });
  }

  it("corrects for a gradient that is not zero: the Hessian in log-parameters is taken back by the chain rule", () => {
    // LL(theta) = -(theta - 2)^2 at theta = 3: d2/dtheta2 = -2 everywhere, so the covariance is 1/2 away from the optimum too.
    const ll = (p: Float64Array, g: Float64Array | null) => {
      if (g !== null) g[0] = -2 * (p[0]! - 2);
      return -((p[0]! - 2) ** 2);
    };
    for (const analytic of [true, false]) expect(observedCovariance(ll, Float64Array.of(3), analytic)![0]).toBeCloseTo(0.5, 9);
    const h = logParameterHessian(ll, Float64Array.of(3), true)!;
    // d/dy = theta dLL/dtheta = 3 * -2 = -6; d2/dy2 = theta^2 (-2) + theta (-2) = -24
    expect(h.gradient[0]).toBeCloseTo(-6, 9);
    expect(h.hessian[0]).toBeCloseTo(-24, 7);
  });

  it("gives null where the information is singular or the likelihood is not finite", () => {
    const flat = () => 1; // no curvature at all
    expect(observedCovariance(flat, Float64Array.of(1, 2), false)).toBeNull();
    const convex = (p: Float64Array) => p[0]! * p[0]!; // a minimum, not a maximum
    expect(observedCovariance(convex, Float64Array.of(1), false)).toBeNull();
    expect(observedCovariance(() => NaN, Float64Array.of(1), false)).toBeNull();
    expect(observedCovariance((p) => (p[0]! > 1 ? -Infinity : -p[0]!), Float64Array.of(1), false)).toBeNull();
  });
});

describe("invertPositiveDefinite", () => {
  const matrixArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((b) => ({ n, b })),
  );
  test.prop([matrixArb], { numRuns: 200 })("A times its inverse is the identity, for A = B B^T + I", ({ n, b }) => {
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
      a[i * n + j] = s;
    }
    const inv = invertPositiveDefinite(a, n)!;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
      expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
      expect(inv[i * n + j]).toBe(inv[j * n + i]);
    }
  });

  it("refuses singular and indefinite matrices", () => {
    expect(invertPositiveDefinite(Float64Array.of(1, 1, 1, 1), 2)).toBeNull();
    expect(invertPositiveDefinite(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
    expect(invertPositiveDefinite(Float64Array.of(0), 1)).toBeNull();
    const inv = invertPositiveDefinite(Float64Array.of(4, 0, 0, 0.5), 2)!;
    expect([inv[0], inv[1], inv[2]]).toEqual([0.25, 0, 0]);
    expect(inv[3]).toBeCloseTo(2, 14);
  });
});
