import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { fitModifiedBgNbd, makeModifiedBgNbdModel } from "../../src/clv/modifiedBgNbd.ts";
import { betaGeometricLogLikelihoodOf } from "../../src/clv/bgNbdLikelihood.ts";
import { groupHistories, readHistories } from "../../src/clv/histories.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { cdnowSummary } from "./cdnow.ts";
import { fitState, historyArb, sigFigs } from "./helpers.ts";

const summary = cdnowSummary();

/** The MBG/NBD likelihood of one customer written out from the paper's formula, with ln Gamma from the library only through Math. */
function mbgLikelihood(p: { r: number; alpha: number; a: number; b: number }, x: number, tx: number, T: number): number {
  const B = (u: number, v: number) => Math.exp(lgamma(u) + lgamma(v) - lgamma(u + v));
  const g = Math.exp(lgamma(p.r + x) - lgamma(p.r)) * p.alpha ** p.r;
  return (g / (p.alpha + T) ** (p.r + x)) * (B(p.a, p.b + x + 1) / B(p.a, p.b)) + (g / (p.alpha + tx) ** (p.r + x)) * (B(p.a + 1, p.b + x) / B(p.a, p.b));
}

/** ln Gamma by Lanczos (g = 7), independent of the library's. */
function lgamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  x -= 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

describe("fitModifiedBgNbd on CDNOW (Batislam, Denizel & Filiztekin 2007; BTYDplus)", () => {
  const model = fitModifiedBgNbd(summary);

  it("reproduces r = 0.525, alpha = 6.183, a = 0.891, b = 1.614 (the values lifetimes tests against)", () => {
    const p = model.params;
    expect([p.r, p.alpha, p.a, p.b].map((v) => Number(v.toFixed(3)))).toEqual([0.525, 6.183, 0.891, 1.614]);
    expect([sigFigs(p.r, 3), sigFigs(p.alpha, 3), sigFigs(p.a, 3), sigFigs(p.b, 3)]).toEqual([0.525, 6.18, 0.891, 1.61]);
    expect([model.model, model.converged]).toEqual(["MBG/NBD", true]);
  });

  it("its log-likelihood is the sum of the paper's per-customer likelihood, and above the BG/NBD's on these data", () => {
    let ll = 0;
    for (const c of summary) ll += Math.log(mbgLikelihood(model.params, c.frequency, c.recency, c.T));
    expect(model.logLikelihood).toBeCloseTo(ll, 6);
    expect(model.logLikelihood).toBeCloseTo(-9582.13, 1);
    expect(model.logLikelihood).toBeGreaterThan(fitBgNbd(summary).logLikelihood);
  });

  it("the analytic gradient agrees with central differences", () => {
    const h = groupHistories(readHistories(summary));
    const theta = Float64Array.from([0.5, 6, 0.9, 1.6]);
    const gradient = new Float64Array(4);
    betaGeometricLogLikelihoodOf(h, theta, gradient, 1);
    for (let i = 0; i < 4; i++) {
      const step = 1e-5 * theta[i]!;
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[i]! += step;
      down[i]! -= step;
      const numeric = (betaGeometricLogLikelihoodOf(h, up, null, 1) - betaGeometricLogLikelihoodOf(h, down, null, 1)) / (2 * step);
      expect(gradient[i]! / numeric).toBeCloseTo(1, 5);
    }
  });

  it("predicts close to the BG/NBD figures of Hardie's spreadsheet, as lifetimes checks (within 5%)", () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const sheet = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(model.expectedPurchases(t) / sheet[i]! - 1)).toBeLessThan(0.05));
    expect(Math.abs(model.conditionalExpectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 }) - 1.226)).toBeLessThan(0.05);
  });

  it("E[X(t)] is the sum over n of n P(X(t) = n), and E[Y(t) | history] that of the conditional distribution", () => {
    const c = { frequency: 2, recency: 30.43, T: 38.86 };
    let mean = 0;
    let conditional = 0;
    for (let n = 0; n < 300; n++) {
      mean += n * model.probabilityOfPurchases(n, 39);
      conditional += n * model.conditionalProbabilityOfPurchases(n, 39, c);
    }
    expect(mean).toBeCloseTo(model.expectedPurchases(39), 10);
    expect(conditional).toBeCloseTo(model.conditionalExpectedPurchases(39, c), 10);
  });

  it("P(X(t) = n) agrees with the story integrated numerically over the drop-out probability", () => {
    // Given p: dropped at once with probability p (no purchase); else the BG/NBD count with p.
    const { r, alpha, a, b } = model.params;
    const t = 20;
    const u = alpha / (alpha + t);
    const nb = (j: number) => Math.exp(lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * Math.log(u) + j * Math.log(1 - u));
    for (const n of [0, 1, 4]) {
      let cdf = 0;
      for (let j = 0; j < n; j++) cdf += nb(j);
      const given = (p: number) => (n === 0 ? p : 0) + (1 - p) * ((1 - p) ** n * nb(n) + (n > 0 ? p * (1 - p) ** (n - 1) * (1 - cdf) : 0));
      // Midpoint rule in v = p^a on [0, 1/2] and w = (1-p)^b on [1/2, 1], which absorb the endpoint powers.
      const steps = 200_000;
      let left = 0;
      for (let i = 0; i < steps; i++) {
        const p = (((i + 0.5) / steps) * 0.5 ** a) ** (1 / a);
        left += (1 - p) ** (b - 1) * given(p);
      }
      let right = 0;
      for (let i = 0; i < steps; i++) {
        const p = 1 - (((i + 0.5) / steps) * 0.5 ** b) ** (1 / b);
        right += p ** (a - 1) * given(p);
      }
      const integral = ((left * 0.5 ** a) / a + (right * 0.5 ** b) / b) / steps / Math.exp(lgamma(a) + lgamma(b) - lgamma(a + b));
      expect(model.probabilityOfPurchases(n, t) / integral).toBeCloseTo(1, 6);
    }
  });
});

describe("MBG/NBD predictions", () => {
  const paramsArb = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 10, noNaN: true }),
  });

  test.prop([paramsArb, historyArb], { numRuns: 200 })("P(alive) is in [0, 1] and below 1 for one-time buyers", (params, c) => {
    const m = makeModifiedBgNbdModel(params, fitState);
    const p = m.probabilityAlive(c);
    expect(p >= 0 && p <= 1).toBe(true);
    expect(m.probabilityAlive({ frequency: 0, recency: 0, T: Math.max(c.T, 1) })).toBeLessThan(1);
  });

  test.prop([paramsArb, historyArb, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })], { numRuns: 150 })(
    "expected purchases grow with t",
    (params, c, t, dt) => {
      const m = makeModifiedBgNbdModel(params, fitState);
      expect(m.expectedPurchases(t + dt)).toBeGreaterThanOrEqual(m.expectedPurchases(t) * (1 - 1e-12));
      expect(m.conditionalExpectedPurchases(t + dt, c)).toBeGreaterThanOrEqual(m.conditionalExpectedPurchases(t, c) * (1 - 1e-12));
    },
  );
});

describe("fitModifiedBgNbd: data it cannot fit", () => {
  it("refuses bad rows, naming the field", () => {
    expect(() => fitModifiedBgNbd([{ frequency: -1, recency: 0, T: 10 }])).toThrow(expect.objectContaining({ field: "frequency", value: -1 }));
    expect(() => fitModifiedBgNbd([{ frequency: 1.5, recency: 1, T: 10 }])).toThrow(expect.objectContaining({ field: "frequency", value: 1.5 }));
    expect(() => fitModifiedBgNbd([{ frequency: 1, recency: 12, T: 10 }])).toThrow(expect.objectContaining({ field: "recency", value: 12 }));
    expect(() => fitModifiedBgNbd([{ frequency: 0, recency: 0, T: 10 }])).toThrow(/frequency > 0/);
    expect(() => fitModifiedBgNbd(summary, { initialParams: { r: 1e308 } })).toThrow(InvalidInputError);
    expect(() => fitModifiedBgNbd(summary, { initialParams: { a: Number.NaN } })).toThrow(expect.objectContaining({ field: "initialParams.a" }));
  });

  it("throws a ConvergenceError with its state when the iterations run out", () => {
    let error: unknown;
    try {
      fitModifiedBgNbd(summary, { maxIterations: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvergenceError);
    const state = (error as ConvergenceError).state;
    expect(state.iterations).toBe(2);
    expect(Object.keys(state.params)).toEqual(["r", "alpha", "a", "b"]);
    expect(Number.isFinite(state.logLikelihood)).toBe(true);
    expect((error as Error).message).toMatch(/MBG\/NBD fit did not converge after 2 iterations/);
  });
});
