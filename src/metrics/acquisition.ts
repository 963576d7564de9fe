/**
 * Customer acquisition cost and the lifetime-value-to-acquisition-cost ratio.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toDecimal } from "../money.ts";
import type { Decimal, MoneyInput } from "../money.ts";
import { requirePositiveCount, requireRecord } from "../validate.ts";
import { nonNegativeAmount, positiveAmount } from "./amounts.ts";

/**
 * The aggregates of customer acquisition cost.
 *
 * @category Formulas
 */
export interface CustomerAcquisitionCostInput {
  /** Sales and marketing spend on acquisition in the window, at least 0 (money). */
  spend: MoneyInput;
  /** Customers acquired in the window; a positive integer. */
  newCustomers: number;
}

/**
 * The two values of the LTV : CAC ratio.
 *
 * @category Formulas
 */
export interface LtvToCacRatioInput {
  /** Customer lifetime value (money; may be negative). */
  lifetimeValue: MoneyInput;
  /** Customer acquisition cost, greater than 0 (money). */
  acquisitionCost: MoneyInput;
}

/**
 * Customer acquisition cost (CAC): what it cost to win one new customer.
 *
 * Formula: CAC = acquisition spend / new customers, exactly (a Decimal of 40 significant digits).
 *
 * @param input - `spend` (money >= 0) and `newCustomers` (a positive count)
 * @returns the cost per new customer
 * @throws {@link InvalidInputError} naming the field when `spend` is not money or is negative, or
 *   when `newCustomers` is not a positive integer
 * @see [Customer acquisition cost](../../docs/definitions.md#customer-acquisition-cost).
 * @example
 * ```ts
 * import { customerAcquisitionCost } from "retention-metrics";
 * console.log(customerAcquisitionCost({ spend: "12000.00", newCustomers: 300 }).toString()); // "40"
 * ```
 * @category Formulas
 */
export function customerAcquisitionCost(input: CustomerAcquisitionCostInput): Decimal {
  requireRecord(input, "input", ["spend", "newCustomers"]);
  const spend = nonNegativeAmount(input.spend, "spend");
  const customers = requirePositiveCount(input.newCustomers, "newCustomers");
  return spend.dividedBy(customers);
}

/**
 * The LTV : CAC ratio: how many times a customer's lifetime value repays the cost of acquiring them
 * (3 is a common target).
 *
 * Formula: LTV : CAC = lifetime value / acquisition cost, divided exactly and returned as a number.
 *
 * @param input - `lifetimeValue` (money) and `acquisitionCost` (money > 0)
 * @returns the ratio, a finite number (negative when the lifetime value is)
 * @throws {@link InvalidInputError} naming the field when an amount is not money, when
 *   `acquisitionCost` is not greater than 0, or when the ratio is too large for a number
 * @see [LTV to CAC ratio](../../docs/definitions.md#ltv-to-cac-ratio).
 * @example
 * ```ts
 * import { ltvToCacRatio } from "retention-metrics";
 * console.log(ltvToCacRatio({ lifetimeValue: "1200.00", acquisitionCost: "400.00" })); // 3
 * ```
 * @category Formulas
 */
export function ltvToCacRatio(input: LtvToCacRatioInput): number {
  requireRecord(input, "input", ["lifetimeValue", "acquisitionCost"]);
  const ltv = toDecimal(input.lifetimeValue, "lifetimeValue");
  const cac = positiveAmount(input.acquisitionCost, "acquisitionCost");
  const ratio = ltv.dividedBy(cac).toNumber();
  if (!Number.isFinite(ratio)) {
    throw new InvalidInputError({ field: "lifetimeValue", value: input.lifetimeValue, expected: "a value whose ratio to acquisitionCost is within the range of a number" });
  }
  return ratio === 0 ? 0 : ratio; // never -0
}
