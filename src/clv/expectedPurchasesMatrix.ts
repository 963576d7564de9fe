/**
 * `expectedPurchasesMatrix`: a customer's expected purchases in the next t time
 * units over a grid of frequency and recency, the data of lifetimes'
 * frequency/recency matrix.
 *
 * @module
 */
import { displayable } from "../displayProtocol.ts";
import { InvalidInputError } from "../errors.ts";
import { formatCount, requireIntegerIn, requireNonNegative } from "../validate.ts";
import type { BgBbModel } from "./bgBb.ts";
import { MAX_OPPORTUNITIES } from "./bgBbLikelihood.ts";
import { historyGrid } from "./historyGrid.ts";
import type { PurchaseModel } from "./purchaseModel.ts";

/**
 * Options of {@link expectedPurchasesMatrix}.
 *
 * @category Lifetime value
 */
export interface ExpectedPurchasesMatrixOptions {
  /** T, the age of the customers on the grid (time units since their first purchase). */
  T: number;
  /** The horizon: purchases in the next t time units, (T, T + t]; default 1 (as lifetimes' `T=1`). */
  t?: number | undefined;
  /** Largest frequency on the grid (rows 0..maxFrequency); default 20. */
  maxFrequency?: number | undefined;
  /** Number of recency steps from 0 to T (columns); default 20. */
  recencySteps?: number | undefined;
}

/**
 * The result of {@link expectedPurchasesMatrix}.
 *
 * @category Lifetime value
 */
export interface ExpectedPurchasesMatrix {
  /** The age T of every cell. */
  T: number;
  /** The horizon t of every cell. */
  t: number;
  /** Row values: frequencies 0..maxFrequency. */
  frequencies: number[];
  /** Column values: recencies from 0 to T in equal steps. */
  recencies: number[];
  /**
   * values[i][j] = E[Y(t) | frequency i, recency j, T]; `null` where the history is impossible
   * (frequency 0 with recency > 0).
   */
  values: Array<Array<number | null>>;
}

/** The most BG/BB work: a cell sums over its t opportunities, so cells x t is bounded. */
const MAX_OPPORTUNITY_WORK = 50_000_000;

/**
 * The expected number of purchases in the next t time units of a customer with
 * each frequency and recency at a fixed age T: lifetimes'
 * `plot_frequency_recency_matrix`, showing that the best customers ahead are
 * the frequent buyers who bought recently (Fader, Hardie & Lee 2005, figure 4).
 *
 * Formula: cell (x, t_x) = model.conditionalExpectedPurchases(t, { frequency: x, recency: t_x, T }),
 * E[Y(t) | x, t_x, T], with t_x = j T / recencySteps for j = 0..recencySteps. Over the same grid as
 * `probabilityAliveMatrix` (and the same 1,000,000-cell bound): for these models
 * E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) g(t, x, T), so each row is its P(alive) row scaled.
 *
 * @param model - a fitted BG/NBD, MBG/NBD or Pareto/NBD model; or a BG/BB model, whose grid is over
 *   opportunities: `T` and `t` integers of opportunities, one column per opportunity 0..T of the last
 *   transaction, `null` where frequency > recency
 * @param options - `T` (required), `t` (default 1), `maxFrequency` (default 20; for BG/BB min(T, 20)),
 *   `recencySteps` (default 20; for BG/BB T)
 * @returns the grid, the horizon and the values
 * @throws {@link InvalidInputError} for an invalid model (field `model`, `model.conditionalExpectedPurchases`,
 *   `model.params.r`, ...), `options` not an object, `T` or `t` negative or not finite (for BG/BB not
 *   an integer), or more than 1,000,000 cells (field `recencySteps`; for BG/BB `T`, and `t` when cells x t
 *   exceeds 50,000,000)
 * @see CamDavidsonPilon/lifetimes, `plotting.plot_frequency_recency_matrix` (the definition, not the code);
 *   P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way",
 *   Marketing Science 24(2), 275-284, equation (10).
 * @example
 * ```ts
 * import { expectedPurchasesMatrix, fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const m = expectedPurchasesMatrix(model, { T: 39, t: 10, maxFrequency: 5, recencySteps: 3 });
 * console.log(m.recencies); // [0,13,26,39]
 * // 5 purchases, the last at week 39: the most expected in the next 10 weeks
 * console.log(m.values[5]!.map((v) => v?.toFixed(2))); // ["0.00","0.07","0.66","1.03"]
 * ```
 * @category Lifetime value
 */
export function expectedPurchasesMatrix(model: PurchaseModel | BgBbModel, options: ExpectedPurchasesMatrixOptions): ExpectedPurchasesMatrix {
  let t = 0;
  const grid = historyGrid(model, options, ["T", "t?", "maxFrequency?", "recencySteps?"], {
    purchase: (m) => {
      t = requireNonNegative(options.t ?? 1, "t");
      return (history) => m.conditionalExpectedPurchases(t, history);
    },
    opportunity: (m, _T, cells) => {
      t = requireIntegerIn(options.t ?? 1, "t", 0, MAX_OPPORTUNITIES);
      if (cells * Math.max(1, t) > MAX_OPPORTUNITY_WORK) {
        throw new InvalidInputError({ field: "t", value: t, expected: `at most ${formatCount(MAX_OPPORTUNITY_WORK)} cells x opportunities ahead (here ${formatCount(cells)} cells): a smaller t, T or maxFrequency` });
      }
      return (history) => m.conditionalExpectedPurchases(t, history);
    },
  });
  return displayable({ T: grid.T, t, frequencies: grid.frequencies, recencies: grid.recencies, values: grid.values });
}
