/**
 * Renewal rate of contracts, memberships or subscriptions.
 *
 * @module
 */
import { requireCount, requireNotGreater, requirePositiveCount, requireRecord } from "../validate.ts";
import { rateResult } from "./rateOptions.ts";
import type { PointRateOptions, RateIntervalOptions, RateOptions, RateWithInterval } from "./rateOptions.ts";

/**
 * The counts that the renewal rate needs.
 *
 * @category Formulas
 */
export interface RenewalRateInput {
  /** Contracts (memberships, subscriptions) renewed; an integer from 0 to `dueForRenewal`. */
  renewed: number;
  /** Contracts that came up for renewal in the window; a positive integer. */
  dueForRenewal: number;
}

/**
 * The renewal rate: the share of contracts up for renewal that were renewed.
 *
 * Formula: renewal rate = renewed / up for renewal.
 *
 * @param input - `renewed` and `dueForRenewal` (due > 0, renewed <= due)
 * @param options - `{ interval: true, confidence? }` to get the rate with a Wilson score interval
 * @returns the rate in [0, 1], or `{ rate, lower, upper, confidence }` with `interval: true`
 * @throws {@link InvalidInputError} naming the field when a count is negative, fractional, NaN or
 *   infinite, when `dueForRenewal` is 0, or when the options are invalid
 * @throws {@link InconsistentDataError} when more contracts were renewed than were up for renewal
 * @see [Renewal rate](../../docs/definitions.md#renewal-rate) (a warehouse club's 93% membership renewal).
 * @example
 * ```ts
 * import { renewalRate } from "retention-metrics";
 * console.log(renewalRate({ renewed: 930, dueForRenewal: 1000 })); // 0.93
 * ```
 * @category Formulas
 */
export function renewalRate(input: RenewalRateInput, options?: PointRateOptions): number;
/**
 * The renewal rate with its Wilson score interval.
 *
 * @param input - renewed and due for renewal, as above
 * @param options - `{ interval: true, confidence? }` (default confidence 0.95)
 * @returns `{ rate, lower, upper, confidence }`
 */
export function renewalRate(input: RenewalRateInput, options: RateIntervalOptions): RateWithInterval;
/**
 * The renewal rate, with an interval when `options.interval` is `true`.
 *
 * @param input - renewed and due for renewal, as above
 * @param options - `{ interval?, confidence? }`
 * @returns the rate, or `{ rate, lower, upper, confidence }`
 */
export function renewalRate(input: RenewalRateInput, options?: RateOptions): number | RateWithInterval;
export function renewalRate(input: RenewalRateInput, options?: RateOptions): number | RateWithInterval {
  requireRecord(input, "input", ["renewed", "dueForRenewal"]);
  const renewed = requireCount(input.renewed, "renewed");
  const due = requirePositiveCount(input.dueForRenewal, "dueForRenewal");
  requireNotGreater("renewed", renewed, "dueForRenewal", due, "only contracts up for renewal can be renewed");
  return rateResult(renewed, due, options);
}
