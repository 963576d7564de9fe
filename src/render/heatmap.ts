/**
 * The pieces of every heatmap: the hatch of censored cells and the colour
 * gradient, a coloured cell with its value, and the colour legend.
 *
 * @internal
 * @module
 */
import { INK, sequential, textOn } from "./colors.ts";
import { element, escapeXml, text } from "./markup.ts";
import { linear } from "./axes.ts";
import { legendTicks } from "./ticks.ts";

/** Id of the hatch pattern of censored cells. */
export const HATCH = "rm-heatmap-censored";
/** Id of the sequential gradient of the legend. */
const GRADIENT = "rm-heatmap-scale";

/** The `<defs>` a heatmap refers to: the hatch and the gradient. */
export function heatmapDefs(): string {
  return (
    "<defs>" +
    `<pattern id="${HATCH}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    element("rect", { width: 6, height: 6, fill: INK.hatchBackground }) +
    element("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: INK.hatchStripe, "stroke-width": 2.5 }) +
    "</pattern>" +
    `<linearGradient id="${GRADIENT}" x1="0" y1="1" x2="0" y2="0">` +
    Array.from({ length: 9 }, (_, i) => element("stop", { offset: i / 8, "stop-color": sequential(i / 8) })).join("") +
    "</linearGradient></defs>"
  );
}

/** Where a cell goes and what it says. */
export interface CellSpec {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Class list of the rect (`cell`, `average`, ...). */
  cls: string;
  /** The tooltip. */
  tip: string;
  /** The printed value, or null to print nothing. */
  label: string | null;
  /** Font size of the value. */
  fontSize: number;
  /** Bold value (an average row). */
  bold?: boolean;
  /** A second, smaller line under the value (a count), or null. */
  detail?: string | null;
}

/** A cell filled with `fill`, its value printed in dark or white, whichever contrasts more. */
export function heatCell(c: CellSpec, fill: string): string {
  const ink = textOn(fill);
  const tip = element("title", {}, escapeXml(c.tip));
  const twoLines = c.label !== null && c.detail != null;
  const middle = c.y + c.height / 2;
  return (
    element("rect", { class: c.cls, x: c.x, y: c.y, width: c.width - 1, height: c.height - 1, fill }, tip) +
    (c.label === null ? "" : text(c.x + c.width / 2, twoLines ? middle - 1 : middle + c.fontSize * 0.36, c.label, { "font-size": c.fontSize, "text-anchor": "middle", fill: ink, "font-weight": c.bold ? 600 : undefined })) +
    (twoLines ? text(c.x + c.width / 2, middle + c.fontSize * 0.95, c.detail!, { "font-size": c.fontSize - 2, "text-anchor": "middle", fill: ink, "fill-opacity": 0.8 }) : "")
  );
}

/** A censored cell: hatched grey, nothing printed. */
export function censoredCell(c: CellSpec): string {
  return element("rect", { class: `${c.cls} censored`, x: c.x, y: c.y, width: c.width - 1, height: c.height - 1, fill: `url(#${HATCH})` }, element("title", {}, escapeXml(c.tip)));
}

/** A cell with nothing to measure: white, outlined, a dash when values are printed. */
export function emptyCell(c: CellSpec): string {
  return (
    element("rect", { class: c.cls, x: c.x, y: c.y, width: c.width - 1, height: c.height - 1, fill: INK.paper, stroke: INK.grid }, element("title", {}, escapeXml(c.tip))) +
    (c.label === null ? "" : text(c.x + c.width / 2, c.y + c.height / 2 + c.fontSize * 0.36, "–", { "font-size": c.fontSize, "text-anchor": "middle", fill: INK.placeholder }))
  );
}

/** What the colour legend shows. */
export interface LegendSpec {
  x: number;
  top: number;
  height: number;
  /** The values of the lightest and darkest colour. */
  lo: number;
  hi: number;
  /** Values above `hi` exist and are drawn in the darkest colour. */
  clampedHigh: boolean;
  /** Values below `lo` exist and are drawn in the lightest colour. */
  clampedLow: boolean;
  /** A tick's text. */
  label: (v: number) => string;
  /** A line above the gradient (the unit, e.g. "USD per customer"), or null. */
  title: string | null;
  /** The text of the hatched swatch under the gradient, or null for none. */
  censored: string | null;
}

/** The vertical colour legend: the gradient, round ticks, and the censored swatch under it. */
export function colourLegend(l: LegendSpec): string {
  const x = l.x;
  const parts: string[] = [];
  if (l.title !== null) parts.push(text(x, l.top - 10, l.title, { "font-size": 11, fill: INK.text, "font-weight": 600 }));
  parts.push(element("rect", { x, y: l.top, width: 14, height: l.height, fill: `url(#${GRADIENT})`, stroke: INK.border, "stroke-width": 0.5 }));
  const Y = linear(l.lo, l.hi, l.top + l.height, l.top);
  const values = legendTicks(l.lo, l.hi);
  for (const v of values) {
    const y = Y(v);
    const mark = v >= l.hi - 1e-12 * Math.abs(l.hi) && l.clampedHigh ? "≥ " : v <= l.lo + 1e-12 * Math.abs(l.lo) && l.clampedLow ? "≤ " : "";
    parts.push(element("line", { x1: x + 14, y1: y, x2: x + 18, y2: y, stroke: INK.tickMark }));
    parts.push(text(x + 21, y + 4, `${mark}${l.label(v)}`, { "font-size": 11, fill: INK.text }));
  }
  if (l.censored !== null) {
    const y = l.top + l.height + 18;
    parts.push(element("rect", { x, y, width: 14, height: 14, fill: `url(#${HATCH})`, stroke: INK.border, "stroke-width": 0.5 }));
    parts.push(text(x + 21, y + 11, l.censored, { "font-size": 11, fill: INK.text }));
  }
  return `<g class="legend">${parts.join("")}</g>`;
}
