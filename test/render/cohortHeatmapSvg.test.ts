import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { cohortHeatmapSvg } from "../../src/render/cohortHeatmapSvg.ts";
import { sequential } from "../../src/render/colors.ts";
import { cohortMatrixTable } from "../../src/render/cohortTables.ts";
import { fc, test } from "../support/fc.ts";
import { small, twoYears } from "./fixtures.ts";
import { allElements, byClass, nonFiniteAttributes, parseXml, texts, type XmlElement } from "./xml.ts";

const to = "2024-05-01T00:00:00Z";

/** The texts of the colour legend. */
function legendTexts(root: XmlElement): string[] {
  return texts(byClass(root, "legend")[0]!);
}

/** The printed value of each cohort cell (the text right after its rect), in order. */
function cellLabels(root: XmlElement, cls = "cell"): string[] {
  const out: string[] = [];
  const walk = (e: XmlElement) => {
    e.children.forEach((c, i) => {
      if ((c.attributes.class ?? "").split(" ").includes(cls) && !c.attributes.class!.includes("censored")) {
        const next = e.children[i + 1];
        if (next?.name === "text") out.push(next.text);
      }
      walk(c);
    });
  };
  walk(root);
  return out;
}

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
    expect(legendTexts(root)).toEqual(["0%", "10%", "20%", "30%", "40%", "≥ 50%", "not ended"]);
    const legend = allElements(byClass(root, "legend")[0]!).filter((e) => e.name === "text").map((e) => e.text);
    expect(legend).toContain("≥ 50%");
    expect(allElements(root).some((e) => e.name === "text" && e.text === "33%")).toBe(false); // too narrow to print
    expect(() => cohortHeatmapSvg(m, { domain: [1, 0] })).toThrow(/domain/);
    expect(() => cohortHeatmapSvg(m, { cellWidth: 0 })).toThrow(InvalidInputError);
    expect(() => cohortHeatmapSvg({} as never)).toThrow(/cohortMatrix/);
    expect(byClass(parseXml(cohortHeatmapSvg(cohortMatrix([]))), "cell")).toHaveLength(0);
  });
});

describe("cohortHeatmapSvg and formatTable: bracket columns", () => {
  const m = cohortMatrix(twoYears(), { period: "month", mode: "bracket", brackets: [1, 3, 6, 12], to: "2025-02-01T00:00:00Z" });

  it("label each column with its bracket's range, in the axis, the tips and the table", () => {
    const root = parseXml(cohortHeatmapSvg(m));
    const all = texts(root);
    for (const label of ["0", "1", "2-3", "4-6", "7-12"]) expect(all).toContain(label);
    expect(all).toContain("Months since first activity, in brackets");
    const tips = allElements(root).filter((e) => e.name === "title").map((e) => e.text);
    expect(tips.some((t) => / month 4-6: /.test(t))).toBe(true);
    const table = cohortMatrixTable(m, "rates");
    expect(table.header).toEqual(["cohort", "size", "0", "1", "2-3", "4-6", "7-12"]);
    expect(table.title).toBe("Bracket retention by monthly cohort");
  });

  it("refuses brackets that do not fit the columns (an edited result), naming them", () => {
    const edited = { ...m, brackets: [1, 3, 3, 12] };
    expect(() => cohortHeatmapSvg(edited)).toThrow(InvalidInputError);
    expect(() => cohortHeatmapSvg(edited)).toThrow(/matrix\.brackets\[2\].*positive integer above the bracket before it/);
    expect(() => cohortHeatmapSvg({ ...m, brackets: [1, 3] })).toThrow(/matrix\.brackets.*one per column after the first \(4\)/);
  });
});

describe("cohortHeatmapSvg: the revenue heatmap an analyst asked for", () => {
  // Revenue per customer of 24 months of orders, cohorts of 2023 up to January 2024.
  const orders = twoYears().filter((r) => r.at < Date.UTC(2024, 0, 1));
  const revenue = cohortMatrix(orders, { to: Date.UTC(2024, 0, 1), measure: "revenue" });

  it("names the currency in the title, the subtitle and the legend, with the same decimals in every cell", () => {
    const root = parseXml(cohortHeatmapSvg(revenue, { currency: "USD" }));
    const all = texts(root);
    expect(all[0]).toBe("Revenue per customer by monthly cohort (USD)");
    expect(all[1]).toBe("Revenue per cohort customer in the month, in USD; hatched: the month has not ended yet.");
    expect(legendTexts(root)[0]).toBe("USD per customer");
    const labels = [...cellLabels(root), ...cellLabels(root, "average")];
    expect(labels.length).toBe(12 * 13 / 2 + 12);
    expect(labels.every((l) => /^\d+\.\d\d$/.test(l))).toBe(true);
    expect(cellLabels(root, "average")[0]).toBe(revenue.average[0]!.toFixed(2));
    const fixed1 = cellLabels(parseXml(cohortHeatmapSvg(revenue, { decimals: 1 })));
    expect(fixed1.every((l) => /^\d+\.\d$/.test(l))).toBe(true);
  });

  it("shows large amounts in thousands and says so", () => {
    const root = parseXml(cohortHeatmapSvg(revenue, { currency: "EUR", show: "values" }));
    expect(texts(root)[0]).toBe("Revenue by monthly cohort (EUR)");
    expect(legendTexts(root)[0]).toBe("EUR thousands");
    const row = revenue.cohorts[0]!;
    expect(cellLabels(root)[0]).toBe((row.values[0]!.valueOf() as unknown as number / 1000).toFixed(1));
    expect(cellLabels(root).every((l) => /^\d+\.\d$/.test(l))).toBe(true);
  });

  it("colours the full range of the data by default: the largest cell is the darkest, none is clamped", () => {
    const root = parseXml(cohortHeatmapSvg(revenue));
    const cells = byClass(root, "cell").filter((c) => !c.attributes.class!.includes("censored"));
    const rates = revenue.cohorts.flatMap((c) => c.rates.filter((r): r is number => r !== null));
    const top = rates.indexOf(Math.max(...rates));
    expect(cells[top]!.attributes.fill).toBe(sequential(1));
    expect(cells.filter((c) => c.attributes.fill === sequential(1))).toHaveLength(1);
    expect(legendTexts(root).some((t) => t.startsWith("≥"))).toBe(false);
    // The old default, on request: offset 0 clamped for the contrast of the later offsets.
    const after = parseXml(cohortHeatmapSvg(revenue, { domain: "afterFirst" }));
    expect(legendTexts(after).some((t) => t.startsWith("≥"))).toBe(true);
    const zero = byClass(after, "cell").filter((c, i) => i % 12 === 0 && !c.attributes.class!.includes("censored"));
    expect(zero.every((c) => c.attributes.fill === sequential(1))).toBe(true);
  });

  it("prints the counts behind the rates when asked", () => {
    const m = cohortMatrix(small, { to });
    const root = parseXml(cohortHeatmapSvg(m, { counts: true }));
    const cell = byClass(root, "cell")[1]!; // 2024-01, month 1: 1 of 3
    const g = allElements(root).find((e) => e.children.includes(cell))!;
    const i = g.children.indexOf(cell);
    expect([g.children[i + 1]!.text, g.children[i + 2]!.text]).toEqual(["33%", "1"]);
    expect(Number(cell.attributes.height)).toBe(33);
    const money = parseXml(cohortHeatmapSvg(cohortMatrix(small, { to, measure: "revenue" }), { counts: true }));
    expect(texts(money)).toContain("n=3");
    const details = (r: XmlElement) => allElements(r).filter((e) => e.name === "text" && e.attributes["font-size"] === "9");
    expect(details(root)).toHaveLength(7); // the cells with a rate: 4 of 2024-01, 3 of 2024-02 (the later cohorts are empty)
    expect(details(parseXml(cohortHeatmapSvg(m)))).toHaveLength(0);
  });

  it("refuses options that would draw NaN or an endless picture", () => {
    const m = cohortMatrix(small, { to });
    for (const bad of [{ cellWidth: 1e308 }, { cellWidth: Number.NaN }, { cellHeight: Infinity }, { cellHeight: 2 }, { domain: [Number.NaN, 1] as const }, { domain: "most" as never }, { currency: "" }, { currency: "a very long currency name" }, { decimals: 7 }, { decimals: 1.5 }]) {
      expect(() => cohortHeatmapSvg(m, bad), JSON.stringify(bad)).toThrow(InvalidInputError);
    }
    expect(() => cohortHeatmapSvg(m, { cellWidth: 1e308 })).toThrow(/cellWidth/);
  });

  const sizeArb = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, 0, 4, 400, 401), fc.integer({ min: -10, max: 500 }));
  test.prop([sizeArb, sizeArb, fc.constantFrom("rates", "values"), fc.boolean()], { numRuns: 60 })("any size: an InvalidInputError or a picture without NaN or Infinity", (cellWidth, cellHeight, show, counts) => {
    const m = cohortMatrix(small, { to, measure: "revenue" });
    let svg: string;
    try {
      svg = cohortHeatmapSvg(m, { cellWidth, cellHeight, show: show as "rates", counts });
    } catch (e) {
      return e instanceof InvalidInputError;
    }
    return nonFiniteAttributes(parseXml(svg)).length === 0 && !svg.includes("NaN");
  });
});
