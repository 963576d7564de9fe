import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { colourDomain, heatmapLabels, requireCurrency } from "../../src/render/heatmapScale.ts";
import { fc, test } from "../support/fc.ts";

describe("colourDomain", () => {
  it("spans the data by default, the later offsets with afterFirst, or what is given", () => {
    expect(colourDomain(undefined, [1, 0.4, 0.1], [0.4, 0.1], true)).toEqual({ lo: 0, hi: 1, clampedHigh: false, clampedLow: false });
    expect(colourDomain("afterFirst", [1, 0.4, 0.1], [0.4, 0.1], true)).toEqual({ lo: 0, hi: 0.4, clampedHigh: true, clampedLow: false });
    expect(colourDomain([0.2, 0.5], [1, 0.4, 0.1], [], true)).toEqual({ lo: 0.2, hi: 0.5, clampedHigh: true, clampedLow: true });
    expect(colourDomain("all", [], [], false)).toEqual({ lo: 0, hi: 1, clampedHigh: false, clampedLow: false });
    expect(() => colourDomain([1, 1], [], [], false)).toThrow(InvalidInputError);
    expect(() => colourDomain([0, 1, 2] as never, [], [], false)).toThrow(/domain/);
  });

  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 30 })])("the default never clamps: every value lies in [lo, hi]", (values) => {
    const d = colourDomain(undefined, values, values, false);
    return d.hi > d.lo && values.every((v) => v >= d.lo && v <= d.hi) && !d.clampedHigh && !d.clampedLow;
  });
});

describe("heatmapLabels", () => {
  it("prints money with fixed decimals, in thousands from 10,000, with the currency", () => {
    const small = heatmapLabels({ measure: "revenue", show: "rates", currency: "USD", decimals: undefined, values: [3.5, 74.82] });
    expect([small.cell(3.5), small.cell(74.824), small.tick(20), small.tick(2.5), small.unit, small.money]).toEqual(["3.50", "74.82", "20", "2.5", "USD per customer", "USD"]);
    const big = heatmapLabels({ measure: "mrr", show: "values", currency: "€", decimals: undefined, values: [9500, 12_345] });
    expect([big.cell(12_345), big.cell(9500), big.unit, big.exact(12_345)]).toEqual(["12.3", "9.5", "€ thousands", "12.35 thousands"]);
    const millions = heatmapLabels({ measure: "revenue", show: "values", currency: null, decimals: 0, values: [2.5e7] });
    expect([millions.cell(2.5e7), millions.unit]).toEqual(["25", "millions"]);
    const orders = heatmapLabels({ measure: "orders", show: "rates", currency: null, decimals: undefined, values: [1.25] });
    expect([orders.cell(1.25), orders.unit]).toEqual(["1.25", "orders per customer"]);
    const shares = heatmapLabels({ measure: "customers", show: "rates", currency: "USD", decimals: undefined, values: [1, 0.073] });
    expect([shares.cell(0.073), shares.cell(1), shares.unit]).toEqual(["7.3%", "100%", null]);
    expect(() => heatmapLabels({ measure: "revenue", show: "rates", currency: null, decimals: -1, values: [] })).toThrow(/decimals/);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 6 })])("every money cell has the same number of decimals", (values, decimals) => {
    const l = heatmapLabels({ measure: "revenue", show: "values", currency: "USD", decimals, values });
    return values.every((v) => (l.cell(v).split(".")[1] ?? "").length === decimals);
  });

  it("checks the currency", () => {
    expect(requireCurrency(undefined)).toBeNull();
    expect(requireCurrency(" USD ")).toBe("USD");
    for (const bad of ["", "   ", 3, "a\nb", "x".repeat(13)]) expect(() => requireCurrency(bad)).toThrow(/currency/);
  });
});
