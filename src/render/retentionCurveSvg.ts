/**
 * `retentionCurveSvg`: retention or survival curves with their confidence
 * bands, as a self-contained SVG line chart.
 *
 * @module
 */
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { SurvivalCurve, SurvivalGroup } from "../cohorts/survivalCurve.ts";
import { InvalidInputError } from "../errors.ts";
import { requirePositive } from "../validate.ts";
import { PALETTE } from "./colors.ts";
import { capitalize, compact, niceCeil, shortPercent, unitNoun } from "./format.ts";
import { isCohortMatrix, isSurvivalCurve } from "./kinds.ts";
import { element, escapeXml, num, svgOpen, text, textWidth } from "./markup.ts";

/** One point of a {@link CurveSeries}. */
export interface CurvePoint {
  /** Position on the horizontal axis (an offset in periods). */
  x: number;
  /** The value, or `null` for a gap (a censored point). */
  y: number | null;
  /** Lower bound of the band at this point, if any. */
  lower?: number | null;
  /** Upper bound of the band at this point, if any. */
  upper?: number | null;
}

/** A curve to draw: a label, points, and whether it is a step function (survival). */
export interface CurveSeries {
  /** The legend's label. */
  label: string;
  /** The points, in increasing x. */
  points: readonly CurvePoint[];
  /** Draw as steps (a Kaplan-Meier curve) rather than straight segments; default false. */
  step?: boolean;
}

/** One thing {@link retentionCurveSvg} can draw: a result, one group of a survival curve, or a series. */
export type CurveSource = SurvivalCurve | SurvivalGroup | CohortMatrix | CurveSeries;

/** What {@link retentionCurveSvg} draws: one source or a list of them. */
export type CurveInput = CurveSource | ReadonlyArray<CurveSource>;

/** Options of {@link retentionCurveSvg}. */
export interface RetentionCurveOptions {
  /** The title; default "Survival of customers" or "Retention curve". */
  title?: string;
  /** Label of the horizontal axis; default e.g. "Months since first activity". */
  xLabel?: string;
  /** Label of the vertical axis; default "Share of customers" for rates. */
  yLabel?: string;
  /** Width in pixels; default 760. */
  width?: number;
  /** Height in pixels; default 440. */
  height?: number;
  /** Draw the confidence bands (where the input has them); default true. */
  bands?: boolean;
  /** `"percent"` for shares of customers (the default for survival, customer retention and series within [0, 1]) or `"number"`. */
  yFormat?: "percent" | "number";
  /** The text of a horizontal tick (default: the number). */
  xTickLabel?: (x: number) => string;
}

/**
 * One or more retention or survival curves with their confidence bands, as a
 * self-contained SVG line chart: axes with ticks and grid lines, a title, axis
 * labels and a legend; bands are translucent areas of the curve's colour.
 *
 * What is drawn: a survival curve's groups (or its overall curve when it has
 * none) as steps with their log-log bands (pass the curve and one of its
 * `groups` to draw both); a cohort matrix's size-weighted
 * average curve, with its Wilson band when the matrix has intervals; a
 * {@link CurveSeries} as given. `null` values leave gaps. Colours are the
 * Okabe-Ito palette, readable with any colour vision; past eight curves the
 * lines are dashed too.
 *
 * @param curves - a `survivalCurve` result or one of its groups, a `cohortMatrix` result, a {@link CurveSeries},
 *   or a list of them
 * @param options - `title`, `xLabel`, `yLabel`, `width` (760), `height` (440), `bands` (true),
 *   `yFormat`, `xTickLabel`
 * @returns the SVG document as a string
 * @throws {@link InvalidInputError} when the input has no curve to draw or an option is invalid
 * @see M. Okabe and K. Ito (2008), "Color Universal Design", the colour-blind-safe palette; the curves
 *   and bands are those of `survivalCurve` (Kaplan-Meier, log-log) and `cohortMatrix` (Wilson).
 * @example
 * ```ts
 * import { retentionCurveSvg } from "retention-metrics";
 * const svg = retentionCurveSvg({
 *   label: "2024-01 cohort",
 *   points: [{ x: 0, y: 1 }, { x: 1, y: 0.42, lower: 0.35, upper: 0.5 }, { x: 2, y: 0.3, lower: 0.23, upper: 0.38 }],
 * }, { title: "Retention" });
 * console.log(svg.includes("2024-01 cohort")); // true
 * ```
 */
export function retentionCurveSvg(curves: CurveInput, options: RetentionCurveOptions = {}): string {
  const series = toSeries(curves);
  if (series.length === 0 || series.every((s) => s.points.every((p) => p.y === null))) {
    throw new InvalidInputError({ field: "curves", value: curves, expected: "at least one curve with a value to draw" });
  }
  const width = requirePositive(options.width ?? 760, "width");
  const height = requirePositive(options.height ?? 440, "height");
  const bands = options.bands ?? true;
  const unit = unitOf(curves);
  const values = series.flatMap((s) => s.points.flatMap((p) => [p.y, ...(bands ? [p.lower ?? null, p.upper ?? null] : [])])).filter((v): v is number => v !== null && Number.isFinite(v));
  const yFormat = options.yFormat ?? (sharesOnly(curves) && values.every((v) => v >= 0 && v <= 1) ? "percent" : "number");
  const allSurvival = isSurvivalInput(curves);
  const title = options.title ?? (allSurvival ? "Survival of customers" : "Retention curve");
  const xLabel = options.xLabel ?? (unit === null ? "Periods since first activity" : `${capitalize(unitNoun(unit))} since first activity`);
  const yLabel = options.yLabel ?? (yFormat === "percent" ? (allSurvival ? "Share still customers" : "Share of customers") : "Value");

  const hasBands = bands && series.some((s) => s.points.some((p) => p.lower != null));
  const level = confidenceOf(curves);
  const bandNote = `shaded: ${level === null ? "" : `${Math.round(level * 1000) / 10}% `}confidence band`;
  const legendW = Math.min(220, Math.max(90, ...series.map((s) => textWidth(s.label, 12) + 34), hasBands ? textWidth(bandNote, 11) + 8 : 0));
  const left = 70;
  const right = legendW + 24;
  const top = 58;
  const bottom = 56;
  const plotW = Math.max(width - left - right, 60);
  const plotH = Math.max(height - top - bottom, 60);
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter(Number.isFinite);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs, xMin + 1);
  const yMax = yFormat === "percent" ? 1 : niceCeil(Math.max(...values, 0) || 1);
  const yMin = yFormat === "percent" ? 0 : Math.min(0, ...values);
  const X = (x: number) => left + ((x - xMin) / (xMax - xMin)) * plotW;
  const Y = (y: number) => top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const yText = (y: number) => (yFormat === "percent" ? shortPercent(y) : compact(y));
  const xText = options.xTickLabel ?? ((x: number) => String(x));

  const out: string[] = [svgOpen(width, height, title)];
  out.push(text(20, 30, title, { "font-size": 16, "font-weight": 600, fill: "#1a1a1a" }));
  // Grid and axes.
  for (let i = 0; i <= 5; i++) {
    const v = yMin + ((yMax - yMin) * i) / 5;
    const y = Y(v);
    out.push(element("line", { x1: left, y1: y, x2: left + plotW, y2: y, stroke: i === 0 ? "#888888" : "#e6e6e6" }));
    out.push(text(left - 8, y + 4, yText(v), { "font-size": 11, "text-anchor": "end", fill: "#444444" }));
  }
  const widestTick = Math.max(...sampleTicks(xMin, xMax).map((x) => textWidth(xText(x), 11)));
  const xStep = tickStep(xMax - xMin, Math.max(2, Math.floor(plotW / Math.max(widestTick + 12, 30))));
  for (let x = Math.ceil(xMin / xStep) * xStep; x <= xMax + 1e-9; x += xStep) {
    out.push(element("line", { x1: X(x), y1: top + plotH, x2: X(x), y2: top + plotH + 5, stroke: "#888888" }));
    out.push(text(X(x), top + plotH + 18, xText(x), { "font-size": 11, "text-anchor": "middle", fill: "#444444" }));
  }
  out.push(element("line", { x1: left, y1: top, x2: left, y2: top + plotH, stroke: "#888888" }));
  out.push(text(left + plotW / 2, height - 14, xLabel, { "font-size": 12, "text-anchor": "middle", fill: "#333333" }));
  out.push(text(0, 0, yLabel, { "font-size": 12, "text-anchor": "middle", fill: "#333333", transform: `translate(18 ${num(top + plotH / 2)}) rotate(-90)` }));

  // Bands under the lines, then the lines and markers.
  series.forEach((s, i) => {
    if (!bands) return;
    const colour = PALETTE[i % PALETTE.length]!;
    for (const run of runs(s.points, (p) => p.lower != null && p.upper != null && p.y !== null)) {
      const lowerPts = stepped(run.map((p) => [X(p.x), Y(p.lower!)] as const), s.step === true);
      const upperPts = stepped(run.map((p) => [X(p.x), Y(p.upper!)] as const), s.step === true).reverse();
      if (lowerPts.length < 2) continue;
      const d = [...lowerPts, ...upperPts].map(([x, y], j) => `${j === 0 ? "M" : "L"}${num(x)} ${num(y)}`).join("") + "Z";
      out.push(element("path", { class: "band", d, fill: colour, "fill-opacity": 0.14, stroke: "none" }));
    }
  });
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const dash = i >= PALETTE.length ? "6 3" : undefined;
    for (const run of runs(s.points, (p) => p.y !== null)) {
      const pts = stepped(run.map((p) => [X(p.x), Y(p.y!)] as const), s.step === true);
      const d = pts.map(([x, y], j) => `${j === 0 ? "M" : "L"}${num(x)} ${num(y)}`).join("");
      out.push(element("path", { class: "curve", d, fill: "none", stroke: colour, "stroke-width": 2, "stroke-dasharray": dash, "stroke-linejoin": "round" }));
      if (run.length <= 40) {
        for (const p of run) {
          out.push(element("circle", { cx: X(p.x), cy: Y(p.y!), r: 2.6, fill: colour }, element("title", {}, escapeXml(`${s.label}, ${xText(p.x)}: ${yText(p.y!)}`))));
        }
      }
    }
  });

  // Legend.
  const lx = left + plotW + 22;
  series.forEach((s, i) => {
    const y = top + 8 + i * 20;
    const colour = PALETTE[i % PALETTE.length]!;
    out.push(element("line", { x1: lx, y1: y, x2: lx + 20, y2: y, stroke: colour, "stroke-width": 2.5, "stroke-dasharray": i >= PALETTE.length ? "6 3" : undefined }));
    const label = s.label.length > 26 ? `${s.label.slice(0, 25)}…` : s.label;
    out.push(text(lx + 26, y + 4, label, { "font-size": 12, fill: "#1a1a1a" }));
  });
  if (hasBands) out.push(text(lx, top + 8 + series.length * 20 + 6, bandNote, { "font-size": 11, fill: "#666666" }));
  out.push("</svg>");
  return out.join("");
}

/** The curves of an input. */
function toSeries(input: CurveInput): CurveSeries[] {
  const list = Array.isArray(input) ? (input as ReadonlyArray<CurveSource>) : [input as CurveSource];
  const points = (e: SurvivalGroup | SurvivalCurve) => e.points.map((p) => ({ x: p.offset, y: p.survival, lower: p.lower, upper: p.upper }));
  return list.flatMap((item): CurveSeries[] => {
    if (isSurvivalCurve(item)) {
      if (item.groups.length === 0) return [{ label: `all customers (${item.customers})`, points: points(item), step: true }];
      return item.groups.map((g) => ({ label: `${g.group} (${g.customers})`, points: points(g), step: true }));
    }
    if (isSurvivalGroup(item)) return [{ label: `${item.group} (${item.customers})`, points: points(item), step: true }];
    if (isCohortMatrix(item)) {
      const what = item.measure === "customers" ? (item.mode === "unbounded" ? "unbounded retention" : "retention") : `${item.measure} per customer`;
      return [{
        label: `average ${what}`,
        points: item.offsets.map((k, i) => {
          const ci = item.averageIntervals?.[i] ?? null;
          return { x: k, y: item.average[i] ?? null, ...(ci === null ? {} : { lower: ci.lower, upper: ci.upper }) };
        }),
      }];
    }
    if (typeof item === "object" && item !== null && typeof (item as CurveSeries).label === "string" && Array.isArray((item as CurveSeries).points)) return [item as CurveSeries];
    throw new InvalidInputError({ field: "curves", value: item, expected: "a survivalCurve or cohortMatrix result, or a { label, points } series" });
  });
}

/** The period unit shared by the results in the input, or null. */
function unitOf(input: CurveInput): SurvivalCurve["spec"]["unit"] | null {
  const list = Array.isArray(input) ? input : [input];
  const units = new Set(list.flatMap((x) => (isSurvivalCurve(x) || isCohortMatrix(x) ? [x.spec.unit] : [])));
  return units.size === 1 ? [...units][0]! : null;
}

/** The confidence level shared by the results in the input, or null. */
function confidenceOf(input: CurveInput): number | null {
  const list = Array.isArray(input) ? input : [input];
  const levels = new Set(list.flatMap((x) => (isSurvivalCurve(x) ? [x.confidence] : isCohortMatrix(x) && x.confidence !== undefined ? [x.confidence] : [])));
  return levels.size === 1 ? [...levels][0]! : null;
}

/** Whether every result in the input is a share of customers (survival, customer retention). */
function sharesOnly(input: CurveInput): boolean {
  const list: readonly unknown[] = Array.isArray(input) ? input : [input];
  return list.every((x) => !isCohortMatrix(x) || x.measure === "customers");
}

function isSurvivalInput(input: CurveInput): boolean {
  const list: readonly unknown[] = Array.isArray(input) ? input : [input];
  return list.every((x) => isSurvivalCurve(x) || isSurvivalGroup(x));
}

/** Whether a value looks like one group of a survival curve. */
function isSurvivalGroup(x: unknown): x is SurvivalGroup {
  return typeof x === "object" && x !== null && typeof (x as SurvivalGroup).group === "string" && Array.isArray((x as SurvivalGroup).points) && "medianLifetime" in x;
}

/** Maximal runs of consecutive points that satisfy `ok`. */
function runs(points: readonly CurvePoint[], ok: (p: CurvePoint) => boolean): CurvePoint[][] {
  const out: CurvePoint[][] = [];
  let current: CurvePoint[] = [];
  for (const p of points) {
    if (ok(p)) {
      current.push(p);
    } else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The vertices of a polyline, as steps (hold the value until the next x) when asked. */
function stepped(pts: ReadonlyArray<readonly [number, number]>, step: boolean): Array<readonly [number, number]> {
  if (!step) return [...pts];
  const out: Array<readonly [number, number]> = [];
  pts.forEach((p, i) => {
    if (i > 0) out.push([p[0], pts[i - 1]![1]]);
    out.push(p);
  });
  return out;
}

/** Up to 200 integer positions over [lo, hi], to measure tick labels. */
function sampleTicks(lo: number, hi: number): number[] {
  const step = Math.max(1, Math.ceil((hi - lo) / 200));
  const out: number[] = [];
  for (let x = Math.ceil(lo); x <= hi; x += step) out.push(x);
  return out.length > 0 ? out : [lo];
}

/** A tick step of 1, 2 or 5 times a power of ten giving at most `count` ticks over `span` (at least 1). */
function tickStep(span: number, count: number): number {
  const raw = Math.max(span / count, 1);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
