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
import { checkHistory, summaryId, summaryRows, type RfmInput, type RfmRowLike } from "./histories.ts";
import { ALIVE_FACTORED, checkPurchaseModel, conditionalSeriesOf, type PurchaseModel } from "./purchaseModel.ts";
import { predictionIntervals, readIntervalOptions, samplerOf, type PredictionInterval } from "./predictionInterval.ts";

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
  /**
   * `true` to add an interval to each customer's value and to the total (`interval`, `totalInterval`):
   * it covers the uncertainty of both models' parameters, not a customer's own purchase noise.
   */
  interval?: boolean | undefined;
  /** Coverage of the intervals, strictly between 0 and 1; default 0.95. */
  confidence?: number | undefined;
  /** `"delta"` (default) or `"bootstrap"` (parametric draws from the estimates' normal approximation); see `PredictionIntervalOptions`. */
  method?: "delta" | "bootstrap" | undefined;
  /** Bootstrap draws: 10 to 100,000; default 200. */
  draws?: number | undefined;
  /** Seed of the bootstrap (a 32-bit integer); default 1. */
  seed?: number | undefined;
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
  /** With `interval: true`: the interval of `lifetimeValue` (as numbers) over the models' parameter uncertainty. */
  interval?: PredictionInterval | undefined;
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
  /** With `interval: true`: the interval of `total` (as a number) over the models' parameter uncertainty. */
  totalInterval?: PredictionInterval | undefined;
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
 * @param options - `horizon`, `discountRate` per period, `margin` (0..1), `periodLength` (default 1); `interval: true`
 *   with `confidence` (default 0.95), `method` (`"delta"`, default, or `"bootstrap"`: parametric draws of both
 *   models' parameters from their estimates' normal approximation on log-parameters), `draws` (default 200)
 *   and `seed` (default 1) for intervals over the parameters' uncertainty (not a customer's own purchase noise)
 * @returns per customer `expectedPurchases`, `expectedAverageValue` and `lifetimeValue` (and its `interval`),
 *   and the totals (and `totalInterval`)
 * @throws {@link InvalidInputError} for intervals asked of a model without a covariance (built from parameters:
 *   field `models.purchases` or `models.spend`), invalid interval options (`confidence`, `method`, `draws`, `seed`);
 *   invalid models (including `params` outside their accepted ranges, e.g.
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
  requireRecord(options, "options", ["horizon", "discountRate", "margin?", "periodLength?", "interval?", "confidence?", "method?", "draws?", "seed?"]);
  const horizon = requireNonNegative(options.horizon, "horizon");
  const discount = requireNonNegative(options.discountRate, "discountRate");
  const margin = options.margin === undefined ? 1 : requireFraction(options.margin, "margin");
  const periodLength = requirePositive(options.periodLength ?? 1, "periodLength");
  const intervals = readIntervalOptions(options);
  const periods = Math.ceil(horizon / periodLength);
  if (periods > 1_000_000) {
    throw new InvalidInputError({ field: "periodLength", value: periodLength, expected: `a length giving at most 1,000,000 periods over the horizon (${horizon})` });
  }
  const samplers = intervals === null ? null : [samplerOf(purchases, "models.purchases"), samplerOf(spend, "models.spend")];
  const factors = Float64Array.from({ length: periods }, (_, k) => (1 + discount) ** -(k + 1));
  const rows = summaryRows(summary);
  const customerIds: (CustomerId | null)[] = [];
  // Customers with the same history (or the same spend) are computed once: the bootstrap repeats this for every draw.
  const histories = new Map<string, number>();
  const historyRows: number[] = [];
  const historyOf = new Int32Array(rows.length);
  const spends = new Map<string, number>();
  const spendRows: number[] = [];
  const spendOf = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a { frequency, recency, T, monetaryValue } row", row: i });
    checkHistory(row.frequency, row.recency, row.T, i);
    customerIds.push(summaryId(row.customerId, i));
    if (row.frequency > 0 && (row.monetaryValue === undefined || row.monetaryValue === null)) {
      throw new InvalidInputError({ field: "monetaryValue", value: row.monetaryValue, expected: "the mean repeat-purchase value of a customer with repeat purchases", row: i });
    }
    const hKey = `${row.frequency},${row.recency},${row.T}`;
    let h = histories.get(hKey);
    if (h === undefined) histories.set(hKey, (h = historyRows.push(i) - 1));
    historyOf[i] = h;
    // Numbers and strings are grouped by value; other amounts (Decimals, objects) are read row by row.
    const m: unknown = row.monetaryValue;
    const sKey = row.frequency === 0 ? "0" : typeof m === "number" || typeof m === "string" ? `${row.frequency},${typeof m},${m}` : `row ${i}`;
    let v = spends.get(sKey);
    if (v === undefined) spends.set(sKey, (v = spendRows.push(i) - 1));
    spendOf[i] = v;
  }
  // Histories by (x, T): for a model whose expectation is P(alive) times a factor free of t_x, one
  // history per group is summed over the periods and the others scaled by their P(alive).
  const groups = new Map<string, number[]>();
  historyRows.forEach((i, h) => {
    const key = `${rows[i]!.frequency},${rows[i]!.T}`;
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [h]);
    else members.push(h);
  });
  const ends = Float64Array.from({ length: periods }, (_, k) => Math.min((k + 1) * periodLength, horizon));
  const sumOverPeriods = (p: PurchaseModel, row: RfmRowLike): [number, number] => {
    const expected = conditionalSeriesOf(p)(ends, row);
    let previous = 0;
    let sum = 0;
    for (let k = 0; k < periods; k++) {
      const c = expected[k]!;
      sum += (c - previous) * factors[k]!;
      previous = c;
    }
    return [sum, previous];
  };
  /** Each customer's value and expected purchases under the given models. */
  const evaluate = (p: PurchaseModel, g: GammaGammaModel) => {
    const discounted = new Float64Array(historyRows.length);
    const cumulative = new Float64Array(historyRows.length);
    const factored = (p as { [ALIVE_FACTORED]?: boolean })[ALIVE_FACTORED] === true;
    for (const members of groups.values()) {
      if (!factored || members.length === 1) {
        for (const h of members) [discounted[h], cumulative[h]] = sumOverPeriods(p, rows[historyRows[h]!]!);
        continue;
      }
      const alive = members.map((h) => p.probabilityAlive(rows[historyRows[h]!]!));
      let best = 0;
      for (let j = 1; j < members.length; j++) if (alive[j]! > alive[best]!) best = j;
      const [sum, last] = sumOverPeriods(p, rows[historyRows[members[best]!]!]!);
      members.forEach((h, j) => {
        // All alive at most alive[best]: when that is 0 (underflow) so are they, and the ratio is 0, not 0/0.
        const ratio = j === best ? 1 : alive[best]! === 0 ? 0 : alive[j]! / alive[best]!;
        discounted[h] = j === best ? sum : sum * ratio;
        cumulative[h] = j === best ? last : last * ratio;
      });
    }
    const values = Float64Array.from(spendRows, (i) => expectedAverageValueOf(g.params, rows[i]!));
    const lifetime = Float64Array.from({ length: rows.length }, (_, i) => discounted[historyOf[i]!]! * values[spendOf[i]!]! * margin);
    return { lifetime, values, cumulative };
  };
  const { lifetime, values, cumulative } = evaluate(purchases, spend);
  const customers: CustomerLifetimeValue[] = [];
  let total = 0;
  let totalPurchases = 0;
  for (let i = 0; i < rows.length; i++) {
    const lifetimeValue = lifetime[i]!;
    const value = values[spendOf[i]!]!;
    const expected = cumulative[historyOf[i]!]!;
    if (!Number.isFinite(lifetimeValue)) {
      throw new InvalidInputError({
        field: "monetaryValue",
        value: rows[i]!.monetaryValue,
        expected: `an amount whose lifetime value is within the range of a double (here ${expected} purchases of ${value} each)`,
        row: i,
      });
    }
    total += lifetimeValue;
    totalPurchases += expected;
    customers.push({
      customerId: customerIds[i]!,
      expectedPurchases: expected,
      expectedAverageValue: decimalFrom(value),
      lifetimeValue: decimalFrom(lifetimeValue),
    });
  }
  if (!Number.isFinite(total)) {
    throw new InvalidInputError({ field: "summary", value: `${rows.length} customers`, expected: "customers whose lifetime values add up to less than the largest double" });
  }
  const result: LifetimeValuePrediction = { customers, total: decimalFrom(total), expectedPurchases: totalPurchases };
  if (intervals !== null && samplers !== null) {
    const all = predictionIntervals(samplers, ([p, g]) => {
      const { lifetime: v } = evaluate(p as PurchaseModel, g as GammaGammaModel);
      const out = new Float64Array(v.length + 1);
      out.set(v);
      // a draw far in a tail may give values beyond the range of a double: they bound the interval, not NaN
      out[v.length] = v.reduce((s, x) => s + x, 0);
      return out.map((x) => (Number.isFinite(x) ? x : Number.MAX_VALUE));
    }, intervals);
    customers.forEach((c, i) => (c.interval = all[i]!));
    result.totalInterval = all[rows.length]!;
  }
  return result;
}
