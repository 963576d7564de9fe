import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { expectation, expectationByQuadrature, fitBgNbd, makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { bgNbdLogLikelihood } from "../../src/clv/bgNbdLikelihood.ts";
import { conditionalSeriesOf } from "../../src/clv/purchaseModel.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { cdnowSummary } from "./cdnow.ts";
import { historyArb, sigFigs } from "./helpers.ts";

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const published = makeBgNbdModel(PUBLISHED, { logLikelihood: -9582.4, iterations: 0, converged: true });

describe("fitBgNbd on CDNOW (Fader, Hardie & Lee 2005, section 5)", () => {
  const summary = cdnowSummary();
  const model = fitBgNbd(summary);

  it("reproduces the published r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 to 3 significant figures", () => {
    const p = model.params;
    expect([sigFigs(p.r, 3), sigFigs(p.alpha, 3), sigFigs(p.a, 3), sigFigs(p.b, 3)]).toEqual([0.243, 4.41, 0.793, 2.43]);
    // and the independent numpy/scipy re-fit of the data README to 5 digits
    expect(p.r).toBeCloseTo(0.242593, 5);
    expect(p.alpha).toBeCloseTo(4.413532, 4);
    expect(p.a).toBeCloseTo(0.792886, 5);
    expect(p.b).toBeCloseTo(2.425754, 4);
    expect([model.converged, model.model]).toEqual([true, "BG/NBD"]);
  });

  it("reaches the published log-likelihood -9582.4", () => {
    expect(model.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(bgNbdLogLikelihood(model.params, summary)).toBeCloseTo(model.logLikelihood, 8);
    expect(bgNbdLogLikelihood(PUBLISHED, summary)).toBeCloseTo(-9582.4, 1);
  });

  it("predicts the figures of Hardie's BG/NBD spreadsheet", () => {
    // E[X(t)] at the fitted parameters, against the spreadsheet values that lifetimes' tests quote. All
    // agree to 4 decimals but t = 78 (1.8580 against 1.8576, 0.02%; the direct numerical integral below
    // confirms 1.8580 to 6 digits).
    const times = [0.1429, 1, 3, 31.8571, 32];
    expect(times.map((t) => model.expectedPurchases(t).toFixed(4))).toEqual(["0.0078", "0.0532", "0.1506", "1.0405", "1.0437"]);
    expect(model.expectedPurchases(78)).toBeCloseTo(1.8576, 3);
    expect(model.expectedPurchases(78) / integratedExpectation(model.params.r, model.params.alpha, model.params.a, model.params.b, 78)).toBeCloseTo(1, 6);
    // The paper's conditional expectation for a customer with x = 2, t_x = 30.43, T = 38.86 over 39 weeks.
    expect(published.conditionalExpectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3);
    expect(model.conditionalExpectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3);
  });

  test.prop([fc.array(fc.double({ min: -0.02, max: 0.02, noNaN: true }), { minLength: 4, maxLength: 4 })], { numRuns: 40 })(
    "the likelihood at the fit is not below the likelihood at nearby points",
    (steps) => {
      const p = model.params;
      const near = { r: p.r * Math.exp(steps[0]!), alpha: p.alpha * Math.exp(steps[1]!), a: p.a * Math.exp(steps[2]!), b: p.b * Math.exp(steps[3]!) };
      expect(bgNbdLogLikelihood(near, summary)).toBeLessThanOrEqual(model.logLikelihood + 1e-8);
    },
  );

  it("weights identical histories once: duplicating every customer doubles the log-likelihood, not the answer", () => {
    const doubled = fitBgNbd({
      frequency: summary.flatMap((r) => [r.frequency, r.frequency]),
      recency: summary.flatMap((r) => [r.recency, r.recency]),
      T: summary.flatMap((r) => [r.T, r.T]),
    });
    expect(doubled.params.r).toBeCloseTo(model.params.r, 6);
    expect(doubled.params.b).toBeCloseTo(model.params.b, 5);
    expect(doubled.logLikelihood).toBeCloseTo(2 * model.logLikelihood, 5);
  });
});

/**
 * E[X(t)] by direct numerical integration of E[(1/p)(1 - (alpha/(alpha + p t))^r)] over p ~ Beta(a, b):
 * midpoint rule on [0, 1/2] in w = ln p (down to where p^a is negligible) and on [1/2, 1] in
 * v = (1-p)^b, which remove the endpoint singularities and resolve the bend near p = alpha / t.
 */
function integratedExpectation(r: number, alpha: number, a: number, b: number, t: number): number {
  const n = 200_000;
  const h = (p: number) => -Math.expm1(-r * Math.log1p((p * t) / alpha));
  let left = 0;
  const wMin = -40 / a;
  const wMax = Math.log(0.5);
  for (let i = 0; i < n; i++) {
    const w = wMin + ((i + 0.5) / n) * (wMax - wMin);
    const p = Math.exp(w);
    left += Math.exp((a - 1) * w + (b - 1) * Math.log1p(-p)) * h(p);
  }
  let right = 0;
  const vMax = 0.5 ** b;
  for (let i = 0; i < n; i++) {
    const p = 1 - (((i + 0.5) / n) * vMax) ** (1 / b);
    right += p ** (a - 2) * h(p);
  }
  const lnB = lgamma(a) + lgamma(b) - lgamma(a + b);
  return ((left * (wMax - wMin)) / n + (right * vMax) / (n * b)) / Math.exp(lnB);
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

describe("BG/NBD predictions", () => {
  it("E[X(t)] agrees with a direct numerical integral, including a = 1 and a + b < 1", () => {
    for (const [r, alpha, a, b, t] of [[0.243, 4.414, 0.793, 2.426, 39], [1.5, 2, 1, 3, 10], [0.5, 10, 0.4, 0.3, 50], [2, 1, 3, 1.5, 5], [0.2, 3, 1.000001, 2, 100]] as const) {
      const m = makeBgNbdModel({ r, alpha, a, b }, { logLikelihood: 0, iterations: 0, converged: true });
      expect(m.expectedPurchases(t) / integratedExpectation(r, alpha, a, b, t)).toBeCloseTo(1, 6);
    }
  });

  test.prop([
    fc.double({ min: 0.05, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }),
    fc.double({ min: 0.05, max: 5, noNaN: true }), fc.double({ min: 0.05, max: 300, noNaN: true }), fc.double({ min: 0.01, max: 500, noNaN: true }),
  ], { numRuns: 150 })("the series and the defining integral agree (the series' fallback)", (r, alpha, a, b, t) => {
    expect(expectation(r, alpha, a, b, t) / expectationByQuadrature(r, alpha, a, b, t)).toBeCloseTo(1, 9);
  });

  it("stays finite and accurate where the series would fail: t far beyond alpha, r far above a + b", () => {
    for (const [r, alpha, a, b, t] of [[0.24, 0.001, 0.8, 2.4, 1000], [500, 5, 0.5, 0.7, 30], [40, 2, 1, 3, 10]] as const) {
      const e = expectation(r, alpha, a, b, t);
      expect(e / integratedExpectation(r, alpha, a, b, t)).toBeCloseTo(1, 5);
    }
  });

  const paramsArb = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 10, noNaN: true }),
  });

  test.prop([paramsArb, historyArb], { numRuns: 300 })("probability alive is in [0, 1], and 1 without repeat purchases", (params, c) => {
    const m = makeBgNbdModel(params, { logLikelihood: 0, iterations: 0, converged: true });
    const p = m.probabilityAlive(c);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(m.probabilityAlive({ frequency: 0, recency: 0, T: c.T })).toBe(1);
  });

  test.prop([paramsArb, historyArb, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })], { numRuns: 200 })(
    "expected purchases grow with t, for a new customer and given a history",
    (params, c, t, dt) => {
      const m = makeBgNbdModel(params, { logLikelihood: 0, iterations: 0, converged: true });
      const e1 = m.expectedPurchases(t);
      const e2 = m.expectedPurchases(t + dt);
      expect(Number.isFinite(e1) && e1 >= 0).toBe(true);
      expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-12));
      const c1 = m.conditionalExpectedPurchases(t, c);
      const c2 = m.conditionalExpectedPurchases(t + dt, c);
      expect(Number.isFinite(c1) && c1 >= 0).toBe(true);
      expect(c2).toBeGreaterThanOrEqual(c1 * (1 - 1e-12));
    },
  );

  test.prop([paramsArb, historyArb, fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 1, maxLength: 60 })], { numRuns: 100 })(
    "the many-horizons series (predictLifetimeValue's) gives the very digits of one call per horizon",
    (params, c, times) => {
      const m = makeBgNbdModel(params, { logLikelihood: 0, iterations: 0, converged: true });
      const ends = Float64Array.from(times).sort();
      expect(Array.from(conditionalSeriesOf(m)(ends, c))).toEqual(Array.from(ends, (t) => m.conditionalExpectedPurchases(t, c)));
    },
  );

  it("checks its arguments", () => {
    expect(() => published.expectedPurchases(-1)).toThrow(InvalidInputError);
    expect(() => published.probabilityAlive({ frequency: 1.5, recency: 1, T: 2 })).toThrow(/frequency/);
    expect(() => published.probabilityAlive({ frequency: 1, recency: 3, T: 2 })).toThrow(/recency/);
    expect(published.expectedPurchases(0)).toBe(0);
  });
});

describe("fitBgNbd: data it cannot fit", () => {
  it("refuses a summary without repeat purchases, or an empty one, with a clear error", () => {
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, T: 10 }, { frequency: 0, recency: 0, T: 5 }])).toThrow(/frequency > 0/);
    expect(() => fitBgNbd([])).toThrow(InvalidInputError);
    expect(() => fitBgNbd([{ frequency: 1, recency: 0, T: -1 }])).toThrow(InvalidInputError);
    expect(() => fitBgNbd([{ frequency: 0, recency: 2, T: 5 }])).toThrow(/recency/);
  });

  it("throws a ConvergenceError with its last state when the likelihood has no maximum", () => {
    // A dozen customers show no heterogeneity in drop-out: a and b run off to infinity.
    const summary = [
      { frequency: 2, recency: 30.4, T: 38.9 }, { frequency: 1, recency: 1.7, T: 38.9 }, { frequency: 0, recency: 0, T: 38.9 },
      { frequency: 0, recency: 0, T: 38.9 }, { frequency: 0, recency: 0, T: 38.9 }, { frequency: 7, recency: 29.4, T: 38.9 },
      { frequency: 1, recency: 5, T: 38.7 }, { frequency: 0, recency: 0, T: 38.7 }, { frequency: 2, recency: 35.7, T: 38.7 },
      { frequency: 0, recency: 0, T: 38.6 }, { frequency: 5, recency: 24.1, T: 38.6 }, { frequency: 0, recency: 0, T: 38.6 },
    ];
    let error: unknown;
    try {
      fitBgNbd(summary);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvergenceError);
    const state = (error as ConvergenceError).state;
    expect(state.params.a).toBeGreaterThan(1e4);
    expect(Number.isFinite(state.logLikelihood)).toBe(true);
    expect((error as Error).message).toMatch(/a ran off towards infinity/);
  });

  it("throws a ConvergenceError when the iterations run out, and honours initialParams", () => {
    const summary = cdnowSummary();
    expect(() => fitBgNbd(summary, { maxIterations: 2 })).toThrow(ConvergenceError);
    expect(fitBgNbd(summary, { initialParams: PUBLISHED }).params.r).toBeCloseTo(0.242593, 5);
    expect(() => fitBgNbd(summary, { initialParams: { r: -1 } })).toThrow(InvalidInputError);
  });
});
