import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { rfmScores } from "../../src/clv/rfmScores.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { historyArb } from "./helpers.ts";

describe("rfmScores", () => {
  it("scores by quantiles, ties alike, and names the R x F segment", () => {
    const rows = [
      { customerId: "a", frequency: 6, recency: 38, T: 39, monetaryValue: 50 },
      { customerId: "b", frequency: 0, recency: 0, T: 39, monetaryValue: 0 },
      { customerId: "c", frequency: 2, recency: 10, T: 39, monetaryValue: 20 },
      { customerId: "d", frequency: 1, recency: 36, T: 37, monetaryValue: 15 },
      { customerId: "e", frequency: 1, recency: 36, T: 37, monetaryValue: 15 },
    ];
    const s = rfmScores(rows, { bins: 5 });
    // Time since the last purchase: 1, 39, 29, 1, 1; its type-7 quintile cuts 31, 12.2, 1, 1. A value equal
    // to a cut falls in the lower score (as pandas' qcut), so the three tied most recent buyers score 3.
    expect(s.rows.map((r) => r.rfm)).toEqual(["355", "111", "244", "322", "322"]);
    expect(s.rows.map((r) => r.segment)).toEqual(["loyalCustomers", "hibernating", "atRisk", "aboutToSleep", "aboutToSleep"]);
    expect(s.segments.aboutToSleep).toBe(2);
    const close = (got: number[] | null, want: number[]) => want.forEach((w, k) => expect(got![k]).toBeCloseTo(w, 12));
    close(s.cuts.frequency, [0.8, 1, 1.4, 2.8]);
    close(s.cuts.monetary, [12, 15, 17, 26]);
    close(s.cuts.recency, [31, 12.2, 1, 1]);
  });

  it("works without monetary values, and with 10 bins", () => {
    const s = rfmScores([{ frequency: 1, recency: 1, T: 2 }, { frequency: 0, recency: 0, T: 2 }], { bins: 10 });
    expect(s.rows.map((r) => [r.monetaryScore, r.rfm])).toEqual([[null, "AA-"], [null, "11-"]]);
    expect(s.cuts.monetary).toBeNull();
  });

  it("refuses bad bins, rows and half-given monetary values", () => {
    expect(() => rfmScores([], { bins: 1 })).toThrow(/bins/);
    expect(() => rfmScores([{ frequency: -1, recency: 0, T: 1 }])).toThrow(InvalidInputError);
    expect(() => rfmScores([{ frequency: 0, recency: 0, T: 1, monetaryValue: 1 }, { frequency: 0, recency: 0, T: 1 }])).toThrow(/every row or on none/);
  });

  test.prop([fc.array(fc.tuple(historyArb, fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 10 })])(
    "scores are in 1..bins and never fall as frequency, value or recentness rise",
    (pairs, bins) => {
      const rows = pairs.map(([h, m]) => ({ ...h, monetaryValue: m }));
      const s = rfmScores(rows, { bins });
      s.rows.forEach((r, i) => {
        for (const v of [r.recencyScore, r.frequencyScore, r.monetaryScore!]) expect(v >= 1 && v <= bins).toBe(true);
        s.rows.forEach((q, j) => {
          if (rows[i]!.frequency > rows[j]!.frequency) expect(r.frequencyScore).toBeGreaterThanOrEqual(q.frequencyScore);
          if (rows[i]!.monetaryValue > rows[j]!.monetaryValue) expect(r.monetaryScore!).toBeGreaterThanOrEqual(q.monetaryScore!);
          if (rows[i]!.T - rows[i]!.recency < rows[j]!.T - rows[j]!.recency) expect(r.recencyScore).toBeGreaterThanOrEqual(q.recencyScore);
        });
      });
      expect(Object.values(s.segments).reduce((a, b) => a + b, 0)).toBe(rows.length);
    },
  );
});
