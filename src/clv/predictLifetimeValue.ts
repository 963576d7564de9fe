/**
 * `predictLifetimeValue`: each customer's discounted lifetime value over a
 * horizon, from a purchase model and the spend model.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CustomerId } from "../events/types.ts";
import { decimalFrom, type Decimal } from "../money.ts";
import { requireFraction, requireNonNegative, requirePositive, requireRecord } from "../validate.ts";
import { expectedAverageValueOf, type GammaGammaModel } from "./gammaGamma.ts";
import { checkGammaGammaParams } from "./gammaGammaLikelihood.ts";
import { checkHistory, summaryId, summaryRows, type RfmInput } from "./histories.ts";
import { checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";

/**
 * The two models combined by {@link predictLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface LifetimeValueModels {
  /** When customers buy: a fitted BG/NBD, MBG/NBD or Pareto/NBD model. */
  purchases: PurchaseModel;
  /** How much they spend per purchase: a fitted Gamma-Gamma model. */
  spend: GammaGammaModel;
}

/**
 * Options of {@link predictLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface PredictLifetimeValueOptions {
  /** How far ahead, in the summary's time unit (52 for a year of weeks). */
  horizon: number;
  /** Discount rate per period of `periodLength` time units (0.01 for 1%); at least 0. */
  discountRate: number;
  /** Gross margin as a fraction from 0 to 1; absent means revenue, not profit. */
  margin?: number | undefined;
  /** Length of a discounting period in time units; default 1 (discount every week of a weekly summary). */
  periodLength?: number | undefined;
}

/**
 * One customer's prediction.
 *
 * @category Lifetime value
 */
export interface CustomerLifetimeValue {
  /** The customer's id, or `null` when the summary row had none. */
  customerId: CustomerId | null;
  /** Expected purchases over the horizon, E[Y(horizon) | history]. */
  expectedPurchases: number;
  /** Expected value of each future purchase, E[M | frequency, monetary value]. */
  expectedAverageValue: Decimal;
  /** Discounted value over the horizon (times the margin when given). */
  lifetimeValue: Decimal;
}

/**
 * The result of {@link predictLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface LifetimeValuePrediction {
  /** One row per summary row, in order. */
  customers: CustomerLifetimeValue[];
  /** Sum of the customers' lifetime values. */
  total: Decimal;
  /** Sum of the customers' expected purchases over the horizon. */
  expectedPurchases: number;
}

function checkModels(models: LifetimeValueModels): LifetimeValueModels {
  if (models === null || typeof models !== "object" || models.spend?.model !== "Gamma-Gamma") {
    throw new InvalidInputError({ field: "models", value: models, expected: "{ purchases: a fitted BG/NBD, MBG/NBD or Pareto/NBD model, spend: a fitted Gamma-Gamma model }" });
  }
  checkPurchaseModel(models.purchases, "models.purchases");
  checkGammaGammaParams(models.spend.params, "models.spend.params");
  return models;
}

/**
 * Each customer's discounted lifetime value over a horizon, and the total:
 * the purchase model's expected purchases, period by period, times the spend
 * model's expected value per purchase, discounted.
 *
 * Formula: with L = periodLength, K = ceil(horizon / L) periods and
 * t_k = min(k L, horizon), value = margin * E[M | x, m] *
 * sum over k = 1..K of (E[Y(t_k) | x, t_x, T] - E[Y(t_(k-1)) | x, t_x, T]) / (1 + d)^k:
 * the purchases expected in period k, valued at the customer's expected spend
 * and discounted to the end of the summary (each period's value counted at its
 * end). This is the discrete form used with the BG/NBD and Gamma-Gamma models
 * (Fader, Hardie & Lee 2005, section 6; the Python package lifetimes,
 * `customer_lifetime_value`). The simple formula is {@link customerLifetimeValue}.
 *
 * @param models - `{ purchases, spend }`: a fitted BG/NBD, MBG/NBD or Pareto/NBD model and a fitted Gamma-Gamma model
 * @param summary - rows or columns of `frequency`, `recency`, `T` and `monetaryValue` (in the
 *   purchase model's time unit); `monetaryValue` may be omitted for customers with frequency 0
 * @param options - `horizon`, `discountRate` per period, `margin` (0..1), `periodLength` (default 1)
 * @returns per customer `expectedPurchases`, `expectedAverageValue` and `lifetimeValue`, and the totals
 * @throws {@link InvalidInputError} for invalid models (including `params` outside their accepted ranges, e.g.
 *   edited to NaN: field `models.spend.params.gamma`), options or rows (a repeat buyer without a monetary
 *   value, or one so large that the value overflows)
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "RFM and CLV: Using Iso-Value Curves for
 *   Customer Base Analysis", Journal of Marketing Research 42(4), 415-430.
 * @example
 * ```ts
 * import { fitBgNbd, fitGammaGamma, predictLifetimeValue, simulateBgNbd } from "retention-metrics";
 * // a weekly summary of 2,000 made-up customers with the mean value of their repeat purchases
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
 *   { customers: 2000, T: 39, seed: 7, spend: { p: 6, q: 4, gamma: 15 } });
 * const purchases = fitBgNbd(summary);
 * const spend = fitGammaGamma(summary);
 * // next 52 weeks, 0.2% discount a week, 30% margin
 * const clv = predictLifetimeValue({ purchases, spend }, summary, { horizon: 52, discountRate: 0.002, margin: 0.3 });
 * console.log(clv.customers.length, clv.total.toFixed(0)); // 2000 "12682"
 * ```
 * @category Lifetime value
 */
export function predictLifetimeValue(models: LifetimeValueModels, summary: RfmInput, options: PredictLifetimeValueOptions): LifetimeValuePrediction {
  const { purchases, spend } = checkModels(models);
  requireRecord(options, "options", ["horizon", "discountRate", "margin?", "periodLength?"]);
  const horizon = requireNonNegative(options.horizon, "horizon");
  const discount = requireNonNegative(options.discountRate, "discountRate");
  const margin = options.margin === undefined ? 1 : requireFraction(options.margin, "margin");
  const periodLength = requirePositive(options.periodLength ?? 1, "periodLength");
  const periods = Math.ceil(horizon / periodLength);
  if (periods > 1_000_000) {
    throw new InvalidInputError({ field: "periodLength", value: periodLength, expected: `a length giving at most 1,000,000 periods over the horizon (${horizon})` });
  }
  const factors = Float64Array.from({ length: periods }, (_, k) => (1 + discount) ** -(k + 1));
  const rows = summaryRows(summary);
  const customers: CustomerLifetimeValue[] = [];
  let total = 0;
  let totalPurchases = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a { frequency, recency, T, monetaryValue } row", row: i });
    checkHistory(row.frequency, row.recency, row.T, i);
    const customerId = summaryId(row.customerId, i);
    if (row.frequency > 0 && (row.monetaryValue === undefined || row.monetaryValue === null)) {
      throw new InvalidInputError({ field: "monetaryValue", value: row.monetaryValue, expected: "the mean repeat-purchase value of a customer with repeat purchases", row: i });
    }
    const value = expectedAverageValueOf(spend.params, row);
    let previous = 0;
    let discounted = 0;
    for (let k = 0; k < periods; k++) {
      const cumulative = purchases.conditionalExpectedPurchases(Math.min((k + 1) * periodLength, horizon), row);
      discounted += (cumulative - previous) * factors[k]!;
      previous = cumulative;
    }
    const lifetimeValue = discounted * value * margin;
    if (!Number.isFinite(lifetimeValue)) {
      throw new InvalidInputError({
        field: "monetaryValue",
        value: row.monetaryValue,
        expected: `an amount whose lifetime value is within the range of a double (here ${previous} purchases of ${value} each)`,
        row: i,
      });
    }
    total += lifetimeValue;
    totalPurchases += previous;
    customers.push({
      customerId,
      expectedPurchases: previous,
      expectedAverageValue: decimalFrom(value),
      lifetimeValue: decimalFrom(lifetimeValue),
    });
  }
  if (!Number.isFinite(total)) {
    throw new InvalidInputError({ field: "summary", value: `${rows.length} customers`, expected: "customers whose lifetime values add up to less than the largest double" });
  }
  return { customers, total: decimalFrom(total), expectedPurchases: totalPurchases };
}
