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
import { type Frame, linear, yGrid } from "./axes.ts";
import { INK, PALETTE } from "./colors.ts";
import { plain, shortPercent } from "./format.ts";
import { type GridPicture, historyGridSvg } from "./historyGridSvg.ts";
import { element, heading, num, optionalText, renderOptions, requireCoordinate, requireSize, svgOpen, text, verticalText } from "./markup.ts";
import { niceCeil, ticks } from "./ticks.ts";

/**
 * Options of {@link holdoutCheckSvg}.
 *
 * @category Rendering
 */
export interface HoldoutCheckSvgOptions {
  /** Title; default "Holdout purchases: predicted vs actual". */
  title?: string;
  /** Width of the plot area in pixels, 120 to 8000; default 520. */
  width?: number;
  /** Height of the plot area in pixels, 80 to 8000; default 300. */
  height?: number;
}

/**
 * Options of {@link probabilityAliveSvg}.
 *
 * @category Rendering
 */
export interface ProbabilityAliveSvgOptions {
  /** Title; default "Probability alive by frequency and recency". */
  title?: string;
  /** Cell size in pixels, 8 to 200; default 30 (values are printed from 22). */
  cellSize?: number;
  /**
   * The time unit of the summary the model was fitted to, named on the recency axis and in the
   * subtitle: `"day"`, `"week"` (as `rfmSummary`'s `timeUnit`) or another singular noun. Default: "time unit".
   */
  timeUnit?: string;
}

const MARGIN = { left: 64, right: 150, top: 56, bottom: 52 };

/**
 * The calibration/holdout check as a line chart: for each calibration
 * frequency bucket (x), the mean number of holdout purchases of its customers
 * (y), actual (solid) and predicted by the model (dashed), as Fader, Hardie &
 * Lee (2005) show it.
 *
 * @param check - the result of {@link holdoutCheck}
 * @param given - the options: `title`, `width` (520), `height` (300)
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when the check has no rows or a size is out of range
 * @example
 * ```ts
 * import { fitBgNbd, holdoutCheck, holdoutCheckSvg, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, holdout: 39, seed: 7 });
 * const svg = holdoutCheckSvg(holdoutCheck(fitBgNbd(summary), summary));
 * console.log(svg.startsWith("<svg")); // true
 * ```
 * @category Rendering
 */
export function holdoutCheckSvg(check: HoldoutCheck, given?: HoldoutCheckSvgOptions): string {
  const options = renderOptions(given, '{ title: "Holdout check" }');
  const rows = check?.rows;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidInputError({ field: "check", value: check, expected: "the result of holdoutCheck, with at least one row" });
  }
  const w = requireSize(options.width ?? 520, "width", 120, 8000);
  const h = requireSize(options.height ?? 300, "height", 80, 8000);
  const title = optionalText(options.title, "title") ?? "Holdout purchases: predicted vs actual";
  const actualTotal = plain(check.actualTotal, 0, "-", "check.actualTotal");
  const predictedTotal = plain(check.predictedTotal, 1, "-", "check.predictedTotal");
  rows.forEach((r, i) => {
    requireCoordinate(r?.actual, `check.rows[${i}].actual`, true);
    requireCoordinate(r?.predicted, `check.rows[${i}].predicted`, true);
    if (typeof r?.label !== "string") throw new InvalidInputError({ field: `check.rows[${i}].label`, value: r?.label, expected: "a string" });
  });
  const finite = rows.flatMap((r) => [r.actual, r.predicted]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const top = Math.max(0, ...finite);
  const yMax = niceCeil(top > 0 ? top : 1);
  const f: Frame = { left: MARGIN.left, top: MARGIN.top, width: w, height: h };
  const step = w / rows.length;
  const x = (i: number) => f.left + step * (i + 0.5);
  const y = linear(0, yMax, f.top + h, f.top);
  const parts = [svgOpen(f.left + w + MARGIN.right, f.top + h + MARGIN.bottom, title), heading(f.left, title)];
  parts.push(yGrid(f, ticks(0, yMax, 4), y, (v) => num(v)));
  rows.forEach((r, i) => parts.push(text(x(i), f.top + h + 18, r.label, { "font-size": 11, "text-anchor": "middle", fill: INK.muted })));
  parts.push(text(f.left + w / 2, f.top + h + 40, "Purchases in the calibration period", { "font-size": 12, "text-anchor": "middle", fill: INK.text }));
  parts.push(verticalText(16, f.top + h / 2, "Mean purchases in the holdout", { "font-size": 12, fill: INK.text }));
  const series = [
    { name: "actual", color: PALETTE[0], dash: undefined, values: rows.map((r) => r.actual) },
    { name: "predicted", color: PALETTE[1], dash: "6 4", values: rows.map((r) => r.predicted) },
  ];
  series.forEach((s, j) => {
    const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);
    const points = s.values.flatMap((v, i) => (ok(v) ? [`${num(x(i))},${num(y(v))}`] : []));
    parts.push(element("polyline", { class: `series-${s.name}`, points: points.join(" "), fill: "none", stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash }));
    s.values.forEach((v, i) => {
      if (ok(v)) parts.push(element("circle", { class: `point-${s.name}`, cx: x(i), cy: y(v), r: 3.5, fill: s.color }));
    });
    const ly = f.top + 10 + j * 22;
    parts.push(element("line", { x1: f.left + w + 20, x2: f.left + w + 48, y1: ly, y2: ly, stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash }));
    parts.push(text(f.left + w + 56, ly + 4, s.name, { "font-size": 12, fill: INK.text }));
  });
  parts.push(text(f.left + w + 20, f.top + 70, `total ${actualTotal} actual`, { "font-size": 11, fill: INK.muted }));
  parts.push(text(f.left + w + 20, f.top + 86, `${predictedTotal} predicted`, { "font-size": 11, fill: INK.muted }));
  parts.push("</svg>");
  return parts.join("");
}

/**
 * The probability-alive matrix as a heatmap: frequency (rows, 0 at the top)
 * by recency (columns), each cell coloured and labelled with
 * P(alive | frequency, recency, T) in percent, with a colour legend from 0 to
 * 100%; impossible histories (no repeat purchase but a recency above 0) are
 * left blank. The recency axis names the summary's time unit (`timeUnit`).
 *
 * @param matrix - the result of {@link probabilityAliveMatrix}
 * @param given - the options: `title`, `cellSize` (30), `timeUnit`
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when the matrix is empty, a cell is not a probability, or an option is invalid
 * @example
 * ```ts
 * import { fitBgNbd, probabilityAliveMatrix, probabilityAliveSvg, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const svg = probabilityAliveSvg(probabilityAliveMatrix(model, { T: 39, maxFrequency: 10, recencySteps: 13 }), { timeUnit: "week" });
 * console.log(svg.includes("Recency: weeks from the first purchase to the last"), svg.includes(">100%<")); // true true
 * ```
 * @category Rendering
 */
export function probabilityAliveSvg(matrix: ProbabilityAliveMatrix, given?: ProbabilityAliveSvgOptions): string {
  return historyGridSvg(matrix, given, ALIVE);
}

/** What the P(alive) heatmap says about its cells: percentages on a fixed 0-100% scale. */
const ALIVE: GridPicture = {
  source: "probabilityAliveMatrix",
  title: "Probability alive by frequency and recency",
  subtitle: (age, units) => `Customers of age T = ${age} ${units}; rows: repeat purchases, columns: time of the last one. Blank: impossible.`,
  expected: "a probability from 0 to 1",
  accepts: (p) => p >= 0 && p <= 1,
  top: () => 1,
  label: (p) => `${Math.round(100 * p)}%`,
  tip: (p) => `P(alive) ${(100 * p).toFixed(1)}%`,
  legendTitle: "P(alive)",
  legendLabel: shortPercent,
};
