/**
 * Figures the report derives from the library's results, computed once and
 * shown the same in report.html, report.json and on the terminal: the RFM
 * summary's statistics and the customers of highest predicted value.
 *
 * @module
 */
import type { BgNbdModel, LifetimeValuePrediction, RfmRow } from "../clv/index.ts";
import type { CustomerId } from "../events/index.ts";
import { toDecimal, type Decimal } from "../money.ts";

/** Statistics of an RFM summary. */
export interface RfmStatistics {
  /** Customers summarised. */
  customers: number;
  /** Customers with at least one repeat purchase (frequency > 0). */
  repeatCustomers: number;
  /** Mean repeat purchases per customer. */
  meanFrequency: number;
  /** Largest frequency. */
  maxFrequency: number;
  /** Mean recency of the repeat customers, in the summary's time unit; null without any. */
  meanRecency: number | null;
  /** Mean age T, in the summary's time unit. */
  meanT: number;
  /** Mean of the repeat customers' monetary values; null without any, or without amounts. */
  meanMonetaryValue: Decimal | null;
}

/** The statistics of an RFM summary (of at least one row). */
export function rfmStatistics(rows: readonly RfmRow[]): RfmStatistics {
  let repeat = 0;
  let frequency = 0;
  let maxFrequency = 0;
  let recency = 0;
  let T = 0;
  let money = toDecimal(0);
  let withMoney = 0;
  for (const r of rows) {
    frequency += r.frequency;
    maxFrequency = Math.max(maxFrequency, r.frequency);
    T += r.T;
    if (r.frequency > 0) {
      repeat++;
      recency += r.recency;
      if (r.monetaryValue !== null) {
        money = money.plus(r.monetaryValue);
        withMoney++;
      }
    }
  }
  const n = rows.length;
  return {
    customers: n,
    repeatCustomers: repeat,
    meanFrequency: n === 0 ? 0 : frequency / n,
    maxFrequency,
    meanRecency: repeat === 0 ? null : recency / repeat,
    meanT: n === 0 ? 0 : T / n,
    meanMonetaryValue: withMoney === 0 ? null : money.dividedBy(withMoney),
  };
}

/** One of the customers of highest predicted value. */
export interface TopCustomer {
  customerId: CustomerId | null;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: Decimal | null;
  /** P(alive) at the end of the summary, by the BG/NBD model. */
  probabilityAlive: number;
  expectedPurchases: number;
  expectedAverageValue: Decimal;
  lifetimeValue: Decimal;
}

/**
 * The `count` customers of highest predicted lifetime value (ties: first in the summary first).
 *
 * @param rows - the RFM summary the prediction was made from (same order)
 * @param prediction - `predictLifetimeValue`'s result
 * @param model - the purchase model, for P(alive)
 */
export function topCustomers(rows: readonly RfmRow[], prediction: LifetimeValuePrediction, model: BgNbdModel, count: number): TopCustomer[] {
  const order = prediction.customers.map((_, i) => i);
  order.sort((i, j) => prediction.customers[j]!.lifetimeValue.comparedTo(prediction.customers[i]!.lifetimeValue) || i - j);
  return order.slice(0, count).map((i) => {
    const r = rows[i]!;
    const p = prediction.customers[i]!;
    return {
      customerId: p.customerId,
      frequency: r.frequency,
      recency: r.recency,
      T: r.T,
      monetaryValue: r.monetaryValue,
      probabilityAlive: model.probabilityAlive(r),
      expectedPurchases: p.expectedPurchases,
      expectedAverageValue: p.expectedAverageValue,
      lifetimeValue: p.lifetimeValue,
    };
  });
}
