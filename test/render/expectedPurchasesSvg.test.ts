import { describe, expect, it } from "vitest";
import { expectedPurchasesMatrix } from "../../src/clv/expectedPurchasesMatrix.ts";
import { expectedPurchasesSvg } from "../../src/render/expectedPurchasesSvg.ts";
import { cdnowBg } from "../clv/helpers.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const m = expectedPurchasesMatrix(cdnowBg, { T: 39, t: 13, maxFrequency: 10, recencySteps: 13 });

describe("expectedPurchasesSvg", () => {
  it("draws one cell per possible history, printed with two decimals, and a legend from 0 to a round top", () => {
    const root = parseXml(expectedPurchasesSvg(m, { timeUnit: "week" }));
    const cells = byClass(root, "cell");
    expect(cells).toHaveLength(11 * 14 - 13);
    const largest = Math.max(...m.values.flat().filter((v): v is number => v !== null));
    expect(largest).toBeGreaterThan(2.5);
    expect(texts(byClass(root, "legend")[0]!)).toEqual(["Purchases", "0", "1", "2", "3"]);
    expect(cells.at(-1)!.children[0]!.text).toBe(`frequency 10, recency 39 weeks: ${largest.toFixed(3)} expected purchases`);
    const all = texts(root);
    expect(all).toContain(largest.toFixed(2));
    expect(all).toContain("Purchases expected in the next 13 weeks of customers of age T = 39 weeks. Blank: impossible.");
    expect(all).toContain("Recency: weeks from the first purchase to the last");
    expect(nonFiniteAttributes(root)).toEqual([]);
    // the darkest cell is the largest: many purchases, the last one recent
    const fills = cells.map((c) => c.attributes.fill!);
    expect(fills.at(-1)).toBe(fills.reduce((d, f) => (parseInt(f.slice(1), 16) < parseInt(d.slice(1), 16) ? f : d)));
  });

  it("an all-zero grid (t = 0) draws with the lightest colour and a 0 to 1 legend", () => {
    const zero = expectedPurchasesMatrix(cdnowBg, { T: 10, t: 0, maxFrequency: 2, recencySteps: 2 });
    const root = parseXml(expectedPurchasesSvg(zero));
    expect(new Set(byClass(root, "cell").map((c) => c.attributes.fill))).toHaveProperty("size", 1);
    expect(texts(byClass(root, "legend")[0]!).slice(1)).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(nonFiniteAttributes(root)).toEqual([]);
  });

  it("refuses cells and options that would draw nonsense, naming the field", () => {
    expectInvalidInput(() => expectedPurchasesSvg({ ...m, values: [] }), "matrix");
    expectInvalidInput(() => expectedPurchasesSvg({ ...m, values: [[-1]] }), "matrix.values[0][0]");
    expectInvalidInput(() => expectedPurchasesSvg({ ...m, values: [[0, Infinity]] }), "matrix.values[0][1]");
    expectInvalidInput(() => expectedPurchasesSvg({ ...m, values: [3 as never] }), "matrix.values[0]");
    expectInvalidInput(() => expectedPurchasesSvg({ ...m, t: Number.NaN }), "matrix.t");
    expectInvalidInput(() => expectedPurchasesSvg({ ...m, T: Number.NaN }), "matrix.T");
    expectInvalidInput(() => expectedPurchasesSvg(m, { cellSize: 4 }), "cellSize");
    expectInvalidInput(() => expectedPurchasesSvg(m, { timeUnit: "<b>" }), "timeUnit");
    expectInvalidInput(() => expectedPurchasesSvg(m, { title: 1 as never }), "title");
    expect(expectedPurchasesSvg(m, { title: "x < y" })).toContain("<title>x &lt; y</title>");
  });
});
