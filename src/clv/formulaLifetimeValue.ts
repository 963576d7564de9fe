/**
 * `formulaLifetimeValue`: the metric sheet's CLV formulas with their inputs
 * taken from a customer summary.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { customerLifetimeValue, retentionLifetimeValue } from "../metrics/lifetimeValue.ts";
import { decimalFrom, toDecimal, type Decimal } from "../money.ts";
import { requireFraction, requireIterable, requireNonNegative, requirePositive, requireRecord } from "../validate.ts";
import { checkHistory } from "./histories.ts";
import type { RfmScoreInput } from "./rfmScores.ts";

/**
 * Options of {@link formulaLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface FormulaLifetimeValueOptions {
  /** Expected customer lifespan, in periods of `periodLength` time units. */
  lifespan: number;
  /** Gross margin as a fraction from 0 to 1; absent means revenue, not profit. */
  margin?: number | undefined;
  /** Length of a period in the summary's time unit (52 for years of a weekly summary); default 1. */
  periodLength?: number | undefined;
  /** r, the share of customers kept from one period to the next; with it the retention-based CLV is computed too. */
  retentionRate?: number | undefined;
  /** d, the discount rate per period for the retention-based CLV; default 0. */
  discountRate?: number | undefined;
}

/**
 * The result of {@link formulaLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface FormulaLifetimeValue {
  /** Customers in the summary. */
  customers: number;
  /** Repeat purchases in the summary, sum of x. */
  repeatPurchases: number;
  /** Average value of a repeat purchase: sum(x m) / sum(x); `null` without repeat purchases. */
  averageOrderValue: Decimal | null;
  /** Repeat purchases per customer per period: sum(x) / sum(T) x periodLength; `null` when sum(T) = 0. */
  purchaseFrequency: number | null;
  /** The simple CLV, AOV x purchase frequency x lifespan (x margin); `null` when an input is `null`. */
  customerLifetimeValue: Decimal | null;
  /** m r / (1 + d - r) with m = AOV x purchase frequency (x margin), when `retentionRate` is given. */
  retentionLifetimeValue: Decimal | null;
}

/**
 * The simple and the retention-based CLV of the metric sheet, with their
 * inputs estimated from a customer summary.
 *
 * Formula: from the summary's frequency x, T and monetary value m,
 * AOV = sum(x m) / sum(x) (the mean value of a repeat purchase) and
 * purchase frequency = sum(x) / sum(T) x periodLength (repeat purchases per
 * customer per period: the rate of a Poisson process observed for T after the
 * first purchase). Then {@link customerLifetimeValue} = AOV x frequency x lifespan
 * (x margin), and, with a retention rate r and discount rate d,
 * {@link retentionLifetimeValue} = m' r / (1 + d - r) with the margin per period
 * m' = AOV x frequency (x margin). Unlike {@link predictLifetimeValue}, every
 * customer is assumed to buy at the average rate for the whole lifespan.
 *
 * @param summary - rows with `frequency`, `recency`, `T` and `monetaryValue` (an `rfmSummary`)
 * @param options - `lifespan` (required), `margin`, `periodLength` (default 1), `retentionRate`, `discountRate` (default 0)
 * @returns the estimated inputs and both lifetime values
 * @throws {@link InvalidInputError} for a `summary` that is not iterable, `options` that is not an object,
 *   an invalid row or option, or a repeat buyer without a monetary value
 * @see [CLV, simple](../../docs/definitions.md#clv-simple) and [CLV, retention-based](../../docs/definitions.md#clv-retention-based);
 *   S. Gupta and D. R. Lehmann (2003),
 *   "Customers as Assets", Journal of Interactive Marketing 17(1), 9-24.
 * @example
 * ```ts
 * import { formulaLifetimeValue } from "retention-metrics";
 * // a weekly summary; periods of 52 weeks; a 3-year lifespan
 * const clv = formulaLifetimeValue([
 *   { frequency: 4, recency: 40, T: 52, monetaryValue: 25 },
 *   { frequency: 0, recency: 0, T: 52, monetaryValue: 0 },
 *   { frequency: 2, recency: 10, T: 52, monetaryValue: 40 },
 * ], { lifespan: 3, periodLength: 52, margin: 0.4 });
 * console.log(clv.averageOrderValue!.toString(), clv.purchaseFrequency, clv.customerLifetimeValue!.toString()); // "30" 2 "72"
 * ```
 * @category Lifetime value
 */
export function formulaLifetimeValue(summary: Iterable<RfmScoreInput>, options: FormulaLifetimeValueOptions): FormulaLifetimeValue {
  requireRecord(options, "options", ["lifespan", "margin?", "periodLength?", "retentionRate?", "discountRate?"]);
  const lifespan = requireNonNegative(options.lifespan, "lifespan");
  const periodLength = requirePositive(options.periodLength ?? 1, "periodLength");
  const margin = options.margin === undefined ? undefined : requireFraction(options.margin, "margin");
  const retentionRate = options.retentionRate === undefined ? undefined : requireFraction(options.retentionRate, "retentionRate");
  const discountRate = requireNonNegative(options.discountRate ?? 0, "discountRate");
  let customers = 0;
  let sumX = 0;
  let sumT = 0;
  let value = decimalFrom(0);
  const rows = requireIterable<RfmScoreInput>(summary, "summary", "an iterable (an array, say) of { frequency, recency, T, monetaryValue } rows");
  for (const row of rows) {
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a { frequency, recency, T, monetaryValue } row", row: customers });
    checkHistory(row.frequency, row.recency, row.T, customers);
    if (row.frequency > 0) {
      if (row.monetaryValue === undefined || row.monetaryValue === null) {
        throw new InvalidInputError({ field: "monetaryValue", value: row.monetaryValue, expected: "the mean repeat-purchase value of a customer with repeat purchases", row: customers });
      }
      value = value.plus(toDecimal(row.monetaryValue, "monetaryValue").times(row.frequency));
    }
    sumX += row.frequency;
    sumT += row.T;
    customers++;
  }
  const averageOrderValue = sumX > 0 ? value.dividedBy(sumX) : null;
  const purchaseFrequency = sumT > 0 ? (sumX / sumT) * periodLength : null;
  const simple = averageOrderValue === null || purchaseFrequency === null
    ? null
    : customerLifetimeValue({ averageOrderValue, purchaseFrequency, lifespan, ...(margin === undefined ? {} : { margin }) });
  let retention: Decimal | null = null;
  if (retentionRate !== undefined && averageOrderValue !== null && purchaseFrequency !== null) {
    const perPeriod = averageOrderValue.times(decimalFrom(purchaseFrequency)).times(decimalFrom(margin ?? 1));
    retention = retentionLifetimeValue({ marginPerPeriod: perPeriod, retentionRate, discountRate });
  }
  return { customers, repeatPurchases: sumX, averageOrderValue, purchaseFrequency, customerLifetimeValue: simple, retentionLifetimeValue: retention };
}
