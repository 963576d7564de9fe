import { describe, expect, it } from "vitest";
import { makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { makeGammaGammaModel } from "../../src/clv/gammaGamma.ts";
import { makeParetoNbdModel } from "../../src/clv/paretoNbd.ts";
import { predictLifetimeValue } from "../../src/clv/predictLifetimeValue.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cdnowBg, cdnowPareto, cdnowSpend, fitState } from "./helpers.ts";
import { expectInvalid } from "../metrics/helpers.ts";

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

describe("predictLifetimeValue: period lengths, totals and refusals (issue #12, mutation testing)", () => {
  const models = { purchases: bg, spend };

  it("discounts periods of length 4.3 at 1 + d per period, the last one cut at the horizon", () => {
    const row = summary[2]!;
    const result = predictLifetimeValue(models, [row], { horizon: 10, discountRate: 0.1, margin: 0.5, periodLength: 4.3 });
    const c = (t: number) => bg.conditionalExpectedPurchases(t, row);
    // periods end at 4.3, 8.6 and 10 (ceil(10 / 4.3) = 3 periods)
    const expected = 0.5 * spend.expectedAverageValue(row).toNumber() * (c(4.3) / 1.1 + (c(8.6) - c(4.3)) / 1.1 ** 2 + (c(10) - c(8.6)) / 1.1 ** 3);
    expect(result.customers[0]!.lifetimeValue.toNumber()).toBeCloseTo(expected, 9);
    expect(result.customers[0]!.expectedPurchases).toBe(c(10));
    expect(result.customers[0]!.expectedAverageValue.toNumber()).toBeCloseTo(spend.expectedAverageValue(row).toNumber(), 12);
  });

  it("totals the expected purchases over the customers, each over the whole horizon", () => {
    const result = predictLifetimeValue(models, summary, { horizon: 26, discountRate: 0.01, periodLength: 2 });
    const each = summary.map((row) => bg.conditionalExpectedPurchases(26, row));
    result.customers.forEach((c, i) => expect(c.expectedPurchases).toBeCloseTo(each[i]!, 12));
    expect(result.expectedPurchases).toBeCloseTo(each.reduce((a, b) => a + b, 0), 12);
    expect(result.expectedPurchases).toBeGreaterThan(0);
  });

  it("uses a margin of 1 by default", () => {
    const whole = predictLifetimeValue(models, summary, { horizon: 26, discountRate: 0.01 });
    const half = predictLifetimeValue(models, summary, { horizon: 26, discountRate: 0.01, margin: 0.5 });
    expect(whole.total.toNumber()).toBeGreaterThan(0);
    expect(half.total.toNumber()).toBeCloseTo(whole.total.toNumber() / 2, 8);
  });

  it("takes a frequency-0 customer without a monetary value", () => {
    const result = predictLifetimeValue(models, [{ frequency: 0, recency: 0, T: 20 }], { horizon: 10, discountRate: 0 });
    expect(result.customers[0]!.lifetimeValue.toNumber()).toBeGreaterThan(0);
  });

  it("names the field, the value and what was expected", () => {
    const o = { horizon: 52, discountRate: 0 };
    expectInvalid(() => predictLifetimeValue(null as never, summary, o), { field: "models", value: null, message: /\{ purchases: a fitted BG\/NBD, MBG\/NBD or Pareto\/NBD model, spend: a fitted Gamma-Gamma model \}/ });
    expectInvalid(() => predictLifetimeValue(7 as never, summary, o), { field: "models", value: 7, message: /spend: a fitted Gamma-Gamma model/ });
    const notSpend = { ...spend, model: "BG/NBD" } as never;
    const wrong = { purchases: bg, spend: notSpend };
    expectInvalid(() => predictLifetimeValue(wrong, summary, o), { field: "models", value: wrong, message: /Gamma-Gamma/ });
    const purchases = {} as never;
    expectInvalid(() => predictLifetimeValue({ purchases, spend }, summary, o), { field: "models.purchases", value: purchases, message: /a fitted BG\/NBD, MBG\/NBD or Pareto\/NBD model/ });
    const nanSpend = { ...spend, params: { ...spend.params, gamma: Number.NaN } };
    expectInvalid(() => predictLifetimeValue({ purchases: bg, spend: nanSpend }, summary, o), { field: "models.spend.params.gamma", value: Number.NaN, message: /accepted range of a scale parameter/ });
    expectInvalid(() => predictLifetimeValue(models, summary, null as never), { field: "options", value: null, message: /horizon, discountRate, margin\?, periodLength\?/ });
    expectInvalid(() => predictLifetimeValue(models, summary, { horizon: -1, discountRate: 0 }), { field: "horizon", value: -1, message: /at least 0/ });
    expectInvalid(() => predictLifetimeValue(models, summary, { horizon: 1, discountRate: -0.5 }), { field: "discountRate", value: -0.5, message: /at least 0/ });
    expectInvalid(() => predictLifetimeValue(models, summary, { horizon: 1, discountRate: 0, margin: 2 }), { field: "margin", value: 2, message: /./ });
    expectInvalid(() => predictLifetimeValue(models, summary, { horizon: 1, discountRate: 0, periodLength: 0 }), { field: "periodLength", value: 0, message: /greater than 0/ });
    expectInvalid(() => predictLifetimeValue(models, summary, { horizon: 52, discountRate: 0, periodLength: 0.00001 }), {
      field: "periodLength",
      value: 0.00001,
      message: /expected a length giving at most 1,000,000 periods over the horizon \(52\)\.$/,
    });
    const noSpend = { purchases: bg } as never;
    expectInvalid(() => predictLifetimeValue(noSpend, summary, o), { field: "models", value: noSpend, message: /spend: a fitted Gamma-Gamma model/ });
    // exactly 1,000,000 periods are accepted (no rows: only the discount factors are made)
    expect(predictLifetimeValue(models, [], { horizon: 1_000_000, discountRate: 0.01 }).customers).toEqual([]);
    expectInvalid(() => predictLifetimeValue(models, [], { horizon: 1_000_001, discountRate: 0.01 }), { field: "periodLength", value: 1, message: /\(1000001\)/ });
    expectInvalid(() => predictLifetimeValue(models, [summary[0]!, 3 as never], o), { field: "summary", value: 3, row: 1, message: /a \{ frequency, recency, T, monetaryValue \} row/ });
    expectInvalid(() => predictLifetimeValue(models, [summary[0]!, null as never], o), { field: "summary", value: null, row: 1, message: /a \{ frequency, recency, T, monetaryValue \} row/ });
    expectInvalid(() => predictLifetimeValue(models, [summary[1]!, { frequency: 2, recency: 1, T: 3 }], o), {
      field: "monetaryValue",
      value: undefined,
      row: 1,
      message: /the mean repeat-purchase value of a customer with repeat purchases/,
    });
    expectInvalid(() => predictLifetimeValue(models, [{ frequency: 2, recency: 1, T: 3, monetaryValue: null as never }], o), { field: "monetaryValue", value: null, row: 0, message: /mean repeat-purchase value/ });
  });

  it("refuses a value or a total beyond the largest double", () => {
    const o = { horizon: 52, discountRate: 0 };
    const row = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 1.7e308 };
    expectInvalid(() => predictLifetimeValue(models, [summary[0]!, row], o), { field: "monetaryValue", value: 1.7e308, row: 1, message: /an amount whose lifetime value is within the range of a double \(here [\d.]+ purchases of [\d.e+]+ each\)/ });
    const big = { ...row, monetaryValue: 1e308 };
    expect(predictLifetimeValue(models, [big], o).total.toNumber()).toBeGreaterThan(1e308);
    expectInvalid(() => predictLifetimeValue(models, [big, big], o), { field: "summary", value: "2 customers", message: /customers whose lifetime values add up to less than the largest double/ });
  });
});
