/**
 * `cumulativeTransactionsSvg`: the tracking plot of a purchase model, actual
 * against predicted repeat transactions over calendar time.
 *
 * @module
 */
import type { CumulativeTransactionsRow } from "../clv/expectedCumulativeTransactions.ts";
import { InvalidInputError } from "../errors.ts";
import { type Frame, linear, xTicks, xTickValues, yGrid } from "./axes.ts";
import { INK, PALETTE } from "./colors.ts";
import { element, heading, num, optionalText, renderOptions, requireCoordinate, requireSize, svgOpen, text, verticalText } from "./markup.ts";
import { niceCeil, ticks } from "./ticks.ts";

/**
 * Options of {@link cumulativeTransactionsSvg}.
 *
 * @category Rendering
 */
export interface CumulativeTransactionsSvgOptions {
  /** Title; default "Cumulative repeat transactions: actual vs predicted" (or "... per period"). */
  title?: string;
  /** `true` for the transactions of each period instead of the running totals; default false. */
  incremental?: boolean;
  /** A period (a row's `period`) to mark with a vertical line, such as the end of the calibration. */
  calibrationPeriod?: number;
  /** Width of the plot area in pixels, 120 to 8000; default 560. */
  width?: number;
  /** Height of the plot area in pixels, 80 to 8000; default 300. */
  height?: number;
}

const MARGIN = { left: 72, right: 130, top: 56, bottom: 52 };

/**
 * The tracking plot (lifetimes' `plot_cumulative_transactions` and
 * `plot_incremental_transactions`; Fader, Hardie & Lee 2005, figures 2 and 3):
 * actual repeat transactions (solid) and the model's expectation (dashed) per
 * period since the start of the data, cumulative or per period, with an
 * optional dotted line at the end of the calibration.
 *
 * @param rows - the result of `expectedCumulativeTransactions`
 * @param given - the options: `title`, `incremental` (false), `calibrationPeriod`, `width` (560), `height` (300)
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when there are no rows, a value is not a finite number, or an option is invalid
 * @example
 * ```ts
 * import { cumulativeTransactionsSvg, expectedCumulativeTransactions, fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const rows = expectedCumulativeTransactions(model, [
 *   { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-09" }, { customerId: "b", at: "2024-01-20" },
 * ], { groupBy: "week" });
 * const svg = cumulativeTransactionsSvg(rows, { calibrationPeriod: 1 });
 * console.log(svg.startsWith("<svg"), svg.includes('class="series-predicted"')); // true true
 * ```
 * @category Rendering
 */
export function cumulativeTransactionsSvg(rows: readonly CumulativeTransactionsRow[], given?: CumulativeTransactionsSvgOptions): string {
  const options = renderOptions(given, "{ incremental: true }");
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidInputError({ field: "rows", value: rows, expected: "the result of expectedCumulativeTransactions, with at least one row" });
  }
  if (options.incremental !== undefined && typeof options.incremental !== "boolean") {
    throw new InvalidInputError({ field: "incremental", value: options.incremental, expected: "true or false" });
  }
  const incremental = options.incremental ?? false;
  const w = requireSize(options.width ?? 560, "width", 120, 8000);
  const h = requireSize(options.height ?? 300, "height", 80, 8000);
  const title = optionalText(options.title, "title") ?? (incremental ? "Repeat transactions per period: actual vs predicted" : "Cumulative repeat transactions: actual vs predicted");
  const actual = rows.map((r, i) => requireCoordinate(incremental ? r?.actualIncremental : r?.actual, `rows[${i}].${incremental ? "actualIncremental" : "actual"}`, false)!);
  const predicted = rows.map((r, i) => requireCoordinate(incremental ? r?.predictedIncremental : r?.predicted, `rows[${i}].${incremental ? "predictedIncremental" : "predicted"}`, false)!);
  const periods = rows.map((r, i) => requireCoordinate(r.period, `rows[${i}].period`, false)!);
  const calibration = options.calibrationPeriod === undefined ? null : requireCoordinate(options.calibrationPeriod, "calibrationPeriod", false);
  const lo = Math.min(...periods);
  const hi = Math.max(...periods, lo + 1);
  const yMax = niceCeil(Math.max(1, ...actual, ...predicted));
  const yMin = Math.min(0, ...actual, ...predicted);
  const f: Frame = { left: MARGIN.left, top: MARGIN.top, width: w, height: h };
  const x = linear(lo, hi, f.left, f.left + w);
  const y = linear(yMin, yMax, f.top + h, f.top);
  const parts = [svgOpen(f.left + w + MARGIN.right, f.top + h + MARGIN.bottom, title), heading(f.left, title)];
  parts.push(yGrid(f, ticks(yMin, yMax, 4), y, (v) => num(v)));
  const label = (v: number) => String(v);
  parts.push(xTicks(f, xTickValues(lo, hi, w, label, 1), x, label));
  parts.push(text(f.left + w / 2, f.top + h + 40, "Periods since the start of the data", { "font-size": 12, "text-anchor": "middle", fill: INK.text }));
  parts.push(verticalText(16, f.top + h / 2, incremental ? "Repeat transactions" : "Cumulative repeat transactions", { "font-size": 12, fill: INK.text }));
  if (calibration !== null && calibration >= lo && calibration <= hi) {
    parts.push(element("line", { class: "calibration", x1: x(calibration), x2: x(calibration), y1: f.top, y2: f.top + h, stroke: INK.muted, "stroke-width": 1, "stroke-dasharray": "2 3" }));
    parts.push(text(x(calibration) + 4, f.top + 12, "calibration end", { "font-size": 11, fill: INK.muted }));
  }
  const series = [
    { name: "actual", color: PALETTE[0], dash: undefined, values: actual },
    { name: "predicted", color: PALETTE[1], dash: "6 4", values: predicted },
  ];
  series.forEach((s, j) => {
    const points = s.values.map((v, i) => `${num(x(periods[i]!))},${num(y(v))}`);
    parts.push(element("polyline", { class: `series-${s.name}`, points: points.join(" "), fill: "none", stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash }));
    const ly = f.top + 10 + j * 22;
    parts.push(element("line", { x1: f.left + w + 20, x2: f.left + w + 48, y1: ly, y2: ly, stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dash }));
    parts.push(text(f.left + w + 56, ly + 4, s.name, { "font-size": 12, fill: INK.text }));
  });
  parts.push("</svg>");
  return parts.join("");
}
