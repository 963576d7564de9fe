import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { bgNbdLogLikelihood } from "../../src/clv/bgNbdLikelihood.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { gammaGammaLogLikelihood } from "../../src/clv/gammaGammaLikelihood.ts";
import { fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { normalQuantile } from "../../src/stats/normalQuantile.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowSummary } from "./cdnow.ts";
import { cdnowBg, cdnowSpend } from "./helpers.ts";

/**
 * The covariance of MLEs written independently of src/stats/hessian.ts: a central-difference
 * Hessian of the public log-likelihood in the natural parameters (steps of 1e-4 of each), no
 * log transform and no extrapolation, inverted by Gauss-Jordan elimination with partial pivoting.
 */
function independentCovariance(ll: (p: Record<string, number>) => number, params: Record<string, number>): number[][] {
  const names = Object.keys(params);
  const n = names.length;
  const h = names.map((k) => 1e-4 * params[k]!);
  const at = (i: number, si: number, j: number, sj: number) => {
    const p = { ...params };
    p[names[i]!]! += si * h[i]!;
    p[names[j]!]! += sj * h[j]!;
    return ll(p);
  };
  const f0 = ll(params);
  const H = names.map((_, i) => names.map((_, j) =>
    i === j
      ? (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (h[i]! * h[i]!)
      : (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i]! * h[j]!)));
  // Gauss-Jordan on [-H | I]
  const m = H.map((row, i) => [...row.map((v) => -v), ...names.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const d = m[c]![c]!;
    for (let k = 0; k < 2 * n; k++) m[c]![k]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      for (let k = 0; k < 2 * n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row) => row.slice(n));
}

describe("standard errors and covariance on CDNOW", () => {
  const summary = cdnowSummary();

  it("Pareto/NBD: CLVTools' standard errors r 0.0476264, alpha 0.8427222, s 0.1872594, beta 6.2105448", () => {
    // CLVTools (bachmannpatrick/CLVTools), tests/testthat/test_correctness_pnbd.R,
    // fct.testthat.correctness.nocov.correct.se on its cdnow data, 39-week split ("1997-09-30"), tolerance 0.001.
    const model = fitParetoNbd(summary);
    const se = model.standardErrors!;
    const published = { r: 0.0476264, alpha: 0.8427222, s: 0.1872594, beta: 6.2105448 };
    for (const [k, v] of Object.entries(published)) expect(Math.abs(se[k as keyof typeof se] / v - 1)).toBeLessThan(1e-3);
    expect(Object.keys(se)).toEqual(["r", "alpha", "s", "beta"]);
  });

  it("BG/NBD: equals an independent Hessian of the log-likelihood", () => {
    const model = fitBgNbd(summary);
    const p = { ...model.params };
    const expected = independentCovariance((q) => bgNbdLogLikelihood(q as never, summary), p);
    const names = ["r", "alpha", "a", "b"] as const;
    names.forEach((a, i) => names.forEach((b, j) => {
      const scale = Math.sqrt(expected[i]![i]! * expected[j]![j]!);
      expect(Math.abs(model.covariance![a][b] - expected[i]![j]!) / scale).toBeLessThan(1e-4);
    }));
    expect(model.standardErrors!.alpha).toBeCloseTo(Math.sqrt(model.covariance!.alpha.alpha), 15);
  });

  it("Gamma-Gamma: equals an independent Hessian of the log-likelihood", () => {
    const model = fitGammaGamma(summary);
    const expected = independentCovariance((q) => gammaGammaLogLikelihood(q as never, summary), { ...model.params });
    const names = ["p", "q", "gamma"] as const;
    names.forEach((a, i) => names.forEach((b, j) => {
      const scale = Math.sqrt(expected[i]![i]! * expected[j]![j]!);
      expect(Math.abs(model.covariance![a][b] - expected[i]![j]!) / scale).toBeLessThan(1e-4);
    }));
  });

  it("confidence intervals are estimate +- z standard errors", () => {
    const model = fitBgNbd(summary);
    for (const level of [0.5, 0.9, 0.95, 0.99]) {
      const z = normalQuantile((1 + level) / 2);
      const ci = model.confidenceIntervals(level)!;
      for (const name of ["r", "alpha", "a", "b"] as const) {
        expect(ci[name].estimate).toBe(model.params[name]);
        expect(ci[name].standardError).toBe(model.standardErrors![name]);
        expect(ci[name].lower).toBeCloseTo(model.params[name] - z * model.standardErrors![name], 12);
        expect(ci[name].upper).toBeCloseTo(model.params[name] + z * model.standardErrors![name], 12);
      }
    }
    // the default is 95%
    expect(model.confidenceIntervals()).toEqual(model.confidenceIntervals(0.95));
    for (const level of [0, 1, -0.5, 1.5, NaN, "0.9"]) expectInvalidInput(() => model.confidenceIntervals(level as number), "level");
  });

  it("a model built from parameters without a fit has none", () => {
    expect(cdnowBg.standardErrors).toBeNull();
    expect(cdnowBg.covariance).toBeNull();
    expect(cdnowBg.confidenceIntervals()).toBeNull();
    expect(cdnowSpend.confidenceIntervals(0.9)).toBeNull();
    expectInvalidInput(() => cdnowBg.confidenceIntervals(2), "level");
  });
});
