/**
 * `retentionCurveSvg`: retention or survival curves with their confidence
 * bands and censoring ticks, as a self-contained SVG line chart.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { axisTitles, type Frame, linear, xTicks, xTickValues, yAxisLine, yGrid } from "./axes.ts";
import { INK, seriesColour } from "./colors.ts";
import { capitalize, compact, shortPercent, unitNoun } from "./format.ts";
import { element, escapeXml, heading, num, optionalFunction, optionalText, renderOptions, requireSize, svgOpen, text, textFrom, textWidth } from "./markup.ts";
import { confidenceOf, type CurveInput, type CurveSeries, isSurvivalInput, runs, sharesOnly, stepped, toSeries, unitOf } from "./curveSeries.ts";
import { niceDomain, ticks } from "./ticks.ts";

export type { CurveInput, CurvePoint, CurveSeries, CurveSource } from "./curveSeries.ts";

/**
 * Options of {@link retentionCurveSvg}.
 *
 * @category Rendering
 */
export interface RetentionCurveOptions {
  /** The title; default "Survival of customers" or "Retention curve". */
  title?: string;
  /** Label of the horizontal axis; default e.g. "Months since first activity". */
  xLabel?: string;
  /** Label of the vertical axis; default "Share of customers" for rates. */
  yLabel?: string;
  /** Width in pixels, 240 to 8000; default 760. */
  width?: number;
  /** Height in pixels, 160 to 8000; default 440 (taller when a long legend needs it). */
  height?: number;
  /**
   * Draw the confidence bands (where the input has them): `"auto"` (default) draws them when at
   * most `MAX_AUTO_BANDS` (3) curves have one, so many groups do not become a fog of overlapping
   * bands; `true` always, `false` never.
   */
  bands?: boolean | "auto";
  /** Draw a small vertical tick where observations were censored (survival curves); default true. */
  censoring?: boolean;
  /** `"percent"` for shares of customers (the default for survival, customer retention and series within [0, 1]) or `"number"`. */
  yFormat?: "percent" | "number";
  /** The text of a horizontal tick (default: the number). */
  xTickLabel?: (x: number) => string;
}

/** With `bands: "auto"`, bands are drawn for at most this many curves. */
export const MAX_AUTO_BANDS = 3;


/**
 * One or more retention or survival curves with their confidence bands, as a
 * self-contained SVG line chart: axes with ticks and grid lines, a title, axis
 * labels and a legend; bands are translucent areas of the curve's colour.
 *
 * What is drawn: a survival curve's groups (or its overall curve when it has
 * none) as steps with their log-log bands and a small vertical tick where
 * customers were censored (pass the curve and one of its `groups` to draw
 * both); a cohort matrix's size-weighted average curve, with its Wilson band
 * when the matrix has intervals; a {@link CurveSeries} as given. `null` values
 * leave gaps. Colours are the Okabe-Ito palette, readable with any colour
 * vision; past eight curves (two dozen cohorts, say) they run along the
 * Viridis ramp in the curves' order instead. Bands are drawn by default for up
 * to three curves. A censoring tick stands in the middle of the period where
 * the customers were last seen (a step curve's last step is drawn that far).
 *
 * @param curves - a `survivalCurve` result or one of its groups, a `cohortMatrix` result, a {@link CurveSeries},
 *   or a list of them
 * @param given - the options: `title`, `xLabel`, `yLabel`, `width` (760), `height` (440), `bands` (`"auto"`),
 *   `censoring` (true), `yFormat`, `xTickLabel`
 * @returns the SVG document as a string
 * @throws {@link InvalidInputError} when the input has no curve to draw, a coordinate is not a finite
 *   number (of magnitude at most 1e15), or an option is invalid
 * @see M. Okabe and K. Ito (2008), "Color Universal Design", the colour-blind-safe palette; the curves
 *   and bands are those of `survivalCurve` (Kaplan-Meier, log-log) and `cohortMatrix` (Wilson).
 * @example
 * ```ts
 * import { retentionCurveSvg } from "retention-metrics";
 * const svg = retentionCurveSvg({
 *   label: "2024-01 cohort",
 *   points: [{ x: 0, y: 1 }, { x: 1, y: 0.42, lower: 0.35, upper: 0.5 }, { x: 2, y: 0.3, lower: 0.23, upper: 0.38, censored: 4 }],
 * }, { title: "Retention" });
 * console.log(svg.includes("2024-01 cohort"), (svg.match(/class="censor"/g) ?? []).length); // true 1
 * ```
 * @category Rendering
 */
export function retentionCurveSvg(curves: CurveInput, given?: RetentionCurveOptions): string {
  const options = renderOptions(given, '{ title: "Retention" }');
  const series = toSeries(curves);
  if (series.length === 0 || series.every((s) => s.points.every((p) => p.y === null))) {
    throw new InvalidInputError({ field: "curves", value: curves, expected: "at least one curve with a value to draw" });
  }
  const width = requireSize(options.width ?? 760, "width", 240, 8000);
  const givenHeight = requireSize(options.height ?? 440, "height", 160, 8000);
  const bandOption = options.bands ?? "auto";
  if (bandOption !== true && bandOption !== false && bandOption !== "auto") {
    throw new InvalidInputError({ field: "bands", value: bandOption, expected: 'true, false or "auto"' });
  }
  const withBand = series.filter((s) => s.points.some((p) => p.lower != null && p.upper != null)).length;
  const bands = bandOption === "auto" ? withBand <= MAX_AUTO_BANDS : bandOption;
  const hasBands = bands && withBand > 0;
  const censoring = options.censoring ?? true;

  const unit = unitOf(curves);
  const values = series.flatMap((s) => s.points.flatMap((p) => [p.y, ...(bands ? [p.lower ?? null, p.upper ?? null] : [])])).filter((v): v is number => v !== null);
  if (options.censoring !== undefined && typeof options.censoring !== "boolean") throw new InvalidInputError({ field: "censoring", value: options.censoring, expected: "true or false" });
  if (options.yFormat !== undefined && options.yFormat !== "percent" && options.yFormat !== "number") throw new InvalidInputError({ field: "yFormat", value: options.yFormat, expected: '"percent" or "number"' });
  const yFormat = options.yFormat ?? (sharesOnly(curves) && values.every((v) => v >= 0 && v <= 1) ? "percent" : "number");
  const allSurvival = isSurvivalInput(curves);
  const title = optionalText(options.title, "title") ?? (allSurvival ? "Survival of customers" : "Retention curve");
  const xLabel = optionalText(options.xLabel, "xLabel") ?? (unit === null ? "Periods since first activity" : `${capitalize(unitNoun(unit))} since first activity`);
  const yLabel = optionalText(options.yLabel, "yLabel") ?? (yFormat === "percent" ? (allSurvival ? "Share still customers" : "Share of customers") : "Value");
  const level = confidenceOf(curves);
  const bandNote = `shaded: ${level === null ? "" : `${Math.round(level * 1000) / 10}% `}confidence band`;
  const hasCensoring = censoring && series.some((s) => s.points.some((p) => (p.censored ?? 0) > 0 && p.y !== null));

  // Layout: the legend at the right; a long legend packs its rows closer and, if need be, makes the chart taller.
  const top = 58;
  const bottom = 56;
  const notes = (hasBands ? 1 : 0) + (hasCensoring ? 1 : 0);
  const rowH = Math.max(13, Math.min(20, (givenHeight - top - bottom - notes * 16) / series.length));
  const height = Math.max(givenHeight, top + bottom + series.length * rowH + notes * 16);
  const legendFont = rowH >= 18 ? 12 : 11;
  const censorNote = "censored (still customers)";
  const legendW = Math.min(220, Math.max(90, ...series.map((s) => textWidth(s.label, legendFont) + 34), hasBands ? textWidth(bandNote, 11) + 8 : 0, hasCensoring ? textWidth(censorNote, 11) + 16 : 0));
  const f: Frame = { left: 70, top, width: Math.max(width - 70 - legendW - 24, 60), height: Math.max(height - top - bottom, 60) };

  // A step curve whose last point has censored customers holds its value half a period further, where its tick stands.
  const tail = (s: (typeof series)[number]) => {
    const last = s.points[s.points.length - 1];
    return censoring && s.step === true && last !== undefined && last.y !== null && (last.censored ?? 0) > 0 ? [last.x + 0.5] : [];
  };
  const xs = series.flatMap((s) => [...s.points.map((p) => p.x), ...tail(s)]);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const [yMin, yMax] = yFormat === "percent" ? [0, 1] : niceDomain(Math.min(0, ...values), Math.max(...values, 0) || 1);
  const X = linear(xMin, xMax, f.left, f.left + f.width);
  const Y = linear(yMin, yMax, f.top + f.height, f.top);
  const yText = (y: number) => (yFormat === "percent" ? shortPercent(y) : compact(y));
  const xTickLabel = optionalFunction<(x: number) => unknown>(options.xTickLabel, "xTickLabel");
  const xText = xTickLabel === undefined ? (x: number) => String(x) : (x: number) => textFrom(xTickLabel(x), "xTickLabel");

  const out: string[] = [svgOpen(width, height, title), heading(20, title)];
  // Counts (every value whole) get whole ticks.
  out.push(yGrid(f, ticks(yMin, yMax, 5, yFormat === "number" && values.every(Number.isInteger) ? 1 : 0), Y, yText));
  out.push(xTicks(f, xTickValues(xMin, xMax, f.width, xText, series.every((s) => s.points.every((p) => Number.isInteger(p.x))) ? 1 : 0), X, xText));
  out.push(yAxisLine(f), axisTitles(f, height - 14, xLabel, yLabel));
  const path = (pts: ReadonlyArray<readonly [number, number]>) => pts.map(([x, y], j) => `${j === 0 ? "M" : "L"}${num(x)} ${num(y)}`).join("");

  if (bands) {
    series.forEach((s, i) => {
      for (const run of runs(s.points, (p) => p.lower != null && p.upper != null && p.y !== null)) {
        const lowerPts = stepped(run.map((p) => [X(p.x), Y(p.lower!)] as const), s.step === true);
        const upperPts = stepped(run.map((p) => [X(p.x), Y(p.upper!)] as const), s.step === true).reverse();
        if (lowerPts.length < 2) continue;
        out.push(element("path", { class: "band", d: `${path([...lowerPts, ...upperPts])}Z`, fill: seriesColour(i), "fill-opacity": 0.14, stroke: "none" }));
      }
    });
  }
  const totalPoints = series.reduce((n, s) => n + s.points.length, 0);
  series.forEach((s, i) => {
    const colour = seriesColour(i, series.length);
    const end = tail(s);
    for (const run of runs(s.points, (p) => p.y !== null)) {
      const vertices = stepped(run.map((p) => [X(p.x), Y(p.y!)] as const), s.step === true);
      if (end.length > 0 && run[run.length - 1] === s.points[s.points.length - 1]) vertices.push([X(end[0]!), vertices[vertices.length - 1]![1]]);
      out.push(element("path", { class: "curve", d: path(vertices), fill: "none", stroke: colour, "stroke-width": series.length > 8 ? 1.6 : 2, "stroke-linejoin": "round" }));
      if (run.length <= 40 && totalPoints <= 160) {
        for (const p of run) out.push(element("circle", { cx: X(p.x), cy: Y(p.y!), r: 2.6, fill: colour }, element("title", {}, escapeXml(`${s.label}, ${xText(p.x)}: ${yText(p.y!)}`))));
      }
    }
    if (censoring) out.push(censorTicks(s, X, Y, colour, xText));
  });

  const lx = f.left + f.width + 22;
  series.forEach((s, i) => {
    const y = top + 8 + i * rowH;
    out.push(element("line", { x1: lx, y1: y, x2: lx + 20, y2: y, stroke: seriesColour(i, series.length), "stroke-width": 2.5 }));
    out.push(text(lx + 26, y + 4, s.label.length > 26 ? `${s.label.slice(0, 25)}…` : s.label, { "font-size": legendFont, fill: INK.title }));
  });
  let noteY = top + 8 + series.length * rowH + 6;
  if (hasBands) {
    out.push(text(lx, noteY, bandNote, { "font-size": 11, fill: INK.note }));
    noteY += 16;
  }
  if (hasCensoring) {
    out.push(element("line", { x1: lx + 4, y1: noteY - 8, x2: lx + 4, y2: noteY + 1, stroke: INK.note, "stroke-width": 1.5 }));
    out.push(text(lx + 12, noteY, censorNote, { "font-size": 11, fill: INK.note }));
  }
  out.push("</svg>");
  return out.join("");
}

/**
 * Small vertical ticks on a curve where observations were censored, with a tooltip of how many: on a
 * step curve in the middle of the period (the customers were seen alive in it, nothing is known
 * after), elsewhere at the point.
 */
function censorTicks(s: CurveSeries, X: (x: number) => number, Y: (y: number) => number, colour: string, xText: (x: number) => string): string {
  const label = s.label;
  return s.points
    .filter((p) => (p.censored ?? 0) > 0 && p.y !== null)
    .map((p) => {
      const x = X(s.step === true ? p.x + 0.5 : p.x);
      const y = Y(p.y!);
      const tip = element("title", {}, escapeXml(`${label}, ${xText(p.x)}: ${p.censored} censored`));
      return element("line", { class: "censor", x1: x, y1: y - 5, x2: x, y2: y + 5, stroke: colour, "stroke-width": 1.5 }, tip);
    })
    .join("");
}

