/**
 * `cohortHeatmapSvg`: a cohort matrix as a self-contained SVG heatmap.
 *
 * @module
 */
import type { CohortMatrix } from "../cohorts/matrix.ts";
import { InvalidInputError } from "../errors.ts";
import { requireOneOf } from "../validate.ts";
import { INK, sequential } from "./colors.ts";
import { amount, capitalize, compact, finite, percent, plain, rate, unitNoun } from "./format.ts";
import { type CellSpec, censoredCell, colourLegend, emptyCell, heatCell, heatmapDefs } from "./heatmap.ts";
import { isCohortMatrix, requireMatrixShape } from "./classify.ts";
import { heading, optionalText, renderOptions, requireSize, svgOpen, text, textWidth, verticalText } from "./markup.ts";
import { type MatrixShow, matrixTitle, offsetLabels } from "./tables.ts";
import { colourDomain, type HeatmapDomain, heatmapLabels, type HeatmapLabels, requireCurrency } from "./heatmapScale.ts";

export type { HeatmapDomain } from "./heatmapScale.ts";

/**
 * Options of {@link cohortHeatmapSvg}.
 *
 * @category Rendering
 */
export interface CohortHeatmapOptions {
  /** Colour and print the rates (default) or the values (counts, revenue). */
  show?: MatrixShow;
  /** The title; default from the matrix, e.g. "Retention by monthly cohort" (with the currency, if given). */
  title?: string;
  /** A line under the title; default: what a cell means and how censored cells look. */
  subtitle?: string;
  /** Label of the offsets axis; default e.g. "Months since first activity". */
  xLabel?: string;
  /** Label of the cohorts axis; default e.g. "Cohort (month of first activity)". */
  yLabel?: string;
  /** Cell width in pixels, 4 to 400; default 46, or wider to fit the widest value. Values are printed when they fit. */
  cellWidth?: number;
  /** Cell height in pixels, 4 to 200; default 24 (34 with `counts`). Values are printed when at least 14. */
  cellHeight?: number;
  /**
   * The values of the lightest and darkest colour. `"all"` (default): the full range of the cells,
   * so no cell is clamped; `"afterFirst"`: 0 to the largest value at offsets 1 and later, rounded
   * up, with offset 0 (100% for customers) clamped to the darkest colour, for contrast among the
   * later offsets; or `[low, high]`, values beyond clamped (the legend says "≥" / "≤").
   */
  domain?: HeatmapDomain;
  /** Draw the size-weighted average as a last row; default true. */
  average?: boolean;
  /** For revenue and MRR: the currency (e.g. `"USD"`), named in the title and the legend. */
  currency?: string;
  /**
   * Decimals of revenue, MRR and per-customer figures, the same in every cell, 0 to 6; default 2
   * (1 when the figures are shown in thousands or millions, which happens from 10,000 up, or 2
   * there if the smallest would print as 0.0).
   */
  decimals?: number;
  /** With rates: also print in each cell the count behind its rate (customers or orders; customers observed for money). Default false. */
  counts?: boolean;
}

const FONT_SIZE = 11;
const LABEL_SIZE = 12;

/** The validated inputs of one heatmap: what a cell holds and how it is printed. */
interface Plan {
  m: CohortMatrix;
  show: MatrixShow;
  isRate: boolean;
  withAverage: boolean;
  /** Customers of the average row. */
  total: number;
  counts: boolean;
  value: (r: number, k: number) => number | null;
  labels: HeatmapLabels;
  domain: { lo: number; hi: number; clampedHigh: boolean; clampedLow: boolean };
  title: string;
  subtitle: string;
  xLabel: string;
  yLabel: string;
  /** The columns' labels: offsets, or bracket ranges. */
  columns: string[];
}

/** Where everything goes. */
interface Layout {
  cellW: number;
  cellH: number;
  labelRight: number;
  sizeRight: number;
  gridLeft: number;
  gridTop: number;
  averageTop: number;
  legendX: number;
  legendH: number;
  width: number;
  height: number;
  printValues: boolean;
  cohortLabels: string[];
}

/**
 * A cohort matrix as a self-contained SVG heatmap: cohorts as rows, offsets as
 * columns, a sequential colour scale with its legend, the value printed in
 * each cell, right-censored cells hatched grey and left empty, a title, axis
 * labels, cohort sizes, and the average row under the cohorts.
 *
 * Colour: t = (x - domain[0]) / (domain[1] - domain[0]) clamped to [0, 1] on
 * ColorBrewer's "Blues", by default over the full range of the cells; the text
 * of each cell is dark or white, whichever contrasts more (WCAG luminance).
 * Money and per-customer figures are printed with the same decimals in every
 * cell, in thousands or millions from 10,000 up (the legend says so, with the
 * `currency`). No script, no external font or style sheet, so it renders the
 * same in a browser, a notebook, an image viewer or a rasteriser. Each cohort
 * cell is a `rect` with class `cell` (`cell censored` when censored) and a tooltip.
 *
 * @param matrix - a `cohortMatrix` result
 * @param given - the options: `show` (`"rates"` default, or `"values"`), `title`, `subtitle`, `xLabel`, `yLabel`,
 *   `cellWidth` (46, or wider to fit), `cellHeight` (24), `domain` (`"all"`), `average` (true),
 *   `currency`, `decimals` (2), `counts` (false)
 * @returns the SVG document as a string (`<svg xmlns=...>...</svg>`)
 * @throws {@link InvalidInputError} when `matrix` is not a cohort matrix or an option is invalid
 *   (a size outside its range, a domain that is not two finite numbers in increasing order, ...)
 * @see C. A. Brewer, ColorBrewer 2.0 (colorbrewer2.org), the "Blues" sequential scheme; W3C WCAG 2.1
 *   relative luminance and contrast ratio, for the text colour.
 * @example
 * ```ts
 * import { cohortHeatmapSvg, cohortMatrix } from "retention-metrics";
 * const orders = [
 *   { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 35 },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 12.5 },
 *   { customerId: "c", at: "2024-02-15T10:00:00Z", amount: 40 },
 * ];
 * const m = cohortMatrix(orders, { to: "2024-03-10T00:00:00Z" });
 * const svg = cohortHeatmapSvg(m, { title: "Retention" });
 * console.log(svg.startsWith("<svg"), (svg.match(/class="cell/g) ?? []).length); // true 6
 * const revenue = cohortHeatmapSvg(cohortMatrix(orders, { to: "2024-03-10T00:00:00Z", measure: "revenue" }), { currency: "USD" });
 * console.log(revenue.includes("USD per customer"), revenue.includes(">6.25<")); // true true
 * ```
 * @category Rendering
 */
export function cohortHeatmapSvg(matrix: CohortMatrix, given?: CohortHeatmapOptions): string {
  const options = renderOptions(given, '{ title: "Retention" }');
  return heatmapOf(planOf(matrix, options), options);
}

/**
 * The heatmap of display's excerpt of a large matrix (see matrixExcerpt.ts): its subtitle says what
 * was left out, and its average row stands for `total` customers, all the matrix's. @internal
 */
export function excerptHeatmapSvg(excerpt: CohortMatrix, total: number, note: string): string {
  const plan = planOf(excerpt, {});
  return heatmapOf({ ...plan, subtitle: `${plan.subtitle} ${note}`, total }, {});
}

function heatmapOf(plan: Plan, options: CohortHeatmapOptions): string {
  const layout = layoutOf(plan, options);
  return [
    svgOpen(layout.width, layout.height, plan.title),
    heatmapDefs(),
    frame(plan, layout),
    ...plan.m.cohorts.map((_, r) => cohortRow(plan, layout, r)),
    plan.withAverage ? averageRow(plan, layout) : "",
    colourLegend({
      x: layout.legendX,
      top: layout.gridTop,
      height: layout.legendH,
      ...plan.domain,
      label: plan.labels.tick,
      title: plan.labels.unit,
      censored: "not ended",
    }),
    "</svg>",
  ].join("");
}

/** Checks the options and decides what the cells hold and how they print. */
function planOf(m: CohortMatrix, options: CohortHeatmapOptions): Plan {
  if (!isCohortMatrix(m)) throw new InvalidInputError({ field: "matrix", value: m, expected: "a cohortMatrix result" });
  requireMatrixShape(m);
  const show = requireOneOf(options.show ?? "rates", "show", ["rates", "values"] as const);
  const currency = requireCurrency(options.currency);
  const isRate = show === "rates" && m.measure === "customers";
  const value = (r: number, k: number): number | null => {
    const row = m.cohorts[r]!;
    if (show === "rates") {
      const x = row.rates[k] ?? null;
      if (x === null) return null;
      return isRate ? rate(x, `matrix.cohorts[${r}].rates[${k}]`) : finite(x, `matrix.cohorts[${r}].rates[${k}]`);
    }
    const v = row.values[k] ?? null;
    return v === null ? null : finite(amount(v), `matrix.cohorts[${r}].values[${k}]`);
  };
  const total = m.cohorts.reduce((s, c, r) => s + finite(c.size, `matrix.cohorts[${r}].size`), 0);
  const withAverage = (options.average ?? true) && show === "rates" && m.cohorts.length > 0;
  const all: number[] = [];
  const afterFirst: number[] = [];
  m.cohorts.forEach((_, r) =>
    m.offsets.forEach((_, k) => {
      const v = value(r, k);
      if (v === null) return;
      all.push(v);
      if (k > 0) afterFirst.push(v);
    }),
  );
  if (withAverage) {
    m.average.forEach((a, k) => {
      if (a !== null) all.push(isRate ? rate(a, `matrix.average[${k}]`) : finite(a, `matrix.average[${k}]`));
    });
  }
  const labels = heatmapLabels({ measure: m.measure, show, currency, decimals: options.decimals, values: all });
  const unit = m.spec.unit;
  const title = optionalText(options.title, "title") ?? `${matrixTitle(m, show)}${currency !== null && (m.measure === "revenue" || m.measure === "mrr") ? ` (${currency})` : ""}`;
  return {
    m,
    show,
    isRate,
    withAverage,
    total,
    counts: options.counts === true && show === "rates",
    value,
    labels,
    domain: colourDomain(options.domain, all, afterFirst, isRate),
    title,
    subtitle: optionalText(options.subtitle, "subtitle") ?? subtitleOf(m, show, labels.money),
    xLabel: optionalText(options.xLabel, "xLabel") ?? `${capitalize(unitNoun(unit))} since first activity${m.brackets === undefined ? "" : ", in brackets"}`,
    columns: offsetLabels(m),
    yLabel: optionalText(options.yLabel, "yLabel") ?? (m.cohortBy === "period" ? `Cohort (${unitNoun(unit, 1)} of first activity)` : "Cohort"),
  };
}

/** Positions: left to right axis title, cohort labels, sizes, cells, legend; top to bottom titles, offsets, cells, average. */
function layoutOf(p: Plan, options: CohortHeatmapOptions): Layout {
  const m = p.m;
  const widest = Math.max(textWidth("100%", FONT_SIZE), ...p.labels.samples.map((s) => textWidth(s, FONT_SIZE)));
  const cellW = options.cellWidth === undefined ? Math.max(46, Math.ceil(widest + 12)) : requireSize(options.cellWidth, "cellWidth", 4, 400);
  const cellH = options.cellHeight === undefined ? (p.counts ? 34 : 24) : requireSize(options.cellHeight, "cellHeight", 4, 200);
  const cohortLabels = m.cohorts.map((c) => (c.cohort.length > 28 ? `${c.cohort.slice(0, 27)}…` : c.cohort));
  const labelW = Math.max(textWidth("average", LABEL_SIZE), ...cohortLabels.map((l) => textWidth(l, LABEL_SIZE)));
  const sizeW = Math.max(textWidth("n", LABEL_SIZE), ...m.cohorts.map((c) => textWidth(String(c.size), FONT_SIZE))) + 14;
  const labelRight = 34 + labelW;
  const gridLeft = labelRight + 8 + sizeW;
  const gridTop = 104;
  const gridW = m.offsets.length * cellW;
  const gridH = m.cohorts.length * cellH;
  const averageTop = gridTop + gridH + 8;
  const bottom = (p.withAverage ? averageTop + cellH : gridTop + gridH) + 28;
  const legendX = gridLeft + gridW + 28;
  const legendH = Math.max(Math.min(gridH, 220), 120);
  const legendW = Math.max(110, 8 + textWidth(p.labels.unit ?? "", FONT_SIZE), 28 + Math.max(...p.labels.samples.map((s) => textWidth(`≥ ${s}`, FONT_SIZE)), 0));
  return {
    cellW,
    cellH,
    labelRight,
    sizeRight: labelRight + 8 + sizeW - 6,
    gridLeft,
    gridTop,
    averageTop,
    legendX,
    legendH,
    width: Math.max(legendX + legendW, 40 + textWidth(p.title, 16) * 1.05, 40 + textWidth(p.subtitle, LABEL_SIZE)),
    height: Math.max(bottom, gridTop + legendH + 80),
    printValues: cellW >= Math.max(30, widest + 4) && cellH >= 14,
    cohortLabels,
  };
}

/** Titles, axis titles, the "n" header and the offsets above the columns. */
function frame(p: Plan, l: Layout): string {
  const gridW = p.m.offsets.length * l.cellW;
  const gridH = p.m.cohorts.length * l.cellH;
  const out = [
    heading(20, p.title, p.subtitle),
    text(l.gridLeft + gridW / 2, 74, p.xLabel, { "font-size": LABEL_SIZE, "text-anchor": "middle", fill: INK.text }),
    verticalText(16, l.gridTop + gridH / 2, p.yLabel, { "font-size": LABEL_SIZE, fill: INK.text }),
    text(l.sizeRight, l.gridTop - 8, "n", { "font-size": LABEL_SIZE, "text-anchor": "end", fill: INK.muted, "font-style": "italic" }),
  ];
  const widest = Math.max(textWidth("00", FONT_SIZE), ...p.columns.map((c) => textWidth(c, FONT_SIZE)));
  const step = Math.max(1, Math.ceil((widest + 4) / l.cellW));
  p.columns.forEach((label, k) => {
    if (k % step === 0) out.push(text(l.gridLeft + (k + 0.5) * l.cellW, l.gridTop - 8, label, { "font-size": FONT_SIZE, "text-anchor": "middle", fill: INK.text }));
  });
  return out.join("");
}

/** One cohort: its label, its size and its cells. */
function cohortRow(p: Plan, l: Layout, r: number): string {
  const y = l.gridTop + r * l.cellH;
  const row = p.m.cohorts[r]!;
  const unit = unitNoun(p.m.spec.unit, 1);
  const cells = p.m.offsets.map((_, k) => {
    const raw = row.values[k] ?? null;
    const v = p.value(r, k);
    const where = `${row.cohort}, ${unit} ${p.columns[k]}`;
    const c: CellSpec = { x: l.gridLeft + k * l.cellW, y, width: l.cellW, height: l.cellH, cls: "cell", tip: "", label: null, fontSize: FONT_SIZE };
    if (raw === null) return censoredCell({ ...c, tip: `${where}: not ended yet (censored)` });
    if (v === null) return emptyCell({ ...c, tip: `${where}: empty cohort`, label: l.printValues ? "–" : null });
    const detail = p.m.measure === "customers" ? ` (${plain(raw)} of ${row.observed[k]})` : p.show === "rates" ? ` per customer (${plain(raw)} in all)` : "";
    const count = p.m.measure === "revenue" || p.m.measure === "mrr" ? `n=${compact(row.observed[k] ?? 0)}` : compact(amount(raw));
    return heatCell(
      { ...c, tip: `${where}: ${p.isRate ? percent(v) : p.labels.exact(v)}${detail}`, label: l.printValues ? p.labels.cell(v) : null, detail: p.counts && l.printValues ? count : null },
      colourOf(p, v),
    );
  });
  return (
    text(l.labelRight, y + l.cellH / 2 + 4, l.cohortLabels[r]!, { "font-size": LABEL_SIZE, "text-anchor": "end", fill: INK.title }) +
    text(l.sizeRight, y + l.cellH / 2 + 4, String(row.size), { "font-size": FONT_SIZE, "text-anchor": "end", fill: INK.muted }) +
    `<g>${cells.join("")}</g>`
  );
}

/** The size-weighted average under the cohorts. */
function averageRow(p: Plan, l: Layout): string {
  const y = l.averageTop;
  const unit = unitNoun(p.m.spec.unit, 1);
  const cells = p.m.offsets.map((_, k) => {
    const a = p.m.average[k] ?? null;
    const c: CellSpec = { x: l.gridLeft + k * l.cellW, y, width: l.cellW, height: l.cellH, cls: "average", tip: `average, ${unit} ${p.columns[k]}`, label: null, fontSize: FONT_SIZE, bold: true };
    if (a === null) return censoredCell({ ...c, tip: `${c.tip}: no cohort observed yet` });
    return heatCell({ ...c, tip: `${c.tip}: ${p.isRate ? percent(a) : p.labels.exact(a)}`, label: l.printValues ? p.labels.cell(a) : null }, colourOf(p, a));
  });
  return (
    text(l.labelRight, y + l.cellH / 2 + 4, "average", { "font-size": LABEL_SIZE, "text-anchor": "end", fill: INK.title, "font-weight": 600 }) +
    text(l.sizeRight, y + l.cellH / 2 + 4, String(p.total), { "font-size": FONT_SIZE, "text-anchor": "end", fill: INK.muted }) +
    cells.join("")
  );
}

function colourOf(p: Plan, v: number): string {
  const { lo, hi } = p.domain;
  return sequential((v - lo) / (hi - lo));
}

/** The default subtitle: what a cell holds, in which unit, and how censored cells look. */
function subtitleOf(m: CohortMatrix, show: MatrixShow, moneyUnit: string | null): string {
  const unit = unitNoun(m.spec.unit, 1);
  let what: string;
  if (m.measure === "customers") {
    const active = m.mode === "unbounded" ? `active in the ${unit} or later` : `active in the ${unit}`;
    what = show === "rates" ? `Share of each cohort's customers ${active}` : `Customers of each cohort ${active}`;
  } else {
    const noun = m.measure === "orders" ? "Orders" : m.measure === "revenue" ? "Revenue" : "MRR";
    what = show === "rates" ? `${noun} per cohort customer in the ${unit}` : `${noun} of each cohort in the ${unit}`;
    if (moneyUnit !== null) what += `, in ${moneyUnit}`;
  }
  return `${what}; hatched: the ${unit} has not ended yet.`;
}
