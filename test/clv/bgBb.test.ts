import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitBgBb, makeBgBbModel } from "../../src/clv/bgBb.ts";
import { ConvergenceError, InvalidInputError } from "../../src/errors.ts";
import { donations } from "./donations.ts";
import { fitState, sigFigs } from "./helpers.ts";

const rows = donations();

/** The BG/BB likelihood of one history written out from the paper's eq. (6), with its own ln Beta. */
function likelihood(p: { alpha: number; beta: number; gamma: number; delta: number }, x: number, tx: number, n: number): number {
  const B = (a: number, b: number) => Math.exp(lgamma(a) + lgamma(b) - lgamma(a + b));
  let L = (B(p.alpha + x, p.beta + n - x) / B(p.alpha, p.beta)) * (B(p.gamma, p.delta + n) / B(p.gamma, p.delta));
  for (let i = 0; i <= n - tx - 1; i++) L += (B(p.alpha + x, p.beta + tx - x + i) / B(p.alpha, p.beta)) * (B(p.gamma + 1, p.delta + tx + i) / B(p.gamma, p.delta));
  return L;
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

describe("fitBgBb on the donation data (Fader, Hardie & Shang 2010)", () => {
  const model = fitBgBb(rows);

  it("has 11,104 donors in 22 histories", () => {
    expect([rows.length, rows.reduce((s, r) => s + r.count, 0)]).toEqual([22, 11104]);
  });

  it("reproduces alpha = 1.204, beta = 0.750, gamma = 0.657, delta = 2.783 and LL -33,225.6", () => {
    const p = model.params;
    expect([sigFigs(p.alpha, 3), sigFigs(p.beta, 3), sigFigs(p.gamma, 3), sigFigs(p.delta, 3)]).toEqual([1.2, 0.75, 0.657, 2.78]);
    expect([p.alpha, p.beta, p.gamma, p.delta].map((v) => Number(v.toFixed(3)))).toEqual([1.204, 0.75, 0.657, 2.783]);
    expect(model.logLikelihood).toBeCloseTo(-33225.58, 1);
    let ll = 0;
    for (const r of rows) ll += r.count * Math.log(likelihood(p, r.frequency, r.recency, r.periods));
    expect(model.logLikelihood).toBeCloseTo(ll, 6);
  });

  it("P(alive in 2002) of the paper's table 6: 0.11 (no repeat), 0.59 (2, last in 1999), 0.93 (6 of 6)", () => {
    const alive = [[0, 0], [2, 4], [6, 6]].map(([frequency, recency]) => model.probabilityAlive({ frequency: frequency!, recency: recency!, periods: 6 }).toFixed(2));
    expect(alive).toEqual(["0.11", "0.59", "0.93"]);
  });

  it("Hardie's spreadsheet: 3,454.9 and 1,253.1 donors expected with 0 and 6 repeat donations in 1996-2001, 12,884.2 donations in 2002-2006", () => {
    expect(11104 * model.probabilityOfPurchases(0, 6)).toBeCloseTo(3454.9, 0);
    expect(11104 * model.probabilityOfPurchases(6, 6)).toBeCloseTo(1253.1, 0);
    let total = 0;
    for (const r of rows) total += r.count * model.conditionalExpectedPurchases(5, r);
    expect(total).toBeCloseTo(12884.2, 0);
  });

  it("a count is the same as repeated rows", () => {
    const some = rows.map((r) => ({ ...r, count: Math.max(1, Math.round(r.count / 25)) }));
    const repeated = some.flatMap((r) => Array.from({ length: r.count }, () => ({ frequency: r.frequency, recency: r.recency, periods: r.periods })));
    const a = fitBgBb(some);
    const b = fitBgBb(repeated);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 8);
    expect(b.params.alpha).toBeCloseTo(a.params.alpha, 6);
  });
});

describe("BG/BB predictions", () => {
  const paramsArb = fc.record({
    alpha: fc.double({ min: 0.05, max: 10, noNaN: true }),
    beta: fc.double({ min: 0.05, max: 10, noNaN: true }),
    gamma: fc.double({ min: 0.05, max: 10, noNaN: true }),
    delta: fc.double({ min: 0.05, max: 10, noNaN: true }),
  });
  const historyArb = fc.integer({ min: 0, max: 30 }).chain((periods) =>
    fc.integer({ min: 0, max: periods }).chain((recency) =>
      fc.integer({ min: recency === 0 ? 0 : 1, max: recency }).map((frequency) => ({ frequency, recency, periods }))),
  );

  test.prop([paramsArb, historyArb, fc.integer({ min: 0, max: 40 })], { numRuns: 150 })(
    "probabilities over n sum to 1 and their mean is the expectation, for a new customer and given a history",
    (params, c, t) => {
      const m = makeBgBbModel(params, fitState);
      let s = 0;
      let mean = 0;
      let cs = 0;
      let cmean = 0;
      for (let n = 0; n <= t; n++) {
        const p = m.probabilityOfPurchases(n, t);
        const q = m.conditionalProbabilityOfPurchases(n, t, c);
        s += p;
        mean += n * p;
        cs += q;
        cmean += n * q;
      }
      expect(Math.abs(s - 1)).toBeLessThan(1e-9);
      expect(Math.abs(cs - 1)).toBeLessThan(1e-9);
      expect(mean).toBeCloseTo(m.expectedPurchases(t), 9);
      expect(cmean).toBeCloseTo(m.conditionalExpectedPurchases(t, c), 9);
      expect(m.probabilityOfPurchases(t + 1, t)).toBe(0);
    },
  );

  test.prop([paramsArb, historyArb, fc.integer({ min: 0, max: 40 })], { numRuns: 100 })(
    "P(alive) is in [0, 1]; P(no transaction in the next t) falls with t",
    (params, c, t) => {
      const m = makeBgBbModel(params, fitState);
      const alive = m.probabilityAlive(c);
      expect(alive >= 0 && alive <= 1).toBe(true);
      expect(m.probabilityOfPurchases(0, t + 1)).toBeLessThanOrEqual(m.probabilityOfPurchases(0, t) + 1e-15);
      expect(m.conditionalProbabilityOfPurchases(0, t + 1, c)).toBeLessThanOrEqual(m.conditionalProbabilityOfPurchases(0, t, c) + 1e-15);
    },
  );
});

describe("fitBgBb: bad input", () => {
  const bad = (row: object) => () => fitBgBb([{ frequency: 1, recency: 1, periods: 6 }, row as never]);
  it("names the field and the row of an invalid history or count", () => {
    expect(bad({ frequency: 1, recency: 7, periods: 6 })).toThrow(expect.objectContaining({ field: "recency", value: 7, row: 1 }));
    expect(bad({ frequency: 3, recency: 2, periods: 6 })).toThrow(expect.objectContaining({ field: "frequency", value: 3 }));
    expect(bad({ frequency: 0, recency: 2, periods: 6 })).toThrow(expect.objectContaining({ field: "frequency", value: 0 }));
    expect(bad({ frequency: 1.5, recency: 2, periods: 6 })).toThrow(expect.objectContaining({ field: "frequency", value: 1.5 }));
    expect(bad({ frequency: 1, recency: 2, periods: 6.5 })).toThrow(expect.objectContaining({ field: "periods", value: 6.5 }));
    expect(bad({ frequency: 1, recency: 2, periods: 6, count: -1 })).toThrow(expect.objectContaining({ field: "count", value: -1 }));
    expect(bad({ frequency: 1, recency: 2, periods: 6, count: 2.5 })).toThrow(expect.objectContaining({ field: "count", value: 2.5 }));
    expect(bad({ frequency: 1, recency: 2, periods: 1e9 })).toThrow(/an integer from 0 to 100,000/);
    expect(() => fitBgBb([{ frequency: 0, recency: 0, periods: 6, count: 10 }])).toThrow(/frequency > 0/);
    expect(() => fitBgBb([])).toThrow(InvalidInputError);
    expect(() => fitBgBb(rows, { initialParams: { gamma: Infinity } })).toThrow(expect.objectContaining({ field: "initialParams.gamma" }));
  });

  it("refuses bad arguments of its methods", () => {
    const m = fitBgBb(rows);
    expect(() => m.expectedPurchases(1.5)).toThrow(expect.objectContaining({ field: "t", value: 1.5 }));
    expect(() => m.probabilityOfPurchases(-1, 3)).toThrow(expect.objectContaining({ field: "n", value: -1 }));
    expect(() => m.probabilityAlive({ frequency: 1, recency: 8, periods: 6 })).toThrow(expect.objectContaining({ field: "recency", value: 8 }));
  });

  it("throws a ConvergenceError with its state when the iterations run out", () => {
    let error: unknown;
    try {
      fitBgBb(rows, { maxIterations: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvergenceError);
    expect(Object.keys((error as ConvergenceError).state.params)).toEqual(["alpha", "beta", "gamma", "delta"]);
  });
});
