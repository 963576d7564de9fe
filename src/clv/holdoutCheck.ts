/**
 * `holdoutCheck`: a purchase model's predictions for the holdout period
 * against what customers actually bought, by calibration frequency.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireCount, requireIntegerIn, requireIterable, requireOptions } from "../validate.ts";
import { checkHistory } from "./histories.ts";
import type { BgBbModel } from "./bgBb.ts";
import { checkOpportunityHistory, MAX_OPPORTUNITIES, type OpportunityHistory } from "./bgBbLikelihood.ts";
import { checkBgBbModel, checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * A summary row with holdout columns, as `rfmSummary` returns with a calibration end.
 *
 * @category Lifetime value
 */
export interface HoldoutRowLike {
  /** Calibration-period repeat purchases. */
  frequency: number;
  /** Calibration-period recency. */
  recency: number;
  /** Calibration-period T. */
  T: number;
  /** Purchase days in the holdout period. */
  frequencyHoldout: number;
  /** Length of the holdout period, in the summary's time unit. */
  durationHoldout: number;
}

/**
 * A BG/BB history with holdout columns: transactions at the `durationHoldout` opportunities after `periods`.
 *
 * @category Lifetime value
 */
export interface OpportunityHoldoutRow extends OpportunityHistory {
  /** Transactions at the holdout opportunities. */
  frequencyHoldout: number;
  /** Holdout opportunities, an integer. */
  durationHoldout: number;
}

/**
 * Options of {@link holdoutCheck}.
 *
 * @category Lifetime value
 */
export interface HoldoutCheckOptions {
  /** Frequencies from this one up share the last bucket (`"7+"`); default 7. */
  maxFrequency?: number | undefined;
}

/**
 * One calibration-frequency bucket of {@link holdoutCheck}.
 *
 * @category Lifetime value
 */
export interface HoldoutCheckRow {
  /** The bucket's calibration frequency (the lowest, for the last bucket). */
  frequency: number;
  /** The bucket's label: `"0"`, `"1"`, ..., `"7+"`. */
  label: string;
  /** Customers in the bucket. */
  customers: number;
  /** Mean holdout purchases of the bucket's customers; `null` for an empty bucket. */
  actual: number | null;
  /** Mean predicted purchases, E[Y(durationHoldout) | history]; `null` for an empty bucket. */
  predicted: number | null;
}

/**
 * The result of {@link holdoutCheck}.
 *
 * @category Lifetime value
 */
export interface HoldoutCheck {
  /** One row per bucket, frequency 0 first. */
  rows: HoldoutCheckRow[];
  /** All customers' holdout purchases. */
  actualTotal: number;
  /** All customers' predicted holdout purchases. */
  predictedTotal: number;
}

/**
 * A calibration/holdout check of a purchase model: for customers grouped by
 * their calibration frequency, the mean number of purchases they made in the
 * holdout period against the model's conditional expectation.
 *
 * Formula: for bucket f (frequency = f; the last bucket frequency >= maxFrequency),
 * actual = mean of frequencyHoldout; predicted = mean of
 * E[Y(durationHoldout) | frequency, recency, T], the model's
 * `conditionalExpectedPurchases`. This is the comparison of Fader, Hardie & Lee
 * (2005, section 5) for CDNOW's 39-week holdout.
 *
 * @param model - a fitted BG/NBD, MBG/NBD or Pareto/NBD model (on the calibration summary), or a BG/BB model
 * @param summary - rows with `frequency`, `recency`, `T`, `frequencyHoldout`, `durationHoldout`
 *   (`rfmSummary` with a `calibrationEnd`); for a BG/BB model `periods` instead of `T`, and
 *   `durationHoldout` the holdout opportunities (an integer)
 * @param options - `maxFrequency` (default 7)
 * @returns the buckets and the totals
 * @throws {@link InvalidInputError} for an invalid model (not one of fitBgNbd, fitModifiedBgNbd or fitParetoNbd or their rebuild functions, a method
 *   missing, or `params` outside their accepted ranges: field `model.probabilityAlive`, `model.params.r`, ...),
 *   row or option (`options` itself not an object)
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way:
 *   An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284.
 * @example
 * ```ts
 * import { fitBgNbd, holdoutCheck, simulateBgNbd } from "retention-metrics";
 * // 39 weeks of calibration, then 39 weeks of holdout
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, holdout: 39, seed: 7 });
 * const check = holdoutCheck(fitBgNbd(summary), summary);
 * // the first two buckets (0 and 1 repeat purchases in calibration): mean holdout purchases, actual and predicted
 * const rows = check.rows.slice(0, 2).map((row) => [row.label, row.actual?.toFixed(2), row.predicted?.toFixed(2)]);
 * console.log(rows); // [["0","0.21","0.21"],["1","0.45","0.51"]]
 * ```
 * @category Lifetime value
 */
export function holdoutCheck(model: PurchaseModel | BgBbModel, summary: Iterable<HoldoutRowLike> | Iterable<OpportunityHoldoutRow>, options: HoldoutCheckOptions = {}): HoldoutCheck {
  const opportunities = model !== null && typeof model === "object" && model.model === "BG/BB";
  if (opportunities) checkBgBbModel(model);
  else checkPurchaseModel(model as PurchaseModel);
  requireOptions(options, "options", "{ maxFrequency: 7 }");
  requireIterable(summary, "summary", "rows with frequency, recency, T, frequencyHoldout and durationHoldout (rfmSummary with a calibrationEnd)");
  // Bounded: one bucket per frequency is drawn and tabulated.
  const maxFrequency = requireIntegerIn(options.maxFrequency ?? 7, "maxFrequency", 0, 10_000);
  const buckets = maxFrequency + 1;
  const customers = new Float64Array(buckets);
  const actual = new Float64Array(buckets);
  const predicted = new Float64Array(buckets);
  let i = 0;
  for (const row of summary) {
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a row with holdout columns", row: i });
    if (opportunities) checkOpportunityHistory(row.frequency, row.recency, (row as OpportunityHoldoutRow).periods, i);
    else checkHistory(row.frequency, row.recency, (row as HoldoutRowLike).T, i);
    const holdout = row.frequencyHoldout;
    if (!(Number.isSafeInteger(holdout) && holdout >= 0)) {
      throw new InvalidInputError({ field: "frequencyHoldout", value: holdout, expected: "a non-negative integer (use rfmSummary with a calibrationEnd)", row: i });
    }
    const duration = row.durationHoldout;
    if (!(typeof duration === "number" && Number.isFinite(duration) && duration >= 0 && (!opportunities || (Number.isSafeInteger(duration) && duration <= MAX_OPPORTUNITIES)))) {
      throw new InvalidInputError({ field: "durationHoldout", value: duration, expected: opportunities ? "an integer from 0 to 100,000 (holdout opportunities)" : "a finite number of at least 0", row: i });
    }
    const k = Math.min(row.frequency, maxFrequency);
    customers[k]!++;
    actual[k]! += holdout;
    predicted[k]! += opportunities
      ? (model as BgBbModel).conditionalExpectedPurchases(duration, row as OpportunityHoldoutRow)
      : (model as PurchaseModel).conditionalExpectedPurchases(duration, row as HoldoutRowLike);
    i++;
  }
  const rows: HoldoutCheckRow[] = [];
  let actualTotal = 0;
  let predictedTotal = 0;
  for (let k = 0; k < buckets; k++) {
    const n = customers[k]!;
    actualTotal += actual[k]!;
    predictedTotal += predicted[k]!;
    rows.push({
      frequency: k,
      label: k === maxFrequency ? `${k}+` : String(k),
      customers: n,
      actual: n > 0 ? actual[k]! / n : null,
      predicted: n > 0 ? predicted[k]! / n : null,
    });
  }
  return displayable({ rows, actualTotal, predictedTotal });
}
