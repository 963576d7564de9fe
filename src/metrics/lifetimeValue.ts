/**
 * Customer lifetime value from aggregates: the simple formula, the retention-based formula and
 * net customer value.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { decimalFrom, toDecimal } from "../money.ts";
import type { Decimal, MoneyInput } from "../money.ts";
import { requireFraction, requireNonNegative, requireRecord } from "../validate.ts";
import { nonNegativeAmount } from "./amounts.ts";

/**
 * The aggregates of the simple customer lifetime value.
 *
 * @category Formulas
 */
export interface CustomerLifetimeValueInput {
  /** Average order value, at least 0 (money). */
  averageOrderValue: MoneyInput;
  /** Orders per customer per period (a year, say); a finite number of at least 0. */
  purchaseFrequency: number;
  /** Customer lifespan in the same periods as `purchaseFrequency`; a finite number of at least 0. */
  lifespan: number;
  /** Gross margin as a fraction from 0 to 1 (0.3 for 30%); absent means revenue, not profit. */
  margin?: number;
}

/**
 * The inputs of the retention-based lifetime value.
 *
 * @category Formulas
 */
export interface RetentionLifetimeValueInput {
  /** m: the margin a customer brings per period (money; may be negative). */
  marginPerPeriod: MoneyInput;
  /** r: the share of customers kept from one period to the next, from 0 to 1. */
  retentionRate: number;
  /** d: the discount rate per period, at least 0 (0.1 for 10%). */
  discountRate: number;
}

/**
 * The amounts of net customer value.
 *
 * @category Formulas
 */
export interface NetCustomerValueInput {
  /** Revenue from the customer (or per customer), at least 0 (money). */
  revenue: MoneyInput;
  /** Cost of acquiring the customer, at least 0 (money). */
  acquisitionCost: MoneyInput;
  /** Cost of keeping the customer (service, loyalty programme), at least 0 (money). */
  retentionCost: MoneyInput;
}

/**
 * The simple customer lifetime value (CLV): what an average customer spends over their lifespan,
 * or earns you when a margin is given.
 *
 * Formula: CLV = AOV x purchase frequency x lifespan (x margin when given), exactly, where the
 * frequency is orders per period and the lifespan is counted in the same periods.
 *
 * @param input - `averageOrderValue` (money >= 0), `purchaseFrequency` (>= 0), `lifespan` (>= 0)
 *   and an optional `margin` in [0, 1]
 * @returns the lifetime value
 * @throws {@link InvalidInputError} naming the field when the AOV is not money or is negative, the
 *   frequency or lifespan is negative, NaN or infinite, or the margin is not in [0, 1]
 * @see [CLV, simple](../../docs/definitions.md#clv-simple).
 * @example
 * ```ts
 * import { customerLifetimeValue } from "retention-metrics";
 * // AOV 50, 4 orders a year, 3 years, 30% margin: 50 x 4 x 3 x 0.3 = 180
 * console.log(customerLifetimeValue({ averageOrderValue: "50.00", purchaseFrequency: 4, lifespan: 3, margin: 0.3 }).toString()); // "180"
 * ```
 * @category Formulas
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): Decimal {
  requireRecord(input, "input", ["averageOrderValue", "purchaseFrequency", "lifespan", "margin (optional)"]);
  const aov = nonNegativeAmount(input.averageOrderValue, "averageOrderValue");
  const frequency = requireNonNegative(input.purchaseFrequency, "purchaseFrequency");
  const lifespan = requireNonNegative(input.lifespan, "lifespan");
  const value = aov.times(decimalFrom(frequency)).times(decimalFrom(lifespan));
  return input.margin === undefined ? value : value.times(decimalFrom(requireFraction(input.margin, "margin")));
}

/**
 * The retention-based lifetime value: the discounted margins of a customer who stays each period
 * with probability r, over an infinite horizon.
 *
 * Formula: CLV = m x r / (1 + d - r), the sum over t >= 1 of m r^t / (1 + d)^t (margin received at
 * the end of each period the customer survives into; the acquisition period is not counted).
 * Requires 0 <= r < 1 + d, so with d = 0 the retention rate must be below 1.
 *
 * @param input - `marginPerPeriod` (m, money), `retentionRate` (r in [0, 1]) and `discountRate`
 *   (d >= 0)
 * @returns the lifetime value
 * @throws {@link InvalidInputError} naming the field when m is not money, r is not in [0, 1], d is
 *   negative, NaN or infinite, or r = 1 with d = 0 (the sum would be infinite)
 * @see S. Gupta and D. R. Lehmann (2003), "Customers as Assets", Journal of Interactive Marketing
 *   17(1), 9-24; [CLV, retention-based](../../docs/definitions.md#clv-retention-based).
 * @example
 * ```ts
 * import { retentionLifetimeValue } from "retention-metrics";
 * // m = 100 a year, r = 0.8, d = 0.1: 100 x 0.8 / 0.3 = 266.67
 * console.log(retentionLifetimeValue({ marginPerPeriod: 100, retentionRate: 0.8, discountRate: 0.1 }).toDecimalPlaces(2).toString()); // "266.67"
 * ```
 * @category Formulas
 */
export function retentionLifetimeValue(input: RetentionLifetimeValueInput): Decimal {
  requireRecord(input, "input", ["marginPerPeriod", "retentionRate", "discountRate"]);
  const margin = toDecimal(input.marginPerPeriod, "marginPerPeriod");
  const r = decimalFrom(requireFraction(input.retentionRate, "retentionRate"));
  const d = decimalFrom(requireNonNegative(input.discountRate, "discountRate"));
  const denominator = d.plus(1).minus(r);
  if (!denominator.isPositive() || denominator.isZero()) {
    throw new InvalidInputError({
      field: "retentionRate",
      value: input.retentionRate,
      expected: `a rate below 1 + discountRate (${d.plus(1).toString()}); with r = 1 and no discounting the lifetime value is infinite`,
    });
  }
  return margin.times(r).dividedBy(denominator);
}

/**
 * Net customer value: what a customer brought in, less what it cost to win and keep them.
 *
 * Formula: net value = revenue - (acquisition cost + retention cost), exactly. May be negative.
 *
 * @param input - `revenue`, `acquisitionCost` and `retentionCost`, each money of at least 0
 * @returns the net value
 * @throws {@link InvalidInputError} naming the field when an amount is not money or is negative
 * @see [Net customer value](../../docs/definitions.md#net-customer-value).
 * @example
 * ```ts
 * import { netCustomerValue } from "retention-metrics";
 * console.log(netCustomerValue({ revenue: "500.00", acquisitionCost: "120.50", retentionCost: 30 }).toString()); // "349.5"
 * ```
 * @category Formulas
 */
export function netCustomerValue(input: NetCustomerValueInput): Decimal {
  requireRecord(input, "input", ["revenue", "acquisitionCost", "retentionCost"]);
  const revenue = nonNegativeAmount(input.revenue, "revenue");
  const acquisition = nonNegativeAmount(input.acquisitionCost, "acquisitionCost");
  const retention = nonNegativeAmount(input.retentionCost, "retentionCost");
  return revenue.minus(acquisition.plus(retention));
}
