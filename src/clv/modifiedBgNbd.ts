/**
 * `fitModifiedBgNbd`: the MBG/NBD model, the BG/NBD with one more drop-out chance right after
 * the first purchase, so that a customer who never came back may be gone.
 *
 * @module
 */
import { makeBetaGeometricModel } from "./bgNbd.ts";
import { BG_NBD_PARAMS, betaGeometricLogLikelihoodOf, checkBgNbdParams, type BgNbdParams } from "./bgNbdLikelihood.ts";
import { fitByMaximumLikelihood, readFitOptions, type FitOptions, type FitOutcome } from "./fit.ts";
import { groupHistories, readHistories, type RfmInput } from "./histories.ts";
import { rateStart, requireRepeatBuyers, type PurchaseModel, type PurchaseModelJson } from "./purchaseModel.ts";

/**
 * Parameters of the MBG/NBD model: those of the BG/NBD (`r`, `alpha` of the gamma purchase rates;
 * `a`, `b` of the beta drop-out probability).
 *
 * @category Lifetime value
 */
export type ModifiedBgNbdParams = BgNbdParams;

/**
 * A fitted MBG/NBD model: its parameters, its fit, and its predictions (in the summary's time unit).
 *
 * @category Lifetime value
 */
export interface ModifiedBgNbdModel extends PurchaseModel<keyof ModifiedBgNbdParams> {
  /** `"MBG/NBD"`. */
  readonly model: "MBG/NBD";
  /** The fitted parameters. */
  readonly params: Readonly<ModifiedBgNbdParams>;
  /** The model as plain data; `modifiedBgNbdModel(json)` rebuilds it. */
  toJSON(): PurchaseModelJson<"MBG/NBD", ModifiedBgNbdParams>;
}

/**
 * Options of {@link fitModifiedBgNbd}.
 *
 * @category Lifetime value
 */
export type ModifiedBgNbdFitOptions = FitOptions<ModifiedBgNbdParams>;

/** The MBG/NBD model object for given parameters and fit state. @internal */
export function makeModifiedBgNbdModel(params: ModifiedBgNbdParams, state: FitOutcome): ModifiedBgNbdModel {
  return makeBetaGeometricModel("MBG/NBD", 1, params, state);
}

/**
 * Fits the MBG/NBD model of repeat buying and drop-out to a customer summary by maximum likelihood.
 *
 * Model (Batislam, Denizel & Filiztekin 2007): as the BG/NBD (purchases at Poisson rate
 * lambda ~ Gamma(r, alpha) while active; drop-out probability p ~ Beta(a, b)), but the drop-out
 * chance also comes at the first purchase, so a customer without repeat purchases may be inactive
 * (in the BG/NBD they are alive for sure). Likelihood of x repeat purchases, the last at t_x, in T:
 * L = Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x)) B(a, b+x+1)/B(a, b)
 *   + Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x)) B(a+1, b+x)/B(a, b),
 * maximised over log-parameters by BFGS with its analytic gradient; customers with the same
 * (frequency, recency, T) are evaluated once, weighted by their number.
 *
 * Predictions: E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))];
 * P(alive | x, t_x, T) = 1 / (1 + (a/(b+x)) ((alpha+T)/(alpha+t_x))^(r+x));
 * E[Y(t) | x, t_x, T] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 * 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive), evaluated without the singularity at a = 1;
 * P(X(t) = n) = B(a, b+n+1)/B(a, b) NB(n) + B(a+1, b+n)/B(a, b) (1 - sum_{j<n} NB(j)), NB the
 * NBD(r, alpha/(alpha+t)) probabilities.
 *
 * @param summary - rows (e.g. `rfmSummary`'s) or columns of `frequency`, `recency`, `T`
 * @param options - `initialParams` (start of the search: r, a, b from 1e-8 to 1e8, alpha from 1e-8 to 1e15),
 *   `maxIterations` (1 to 100,000; default 1000)
 * @returns the fitted model: `params`, `logLikelihood`, `iterations`, `converged`, the parameters'
 *   `standardErrors`, `covariance` and `confidenceIntervals(level = 0.95)`, and the methods of every
 *   purchase model (`expectedPurchases`, `conditionalExpectedPurchases`, `probabilityAlive`, each also
 *   with `{ interval: true }` as the BG/NBD's; `probabilityOfPurchases`, `conditionalProbabilityOfPurchases`, `toJSON`)
 * @throws {@link InvalidInputError} for an invalid row (a negative or fractional frequency, recency above T),
 *   an empty summary, or one without any repeat purchase; `options` that is not an object; an
 *   `initialParams` value that is not a finite number in its accepted range, named as `initialParams.r`,
 *   or a key that is not a parameter; `maxIterations` outside 1 to 100,000
 * @throws {@link ConvergenceError} when the fit does not converge within `maxIterations` (the error carries
 *   the last parameters, which stay in the accepted ranges)
 * @see E. P. Batislam, M. Denizel and A. Filiztekin (2007), "Empirical validation and comparison of
 *   models for customer base analysis", International Journal of Research in Marketing 24(3), 201-209;
 *   the MBG/NBD of the R package BTYDplus (M. Platzer), whose CDNOW estimates r = 0.525, alpha = 6.183,
 *   a = 0.891, b = 1.614 the Python package lifetimes tests its ModifiedBetaGeoFitter against.
 * @example
 * ```ts
 * import { fitModifiedBgNbd, simulateBgNbd } from "retention-metrics/clv";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 });
 * const model = fitModifiedBgNbd(summary);
 * console.log(model.model, model.params.r.toFixed(2)); // "MBG/NBD" "0.46"
 * // a one-time buyer may be gone (the BG/NBD says 1)
 * console.log(model.probabilityAlive({ frequency: 0, recency: 0, T: 39 }).toFixed(2)); // "0.44"
 * // the chance of no purchase in the next 13 weeks, for a customer seen 9 weeks ago
 * console.log(model.conditionalProbabilityOfPurchases(0, 13, { frequency: 2, recency: 30, T: 39 }).toFixed(2)); // "0.66"
 * ```
 * @category Lifetime value
 */
export function fitModifiedBgNbd(summary: RfmInput, options: ModifiedBgNbdFitOptions = {}): ModifiedBgNbdModel {
  const settings = readFitOptions(options, BG_NBD_PARAMS);
  const h = groupHistories(readHistories(summary));
  requireRepeatBuyers(h, "MBG/NBD");
  const { r, alpha } = rateStart(h);
  const fit = fitByMaximumLikelihood<ModifiedBgNbdParams>(
    "MBG/NBD",
    BG_NBD_PARAMS,
    (theta, gradient) => betaGeometricLogLikelihoodOf(h, theta, gradient, 1),
    { r, alpha, a: 1, b: 3 },
    h.total,
    true,
    settings,
  );
  checkBgNbdParams(fit.params);
  return makeModifiedBgNbdModel(fit.params, fit);
}
