import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { makeBgBbModel } from "../../src/clv/bgBb.ts";
import { makeModifiedBgNbdModel } from "../../src/clv/modifiedBgNbd.ts";
import { periodTransactions } from "../../src/clv/periodTransactions.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowSummaryPlain } from "./cdnow.ts";
import { donations } from "./donations.ts";
import { cdnowBg, cdnowPareto, fitState, historyArb } from "./helpers.ts";

/**
 * BG/NBD P(X(t) = x) written out again (Fader, Hardie & Lee 2005, eq. 8) with the gamma and beta
 * ratios as products, no special functions:
 * B(a, b+x)/B(a, b) = prod_{j<x} (b+j)/(a+b+j); Gamma(r+x)/(Gamma(r) x!) = prod_{j<x} (r+j)/(j+1);
 * B(a+1, b+x-1)/B(a, b) = a prod_{j<x-1} (b+j) / prod_{j<x} (a+b+j).
 */
function bgNbdPmf(x: number, t: number, { r, alpha, a, b }: { r: number; alpha: number; a: number; b: number }): number {
  const q = alpha / (alpha + t);
  const s = t / (alpha + t);
  let nb = q ** r; // the NBD term for j = 0, then j = 1, ...
  let below = 0;
  for (let j = 0; j < x; j++) {
    below += nb;
    nb *= ((r + j) / (j + 1)) * s;
  }
  let betaStay = 1;
  for (let j = 0; j < x; j++) betaStay *= (b + j) / (a + b + j);
  if (x === 0) return betaStay * nb;
  let betaGone = a;
  for (let j = 0; j < x - 1; j++) betaGone *= b + j;
  for (let j = 0; j < x; j++) betaGone /= a + b + j;
  return betaStay * nb + betaGone * (1 - below);
}

describe("periodTransactions on CDNOW (Fader, Hardie & Lee 2005, figure 1)", () => {
  const summary = cdnowSummaryPlain();
  const rows = periodTransactions(cdnowBg, summary);

  it("counts the customers of the published summary by repeat purchases, 0 to 6 and 7+", () => {
    expect(rows.map((r) => r.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    const count = (f: (x: number) => boolean) => summary.filter((c) => f(c.frequency)).length;
    expect(rows.map((r) => r.actual)).toEqual([...[0, 1, 2, 3, 4, 5, 6].map((x) => count((f) => f === x)), count((f) => f >= 7)]);
    expect(rows[0]!.actual).toBe(1411); // 60% of the 2,357 made no repeat purchase in the 39 weeks
  });

  it("expects, per bucket, the sum over customers of the BG/NBD P(X(T_i) = x), recomputed here", () => {
    const params = cdnowBg.params;
    for (let x = 0; x < 7; x++) {
      const expected = summary.reduce((s, c) => s + bgNbdPmf(x, c.T, params), 0);
      expect(rows[x]!.expected).toBeCloseTo(expected, 8);
    }
    const tail = summary.reduce((s, c) => s + 1 - [0, 1, 2, 3, 4, 5, 6].reduce((p, x) => p + bgNbdPmf(x, c.T, params), 0), 0);
    expect(rows[7]!.expected).toBeCloseTo(tail, 8);
    // the published fit tracks the histogram (the figure's close match): every bucket within 25 of 2,357 customers
    for (const r of rows) expect(Math.abs(r.expected - r.actual), r.label).toBeLessThan(25);
  });

  it("takes Pareto/NBD, MBG/NBD, columns and counts alike", () => {
    for (const model of [cdnowPareto, makeModifiedBgNbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, fitState)]) {
      const other = periodTransactions(model, summary, { maxFrequency: 3 });
      expect(other.map((r) => r.actual)).toEqual([1411, 439, 214, 2357 - 1411 - 439 - 214]);
      expect(other.reduce((s, r) => s + r.expected, 0)).toBeCloseTo(2357, 9);
    }
    const columns = { frequency: summary.map((c) => c.frequency), recency: summary.map((c) => c.recency), T: summary.map((c) => c.T) };
    expect(periodTransactions(cdnowBg, columns)).toEqual(rows);
    const doubled = summary.map((c) => ({ ...c, count: 2 }));
    const twice = periodTransactions(cdnowBg, doubled);
    twice.forEach((r, i) => {
      expect(r.actual).toBe(2 * rows[i]!.actual);
      expect(r.expected).toBeCloseTo(2 * rows[i]!.expected, 8);
    });
  });

  it("takes a BG/BB model over opportunities: the donors by transactions in their six years", () => {
    const bb = makeBgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, fitState); // Fader, Hardie & Shang (2010)
    const data = donations();
    const out = periodTransactions(bb, data, { maxFrequency: 6 });
    const donors = data.reduce((s, r) => s + r.count, 0);
    expect(donors).toBe(11104);
    expect(out.map((r) => r.actual)).toEqual([0, 1, 2, 3, 4, 5, 6].map((x) => data.filter((r) => r.frequency === x).reduce((s, r) => s + r.count, 0)));
    expect(out.reduce((s, r) => s + r.expected, 0)).toBeCloseTo(donors, 6);
    // every donor had 6 opportunities: expected(x) = donors P(X(6) = x), and no "6+" beyond six
    for (let x = 0; x <= 5; x++) expect(out[x]!.expected).toBeCloseTo(donors * bb.probabilityOfPurchases(x, 6), 6);
    for (const r of out) expect(Math.abs(r.expected - r.actual) / donors, r.label).toBeLessThan(0.01);
    // by default no bucket past the six opportunities (a "7+" would always be empty)
    expect(periodTransactions(bb, data).map((r) => r.label)).toEqual(["0", "1", "2", "3", "4", "5", "6+"]);
    expect(periodTransactions(bb, data)).toEqual(out);
    expect(periodTransactions(bb, data, { maxFrequency: 7 }).map((r) => r.label).at(-1)).toBe("7+");
  });
});

describe("periodTransactions: properties", () => {
  test.prop([fc.array(historyArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(cdnowBg, cdnowPareto)], { numRuns: 60 })(
    "both columns sum to the number of customers (expected to 1e-9 relative); every count is at least 0",
    (histories, maxFrequency, model) => {
      const rows = periodTransactions(model, histories, { maxFrequency });
      expect(rows).toHaveLength(maxFrequency + 1);
      expect(rows.reduce((s, r) => s + r.actual, 0)).toBe(histories.length);
      expect(Math.abs(rows.reduce((s, r) => s + r.expected, 0) - histories.length)).toBeLessThanOrEqual(1e-9 * histories.length);
      for (const r of rows) expect(r.expected).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([fc.array(historyArb, { minLength: 1, maxLength: 20 })], { numRuns: 30 })("a wider last bucket is the sum of the buckets it takes in", (histories) => {
    const fine = periodTransactions(cdnowBg, histories, { maxFrequency: 6 });
    const coarse = periodTransactions(cdnowBg, histories, { maxFrequency: 3 });
    expect(coarse.slice(0, 3)).toEqual(fine.slice(0, 3));
    expect(coarse[3]!.actual).toBe(fine.slice(3).reduce((s, r) => s + r.actual, 0));
    expect(coarse[3]!.expected).toBeCloseTo(fine.slice(3).reduce((s, r) => s + r.expected, 0), 9);
  });
});

describe("periodTransactions: bad input", () => {
  const rows = [{ frequency: 1, recency: 2, T: 5 }];
  it("names the field", () => {
    expectInvalidInput(() => periodTransactions({} as never, rows), "model");
    expectInvalidInput(() => periodTransactions({ ...cdnowBg, probabilityOfPurchases: undefined } as never, rows), "model.probabilityOfPurchases");
    expectInvalidInput(() => periodTransactions(cdnowBg, rows, null as never), "options");
    for (const bad of [-1, 1.5, 1001, Number.NaN]) expectInvalidInput(() => periodTransactions(cdnowBg, rows, { maxFrequency: bad }), "maxFrequency");
    expectInvalidInput(() => periodTransactions(cdnowBg, null as never), "summary");
    expectInvalidInput(() => periodTransactions(cdnowBg, [...rows, { frequency: -1, recency: 0, T: 5 }]), "frequency", 1);
    expectInvalidInput(() => periodTransactions(cdnowBg, [{ frequency: 1, recency: 6, T: 5 }]), "recency", 0);
    expectInvalidInput(() => periodTransactions(cdnowBg, [{ frequency: 1, recency: 2, T: 5, count: -2 }]), "count", 0);
    const bb = makeBgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, fitState);
    expectInvalidInput(() => periodTransactions(bb, rows as never), "periods", 0);
  });
});
