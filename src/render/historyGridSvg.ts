/**
 * The heatmap of a grid of purchase histories, frequency (rows) by recency
 * (columns) at one age T: the picture of `probabilityAliveMatrix` and of
 * `expectedPurchasesMatrix`, which differ only in what a cell holds.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { INK, sequential } from "./colors.ts";
import { count, fixed, plain } from "./format.ts";
import { colourLegend, heatCell, heatmapDefs } from "./heatmap.ts";
import { heading, optionalText, renderOptions, requireSize, svgOpen, text, textWidth, timeUnitsOption, verticalText } from "./markup.ts";

/** A grid of histories as the renderers read it. */
export interface HistoryGridInput {
  T: number;
  frequencies: number[];
  recencies: number[];
  values: Array<Array<number | null>>;
}

/** The options both pictures take. */
export interface HistoryGridSvgOptions {
  title?: string;
  cellSize?: number;
  timeUnit?: string;
}

/** What one grid's picture says about its cells. */
export interface GridPicture {
  /** The result it draws, for messages: `"probabilityAliveMatrix"`. */
  source: string;
  /** The default title. */
  title: string;
  /** The subtitle, from the age ("39") and the unit in the plural ("weeks"). */
  subtitle: (age: string, units: string) => string;
  /** What a cell must be, for the message, and the test of it. */
  expected: string;
  accepts: (v: number) => boolean;
  /** The value of the darkest colour, from the cells' largest value. */
  top: (largest: number) => number;
  /** A cell's printed value, its tooltip's value, and the legend's title and ticks. */
  label: (v: number) => string;
  tip: (v: number) => string;
  legendTitle: string;
  legendLabel: (v: number) => string;
}

const MARGIN = { left: 64, top: 56 };

/**
 * The heatmap: frequency 0 at the top, each possible history a coloured cell (its value printed from
 * a cell size of 22 px), impossible ones (`null`) left blank, a colour legend from 0 to `top`, and the
 * recency axis in the summary's `timeUnit`.
 *
 * @throws {@link InvalidInputError} when the grid is empty, a row is not an array, a cell fails
 *   `accepts`, or an option is invalid
 */
export function historyGridSvg(matrix: HistoryGridInput, given: HistoryGridSvgOptions | undefined, picture: GridPicture): string {
  const options = renderOptions(given, '{ timeUnit: "week" }');
  const values = matrix?.values;
  if (!Array.isArray(values) || values.length === 0 || !Array.isArray(matrix.recencies) || matrix.recencies.length === 0) {
    throw new InvalidInputError({ field: "matrix", value: matrix, expected: `the result of ${picture.source}, with at least one cell` });
  }
  values.forEach((row, i) => {
    if (!Array.isArray(row)) throw new InvalidInputError({ field: `matrix.values[${i}]`, value: row, expected: "a row of values (one per recency)" });
  });
  let largest = 0;
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      if (!(typeof v === "number" && picture.accepts(v))) throw new InvalidInputError({ field: `matrix.values[${i}][${j}]`, value: v, expected: `${picture.expected}, or null` });
      largest = Math.max(largest, v);
    }),
  );
  const size = requireSize(options.cellSize ?? 30, "cellSize", 8, 200);
  const units = timeUnitsOption(options.timeUnit);
  const title = optionalText(options.title, "title") ?? picture.title;
  const subtitle = picture.subtitle(plain(matrix.T, 2, "-", "matrix.T"), units);
  const top = picture.top(largest);
  const cols = matrix.recencies.length;
  const left = MARGIN.left;
  const gridTop = MARGIN.top + 40;
  const gridW = cols * size;
  const gridH = values.length * size;
  const legendX = left + gridW + 24;
  const xTitle = `Recency: ${units} from the first purchase to the last`;
  const width = Math.max(legendX + 90, 40 + textWidth(subtitle, 12), 40 + textWidth(title, 16) * 1.05, 40 + textWidth(xTitle, 12));
  const height = gridTop + Math.max(gridH, 150) + 50;
  const parts = [svgOpen(width, height, title), heatmapDefs(), heading(left, title, subtitle)];
  const whole = matrix.recencies.every((r) => Number.isInteger(r));
  const recencyLabels = matrix.recencies.map((r, j) => (whole ? count(r, `matrix.recencies[${j}]`) : fixed(r, 1, "-", `matrix.recencies[${j}]`)));
  const frequencyLabels = values.map((_, i) => count(matrix.frequencies?.[i] as number, `matrix.frequencies[${i}]`));
  const step = Math.max(1, Math.ceil((Math.max(...recencyLabels.map((l) => textWidth(l, 10))) + 4) / size));
  recencyLabels.forEach((l, j) => {
    if (j % step === 0) parts.push(text(left + (j + 0.5) * size, gridTop - 8, l, { "font-size": 10, "text-anchor": "middle", fill: INK.muted }));
  });
  const fontSize = size >= 30 ? 10 : 9;
  values.forEach((row, i) => {
    parts.push(text(left - 8, gridTop + (i + 0.5) * size + 4, frequencyLabels[i]!, { "font-size": 11, "text-anchor": "end", fill: INK.muted }));
    row.forEach((v, j) => {
      if (v === null) return;
      const label = picture.label(v);
      const tip = `frequency ${frequencyLabels[i]}, recency ${recencyLabels[j] ?? "-"} ${units}: ${picture.tip(v)}`;
      // A four-character value gets a point less in a small cell.
      const font = label.length >= 4 && size < 36 ? fontSize - 1 : fontSize;
      parts.push(heatCell({ x: left + j * size, y: gridTop + i * size, width: size, height: size, cls: "cell", tip, label: size >= 22 ? label : null, fontSize: font }, sequential(top > 0 ? v / top : 0)));
    });
  });
  const yTitle = textWidth("Frequency (repeat purchases)", 12) <= gridH ? "Frequency (repeat purchases)" : "Frequency";
  parts.push(text(Math.max(left + gridW / 2, 12 + textWidth(xTitle, 12) / 2), gridTop + gridH + 24, xTitle, { "font-size": 12, "text-anchor": "middle", fill: INK.text }));
  parts.push(verticalText(16, gridTop + gridH / 2, yTitle, { "font-size": 12, fill: INK.text }));
  parts.push(colourLegend({ x: legendX, top: gridTop, height: Math.max(Math.min(gridH, 220), 120), lo: 0, hi: top, clampedHigh: false, clampedLow: false, label: picture.legendLabel, title: picture.legendTitle, censored: null }));
  parts.push("</svg>");
  return parts.join("");
}
