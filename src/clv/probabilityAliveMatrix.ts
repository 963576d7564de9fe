/**
 * `probabilityAliveMatrix`: P(alive) over a grid of frequency and recency, the
 * data of the classic heatmap.
 *
 * @module
 */
import type { BgBbModel } from "./bgBb.ts";
import { historyGrid } from "./historyGrid.ts";
import type { PurchaseModel } from "./purchaseModel.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * Options of {@link probabilityAliveMatrix}.
 *
 * @category Lifetime value
 */
export interface ProbabilityAliveMatrixOptions {
  /** T, the age of the customers on the grid (time units since their first purchase). */
  T: number;
  /** Largest frequency on the grid (rows 0..maxFrequency); default 20. */
  maxFrequency?: number | undefined;
  /** Number of recency steps from 0 to T (columns); default 20. */
  recencySteps?: number | undefined;
}

/**
 * The result of {@link probabilityAliveMatrix}.
 *
 * @category Lifetime value
 */
export interface ProbabilityAliveMatrix {
  /** The age T of every cell. */
  T: number;
  /** Row values: frequencies 0..maxFrequency. */
  frequencies: number[];
  /** Column values: recencies from 0 to T in equal steps. */
  recencies: number[];
  /**
   * values[i][j] = P(alive | frequency i, recency j, T); `null` where the history is impossible
   * (frequency 0 with recency > 0).
   */
  values: Array<Array<number | null>>;
}

/**
 * The probability that a customer is still active, over a grid of frequency
 * and recency at a fixed age T: the heatmap of Fader, Hardie & Lee (2005)
 * showing that a frequent buyer who has not bought for a while is likely gone.
 *
 * Formula: cell (f, t_x) = model.probabilityAlive({ frequency: f, recency: t_x, T }),
 * with t_x = j T / recencySteps for j = 0..recencySteps.
 *
 * @param model - a fitted BG/NBD, MBG/NBD or Pareto/NBD model; or a BG/BB model, whose grid is over
 *   opportunities: `T` the opportunities observed (an integer), one column per opportunity 0..T of the
 *   last transaction, cells P(alive at T + 1), `null` where frequency > recency
 * @param options - `T` (required), `maxFrequency` (default 20; for BG/BB min(T, 20)), `recencySteps`
 *   (default 20; for BG/BB T)
 * @returns the grid and its values
 * @throws {@link InvalidInputError} for an invalid model (not one of fitBgNbd, fitModifiedBgNbd or fitParetoNbd or their rebuild functions, a method
 *   missing, or `params` outside their accepted ranges: field `model.probabilityAlive`, `model.params.r`, ...)
 *   or option (`options` itself not an object)
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way",
 *   Marketing Science 24(2), 275-284.
 * @example
 * ```ts
 * import { fitBgNbd, probabilityAliveMatrix, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const m = probabilityAliveMatrix(model, { T: 39, maxFrequency: 5, recencySteps: 3 });
 * console.log(m.recencies); // [0,13,26,39]
 * // 5 purchases: the later the last, the likelier alive
 * console.log(m.values[5]!.map((p) => p?.toFixed(2))); // ["0.00","0.06","0.57","0.90"]
 * ```
 * @category Lifetime value
 */
export function probabilityAliveMatrix(model: PurchaseModel | BgBbModel, options: ProbabilityAliveMatrixOptions): ProbabilityAliveMatrix {
  return displayable(
    historyGrid(model, options, ["T", "maxFrequency?", "recencySteps?"], {
      purchase: (m) => (history) => m.probabilityAlive(history),
      opportunity: (m) => (history) => m.probabilityAlive(history),
    }),
  );
}
