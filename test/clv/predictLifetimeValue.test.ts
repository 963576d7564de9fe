import { describe, expect, it } from "vitest";
import { makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { makeGammaGammaModel } from "../../src/clv/gammaGamma.ts";
import { makeParetoNbdModel } from "../../src/clv/paretoNbd.ts";
import { predictLifetimeValue } from "../../src/clv/predictLifetimeValue.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cdnowBg, cdnowPareto, cdnowSpend, fitState } from "./helpers.ts";

const state = fitState;
const bg = cdnowBg;
const pareto = cdnowPareto;
const spend = cdnowSpend;
const summary = [
  { customerId: "x2", frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
  { customerId: "x0", frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
  { customerId: "x7", frequency: 7, recency: 20, T: 35, monetaryValue: "41.20" },
  { frequency: 1, recency: 1.71, T: 38.86, monetaryValue: 11.77 },
];

describe("predictLifetimeValue", () => {
  it("without discounting is margin x E[M] x E[Y(horizon)], whatever the period length", () => {
    for (const periodLength of [1, 4.3, 52]) {
      const result = predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 52, discountRate: 0, margin: 0.25, periodLength });
      result.customers.forEach((c, i) => {
        const row = summary[i]!;
        const expected = 0.25 * spend.expectedAverageValue(row).toNumber() * bg.conditionalExpectedPurchases(52, row);
        expect(c.lifetimeValue.toNumber()).toBeCloseTo(expected, 8);
        expect(c.expectedPurchases).toBeCloseTo(bg.conditionalExpectedPurchases(52, row), 12);
      });
    }
  });

  it("discounts each period's expected purchases at its end", () => {
    const row = summary[0]!;
    const result = predictLifetimeValue({ purchases: pareto, spend }, [row], { horizon: 10, discountRate: 0.05, periodLength: 4 });
    // periods end at 4, 8 and 10 (the last one cut short)
    const c = (t: number) => pareto.conditionalExpectedPurchases(t, row);
    const expected = spend.expectedAverageValue(row).toNumber() * (c(4) / 1.05 + (c(8) - c(4)) / 1.05 ** 2 + (c(10) - c(8)) / 1.05 ** 3);
    expect(result.customers[0]!.lifetimeValue.toNumber()).toBeCloseTo(expected, 10);
    expect(result.total.toNumber()).toBeCloseTo(expected, 10);
  });

  it("keeps the ids, totals the customers and values more for higher discount less", () => {
    const low = predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 52, discountRate: 0.001 });
    const high = predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 52, discountRate: 0.01 });
    expect(low.customers.map((c) => c.customerId)).toEqual(["x2", "x0", "x7", null]);
    expect(low.total.toNumber()).toBeCloseTo(low.customers.reduce((s, c) => s + c.lifetimeValue.toNumber(), 0), 8);
    expect(high.total.lessThan(low.total)).toBe(true);
    expect(low.customers[1]!.expectedAverageValue.toNumber()).toBeCloseTo((15.44 * 6.25) / 2.74, 10);
    expect(predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 0, discountRate: 0.01 }).total.toNumber()).toBe(0);
  });

  it("accepts columns", () => {
    const columns = {
      frequency: summary.map((r) => r.frequency), recency: summary.map((r) => r.recency), T: summary.map((r) => r.T),
      monetaryValue: summary.map((r) => Number(r.monetaryValue)),
    };
    const a = predictLifetimeValue({ purchases: bg, spend }, columns, { horizon: 26, discountRate: 0.01 });
    const b = predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 26, discountRate: 0.01 });
    expect(a.total.toNumber()).toBeCloseTo(b.total.toNumber(), 10);
  });

  it("refuses invalid models, options and rows", () => {
    expect(() => predictLifetimeValue({ purchases: bg, spend: bg as never }, summary, { horizon: 1, discountRate: 0 })).toThrow(InvalidInputError);
    expect(() => predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: -1, discountRate: 0 })).toThrow(/horizon/);
    expect(() => predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 1, discountRate: 0, margin: 2 })).toThrow(/margin/);
    expect(() => predictLifetimeValue({ purchases: bg, spend }, [{ frequency: 2, recency: 1, T: 3 }], { horizon: 1, discountRate: 0 })).toThrow(/monetaryValue/);
  });
});
