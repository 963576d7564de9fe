/**
 * The grid of purchase histories over frequency x recency at one age T, shared by
 * `probabilityAliveMatrix` and `expectedPurchasesMatrix`: its options, its bound, its
 * impossible cells, and the two kinds of model (calendar time and BG/BB opportunities).
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { formatCount, requireCellsWithin, requireCount, requireIntegerIn, requireNonNegative, requirePositiveCount, requireRecord } from "../validate.ts";
import type { BgBbModel } from "./bgBb.ts";
import { MAX_OPPORTUNITIES, type OpportunityHistory } from "./bgBbLikelihood.ts";
import type { PurchaseHistory } from "./histories.ts";
import { checkBgBbModel, checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";

/** The grid's options, as both matrices take them. */
export interface HistoryGridOptions {
  /** T, the age of the customers on the grid (time units, or BG/BB opportunities, since their first purchase). */
  T: number;
  /** Largest frequency on the grid (rows 0..maxFrequency); default 20 (for BG/BB min(T, 20)). */
  maxFrequency?: number | undefined;
  /** Number of recency steps from 0 to T (columns); default 20 (for BG/BB T, the only value allowed). */
  recencySteps?: number | undefined;
}

/** The grid and one value per possible history (`null` where no history has that frequency and recency). */
export interface HistoryGrid {
  T: number;
  frequencies: number[];
  recencies: number[];
  values: Array<Array<number | null>>;
}

/** What a cell is, for each kind of model; called once the grid's options are checked, so a cell's own options are checked after them. */
export interface GridCells {
  purchase(model: PurchaseModel): (history: PurchaseHistory) => number;
  opportunity(model: BgBbModel, T: number, cells: number): (history: OpportunityHistory) => number;
}

/**
 * The grid of a model: for BG/NBD, MBG/NBD and Pareto/NBD, recencies j T / recencySteps and `null`
 * at frequency 0 with recency > 0; for BG/BB (T an integer of opportunities), one column per
 * opportunity 0..T and `null` where frequency > recency or exactly one of them is 0. At most
 * 1,000,000 cells (the bound names `recencySteps`, or `T` for BG/BB).
 *
 * @throws {@link InvalidInputError} for an invalid model or option, naming the field
 */
export function historyGrid(model: PurchaseModel | BgBbModel, options: HistoryGridOptions, fields: readonly string[], cells: GridCells): HistoryGrid {
  if (model !== null && typeof model === "object" && model.model === "BG/BB") return opportunityGrid(checkBgBbModel(model), options, fields, cells);
  const purchases = checkPurchaseModel(model as PurchaseModel);
  requireRecord(options, "options", fields);
  const T = requireNonNegative(options.T, "T");
  const maxFrequency = requireCount(options.maxFrequency ?? 20, "maxFrequency");
  const steps = requirePositiveCount(options.recencySteps ?? 20, "recencySteps");
  requireCellsWithin((maxFrequency + 1) * (steps + 1), { field: "recencySteps", value: steps, what: shape(maxFrequency, steps), remedy: "use fewer recencySteps or a smaller maxFrequency" });
  const cell = cells.purchase(purchases);
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, i) => i);
  const recencies = Array.from({ length: steps + 1 }, (_, j) => (j === steps ? T : (j * T) / steps));
  const values = frequencies.map((frequency) => recencies.map((recency) => (frequency === 0 && recency > 0 ? null : cell({ frequency, recency, T }))));
  return { T, frequencies, recencies, values };
}

/** The BG/BB grid: T opportunities observed, columns the opportunities 0..T of the last transaction. */
function opportunityGrid(model: BgBbModel, options: HistoryGridOptions, fields: readonly string[], cells: GridCells): HistoryGrid {
  requireRecord(options, "options", fields);
  const T = requireIntegerIn(options.T, "T", 0, MAX_OPPORTUNITIES);
  const maxFrequency = requireIntegerIn(options.maxFrequency ?? Math.min(T, 20), "maxFrequency", 0, MAX_OPPORTUNITIES);
  if (options.recencySteps !== undefined && options.recencySteps !== T) {
    throw new InvalidInputError({ field: "recencySteps", value: options.recencySteps, expected: `T (${T}) or nothing: a BG/BB grid has one column per opportunity` });
  }
  const count = (maxFrequency + 1) * (T + 1);
  requireCellsWithin(count, { field: "T", value: T, what: shape(maxFrequency, T), remedy: "use a smaller T or maxFrequency" });
  const cell = cells.opportunity(model, T, count);
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, i) => i);
  const recencies = Array.from({ length: T + 1 }, (_, j) => j);
  const values = frequencies.map((frequency) =>
    recencies.map((recency) => (frequency > recency || (frequency === 0) !== (recency === 0) ? null : cell({ frequency, recency, periods: T }))),
  );
  return { T, frequencies, recencies, values };
}

function shape(maxFrequency: number, columns: number): string {
  return `a grid of ${formatCount(maxFrequency + 1)} frequencies x ${formatCount(columns + 1)} recencies`;
}
