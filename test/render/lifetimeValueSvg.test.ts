import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { simulateBgNbd } from "../../src/clv/simulate.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { holdoutCheckSvg, probabilityAliveSvg } from "../../src/render/lifetimeValueSvg.ts";
import { fc, test } from "../support/fc.ts";
import { allElements, byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, holdout: 39, seed: 7 });
const model = fitBgNbd(summary);

describe("holdoutCheckSvg", () => {
  it("parses as XML with one actual and one predicted point per bucket", () => {
    const check = holdoutCheck(model, summary, { maxFrequency: 7 });
    const root = parseXml(holdoutCheckSvg(check));
    const withValues = check.rows.filter((r) => r.actual !== null).length;
    expect(byClass(root, "point-actual")).toHaveLength(withValues);
    expect(byClass(root, "point-predicted")).toHaveLength(check.rows.filter((r) => r.predicted !== null).length);
    expect(withValues).toBeGreaterThan(3);
    expect(() => holdoutCheckSvg({ rows: [], actualTotal: 0, predictedTotal: 0 })).toThrow(InvalidInputError);
    for (const bad of [{ width: 1e308 }, { width: Number.NaN }, { height: 0 }]) expect(() => holdoutCheckSvg(check, bad)).toThrow(InvalidInputError);
    expect(nonFiniteAttributes(root)).toEqual([]);
  });
});

describe("probabilityAliveSvg", () => {
  it("draws one cell per possible history and leaves impossible ones blank", () => {
    const m = probabilityAliveMatrix(model, { T: 39, maxFrequency: 10, recencySteps: 13 });
    const root = parseXml(probabilityAliveSvg(m));
    const possible = m.values.flat().filter((p) => p !== null).length;
    expect(byClass(root, "cell")).toHaveLength(possible);
    expect(possible).toBe(11 * 14 - 13); // frequency 0 has only recency 0
    expect(() => probabilityAliveSvg({ T: 1, frequencies: [], recencies: [], values: [] })).toThrow(InvalidInputError);
  });

  it("prints each cell as a percentage, with a 0-100% legend and the recency axis in the summary's unit", () => {
    const m = probabilityAliveMatrix(model, { T: 39, maxFrequency: 3, recencySteps: 3 });
    const root = parseXml(probabilityAliveSvg(m, { timeUnit: "week" }));
    const cells = byClass(root, "cell");
    const labels = allElements(root).filter((e) => e.name === "text" && /%$/.test(e.text) && e.attributes["text-anchor"] === "middle").map((e) => e.text);
    expect(labels).toHaveLength(cells.length);
    expect(labels[0]).toBe("100%"); // frequency 0, recency 0: never bought again, alive for sure
    expect(labels[1]).toBe(`${Math.round(100 * m.values[1]![0]!)}%`);
    const all = texts(root);
    expect(all).toContain("Recency: weeks from the first purchase to the last");
    expect(all).toContain("Customers of age T = 39 weeks; rows: repeat purchases, columns: time of the last one. Blank: impossible.");
    expect(texts(byClass(root, "legend")[0]!)).toEqual(["P(alive)", "0%", "20%", "40%", "60%", "80%", "100%"]);
    expect(cells[1]!.children[0]!.text).toMatch(/^frequency 1, recency 0 weeks: P\(alive\) \d+\.\d%$/);
    expect(texts(parseXml(probabilityAliveSvg(m)))).toContain("Recency: time units from the first purchase to the last");
    expect(texts(parseXml(probabilityAliveSvg(m, { timeUnit: "days" })))).toContain("Recency: days from the first purchase to the last");
  });

  it("refuses options and cells that would draw nonsense", () => {
    const m = probabilityAliveMatrix(model, { T: 39, maxFrequency: 3, recencySteps: 3 });
    for (const bad of [{ cellSize: 1e308 }, { cellSize: Number.NaN }, { cellSize: 2 }, { timeUnit: "" }, { timeUnit: "<b>" }]) expect(() => probabilityAliveSvg(m, bad)).toThrow(InvalidInputError);
    expect(() => probabilityAliveSvg({ ...m, values: [[Number.NaN]] })).toThrow(/values\[0\]\[0\]/);
    expect(() => probabilityAliveSvg({ ...m, values: [[1.5]] })).toThrow(InvalidInputError);
  });

  test.prop([fc.array(fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 8, max: 60 })], { numRuns: 40 })(
    "any probabilities: a cell for each, no NaN",
    (values, cellSize) => {
      const width = Math.max(...values.map((r) => r.length));
      const grid = { T: 10, frequencies: values.map((_, i) => i), recencies: Array.from({ length: width }, (_, j) => j), values };
      const root = parseXml(probabilityAliveSvg(grid, { cellSize }));
      return byClass(root, "cell").length === values.flat().filter((p) => p !== null).length && nonFiniteAttributes(root).length === 0;
    },
  );
});
