import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { makeParetoNbdModel, fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { logParetoIntegral, logParetoIntegralByQuadrature, logHyp2f1Shifted } from "../../src/clv/paretoIntegral.ts";
import { paretoNbdLogLikelihood } from "../../src/clv/paretoNbdLikelihood.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { cdnowSummary } from "./cdnow.ts";
import { historyArb, sigFigs } from "./helpers.ts";

const PUBLISHED = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const state = { logLikelihood: 0, iterations: 0, converged: true };

describe("fitParetoNbd on CDNOW", () => {
  const summary = cdnowSummary();
  const model = fitParetoNbd(summary);

  it("reproduces the published r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669 and log-likelihood -9595.0", () => {
    // Fader, Hardie & Lee (2005), table 1 (Pareto/NBD column), on the same 39-week CDNOW calibration summary.
    const p = model.params;
    expect([sigFigs(p.r, 3), sigFigs(p.alpha, 3), sigFigs(p.s, 3), sigFigs(p.beta, 3)]).toEqual([0.553, 10.6, 0.606, 11.7]);
    expect(model.logLikelihood).toBeCloseTo(-9594.97, 1);
    expect(paretoNbdLogLikelihood(PUBLISHED, summary)).toBeCloseTo(-9595.0, 1);
    // the independent numpy/scipy re-fit of the data README
    expect(p.r).toBeCloseTo(0.55328, 4);
    expect(p.alpha).toBeCloseTo(10.57761, 2);
    expect(p.s).toBeCloseTo(0.60621, 4);
    expect(p.beta).toBeCloseTo(11.66792, 2);
    expect(model.model).toBe("Pareto/NBD");
  });

  test.prop([fc.array(fc.double({ min: -0.02, max: 0.02, noNaN: true }), { minLength: 4, maxLength: 4 })], { numRuns: 25 })(
    "the likelihood at the fit is not below the likelihood at nearby points",
    (steps) => {
      const p = model.params;
      const near = { r: p.r * Math.exp(steps[0]!), alpha: p.alpha * Math.exp(steps[1]!), s: p.s * Math.exp(steps[2]!), beta: p.beta * Math.exp(steps[3]!) };
      expect(paretoNbdLogLikelihood(near, summary)).toBeLessThanOrEqual(model.logLikelihood + 1e-7);
    },
  );

  it("refuses data without repeat purchases", () => {
    expect(() => fitParetoNbd([{ frequency: 0, recency: 0, T: 3 }])).toThrow(/frequency > 0/);
    expect(() => fitParetoNbd(summary, { maxIterations: 1 })).toThrow(ConvergenceError);
  });
});

describe("the Pareto/NBD integral, series and quadrature", () => {
  it("sums 2F1(c, b; c+1; z) correctly where it has a closed form: 2F1(1, 1; 2; z) = -ln(1 - z) / z", () => {
    for (const z of [1e-6, 0.1, 0.5, 0.75]) expect(Math.exp(logHyp2f1Shifted(1, 1, z))).toBeCloseTo(-Math.log1p(-z) / z, 13);
    expect(logHyp2f1Shifted(3, 2, 0)).toBe(0);
  });

  test.prop([
    fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }),
    fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }),
    fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.5, max: 100, noNaN: true }),
  ], { numRuns: 300 })("the hypergeometric form equals direct quadrature of the integral", (r, alpha, s, beta, x, share, T) => {
    const tx = x === 0 ? 0 : share * T * 0.999;
    const viaSeries = logParetoIntegral(r, alpha, s, beta, x, tx, T);
    const viaQuadrature = logParetoIntegralByQuadrature(r, alpha, s, beta, x, tx, T);
    expect(Number.isFinite(viaSeries)).toBe(true);
    expect(viaSeries - viaQuadrature).toBeCloseTo(0, 9);
  });

  it("stays finite for frequencies of hundreds and extreme rates (lifetimes' overflow case)", () => {
    const p = { r: 10.465, alpha: 7.98565181e-3, s: 3.0516, beta: 2.82 };
    for (const [x, tx, T] of [[400, 5, 6], [500, 0.5, 37], [500, 4, 37]] as const) {
      const ll = paretoNbdLogLikelihood(p, [{ frequency: x, recency: tx, T }]);
      expect(Number.isFinite(ll)).toBe(true);
      const alive = makeParetoNbdModel(p, state).probabilityAlive({ frequency: x, recency: tx, T });
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
    }
    expect(logParetoIntegral(1, 2, 1, 3, 2, 5, 5)).toBe(-Infinity);
  });
});

describe("Pareto/NBD predictions", () => {
  const paramsArb = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    s: fc.double({ min: 0.05, max: 5, noNaN: true }),
    beta: fc.double({ min: 0.1, max: 50, noNaN: true }),
  });

  test.prop([paramsArb, historyArb], { numRuns: 200 })("probability alive is in [0, 1]", (params, c) => {
    const p = makeParetoNbdModel(params, state).probabilityAlive(c);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  });

  test.prop([paramsArb, historyArb, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })], { numRuns: 150 })(
    "expected purchases grow with t; a customer seen for no time is a new customer",
    (params, c, t, dt) => {
      const m = makeParetoNbdModel(params, state);
      expect(m.expectedPurchases(t + dt)).toBeGreaterThanOrEqual(m.expectedPurchases(t) * (1 - 1e-12));
      expect(m.conditionalExpectedPurchases(t + dt, c)).toBeGreaterThanOrEqual(m.conditionalExpectedPurchases(t, c) * (1 - 1e-12));
      expect(m.conditionalExpectedPurchases(t, { frequency: 0, recency: 0, T: 0 })).toBeCloseTo(m.expectedPurchases(t), 10);
    },
  );

  it("E[X(t)] = (r/alpha) E[(1 - e^(-mu t))/mu] over mu ~ Gamma(s, beta), including s = 1", () => {
    for (const [r, alpha, s, beta, t] of [[0.553, 10.578, 0.606, 11.669, 39], [1, 2, 1, 3, 10], [2, 5, 3.5, 4, 20]] as const) {
      // numerical integral over mu ~ Gamma(s, beta) by the midpoint rule in u = mu^k, k = min(s, 1), which
      // removes the singularity of mu^(s-1) at 0 when s < 1
      const n = 200_000;
      const k = Math.min(s, 1);
      let sum = 0;
      const uMax = ((60 + 10 * s) / beta) ** k;
      for (let i = 0; i < n; i++) {
        const mu = (((i + 0.5) / n) * uMax) ** (1 / k);
        sum += (-Math.expm1(-mu * t) / mu) * mu ** (s - k) * Math.exp(-beta * mu);
      }
      const expected = ((r / alpha) * Math.exp(s * Math.log(beta) - lgammaSmall(s)) * (sum * uMax)) / (n * k);
      expect(makeParetoNbdModel({ r, alpha, s, beta }, state).expectedPurchases(t) / expected).toBeCloseTo(1, 6);
    }
  });

  it("checks its arguments", () => {
    const m = makeParetoNbdModel(PUBLISHED, state);
    expect(() => m.expectedPurchases(Number.NaN)).toThrow(InvalidInputError);
    expect(() => m.probabilityAlive({ frequency: -1, recency: 0, T: 1 })).toThrow(InvalidInputError);
  });
});

/** ln Gamma for the few shapes used above, by the recurrence down to (0, 1] and Stirling's series. */
function lgammaSmall(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift -= Math.log(x);
    x += 1;
  }
  return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}
