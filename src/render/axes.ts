/**
 * The axes every chart shares: a plot frame, linear scales, horizontal grid
 * lines with their tick labels, tick marks under the plot, and axis titles.
 *
 * @internal
 * @module
 */
import { INK } from "./colors.ts";
import { element, text, textWidth, verticalText } from "./markup.ts";
import { ticks } from "./ticks.ts";

/** The plot area of a chart, in pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A linear map from [lo, hi] onto [from, to] (a degenerate domain maps everything to `from`). */
export function linear(lo: number, hi: number, from: number, to: number): (v: number) => number {
  const span = hi - lo;
  return (v) => (span > 0 ? from + ((v - lo) / span) * (to - from) : from);
}

/** Horizontal grid lines at the ticks with their labels left of the plot; the lowest (or zero) line is darker. */
export function yGrid(frame: Frame, values: readonly number[], Y: (v: number) => number, label: (v: number) => string): string {
  const base = values.includes(0) ? 0 : values[0];
  return values
    .map((v) => {
      const y = Y(v);
      return (
        element("line", { x1: frame.left, y1: y, x2: frame.left + frame.width, y2: y, stroke: v === base ? INK.axis : INK.grid }) +
        text(frame.left - 8, y + 4, label(v), { "font-size": 11, "text-anchor": "end", fill: INK.tick })
      );
    })
    .join("");
}

/** Tick values for a horizontal axis whose labels do not overlap: round steps of at least `minStep`. */
export function xTickValues(lo: number, hi: number, plotWidth: number, label: (x: number) => string, minStep = 0): number[] {
  const sample = ticks(lo, hi, Math.max(2, Math.floor(plotWidth / 30)), minStep);
  const widest = Math.max(...sample.map((x) => textWidth(label(x), 11)), 1);
  return ticks(lo, hi, Math.max(1, Math.floor(plotWidth / (widest + 12))), minStep);
}

/** Tick marks under the plot with their labels. */
export function xTicks(frame: Frame, values: readonly number[], X: (x: number) => number, label: (x: number) => string): string {
  const bottom = frame.top + frame.height;
  return values
    .map(
      (x) =>
        element("line", { x1: X(x), y1: bottom, x2: X(x), y2: bottom + 5, stroke: INK.axis }) +
        text(X(x), bottom + 18, label(x), { "font-size": 11, "text-anchor": "middle", fill: INK.tick }),
    )
    .join("");
}

/** The vertical axis line at the left of the plot. */
export function yAxisLine(frame: Frame): string {
  return element("line", { x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.top + frame.height, stroke: INK.axis });
}

/** The axis titles: under the plot (at `xTitleY`) and rotated at the left edge. */
export function axisTitles(frame: Frame, xTitleY: number, xTitle: string, yTitle: string): string {
  return (
    text(frame.left + frame.width / 2, xTitleY, xTitle, { "font-size": 12, "text-anchor": "middle", fill: INK.text }) +
    verticalText(18, frame.top + frame.height / 2, yTitle, { "font-size": 12, fill: INK.text })
  );
}
