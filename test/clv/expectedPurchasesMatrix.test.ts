import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { makeBgBbModel } from "../../src/clv/bgBb.ts";
import { expectedPurchasesMatrix } from "../../src/clv/expectedPurchasesMatrix.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowBg, cdnowPareto, fitState } from "./helpers.ts";

/** Gauss's 2F1(a, b; c; z) by its series, for 0 <= z < 1. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10_000 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
  }
  return sum;
}

/** BG/NBD E[Y(t) | x, t_x, T] written out again (Fader, Hardie & Lee 2005, eq. 10). */
function bgNbdConditional(t: number, x: number, tx: number, T: number, { r, alpha, a, b }: { r: number; alpha: number; a: number; b: number }): number {
  const z = t / (alpha + T + t);
  const top = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
  const dead = x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0;
  return top / (1 + dead);
}

const bb = makeBgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, fitState); // Fader, Hardie & Shang (2010)

describe("expectedPurchasesMatrix on the CDNOW BG/NBD (Fader, Hardie & Lee 2005)", () => {
  const m = expectedPurchasesMatrix(cdnowBg, { T: 39, t: 39, maxFrequency: 10, recencySteps: 13 });

  it("has the grid of probabilityAliveMatrix and every cell the conditional expectation, recomputed here", () => {
    const alive = probabilityAliveMatrix(cdnowBg, { T: 39, maxFrequency: 10, recencySteps: 13 });
    expect([m.T, m.t]).toEqual([39, 39]);
    expect(m.frequencies).toEqual(alive.frequencies);
    expect(m.recencies).toEqual(alive.recencies);
    m.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (alive.values[i]![j] === null) return expect(v).toBeNull();
        expect(v!).toBeCloseTo(bgNbdConditional(39, i, m.recencies[j]!, 39, cdnowBg.params), 10);
      }),
    );
    // the recomputation gives the paper's figure: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks
    expect(bgNbdConditional(39, 2, 30.43, 38.86, cdnowBg.params)).toBeCloseTo(1.226, 3);
  });

  it("defaults to t = 1 and the 21 x 21 grid", () => {
    const d = expectedPurchasesMatrix(cdnowBg, { T: 20 });
    expect(d.t).toBe(1);
    expect(d.values).toHaveLength(21);
    expect(d.values[3]![20]!).toBeCloseTo(bgNbdConditional(1, 3, 20, 20, cdnowBg.params), 10);
  });
});

describe("expectedPurchasesMatrix: properties", () => {
  const ages = fc.double({ min: 0.5, max: 150, noNaN: true });
  const horizons = fc.double({ min: 0.1, max: 100, noNaN: true });
  test.prop([ages, horizons, fc.constantFrom(cdnowBg, cdnowPareto)], { numRuns: 40 })(
    "cells at least 0, increasing in frequency at recency = T, and in a row proportional to P(alive)",
    (T, t, model) => {
      const m = expectedPurchasesMatrix(model, { T, t, maxFrequency: 8, recencySteps: 4 });
      const alive = probabilityAliveMatrix(model, { T, maxFrequency: 8, recencySteps: 4 });
      for (const row of m.values) for (const v of row) if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
      // (frequency 0 has no recency above 0: from frequency 1 up)
      for (let i = 2; i < m.values.length; i++) expect(m.values[i]![4]!).toBeGreaterThan(m.values[i - 1]![4]!);
      // E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) g(t, x, T): the ratio is one number per row
      for (let i = 1; i < m.values.length; i++) {
        const g = m.values[i]![4]! / alive.values[i]![4]!;
        for (let j = 0; j < 4; j++) if (alive.values[i]![j]! > 1e-200) expect(m.values[i]![j]! / alive.values[i]![j]!).toBeCloseTo(g, 6);
      }
    },
  );

  it("a BG/BB grid over opportunities: the blanks of probabilityAliveMatrix, cells from 0 to t", () => {
    const m = expectedPurchasesMatrix(bb, { T: 6, t: 5 });
    const alive = probabilityAliveMatrix(bb, { T: 6 });
    expect(m.recencies).toEqual([0, 1, 2, 3, 4, 5, 6]);
    m.values.forEach((row, i) =>
      row.forEach((v, j) => {
        expect(v === null).toBe(alive.values[i]![j] === null);
        if (v !== null) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(5);
          expect(v).toBeCloseTo(bb.conditionalExpectedPurchases(5, { frequency: i, recency: j, periods: 6 }), 12);
        }
      }),
    );
  });
});

describe("expectedPurchasesMatrix: bad input", () => {
  it("names the field", () => {
    expectInvalidInput(() => expectedPurchasesMatrix({} as never, { T: 3 }), "model");
    expectInvalidInput(() => expectedPurchasesMatrix({ ...cdnowBg, conditionalExpectedPurchases: 1 } as never, { T: 3 }), "model.conditionalExpectedPurchases");
    expectInvalidInput(() => expectedPurchasesMatrix(cdnowBg, null as never), "options");
    expectInvalidInput(() => expectedPurchasesMatrix(cdnowBg, { T: -1 }), "T");
    for (const t of [-1, Number.NaN, Infinity]) expectInvalidInput(() => expectedPurchasesMatrix(cdnowBg, { T: 3, t }), "t");
    expectInvalidInput(() => expectedPurchasesMatrix(cdnowBg, { T: 3, recencySteps: 0 }), "recencySteps");
    expectInvalidInput(() => expectedPurchasesMatrix(cdnowBg, { T: 3, maxFrequency: 1.5 }), "maxFrequency");
    expect(expectInvalidInput(() => expectedPurchasesMatrix(cdnowBg, { T: 3, maxFrequency: 999, recencySteps: 1000 }), "recencySteps").message).toContain(
      "at most 1,000,000 cells, not a grid of 1,000 frequencies x 1,001 recencies = 1,001,000 cells",
    );
    expectInvalidInput(() => expectedPurchasesMatrix(bb, { T: 6, t: 2.5 }), "t");
    expectInvalidInput(() => expectedPurchasesMatrix(bb, { T: 6.5 }), "T");
    expectInvalidInput(() => expectedPurchasesMatrix(bb, { T: 6, recencySteps: 3 }), "recencySteps");
    expect(expectInvalidInput(() => expectedPurchasesMatrix(bb, { T: 999, maxFrequency: 99, t: 1000 }), "t").message).toContain("50,000,000");
  });
});
