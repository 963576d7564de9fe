import { describe, expect, it } from "vitest";
import { fitBgNbd, makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cdnowTransactions } from "./cdnow.ts";

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
