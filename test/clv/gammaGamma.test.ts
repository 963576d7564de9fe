import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitGammaGamma, makeGammaGammaModel } from "../../src/clv/gammaGamma.ts";
import { gammaGammaLogLikelihood } from "../../src/clv/gammaGammaLikelihood.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { cdnowSummary } from "./cdnow.ts";
import { sigFigs } from "./helpers.ts";

describe("fitGammaGamma on CDNOW's 946 repeat buyers", () => {
  const summary = cdnowSummary();
  const model = fitGammaGamma(summary);

  it("reproduces p = 6.25, q = 3.74, gamma = 15.44 and the log-likelihood -4055.9", () => {
    // Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", on x and zbar of the 39-week
    // calibration period; the log-likelihood as CLVTools' test computes it.
    const p = model.params;
    expect([sigFigs(p.p, 3), sigFigs(p.q, 3), sigFigs(p.gamma, 4)]).toEqual([6.25, 3.74, 15.45]);
    expect(p.gamma).toBeCloseTo(15.44, 1);
    expect(model.logLikelihood).toBeCloseTo(-4055.92, 2);
    expect(gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, summary)).toBeCloseTo(-4055.9, 1);
    // the independent numpy/scipy re-fit of the data README
    expect(p.p).toBeCloseTo(6.2488, 3);
    expect(p.q).toBeCloseTo(3.74459, 3);
    expect(p.gamma).toBeCloseTo(15.44775, 2);
    expect(model.customers).toBe(946);
  });

  it("predicts E[M] as the weighted mean of the population mean and the customer's own mean", () => {
    const { p, q, gamma } = model.params;
    const population = (gamma * p) / (q - 1);
    expect(model.expectedAverageValue({ frequency: 0, monetaryValue: 0 }).toNumber()).toBeCloseTo(population, 10);
    for (const [x, m] of [[1, 10], [2, 22.35], [10, 80]] as const) {
      const w = (p * x) / (p * x + q - 1);
      expect(model.expectedAverageValue({ frequency: x, monetaryValue: m }).toNumber()).toBeCloseTo((1 - w) * population + w * m, 10);
    }
    expect(model.expectedAverageValue({ frequency: 2, monetaryValue: "22.35" }).toNumber()).toBeCloseTo(model.expectedAverageValue({ frequency: 2, monetaryValue: 22.35 }).toNumber(), 12);
  });

  test.prop([fc.array(fc.double({ min: -0.02, max: 0.02, noNaN: true }), { minLength: 3, maxLength: 3 })], { numRuns: 40 })(
    "the likelihood at the fit is not below the likelihood at nearby points",
    (steps) => {
      const { p, q, gamma } = model.params;
      const near = { p: p * Math.exp(steps[0]!), q: q * Math.exp(steps[1]!), gamma: gamma * Math.exp(steps[2]!) };
      expect(gammaGammaLogLikelihood(near, summary)).toBeLessThanOrEqual(model.logLikelihood + 1e-8);
    },
  );

  test.prop([fc.integer({ min: 0, max: 50 }), fc.double({ min: 0.01, max: 1000, noNaN: true })], { numRuns: 100 })(
    "E[M] lies between the customer's mean and the population mean",
    (x, m) => {
      const { p, q, gamma } = model.params;
      const population = (gamma * p) / (q - 1);
      const e = model.expectedAverageValue({ frequency: x, monetaryValue: m }).toNumber();
      expect(e).toBeGreaterThanOrEqual(Math.min(m, population) * (1 - 1e-12));
      expect(e).toBeLessThanOrEqual(Math.max(x === 0 ? population : m, population) * (1 + 1e-12));
    },
  );
});

describe("fitGammaGamma: data it cannot fit", () => {
  it("refuses frequency and value that are correlated, unless allowed", () => {
    // CDNOW with each repeat buyer's mean spend scaled by their frequency: bigger buyers spend more per order.
    const correlated = cdnowSummary().map((r) => ({ ...r, monetaryValue: r.monetaryValue * (1 + r.frequency) }));
    expect(() => fitGammaGamma(correlated)).toThrow(/correlated at 0\.[3-9]/);
    expect(fitGammaGamma(correlated, { maxCorrelation: 1 }).converged).toBe(true);
  });

  it("refuses a summary without repeat buyers or monetary values, and zero spend", () => {
    expect(() => fitGammaGamma([{ frequency: 0, recency: 0, T: 3, monetaryValue: 0 }])).toThrow(/repeat/);
    expect(() => fitGammaGamma([{ frequency: 2, recency: 1, T: 3 }])).toThrow(/monetaryValue/);
    expect(() => fitGammaGamma([{ frequency: 2, recency: 1, T: 3, monetaryValue: null }])).toThrow(InvalidInputError);
    expect(() => fitGammaGamma([{ frequency: 2, recency: 1, T: 3, monetaryValue: 0 }])).toThrow(/positive/);
    expect(() => fitGammaGamma([{ frequency: 2, recency: 1, T: 3, monetaryValue: 5 }], { maxCorrelation: 2 })).toThrow(/maxCorrelation/);
  });

  it("throws a ConvergenceError when every customer spends the same", () => {
    const same = Array.from({ length: 30 }, (_, i) => ({ frequency: 1 + (i % 3), recency: 1, T: 10, monetaryValue: 20 }));
    expect(() => fitGammaGamma(same)).toThrow(ConvergenceError);
  });

  it("reads columns and Decimal strings", () => {
    const rows = cdnowSummary().slice(0, 400);
    const columns = { frequency: rows.map((r) => r.frequency), recency: rows.map((r) => r.recency), T: rows.map((r) => r.T), monetaryValue: rows.map((r) => r.monetaryValue) };
    const strings = rows.map((r) => ({ ...r, monetaryValue: r.monetaryValue.toFixed(2) }));
    const a = fitGammaGamma(columns).params;
    const b = fitGammaGamma(strings).params;
    expect(a.p).toBeCloseTo(b.p, 8);
    expect(a.gamma).toBeCloseTo(b.gamma, 8);
  });

  it("refuses q <= 1 for a customer without repeat purchases (an infinite mean)", () => {
    const m = makeGammaGammaModel({ p: 2, q: 0.8, gamma: 10 }, { logLikelihood: 0, iterations: 0, converged: true }, 1);
    expect(() => m.expectedAverageValue({ frequency: 0, monetaryValue: 0 })).toThrow(/q > 1/);
    expect(m.expectedAverageValue({ frequency: 1, monetaryValue: 5 }).toNumber()).toBeCloseTo(((10 + 5) * 2) / 1.8, 12);
  });
});
