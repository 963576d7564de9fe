/**
 * `expectedPurchasesSvg`: the expected-purchases matrix over frequency x
 * recency as a heatmap (lifetimes' `plot_frequency_recency_matrix`).
 *
 * @module
 */
import type { ExpectedPurchasesMatrix } from "../clv/expectedPurchasesMatrix.ts";
import { fixed, plain } from "./format.ts";
import { historyGridSvg } from "./historyGridSvg.ts";
import { niceCeil } from "./ticks.ts";

/**
 * Options of {@link expectedPurchasesSvg}.
 *
 * @category Rendering
 */
export interface ExpectedPurchasesSvgOptions {
  /** Title; default "Expected purchases by frequency and recency". */
  title?: string;
  /** Cell size in pixels, 8 to 200; default 30 (values are printed from 22). */
  cellSize?: number;
  /**
   * The time unit of the summary the model was fitted to, named on the recency axis and in the
   * subtitle: `"day"`, `"week"` (as `rfmSummary`'s `timeUnit`) or another singular noun. Default: "time unit".
   */
  timeUnit?: string;
}

/** A value in at most four characters: 0.07, 1.23, 12.3, 123. */
function short(v: number): string {
  return v < 9.995 ? v.toFixed(2) : v < 99.95 ? v.toFixed(1) : String(Math.round(v));
}

/**
 * The expected-purchases matrix as a heatmap: frequency (rows, 0 at the top)
 * by recency (columns), each cell coloured and labelled with the expected
 * purchases in the next t time units, E[Y(t) | frequency, recency, T], with a
 * colour legend from 0 to a round number above the largest cell; impossible
 * histories are left blank. The best customers ahead sit at the bottom right:
 * many purchases, the last one recent.
 *
 * @param matrix - the result of {@link expectedPurchasesMatrix}
 * @param given - the options: `title`, `cellSize` (30), `timeUnit`
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when the matrix is empty, a cell is not a finite number of at least 0,
 *   `matrix.t` or `matrix.T` is not a finite number, or an option is invalid
 * @see CamDavidsonPilon/lifetimes, `plotting.plot_frequency_recency_matrix`; Fader, Hardie & Lee (2005),
 *   "'Counting Your Customers' the Easy Way", figure 4.
 * @example
 * ```ts
 * import { expectedPurchasesMatrix, expectedPurchasesSvg, fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const svg = expectedPurchasesSvg(expectedPurchasesMatrix(model, { T: 39, t: 13, maxFrequency: 10, recencySteps: 13 }), { timeUnit: "week" });
 * console.log(svg.includes("Purchases expected in the next 13 weeks"), svg.includes('class="cell"')); // true true
 * ```
 * @category Rendering
 */
export function expectedPurchasesSvg(matrix: ExpectedPurchasesMatrix, given?: ExpectedPurchasesSvgOptions): string {
  const horizon = plain(matrix?.t, 2, "-", "matrix.t");
  return historyGridSvg(matrix, given, {
    source: "expectedPurchasesMatrix",
    title: "Expected purchases by frequency and recency",
    subtitle: (age, units) => `Purchases expected in the next ${horizon} ${units} of customers of age T = ${age} ${units}. Blank: impossible.`,
    expected: "a finite number of at least 0 (expected purchases)",
    accepts: (v) => Number.isFinite(v) && v >= 0 && v <= 1e15,
    top: niceCeil,
    label: short,
    tip: (v) => `${fixed(v, 3)} expected purchases`,
    legendTitle: "Purchases",
    legendLabel: (v) => String(Math.round(v * 100) / 100),
  });
}
