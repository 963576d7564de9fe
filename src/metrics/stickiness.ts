/**
 * Stickiness: the share of a long window's active users who are active in a short one.
 *
 * @module
 */
import { requireNonNegative, requireNotGreater, requirePositive, requireRecord } from "../validate.ts";

/**
 * The active-user counts of stickiness.
 *
 * @category Formulas
 */
export interface StickinessInput {
  /** Users active in the short window (DAU), or the average DAU over the long window; at least 0. */
  dailyActive: number;
  /** Users active in the long window (MAU) containing the short one; greater than 0. */
  monthlyActive: number;
}

/**
 * Stickiness: daily active users over monthly active users (DAU / MAU), the share of a month's
 * users who come back on a given day.
 *
 * Formula: stickiness = active in the short window / active in the long window. The same formula
 * serves other pairs (WAU / MAU, or MAU / YAU for a product used monthly): pass the short window's
 * count as `dailyActive` and the long window's as `monthlyActive`. Either may be an average over
 * days (the average DAU of a month is the usual numerator), so whole numbers are not required.
 *
 * @param input - `dailyActive` (>= 0) and `monthlyActive` (> 0), with dailyActive <= monthlyActive
 * @returns the ratio in [0, 1]
 * @throws {@link InvalidInputError} naming the field when a count is negative, NaN or infinite, or
 *   `monthlyActive` is 0
 * @throws {@link InconsistentDataError} when `dailyActive` exceeds `monthlyActive`: the users active
 *   in a day are some of the users active in its month, so DAU 4000 with MAU 2000 (a "stickiness
 *   of 2") is impossible and points at counts from different products, windows or user definitions
 * @see [Stickiness](../../docs/definitions.md#stickiness).
 * @example
 * ```ts
 * import { stickiness } from "retention-metrics";
 * console.log(stickiness({ dailyActive: 500, monthlyActive: 2000 })); // 0.25
 * ```
 * @category Formulas
 */
export function stickiness(input: StickinessInput): number {
  requireRecord(input, "input", ["dailyActive", "monthlyActive"]);
  const short = requireNonNegative(input.dailyActive, "dailyActive");
  const long = requirePositive(input.monthlyActive, "monthlyActive");
  requireNotGreater(
    "dailyActive",
    short,
    "monthlyActive",
    long,
    "users active in the short window are some of the users active in the long window that contains it, so the ratio cannot exceed 1; check that both counts come from the same product, user definition and dates",
  );
  return short / long;
}
