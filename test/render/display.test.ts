import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { display, JUPYTER_DISPLAY } from "../../src/render/display.ts";
import { formatTable } from "../../src/render/formatTable.ts";
import { small } from "./fixtures.ts";
import { allElements, byClass, parseXml } from "./xml.ts";

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

  it("shows results with nothing to draw, and refuses other values", () => {
    expect(parseXml(display(survivalCurve([])).svg).name).toBe("svg");
    expect(parseXml(display(periodSummary([])).svg).name).toBe("svg");
    expect(parseXml(display(cohortMatrix([])).html).name).toBe("div");
    expect(() => display(42 as never)).toThrow(InvalidInputError);
  });
});
