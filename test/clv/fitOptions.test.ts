import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { bgNbdLogLikelihood } from "../../src/clv/bgNbdLikelihood.ts";
import { fitByMaximumLikelihood, PARAM_RANGE } from "../../src/clv/fit.ts";
import { ConvergenceError } from "../../src/errors.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import type { RfmRowLike } from "../../src/clv/histories.ts";
import { cdnowSummary } from "./cdnow.ts";
import { timeLimit } from "../support/timeout.ts";

const summary = cdnowSummary();
const sumOfSquares = (p: Record<string, number>) => Object.values(p).reduce((s, v) => s + v * v, 0);

describe("penalizer", () => {
  it("penalizer 0 is the plain fit exactly, for every model", () => {
    expect(fitBgNbd(summary, { penalizer: 0 }).params).toEqual(fitBgNbd(summary).params);
    expect(fitBgNbd(summary, { penalizer: 0 }).logLikelihood).toBe(fitBgNbd(summary).logLikelihood);
    expect(fitBgNbd(summary, { penalizer: 0 }).standardErrors).toEqual(fitBgNbd(summary).standardErrors);
    expect(fitGammaGamma(summary, { penalizer: 0 }).params).toEqual(fitGammaGamma(summary).params);
    const small = summary.slice(0, 600);
    expect(fitParetoNbd(small, { penalizer: 0 }).params).toEqual(fitParetoNbd(small).params);
  });

  it("shrinks the parameters as lifetimes' penalizer_coef does, and maximises LL/N - penalizer * sum of squares", () => {
    const plain = fitBgNbd(summary);
    const n = summary.length;
    let previous = sumOfSquares(plain.params);
    for (const penalizer of [0.001, 0.01, 0.1]) {
      const fit = fitBgNbd(summary, { penalizer });
      const squares = sumOfSquares(fit.params);
      expect(squares).toBeLessThan(previous);
      previous = squares;
      // the reported log-likelihood is the data's, without the penalty, and below the plain maximum
      expect(fit.logLikelihood).toBeCloseTo(bgNbdLogLikelihood(fit.params, summary), 8);
      expect(fit.logLikelihood).toBeLessThan(plain.logLikelihood);
      // the penalized objective is better at the penalized fit than at the plain one
      const objective = (p: typeof fit.params) => bgNbdLogLikelihood(p, summary) / n - penalizer * sumOfSquares(p);
      expect(objective(fit.params)).toBeGreaterThan(objective(plain.params));
      expect(fit.standardErrors).not.toBeNull();
    }
  });

  it("refuses a penalizer that is not a finite number from 0 to 1e6", () => {
    for (const penalizer of [-0.1, NaN, Infinity, 1e7, "0.1"]) {
      const error = expectInvalidInput(() => fitBgNbd(summary, { penalizer: penalizer as number }), "penalizer");
      expect(error.message).toContain("0 to 1000000");
      expectInvalidInput(() => fitGammaGamma(summary, { penalizer: penalizer as number }), "penalizer");
    }
  });
});

describe("rows with a count are weights", () => {
  const rowsArb = fc.record({ start: fc.integer({ min: 0, max: summary.length - 400 }), counts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 400, maxLength: 400 }) });
  test.prop([rowsArb], { numRuns: 4 })("a row with count k fits exactly as k copies of it (BG/NBD, Gamma-Gamma)", ({ start, counts }) => {
    const base = summary.slice(start, start + 400);
    const weighted = base.map((row, i) => ({ ...row, count: counts[i]! }));
    const repeated = base.flatMap((row, i) => Array.from({ length: counts[i]! }, () => row));
    const repeatBuyers = repeated.filter((r) => r.frequency > 0).length;
    if (repeatBuyers < 20) return;
    // a sample without evidence of drop-out has no BG/NBD maximum (a and b run off together):
    // then both must fail alike, with the same ConvergenceError
    const fit = (rows: readonly RfmRowLike[]) => {
      try {
        const m = fitBgNbd(rows);
        return { params: m.params, logLikelihood: m.logLikelihood, standardErrors: m.standardErrors };
      } catch (error) {
        return { error: String(error) };
      }
    };
    expect(fit(weighted)).toEqual(fit(repeated));
    // a small sample may leave the spend model without a maximum: then both fail alike
    const outcome = (rows: readonly RfmRowLike[]) => {
      try {
        const m = fitGammaGamma(rows, { maxCorrelation: 1 });
        return { params: m.params, customers: m.customers };
      } catch (error) {
        return { error: String(error) };
      }
    };
    const sa = outcome(weighted);
    expect(sa).toEqual(outcome(repeated));
    if ("customers" in sa) expect(sa.customers).toBe(repeatBuyers);
  }, timeLimit(60_000));

  it("columns take a count column; Pareto/NBD weights too", () => {
    const rows = summary.slice(0, 800);
    const counts = rows.map((_, i) => 1 + (i % 3));
    const columns = {
      frequency: rows.map((r) => r.frequency),
      recency: rows.map((r) => r.recency),
      T: rows.map((r) => r.T),
      count: counts,
    };
    const repeated = rows.flatMap((r, i) => Array.from({ length: counts[i]! }, () => r));
    expect(fitBgNbd(columns).params).toEqual(fitBgNbd(repeated).params);
    expect(fitParetoNbd(rows.map((r, i) => ({ ...r, count: counts[i] }))).params).toEqual(fitParetoNbd(repeated).params);
    expect(bgNbdLogLikelihood({ r: 0.2, alpha: 4, a: 0.8, b: 2.4 }, columns)).toBe(bgNbdLogLikelihood({ r: 0.2, alpha: 4, a: 0.8, b: 2.4 }, repeated));
  });

  it("refuses counts that are negative, fractional or not numbers, naming the row", () => {
    for (const count of [-1, 1.5, NaN, "2", Infinity, null]) {
      const rows = [{ frequency: 1, recency: 2, T: 5 }, { frequency: 2, recency: 3, T: 5, count }];
      const error = expectInvalidInput(() => fitBgNbd(rows as never), "count", 1);
      expect(error.message).toContain("non-negative integer");
      expectInvalidInput(() => fitGammaGamma([{ frequency: 2, recency: 3, T: 5, monetaryValue: 4, count }] as never), "count", 0);
    }
    expectInvalidInput(() => fitBgNbd({ frequency: [1, 2], recency: [1, 2], T: [3, 3], count: [1] }), "count");
    // every count 0: nothing to fit
    expectInvalidInput(() => fitBgNbd([{ frequency: 1, recency: 2, T: 5, count: 0 }]), "summary");
    expectInvalidInput(() => fitGammaGamma([{ frequency: 1, recency: 2, T: 5, monetaryValue: 3, count: 0 }]), "summary");
  });
});

describe("initialParams", () => {
  it("are validated finite and positive, in range, before any work", () => {
    for (const value of [0, -1, NaN, Infinity, 1e308, "1", null]) {
      expectInvalidInput(() => fitBgNbd(summary, { initialParams: { r: value as number } }), "initialParams.r");
      expectInvalidInput(() => fitParetoNbd(summary, { initialParams: { beta: value as number } }), "initialParams.beta");
      expectInvalidInput(() => fitGammaGamma(summary, { initialParams: { gamma: value as number } }), "initialParams.gamma");
    }
    expectInvalidInput(() => fitBgNbd(summary, { initialParams: { s: 1 } as never }), "initialParams.s");
    expect(fitBgNbd(summary, { initialParams: { r: 0.3, alpha: 5, a: 1, b: 2 } }).params.r).toBeCloseTo(0.2426, 4);
  });
});

describe("fitByMaximumLikelihood: the direction a runaway parameter took", () => {
  // A likelihood that grows without bound as its one parameter falls to 0: the fit must say "towards 0",
  // also when it starts just above the smallest accepted value (above its start, yet at the low edge).
  const towardsZero = (theta: Float64Array, gradient: Float64Array | null) => {
    if (gradient !== null) gradient[0] = -1 / theta[0]!;
    return -Math.log(theta[0]!);
  };
  it("names the edge it stopped near, not the side of the start", () => {
    for (const initial of [{}, { k: 2 * PARAM_RANGE.shape.min }]) {
      const run = () => fitByMaximumLikelihood("test", { k: "shape" }, towardsZero, { k: PARAM_RANGE.shape.min }, 1, true, { initial, maxIterations: 1, penalizer: 0 });
      expect(run).toThrow(ConvergenceError);
      expect(run).toThrow(/k ran off towards 0,/);
    }
  });
});
