import { describe, expect, it } from "vitest";
import { fitBgNbd, makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cdnowTransactions } from "./cdnow.ts";
import { makeBgBbModel } from "../../src/clv/bgBb.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("holdoutCheck on CDNOW (the conditional-expectation check of Fader, Hardie & Lee 2005)", () => {
  const summary = rfmSummary(cdnowTransactions(), { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" });
  const model = fitBgNbd(summary);
  const check = holdoutCheck(model, summary);

  it("buckets customers 0..7+ by calibration frequency with actual and predicted holdout means", () => {
    expect(check.rows.map((r) => r.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(check.rows.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(check.rows[0]!.customers).toBe(1411);
    expect(check.actualTotal).toBe(summary.reduce((s, r) => s + r.frequencyHoldout, 0));
    // The paper's pattern: close for x = 0 (0.225 against 0.237) and for the heaviest buyers, short for
    // x = 1 and 2; 1,653 purchase days predicted against 1,882 in all.
    expect(check.actualTotal).toBe(1882);
    expect(check.predictedTotal).toBeCloseTo(1653.4, 0);
    expect(check.rows[0]!.actual).toBeCloseTo(0.237, 3);
    expect(check.rows[0]!.predicted).toBeCloseTo(0.225, 3);
    expect(check.rows[7]!.predicted! / check.rows[7]!.actual!).toBeCloseTo(0.97, 2);
    for (const r of check.rows) expect(Math.abs(r.predicted! / r.actual! - 1)).toBeLessThan(0.26);
    // Means rise with the calibration frequency.
    for (let k = 1; k < check.rows.length; k++) expect(check.rows[k]!.predicted!).toBeGreaterThan(check.rows[k - 1]!.predicted!);
  });

  it("marks empty buckets null and checks its input", () => {
    const small = holdoutCheck(model, [{ frequency: 0, recency: 0, T: 10, frequencyHoldout: 1, durationHoldout: 5 }], { maxFrequency: 2 });
    expect(small.rows.map((r) => [r.label, r.customers, r.actual])).toEqual([["0", 1, 1], ["1", 0, null], ["2+", 0, null]]);
    expect(() => holdoutCheck(model, [{ frequency: 0, recency: 0, T: 10 } as never])).toThrow(/frequencyHoldout/);
    expect(() => holdoutCheck({} as never, [])).toThrow(InvalidInputError);
  });
});

describe("probabilityAliveMatrix", () => {
  const model = makeBgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { logLikelihood: 0, iterations: 0, converged: true });
  const m = probabilityAliveMatrix(model, { T: 39, maxFrequency: 10, recencySteps: 13 });

  it("lays P(alive) over frequency x recency: impossible cells null, later purchases likelier alive", () => {
    expect(m.frequencies).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m.recencies[13]).toBe(39);
    expect(m.values[0]![0]).toBe(1);
    expect(m.values[0]!.slice(1).every((v) => v === null)).toBe(true);
    for (let f = 1; f <= 10; f++) {
      const row = m.values[f]! as number[];
      for (let j = 1; j < row.length; j++) expect(row[j]!).toBeGreaterThan(row[j - 1]!);
      expect(row[j0(row)]).toBe(model.probabilityAlive({ frequency: f, recency: m.recencies[j0(row)]!, T: 39 }));
    }
  });

  it("checks its options", () => {
    expect(() => probabilityAliveMatrix(model, { T: -1 })).toThrow(/T/);
    expect(() => probabilityAliveMatrix(model, { T: 10, recencySteps: 0 })).toThrow(/recencySteps/);
  });
});

function j0(row: number[]): number {
  return Math.floor(row.length / 2);
}

describe("holdoutCheck by hand, and each refusal's text (issue #12, mutation testing)", () => {
  const state = { logLikelihood: 0, iterations: 0, converged: true };
  const bg = makeBgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, state);
  const rows = [
    { frequency: 0, recency: 0, T: 30, frequencyHoldout: 1, durationHoldout: 10 },
    { frequency: 2, recency: 20, T: 30, frequencyHoldout: 0, durationHoldout: 10 },
    { frequency: 3, recency: 25, T: 30, frequencyHoldout: 3, durationHoldout: 20 },
    { frequency: 5, recency: 29, T: 30, frequencyHoldout: 2, durationHoldout: 20 },
  ];
  const e = (i: number) => bg.conditionalExpectedPurchases(rows[i]!.durationHoldout, rows[i]!);

  it("averages the actual and predicted holdout purchases per bucket, the last one open", () => {
    const check = holdoutCheck(bg, rows, { maxFrequency: 3 });
    expect(check.rows.map((r) => [r.frequency, r.label, r.customers, r.actual])).toEqual([[0, "0", 1, 1], [1, "1", 0, null], [2, "2", 1, 0], [3, "3+", 2, 2.5]]);
    expect(check.rows.map((r) => r.predicted)).toEqual([e(0), null, e(1), (e(2) + e(3)) / 2]);
    expect(check.actualTotal).toBe(6);
    expect(check.predictedTotal).toBeCloseTo(e(0) + e(1) + e(2) + e(3), 12);
    expect(holdoutCheck(bg, rows).rows.map((r) => r.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(holdoutCheck(bg, rows, { maxFrequency: 0 }).rows).toEqual([{ frequency: 0, label: "0+", customers: 4, actual: 1.5, predicted: (e(0) + e(1) + e(2) + e(3)) / 4 }]);
  });

  it("checks a BG/BB model on opportunities", () => {
    const bgBb = makeBgBbModel({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 }, state);
    const opp = [{ frequency: 2, recency: 4, periods: 6, frequencyHoldout: 1, durationHoldout: 5 }];
    const check = holdoutCheck(bgBb, opp, { maxFrequency: 2 });
    expect(check.rows[2]!.predicted).toBe(bgBb.conditionalExpectedPurchases(5, opp[0]!));
    expectInvalid(() => holdoutCheck(bgBb, [{ ...opp[0]!, durationHoldout: 2.5 }]), { field: "durationHoldout", value: 2.5, row: 0, message: /an integer from 0 to 100,000 \(holdout opportunities\)/ });
    expectInvalid(() => holdoutCheck(bgBb, [{ ...opp[0]!, durationHoldout: 100_001 }]), { field: "durationHoldout", value: 100_001, row: 0, message: /100,000/ });
    expect(holdoutCheck(bgBb, [{ ...opp[0]!, durationHoldout: 100_000 }]).rows[2]!.customers).toBe(1);
    expectInvalid(() => holdoutCheck({ ...bgBb, expectedPurchases: 1 } as never, opp), { field: "model.expectedPurchases", value: 1, message: /BG\/BB/ });
  });

  it("names the field, the value and the row", () => {
    expectInvalid(() => holdoutCheck(null as never, rows), { field: "model", value: null, message: /BG\/NBD/ });
    expectInvalid(() => holdoutCheck(bg, rows, null as never), { field: "options", value: null, message: /\{ maxFrequency: 7 \}/ });
    expectInvalid(() => holdoutCheck(bg, 3 as never), { field: "summary", value: 3, message: /rows with frequency, recency, T, frequencyHoldout and durationHoldout \(rfmSummary with a calibrationEnd\)/ });
    expectInvalid(() => holdoutCheck(bg, rows, { maxFrequency: 10_001 }), { field: "maxFrequency", value: 10_001, message: /10000|10,000/ });
    expect(holdoutCheck(bg, rows, { maxFrequency: 10_000 }).rows).toHaveLength(10_001);
    expectInvalid(() => holdoutCheck(bg, [rows[0]!, null as never]), { field: "summary", value: null, row: 1, message: /a row with holdout columns/ });
    expectInvalid(() => holdoutCheck(bg, [rows[0]!, { ...rows[1]!, recency: 40 }]), { field: "recency", value: 40, row: 1, message: /from 0 to T \(30\)/ });
    for (const bad of [-1, 1.5, undefined]) {
      expectInvalid(() => holdoutCheck(bg, [rows[0]!, { ...rows[1]!, frequencyHoldout: bad as never }]), { field: "frequencyHoldout", value: bad, row: 1, message: /a non-negative integer \(use rfmSummary with a calibrationEnd\)/ });
    }
    for (const bad of [-1, Infinity, "3", undefined]) {
      expectInvalid(() => holdoutCheck(bg, [{ ...rows[0]!, durationHoldout: bad as never }]), { field: "durationHoldout", value: bad, row: 0, message: /a finite number of at least 0$|a finite number of at least 0\.$/ });
    }
    expect(holdoutCheck(bg, [{ ...rows[0]!, durationHoldout: 2.5, frequencyHoldout: 0 }]).rows[0]!.customers).toBe(1);
  });
});
