/**
 * Issue #12: bounded work, typed errors, no NaN or Infinity out, nothing dropped silently, for the
 * lifetime-value models. Each reproduction of the issue runs under a short timeout: before the fix
 * several of them never returned.
 */
import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitBgNbd, makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { bgNbdLogLikelihood } from "../../src/clv/bgNbdLikelihood.ts";
import { formulaLifetimeValue } from "../../src/clv/formulaLifetimeValue.ts";
import { fitGammaGamma, makeGammaGammaModel } from "../../src/clv/gammaGamma.ts";
import { gammaGammaLogLikelihood } from "../../src/clv/gammaGammaLikelihood.ts";
import { historicLifetimeValue } from "../../src/clv/historicLifetimeValue.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { logHyp2f1Shifted, logParetoIntegral, logParetoIntegralByQuadrature } from "../../src/clv/paretoIntegral.ts";
import { fitParetoNbd, makeParetoNbdModel } from "../../src/clv/paretoNbd.ts";
import { paretoNbdLogLikelihood } from "../../src/clv/paretoNbdLikelihood.ts";
import { predictLifetimeValue } from "../../src/clv/predictLifetimeValue.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { seededRandom } from "../../src/clv/random.ts";
import { rfmScores } from "../../src/clv/rfmScores.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { simulateBgNbd, simulateParetoNbd } from "../../src/clv/simulate.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { cdnowBg, cdnowPareto, cdnowSpend, fitState, historyArb } from "./helpers.ts";
import { timeLimit } from "../support/timeout.ts";

/** Short enough that a hang fails the test, long enough for two busy cores. */
const QUICK = timeLimit(3000);

const state = fitState;
const bg = cdnowBg;
const pareto = cdnowPareto;
const spend = cdnowSpend;
const rows = [
  { customerId: "x2", frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
  { customerId: "x0", frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
];
const summary = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 300, T: 39, seed: 3 });

/** What an InvalidInputError says (field, value, message), or the other error (or "no error"). */
function invalid(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e instanceof InvalidInputError ? { field: e.field, value: e.value, message: e.message } : e;
  }
  return "no error";
}

/** The expected InvalidInputError: field and value exactly, the message matching `message`. */
function refusal(field: string, value: unknown, message: RegExp) {
  return { field, value, message: expect.stringMatching(message) };
}

const SHAPE = /from 1e-8 to 1e8 \(the accepted range of a shape parameter\)/;
const SCALE = /from 1e-8 to 1e15 \(the accepted range of a scale parameter\)/;

describe("unbounded work (issue #12, 1)", () => {
  it("refuses a starting point of 1e308 at once instead of running for ever", () => {
    expect(invalid(() => fitParetoNbd(summary, { initialParams: { r: 1e308 } }))).toEqual(refusal("initialParams.r", 1e308, SHAPE));
    expect(invalid(() => fitBgNbd(summary, { initialParams: { alpha: 1e308 } }))).toEqual(refusal("initialParams.alpha", 1e308, SCALE));
    expect(invalid(() => fitBgNbd(summary, { initialParams: { b: Number.NaN } }))).toEqual(refusal("initialParams.b", Number.NaN, SHAPE));
    expect(invalid(() => fitGammaGamma(rows, { initialParams: { q: 0 } }))).toEqual(refusal("initialParams.q", 0, SHAPE));
    // a misspelt parameter is refused, not ignored
    expect(invalid(() => fitBgNbd(summary, { initialParams: { R: 1 } as never }))).toEqual(refusal("initialParams.R", 1, /one of the model's parameters r, alpha, a, b/));
    expect(invalid(() => fitBgNbd(summary, { maxIterations: 1e9 }))).toEqual(refusal("maxIterations", 1e9, /an integer from 1 to 100000/));
  }, QUICK);

  it("refuses simulator parameters of 1e308 at once", () => {
    const options = { customers: 2, T: 39 };
    expect(invalid(() => simulateParetoNbd({ r: 1e308, alpha: 1, s: 1, beta: 1 }, options))).toEqual(refusal("params.r", 1e308, SHAPE));
    expect(invalid(() => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: Infinity }, options))).toEqual(refusal("params.b", Infinity, SHAPE));
    expect(invalid(() => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, { ...options, spend: { p: 1, q: 1, gamma: 1e308 } }))).toEqual(
      refusal("spend.gamma", 1e308, SCALE),
    );
  }, QUICK);

  it("ends a simulation whose customers would buy without end in a typed error", () => {
    // in range, but a purchase rate of about 1e16 per week: the loop used to run for ever
    expect(invalid(() => simulateParetoNbd({ r: 1e8, alpha: 1e-8, s: 1, beta: 1 }, { customers: 2, T: 39 }))).toEqual(
      refusal("params", "r=100000000, alpha=1e-8, s=1, beta=1", /at most 1,000,000 purchases per customer and 20,000,000 in all; customer 0 drew a purchase rate of/),
    );
  }, QUICK);

  // 20 million draws: about 1 s here, minutes under the mutation run's instrumentation, which leaves it out.
  it.skipIf(process.env.RM_MUTATION === "1")("ends a simulation of too many purchases in all in a typed error", () => {
    // about 400,000 purchases per customer (never leaving): each within the bound, the total not
    expect(invalid(() => simulateBgNbd({ r: 1e4, alpha: 1, a: 1e-8, b: 1e8 }, { customers: 1000, T: 39 }))).toEqual(
      refusal("params", "r=10000, alpha=1, a=1e-8, b=100000000", /and 20,000,000 in all; customer \d+ drew .* and 20,000,000 purchases were drawn in all/),
    );
  }, timeLimit(15_000));

  it("ends a fit from the far edges of the ranges in a ConvergenceError whose state stays in range", () => {
    const start = { r: 1e8, alpha: 1e15, s: 1e8, beta: 1e15 };
    let error: unknown;
    try {
      fitParetoNbd(summary, { initialParams: start, maxIterations: 300 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvergenceError);
    const { iterations, params, logLikelihood } = (error as ConvergenceError).state;
    expect(iterations).toBeLessThanOrEqual(302);
    expect(Number.isFinite(logLikelihood)).toBe(true);
    expect((error as Error).message).toMatch(/Pareto\/NBD fit did not converge after \d+ iterations: r ran off towards infinity/);
    expect(params.r).toBeLessThanOrEqual(1e8);
    expect(params.alpha).toBeLessThanOrEqual(1e15);
  }, timeLimit(10_000));

  it("fits a summary with one T of 1e308, 2^53 + 1 or 8.64e15 + 1 quickly and as if that T were 1e12 (the start came from the mean T)", () => {
    // Beyond T of about 1e12 a customer's likelihood no longer changes (they dropped out long ago), so
    // neither does the fit; the mean T of 1e308 / 300 used to start beta and alpha beyond their ranges,
    // and the fit ran for seconds into a ConvergenceError.
    const fitWith = (T: number) => fitParetoNbd(summary.map((row, i) => (i === 1 ? { ...row, T } : row)));
    const reference = fitWith(1e12);
    for (const T of [1e308, 2 ** 53 + 1, 8.64e15 + 1]) {
      const model = fitWith(T);
      expect(model.iterations).toBeLessThan(60);
      for (const name of ["r", "alpha", "s", "beta"] as const) expect(model.params[name] / reference.params[name]).toBeCloseTo(1, 5);
    }
  }, 2 * QUICK);

  it("ends a fit with one frequency of 8.64e15 + 1 quickly, in a ConvergenceError that says alpha runs off towards 0", () => {
    // the purchase rate start came from sum(T) / sum(x), as far off as that one frequency, and the search took seconds
    const rows = summary.map((row, i) => (i === 0 ? { ...row, frequency: 8.64e15 + 1, recency: 30 } : row));
    expect(() => fitParetoNbd(rows)).toThrow(/^Pareto\/NBD fit did not converge after \d+ iterations: alpha ran off towards 0, so the likelihood has no maximum/);
  }, QUICK);

  it("gives up a series whose terms still rise at its last allowed term at once, as the loop would", () => {
    // the stopping bound z max(1, (n + b) / (n + 1)) is 1 at n = maxTerms = 10 for z = 0.5, b = 12: NaN
    expect(logHyp2f1Shifted(3, 12, 0.5, 10)).toBeNaN();
    // just below it the loop runs, and with enough terms sums to the value with the default bound
    expect(logHyp2f1Shifted(3, 11.9, 0.5, 10)).toBeNaN();
    expect(logHyp2f1Shifted(3, 11.9, 0.5, 200)).toBeCloseTo(logHyp2f1Shifted(3, 11.9, 0.5), 14);
    expect(Number.isFinite(logHyp2f1Shifted(3, 11.9, 0.5))).toBe(true);
  });

  it("sums no more than a bounded number of series terms, and integrates the rest by quadrature", () => {
    // the series at b = 1e9 needs about 1e9 terms: NaN (never a partial sum), and the integral goes to quadrature
    expect(logHyp2f1Shifted(1e9 + 2, 1e9, 0.5)).toBeNaN();
    const viaSeries = logParetoIntegral(0.5, 10.6, 0.6, 11.7, 1e9, 30, 39);
    expect(viaSeries).toBe(logParetoIntegralByQuadrature(0.5, 10.6, 0.6, 11.7, 1e9, 30, 39));
    expect(Number.isFinite(viaSeries)).toBe(true);
    // a frequency near 2^53: ln g falls faster than doubles are spaced, and the tail is taken in closed form
    expect(Number.isFinite(logParetoIntegralByQuadrature(0.5, 10.6, 0.6, 11.7, 2 ** 53 - 1, 30, 39))).toBe(true);
    expect(Number.isFinite(paretoNbdLogLikelihood({ r: 1e8, alpha: 1e-8, s: 1e8, beta: 1e15 }, [{ frequency: 2 ** 53 - 1, recency: 1e300, T: 1e308 }]))).toBe(true);
  }, QUICK);

  it("integrates near the largest double without overflow (it used to spin through a million empty panels)", () => {
    // e = low + y near 1e308: (r + x) e overflowed, the slope became -Infinity and the step 0
    const series = logParetoIntegral(0.55, 10.6, 0.6, 11.7, 2, 1e307, 1e308);
    expect(logParetoIntegralByQuadrature(0.55, 10.6, 0.6, 11.7, 2, 1e307, 1e308)).toBeCloseTo(series, 10);
  }, QUICK);

  it("bounds the rejection samplers: an argument that fails every test ends in a ConvergenceError", () => {
    const random = seededRandom(1);
    expect(() => random.gamma(Number.NaN, 1)).toThrow(ConvergenceError);
    try {
      random.gamma(Number.NaN, 1);
    } catch (e) {
      expect((e as ConvergenceError).state.iterations).toBe(1000);
      expect((e as Error).message).toMatch(/gamma sampler rejected 1000 draws in a row; its arguments \(shape = NaN\)/);
    }
  }, QUICK);
});

describe("untyped errors (issue #12, 2)", () => {
  it("names T when simulateBgNbd is given none", () => {
    expect(invalid(() => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, { customers: 2 } as never))).toEqual(refusal("T", undefined, /a finite number of at least 0/));
    expect(invalid(() => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, { customers: 2, T: [1, -1] }))).toEqual(refusal("T[1]", -1, /at least 0/));
  });

  it("names the missing method of a model given to holdoutCheck or probabilityAliveMatrix", () => {
    const holdout = [{ frequency: 1, recency: 1, T: 2, frequencyHoldout: 0, durationHoldout: 1 }];
    const copy = JSON.parse(JSON.stringify(bg)) as typeof bg;
    expect(invalid(() => holdoutCheck(copy, holdout))).toEqual(refusal("model.expectedPurchases", undefined, /the method of a BG\/NBD model; pass the object the fit returned, or rebuild it from its JSON \(bgNbdModel/));
    const noAlive = { ...pareto, probabilityAlive: undefined } as never;
    expect(invalid(() => probabilityAliveMatrix(noAlive, { T: 3 }))).toEqual(refusal("model.probabilityAlive", undefined, /the method of a Pareto\/NBD model/));
    expect(invalid(() => holdoutCheck({ ...bg, conditionalExpectedPurchases: 1 } as never, holdout))).toEqual(refusal("model.conditionalExpectedPurchases", 1, /method/));
  });

  it("refuses options: null in every function that takes options", () => {
    const calls: Array<[string, () => unknown]> = [
      ["fitBgNbd", () => fitBgNbd(summary, null as never)],
      ["fitParetoNbd", () => fitParetoNbd(summary, null as never)],
      ["fitGammaGamma", () => fitGammaGamma(rows, null as never)],
      ["rfmSummary", () => rfmSummary([], null as never)],
      ["rfmScores", () => rfmScores([], null as never)],
      ["historicLifetimeValue", () => historicLifetimeValue([], null as never)],
      ["formulaLifetimeValue", () => formulaLifetimeValue([], null as never)],
      ["predictLifetimeValue", () => predictLifetimeValue({ purchases: bg, spend }, rows, null as never)],
      ["holdoutCheck", () => holdoutCheck(bg, [], null as never)],
      ["probabilityAliveMatrix", () => probabilityAliveMatrix(bg, null as never)],
      ["simulateBgNbd", () => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, null as never)],
      ["simulateParetoNbd", () => simulateParetoNbd({ r: 1, alpha: 1, s: 1, beta: 1 }, null as never)],
    ];
    for (const [name, call] of calls) expect([name, invalid(call)]).toEqual([name, refusal("options", null, /^Invalid options: null; expected an object/)]);
  });

  it("names the summary that is not iterable", () => {
    for (const bad of [5, null, "rows"]) {
      expect(invalid(() => formulaLifetimeValue(bad as never, { lifespan: 1 }))).toEqual(refusal("summary", bad, /an iterable \(an array, say\) of \{ frequency, recency, T, monetaryValue \} rows/));
      expect(invalid(() => rfmScores(bad as never))).toEqual(refusal("summary", bad, /an iterable \(an array, say\) of \{ frequency, recency, T \} rows/));
    }
  });
});

/** Parameters spread evenly in ln over the accepted range, with its ends themselves. */
const shapeArb = fc.oneof(fc.constantFrom(1e-8, 1e8), fc.double({ min: Math.log(1e-8), max: Math.log(1e8), noNaN: true }).map((u) => Math.min(1e8, Math.max(1e-8, Math.exp(u)))));
const scaleArb = fc.oneof(fc.constantFrom(1e-8, 1e15), fc.double({ min: Math.log(1e-8), max: Math.log(1e15), noNaN: true }).map((u) => Math.min(1e15, Math.max(1e-8, Math.exp(u)))));
/** Histories, with some at extreme T. */
const extremeHistoryArb = fc.oneof(
  historyArb,
  fc.constantFrom({ frequency: 2 ** 53 - 1, recency: 1e300, T: 1.7e308 }, { frequency: 1, recency: 0, T: 1e-300 }, { frequency: 0, recency: 0, T: 1e308 }),
);
const moneyArb = fc.double({ min: Math.log(1e-300), max: Math.log(1e308), noNaN: true }).map(Math.exp);

describe("no NaN or Infinity out (issue #12, 3)", () => {
  it("refuses parameters of 1e308 in the log-likelihoods, naming them", () => {
    expect(invalid(() => bgNbdLogLikelihood({ r: 1e308, alpha: 1, a: 1, b: 1 }, rows))).toEqual(refusal("params.r", 1e308, SHAPE));
    expect(invalid(() => paretoNbdLogLikelihood({ r: 1, alpha: 1, s: 1e308, beta: 1 }, rows))).toEqual(refusal("params.s", 1e308, SHAPE));
    expect(invalid(() => paretoNbdLogLikelihood({ r: 1, alpha: 1, s: 1, beta: 1e308 }, rows))).toEqual(refusal("params.beta", 1e308, SCALE));
    expect(invalid(() => gammaGammaLogLikelihood({ p: 1e308, q: 1, gamma: 1 }, rows))).toEqual(refusal("params.p", 1e308, SHAPE));
    expect(invalid(() => gammaGammaLogLikelihood(null as never, rows))).toEqual(refusal("params", null, /an object with the fields p, q, gamma/));
  });

  test.prop([shapeArb, scaleArb, shapeArb, shapeArb, scaleArb, fc.array(extremeHistoryArb, { minLength: 1, maxLength: 4 })], { numRuns: 300 })(
    "the BG/NBD and Pareto/NBD log-likelihoods are finite for any parameters in range",
    (r, alpha, a, b, beta, histories) => {
      expect(Number.isFinite(bgNbdLogLikelihood({ r, alpha, a, b }, histories))).toBe(true);
      expect(Number.isFinite(paretoNbdLogLikelihood({ r, alpha, s: a, beta }, histories))).toBe(true);
    },
    20_000,
  );

  test.prop([shapeArb, shapeArb, scaleArb, fc.array(fc.record({ frequency: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constant(2 ** 53 - 1)), monetaryValue: moneyArb }), { minLength: 1, maxLength: 4 })], { numRuns: 300 })(
    "the Gamma-Gamma log-likelihood is finite for any parameters in range and any positive finite spend",
    (p, q, gamma, spenders) => {
      const histories = spenders.map((s) => ({ ...s, recency: 0, T: 0 }));
      expect(Number.isFinite(gammaGammaLogLikelihood({ p, q, gamma }, histories))).toBe(true);
    },
    20_000,
  );

  it("computes the Gamma-Gamma log-likelihood right at extremes (reference values from mpmath at 60 digits)", () => {
    const ll = (p: number, q: number, gamma: number, frequency: number, monetaryValue: number) =>
      gammaGammaLogLikelihood({ p, q, gamma }, [{ frequency, recency: 0, T: 0, monetaryValue }]);
    // a mean spend of 1e308: gamma + m x overflowed, and the result was -Infinity
    expect(ll(6, 4, 15, 2, 1e308) / -3529.3162270599223).toBeCloseTo(1, 13);
    // p x = 1e11: ln Gamma(p x + q) - ln Gamma(p x) kept no digit
    expect(ll(1e8, 1e8, 1e15, 1000, 50) / -2371108985539.4265).toBeCloseTo(1, 13);
    expect(ll(1e8, 1e-8, 1e15, 2 ** 53 - 1, 1e-5) / -8.3901983218958473e24).toBeCloseTo(1, 13);
    // and the published CDNOW figure as before
    expect(ll(6.25, 3.74, 15.44, 2, 22.35)).toBeCloseTo(-3.5513167597317047, 13);
  });

  it("computes the BG/NBD and Pareto/NBD log-likelihoods right at the corners of the ranges (mpmath, 50 digits)", () => {
    const h = [{ frequency: 3, recency: 20, T: 39 }];
    expect(bgNbdLogLikelihood({ r: 1e8, alpha: 1e-8, a: 1e-8, b: 1e8 }, h) / -2141641292.3671517).toBeCloseTo(1, 13);
    expect(paretoNbdLogLikelihood({ r: 1e8, alpha: 1e-8, s: 1e-8, beta: 1e15 }, h) / -2141641323.9101958).toBeCloseTo(1, 13);
    expect(bgNbdLogLikelihood({ r: 1e-8, alpha: 1e15, a: 1e8, b: 1e-8 }, h)).toBeCloseTo(-176.60590496498163, 9);
    expect(paretoNbdLogLikelihood({ r: 1e-8, alpha: 1e15, s: 1e8, beta: 1e-8 }, h) / -2141641423.1444984).toBeCloseTo(1, 13);
  });

  it("gives a finite expected average value for a mean spend of 1e308, and names monetaryValue where it would overflow", () => {
    // (gamma + m x) overflowed: Decimal(Infinity)
    const value = spend.expectedAverageValue({ frequency: 2, monetaryValue: 1e308 }).toNumber();
    expect(value / ((15.44 * 6.25) / 15.24 + 1e308 * (12.5 / 15.24))).toBeCloseTo(1, 14);
    expect(Number.isFinite(spend.expectedAverageValue({ frequency: 2 ** 53 - 1, monetaryValue: 1e308 }).toNumber())).toBe(true);
    // q < 1 weights the customer's own mean above 1: 2 x 1.7e308 is beyond any double
    const heavy = makeGammaGammaModel({ p: 1, q: 0.5, gamma: 1 }, state, 1);
    expect(invalid(() => heavy.expectedAverageValue({ frequency: 1, monetaryValue: 1.7e308 }))).toEqual(
      refusal("monetaryValue", 1.7e308, /within the range of a double \(p = 1, q = 0.5, gamma = 1, x = 1\)/),
    );
  });

  it("predicts 0, not NaN, for a Pareto/NBD customer observed for T = 1e308", () => {
    const old = { frequency: 2, recency: 30, T: 1e308 };
    expect(pareto.conditionalExpectedPurchases(1, old)).toBe(0);
    expect(pareto.probabilityAlive(old)).toBe(0);
    expect(bg.conditionalExpectedPurchases(1, old)).toBe(0);
  });

  it("names the horizon t where a prediction would overflow", () => {
    const fast = makeParetoNbdModel({ r: 1e8, alpha: 1e-8, s: 1e-8, beta: 1e-8 }, state);
    expect(invalid(() => fast.expectedPurchases(1e308))).toEqual(refusal("t", 1e308, /within the range of a double/));
  });

  it("refuses a model whose params were edited to NaN instead of predicting NaN", () => {
    const options = { horizon: 10, discountRate: 0 };
    const nanSpend = { ...spend, params: { ...spend.params, gamma: Number.NaN } };
    expect(invalid(() => predictLifetimeValue({ purchases: bg, spend: nanSpend }, rows, options))).toEqual(refusal("models.spend.params.gamma", Number.NaN, SCALE));
    const nanBg = { ...bg, params: { ...bg.params, r: Number.NaN } };
    expect(invalid(() => predictLifetimeValue({ purchases: nanBg, spend }, rows, options))).toEqual(refusal("models.purchases.params.r", Number.NaN, SHAPE));
    expect(invalid(() => holdoutCheck(nanBg, []))).toEqual(refusal("model.params.r", Number.NaN, SHAPE));
    const hugePareto = { ...pareto, params: { ...pareto.params, beta: 1e308 } };
    expect(invalid(() => probabilityAliveMatrix(hugePareto, { T: 3 }))).toEqual(refusal("model.params.beta", 1e308, SCALE));
  });

  it("refuses summary ids of NaN instead of echoing them", () => {
    const nanId = [{ customerId: Number.NaN, frequency: 1, recency: 1, T: 2, monetaryValue: 5 }];
    expect(invalid(() => rfmScores(nanId))).toEqual({ ...refusal("customerId", Number.NaN, /an id \(a non-empty string, a finite number or a bigint\), or none/) });
    expect(invalid(() => predictLifetimeValue({ purchases: bg, spend }, nanId, { horizon: 1, discountRate: 0 }))).toEqual(refusal("customerId", Number.NaN, /row 0/));
    expect(rfmScores([{ frequency: 1, recency: 1, T: 2 }]).rows[0]!.customerId).toBeNull();
    expect(invalid(() => rfmSummary([{ customerId: Number.NaN, at: "2024-01-01" }]))).toEqual(refusal("customerId", Number.NaN, /row 0/));
  });

  it("names a monetary value whose lifetime value overflows", () => {
    const big = [{ frequency: 2, recency: 30, T: 39, monetaryValue: 1e308 }];
    expect(invalid(() => predictLifetimeValue({ purchases: bg, spend }, big, { horizon: 520, discountRate: 0 }))).toEqual(
      refusal("monetaryValue", 1e308, /^Invalid monetaryValue at row 0: 1e\+308; expected an amount whose lifetime value is within the range of a double/),
    );
  });
});
