import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { expectedCumulativeTransactions } from "../../src/clv/expectedCumulativeTransactions.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowTransactions } from "./cdnow.ts";
import { cdnowBg } from "./helpers.ts";

describe("expectedCumulativeTransactions on CDNOW", () => {
  const transactions = cdnowTransactions();
  const calibration = rfmSummary(transactions, { observationEnd: "1997-09-30", timeUnit: "week" });
  const model = fitBgNbd(calibration);

  it("at the calibration end: actual = the summary's repeat purchases, predicted = the sum of E[X(T)]", () => {
    const rows = expectedCumulativeTransactions(model, transactions, { timeUnit: "week", observationEnd: "1997-09-30" });
    expect(rows[0]!.key).toBe("1997-01-01");
    expect(rows.at(-1)!.key).toBe("1997-09-30");
    expect(rows).toHaveLength(273);
    const last = rows.at(-1)!;
    expect(last.actual).toBe(calibration.reduce((s, r) => s + r.frequency, 0));
    expect(last.predicted).toBeCloseTo(calibration.reduce((s, r) => s + model.expectedPurchases(r.T), 0), 6);
  });

  it("over the holdout: actual adds every holdout purchase day; the incremental columns are the differences", () => {
    const split = rfmSummary(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" });
    const rows = expectedCumulativeTransactions(model, transactions, { timeUnit: "week", observationEnd: "1998-06-30" });
    expect(rows.at(-1)!.actual).toBe(split.reduce((s, r) => s + r.frequency + r.frequencyHoldout, 0));
    let a = 0;
    let p = 0;
    for (const r of rows) {
      a += r.actualIncremental;
      p += r.predictedIncremental;
      expect(r.actual).toBe(a);
      expect(r.predicted).toBeCloseTo(p, 8);
      expect(r.predictedIncremental).toBeGreaterThanOrEqual(-1e-9);
    }
    // the model tracks the holdout: within 10% over the 78 weeks (Fader, Hardie & Lee 2005, figure 2 shows the same)
    expect(Math.abs(rows.at(-1)!.predicted / rows.at(-1)!.actual - 1)).toBeLessThan(0.1);
  });

  it("weekly grouping: actual at the end equals rfmSummary's weekly frequencies", () => {
    const weekly = rfmSummary(transactions, { observationEnd: "1997-09-30", groupBy: "week" });
    const rows = expectedCumulativeTransactions(model, transactions, { groupBy: "week", observationEnd: "1997-09-30" });
    expect(rows.at(-1)!.actual).toBe(weekly.reduce((s, r) => s + r.frequency, 0));
    expect(rows.at(-1)!.predicted).toBeCloseTo(weekly.reduce((s, r) => s + model.expectedPurchases(r.T), 0), 6);
  });
});

describe("expectedCumulativeTransactions: properties and bad input", () => {
  const eventsArb = fc.array(fc.record({
    customerId: fc.constantFrom("a", "b", "c", "d"),
    at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 5, 1) }),
  }), { minLength: 1, maxLength: 40 });
  test.prop([eventsArb, fc.constantFrom<"day" | "week" | "month">("day", "week", "month")], { numRuns: 80 })(
    "the last row's actual is the summary's total frequency; predicted is non-decreasing",
    (events, groupBy) => {
      const rows = expectedCumulativeTransactions(cdnowBg, events, { groupBy });
      const summary = rfmSummary(events, { groupBy });
      expect(rows.at(-1)!.actual).toBe(summary.reduce((s, r) => s + r.frequency, 0));
      expect(rows.at(-1)!.predicted).toBeCloseTo(summary.reduce((s, r) => s + cdnowBg.expectedPurchases(r.T), 0), 8);
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.predicted).toBeGreaterThanOrEqual(rows[i - 1]!.predicted - 1e-12);
    },
  );

  it("refuses what it cannot track, naming the field", () => {
    const events = [{ customerId: "a", at: "2024-01-01" }];
    expectInvalidInput(() => expectedCumulativeTransactions({} as never, events), "model");
    expectInvalidInput(() => expectedCumulativeTransactions(cdnowBg, events, { groupBy: "hour" as "day" }), "groupBy");
    expectInvalidInput(() => expectedCumulativeTransactions(cdnowBg, events, { groupBy: "month", timeUnit: "day" }), "timeUnit");
    expectInvalidInput(() => expectedCumulativeTransactions(cdnowBg, events, { observationEnd: "2023-12-31" }), "observationEnd");
    expect(expectInvalidInput(() => expectedCumulativeTransactions(cdnowBg, [...events, { customerId: "a", at: "2090-01-01" }]), "groupBy").message).toContain("2,500");
    expect(expectedCumulativeTransactions(cdnowBg, [])).toEqual([]);
  });
});
