import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { makeModifiedBgNbdModel } from "../../src/clv/modifiedBgNbd.ts";
import type { PurchaseModel } from "../../src/clv/purchaseModel.ts";
import { MAX_PURCHASE_COUNT } from "../../src/clv/purchaseCounts.ts";
import { cdnowBg, cdnowPareto, fitState, historyArb } from "./helpers.ts";

const cdnowMbg = makeModifiedBgNbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, fitState);
const models: Array<[string, PurchaseModel]> = [["BG/NBD", cdnowBg], ["MBG/NBD", cdnowMbg], ["Pareto/NBD", cdnowPareto]];

describe("probabilityOfPurchases against R's BTYD (bgnbd.pmf, the values lifetimes tests against)", () => {
  it("BG/NBD at the CDNOW parameters r = 0.243, alpha = 4.414, a = 0.793, b = 2.426", () => {
    expect(cdnowBg.probabilityOfPurchases(10, 2)).toBeCloseTo(1.07869e-7, 11);
    expect(cdnowBg.probabilityOfPurchases(0, 39)).toBeCloseTo(0.5737864, 7);
    const btyd = [0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171, 0.0002769613, 0.000222226];
    const ours = btyd.map((_, i) => cdnowBg.probabilityOfPurchases(11 + i, 30));
    // BTYD prints 10 decimals: agreement to half a unit of the last.
    ours.forEach((p, i) => expect(Math.abs(p - btyd[i]!)).toBeLessThan(5.1e-11));
  });
});

describe.each(models)("%s purchase-count probabilities", (_, model) => {
  /** The distribution's terms from 0 until the tail is below 1e-12 (and the terms shrink), or 5,000 terms. */
  function distribution(p: (n: number) => number): number[] {
    const out: number[] = [];
    let sum = 0;
    for (let n = 0; n < 5000; n++) {
      const v = p(n);
      out.push(v);
      sum += v;
      if (1 - sum < 1e-12 && v < 1e-13) break;
    }
    return out;
  }

  it("sum to 1 over n (to 1e-9), and their mean is E[X(t)] (new customer) or E[Y(t) | history]", () => {
    for (const t of [1, 13, 39, 78]) {
      const p = distribution((n) => model.probabilityOfPurchases(n, t));
      expect(Math.abs(p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-9);
      expect(p.reduce((s, v, n) => s + n * v, 0) / model.expectedPurchases(t)).toBeCloseTo(1, 8);
      const c = { frequency: 3, recency: 25, T: 38 };
      const q = distribution((n) => model.conditionalProbabilityOfPurchases(n, t, c));
      expect(Math.abs(q.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-9);
      expect(q.reduce((s, v, n) => s + n * v, 0) / model.conditionalExpectedPurchases(t, c)).toBeCloseTo(1, 8);
    }
  });

  test.prop([historyArb, fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })], { numRuns: 60 })(
    "every probability is in [0, 1]; P(X(t) = 0) and P(Y(t) = 0 | history) decrease in t",
    (c, n, t, dt) => {
      const p = model.probabilityOfPurchases(n, t);
      const q = model.conditionalProbabilityOfPurchases(n, t, c);
      expect(p >= 0 && p <= 1 && q >= 0 && q <= 1).toBe(true);
      expect(model.probabilityOfPurchases(0, t + dt)).toBeLessThanOrEqual(model.probabilityOfPurchases(0, t) + 1e-15);
      expect(model.conditionalProbabilityOfPurchases(0, t + dt, c)).toBeLessThanOrEqual(model.conditionalProbabilityOfPurchases(0, t, c) + 1e-15);
    },
  );

  it("at t = 0 all the mass is at 0; no purchase in the next t is at least 1 - P(alive)", () => {
    expect([model.probabilityOfPurchases(0, 0), model.probabilityOfPurchases(3, 0)]).toEqual([1, 0]);
    const c = { frequency: 5, recency: 10, T: 39 };
    expect(model.conditionalProbabilityOfPurchases(0, 52, c)).toBeGreaterThanOrEqual(1 - model.probabilityAlive(c));
  });

  it("refuses a count that is not an integer from 0 to 1,000,000, and a bad horizon or history", () => {
    expect(() => model.probabilityOfPurchases(-1, 1)).toThrow(expect.objectContaining({ field: "n", value: -1 }));
    expect(() => model.probabilityOfPurchases(1.5, 1)).toThrow(expect.objectContaining({ field: "n", value: 1.5 }));
    expect(() => model.probabilityOfPurchases(MAX_PURCHASE_COUNT + 1, 1)).toThrow(/an integer from 0 to 1,000,000/);
    expect(() => model.probabilityOfPurchases(1, Number.NaN)).toThrow(expect.objectContaining({ field: "t" }));
    expect(() => model.conditionalProbabilityOfPurchases(1, 1, { frequency: 1, recency: 5, T: 2 })).toThrow(expect.objectContaining({ field: "recency", value: 5 }));
  });

  it("stays finite and bounded at extreme horizons and counts", () => {
    for (const [n, t] of [[0, 1e12], [1000, 1e6], [MAX_PURCHASE_COUNT, 1], [50, 1e-9]] as const) {
      const p = model.probabilityOfPurchases(n, t);
      expect(p >= 0 && p <= 1).toBe(true);
    }
  });
});
