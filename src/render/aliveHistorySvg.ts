/**
 * `aliveHistorySvg`: P(alive) along one customer's history as a line, with a
 * marker at each purchase.
 *
 * @module
 */
import type { AliveHistory } from "../clv/aliveHistory.ts";
import { InvalidInputError } from "../errors.ts";
import { type Frame, linear, xTicks, xTickValues, yGrid } from "./axes.ts";
import { INK, PALETTE } from "./colors.ts";
import { plain, shortPercent } from "./format.ts";
import { element, heading, num, optionalText, renderOptions, requireCoordinate, requireSize, svgOpen, text, timeUnitsOption, verticalText } from "./markup.ts";
import { ticks } from "./ticks.ts";

/**
 * Options of {@link aliveHistorySvg}.
 *
 * @category Rendering
 */
export interface AliveHistorySvgOptions {
  /** Title; default "Probability alive along the customer's history". */
  title?: string;
  /** The model's time unit, named on the time axis: `"day"`, `"week"` or another singular noun; default "time unit". */
  timeUnit?: string;
  /** Width of the plot area in pixels, 120 to 8000; default 560. */
  width?: number;
  /** Height of the plot area in pixels, 80 to 8000; default 260. */
  height?: number;
}

const MARGIN = { left: 64, right: 136, top: 66, bottom: 52 };

/**
 * P(alive) along one customer's history (lifetimes' `plot_history_alive`): the
 * probability that the customer is still active as seen at each time since
 * the first purchase (solid line, 0 to 100%), falling through each silence and
 * jumping at each repeat purchase, marked by a dot on the line and a dotted
 * vertical rule.
 *
 * @param history - the result of `aliveHistory`
 * @param given - the options: `title`, `timeUnit`, `width` (560), `height` (260)
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when there are no points, a point's `t` is not a finite number or
 *   its `probabilityAlive` not a probability (field `history.points[i].t`, ...), a purchase time is not a
 *   finite number, or an option is invalid
 * @example
 * ```ts
 * import { aliveHistory, aliveHistorySvg, fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const svg = aliveHistorySvg(aliveHistory(model, [0, 2, 5, 6, 14], { T: 39 }), { timeUnit: "week" });
 * console.log(svg.startsWith("<svg"), svg.split('class="purchase"').length - 1); // true 4
 * ```
 * @category Rendering
 */
export function aliveHistorySvg(history: AliveHistory, given?: AliveHistorySvgOptions): string {
  const options = renderOptions(given, '{ timeUnit: "week" }');
  const points = history?.points;
  if (!Array.isArray(points) || points.length === 0) {
    throw new InvalidInputError({ field: "history", value: history, expected: "the result of aliveHistory, with at least one point" });
  }
  // Array.from, not map: a hole in a hand-made array is refused, not skipped.
  const ts = Array.from(points, (p, i) => requireCoordinate(p?.t, `history.points[${i}].t`, false)!);
  const ps = Array.from(points, (p, i) => {
    const v = p.probabilityAlive;
    if (!(typeof v === "number" && v >= 0 && v <= 1)) throw new InvalidInputError({ field: `history.points[${i}].probabilityAlive`, value: v, expected: "a probability from 0 to 1" });
    return v;
  });
  if (!Array.isArray(history.purchases)) throw new InvalidInputError({ field: "history.purchases", value: history.purchases, expected: "the purchase times, an array of numbers" });
  const purchases = Array.from(history.purchases, (t, i) => requireCoordinate(t, `history.purchases[${i}]`, false)!);
  const w = requireSize(options.width ?? 560, "width", 120, 8000);
  const h = requireSize(options.height ?? 260, "height", 80, 8000);
  const units = timeUnitsOption(options.timeUnit);
  const title = optionalText(options.title, "title") ?? "Probability alive along the customer's history";
  const lo = Math.min(0, ...ts);
  const hi = Math.max(lo + 1, ...ts, ...purchases);
  const repeat = purchases.filter((t) => t > lo).length;
  const subtitle = `${repeat} repeat purchase${repeat === 1 ? "" : "s"} in ${plain(requireCoordinate(history.T, "history.T", false)!, 1)} ${units}; P(alive) as seen at each time`;
  const f: Frame = { left: MARGIN.left, top: MARGIN.top, width: w, height: h };
  const x = linear(lo, hi, f.left, f.left + w);
  const y = linear(0, 1, f.top + h, f.top);
  const parts = [svgOpen(f.left + w + MARGIN.right, f.top + h + MARGIN.bottom, title), heading(f.left, title, subtitle)];
  parts.push(yGrid(f, ticks(0, 1, 5), y, (v) => shortPercent(v)));
  const label = (v: number) => String(v);
  parts.push(xTicks(f, xTickValues(lo, hi, w, label), x, label));
  parts.push(text(f.left + w / 2, f.top + h + 40, `Time since the first purchase (${units})`, { "font-size": 12, "text-anchor": "middle", fill: INK.text }));
  parts.push(verticalText(16, f.top + h / 2, "P(alive)", { "font-size": 12, fill: INK.text }));
  // A repeat purchase: a dotted rule, and a dot where the line lands after it.
  const after = new Map<number, number>();
  ts.forEach((t, i) => after.set(t, ps[i]!));
  for (const t of purchases) {
    if (t <= lo) continue;
    const tip = element("title", {}, `purchase at ${plain(t, 2)} ${units}`);
    parts.push(element("line", { x1: x(t), x2: x(t), y1: f.top, y2: f.top + h, stroke: INK.muted, "stroke-width": 1, "stroke-dasharray": "2 3" }));
    const p = after.get(t);
    if (p !== undefined) parts.push(element("circle", { class: "purchase", cx: x(t), cy: y(p), r: 4, fill: PALETTE[1] }, tip));
  }
  parts.push(element("polyline", { class: "series-alive", points: ts.map((t, i) => `${num(x(t))},${num(y(ps[i]!))}`).join(" "), fill: "none", stroke: PALETTE[0], "stroke-width": 2 }));
  const lx = f.left + w + 20;
  parts.push(element("line", { x1: lx, x2: lx + 28, y1: f.top + 10, y2: f.top + 10, stroke: PALETTE[0], "stroke-width": 2 }));
  parts.push(text(lx + 36, f.top + 14, "P(alive)", { "font-size": 12, fill: INK.text }));
  parts.push(element("circle", { cx: lx + 14, cy: f.top + 32, r: 4, fill: PALETTE[1] }));
  parts.push(text(lx + 36, f.top + 36, "purchase", { "font-size": 12, fill: INK.text }));
  parts.push("</svg>");
  return parts.join("");
}
