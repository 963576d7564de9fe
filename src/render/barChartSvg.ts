/**
 * A bar chart for the pictures of `display`: one bar per category, or signed
 * stacked bars (positive parts up, negative parts down from zero), as growth
 * accounting and MRR movements are usually drawn, or grouped bars side by side
 * (actual against expected).
 *
 * @internal
 * @module
 */
import { axisTitles, type Frame, linear, yAxisLine, yGrid } from "./axes.ts";
import { INK, seriesColour } from "./colors.ts";
import { element, escapeXml, heading, num, svgOpen, text, textWidth } from "./markup.ts";
import { niceDomain, ticks } from "./ticks.ts";

/** One part of the bars: a label and a value per category (null: none). */
export interface BarSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  colour?: string;
  /** A class added to its bars' `bar` (for styling and tests). */
  cls?: string;
}

/** What to draw. */
export interface BarChartSpec {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  yFormat: (v: number) => string;
  /** A bar's value in its tooltip; default `yFormat`. */
  tipFormat?: (v: number) => string;
  /** The series side by side in each category instead of stacked; default false. */
  grouped?: boolean;
}

/** The bars as a self-contained SVG. Values are finite numbers (the results' counts and amounts). */
export function barChartSvg(spec: BarChartSpec): string {
  const n = spec.categories.length;
  const legend = spec.series.length > 1;
  const legendW = legend ? Math.min(200, Math.max(...spec.series.map((s) => textWidth(s.label, 12) + 30))) : 0;
  const plotW = Math.min(900, Math.max(320, n * 18));
  const f: Frame = { left: 70, top: spec.subtitle === undefined ? 50 : 66, width: plotW, height: 260 };
  const width = Math.max(f.left + plotW + (legend ? legendW + 30 : 24), 40 + textWidth(spec.title, 16) * 1.05, 40 + textWidth(spec.subtitle ?? "", 12));
  const band = f.width / Math.max(1, n);
  // Long labels of few bars (segment names) are turned; many bars print every k-th label.
  const widest = Math.max(1, ...spec.categories.map((c) => textWidth(c, 11)));
  const turn = widest + 6 > band && n <= 30;
  const step = turn ? 1 : Math.max(1, Math.ceil((widest + 6) / band));
  const labelDrop = turn ? widest * 0.6 + 8 : 0;
  const height = f.top + f.height + 58 + labelDrop;
  const grouped = spec.grouped === true;
  // Stacked bars reach the sum of a category's parts; grouped ones its largest part.
  const combine = grouped ? (a: number, b: number) => (Math.abs(b) > Math.abs(a) ? b : a) : (a: number, b: number) => a + b;
  const reach = (i: number, pick: (v: number) => number) => spec.series.reduce((s, x) => combine(s, pick(x.values[i] ?? 0)), 0);
  const up = spec.categories.map((_, i) => reach(i, (v) => Math.max(0, v)));
  const down = spec.categories.map((_, i) => reach(i, (v) => Math.min(0, v)));
  const [lo, hi] = niceDomain(Math.min(0, ...down), Math.max(0, ...up) || 1, 5);
  const Y = linear(lo, hi, f.top + f.height, f.top);
  const barW = Math.max(1, (band * 0.78) / (grouped ? Math.max(1, spec.series.length) : 1));
  const out = [svgOpen(width, height, spec.title), heading(20, spec.title, spec.subtitle)];
  const whole = spec.series.every((x) => x.values.every((v) => v === null || Number.isInteger(v)));
  out.push(yGrid(f, ticks(lo, hi, 5, whole ? 1 : 0), Y, spec.yFormat), yAxisLine(f), axisTitles(f, height - 12, spec.xLabel, spec.yLabel));
  spec.categories.forEach((c, i) => {
    let above = 0;
    let below = 0;
    const x0 = f.left + i * band + (band - barW * (grouped ? spec.series.length : 1)) / 2;
    spec.series.forEach((s, j) => {
      const v = s.values[i] ?? null;
      if (v === null || v === 0) return;
      const x = grouped ? x0 + j * barW : x0;
      const from = grouped ? 0 : v > 0 ? above : below;
      const to = from + v;
      if (v > 0) above = to;
      else below = to;
      const tip = element("title", {}, escapeXml(`${c}${legend ? `, ${s.label}` : ""}: ${(spec.tipFormat ?? spec.yFormat)(v)}`));
      out.push(element("rect", { class: s.cls === undefined ? "bar" : `bar ${s.cls}`, x, y: Math.min(Y(from), Y(to)), width: barW, height: Math.abs(Y(to) - Y(from)), fill: s.colour ?? seriesColour(j) }, tip));
    });
  });
  spec.categories.forEach((c, i) => {
    if (i % step !== 0) return;
    const x = f.left + (i + 0.5) * band;
    const y = f.top + f.height + (turn ? 12 : 18);
    out.push(text(x, y, c, { "font-size": 11, "text-anchor": turn ? "end" : "middle", fill: INK.tick, transform: turn ? `rotate(-35 ${num(x)} ${num(y)})` : undefined }));
  });
  if (legend) {
    const lx = f.left + f.width + 24;
    spec.series.forEach((s, j) => {
      const y = f.top + 6 + j * 20;
      out.push(element("rect", { x: lx, y: y - 6, width: 12, height: 12, fill: s.colour ?? seriesColour(j) }));
      out.push(text(lx + 18, y + 4, s.label, { "font-size": 12, fill: INK.title }));
    });
  }
  out.push("</svg>");
  return out.join("");
}
