import { describe, expect, it } from "vitest";
import { fitBgNbd, makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { predictLifetimeValue } from "../../src/clv/predictLifetimeValue.ts";
import { normalQuantile } from "../../src/stats/normalQuantile.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowSummary } from "./cdnow.ts";
import { cdnowBg, cdnowSpend } from "./helpers.ts";
import { timeLimit } from "../support/timeout.ts";

const summary = cdnowSummary();
const bg = fitBgNbd(summary);
const customer = { frequency: 2, recency: 30, T: 39 };
const state = { logLikelihood: 0, iterations: 0, converged: true };

describe("prediction intervals of a purchase model", () => {
  it("delta: estimate +- z sqrt(g' Sigma g), g an independent central-difference gradient through the public API", () => {
    const names = ["r", "alpha", "a", "b"] as const;
    const predict = (params: typeof bg.params) => makeBgNbdModel(params, state).conditionalExpectedPurchases(39, customer);
    const g = names.map((name) => {
      const h = 1e-4 * bg.params[name];
      return (predict({ ...bg.params, [name]: bg.params[name] + h }) - predict({ ...bg.params, [name]: bg.params[name] - h })) / (2 * h);
    });
    let variance = 0;
    names.forEach((a, i) => names.forEach((b, j) => (variance += g[i]! * bg.covariance![a][b] * g[j]!)));
    for (const confidence of [0.8, 0.95]) {
      const interval = bg.conditionalExpectedPurchases(39, customer, { interval: true, confidence });
      const half = normalQuantile((1 + confidence) / 2) * Math.sqrt(variance);
      expect(interval.estimate).toBe(bg.conditionalExpectedPurchases(39, customer));
      expect(interval.lower).toBeCloseTo(interval.estimate - half, 6);
      expect(interval.upper).toBeCloseTo(interval.estimate + half, 6);
      expect([interval.confidence, interval.method]).toEqual([confidence, "delta"]);
    }
  });

  it("bootstrap agrees with the delta method where the normal approximation is good, and is seeded", () => {
    const delta = bg.probabilityAlive(customer, { interval: true });
    const boot = bg.probabilityAlive(customer, { interval: true, method: "bootstrap", draws: 1000, seed: 7 });
    const width = delta.upper - delta.lower;
    expect(Math.abs(boot.lower - delta.lower)).toBeLessThan(0.15 * width);
    expect(Math.abs(boot.upper - delta.upper)).toBeLessThan(0.15 * width);
    expect(bg.probabilityAlive(customer, { interval: true, method: "bootstrap", draws: 1000, seed: 7 })).toEqual(boot);
    expect(bg.probabilityAlive(customer, { interval: true, method: "bootstrap", draws: 1000, seed: 8 })).not.toEqual(boot);
    const pareto = fitParetoNbd(summary);
    const e = pareto.expectedPurchases(52, { interval: true, method: "bootstrap", draws: 50 });
    expect(e.lower).toBeLessThan(e.estimate);
    expect(e.upper).toBeGreaterThan(e.estimate);
  });

  it("P(alive) intervals stay within [0, 1]; expected purchases at 0; no interval asked gives the number", () => {
    for (const c of [{ frequency: 0, recency: 0, T: 39 }, { frequency: 1, recency: 0.5, T: 39 }, { frequency: 20, recency: 38.9, T: 39 }]) {
      for (const method of ["delta", "bootstrap"] as const) {
        const i = bg.probabilityAlive(c, { interval: true, method, draws: 40 });
        expect(i.lower).toBeGreaterThanOrEqual(0);
        expect(i.upper).toBeLessThanOrEqual(1);
        expect(i.lower).toBeLessThanOrEqual(i.upper);
      }
    }
    expect(bg.expectedPurchases(0, { interval: true })).toEqual({ estimate: 0, lower: 0, upper: 0, confidence: 0.95, method: "delta" });
    expect(bg.expectedPurchases(10, { interval: false as true })).toBe(bg.expectedPurchases(10));
  });

  it("refuses bad interval options and models without a covariance, naming the field", () => {
    expectInvalidInput(() => bg.probabilityAlive(customer, { interval: "yes" as unknown as true }), "interval");
    for (const confidence of [0, 1, 1.5, NaN]) expectInvalidInput(() => bg.probabilityAlive(customer, { interval: true, confidence }), "confidence");
    expectInvalidInput(() => bg.probabilityAlive(customer, { interval: true, method: "jackknife" as "delta" }), "method");
    for (const draws of [5, 1e6, 20.5]) expectInvalidInput(() => bg.probabilityAlive(customer, { interval: true, method: "bootstrap", draws }), "draws");
    expectInvalidInput(() => bg.probabilityAlive(customer, { interval: true, seed: 0.5 }), "seed");
    expectInvalidInput(() => bg.probabilityAlive(customer, null as never), "options");
    const error = expectInvalidInput(() => cdnowBg.probabilityAlive(customer, { interval: true }), "model");
    expect(error.message).toContain("covariance");
  });
});

describe("predictLifetimeValue intervals", () => {
  const spend = fitGammaGamma(summary);
  const options = { horizon: 52, discountRate: 0.002 };

  it("adds an interval per customer and for the total; the values are those without intervals", () => {
    const plain = predictLifetimeValue({ purchases: bg, spend }, summary, options);
    const withDelta = predictLifetimeValue({ purchases: bg, spend }, summary, { ...options, interval: true, confidence: 0.9 });
    expect(withDelta.total.toString()).toBe(plain.total.toString());
    expect(plain.totalInterval).toBeUndefined();
    expect("interval" in plain.customers[0]!).toBe(false);
    const t = withDelta.totalInterval!;
    expect(t.estimate).toBeCloseTo(plain.total.toNumber(), 6);
    expect(t.lower).toBeLessThan(t.estimate);
    expect(t.upper).toBeGreaterThan(t.estimate);
    for (const c of withDelta.customers) {
      expect(c.interval!.lower).toBeLessThanOrEqual(c.lifetimeValue.toNumber() + 1e-9);
      expect(c.interval!.upper).toBeGreaterThanOrEqual(c.lifetimeValue.toNumber() - 1e-9);
    }
  });

  it("bootstrap: seeded, and close to the delta interval for the total", () => {
    const run = (seed: number) => predictLifetimeValue({ purchases: bg, spend }, summary.slice(0, 400), { ...options, interval: true, method: "bootstrap", draws: 60, seed });
    const a = run(3);
    expect(run(3).totalInterval).toEqual(a.totalInterval);
    const delta = predictLifetimeValue({ purchases: bg, spend }, summary.slice(0, 400), { ...options, interval: true }).totalInterval!;
    const width = delta.upper - delta.lower;
    expect(Math.abs(a.totalInterval!.lower - delta.lower)).toBeLessThan(0.35 * width);
    expect(Math.abs(a.totalInterval!.upper - delta.upper)).toBeLessThan(0.35 * width);
  }, timeLimit(60_000));

  it("refuses intervals for models without a covariance, naming which", () => {
    expectInvalidInput(() => predictLifetimeValue({ purchases: cdnowBg, spend }, summary, { ...options, interval: true }), "models.purchases");
    expectInvalidInput(() => predictLifetimeValue({ purchases: bg, spend: cdnowSpend }, summary, { ...options, interval: true }), "models.spend");
    expectInvalidInput(() => predictLifetimeValue({ purchases: bg, spend }, summary, { ...options, interval: true, method: "x" as "delta" }), "method");
    // without interval, models built from parameters are fine
    expect(predictLifetimeValue({ purchases: cdnowBg, spend: cdnowSpend }, summary.slice(0, 5), options).customers).toHaveLength(5);
  });
});
