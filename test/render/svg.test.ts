import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cohortHeatmapSvg } from "../../src/render/cohortHeatmapSvg.ts";
import { retentionCurveSvg } from "../../src/render/retentionCurveSvg.ts";
import { allElements, byClass, parseXml } from "./xml.ts";
import { small, twoYears } from "./fixtures.ts";

const to = "2024-05-01T00:00:00Z";

describe("the XML checker", () => {
  it("refuses what a strict parser refuses", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml("<a x=1/>")).toThrow(/quoted/);
    expect(() => parseXml("<a>R&D</a>")).toThrow(/bare &/);
    expect(() => parseXml("<a/><b/>")).toThrow(/second root/);
    expect(() => parseXml("<a>")).toThrow(/unclosed/);
    expect(parseXml('<a t="&lt;&amp;&#65;">x &gt; y</a>')).toMatchObject({ name: "a", attributes: { t: "<&A" }, text: "x > y" });
  });
});

describe("cohortHeatmapSvg", () => {
  it("parses as XML, with one cell per matrix cell and the censored ones apart", () => {
    const m = cohortMatrix(small, { to });
    const root = parseXml(cohortHeatmapSvg(m));
    expect(root.name).toBe("svg");
    expect(root.attributes.xmlns).toBe("http://www.w3.org/2000/svg");
    const cells = byClass(root, "cell");
    expect(cells).toHaveLength(m.cohorts.length * m.offsets.length);
    const nulls = m.cohorts.flatMap((c) => c.values.filter((v) => v === null)).length;
    expect(byClass(root, "censored").filter((e) => e.attributes.class!.includes("cell"))).toHaveLength(nulls);
    expect(nulls).toBe(6);
    const texts = allElements(root).filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(["Retention by monthly cohort", "Months since first activity", "Cohort (month of first activity)", "33%", "67%", "average", "not ended"]));
    expect(byClass(root, "average")).toHaveLength(4);
    expect(byClass(root, "legend")).toHaveLength(1);
    // Every cell carries a tooltip naming the cohort and the offset.
    expect(cells[1]!.children[0]).toMatchObject({ name: "title", text: "2024-01, month 1: 33.3% (1 of 3)" });
  });

  it("stays readable at 24 cohorts x 24 offsets", () => {
    const m = cohortMatrix(twoYears(), { to: Date.UTC(2025, 0, 1) });
    expect([m.cohorts.length, m.offsets.length]).toEqual([24, 24]);
    const svg = cohortHeatmapSvg(m);
    const root = parseXml(svg);
    expect(byClass(root, "cell")).toHaveLength(576);
    expect(byClass(root, "censored").filter((e) => e.attributes.class!.includes("cell"))).toHaveLength((23 * 24) / 2);
    const width = Number(root.attributes.width);
    const height = Number(root.attributes.height);
    expect(width).toBeLessThan(1500);
    expect(height).toBeLessThan(800);
    // Values are printed in the cells, at 11 px.
    const cellTexts = allElements(root).filter((e) => e.name === "text" && e.attributes["font-size"] === "11" && /%$/.test(e.text));
    expect(cellTexts.length).toBeGreaterThanOrEqual(300 + 24);
  });

  it("draws revenue and custom keys, escaping what it prints", () => {
    const m = cohortMatrix(small, { to, measure: "revenue", cohortOf: (id) => (id === "a" ? "R&D <team>" : "other") });
    const svg = cohortHeatmapSvg(m, { show: "values", title: 'Revenue "by team"' });
    const root = parseXml(svg);
    const texts = allElements(root).filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(["R&D <team>", 'Revenue "by team"', "Cohort"]));
    expect(byClass(root, "cell")).toHaveLength(m.cohorts.length * m.offsets.length);
    expect(byClass(root, "average")).toHaveLength(0); // values have no average row
  });

  it("honours a given domain and refuses bad options", () => {
    const m = cohortMatrix(small, { to });
    const root = parseXml(cohortHeatmapSvg(m, { domain: [0, 0.5], cellWidth: 20 }));
    const legend = allElements(byClass(root, "legend")[0]!).filter((e) => e.name === "text").map((e) => e.text);
    expect(legend).toContain("≥ 50%");
    expect(allElements(root).some((e) => e.name === "text" && e.text === "33%")).toBe(false); // too narrow to print
    expect(() => cohortHeatmapSvg(m, { domain: [1, 0] })).toThrow(/domain/);
    expect(() => cohortHeatmapSvg(m, { cellWidth: 0 })).toThrow(InvalidInputError);
    expect(() => cohortHeatmapSvg({} as never)).toThrow(/cohortMatrix/);
    expect(byClass(parseXml(cohortHeatmapSvg(cohortMatrix([]))), "cell")).toHaveLength(0);
  });
});

describe("retentionCurveSvg", () => {
  it("draws survival groups as steps with bands, and parses as XML", () => {
    const s = survivalCurve(twoYears(), { to: Date.UTC(2025, 0, 1), groupBy: (id) => (Number(id) % 2 === 0 ? "even" : "odd") });
    const root = parseXml(retentionCurveSvg(s));
    expect(byClass(root, "curve")).toHaveLength(2);
    expect(byClass(root, "band")).toHaveLength(2);
    const texts = allElements(root).filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(["Survival of customers", "Months since first activity", "Share still customers", "100%", "0%", "shaded: 95% confidence band"]));
    expect(texts.some((t) => /^even \(\d+\)$/.test(t))).toBe(true);
  });

  it("draws a matrix's average with its Wilson band, and series with gaps", () => {
    const m = cohortMatrix(small, { to, interval: true });
    const root = parseXml(retentionCurveSvg([m, { label: "target", points: [{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 0.5 }, { x: 3, y: 0.4 }] }], { title: "Retention" }));
    expect(byClass(root, "curve")).toHaveLength(3); // the average, and the series in two runs
    expect(byClass(root, "band")).toHaveLength(1);
    const orders = parseXml(retentionCurveSvg(cohortMatrix(small, { to, measure: "orders" })));
    expect(allElements(orders).some((e) => e.name === "text" && e.text === "Value")).toBe(true); // not a share
    expect(() => retentionCurveSvg([])).toThrow(InvalidInputError);
    expect(() => retentionCurveSvg({ label: "x", points: [{ x: 0, y: null }] })).toThrow(/curve/);
    expect(() => retentionCurveSvg([{ nope: 1 }] as never)).toThrow(/series/);
  });
});
