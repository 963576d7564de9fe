/**
 * `periodTransactions`: how many customers made 0, 1, 2, ... repeat purchases in
 * the calibration period, against how many the fitted model expects.
 *
 * @module
 */
import { displayable } from "../displayProtocol.ts";
import { InvalidInputError } from "../errors.ts";
import { requireIntegerIn, requireOptions } from "../validate.ts";
import type { BgBbModel, OpportunityRow } from "./bgBb.ts";
import { readOpportunityRows } from "./bgBbLikelihood.ts";
import { groupRows, readHistories, type RfmInput } from "./histories.ts";
import { checkBgBbModel, checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";

/**
 * Options of {@link periodTransactions}.
 *
 * @category Lifetime value
 */
export interface PeriodTransactionsOptions {
  /** Frequencies from this one up share the last bucket (`"7+"`); default 7. */
  maxFrequency?: number | undefined;
}

/**
 * One frequency bucket of {@link periodTransactions}.
 *
 * @category Lifetime value
 */
export interface PeriodTransactionsRow {
  /** The bucket's repeat purchases in the calibration period (the lowest, for the last bucket). */
  frequency: number;
  /** The bucket's label: `"0"`, `"1"`, ..., `"7+"`. */
  label: string;
  /** Customers of the summary with this many repeat purchases. */
  actual: number;
  /** Customers the model expects with this many: the sum over customers of P(X(T_i) = frequency). */
  expected: number;
}

/** The largest `maxFrequency`: each bucket costs one probability per distinct T. */
const MAX_BUCKET = 1_000;

/**
 * The period-transactions check of a purchase model (lifetimes'
 * `plot_period_transactions`, with the model's exact probabilities instead of a
 * simulation): for each number of repeat purchases x = 0, 1, ..., k - 1 and "k or
 * more", the customers of the calibration summary with that many, against the
 * number the fitted model expects given each customer's time observed.
 *
 * Formula: with customers i of age T_i (for BG/BB, n_i opportunities) and k = maxFrequency,
 * actual(x) = #{i : x_i = x} and expected(x) = sum_i P(X(T_i) = x) for x < k, the model's
 * `probabilityOfPurchases(x, T_i)`; actual(k+) = #{i : x_i >= k} and
 * expected(k+) = sum_i [1 - sum_{x<k} P(X(T_i) = x)]. Both columns sum to the number of customers.
 * Customers of the same T share one evaluation, and a row's `count` counts as that many customers.
 *
 * @param model - a fitted BG/NBD, MBG/NBD or Pareto/NBD model (on this summary), or a BG/BB model
 * @param summary - the calibration summary the model was fitted to: rows or columns with `frequency`,
 *   `recency`, `T` and an optional `count` (`rfmSummary`); for a BG/BB model rows with `periods` instead of `T`
 * @param options - `maxFrequency` (default 7, and for BG/BB at most the largest number of opportunities; an integer from 0 to 1,000)
 * @returns one row per bucket, frequency 0 first: `{ frequency, label, actual, expected }`
 * @throws {@link InvalidInputError} for an invalid model (field `model`, `model.probabilityOfPurchases`,
 *   `model.params.r`, ...), a summary that is not rows or columns, a bad row (`frequency`, `recency`, `T`,
 *   `periods` or `count`, with its row), or an invalid `maxFrequency`
 * @see CamDavidsonPilon/lifetimes, `plotting.plot_period_transactions` (the idea, not the code: lifetimes
 *   simulates customers, this sums the model's probabilities); P. S. Fader, B. G. S. Hardie and K. L. Lee
 *   (2005), "'Counting Your Customers' the Easy Way", Marketing Science 24(2), 275-284, figure 1 and
 *   equation (8) for P(X(t) = x).
 * @example
 * ```ts
 * import { fitBgNbd, periodTransactions, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 });
 * const rows = periodTransactions(fitBgNbd(summary), summary, { maxFrequency: 3 });
 * console.log(rows.map((r) => [r.label, r.actual, Math.round(r.expected)])); // [["0",1134,1133],["1",400,398],["2",167,170],["3+",299,299]]
 * ```
 * @category Lifetime value
 */
export function periodTransactions(model: PurchaseModel | BgBbModel, summary: RfmInput | Iterable<OpportunityRow>, options: PeriodTransactionsOptions = {}): PeriodTransactionsRow[] {
  const opportunities = model !== null && typeof model === "object" && model.model === "BG/BB";
  if (opportunities) checkBgBbModel(model);
  else checkPurchaseModel(model as PurchaseModel);
  requireOptions(options, "options", "{ maxFrequency: 7 }");
  const given = options.maxFrequency === undefined ? undefined : requireIntegerIn(options.maxFrequency, "maxFrequency", 0, MAX_BUCKET);
  // The ages with how many customers have each, then P(X(age) = x) once per age.
  let ages: Float64Array;
  let weights: Float64Array;
  let ageCount: number;
  let k: number;
  let actual: Float64Array;
  if (opportunities) {
    const g = readOpportunityRows(summary as Iterable<OpportunityRow>);
    // At most n repeat transactions in n opportunities: by default no bucket past the most opportunities.
    let most = 0;
    for (let i = 0; i < g.count; i++) most = Math.max(most, g.n[i]!);
    k = given ?? Math.min(7, most);
    actual = new Float64Array(k + 1);
    for (let i = 0; i < g.count; i++) actual[Math.min(g.x[i]!, k)]! += g.weight[i]!;
    const byAge = groupRows(g.n, null, null, g.weight);
    ages = byAge.a;
    weights = byAge.weight;
    ageCount = byAge.count;
  } else {
    if (summary === null || typeof summary !== "object") {
      throw new InvalidInputError({ field: "summary", value: summary, expected: "the calibration summary: rows or columns of { frequency, recency, T }" });
    }
    const h = readHistories(summary as RfmInput);
    k = given ?? 7;
    actual = new Float64Array(k + 1);
    for (let i = 0; i < h.count; i++) actual[Math.min(h.x[i]!, k)]! += h.weight === null ? 1 : h.weight[i]!;
    const byAge = groupRows(h.T, null, null, h.weight);
    ages = byAge.a;
    weights = byAge.weight;
    ageCount = byAge.count;
  }
  const pmf = (n: number, t: number) => (opportunities ? (model as BgBbModel).probabilityOfPurchases(n, t) : (model as PurchaseModel).probabilityOfPurchases(n, t));
  const expected = new Float64Array(k + 1);
  for (let g = 0; g < ageCount; g++) {
    const age = ages[g]!;
    const w = weights[g]!;
    let below = 0;
    for (let x = 0; x < k; x++) {
      const p = pmf(x, age);
      below += p;
      expected[x]! += w * p;
    }
    // "k or more": the rest of the distribution (clamped: the pmf's rounding may sum a hair above 1).
    expected[k]! += w * Math.max(0, 1 - below);
  }
  const rows: PeriodTransactionsRow[] = [];
  for (let x = 0; x <= k; x++) rows.push({ frequency: x, label: x === k ? `${x}+` : String(x), actual: actual[x]!, expected: expected[x]! });
  return displayable(rows);
}
