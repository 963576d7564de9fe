/**
 * The BG/BB model's data and likelihood: histories over discrete transaction opportunities,
 * their validation and grouping, and the log-likelihood.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkParams, type ParamKinds } from "./fit.ts";
import { betaln, logAddExp } from "./special.ts";

/**
 * Parameters of the BG/BB model.
 *
 * @category Lifetime value
 */
export interface BgBbParams {
  /** First shape of the beta distribution of the transaction probability p at each opportunity. */
  alpha: number;
  /** Second shape of the beta distribution of p. */
  beta: number;
  /** First shape of the beta distribution of the drop-out probability theta before each opportunity. */
  gamma: number;
  /** Second shape of the beta distribution of theta. */
  delta: number;
}

/**
 * A history over discrete transaction opportunities (years of donations, weekly issues, events):
 * after the first transaction the customer had `periods` opportunities, transacted at `frequency`
 * of them, the last at opportunity `recency`.
 *
 * @category Lifetime value
 */
export interface OpportunityHistory {
  /** x: transactions in the opportunities after the first one, an integer from 0 to `recency`. */
  frequency: number;
  /** t_x: the opportunity of the last of them (1..periods), 0 when `frequency` is 0. */
  recency: number;
  /** n: the number of opportunities observed after the first transaction, an integer. */
  periods: number;
}

/**
 * A row of {@link fitBgBb}'s input: a history and how many customers have it.
 *
 * @category Lifetime value
 */
export interface OpportunityRow extends OpportunityHistory {
  /** How many customers have this history (a non-negative integer); default 1. */
  count?: number | undefined;
}

/** The most opportunities of a history or a horizon: the likelihood and predictions sum over them. */
export const MAX_OPPORTUNITIES = 100_000;

/** The BG/BB parameters and their kinds (all shapes), in the order the likelihood reads them. @internal */
export const BG_BB_PARAMS: ParamKinds<BgBbParams> = Object.freeze({ alpha: "shape", beta: "shape", gamma: "shape", delta: "shape" });

/** Checks BG/BB parameters given by a caller: each from 1e-8 to 1e8, named `${field}.alpha` and so on. @internal */
export function checkBgBbParams(params: BgBbParams, field = "params"): Float64Array {
  return checkParams(params, BG_BB_PARAMS, field);
}

const isCount = (v: unknown, max: number): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= max;

/**
 * Checks one history over opportunities: integers with 0 <= frequency <= recency <= periods <=
 * {@link MAX_OPPORTUNITIES}, and recency 0 exactly when frequency is 0. @internal
 */
export function checkOpportunityHistory(x: unknown, tx: unknown, n: unknown, row?: number): void {
  const at = row === undefined ? {} : { row };
  if (!isCount(n, MAX_OPPORTUNITIES)) {
    throw new InvalidInputError({ field: "periods", value: n, expected: `an integer from 0 to ${MAX_OPPORTUNITIES.toLocaleString("en-US")} (transaction opportunities observed)`, ...at });
  }
  if (!isCount(tx, n)) {
    throw new InvalidInputError({ field: "recency", value: tx, expected: `an integer from 0 to periods (${n}): the opportunity of the last transaction`, ...at });
  }
  if (!isCount(x, tx) || (x === 0) !== (tx === 0)) {
    throw new InvalidInputError({
      field: "frequency",
      value: x,
      expected: `an integer from ${tx === 0 ? 0 : 1} to recency (${tx}): at most one transaction per opportunity, and recency 0 exactly when there is none`,
      ...at,
    });
  }
}

/** Distinct histories over opportunities with their counts (parallel arrays). @internal */
export interface OpportunityGroups {
  readonly count: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly n: Float64Array;
  readonly weight: Float64Array;
  /** Sum of the weights: the customers. */
  readonly total: number;
}

/**
 * Reads rows (any iterable) of `{ frequency, recency, periods, count? }`, checks each, and groups
 * identical histories, adding their counts: work linear in the rows. @internal
 */
export function readOpportunityRows(input: Iterable<OpportunityRow>): OpportunityGroups {
  if (input === null || typeof input !== "object" || !(Symbol.iterator in input)) {
    throw new InvalidInputError({ field: "summary", value: input, expected: "rows of { frequency, recency, periods, count? }" });
  }
  const index = new Map<number, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const n: number[] = [];
  const weight: number[] = [];
  let total = 0;
  let i = 0;
  for (const r of input) {
    if (r === null || typeof r !== "object") {
      throw new InvalidInputError({ field: "summary", value: r, expected: "a { frequency, recency, periods, count? } row", row: i });
    }
    checkOpportunityHistory(r.frequency, r.recency, r.periods, i);
    const c = r.count ?? 1;
    if (!isCount(c, Number.MAX_SAFE_INTEGER)) {
      throw new InvalidInputError({ field: "count", value: r.count, expected: "a non-negative integer (customers with this history)", row: i });
    }
    // Exact key: each part is at most MAX_OPPORTUNITIES, so the key stays below 2^53.
    const key = r.frequency + (MAX_OPPORTUNITIES + 1) * (r.recency + (MAX_OPPORTUNITIES + 1) * r.periods);
    const g = index.get(key);
    if (g === undefined) {
      index.set(key, x.length);
      x.push(r.frequency);
      tx.push(r.recency);
      n.push(r.periods);
      weight.push(c);
    } else {
      weight[g]! += c;
    }
    total += c;
    i++;
  }
  if (!Number.isSafeInteger(total)) {
    throw new InvalidInputError({ field: "count", value: total, expected: "counts adding up to at most 2^53 - 1 customers" });
  }
  return { count: x.length, x: Float64Array.from(x), tx: Float64Array.from(tx), n: Float64Array.from(n), weight: Float64Array.from(weight), total };
}

/**
 * ln L of one BG/BB history: ln of B(alpha+x, beta+n-x)/B(alpha, beta) B(gamma, delta+n)/B(gamma, delta)
 * (alive through all n opportunities) plus the sum over i = 0..n-t_x-1 of
 * B(alpha+x, beta+t_x-x+i)/B(alpha, beta) B(gamma+1, delta+t_x+i)/B(gamma, delta) (alive for t_x + i
 * opportunities, gone at the next). The sum's terms fall (each ratio is below 1), so they are
 * accumulated by their ratios (beta+t_x-x+i)/(alpha+beta+t_x+i) (delta+t_x+i)/(gamma+delta+t_x+i+1)
 * relative to the first. @internal
 */
export function bgBbLogLikelihoodOne(p: BgBbParams, x: number, tx: number, n: number, lnBab: number, lnBgd: number): number {
  const alive = betaln(p.alpha + x, p.beta + n - x) - lnBab + betaln(p.gamma, p.delta + n) - lnBgd;
  if (n === tx) return alive;
  const first = betaln(p.alpha + x, p.beta + tx - x) - lnBab + betaln(p.gamma + 1, p.delta + tx) - lnBgd;
  let sum = 1;
  let term = 1;
  for (let i = 0; i < n - tx - 1; i++) {
    term *= ((p.beta + tx - x + i) / (p.alpha + p.beta + tx + i)) * ((p.delta + tx + i) / (p.gamma + p.delta + tx + i + 1));
    sum += term;
  }
  return logAddExp(alive, first + Math.log(sum));
}

/** The BG/BB log-likelihood of grouped histories at (alpha, beta, gamma, delta). @internal */
export function bgBbLogLikelihoodOf(h: OpportunityGroups, theta: Float64Array): number {
  const p: BgBbParams = { alpha: theta[0]!, beta: theta[1]!, gamma: theta[2]!, delta: theta[3]! };
  const lnBab = betaln(p.alpha, p.beta);
  const lnBgd = betaln(p.gamma, p.delta);
  let ll = 0;
  for (let i = 0; i < h.count; i++) {
    if (h.weight[i]! > 0) ll += h.weight[i]! * bgBbLogLikelihoodOne(p, h.x[i]!, h.tx[i]!, h.n[i]!, lnBab, lnBgd);
  }
  return ll;
}
