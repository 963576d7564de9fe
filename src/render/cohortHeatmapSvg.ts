/**
 * `cohortHeatmapSvg`: a cohort matrix as a self-contained SVG heatmap.
 *
 * @module
 */
import type { CohortMatrix } from "../cohorts/matrix.ts";
import { InvalidInputError } from "../errors.ts";
import { requireOneOf, requirePositive } from "../validate.ts";
import { sequential, textOn } from "./colors.ts";
import { capitalize, compact, niceCeil, percent, plain, shortPercent, unitNoun } from "./format.ts";
import { isCohortMatrix } from "./kinds.ts";
import { element, escapeXml, num, svgOpen, text, textWidth } from "./markup.ts";
import { type MatrixShow, matrixTitle } from "./tables.ts";

/** Options of {@link cohortHeatmapSvg}. */
export interface CohortHeatmapOptions {
  /** Colour and print the rates (default) or the values (counts, revenue). */
  show?: MatrixShow;
  /** The title; default from the matrix, e.g. "Retention by monthly cohort". */
  title?: string;
  /** A line under the title; default: what a cell means and how censored cells look. */
  subtitle?: string;
  /** Label of the offsets axis; default e.g. "Months since first activity". */
  xLabel?: string;
  /** Label of the cohorts axis; default e.g. "Cohort (month of first activity)". */
  yLabel?: string;
  /** Cell width in pixels; default 46 (values are printed when at least 30). */
  cellWidth?: number;
  /** Cell height in pixels; default 24 (values are printed when at least 14). */
  cellHeight?: number;
  /**
   * The values mapped to the lightest and darkest colour; values beyond are clamped. Default: 0 to
   * the largest value at offsets 1 and later, rounded up (offset 0, 100% for customers, is clamped
   * to the darkest colour so the later offsets keep their contrast).
   */
  domain?: readonly [number, number];
  /** Draw the size-weighted average as a last row; default true. */
  average?: boolean;
}

const FONT_SIZE = 11;
const LABEL_SIZE = 12;
const HATCH_ID = "rm-heatmap-censored";
const GRADIENT_ID = "rm-heatmap-scale";

/**
 * A cohort matrix as a self-contained SVG heatmap: cohorts as rows, offsets as
 * columns, a sequential colour scale with its legend, the value printed in
 * each cell, right-censored cells hatched grey and left empty, a title, axis
 * labels, cohort sizes, and the average row under the cohorts.
 *
 * Colour: t = (x - domain[0]) / (domain[1] - domain[0]) clamped to [0, 1] on
 * ColorBrewer's "Blues"; the text of each cell is dark or white, whichever
 * contrasts more (WCAG luminance). No script, no external font or style sheet,
 * so it renders the same in a browser, a notebook, an image viewer or a
 * rasteriser. Each cohort cell is a `rect` with class `cell` (`cell censored`
 * when censored) and a tooltip.
 *
 * @param matrix - a `cohortMatrix` result
 * @param options - `show` (`"rates"` default, or `"values"`), `title`, `subtitle`, `xLabel`, `yLabel`,
 *   `cellWidth` (46), `cellHeight` (24), `domain`, `average` (true)
 * @returns the SVG document as a string (`<svg xmlns=...>...</svg>`)
 * @throws {@link InvalidInputError} when `matrix` is not a cohort matrix or an option is invalid
 * @see C. A. Brewer, ColorBrewer 2.0 (colorbrewer2.org), the "Blues" sequential scheme; W3C WCAG 2.1
 *   relative luminance and contrast ratio, for the text colour.
 * @example
 * ```ts
 * import { cohortHeatmapSvg, cohortMatrix } from "retention-metrics";
 * const m = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z" },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z" },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z" },
 *   { customerId: "c", at: "2024-02-15T10:00:00Z" },
 * ], { to: "2024-03-10T00:00:00Z" });
 * const svg = cohortHeatmapSvg(m, { title: "Retention" });
 * console.log(svg.startsWith("<svg"), (svg.match(/class="cell/g) ?? []).length); // true 6
 * ```
 */
export function cohortHeatmapSvg(matrix: CohortMatrix, options: CohortHeatmapOptions = {}): string {
  if (!isCohortMatrix(matrix)) throw new InvalidInputError({ field: "matrix", value: matrix, expected: "a cohortMatrix result" });
  const show = requireOneOf(options.show ?? "rates", "show", ["rates", "values"] as const);
  const cellW = requirePositive(options.cellWidth ?? 46, "cellWidth");
  const cellH = requirePositive(options.cellHeight ?? 24, "cellHeight");
  const withAverage = (options.average ?? true) && show === "rates" && matrix.cohorts.length > 0;
  const m = matrix;
  const unit = m.spec.unit;
  const isRate = show === "rates" && m.measure === "customers";

  const cellValue = (r: number, k: number): number | null => {
    const row = m.cohorts[r]!;
    if (show === "rates") return row.rates[k] ?? null;
    const v = row.values[k] ?? null;
    return v === null ? null : typeof v === "number" ? v : v.toNumber();
  };
  const label = (x: number): string => (isRate ? shortPercent(x) : compact(x));
  const [lo, hi, clamped] = domainOf(m, cellValue, options.domain, isRate);
  const colour = (x: number) => sequential((x - lo) / (hi - lo));

  // Layout, left to right: axis label, cohort labels, sizes, cells, legend.
  const labels = m.cohorts.map((c) => (c.cohort.length > 28 ? `${c.cohort.slice(0, 27)}…` : c.cohort));
  const labelW = Math.max(textWidth("average", LABEL_SIZE), ...labels.map((l) => textWidth(l, LABEL_SIZE)));
  const sizeW = Math.max(textWidth("n", LABEL_SIZE), ...m.cohorts.map((c) => textWidth(String(c.size), FONT_SIZE))) + 14;
  const labelRight = 34 + labelW;
  const gridLeft = labelRight + 8 + sizeW;
  const gridTop = 104;
  const rows = m.cohorts.length;
  const cols = m.offsets.length;
  const gridW = cols * cellW;
  const gridH = rows * cellH;
  const averageTop = gridTop + gridH + 8;
  const bottom = (withAverage ? averageTop + cellH : gridTop + gridH) + 28;
  const legendX = gridLeft + gridW + 28;
  const legendH = Math.max(Math.min(gridH, 220), 120);
  const title = options.title ?? matrixTitle(m, show);
  const subtitle = options.subtitle ?? subtitleOf(m, show);
  const width = Math.max(legendX + 110, 40 + textWidth(title, 16) * 1.05, 40 + textWidth(subtitle, LABEL_SIZE));
  const height = Math.max(bottom, gridTop + legendH + 80);
  const xLabel = options.xLabel ?? `${capitalize(unitNoun(unit))} since first activity`;
  const yLabel = options.yLabel ?? (m.cohortBy === "period" ? `Cohort (${unitNoun(unit, 1)} of first activity)` : "Cohort");

  const out: string[] = [svgOpen(width, height, title)];
  out.push(
    "<defs>" +
      `<pattern id="${HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      element("rect", { width: 6, height: 6, fill: "#f3f3f3" }) +
      element("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#d6d6d6", "stroke-width": 2.5 }) +
      "</pattern>" +
      `<linearGradient id="${GRADIENT_ID}" x1="0" y1="1" x2="0" y2="0">` +
      Array.from({ length: 9 }, (_, i) => element("stop", { offset: i / 8, "stop-color": sequential(i / 8) })).join("") +
      "</linearGradient></defs>",
  );
  out.push(text(20, 30, title, { "font-size": 16, "font-weight": 600, fill: "#1a1a1a" }));
  out.push(text(20, 50, subtitle, { "font-size": LABEL_SIZE, fill: "#555555" }));
  out.push(text(gridLeft + gridW / 2, 74, xLabel, { "font-size": LABEL_SIZE, "text-anchor": "middle", fill: "#333333" }));
  out.push(
    text(0, 0, yLabel, {
      "font-size": LABEL_SIZE,
      "text-anchor": "middle",
      fill: "#333333",
      transform: `translate(16 ${num(gridTop + gridH / 2)}) rotate(-90)`,
    }),
  );
  out.push(text(labelRight + 8 + sizeW - 6, gridTop - 8, "n", { "font-size": LABEL_SIZE, "text-anchor": "end", fill: "#555555", "font-style": "italic" }));
  const colStep = Math.max(1, Math.ceil(textWidth("00", FONT_SIZE) / cellW));
  for (let k = 0; k < cols; k++) {
    if (k % colStep !== 0) continue;
    out.push(text(gridLeft + (k + 0.5) * cellW, gridTop - 8, String(m.offsets[k]), { "font-size": FONT_SIZE, "text-anchor": "middle", fill: "#333333" }));
  }

  const printValues = cellW >= 30 && cellH >= 14;
  const cellParts = (x: number, y: number, r: number, k: number, cls: string): string => {
    const row = m.cohorts[r]!;
    const v = cellValue(r, k);
    const raw = row.values[k] ?? null;
    const where = `${row.cohort}, ${unitNoun(unit, 1)} ${m.offsets[k]}`;
    if (raw === null) {
      const tip = element("title", {}, escapeXml(`${where}: not ended yet (censored)`));
      return element("rect", { class: `${cls} censored`, x, y, width: cellW - 1, height: cellH - 1, fill: `url(#${HATCH_ID})` }, tip);
    }
    if (v === null) {
      const tip = element("title", {}, escapeXml(`${where}: empty cohort`));
      return (
        element("rect", { class: cls, x, y, width: cellW - 1, height: cellH - 1, fill: "#ffffff", stroke: "#e6e6e6" }, tip) +
        (printValues ? text(x + cellW / 2, y + cellH / 2 + 4, "–", { "font-size": FONT_SIZE, "text-anchor": "middle", fill: "#999999" }) : "")
      );
    }
    const fill = colour(v);
    const detail = m.measure === "customers" ? ` (${plain(raw)} of ${row.observed[k]})` : show === "rates" ? ` per customer (${plain(raw)} in all)` : "";
    const tip = element("title", {}, escapeXml(`${where}: ${isRate ? percent(v) : plain(v)}${detail}`));
    return (
      element("rect", { class: cls, x, y, width: cellW - 1, height: cellH - 1, fill }, tip) +
      (printValues ? text(x + cellW / 2, y + cellH / 2 + 4, label(v), { "font-size": FONT_SIZE, "text-anchor": "middle", fill: textOn(fill) }) : "")
    );
  };

  for (let r = 0; r < rows; r++) {
    const y = gridTop + r * cellH;
    out.push(text(labelRight, y + cellH / 2 + 4, labels[r]!, { "font-size": LABEL_SIZE, "text-anchor": "end", fill: "#1a1a1a" }));
    out.push(text(labelRight + 8 + sizeW - 6, y + cellH / 2 + 4, String(m.cohorts[r]!.size), { "font-size": FONT_SIZE, "text-anchor": "end", fill: "#555555" }));
    const parts: string[] = [];
    for (let k = 0; k < cols; k++) parts.push(cellParts(gridLeft + k * cellW, y, r, k, "cell"));
    out.push(`<g>${parts.join("")}</g>`);
  }

  if (withAverage) {
    out.push(text(labelRight, averageTop + cellH / 2 + 4, "average", { "font-size": LABEL_SIZE, "text-anchor": "end", fill: "#1a1a1a", "font-weight": 600 }));
    const total = m.cohorts.reduce((s, c) => s + c.size, 0);
    out.push(text(labelRight + 8 + sizeW - 6, averageTop + cellH / 2 + 4, String(total), { "font-size": FONT_SIZE, "text-anchor": "end", fill: "#555555" }));
    for (let k = 0; k < cols; k++) {
      const a = m.average[k] ?? null;
      const x = gridLeft + k * cellW;
      if (a === null) {
        out.push(element("rect", { class: "average censored", x, y: averageTop, width: cellW - 1, height: cellH - 1, fill: `url(#${HATCH_ID})` }));
        continue;
      }
      const fill = colour(a);
      out.push(element("rect", { class: "average", x, y: averageTop, width: cellW - 1, height: cellH - 1, fill }, element("title", {}, escapeXml(`average, ${unitNoun(unit, 1)} ${m.offsets[k]}: ${isRate ? percent(a) : plain(a)}`))));
      if (printValues) out.push(text(x + cellW / 2, averageTop + cellH / 2 + 4, label(a), { "font-size": FONT_SIZE, "text-anchor": "middle", fill: textOn(fill), "font-weight": 600 }));
    }
  }

  out.push(legend(legendX, gridTop, legendH, lo, hi, clamped, label));
  out.push("</svg>");
  return out.join("");
}

/** The default subtitle: what a cell holds, and how censored cells look. */
function subtitleOf(m: CohortMatrix, show: MatrixShow): string {
  const unit = unitNoun(m.spec.unit, 1);
  let what: string;
  if (m.measure === "customers") {
    const active = m.mode === "unbounded" ? `active in the ${unit} or later` : `active in the ${unit}`;
    what = show === "rates" ? `Share of each cohort's customers ${active}` : `Customers of each cohort ${active}`;
  } else {
    const noun = m.measure === "orders" ? "Orders" : m.measure === "revenue" ? "Revenue" : "MRR";
    what = show === "rates" ? `${noun} per cohort customer in the ${unit}` : `${noun} of each cohort in the ${unit}`;
  }
  return `${what}; hatched: the ${unit} has not ended yet.`;
}

/** The colour domain [lo, hi] and whether values above hi are clamped. */
function domainOf(m: CohortMatrix, value: (r: number, k: number) => number | null, given: readonly [number, number] | undefined, isRate: boolean): [number, number, boolean] {
  let later = -Infinity;
  let all = -Infinity;
  let least = Infinity;
  for (let r = 0; r < m.cohorts.length; r++) {
    for (let k = 0; k < m.offsets.length; k++) {
      const v = value(r, k);
      if (v === null) continue;
      all = Math.max(all, v);
      least = Math.min(least, v);
      if (k > 0) later = Math.max(later, v);
    }
  }
  if (given !== undefined) {
    const [lo, hi] = given;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
      throw new InvalidInputError({ field: "domain", value: `[${lo}, ${hi}]`, expected: "two finite numbers [low, high] with low < high" });
    }
    return [lo, hi, all > hi];
  }
  const lo = Math.min(0, Number.isFinite(least) ? least : 0);
  const top = Number.isFinite(later) && later > lo ? later : Number.isFinite(all) && all > lo ? all : lo + 1;
  const hi = lo + niceCeil(top - lo);
  return [lo, isRate ? Math.min(1, hi) : hi, all > hi];
}

/** The vertical colour legend with round ticks, and the censored swatch under it. */
function legend(x: number, top: number, h: number, lo: number, hi: number, clamped: boolean, label: (v: number) => string): string {
  const parts = [element("rect", { x, y: top, width: 14, height: h, fill: `url(#${GRADIENT_ID})`, stroke: "#bbbbbb", "stroke-width": 0.5 })];
  const intervals = tickIntervals(hi - lo);
  for (let i = 0; i <= intervals; i++) {
    const v = lo + ((hi - lo) * i) / intervals;
    const y = top + h - (h * i) / intervals;
    parts.push(element("line", { x1: x + 14, y1: y, x2: x + 18, y2: y, stroke: "#777777" }));
    parts.push(text(x + 21, y + 4, `${i === intervals && clamped ? "≥ " : ""}${label(v)}`, { "font-size": FONT_SIZE, fill: "#333333" }));
  }
  const y = top + h + 18;
  parts.push(element("rect", { x, y, width: 14, height: 14, fill: `url(#${HATCH_ID})`, stroke: "#bbbbbb", "stroke-width": 0.5 }));
  parts.push(text(x + 21, y + 11, "not ended", { "font-size": FONT_SIZE, fill: "#333333" }));
  return `<g class="legend">${parts.join("")}</g>`;
}

/** How many equal steps of a round size (1, 2, 2.5 or 5 times a power of ten) divide a span made by niceCeil: 3 to 6. */
function tickIntervals(span: number): number {
  for (const n of [5, 4, 6, 3]) {
    const step = span / n;
    const p = 10 ** Math.floor(Math.log10(step));
    if ([1, 2, 2.5, 5, 10].some((m) => Math.abs(step - m * p) < 1e-9 * span)) return n;
  }
  return 4;
}
