/**
 * The Gamma-Gamma model of spend per transaction: `fitGammaGamma` and the
 * expected average value of a customer's purchases. The log-likelihood is
 * `gammaGammaLikelihood.ts`.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { decimalFrom, toDecimal, type Decimal, type MoneyInput } from "../money.ts";
import { correlation } from "../stats/correlation.ts";
import { fitByMaximumLikelihood, readFitOptions, type FitOptions, type FitOutcome, type FitState } from "./fit.ts";
import { uncertaintyFields } from "./uncertainty.ts";
import { parameterSampler, withSampler } from "./predictionInterval.ts";
import { GAMMA_GAMMA_PARAMS, gammaGammaLogLikelihoodOf, readSpend, type GammaGammaParams, type SpendHistory } from "./gammaGammaLikelihood.ts";
import { groupRows, type RfmInput } from "./histories.ts";
import { displayable } from "../displayProtocol.ts";

export type { GammaGammaParams, SpendHistory };

/**
 * A fitted Gamma-Gamma model.
 *
 * @category Lifetime value
 */
export interface GammaGammaModel extends FitState<keyof GammaGammaParams> {
  /** `"Gamma-Gamma"`. */
  readonly model: "Gamma-Gamma";
  /** The fitted parameters. */
  readonly params: Readonly<GammaGammaParams>;
  /** Repeat buyers the model was fitted to. */
  readonly customers: number;
  /**
   * Expected value of this customer's future purchases, E[M | x, mean value]
   * (the population mean gamma p / (q - 1) when `frequency` is 0). Throws an InvalidInputError
   * naming `monetaryValue` when the value would exceed the range of a double.
   */
  expectedAverageValue(customer: SpendHistory): Decimal;
  /** The model as plain data (with `customers`); `gammaGammaModel(json)` rebuilds it. */
  toJSON(): GammaGammaModelJson;
}

/**
 * A Gamma-Gamma model as plain data, what its `toJSON()` returns.
 *
 * @category Lifetime value
 */
export interface GammaGammaModelJson extends Pick<FitState, "logLikelihood" | "iterations" | "converged"> {
  /** `"Gamma-Gamma"`. */
  model: "Gamma-Gamma";
  /** Its parameters. */
  params: GammaGammaParams;
  /** Repeat buyers it was fitted to. */
  customers: number;
}

/**
 * Options of {@link fitGammaGamma}.
 *
 * @category Lifetime value
 */
export interface GammaGammaFitOptions extends FitOptions<GammaGammaParams> {
  /**
   * The model assumes a customer's mean spend is independent of how often they buy. The fit is
   * refused when |Pearson correlation of frequency and monetary value| over the repeat buyers
   * exceeds this; default 0.3 (set 1 to skip the check).
   */
  maxCorrelation?: number | undefined;
}

/** The model object for given parameters and fit state. @internal */
export function makeGammaGammaModel(params: GammaGammaParams, state: FitOutcome, customers: number): GammaGammaModel {
  const par = Object.freeze({ p: params.p, q: params.q, gamma: params.gamma });
  const model = displayable({
    model: "Gamma-Gamma" as const,
    params: par,
    customers,
    logLikelihood: state.logLikelihood,
    iterations: state.iterations,
    converged: state.converged,
    ...uncertaintyFields(par, GAMMA_GAMMA_PARAMS, state.covarianceMatrix),
    expectedAverageValue(customer: SpendHistory): Decimal {
      return decimalFrom(expectedAverageValueOf(par, customer));
    },
    toJSON(): GammaGammaModelJson {
      return { model: "Gamma-Gamma", params: { ...par }, customers, logLikelihood: state.logLikelihood, iterations: state.iterations, converged: state.converged };
    },
  });
  withSampler(model, parameterSampler(par, GAMMA_GAMMA_PARAMS, state.covarianceMatrix, (q) => makeGammaGammaModel(q, NOT_FITTED, customers)));
  return Object.freeze(model);
}

/** The state of a model rebuilt at other parameters (for intervals), which has no fit of its own. */
const NOT_FITTED: FitOutcome = { logLikelihood: 0, iterations: 0, converged: true };

/** E[M | x, m] as a number. @internal */
export function expectedAverageValueOf(par: GammaGammaParams, customer: SpendHistory): number {
  if (customer === null || typeof customer !== "object") {
    throw new InvalidInputError({ field: "customer", value: customer, expected: "an object { frequency, monetaryValue }" });
  }
  const x = customer.frequency;
  if (!(typeof x === "number" && Number.isSafeInteger(x) && x >= 0)) {
    throw new InvalidInputError({ field: "frequency", value: x, expected: "a non-negative integer (repeat purchases)" });
  }
  const denominator = par.p * x + par.q - 1;
  if (!(denominator > 0)) {
    throw new InvalidInputError({
      field: x === 0 ? "q" : "frequency",
      value: x === 0 ? par.q : x,
      expected: x === 0
        ? "q > 1: with q <= 1 the population's mean spend is infinite"
        : `p x + q > 1 (p = ${par.p}, q = ${par.q}): below it the expected spend is infinite`,
    });
  }
  const value = customer.monetaryValue;
  if (x > 0 && (value === null || value === undefined)) {
    throw new InvalidInputError({ field: "monetaryValue", value, expected: "the mean value of the repeat purchases of a customer with frequency > 0" });
  }
  const m = x === 0 ? 0 : typeof value === "number" ? value : toDecimal(value as MoneyInput, "monetaryValue").toNumber();
  if (!Number.isFinite(m) || m < 0) {
    throw new InvalidInputError({ field: "monetaryValue", value: customer.monetaryValue, expected: "a finite amount of at least 0" });
  }
  const direct = ((par.gamma + m * x) * par.p) / denominator;
  if (Number.isFinite(direct)) return direct;
  // m x (or its product with p) overflows: the weighted-mean form keeps each term within range.
  const weighted = (par.gamma * par.p) / denominator + m * ((par.p * x) / denominator);
  if (Number.isFinite(weighted)) return weighted;
  throw new InvalidInputError({
    field: "monetaryValue",
    value: customer.monetaryValue,
    expected: `an amount whose expected value (gamma + m x) p / (p x + q - 1) is within the range of a double (p = ${par.p}, q = ${par.q}, gamma = ${par.gamma}, x = ${x})`,
  });
}

/**
 * Fits the Gamma-Gamma model of spend per transaction to the repeat buyers of
 * a summary by maximum likelihood.
 *
 * Model (Fader & Hardie 2013; Colombo & Jiang 1999): a customer's transaction
 * values are Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers, and
 * independent of the purchase process. The log-likelihood (see
 * {@link gammaGammaLogLikelihood}) is maximised over log-parameters by BFGS with
 * its analytic gradient; customers with the same (frequency, monetary value)
 * are evaluated once. Customers with frequency 0 are left out.
 *
 * Prediction: E[M | x, m] = (gamma + m x) p / (p x + q - 1)
 * = (q - 1)/(p x + q - 1) * gamma p/(q - 1) + p x/(p x + q - 1) * m, a weighted
 * mean of the population mean gamma p / (q - 1) and the customer's own mean m.
 *
 * @param summary - rows (e.g. `rfmSummary`'s) or columns with `frequency` and `monetaryValue`, each with
 *   an optional `count` (how many customers it stands for)
 * @param options - `initialParams` (p, q from 1e-8 to 1e8, gamma from 1e-8 to 1e15), `maxIterations`
 *   (1 to 100,000; default 1000), `penalizer` (as for fitBgNbd; default 0) and `maxCorrelation` (default 0.3)
 * @returns the fitted model: `params` `{ p, q, gamma }`, `logLikelihood`, `iterations`, `converged`,
 *   `standardErrors`, `covariance`, `confidenceIntervals(level = 0.95)`, `customers` and the method `expectedAverageValue(customer)`
 * @throws {@link InvalidInputError} when there is no repeat buyer, a repeat buyer's monetary value is
 *   missing or not positive, or frequency and monetary value are correlated beyond `maxCorrelation`;
 *   `options` that is not an object; an `initialParams` value that is not a finite number in its accepted
 *   range (shapes p, q from 1e-8 to 1e8, gamma from 1e-8 to 1e15), named as `initialParams.p`, or a key
 *   that is not a parameter; `maxIterations` outside 1 to 100,000; `penalizer` outside 0 to 1e6; a `count`
 *   that is not a non-negative integer
 * @throws {@link ConvergenceError} when the fit does not converge within `maxIterations` (all mean values
 *   equal, say)
 * @see P. S. Fader and B. G. S. Hardie (2013), "The Gamma-Gamma Model of Monetary Value",
 *   brucehardie.com/notes/025.
 * @example
 * ```ts
 * import { fitGammaGamma, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
 *   { customers: 3000, T: 39, seed: 5, spend: { p: 6, q: 4, gamma: 15 } });
 * const spend = fitGammaGamma(summary);
 * // the number of repeat buyers it was fitted to
 * console.log(spend.customers); // 1345
 * // a customer with 2 repeat purchases averaging 22.35: between 22.35 and the population mean
 * console.log(spend.expectedAverageValue({ frequency: 2, monetaryValue: 22.35 }).toFixed(2)); // "23.82"
 * ```
 * @category Lifetime value
 */
export function fitGammaGamma(summary: RfmInput, options: GammaGammaFitOptions = {}): GammaGammaModel {
  const settings = readFitOptions(options, GAMMA_GAMMA_PARAMS);
  const maxCorrelation = options.maxCorrelation ?? 0.3;
  if (!(typeof maxCorrelation === "number" && maxCorrelation >= 0 && maxCorrelation <= 1)) {
    throw new InvalidInputError({ field: "maxCorrelation", value: maxCorrelation, expected: "a number from 0 to 1" });
  }
  const { x, m, weight } = readSpend(summary);
  const h = groupRows(x, m, null, weight);
  if (h.total === 0) {
    throw new InvalidInputError({
      field: "summary",
      value: "no customer with a repeat purchase",
      expected: "customers with frequency > 0 and their mean repeat-purchase value: the Gamma-Gamma model is fitted to repeat buyers only",
    });
  }
  // From the distinct rows and their counts, so that counts and repeated rows give the same fit exactly.
  const rho = correlation(h.a, h.b, h.weight);
  if (Math.abs(rho) > maxCorrelation) {
    throw new InvalidInputError({
      field: "summary",
      value: `frequency and monetary value correlated at ${rho.toFixed(3)}`,
      expected: `|correlation| <= maxCorrelation (${maxCorrelation}): the Gamma-Gamma model assumes spend is independent of purchase frequency, so its predictions would be biased (raise maxCorrelation to fit anyway)`,
    });
  }
  // Start: p = 2, q = 3 and gamma matching the mean of the means, gamma p / (q - 1).
  let mean = 0;
  for (let i = 0; i < h.count; i++) mean += (h.weight[i]! * h.b[i]!) / h.total;
  const fit = fitByMaximumLikelihood<GammaGammaParams>(
    "Gamma-Gamma",
    GAMMA_GAMMA_PARAMS,
    (theta, gradient) => gammaGammaLogLikelihoodOf(h, theta, gradient),
    { p: 2, q: 3, gamma: mean },
    h.total,
    true,
    settings,
  );
  return makeGammaGammaModel(fit.params, fit, h.total);
}
