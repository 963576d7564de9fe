import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { mrrCohorts } from "../../src/cohorts/mrrCohorts.ts";
import { fitShiftedBetaGeometric, makeShiftedBetaGeometricModel } from "../../src/clv/shiftedBetaGeometric.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { fitState } from "./helpers.ts";

// Fader & Hardie (2007), "How to Project Customer Retention", table 1: survivors of two 1,000-customer cohorts, years 0-7.
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];

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
const lnB = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

describe("fitShiftedBetaGeometric on Fader & Hardie (2007)", () => {
  const regular = fitShiftedBetaGeometric(REGULAR);
  const highEnd = fitShiftedBetaGeometric(HIGH_END);

  it("reproduces the regular segment's alpha = 0.704, beta = 1.182 and the high end's alpha = 0.668, beta = 3.806", () => {
    expect([regular.params.alpha, regular.params.beta].map((v) => v.toFixed(3))).toEqual(["0.704", "1.182"]);
    expect([highEnd.params.alpha, highEnd.params.beta].map((v) => v.toFixed(3))).toEqual(["0.668", "3.806"]);
    expect([regular.model, regular.converged]).toEqual(["sBG", true]);
  });

  it("its log-likelihood is the paper's, written out with the beta function", () => {
    const { alpha, beta } = regular.params;
    let ll = 0;
    for (let t = 1; t < REGULAR.length; t++) ll += (REGULAR[t - 1]! - REGULAR[t]!) * (lnB(alpha + 1, beta + t - 1) - lnB(alpha, beta));
    ll += REGULAR[7]! * (lnB(alpha, beta + 7) - lnB(alpha, beta));
    expect(regular.logLikelihood).toBeCloseTo(ll, 6);
    expect(regular.logLikelihood).toBeCloseTo(-1680.27, 1);
  });

  it("projects the paper's survivors: S(t) matches the data and extends beyond year 7", () => {
    REGULAR.forEach((n, t) => expect(Math.abs(1000 * regular.survival(t) - n)).toBeLessThan(8));
    expect(regular.survival(12)).toBeLessThan(regular.survival(7));
  });

  it("several cohorts (ragged) fit as one set of survivors; a cohort matrix as its cohorts", () => {
    // The same cohort three times, cut at different ages, has the same maximum as the whole once.
    const ragged = fitShiftedBetaGeometric([REGULAR, REGULAR.slice(0, 5), REGULAR.slice(0, 3)]);
    expect(ragged.params.alpha).toBeGreaterThan(0.5);
    const matrix = { measure: "customers", cohorts: [{ cohort: "a", values: [...REGULAR, null, null] }, { cohort: "b", values: [...REGULAR.slice(0, 5), null, null, null, null, null] }, { cohort: "c", values: REGULAR.slice(0, 3) }] };
    const fromMatrix = fitShiftedBetaGeometric(matrix);
    expect(fromMatrix.params.alpha).toBeCloseTo(ragged.params.alpha, 8);
    expect(fromMatrix.logLikelihood).toBeCloseTo(ragged.logLikelihood, 8);
  });

  it("reads cohortMatrix (customers, unbounded) and mrrCohorts results as their survivors", () => {
    // 100 customers, monthly, whose survivors are the regular segment's tenth: 100, 63, 47, 38, 33, 29, 26, 24.
    const survivors = REGULAR.map((n) => Math.round(n / 10));
    const events: Array<{ customerId: string; at: string }> = [];
    const subscriptions: Array<{ customerId: string; at: string; mrr: number }> = [];
    for (let i = 0; i < 100; i++) {
      const months = survivors.filter((n) => n > i).length; // active in months 0..months-1
      for (let m = 0; m < months; m++) events.push({ customerId: `c${i}`, at: `2024-${String(1 + m).padStart(2, "0")}-05T00:00:00Z` });
      subscriptions.push({ customerId: `c${i}`, at: "2024-01-05", mrr: 10 });
      if (months < 8) subscriptions.push({ customerId: `c${i}`, at: `2024-${String(1 + months).padStart(2, "0")}-05`, mrr: 0 });
    }
    const direct = fitShiftedBetaGeometric(survivors);
    const m = cohortMatrix(events, { period: "month", mode: "unbounded", to: "2024-09-01T00:00:00Z" });
    expect(m.cohorts[0]!.values).toEqual(survivors);
    const fromEvents = fitShiftedBetaGeometric(m);
    expect(fromEvents.params.alpha).toBeCloseTo(direct.params.alpha, 10);
    expect(fromEvents.params.beta).toBeCloseTo(direct.params.beta, 10);
    const mrr = mrrCohorts(subscriptions, { period: "month", to: "2024-09-01" });
    expect(mrr.cohorts[0]!.values.map(Number)).toEqual(survivors.map((n) => n * 10));
    // MRR: each unit is a "customer", so the same shape of survival gives the same parameters.
    const fromMrr = fitShiftedBetaGeometric(mrr);
    expect(fromMrr.params.alpha).toBeCloseTo(direct.params.alpha, 6);
    expect(() => fitShiftedBetaGeometric(cohortMatrix(events, { period: "month", to: "2024-09-01T00:00:00Z" }))).not.toThrow();
  });

  it("DERL is the discounted sum of survival (Fader & Hardie 2010, eq. 6) and its limits", () => {
    for (const d of [0.25, 0.1, 0.01, 0.0005]) {
      for (const renewals of [0, 2, 10]) {
        let direct = 0;
        const n = renewals + 1;
        for (let k = 0; k < 100_000; k++) direct += (Math.exp(lnB(regular.params.alpha, regular.params.beta + n + k) - lnB(regular.params.alpha, regular.params.beta + n - 1)) / (1 + d) ** k);
        // past 100,000 terms (1 + d)^-k is below e^-50
        const ours = regular.discountedExpectedResidualLifetime(renewals, d)!;
        expect(ours / direct).toBeCloseTo(1, d >= 0.001 ? 10 : 6);
      }
    }
    const light = makeShiftedBetaGeometricModel({ alpha: 3, beta: 2 }, fitState);
    expect(light.discountedExpectedResidualLifetime(2, 0)).toBeCloseTo((2 + 2) / (3 - 1), 12);
    expect(light.expectedLifetime()).toBeCloseTo((3 + 2 - 1) / (3 - 1), 12);
    expect(regular.expectedLifetime()).toBeNull();
    expect(regular.discountedExpectedResidualLifetime(0, 0)).toBeNull();
    // the series and the quadrature meet at d = 0.001
    expect(regular.discountedExpectedResidualLifetime(3, 0.000999999)! / regular.discountedExpectedResidualLifetime(3, 0.001)!).toBeCloseTo(1, 6);
  });
});

describe("sBG properties", () => {
  const paramsArb = fc.record({ alpha: fc.double({ min: 0.01, max: 50, noNaN: true }), beta: fc.double({ min: 0.01, max: 50, noNaN: true }) });
  test.prop([paramsArb, fc.integer({ min: 1, max: 500 })], { numRuns: 200 })(
    "survival falls, the retention rate rises, churn probabilities are S(t-1) - S(t)",
    (params, t) => {
      const m = makeShiftedBetaGeometricModel(params, fitState);
      expect(m.survival(t)).toBeLessThanOrEqual(m.survival(t - 1));
      expect(m.retentionRate(t + 1)).toBeGreaterThanOrEqual(m.retentionRate(t));
      expect(m.churnProbability(t)).toBeCloseTo(m.survival(t - 1) - m.survival(t), 12);
      expect(m.survival(t) / m.survival(t - 1)).toBeCloseTo(m.retentionRate(t), 10);
    },
  );
  test.prop([paramsArb, fc.integer({ min: 0, max: 50 }), fc.double({ min: 1e-9, max: 10, noNaN: true })], { numRuns: 100 })(
    "DERL is finite, at least 1 - the next renewal counts - and falls as the discount rises",
    (params, renewals, d) => {
      const m = makeShiftedBetaGeometricModel(params, fitState);
      const v = m.discountedExpectedResidualLifetime(renewals, d)!;
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(m.retentionRate(renewals + 1) * (1 - 1e-9));
      expect(m.discountedExpectedResidualLifetime(renewals, d * 2)!).toBeLessThanOrEqual(v * (1 + 1e-9));
    },
  );
});

describe("fitShiftedBetaGeometric: bad input", () => {
  it("refuses survivors that increase, negative, fractional or non-finite counts, and other measures", () => {
    expect(() => fitShiftedBetaGeometric([1000, 631, 700])).toThrow(expect.objectContaining({ field: "survivors[2]", value: 700 }));
    expect(() => fitShiftedBetaGeometric([1000, -1])).toThrow(expect.objectContaining({ field: "survivors[1]", value: -1 }));
    expect(() => fitShiftedBetaGeometric([1000, 600.5])).toThrow(expect.objectContaining({ field: "survivors[1]", value: 600.5 }));
    expect(() => fitShiftedBetaGeometric([[1000, 500], [100, Number.NaN]])).toThrow(expect.objectContaining({ field: "survivors[1][1]" }));
    expect(() => fitShiftedBetaGeometric({ measure: "orders", cohorts: [] })).toThrow(expect.objectContaining({ field: "input.measure", value: "orders" }));
    expect(() => fitShiftedBetaGeometric({ measure: "customers", cohorts: [{ values: [10, 12] }] })).toThrow(/cannot increase/);
    expect(() => fitShiftedBetaGeometric([1000])).toThrow(InvalidInputError);
    expect(() => fitShiftedBetaGeometric("1000" as never)).toThrow(InvalidInputError);
    expect(() => fitShiftedBetaGeometric(REGULAR, { initialParams: { alpha: 1e308 } })).toThrow(expect.objectContaining({ field: "initialParams.alpha" }));
  });

  it("refuses survivors that never fall; throws a ConvergenceError with its state when the likelihood has no maximum or iterations run out", () => {
    expect(() => fitShiftedBetaGeometric([1000, 1000, 1000, 1000])).toThrow(/at least one churned customer/);
    let error: unknown;
    try {
      // Every period loses exactly half: no heterogeneity, so alpha and beta run off together.
      fitShiftedBetaGeometric([[1024, 512, 256, 128, 64, 32, 16], [1024, 512, 256, 128, 64, 32, 16]]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvergenceError);
    expect(Object.keys((error as ConvergenceError).state.params)).toEqual(["alpha", "beta"]);
    expect((error as Error).message).toMatch(/ran off towards infinity/);
    expect(() => fitShiftedBetaGeometric(REGULAR, { maxIterations: 1 })).toThrow(ConvergenceError);
  });

  it("refuses bad method arguments", () => {
    const m = makeShiftedBetaGeometricModel({ alpha: 0.7, beta: 1.2 }, fitState);
    expect(() => m.survival(-1)).toThrow(expect.objectContaining({ field: "t", value: -1 }));
    expect(() => m.retentionRate(0)).toThrow(expect.objectContaining({ field: "t", value: 0 }));
    expect(() => m.churnProbability(1.5)).toThrow(expect.objectContaining({ field: "t" }));
    expect(() => m.discountedExpectedResidualLifetime(-1, 0.1)).toThrow(expect.objectContaining({ field: "renewals" }));
    expect(() => m.discountedExpectedResidualLifetime(1, -0.1)).toThrow(expect.objectContaining({ field: "discountRate" }));
    expect(() => m.discountedExpectedResidualLifetime(1, 1e-12)).toThrow(expect.objectContaining({ field: "discountRate" }));
  });
});
