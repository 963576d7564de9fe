/**
 * Purchase behaviour from aggregates: repeat customer rate, purchase frequency and average order
 * value.
 *
 * @module
 */
import type { Decimal, MoneyInput } from "../money.ts";
import { requireCount, requireNotGreater, requirePositiveCount, requireRecord } from "../validate.ts";
import { nonNegativeAmount } from "./amounts.ts";
import { rateResult } from "./rateOptions.ts";
import type { PointRateOptions, RateIntervalOptions, RateOptions, RateWithInterval } from "./rateOptions.ts";

/**
 * The counts that the repeat customer rate needs.
 *
 * @category Formulas
 */
export interface RepeatCustomerRateInput {
  /** Customers with two or more purchases in the window; an integer from 0 to `totalCustomers`. */
  repeatCustomers: number;
  /** All customers with a purchase in the window; a positive integer. */
  totalCustomers: number;
}

/**
 * The counts that purchase frequency needs.
 *
 * @category Formulas
 */
export interface PurchaseFrequencyInput {
  /** Orders placed in the window; a non-negative integer. */
  orders: number;
  /** Unique customers in the window; a positive integer. */
  customers: number;
}

/**
 * The aggregates that the average order value needs.
 *
 * @category Formulas
 */
export interface AverageOrderValueInput {
  /** Revenue of the orders, at least 0: a number, a decimal string such as `"1000.00"` or a Decimal. */
  revenue: MoneyInput;
  /** Orders that made the revenue; a positive integer. */
  orders: number;
}

/**
 * The repeat customer rate: the share of customers who bought more than once.
 *
 * Formula: repeat customers (2 or more purchases) / all customers, over the same window.
 *
 * @param input - `repeatCustomers` and `totalCustomers` (total > 0, repeat <= total)
 * @param options - `{ interval: true, confidence? }` to get the rate with a Wilson score interval
 * @returns the rate in [0, 1], or `{ rate, lower, upper, confidence }` with `interval: true`
 * @throws {@link InvalidInputError} naming the field when a count is negative, fractional, NaN or
 *   infinite, when `totalCustomers` is 0, or when the options are invalid
 * @throws {@link InconsistentDataError} when there are more repeat customers than customers
 * @see [Repeat customer rate](../../docs/definitions.md#repeat-customer-rate).
 * @example
 * ```ts
 * import { repeatCustomerRate } from "retention-metrics";
 * console.log(repeatCustomerRate({ repeatCustomers: 500, totalCustomers: 1000 })); // 0.5
 * ```
 * @category Formulas
 */
export function repeatCustomerRate(input: RepeatCustomerRateInput, options?: PointRateOptions): number;
/**
 * The repeat customer rate with its Wilson score interval.
 *
 * @param input - repeat and total customers, as above
 * @param options - `{ interval: true, confidence? }` (default confidence 0.95)
 * @returns `{ rate, lower, upper, confidence }`
 */
export function repeatCustomerRate(input: RepeatCustomerRateInput, options: RateIntervalOptions): RateWithInterval;
/**
 * The repeat customer rate, with an interval when `options.interval` is `true`.
 *
 * @param input - repeat and total customers, as above
 * @param options - `{ interval?, confidence? }`
 * @returns the rate, or `{ rate, lower, upper, confidence }`
 */
export function repeatCustomerRate(input: RepeatCustomerRateInput, options?: RateOptions): number | RateWithInterval;
export function repeatCustomerRate(input: RepeatCustomerRateInput, options?: RateOptions): number | RateWithInterval {
  requireRecord(input, "input", ["repeatCustomers", "totalCustomers"]);
  const repeat = requireCount(input.repeatCustomers, "repeatCustomers");
  const total = requirePositiveCount(input.totalCustomers, "totalCustomers");
  requireNotGreater("repeatCustomers", repeat, "totalCustomers", total, "repeat customers are some of the customers");
  return rateResult(repeat, total, options);
}

/**
 * Purchase frequency: the average number of orders per customer in a window.
 *
 * Formula: orders / unique customers. Not a rate: it is 1 or more when `customers` counts the
 * customers who ordered, and may be below 1 when it counts a wider base (all registered customers).
 *
 * @param input - `orders` (a count) and `customers` (a positive count)
 * @returns orders per customer, a finite number of at least 0
 * @throws {@link InvalidInputError} naming the field when a count is negative, fractional, NaN or
 *   infinite, or when `customers` is 0
 * @see [Purchase frequency](../../docs/definitions.md#purchase-frequency).
 * @example
 * ```ts
 * import { purchaseFrequency } from "retention-metrics";
 * console.log(purchaseFrequency({ orders: 1500, customers: 1000 })); // 1.5
 * ```
 * @category Formulas
 */
export function purchaseFrequency(input: PurchaseFrequencyInput): number {
  requireRecord(input, "input", ["orders", "customers"]);
  const orders = requireCount(input.orders, "orders");
  const customers = requirePositiveCount(input.customers, "customers");
  return orders / customers;
}

/**
 * Average order value (AOV): revenue per order, exactly.
 *
 * Formula: AOV = revenue / orders, as a Decimal of 40 significant digits (rounded half-even);
 * round it to the currency's minor unit for display.
 *
 * @param input - `revenue` (money, at least 0) and `orders` (a positive count)
 * @returns the average order value
 * @throws {@link InvalidInputError} naming the field when `revenue` is not money or is negative, or
 *   when `orders` is not a positive integer
 * @see [Average order value](../../docs/definitions.md#average-order-value).
 * @example
 * ```ts
 * import { averageOrderValue } from "retention-metrics";
 * console.log(averageOrderValue({ revenue: "1000.00", orders: 3 }).toDecimalPlaces(2).toString()); // "333.33"
 * console.log(averageOrderValue({ revenue: 59.97, orders: 3 }).toString()); // "19.99"
 * ```
 * @category Formulas
 */
export function averageOrderValue(input: AverageOrderValueInput): Decimal {
  requireRecord(input, "input", ["revenue", "orders"]);
  const revenue = nonNegativeAmount(input.revenue, "revenue");
  const orders = requirePositiveCount(input.orders, "orders");
  return revenue.dividedBy(orders);
}
