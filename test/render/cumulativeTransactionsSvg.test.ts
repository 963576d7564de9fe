import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { expectedCumulativeTransactions } from "../../src/clv/expectedCumulativeTransactions.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { cumulativeTransactionsSvg } from "../../src/render/cumulativeTransactionsSvg.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowTransactions } from "../clv/cdnow.ts";
import { byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const transactions = cdnowTransactions();
const model = fitBgNbd(rfmSummary(transactions, { observationEnd: "1997-09-30", timeUnit: "week" }));
const rows = expectedCumulativeTransactions(model, transactions, { groupBy: "week", observationEnd: "1998-06-30" });

describe("cumulativeTransactionsSvg", () => {
  it("draws actual and predicted through every period of CDNOW's 78 weeks, with the calibration end marked", () => {
    const root = parseXml(cumulativeTransactionsSvg(rows, { calibrationPeriod: 39 }));
    for (const name of ["actual", "predicted"]) {
      const line = byClass(root, `series-${name}`);
      expect(line).toHaveLength(1);
      expect(line[0]!.attributes.points!.split(" ")).toHaveLength(rows.length);
    }
    expect(byClass(root, "calibration")).toHaveLength(1);
    expect(texts(root)).toContain("Cumulative repeat transactions: actual vs predicted");
    expect(nonFiniteAttributes(root)).toEqual([]);
    const incremental = parseXml(cumulativeTransactionsSvg(rows, { incremental: true }));
    expect(texts(incremental)).toContain("Repeat transactions per period: actual vs predicted");
    expect(byClass(incremental, "calibration")).toHaveLength(0);
  });

  it("refuses empty or edited rows and bad options, naming the field", () => {
    expectInvalidInput(() => cumulativeTransactionsSvg([]), "rows");
    expectInvalidInput(() => cumulativeTransactionsSvg([{ ...rows[0]!, actual: NaN }]), "rows[0].actual");
    expectInvalidInput(() => cumulativeTransactionsSvg([{ ...rows[0]!, predictedIncremental: Infinity }], { incremental: true }), "rows[0].predictedIncremental");
    expectInvalidInput(() => cumulativeTransactionsSvg(rows, { incremental: "yes" as never }), "incremental");
    expectInvalidInput(() => cumulativeTransactionsSvg(rows, { width: 1e9 }), "width");
    expectInvalidInput(() => cumulativeTransactionsSvg(rows, { calibrationPeriod: NaN }), "calibrationPeriod");
  });
});
