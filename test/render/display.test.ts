import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { display, JUPYTER_DISPLAY } from "../../src/render/display.ts";
import { formatTable } from "../../src/render/formatTable.ts";
import type { KindName, Tabular } from "../../src/render/classify.ts";
import { small } from "./fixtures.ts";
import { everyKind, gammaGammaModel } from "./kinds.ts";
import { allElements, byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const to = "2024-05-01T00:00:00Z";

describe("display", () => {
  it("gives Deno's Jupyter kernel an HTML table with the heatmap, the SVG and the text", () => {
    const m = cohortMatrix(small, { to });
    const shown = display(m);
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
    const bundle = (shown as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!();
    expect(Object.keys(bundle)).toEqual(["text/html", "image/svg+xml", "text/plain"]);
    expect(bundle["text/plain"]).toBe(formatTable(m));
    expect(String(shown)).toBe(formatTable(m));
    expect(byClass(parseXml(bundle["image/svg+xml"]!), "cell")).toHaveLength(16);
    // The HTML is well-formed too, and holds the picture and the table.
    const html = parseXml(bundle["text/html"]!);
    expect(allElements(html).filter((e) => e.name === "svg")).toHaveLength(1);
    const cells = allElements(html).filter((e) => e.name === "td");
    expect(cells).toHaveLength(5 * 6); // 4 cohorts and the average, 2 + 4 columns
    expect(cells.filter((c) => c.attributes.style!.includes("repeating-linear-gradient"))).toHaveLength(6);
    expect([shown.html, shown.svg, shown.text]).toEqual([bundle["text/html"], bundle["image/svg+xml"], bundle["text/plain"]]);
  });

  it("shows a survival curve and a period summary with a chart", () => {
    const s = display(survivalCurve(small, { to, groupBy: "cohort" }));
    expect(byClass(parseXml(s.svg), "curve")).toHaveLength(2);
    expect(allElements(parseXml(s.html)).filter((e) => e.name === "table")).toHaveLength(3);
    const p = display(periodSummary(small, { to }));
    const svg = parseXml(p.svg);
    expect(byClass(svg, "curve").length).toBeGreaterThanOrEqual(3);
    expect(allElements(svg).some((e) => e.name === "text" && e.text === "2024-02")).toBe(true);
    expect(p.text).toContain("Monthly period summary");
  });

  it("shows every kind of result: a picture that parses, HTML with the tables, the text of formatTable", () => {
    const pictures: Record<Exclude<KindName, "emptyRows">, [string, string]> = {
      periodSummary: ["curve", "Retention and churn per period"],
      lifecycle: ["bar", "Monthly lifecycle of active customers"],
      mrrMovements: ["bar", "Monthly MRR movements"],
      rfmSummary: ["bar", "Customers by repeat purchases"],
      cohortMatrix: ["cell", "Retention by monthly cohort"],
      survivalCurve: ["curve", "Survival of customers"],
      activeUsers: ["curve", "Daily, weekly and monthly active users"],
      lness: ["bar", "L7: users by active days"],
      interPurchaseTimes: ["bar", "Time between purchases (days)"],
      rfmScores: ["bar", "Customers by RFM segment"],
      revenueConcentration: ["curve", "Revenue concentration"],
      holdoutCheck: ["point-actual", "Holdout purchases: predicted vs actual"],
      probabilityAliveMatrix: ["cell", "Probability alive by frequency and recency"],
      periodTransactions: ["expected", "Customers by repeat purchases: actual vs expected"],
      cumulativeTransactions: ["series-predicted", "Cumulative repeat transactions: actual vs predicted"],
      expectedPurchasesMatrix: ["cell", "Expected purchases by frequency and recency"],
      aliveHistory: ["purchase", "Probability alive along the customer's history"],
      model: ["", "Pareto/NBD model fit"],
    };
    for (const [kind, x] of Object.entries(everyKind()) as Array<[Exclude<KindName, "emptyRows">, Tabular]>) {
      const shown = display(x);
      const svg = parseXml(shown.svg);
      const [cls, title] = pictures[kind];
      expect(texts(svg)[0], kind).toBe(title);
      if (cls !== "") expect(byClass(svg, cls).length, kind).toBeGreaterThan(0);
      expect(nonFiniteAttributes(svg), kind).toEqual([]);
      const html = allElements(parseXml(shown.html));
      expect(html.filter((e) => e.name === "table").length, kind).toBe(shown.text.split("\n\n").length);
      expect(html.filter((e) => e.name === "svg").length, kind).toBe(kind === "model" ? 0 : 1); // a model's card repeats its table
      expect(shown.text, kind).toBe(formatTable(x, { maxRows: 40 }));
    }
    expect(display(gammaGammaModel()).text).toContain("Gamma-Gamma model fit");
  });

  it("shows a JSON copy of a result as it shows the result (a notebook reading results back from a file)", () => {
    for (const [kind, x] of Object.entries(everyKind())) {
      const copy = display(JSON.parse(JSON.stringify(x)));
      const shown = display(x);
      expect(copy.text, kind).toBe(shown.text);
      expect(copy.svg, kind).toBe(shown.svg);
    }
  });

  it("draws growth accounting as signed bars: dormant customers below zero", () => {
    const root = parseXml(display(everyKind().lifecycle).svg);
    const bars = byClass(root, "bar");
    const tips = bars.map((b) => b.children[0]!.text);
    expect(tips).toContain("2024-02, dormant: -2");
    expect(tips).toContain("2024-03, resurrecting: 1");
    const zero = allElements(root).find((e) => e.name === "text" && e.text === "0" && e.attributes["text-anchor"] === "end")!;
    const y0 = Number(zero.attributes.y) - 4;
    const dormant = bars.find((b) => b.children[0]!.text === "2024-02, dormant: -2")!;
    expect(Number(dormant.attributes.y)).toBeCloseTo(y0, 0); // hangs from the zero line
    const labels = allElements(root).filter((e) => e.name === "text" && e.attributes["text-anchor"] === "end").map((e) => e.text);
    expect(labels.every((l) => /^-?\d+$/.test(l))).toBe(true); // counts: whole ticks
  });

  it("shortens long tables in a notebook, and checks maxRows", () => {
    const long = display(periodSummary(small, { to, period: "day" }), { maxRows: 10 });
    expect(long.text).toMatch(/110 of 120 rows left out \(rows 6 to 115\); toCsv writes them all\./);
    expect(allElements(parseXml(long.html)).filter((e) => e.name === "tr")).toHaveLength(1 + 10 + 1); // header, rows, "…"
    // a matrix's cohorts: maxRows of them, "…" where the others were, the average of all
    const matrix = display(cohortMatrix(small, { to, period: "day" }), { maxRows: 10 });
    expect(allElements(parseXml(matrix.html)).filter((e) => e.name === "tr")).toHaveLength(1 + 10 + 1 + 1); // header, rows, "…", average
    expect(matrix.text).toMatch(/cohorts 6 to 115 \(110 of 120\)/);
    expect(() => display(cohortMatrix(small), { maxRows: 0 })).toThrow(/maxRows/);
  });

  it("draws and tabulates a part of a large matrix, saying what it left out (one stray event in 1970: 652 x 652 cells)", () => {
    // Drawn whole this was 86 MB of SVG and took seconds (issue #12's fuzzer).
    const stray = [{ customerId: "z", at: 0 }, ...small];
    const m = cohortMatrix(stray, { to });
    expect([m.cohorts.length, m.offsets.length]).toEqual([652, 652]);
    const started = Date.now();
    const shown = display(m);
    const bundle = (shown as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!();
    expect(Date.now() - started).toBeLessThan(1500);
    const note = "Shown in part: cohorts 21 to 632 (612 of 652) and offsets 100 to 651 (552 of 652) left out, 421,104 of 425,104 cells; toCsv writes them all.";
    const svg = parseXml(bundle["image/svg+xml"]!);
    expect(byClass(svg, "cell")).toHaveLength(40 * 100);
    expect(texts(svg).some((t) => t.endsWith(note))).toBe(true);
    expect(bundle["text/plain"]).toContain(note);
    expect(bundle["text/plain"]).not.toMatch(/rows left out/);
    const rows = bundle["text/plain"]!.split("\n");
    expect(rows.filter((r) => r.startsWith("…"))).toHaveLength(1);
    // the average row stands for all five customers, and the columns stop at offset 99
    expect(rows.find((r) => r.startsWith("average"))).toMatch(/^average\s+5\s+100\.0%/);
    expect(rows.find((r) => r.startsWith("cohort"))).toMatch(/\s98\s+99$/);
    expect(shown.html.length).toBeLessThan(3_000_000);
  });

  it("shows results with nothing to draw, and refuses other values", () => {
    expect(parseXml(display(survivalCurve([])).svg).name).toBe("svg");
    expect(parseXml(display(periodSummary([])).svg).name).toBe("svg");
    expect(parseXml(display(cohortMatrix([])).html).name).toBe("div");
    expect(parseXml(display([]).svg).name).toBe("svg");
    expect(() => display(42 as never)).toThrow(InvalidInputError);
  });
});
