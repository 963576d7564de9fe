/**
 * Pictures of the lifetime-value models: the calibration/holdout check
 * (predicted against actual purchases by calibration frequency) and the
 * probability-alive heatmap over frequency x recency.
 *
 * @module
 */
import type { HoldoutCheck } from "../clv/holdoutCheck.ts";
import type { ProbabilityAliveMatrix } from "../clv/probabilityAliveMatrix.ts";
import { InvalidInputError } from "../errors.ts";
import { PALETTE, sequential, textOn } from "./colors.ts";
import { niceCeil } from "./format.ts";
import { element, num, svgOpen, text } from "./markup.ts";

/** Options of {@link holdoutCheckSvg}. */
export interface HoldoutCheckSvgOptions {
  /** Title; default "Holdout purchases: predicted vs actual". */
  title?: string;
  /** Width of the plot area in pixels; default 520. */
  width?: number;
  /** Height of the plot area in pixels; default 300. */
  height?: number;
}

/** Options of {@link probabilityAliveSvg}. */
export interface ProbabilityAliveSvgOptions {
  /** Title; default "Probability alive by frequency and recency". */
  title?: string;
  /** Cell size in pixels; default 30. */
  cellSize?: number;
}

const MARGIN = { left: 64, right: 150, top: 56, bottom: 52 };

/**
 * The calibration/holdout check as a line chart: for each calibration
 * frequency bucket (x), the mean number of holdout purchases of its customers
 * (y), actual (solid) and predicted by the model (dashed), as Fader, Hardie &
 * Lee (2005) show it.
 *
 * @param check - the result of {@link holdoutCheck}
 * @param options - `title`, `width`, `height`
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when the check has no rows
 * @example
 * ```ts
 * import { fitBgNbd, holdoutCheck, holdoutCheckSvg, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, holdout: 39, seed: 7 });
 * const svg = holdoutCheckSvg(holdoutCheck(fitBgNbd(summary), summary));
 * console.log(svg.startsWith("<svg")); // true
 * ```
 */
export function holdoutCheckSvg(check: HoldoutCheck, options: HoldoutCheckSvgOptions = {}): string {
  const rows = check?.rows;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidInputError({ field: "check", value: check, expected: "the result of holdoutCheck, with at least one row" });
  }
  const w = options.width ?? 520;
  const h = options.height ?? 300;
  const title = options.title ?? "Holdout purchases: predicted vs actual";
  const top = Math.max(...rows.flatMap((r) => [r.actual ?? 0, r.predicted ?? 0]));
  const yMax = niceCeil(top > 0 ? top : 1);
  const step = w / rows.length;
  const x = (i: number) => MARGIN.left + step * (i + 0.5);
  const y = (v: number) => MARGIN.top + h - (v / yMax) * h;
  const parts = [svgOpen(MARGIN.left + w + MARGIN.right, MARGIN.top + h + MARGIN.bottom, title)];
  parts.push(text(MARGIN.left, 28, title, { "font-size": 16, "font-weight": 600, fill: "#1a1a1a" }));
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    parts.push(element("line", { x1: MARGIN.left, x2: MARGIN.left + w, y1: y(v), y2: y(v), stroke: "#e5e5e5" }));
    parts.push(text(MARGIN.left - 8, y(v) + 4, num(v), { "font-size": 11, "text-anchor": "end", fill: "#555555" }));
  }
  rows.forEach((r, i) => parts.push(text(x(i), MARGIN.top + h + 18, r.label, { "font-size": 11, "text-anchor": "middle", fill: "#555555" })));
  parts.push(text(MARGIN.left + w / 2, MARGIN.top + h + 40, "Purchases in the calibration period", { "font-size": 12, "text-anchor": "middle", fill: "#333333" }));
  parts.push(text(16, MARGIN.top + h / 2, "Mean purchases in the holdout", { "font-size": 12, "text-anchor": "middle", fill: "#333333", transform: `rotate(-90 16 ${num(MARGIN.top + h / 2)})` }));
  const series = [
    { name: "actual", color: PALETTE[0], dash: undefined, values: rows.map((r) => r.actual) },
    { name: "predicted", color: PALETTE[1], dash: "6 4", values: rows.map((r) => r.predicted) },
  ];
  series.forEach((s, j) => {
    const points = s.values.map((v, i) => (v === null ? null : `${num(x(i))},${num(y(v))}`)).filter((p): p is string => p !== null);
    parts.push(element("polyline", { class: `series-${s.name}`, points: points.join(" "), fill: "none", stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash }));
    s.values.forEach((v, i) => {
      if (v !== null) parts.push(element("circle", { class: `point-${s.name}`, cx: x(i), cy: y(v), r: 3.5, fill: s.color }));
    });
    const ly = MARGIN.top + 10 + j * 22;
    parts.push(element("line", { x1: MARGIN.left + w + 20, x2: MARGIN.left + w + 48, y1: ly, y2: ly, stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash }));
    parts.push(text(MARGIN.left + w + 56, ly + 4, s.name, { "font-size": 12, fill: "#333333" }));
  });
  parts.push(text(MARGIN.left + w + 20, MARGIN.top + 70, `total ${num(check.actualTotal)} actual`, { "font-size": 11, fill: "#555555" }));
  parts.push(text(MARGIN.left + w + 20, MARGIN.top + 86, `${num(check.predictedTotal)} predicted`, { "font-size": 11, fill: "#555555" }));
  parts.push("</svg>");
  return parts.join("");
}

/**
 * The probability-alive matrix as a heatmap: frequency (rows, 0 at the top)
 * by recency (columns), each cell coloured and labelled with
 * P(alive | frequency, recency, T); impossible histories (no repeat purchase
 * but a recency above 0) are left blank.
 *
 * @param matrix - the result of {@link probabilityAliveMatrix}
 * @param options - `title`, `cellSize`
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when the matrix is empty
 * @example
 * ```ts
 * import { fitBgNbd, probabilityAliveMatrix, probabilityAliveSvg, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const svg = probabilityAliveSvg(probabilityAliveMatrix(model, { T: 39, maxFrequency: 10, recencySteps: 13 }));
 * console.log(svg.includes("Probability alive")); // true
 * ```
 */
export function probabilityAliveSvg(matrix: ProbabilityAliveMatrix, options: ProbabilityAliveSvgOptions = {}): string {
  const values = matrix?.values;
  if (!Array.isArray(values) || values.length === 0 || matrix.recencies.length === 0) {
    throw new InvalidInputError({ field: "matrix", value: matrix, expected: "the result of probabilityAliveMatrix, with at least one cell" });
  }
  const size = options.cellSize ?? 30;
  const title = options.title ?? "Probability alive by frequency and recency";
  const cols = matrix.recencies.length;
  const left = MARGIN.left;
  const top = MARGIN.top + 24;
  const width = left + cols * size + 110;
  const height = top + values.length * size + 40;
  const parts = [svgOpen(width, height, title)];
  parts.push(text(left, 28, title, { "font-size": 16, "font-weight": 600, fill: "#1a1a1a" }));
  parts.push(text(left, 46, `Customers of age T = ${num(matrix.T)}; rows: repeat purchases, columns: time of the last one`, { "font-size": 12, fill: "#555555" }));
  matrix.recencies.forEach((r, j) => parts.push(text(left + (j + 0.5) * size, top - 8, num(r), { "font-size": 10, "text-anchor": "middle", fill: "#555555" })));
  values.forEach((row, i) => {
    parts.push(text(left - 8, top + (i + 0.5) * size + 4, String(matrix.frequencies[i]), { "font-size": 11, "text-anchor": "end", fill: "#555555" }));
    row.forEach((p, j) => {
      if (p === null) return;
      const fill = sequential(p);
      const cx = left + j * size;
      const cy = top + i * size;
      parts.push(element("rect", { class: "cell", x: cx, y: cy, width: size - 1, height: size - 1, fill }));
      parts.push(text(cx + size / 2, cy + size / 2 + 4, String(Math.round(100 * p)), { "font-size": 10, "text-anchor": "middle", fill: textOn(fill) }));
    });
  });
  parts.push(text(left + (cols * size) / 2, top + values.length * size + 24, "Recency (time of the last purchase)", { "font-size": 12, "text-anchor": "middle", fill: "#333333" }));
  parts.push(text(16, top + (values.length * size) / 2, "Frequency", { "font-size": 12, "text-anchor": "middle", fill: "#333333", transform: `rotate(-90 16 ${num(top + (values.length * size) / 2)})` }));
  const legendX = left + cols * size + 24;
  for (let k = 0; k <= 10; k++) {
    parts.push(element("rect", { x: legendX, y: top + (10 - k) * 14, width: 14, height: 14, fill: sequential(k / 10) }));
    if (k % 5 === 0) parts.push(text(legendX + 20, top + (10 - k) * 14 + 11, `${k * 10}%`, { "font-size": 11, fill: "#555555" }));
  }
  parts.push("</svg>");
  return parts.join("");
}
