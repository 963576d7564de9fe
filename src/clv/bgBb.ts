/**
 * `fitBgBb`: the BG/BB model of repeat transactions at discrete opportunities, and the fitted
 * model's predictions over opportunities.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { displayable } from "../displayProtocol.ts";
import { fitByMaximumLikelihood, readFitOptions, type FitOptions, type FitOutcome, type FitState } from "./fit.ts";
import { parameterSampler, valueOrInterval, withSampler, type PredictionInterval, type PredictionIntervalOptions } from "./predictionInterval.ts";
import { uncertaintyFields } from "./uncertainty.ts";
import {
  BG_BB_PARAMS, bgBbLogLikelihoodOf, bgBbLogLikelihoodOne, checkBgBbParams, checkOpportunityHistory, MAX_OPPORTUNITIES, readOpportunityRows,
  type BgBbParams, type OpportunityHistory, type OpportunityRow,
} from "./bgBbLikelihood.ts";
import type { PurchaseModelJson } from "./purchaseModel.ts";
import { betaln, gammaln, logAddExp, logistic } from "./special.ts";

export type { BgBbParams, OpportunityHistory, OpportunityRow };

/**
 * A fitted BG/BB model: its parameters, its fit, and its predictions over transaction
 * opportunities (t and n are whole numbers of opportunities).
 *
 * @category Lifetime value
 */
export interface BgBbModel extends FitState<keyof BgBbParams> {
  /** `"BG/BB"`. */
  readonly model: "BG/BB";
  /** The fitted parameters. */
  readonly params: Readonly<BgBbParams>;
  /** E[X(t)]: expected transactions of a new customer in their next t opportunities. */
  expectedPurchases(t: number): number;
  /** E[X(t)] with its interval over the parameters' uncertainty (`{ interval: true, confidence, method, draws, seed }`). */
  expectedPurchases(t: number, options: PredictionIntervalOptions): PredictionInterval;
  /** E[X(n, n + t) | x, t_x, n]: expected transactions of a customer with this history in the next t opportunities. */
  conditionalExpectedPurchases(t: number, customer: OpportunityHistory): number;
  /** E[X(n, n + t) | x, t_x, n] with its interval over the parameters' uncertainty, as for `expectedPurchases`. */
  conditionalExpectedPurchases(t: number, customer: OpportunityHistory, options: PredictionIntervalOptions): PredictionInterval;
  /** P(alive at opportunity n + 1 | x, t_x, n): the probability that the customer is still active at the next opportunity. */
  probabilityAlive(customer: OpportunityHistory): number;
  /** P(alive at n + 1) with its interval (within [0, 1]) over the parameters' uncertainty, as for `expectedPurchases`. */
  probabilityAlive(customer: OpportunityHistory, options: PredictionIntervalOptions): PredictionInterval;
  /** P(X(t) = n): the probability that a new customer transacts at exactly n of their next t opportunities. */
  probabilityOfPurchases(n: number, t: number): number;
  /** P(X(n, n + t) = k | history): the probability of exactly `n` transactions in the customer's next t opportunities. */
  conditionalProbabilityOfPurchases(n: number, t: number, customer: OpportunityHistory): number;
  /** The model as plain data; `bgBbModel(json)` rebuilds it. */
  toJSON(): PurchaseModelJson<"BG/BB", BgBbParams>;
}

/**
 * Options of {@link fitBgBb}.
 *
 * @category Lifetime value
 */
export type BgBbFitOptions = FitOptions<BgBbParams>;

/** Checks a number of opportunities ahead, or of transactions: an integer from 0 to {@link MAX_OPPORTUNITIES}. */
function checkOpportunities(value: unknown, field: string): number {
  if (!(typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= MAX_OPPORTUNITIES)) {
    throw new InvalidInputError({ field, value, expected: `an integer from 0 to ${MAX_OPPORTUNITIES.toLocaleString("en-US")} (transaction opportunities)` });
  }
  return value;
}

function checkOpportunityCustomer(c: OpportunityHistory): OpportunityHistory {
  if (c === null || typeof c !== "object") {
    throw new InvalidInputError({ field: "customer", value: c, expected: "an object { frequency, recency, periods }" });
  }
  checkOpportunityHistory(c.frequency, c.recency, c.periods);
  return c;
}

/**
 * E[X(t)] of a new customer: E[p] times the expected number of the t opportunities at which they
 * are alive, alpha/(alpha+beta) sum_{i=1..t} B(gamma, delta+i)/B(gamma, delta), the terms by their
 * ratios (delta+i-1)/(gamma+delta+i-1) (the closed form delta/(gamma-1) [1 - ...] has a removable
 * singularity at gamma = 1).
 */
function expectedNew(p: BgBbParams, t: number): number {
  let alive = 1;
  let sum = 0;
  for (let i = 1; i <= t; i++) {
    alive *= (p.delta + i - 1) / (p.gamma + p.delta + i - 1);
    sum += alive;
  }
  return (p.alpha / (p.alpha + p.beta)) * sum;
}

/**
 * P(X(t) = k) for a new customer (Fader, Hardie & Shang 2010, eq. 8): alive through all t
 * opportunities with k transactions, C(t, k) B(alpha+k, beta+t-k)/B(alpha, beta) B(gamma, delta+t)/B(gamma, delta),
 * plus gone after i = k..t-1 opportunities with k transactions in them,
 * C(i, k) B(alpha+k, beta+i-k)/B(alpha, beta) B(gamma+1, delta+i)/B(gamma, delta), summed in log space.
 */
function pmfNew(p: BgBbParams, k: number, t: number): number {
  if (k > t) return 0;
  const lnBab = betaln(p.alpha, p.beta);
  const lnBgd = betaln(p.gamma, p.delta);
  const lnChoose = (m: number) => gammaln(m + 1) - gammaln(k + 1) - gammaln(m - k + 1);
  let ln = lnChoose(t) + betaln(p.alpha + k, p.beta + t - k) - lnBab + betaln(p.gamma, p.delta + t) - lnBgd;
  if (k < t) {
    // i = k first, then by the ratios of consecutive terms.
    let term = betaln(p.alpha + k, p.beta) - lnBab + betaln(p.gamma + 1, p.delta + k) - lnBgd;
    ln = logAddExp(ln, term);
    for (let i = k; i < t - 1; i++) {
      term += Math.log(((i + 1) / (i + 1 - k)) * ((p.beta + i - k) / (p.alpha + p.beta + i)) * ((p.delta + i) / (p.gamma + p.delta + i + 1)));
      ln = logAddExp(ln, term);
    }
  }
  const v = Math.exp(ln);
  return v > 1 ? 1 : v;
}

/** The state of a model rebuilt at other parameters (for intervals), which has no fit of its own. */
const NOT_FITTED: FitOutcome = { logLikelihood: 0, iterations: 0, converged: true };

/**
 * The BG/BB model object for given parameters and fit state; the fit's covariance (when there is
 * one) gives the uncertainty fields and the prediction intervals. @internal
 */
export function makeBgBbModel(params: BgBbParams, state: FitOutcome): BgBbModel {
  const p = Object.freeze({ alpha: params.alpha, beta: params.beta, gamma: params.gamma, delta: params.delta });
  const lnBab = betaln(p.alpha, p.beta);
  const lnBgd = betaln(p.gamma, p.delta);
  const fit = { logLikelihood: state.logLikelihood, iterations: state.iterations, converged: state.converged };
  // Alive at opportunity n given the history: its share of the likelihood. Given alive, p ~ Beta(alpha+x, beta+n-x)
  // and theta ~ Beta(gamma, delta+n), and the next opportunities follow a new customer's story with these.
  const aliveAtN = (c: OpportunityHistory): number => {
    const x = c.frequency;
    const n = c.periods;
    const alive = betaln(p.alpha + x, p.beta + n - x) - lnBab + betaln(p.gamma, p.delta + n) - lnBgd;
    return Math.exp(alive - bgBbLogLikelihoodOne(p, x, c.recency, n, lnBab, lnBgd));
  };
  const posterior = (c: OpportunityHistory): BgBbParams => ({ alpha: p.alpha + c.frequency, beta: p.beta + c.periods - c.frequency, gamma: p.gamma, delta: p.delta + c.periods });
  const model = displayable({
    model: "BG/BB" as const,
    params: p,
    ...fit,
    ...uncertaintyFields(p, BG_BB_PARAMS, state.covarianceMatrix),
    expectedPurchases(t: number, options?: PredictionIntervalOptions) {
      const horizon = checkOpportunities(t, "t");
      return valueOrInterval<BgBbModel>(options, model, expectedNew(p, horizon), (m) => m.expectedPurchases(horizon));
    },
    conditionalExpectedPurchases(t: number, customer: OpportunityHistory, options?: PredictionIntervalOptions) {
      const horizon = checkOpportunities(t, "t");
      const c = checkOpportunityCustomer(customer);
      const value = aliveAtN(c) * expectedNew(posterior(c), horizon);
      return valueOrInterval<BgBbModel>(options, model, value, (m) => m.conditionalExpectedPurchases(horizon, c));
    },
    probabilityAlive(customer: OpportunityHistory, options?: PredictionIntervalOptions) {
      const c = checkOpportunityCustomer(customer);
      // Alive at n, and not gone before opportunity n + 1: E[1 - theta] = (delta+n)/(gamma+delta+n).
      const value = Math.min(1, aliveAtN(c) * logistic(Math.log(p.delta + c.periods) - Math.log(p.gamma)));
      return valueOrInterval<BgBbModel>(options, model, value, (m) => m.probabilityAlive(c), 0, 1);
    },
    probabilityOfPurchases(n: number, t: number): number {
      const k = checkOpportunities(n, "n");
      return pmfNew(p, k, checkOpportunities(t, "t"));
    },
    conditionalProbabilityOfPurchases(n: number, t: number, customer: OpportunityHistory): number {
      const k = checkOpportunities(n, "n");
      const horizon = checkOpportunities(t, "t");
      const c = checkOpportunityCustomer(customer);
      const alive = aliveAtN(c);
      const v = (k === 0 ? 1 - alive : 0) + alive * pmfNew(posterior(c), k, horizon);
      return v < 0 ? 0 : v > 1 ? 1 : v;
    },
    toJSON(): PurchaseModelJson<"BG/BB", BgBbParams> {
      return { model: "BG/BB", params: { ...p }, ...fit };
    },
  });
  withSampler(model, parameterSampler(p, BG_BB_PARAMS, state.covarianceMatrix, (q) => makeBgBbModel(q, NOT_FITTED)));
  return Object.freeze(model) as unknown as BgBbModel;
}

/**
 * Fits the BG/BB model of repeat transactions at discrete opportunities (a yearly donation, an
 * annual event, a weekly issue) by maximum likelihood.
 *
 * Model (Fader, Hardie & Shang 2010): while alive, a customer transacts at each opportunity with
 * probability p ~ Beta(alpha, beta); before each opportunity an alive customer drops out with
 * probability theta ~ Beta(gamma, delta). Likelihood of x transactions in n opportunities, the last at t_x:
 * L = B(alpha+x, beta+n-x)/B(alpha, beta) B(gamma, delta+n)/B(gamma, delta)
 *   + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha, beta) B(gamma+1, delta+t_x+i)/B(gamma, delta),
 * summed over rows weighted by `count`, maximised over log-parameters by BFGS (central-difference
 * gradients) with a Nelder-Mead restart if needed.
 *
 * Predictions over opportunities: E[X(t)] = alpha/(alpha+beta) sum_{i=1..t} B(gamma, delta+i)/B(gamma, delta);
 * P(alive at n+1 | x, t_x, n) = B(alpha+x, beta+n-x)/B(alpha, beta) B(gamma, delta+n+1)/B(gamma, delta) / L;
 * E[X(n, n+t) | x, t_x, n] and P(X(n, n+t) = k | ...) are a new customer's with
 * (alpha+x, beta+n-x, gamma, delta+n), times the probability of being alive at n (plus, for k = 0, that of being gone).
 *
 * @param summary - rows `{ frequency, recency, periods, count? }`: transactions after the first, the
 *   opportunity of the last (0 without any), opportunities observed, and how many customers have
 *   this history (default 1), all integers; at most 100,000 opportunities
 * @param options - `initialParams` (start of the search, each from 1e-8 to 1e8), `maxIterations` (1 to 100,000; default 1000)
 * @returns the fitted model: `params` `{ alpha, beta, gamma, delta }`, `logLikelihood`, `iterations`,
 *   `converged`, the parameters' `standardErrors`, `covariance` and `confidenceIntervals(level = 0.95)`,
 *   and the methods `expectedPurchases(t)`, `conditionalExpectedPurchases(t, customer)`,
 *   `probabilityAlive(customer)` (each also with `{ interval: true }`, as the BG/NBD's),
 *   `probabilityOfPurchases(n, t)`, `conditionalProbabilityOfPurchases(n, t, customer)`, `toJSON()`
 * @throws {@link InvalidInputError} for an invalid row (a negative or fractional value or count, recency
 *   above periods, frequency above recency), an empty summary or one without any repeat transaction;
 *   invalid options (as `fitBgNbd`'s)
 * @throws {@link ConvergenceError} when the fit does not converge within `maxIterations`, with its last state
 * @see P. S. Fader, B. G. S. Hardie and J. Shang (2010), "Customer-Base Analysis in a Discrete-Time
 *   Noncontractual Setting", Marketing Science 29(6), 1086-1108; B. G. S. Hardie, "Implementing the
 *   BG/BB Model for Customer-Base Analysis in Excel", brucehardie.com/notes/010.
 * @example
 * ```ts
 * import { fitBgBb } from "retention-metrics/clv";
 * // 6 yearly opportunities after a first donation: how many donors gave at how many, the last when
 * const donors = fitBgBb([
 *   { frequency: 0, recency: 0, periods: 6, count: 3464 },
 *   { frequency: 1, recency: 1, periods: 6, count: 1091 },
 *   { frequency: 2, recency: 4, periods: 6, count: 281 },
 *   { frequency: 3, recency: 5, periods: 6, count: 253 },
 *   { frequency: 5, recency: 6, periods: 6, count: 580 },
 *   { frequency: 6, recency: 6, periods: 6, count: 1203 },
 * ]);
 * console.log(donors.params.alpha.toFixed(2), donors.params.delta.toFixed(2)); // "1.88" "0.27"
 * // the chance that a donor who gave twice, last in year 4, is still a donor in year 7
 * console.log(donors.probabilityAlive({ frequency: 2, recency: 4, periods: 6 }).toFixed(2)); // "0.66"
 * ```
 * @category Lifetime value
 */
export function fitBgBb(summary: Iterable<OpportunityRow>, options: BgBbFitOptions = {}): BgBbModel {
  const settings = readFitOptions(options, BG_BB_PARAMS);
  const h = readOpportunityRows(summary);
  if (h.total === 0) {
    throw new InvalidInputError({ field: "summary", value: "no customers", expected: "histories (with a positive count) to fit the BG/BB model to" });
  }
  let repeat = 0;
  for (let i = 0; i < h.count; i++) if (h.x[i]! > 0) repeat += h.weight[i]!;
  if (repeat === 0) {
    throw new InvalidInputError({
      field: "summary",
      value: `${h.total} customers, none with a repeat transaction`,
      expected: "at least one customer with frequency > 0: without repeat transactions the BG/BB transaction probability has no maximum-likelihood estimate",
    });
  }
  const fit = fitByMaximumLikelihood<BgBbParams>(
    "BG/BB",
    BG_BB_PARAMS,
    (theta) => bgBbLogLikelihoodOf(h, theta),
    { alpha: 1, beta: 1, gamma: 1, delta: 1 },
    h.total,
    false,
    settings,
  );
  checkBgBbParams(fit.params);
  return makeBgBbModel(fit.params, fit);
}
