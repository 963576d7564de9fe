/**
 * `fitBgNbd` and the fitted BG/NBD model's predictions.
 *
 * @module
 */
import { BG_NBD_PARAMS, bgNbdLogLikelihoodOf, checkBgNbdParams, type BgNbdParams } from "./bgNbdLikelihood.ts";
import { fitByMaximumLikelihood, readFitOptions, type FitOptions, type FitOutcome } from "./fit.ts";
import { uncertaintyFields } from "./uncertainty.ts";
import { parameterSampler, valueOrInterval, withSampler, type PredictionIntervalOptions } from "./predictionInterval.ts";
import { groupHistories, readHistories, type PurchaseHistory, type RfmInput } from "./histories.ts";
import { checkCustomer, checkHorizon, finitePrediction, markAliveFactored, rateStart, requireRepeatBuyers, withConditionalSeries, type PurchaseModel, type PurchaseModelJson } from "./purchaseModel.ts";
import { betaGeometricPmf, checkPurchaseCount, conditionalPmf } from "./purchaseCounts.ts";
import { adaptiveIntegral } from "../stats/quadrature.ts";
import { betaln, expm1Ratio, logistic } from "./special.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * A fitted BG/NBD model: its parameters, its fit, and its predictions (in the summary's time unit).
 *
 * @category Lifetime value
 */
export interface BgNbdModel extends PurchaseModel<keyof BgNbdParams> {
  /** `"BG/NBD"`. */
  readonly model: "BG/NBD";
  /** The fitted parameters. */
  readonly params: Readonly<BgNbdParams>;
  /** The model as plain data; `bgNbdModel(json)` rebuilds it. */
  toJSON(): PurchaseModelJson<"BG/NBD", BgNbdParams>;
}

/**
 * Options of {@link fitBgNbd}.
 *
 * @category Lifetime value
 */
export type BgNbdFitOptions = FitOptions<BgNbdParams>;

/**
 * (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))], the
 * BG/NBD expectation, in a form without the singularity at a = 1 and valid for
 * every a, b > 0. Euler's transformation 2F1(A, B; C; z) = (1-z)^(C-A-B)
 * 2F1(C-A, C-B; C; z) with C = a+b-1 and u = 1 - z = alpha/(alpha+t) gives
 * E = (a+b-1) (1 - u^(a-1))/(a-1) - u^(a-1) sum_{n>=1} (a+b-1-r)_n (a)_(n-1) / ((a+b)_(n-1) n!) z^n.
 * The series is used when it converges quickly and without cancellation (z not
 * close to 1, r not far above a+b); otherwise the defining integral is computed
 * (see {@link expectationByQuadrature}). @internal
 */
export function expectation(r: number, alpha: number, a: number, b: number, t: number): number {
  return expectationWith(r, alpha, a, b, t, { ratios: [], bounds: [] });
}

/**
 * {@link expectation} at each of `times` (one customer's horizons): the series' coefficient
 * ratios do not depend on t, so they are computed once for all of them. @internal
 */
export function expectations(r: number, alpha: number, a: number, b: number, times: Float64Array): Float64Array {
  const cache: SeriesCache = { ratios: [], bounds: [] };
  return times.map((t) => expectationWith(r, alpha, a, b, t, cache));
}

/**
 * The series' coefficient ratios (c - r + n)(a + n - 1) / ((a + b + n - 1)(n + 1)) and tail-bound
 * factors max(1, |n + 1 + c - r| / (n + 2)), n = 1, 2, ...: they do not depend on t, so the calls of
 * one (r, alpha, a, b) share them, and one horizon or many give the same digits.
 */
interface SeriesCache {
  readonly ratios: number[];
  readonly bounds: number[];
}

/** {@link expectation} with the ratios of `cache`, extended as far as this t needs. */
function expectationWith(r: number, alpha: number, a: number, b: number, t: number, cache: SeriesCache): number {
  if (t === 0) return 0;
  const L = Math.log1p(t / alpha);
  const z = t / (alpha + t);
  const c = a + b - 1;
  if (z <= 0.995) {
    // Term n+1 = term n * z (n + c - r)(n + a - 1) / ((n + a + b - 1)(n + 1)); for m >= n each later
    // ratio in absolute value is at most z max(1, |n+1+c-r|/(n+2)) (the factor (m+a-1)/(m+a+b-1) is
    // below 1), which bounds the tail by a geometric series.
    const { ratios, bounds } = cache;
    let term = (c - r) * z;
    let sum = term;
    let largest = Math.abs(term);
    let converged = term === 0;
    for (let n = 1; n < 20_000 && !converged; n++) {
      if (ratios.length < n) {
        ratios.push(((c - r + n) * (a + n - 1)) / ((a + b + n - 1) * (n + 1)));
        bounds.push(Math.max(1, Math.abs(n + 1 + c - r) / (n + 2)));
      }
      term *= ratios[n - 1]! * z;
      sum += term;
      const size = Math.abs(term);
      if (size > largest) largest = size;
      const bound = z * bounds[n - 1]!;
      // |term| bound / (1 - bound) <= 1e-16 |sum|, without the division
      converged = term === 0 || (bound < 1 && size * bound <= 1e-16 * Math.abs(sum) * (1 - bound));
    }
    const first = c * expm1Ratio(a - 1, L);
    const scale = Math.exp(-(a - 1) * L);
    const value = first - scale * sum;
    // Rounding error of the terms and of the final difference, against the value.
    const error = 1e-15 * (Math.abs(first) + scale * largest * 10);
    if (converged && value > 0 && error <= 1e-11 * value) return value;
  }
  return expectationByQuadrature(r, alpha, a, b, t);
}

/**
 * E[X(t)] from its definition, E over p ~ Beta(a, b) of (1/p)(1 - (1 + p t/alpha)^-r),
 * by adaptive quadrature: on [0, 1/2] in u = p^a and on [1/2, 1] in v = (1-p)^b,
 * which take the endpoint powers p^(a-1) and (1-p)^(b-1) out of the integrand. @internal
 */
export function expectationByQuadrature(r: number, alpha: number, a: number, b: number, t: number): number {
  const k = t / alpha;
  // (1 - (1 + p k)^-r) / p, with its limit r k at p = 0
  const h = (p: number) => (p === 0 ? r * k : -Math.expm1(-r * Math.log1p(p * k)) / p);
  const left = adaptiveIntegral((u) => {
    const p = u ** (1 / a);
    return (Math.exp((b - 1) * Math.log1p(-p)) * h(p)) / a;
  }, 0, 0.5 ** a, 1e-12);
  const right = adaptiveIntegral((v) => {
    const p = 1 - v ** (1 / b);
    return (Math.exp((a - 1) * Math.log(p)) * h(p)) / b;
  }, 0, 0.5 ** b, 1e-12);
  const value = Math.exp(Math.log(left + right) - betaln(a, b));
  return Number.isFinite(value) ? value : 0;
}

/**
 * ln of the odds that a customer of the BG/NBD family has dropped out, against alive at T:
 * ln(a/(b+x+shift-1)) + (r+x) ln((alpha+T)/(alpha+t_x)); -Infinity (alive for sure) for a BG/NBD
 * customer without repeat purchases, who has had no chance to drop out.
 */
function deadOddsLog(p: BgNbdParams, c: PurchaseHistory, shift: 0 | 1): number {
  if (c.frequency + shift === 0) return -Infinity;
  const rx = p.r + c.frequency;
  return Math.log(p.a / (p.b + c.frequency + shift - 1)) + rx * (Math.log(p.alpha + c.T) - Math.log(p.alpha + c.recency));
}

/** What {@link makeBetaGeometricModel} makes: a BG/NBD or an MBG/NBD model. @internal */
export type BetaGeometricModel<M extends "BG/NBD" | "MBG/NBD"> = PurchaseModel<keyof BgNbdParams> & {
  readonly model: M;
  readonly params: Readonly<BgNbdParams>;
  toJSON(): PurchaseModelJson<M, BgNbdParams>;
};

/**
 * The model object of the BG/NBD family for given parameters and fit state: `shift` 0 the
 * BG/NBD, 1 the MBG/NBD (one more drop-out chance, at the first purchase). Given alive at T the
 * rate is Gamma(r+x, alpha+T) and the drop-out probability Beta(a, b+x+shift), and from there on
 * the customer follows the BG/NBD story, so the conditional predictions are the BG/NBD's with
 * those parameters times P(alive) (which is why both are {@link markAliveFactored}: the factor
 * depends on x and T, not on t_x). A new MBG/NBD customer survives the first chance with
 * probability b/(a+b), after which p ~ Beta(a, b+1). The fit's covariance (when there is one)
 * gives the uncertainty fields and the prediction intervals. @internal
 */
export function makeBetaGeometricModel<M extends "BG/NBD" | "MBG/NBD">(model: M, shift: 0 | 1, params: BgNbdParams, state: FitOutcome): BetaGeometricModel<M> {
  type Model = BetaGeometricModel<M>;
  const p = Object.freeze({ r: params.r, alpha: params.alpha, a: params.a, b: params.b });
  const probabilityAlive = (c: PurchaseHistory): number => logistic(-deadOddsLog(p, c, shift));
  const survivesStart = shift === 0 ? 1 : p.b / (p.a + p.b);
  const fit = { logLikelihood: state.logLikelihood, iterations: state.iterations, converged: state.converged };
  const object = displayable({
    model,
    params: p,
    ...fit,
    ...uncertaintyFields(p, BG_NBD_PARAMS, state.covarianceMatrix),
    expectedPurchases(t: number, options?: PredictionIntervalOptions) {
      const horizon = checkHorizon(t);
      const value = finitePrediction(survivesStart * expectation(p.r, p.alpha, p.a, p.b + shift, horizon), "t", t);
      return valueOrInterval<Model>(options, object, value, (m) => m.expectedPurchases(horizon));
    },
    conditionalExpectedPurchases(t: number, customer: PurchaseHistory, options?: PredictionIntervalOptions) {
      const c = checkCustomer(customer);
      const horizon = checkHorizon(t);
      const value = finitePrediction(expectation(p.r + c.frequency, p.alpha + c.T, p.a, p.b + c.frequency + shift, horizon) * probabilityAlive(c), "t", t);
      return valueOrInterval<Model>(options, object, value, (m) => m.conditionalExpectedPurchases(horizon, c));
    },
    probabilityAlive(customer: PurchaseHistory, options?: PredictionIntervalOptions) {
      const c = checkCustomer(customer);
      return valueOrInterval<Model>(options, object, probabilityAlive(c), (m) => m.probabilityAlive(c), 0, 1);
    },
    probabilityOfPurchases(n: number, t: number): number {
      const count = checkPurchaseCount(n);
      return betaGeometricPmf(count, checkHorizon(t), p.r, p.alpha, p.a, p.b, shift);
    },
    conditionalProbabilityOfPurchases(n: number, t: number, customer: PurchaseHistory): number {
      const count = checkPurchaseCount(n);
      const horizon = checkHorizon(t);
      const c = checkCustomer(customer);
      const ifAlive = betaGeometricPmf(count, horizon, p.r + c.frequency, p.alpha + c.T, p.a, p.b + c.frequency + shift, 0);
      return conditionalPmf(count, probabilityAlive(c), ifAlive);
    },
    toJSON(): PurchaseModelJson<M, BgNbdParams> {
      return { model, params: { ...p }, ...fit };
    },
  });
  markAliveFactored(object);
  // Many horizons of one customer at once (predictLifetimeValue sums over periods): P(alive) once, the series' ratios once.
  withConditionalSeries(object, (times, c) => {
    const alive = probabilityAlive(c);
    return expectations(p.r + c.frequency, p.alpha + c.T, p.a, p.b + c.frequency + shift, times).map((e) => e * alive);
  });
  withSampler(object, parameterSampler(p, BG_NBD_PARAMS, state.covarianceMatrix, (q) => makeBetaGeometricModel(model, shift, q, NOT_FITTED)));
  return Object.freeze(object) as unknown as Model;
}

/** The state of a model rebuilt at other parameters (for intervals), which has no fit of its own. */
const NOT_FITTED: FitOutcome = { logLikelihood: 0, iterations: 0, converged: true };

/** The BG/NBD model object for given parameters and fit state. @internal */
export function makeBgNbdModel(params: BgNbdParams, state: FitOutcome): BgNbdModel {
  return makeBetaGeometricModel("BG/NBD", 0, params, state);
}

/**
 * Fits the BG/NBD model of repeat buying and drop-out to a customer summary
 * by maximum likelihood.
 *
 * Model (Fader, Hardie & Lee 2005): while active, a customer buys at Poisson
 * rate lambda ~ Gamma(r, alpha); after each purchase they drop out with
 * probability p ~ Beta(a, b). The log-likelihood (see {@link bgNbdLogLikelihood})
 * is maximised over log-parameters by BFGS with its analytic gradient, with a
 * Nelder-Mead restart if needed; customers with the same (frequency, recency, T)
 * are evaluated once, weighted by their number.
 *
 * Predictions, in the summary's time unit: E[X(t)] = (a+b-1)/(a-1)
 * [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))];
 * P(alive | x, t_x, T) = 1 / (1 + [x > 0] (a/(b+x-1)) ((alpha+T)/(alpha+t_x))^(r+x));
 * E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] P(alive). The expectations
 * are evaluated in a form without the removable singularity at a = 1.
 *
 * @param summary - rows (e.g. `rfmSummary`'s) or columns of `frequency`, `recency`, `T`, each with an
 *   optional `count` (how many customers share the history: a row of count k fits as k copies of it)
 * @param options - `initialParams` (start of the search: r, a, b from 1e-8 to 1e8, alpha from 1e-8 to 1e15),
 *   `maxIterations` (1 to 100,000; default 1000), `penalizer` (L2 penalty on the parameters, as lifetimes'
 *   `penalizer_coef`: minimises -LL/N + penalizer * sum of squared parameters; 0 to 1e6, default 0)
 * @returns the fitted model: `params`, `logLikelihood`, `iterations`, `converged`, the parameters'
 *   `standardErrors`, `covariance` and `confidenceIntervals(level = 0.95)`, and the methods `expectedPurchases(t)`,
 *   `conditionalExpectedPurchases(t, customer)`, `probabilityAlive(customer)`
 * @throws {@link InvalidInputError} for an invalid row, an empty summary, or one without any repeat purchase;
 *   `options` that is not an object; an `initialParams` value that is not a finite number in its accepted
 *   range (shapes r, a, b from 1e-8 to 1e8, alpha from 1e-8 to 1e15: beyond them ln Gamma and the power
 *   terms of the likelihood lose all precision or overflow), named as `initialParams.r`, or a key that is
 *   not a parameter; `maxIterations` outside 1 to 100,000; `penalizer` outside 0 to 1e6; a `count` that is
 *   not a non-negative integer
 * @throws {@link ConvergenceError} when the fit does not converge within `maxIterations` (the error carries
 *   the last parameters, which stay in the accepted ranges)
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way:
 *   An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284; Fader, Hardie and Lee
 *   (2008), "Computing P(alive) Using the BG/NBD Model", brucehardie.com/notes/021.
 * @example
 * ```ts
 * import { fitBgNbd, simulateBgNbd } from "retention-metrics";
 * // 2,000 made-up customers, each observed for 39 weeks after their first purchase
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 });
 * const model = fitBgNbd(summary);
 * console.log(model.params.r.toFixed(2), model.params.alpha.toFixed(1)); // "0.24" "3.9"
 * console.log(model.probabilityAlive({ frequency: 0, recency: 0, T: 39 })); // 1
 * // purchases in the next 39 weeks
 * console.log(model.conditionalExpectedPurchases(39, { frequency: 2, recency: 30, T: 39 }).toFixed(2)); // "1.24"
 * ```
 * @category Lifetime value
 */
export function fitBgNbd(summary: RfmInput, options: BgNbdFitOptions = {}): BgNbdModel {
  const settings = readFitOptions(options, BG_NBD_PARAMS);
  const h = groupHistories(readHistories(summary));
  requireRepeatBuyers(h, "BG/NBD");
  const { r, alpha } = rateStart(h);
  const fit = fitByMaximumLikelihood<BgNbdParams>(
    "BG/NBD",
    BG_NBD_PARAMS,
    (theta, gradient) => bgNbdLogLikelihoodOf(h, theta, gradient),
    { r, alpha, a: 1, b: 3 },
    h.total,
    true,
    settings,
  );
  checkBgNbdParams(fit.params);
  return makeBgNbdModel(fit.params, fit);
}
