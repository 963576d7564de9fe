/**
 * `fitParetoNbd` and the fitted Pareto/NBD model's predictions.
 *
 * @module
 */
import { fitByMaximumLikelihood, readFitOptions, type FitOptions, type FitOutcome } from "./fit.ts";
import { uncertaintyFields } from "./uncertainty.ts";
import { parameterSampler, valueOrInterval, withSampler, type PredictionIntervalOptions } from "./predictionInterval.ts";
import { groupHistories, readHistories, type PurchaseHistory, type RfmInput } from "./histories.ts";
import { checkParetoNbdParams, PARETO_NBD_PARAMS, paretoNbdLogLikelihoodOf, paretoParts, type ParetoNbdParams } from "./paretoNbdLikelihood.ts";
import { checkCustomer, checkHorizon, finitePrediction, markAliveFactored, medianT, rateStart, requireRepeatBuyers, type PurchaseModel, type PurchaseModelJson } from "./purchaseModel.ts";
import { checkPurchaseCount, conditionalPmf, paretoNbdPmf } from "./purchaseCounts.ts";
import { expm1Ratio, logistic } from "./special.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * A fitted Pareto/NBD model: its parameters, its fit, and its predictions (in the summary's time unit).
 *
 * @category Lifetime value
 */
export interface ParetoNbdModel extends PurchaseModel<keyof ParetoNbdParams> {
  /** `"Pareto/NBD"`. */
  readonly model: "Pareto/NBD";
  /** The fitted parameters. */
  readonly params: Readonly<ParetoNbdParams>;
  /** The model as plain data; `paretoNbdModel(json)` rebuilds it. */
  toJSON(): PurchaseModelJson<"Pareto/NBD", ParetoNbdParams>;
}

/**
 * Options of {@link fitParetoNbd}.
 *
 * @category Lifetime value
 */
export type ParetoNbdFitOptions = FitOptions<ParetoNbdParams>;

/** The model object for given parameters and fit state. @internal */
export function makeParetoNbdModel(params: ParetoNbdParams, state: FitOutcome): ParetoNbdModel {
  const p = Object.freeze({ r: params.r, alpha: params.alpha, s: params.s, beta: params.beta });
  const probabilityAlive = (c: PurchaseHistory): number => {
    const { alive, dead } = paretoParts(p, c.frequency, c.recency, c.T);
    return logistic(alive - dead);
  };
  const model = displayable({
    model: "Pareto/NBD" as const,
    params: p,
    logLikelihood: state.logLikelihood,
    iterations: state.iterations,
    converged: state.converged,
    ...uncertaintyFields(p, PARETO_NBD_PARAMS, state.covarianceMatrix),
    expectedPurchases(t: number, options?: PredictionIntervalOptions) {
      const horizon = checkHorizon(t);
      const value = finitePrediction(((p.r * p.beta) / p.alpha) * expm1Ratio(p.s - 1, Math.log1p(horizon / p.beta)), "t", t);
      return valueOrInterval<ParetoNbdModel>(options, model, value, (m) => m.expectedPurchases(horizon));
    },
    conditionalExpectedPurchases(t: number, customer: PurchaseHistory, options?: PredictionIntervalOptions) {
      const c = checkCustomer(customer);
      const horizon = checkHorizon(t);
      // The ratio first: (beta + T) (r + x) overflows for T near the largest double.
      const rate = (p.r + c.frequency) * ((p.beta + c.T) / (p.alpha + c.T));
      const value = finitePrediction(rate * expm1Ratio(p.s - 1, Math.log1p(horizon / (p.beta + c.T))) * probabilityAlive(c), "t", t);
      return valueOrInterval<ParetoNbdModel>(options, model, value, (m) => m.conditionalExpectedPurchases(horizon, c));
    },
    probabilityAlive(customer: PurchaseHistory, options?: PredictionIntervalOptions) {
      const c = checkCustomer(customer);
      return valueOrInterval<ParetoNbdModel>(options, model, probabilityAlive(c), (m) => m.probabilityAlive(c), 0, 1);
    },
    probabilityOfPurchases(n: number, t: number): number {
      const count = checkPurchaseCount(n);
      return paretoNbdPmf(count, checkHorizon(t), p.r, p.alpha, p.s, p.beta);
    },
    conditionalProbabilityOfPurchases(n: number, t: number, customer: PurchaseHistory): number {
      const count = checkPurchaseCount(n);
      const horizon = checkHorizon(t);
      const c = checkCustomer(customer);
      // Alive at T: rates Gamma(r+x, alpha+T) and Gamma(s, beta+T), and the story starts afresh (memoryless).
      const ifAlive = paretoNbdPmf(count, horizon, p.r + c.frequency, p.alpha + c.T, p.s, p.beta + c.T);
      return conditionalPmf(count, probabilityAlive(c), ifAlive);
    },
    toJSON(): PurchaseModelJson<"Pareto/NBD", ParetoNbdParams> {
      return { model: "Pareto/NBD", params: { ...p }, logLikelihood: state.logLikelihood, iterations: state.iterations, converged: state.converged };
    },
  });
  markAliveFactored(model);
  withSampler(model, parameterSampler(p, PARETO_NBD_PARAMS, state.covarianceMatrix, (q) => makeParetoNbdModel(q, NOT_FITTED)));
  return Object.freeze(model) as unknown as ParetoNbdModel;
}

/** The state of a model rebuilt at other parameters (for intervals), which has no fit of its own. */
const NOT_FITTED: FitOutcome = { logLikelihood: 0, iterations: 0, converged: true };

/**
 * Fits the Pareto/NBD model of repeat buying and drop-out to a customer
 * summary by maximum likelihood.
 *
 * Model (Schmittlein, Morrison & Colombo 1987): while active, a customer buys
 * at Poisson rate lambda ~ Gamma(r, alpha); their lifetime is exponential with
 * rate mu ~ Gamma(s, beta). The log-likelihood (see {@link paretoNbdLogLikelihood},
 * with its stable evaluation of the Gauss hypergeometric term) is maximised over
 * log-parameters by BFGS with central-difference gradients and a Nelder-Mead
 * restart if needed; customers with the same (frequency, recency, T) are
 * evaluated once, weighted by their number.
 *
 * Predictions, in the summary's time unit (Fader & Hardie 2005 note):
 * E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)] (r beta/alpha ln(1 + t/beta) at s = 1);
 * P(alive | x, t_x, T) = 1 / (1 + s (alpha+T)^(r+x) (beta+T)^s I), I the likelihood's integral;
 * E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive).
 *
 * @param summary - rows (e.g. `rfmSummary`'s) or columns of `frequency`, `recency`, `T`, each with an
 *   optional `count` (how many customers share the history: a row of count k fits as k copies of it)
 * @param options - `initialParams` (start of the search: r, s from 1e-8 to 1e8, alpha, beta from 1e-8 to 1e15),
 *   `maxIterations` (1 to 100,000; default 1000), `penalizer` (L2 penalty on the parameters, as lifetimes'
 *   `penalizer_coef`: minimises -LL/N + penalizer * sum of squared parameters; 0 to 1e6, default 0)
 * @returns the fitted model: `params` `{ r, alpha, s, beta }`, `logLikelihood`, `iterations`,
 *   `converged`, the parameters' `standardErrors`, `covariance` and
 *   `confidenceIntervals(level = 0.95)`, and the methods `expectedPurchases(t)`, `conditionalExpectedPurchases(t, customer)`,
 *   `probabilityAlive(customer)`
 * @throws {@link InvalidInputError} for an invalid row, an empty summary, or one without any repeat purchase;
 *   `options` that is not an object; an `initialParams` value that is not a finite number in its accepted
 *   range (shapes r, s from 1e-8 to 1e8, scales alpha, beta from 1e-8 to 1e15: beyond them ln Gamma and
 *   the likelihood's series lose all precision, overflow or run for minutes), named as `initialParams.r`,
 *   or a key that is not a parameter; `maxIterations` outside 1 to 100,000; `penalizer` outside 0 to 1e6;
 *   a `count` that is not a non-negative integer
 * @throws {@link ConvergenceError} when the fit does not converge within `maxIterations` (the error carries
 *   the last parameters, which stay in the accepted ranges)
 * @see D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who Are
 *   They and What Will They Do Next?", Management Science 33(1), 1-24; P. S. Fader and B. G. S.
 *   Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions",
 *   brucehardie.com/notes/009.
 * @example
 * ```ts
 * import { fitParetoNbd, simulateParetoNbd } from "retention-metrics";
 * const summary = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 2000, T: 39, seed: 3 });
 * const model = fitParetoNbd(summary);
 * console.log(model.params.r.toFixed(2)); // "0.57"
 * console.log(model.probabilityAlive({ frequency: 2, recency: 30, T: 39 }).toFixed(2)); // "0.86"
 * ```
 * @category Lifetime value
 */
export function fitParetoNbd(summary: RfmInput, options: ParetoNbdFitOptions = {}): ParetoNbdModel {
  const settings = readFitOptions(options, PARETO_NBD_PARAMS);
  const h = groupHistories(readHistories(summary));
  requireRepeatBuyers(h, "Pareto/NBD");
  const { r, alpha } = rateStart(h);
  const typicalT = medianT(h);
  const fit = fitByMaximumLikelihood<ParetoNbdParams>(
    "Pareto/NBD",
    PARETO_NBD_PARAMS,
    (theta) => paretoNbdLogLikelihoodOf(h, theta),
    { r, alpha, s: 1, beta: Math.max(typicalT, 1e-3) },
    h.total,
    false,
    settings,
  );
  checkParetoNbdParams(fit.params);
  return makeParetoNbdModel(fit.params, fit);
}
