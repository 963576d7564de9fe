/**
 * Money arguments of the formulas, parsed and checked.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toDecimal } from "../money.ts";
import type { Decimal, MoneyInput } from "../money.ts";

/**
 * Parses a money argument that cannot be negative (a revenue, a spend, a cost).
 *
 * Formula: the amount as an exact Decimal, required to be >= 0.
 *
 * @internal
 * @param amount - the amount as given
 * @param field - the argument's name, for error messages
 * @returns the amount
 * @throws {@link InvalidInputError} naming the field when the amount is not money or is negative
 * @see DESIGN.md, "Money is exact".
 * @example
 * ```ts
 * import { averageOrderValue } from "retention-metrics";
 * // a negative revenue would throw
 * console.log(averageOrderValue({ revenue: "0", orders: 4 }).toString()); // "0"
 * ```
 */
export function nonNegativeAmount(amount: MoneyInput, field: string): Decimal {
  const d = toDecimal(amount, field);
  if (d.isNegative() && !d.isZero()) {
    throw new InvalidInputError({ field, value: amount, expected: "an amount of at least 0" });
  }
  return d;
}

/**
 * Parses a money argument that is a divisor and so must be positive (an acquisition cost).
 *
 * Formula: the amount as an exact Decimal, required to be > 0.
 *
 * @internal
 * @param amount - the amount as given
 * @param field - the argument's name, for error messages
 * @returns the amount
 * @throws {@link InvalidInputError} naming the field when the amount is not money or is not positive
 * @see DESIGN.md, "Money is exact".
 * @example
 * ```ts
 * import { ltvToCacRatio } from "retention-metrics";
 * // an acquisitionCost of 0 would throw
 * console.log(ltvToCacRatio({ lifetimeValue: 300, acquisitionCost: "100.00" })); // 3
 * ```
 */
export function positiveAmount(amount: MoneyInput, field: string): Decimal {
  const d = toDecimal(amount, field);
  if (!d.isPositive() || d.isZero()) {
    throw new InvalidInputError({ field, value: amount, expected: "an amount greater than 0" });
  }
  return d;
}
