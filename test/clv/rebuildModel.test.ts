import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitBgBb } from "../../src/clv/bgBb.ts";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { fitModifiedBgNbd } from "../../src/clv/modifiedBgNbd.ts";
import { fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { bgBbModel, bgNbdModel, gammaGammaModel, modifiedBgNbdModel, paretoNbdModel, shiftedBetaGeometricModel } from "../../src/clv/rebuildModel.ts";
import { fitShiftedBetaGeometric } from "../../src/clv/shiftedBetaGeometric.ts";
import { simulateBgNbd, simulateParetoNbd } from "../../src/clv/simulate.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cdnowSummary } from "./cdnow.ts";
import { donations } from "./donations.ts";
import { historyArb } from "./helpers.ts";

const summary = cdnowSummary();
const roundTrip = <T>(model: { toJSON(): unknown }): T => JSON.parse(JSON.stringify(model)) as T;

describe("every model's JSON rebuilds the same model", () => {
  const bg = fitBgNbd(summary);
  const mbg = fitModifiedBgNbd(summary);
  const pareto = fitParetoNbd(summary);
  const spend = fitGammaGamma(summary);
  const bb = fitBgBb(donations());
  const sbg = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
  const rebuilt = {
    bg: bgNbdModel(roundTrip(bg)),
    mbg: modifiedBgNbdModel(roundTrip(mbg)),
    pareto: paretoNbdModel(roundTrip(pareto)),
    spend: gammaGammaModel(roundTrip(spend)),
    bb: bgBbModel(roundTrip(bb)),
    sbg: shiftedBetaGeometricModel(roundTrip(sbg)),
  };

  it("with the same parameters and fit state", () => {
    for (const [a, b] of [[bg, rebuilt.bg], [mbg, rebuilt.mbg], [pareto, rebuilt.pareto], [spend, rebuilt.spend], [bb, rebuilt.bb], [sbg, rebuilt.sbg]] as const) {
      expect(b.toJSON()).toEqual(a.toJSON());
      expect([b.model, b.logLikelihood, b.iterations, b.converged]).toEqual([a.model, a.logLikelihood, a.iterations, a.converged]);
    }
    expect(rebuilt.spend.customers).toBe(spend.customers);
  });

  test.prop([historyArb, fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 12 })], { numRuns: 60 })(
    "purchase models: identical predictions",
    (c, t, n) => {
      for (const [a, b] of [[bg, rebuilt.bg], [mbg, rebuilt.mbg], [pareto, rebuilt.pareto]] as const) {
        expect(b.expectedPurchases(t)).toBe(a.expectedPurchases(t));
        expect(b.conditionalExpectedPurchases(t, c)).toBe(a.conditionalExpectedPurchases(t, c));
        expect(b.probabilityAlive(c)).toBe(a.probabilityAlive(c));
        expect(b.probabilityOfPurchases(n, t)).toBe(a.probabilityOfPurchases(n, t));
        expect(b.conditionalProbabilityOfPurchases(n, t, c)).toBe(a.conditionalProbabilityOfPurchases(n, t, c));
      }
      expect(rebuilt.spend.expectedAverageValue({ frequency: n, monetaryValue: t }).toString()).toBe(spend.expectedAverageValue({ frequency: n, monetaryValue: t }).toString());
    },
  );

  test.prop([fc.integer({ min: 0, max: 20 }).chain((periods) => fc.integer({ min: 0, max: periods }).chain((recency) => fc.integer({ min: recency === 0 ? 0 : 1, max: recency }).map((frequency) => ({ frequency, recency, periods })))), fc.integer({ min: 0, max: 30 })], { numRuns: 60 })(
    "BG/BB and sBG: identical predictions",
    (c, t) => {
      expect(rebuilt.bb.probabilityAlive(c)).toBe(bb.probabilityAlive(c));
      expect(rebuilt.bb.conditionalExpectedPurchases(t, c)).toBe(bb.conditionalExpectedPurchases(t, c));
      expect(rebuilt.bb.probabilityOfPurchases(Math.min(t, 3), t)).toBe(bb.probabilityOfPurchases(Math.min(t, 3), t));
      expect(rebuilt.sbg.survival(t)).toBe(sbg.survival(t));
      expect(rebuilt.sbg.discountedExpectedResidualLifetime(t, 0.1)).toBe(sbg.discountedExpectedResidualLifetime(t, 0.1));
    },
  );

  it("from bare parameters: the published figures, iterations 0", () => {
    const m = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    expect(m.conditionalExpectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3);
    expect([m.iterations, m.logLikelihood]).toEqual([0, 0]);
    // BTYD walkthrough: P(alive) of x = 26, t_x = 30.86, T = 31 at (0.5534, 10.5802, 0.6061, 11.6562) is 0.9979
    expect(paretoNbdModel({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }).probabilityAlive({ frequency: 26, recency: 30.86, T: 31 })).toBeCloseTo(0.9979, 4);
  });
});

describe("rebuild functions: every parameter checked before any work", () => {
  it("refuses non-finite, non-positive or out-of-range parameters, naming them", () => {
    for (const bad of [Number.NaN, Infinity, -1, 0, 1e308]) {
      expect(() => bgNbdModel({ r: bad, alpha: 1, a: 1, b: 1 })).toThrow(expect.objectContaining({ field: "params.r" }));
      expect(() => modifiedBgNbdModel({ r: 1, alpha: 1, a: 1, b: bad })).toThrow(expect.objectContaining({ field: "params.b" }));
      expect(() => paretoNbdModel({ r: 1, alpha: bad, s: 1, beta: 1 })).toThrow(expect.objectContaining({ field: "params.alpha" }));
      expect(() => bgBbModel({ alpha: 1, beta: 1, gamma: bad, delta: 1 })).toThrow(expect.objectContaining({ field: "params.gamma" }));
      expect(() => gammaGammaModel({ p: 1, q: bad, gamma: 1 })).toThrow(expect.objectContaining({ field: "params.q" }));
      expect(() => shiftedBetaGeometricModel({ alpha: bad, beta: 1 })).toThrow(expect.objectContaining({ field: "params.alpha" }));
    }
  });

  it("refuses missing or unknown keys, another model's JSON, and a bad fit state", () => {
    expect(() => bgNbdModel({ r: 1, alpha: 1, a: 1 } as never)).toThrow(expect.objectContaining({ field: "params.b" }));
    expect(() => bgNbdModel({ r: 1, alpha: 1, a: 1, b: 1, s: 1 } as never)).toThrow(expect.objectContaining({ field: "params.s" }));
    const json = bgNbdModel({ r: 1, alpha: 1, a: 1, b: 1 }).toJSON();
    expect(() => modifiedBgNbdModel(json as never)).toThrow(expect.objectContaining({ field: "params.model", value: "BG/NBD" }));
    expect(() => bgNbdModel({ ...json, iterations: -1 })).toThrow(expect.objectContaining({ field: "params.iterations" }));
    expect(() => bgNbdModel({ ...json, logLikelihood: Number.NaN })).toThrow(expect.objectContaining({ field: "params.logLikelihood" }));
    expect(() => bgNbdModel({ ...json, params: { ...json.params, a: -2 } })).toThrow(expect.objectContaining({ field: "params.params.a", value: -2 }));
    expect(() => gammaGammaModel({ ...gammaGammaModel({ p: 1, q: 2, gamma: 3 }).toJSON(), customers: 1.5 })).toThrow(expect.objectContaining({ field: "params.customers" }));
    expect(() => bgNbdModel(null as never)).toThrow(InvalidInputError);
  });

  it("simulators refuse a parameter such as 1e308 at once, with a typed error", () => {
    const start = performance.now();
    expect(() => simulateParetoNbd({ r: 1e308, alpha: 1, s: 1, beta: 1 }, { customers: 10, T: 39 })).toThrow(expect.objectContaining({ field: "params.r", value: 1e308 }));
    expect(() => simulateBgNbd({ r: 1, alpha: 1e308, a: 1, b: 1 }, { customers: 10, T: 39 })).toThrow(expect.objectContaining({ field: "params.alpha" }));
    expect(performance.now() - start).toBeLessThan(100);
  });
});

describe("holdoutCheck and probabilityAliveMatrix take every purchase model", () => {
  const sim = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 500, T: 39, holdout: 39, seed: 11 });
  it("MBG/NBD, fitted or rebuilt", () => {
    const mbg = fitModifiedBgNbd(sim);
    const check = holdoutCheck(mbg, sim);
    expect(check.rows[0]!.predicted).toBeCloseTo(sim.filter((r) => r.frequency === 0).reduce((s, r) => s + mbg.conditionalExpectedPurchases(39, r), 0) / sim.filter((r) => r.frequency === 0).length, 10);
    const matrix = probabilityAliveMatrix(modifiedBgNbdModel(mbg.toJSON()), { T: 39, maxFrequency: 2, recencySteps: 2 });
    expect(matrix.values[0]![0]).toBeLessThan(1); // a one-time buyer may be gone under the MBG/NBD
    expect(matrix.values[0]![0]).toBe(mbg.probabilityAlive({ frequency: 0, recency: 0, T: 39 }));
  });

  it("BG/BB: a grid over opportunities, and holdout rows in opportunities", () => {
    const bb = bgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
    const m = probabilityAliveMatrix(bb, { T: 6 });
    expect([m.frequencies, m.recencies]).toEqual([[0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4, 5, 6]]);
    expect(m.values[2]![4]).toBe(bb.probabilityAlive({ frequency: 2, recency: 4, periods: 6 }));
    expect([m.values[0]![1], m.values[3]![2], m.values[1]![0]]).toEqual([null, null, null]);
    expect(m.values[6]![6]!.toFixed(2)).toBe("0.93");
    expect(() => probabilityAliveMatrix(bb, { T: 6, recencySteps: 3 })).toThrow(expect.objectContaining({ field: "recencySteps", value: 3 }));
    expect(() => probabilityAliveMatrix(bb, { T: 2.5 })).toThrow(expect.objectContaining({ field: "T" }));
    const rows = donations().map((r) => ({ frequency: r.frequency, recency: r.recency, periods: r.periods, frequencyHoldout: Math.min(r.frequency, 2), durationHoldout: 2 }));
    const check = holdoutCheck(bb, rows, { maxFrequency: 6 });
    const sixes = rows.filter((r) => r.frequency === 6);
    expect(check.rows[6]!.predicted).toBeCloseTo(sixes.reduce((s, r) => s + bb.conditionalExpectedPurchases(2, r), 0) / sixes.length, 12);
    expect(() => holdoutCheck(bb, [{ ...rows[0]!, durationHoldout: 1.5 }])).toThrow(expect.objectContaining({ field: "durationHoldout", value: 1.5 }));
    expect(() => holdoutCheck(bb, [{ ...rows[0]!, periods: undefined } as never])).toThrow(expect.objectContaining({ field: "periods" }));
    expect(() => holdoutCheck(JSON.parse(JSON.stringify(bb)), rows)).toThrow(expect.objectContaining({ field: "model.expectedPurchases" }));
  });
});
