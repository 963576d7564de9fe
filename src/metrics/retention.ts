/**
 * Customer retention rate and churn rate from period aggregates.
 *
 * @module
 */
import { InconsistentDataError } from "../errors.ts";
import { requireCount, requireNotGreater, requirePositiveCount, requireRecord } from "../validate.ts";
import { rateResult } from "./rateOptions.ts";
import type { PointRateOptions, RateIntervalOptions, RateOptions, RateWithInterval } from "./rateOptions.ts";

/**
 * The aggregates of a period that the customer retention rate needs.
 *
 * @category Formulas
 */
export interface CustomerRetentionRateInput {
  /** S: customers at the start of the period; a positive integer. */
  customersAtStart: number;
  /** E: customers at the end of the period; a non-negative integer. */
  customersAtEnd: number;
  /** N: customers acquired during the period (counted in E); a non-negative integer. */
  newCustomers: number;
}

/**
 * The aggregates of a period that the churn rate needs.
 *
 * @category Formulas
 */
export interface ChurnRateInput {
  /** S: customers at the start of the period; a positive integer. */
  customersAtStart: number;
  /** Customers of S lost during the period; an integer from 0 to S. */
  customersLost: number;
}

/**
 * The customer retention rate (CRR) of a period: the share of the customers at its start who are
 * still customers at its end.
 *
 * Formula: CRR = (E - N) / S, with S customers at the start, E at the end and N new in the period.
 *
 * @param input - `customersAtStart` (S > 0), `customersAtEnd` (E) and `newCustomers` (N), counts
 *   with 0 <= N <= E and E - N <= S
 * @param options - `{ interval: true, confidence? }` to get the rate with a Wilson score interval
 * @returns the rate in [0, 1], or `{ rate, lower, upper, confidence }` with `interval: true`
 * @throws {@link InvalidInputError} naming the field when a count is negative, fractional, NaN or
 *   infinite, when S is 0, or when the options are invalid
 * @throws {@link InconsistentDataError} when N > E (new customers are part of E) or E - N > S (more
 *   customers kept than there were at the start)
 * @see [Customer retention rate](../../docs/definitions.md#customer-retention-rate) (the classic formula of the articles
 *   on customer retention); [customers at start and end](../../docs/definitions.md#customers-at-start-and-end) on how
 *   S, E and N are counted from events.
 * @example
 * ```ts
 * import { customerRetentionRate } from "retention-metrics";
 * // 200 customers at the start, 20 lost, 40 new, 220 at the end
 * console.log(customerRetentionRate({ customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 })); // 0.9
 * const r = customerRetentionRate({ customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 }, { interval: true });
 * console.log(r.rate, r.lower.toFixed(3), r.upper.toFixed(3), r.confidence); // 0.9 "0.851" "0.934" 0.95
 * ```
 * @category Formulas
 */
export function customerRetentionRate(input: CustomerRetentionRateInput, options?: PointRateOptions): number;
/**
 * The customer retention rate with its Wilson score interval (successes E - N out of S trials).
 *
 * @param input - S, E and N as above
 * @param options - `{ interval: true, confidence? }` (default confidence 0.95)
 * @returns `{ rate, lower, upper, confidence }`
 */
export function customerRetentionRate(input: CustomerRetentionRateInput, options: RateIntervalOptions): RateWithInterval;
/**
 * The customer retention rate, with an interval when `options.interval` is `true`.
 *
 * @param input - S, E and N as above
 * @param options - `{ interval?, confidence? }`
 * @returns the rate, or `{ rate, lower, upper, confidence }`
 */
export function customerRetentionRate(input: CustomerRetentionRateInput, options?: RateOptions): number | RateWithInterval;
export function customerRetentionRate(input: CustomerRetentionRateInput, options?: RateOptions): number | RateWithInterval {
  requireRecord(input, "input", ["customersAtStart", "customersAtEnd", "newCustomers"]);
  const start = requirePositiveCount(input.customersAtStart, "customersAtStart");
  const end = requireCount(input.customersAtEnd, "customersAtEnd");
  const added = requireCount(input.newCustomers, "newCustomers");
  requireNotGreater("newCustomers", added, "customersAtEnd", end, "new customers are counted among the customers at the end");
  if (end - added > start) {
    throw new InconsistentDataError(
      `customersAtEnd (${end}) - newCustomers (${added}) = ${end - added} cannot exceed customersAtStart (${start}): ` +
        "the customers kept from the start of the period are some of the customers at its start.",
      { customersAtStart: start, customersAtEnd: end, newCustomers: added },
    );
  }
  return rateResult(end - added, start, options);
}

/**
 * The churn (attrition) rate of a period: the share of the customers at its start who were lost
 * during it.
 *
 * Formula: churn = lost / S. With consistent aggregates (E = S - lost + N), churn = 1 - CRR.
 *
 * @param input - `customersAtStart` (S > 0) and `customersLost` (0 <= lost <= S)
 * @param options - `{ interval: true, confidence? }` to get the rate with a Wilson score interval
 * @returns the rate in [0, 1], or `{ rate, lower, upper, confidence }` with `interval: true`
 * @throws {@link InvalidInputError} naming the field when a count is negative, fractional, NaN or
 *   infinite, when S is 0, or when the options are invalid
 * @throws {@link InconsistentDataError} when more customers are lost than there were at the start
 * @see [Churn rate](../../docs/definitions.md#churn-rate).
 * @example
 * ```ts
 * import { churnRate } from "retention-metrics";
 * console.log(churnRate({ customersAtStart: 200, customersLost: 20 })); // 0.1
 * const c = churnRate({ customersAtStart: 200, customersLost: 20 }, { interval: true, confidence: 0.9 });
 * console.log(c.rate, c.lower.toFixed(3), c.upper.toFixed(3), c.confidence); // 0.1 "0.070" "0.140" 0.9
 * ```
 * @category Formulas
 */
export function churnRate(input: ChurnRateInput, options?: PointRateOptions): number;
/**
 * The churn rate with its Wilson score interval (successes = lost out of S trials).
 *
 * @param input - S and the customers lost, as above
 * @param options - `{ interval: true, confidence? }` (default confidence 0.95)
 * @returns `{ rate, lower, upper, confidence }`
 */
export function churnRate(input: ChurnRateInput, options: RateIntervalOptions): RateWithInterval;
/**
 * The churn rate, with an interval when `options.interval` is `true`.
 *
 * @param input - S and the customers lost, as above
 * @param options - `{ interval?, confidence? }`
 * @returns the rate, or `{ rate, lower, upper, confidence }`
 */
export function churnRate(input: ChurnRateInput, options?: RateOptions): number | RateWithInterval;
export function churnRate(input: ChurnRateInput, options?: RateOptions): number | RateWithInterval {
  requireRecord(input, "input", ["customersAtStart", "customersLost"]);
  const start = requirePositiveCount(input.customersAtStart, "customersAtStart");
  const lost = requireCount(input.customersLost, "customersLost");
  requireNotGreater("customersLost", lost, "customersAtStart", start, "only customers present at the start can be lost");
  return rateResult(lost, start, options);
}
