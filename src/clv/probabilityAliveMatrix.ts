/**
 * `probabilityAliveMatrix`: P(alive) over a grid of frequency and recency, the
 * data of the classic heatmap.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireCount, requireIntegerIn, requireNonNegative, requirePositiveCount, requireRecord } from "../validate.ts";
import type { BgBbModel } from "./bgBb.ts";
import { MAX_OPPORTUNITIES } from "./bgBbLikelihood.ts";
import { checkBgBbModel, checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";
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
  if (model !== null && typeof model === "object" && model.model === "BG/BB") return opportunityMatrix(checkBgBbModel(model), options);
  checkPurchaseModel(model as PurchaseModel);
  requireRecord(options, "options", ["T", "maxFrequency?", "recencySteps?"]);
  const T = requireNonNegative(options.T, "T");
  const maxFrequency = requireCount(options.maxFrequency ?? 20, "maxFrequency");
  const steps = requirePositiveCount(options.recencySteps ?? 20, "recencySteps");
  if ((maxFrequency + 1) * (steps + 1) > 1_000_000) {
    throw new InvalidInputError({ field: "recencySteps", value: steps, expected: "a grid of at most 1,000,000 cells" });
  }
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, i) => i);
  const recencies = Array.from({ length: steps + 1 }, (_, j) => (j === steps ? T : (j * T) / steps));
  const values = frequencies.map((frequency) =>
    recencies.map((recency) => (frequency === 0 && recency > 0 ? null : (model as PurchaseModel).probabilityAlive({ frequency, recency, T }))),
  );
  return displayable({ T, frequencies, recencies, values });
}

/**
 * The BG/BB grid: T is the number of opportunities observed (an integer), the columns are the
 * opportunities 0..T of the last transaction, and a cell is P(alive at T + 1); `null` where no
 * history has it (a frequency above the recency, or a frequency and recency not both 0 or both positive).
 */
function opportunityMatrix(model: BgBbModel, options: ProbabilityAliveMatrixOptions): ProbabilityAliveMatrix {
  requireRecord(options, "options", ["T", "maxFrequency?", "recencySteps?"]);
  const T = requireIntegerIn(options.T, "T", 0, MAX_OPPORTUNITIES);
  const maxFrequency = requireIntegerIn(options.maxFrequency ?? Math.min(T, 20), "maxFrequency", 0, MAX_OPPORTUNITIES);
  if (options.recencySteps !== undefined && options.recencySteps !== T) {
    throw new InvalidInputError({ field: "recencySteps", value: options.recencySteps, expected: `T (${T}) or nothing: a BG/BB grid has one column per opportunity` });
  }
  if ((maxFrequency + 1) * (T + 1) > 1_000_000) {
    throw new InvalidInputError({ field: "T", value: T, expected: "a grid of at most 1,000,000 cells" });
  }
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, i) => i);
  const recencies = Array.from({ length: T + 1 }, (_, j) => j);
  const values = frequencies.map((frequency) =>
    recencies.map((recency) => (frequency > recency || (frequency === 0) !== (recency === 0) ? null : model.probabilityAlive({ frequency, recency, periods: T }))),
  );
  return displayable({ T, frequencies, recencies, values });
}
