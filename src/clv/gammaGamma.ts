/**
 * The Gamma-Gamma model of spend per transaction: `fitGammaGamma`, its
 * log-likelihood and the expected average value of a customer's purchases.
 *
 * @module
 */
import { positiveParams } from "./fit.ts";
import { InvalidInputError } from "../errors.ts";
import { decimalFrom, toDecimal, type Decimal, type MoneyInput } from "../money.ts";
import { fitByMaximumLikelihood, type FitOptions, type FitState } from "./fit.ts";
import { groupRows, summaryRows, type GroupedRows, type RfmInput } from "./histories.ts";
import { digamma, gammaln } from "./special.ts";

/** Parameters of the Gamma-Gamma model. */
export interface GammaGammaParams {
  /** Shape of the gamma distribution of a transaction's value around the customer's mean. */
  p: number;
  /** Shape of the gamma distribution of customers' value rates. */
  q: number;
  /** Scale of the gamma distribution of customers' value rates. */
  gamma: number;
}

/** A customer's purchases as the spend model reads them. */
export interface SpendHistory {
  /** x: repeat purchases, a non-negative integer. */
  frequency: number;
  /** Mean value of the repeat purchases; ignored (and may be `null`) when `frequency` is 0. */
  monetaryValue?: MoneyInput | null | undefined;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaModel extends FitState {
  /** `"Gamma-Gamma"`. */
  readonly model: "Gamma-Gamma";
  /** The fitted parameters. */
  readonly params: Readonly<GammaGammaParams>;
  /** Repeat buyers the model was fitted to. */
  readonly customers: number;
  /**
   * Expected value of this customer's future purchases, E[M | x, mean value]
   * (the population mean gamma p / (q - 1) when `frequency` is 0).
   */
  expectedAverageValue(customer: SpendHistory): Decimal;
}

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaFitOptions extends FitOptions<GammaGammaParams> {
  /**
   * The model assumes a customer's mean spend is independent of how often they buy. The fit is
   * refused when |Pearson correlation of frequency and monetary value| over the repeat buyers
   * exceeds this; default 0.3 (set 1 to skip the check).
   */
  maxCorrelation?: number | undefined;
}

/** Repeat buyers' (x, mean value) read from a summary; customers with x = 0 are left out. @internal */
export function readSpend(summary: RfmInput): { x: Float64Array; m: Float64Array } {
  const xs: number[] = [];
  const ms: number[] = [];
  const take = (x: unknown, value: unknown, row: number) => {
    if (!(typeof x === "number" && Number.isSafeInteger(x) && x >= 0)) {
      throw new InvalidInputError({ field: "frequency", value: x, expected: "a non-negative integer (repeat purchases)", row });
    }
    if (x === 0) return;
    if (value === undefined || value === null) {
      throw new InvalidInputError({ field: "monetaryValue", value, expected: "the mean value of the repeat purchases (a summary of events with amounts)", row });
    }
    const m = typeof value === "number" ? value : toDecimal(value as MoneyInput, "monetaryValue").toNumber();
    if (!(Number.isFinite(m) && m > 0)) {
      throw new InvalidInputError({ field: "monetaryValue", value, expected: "a positive amount for a customer with repeat purchases (the Gamma-Gamma model has no zero or negative spend)", row });
    }
    xs.push(x);
    ms.push(m);
  };
  summaryRows(summary).forEach((row, i) => {
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a { frequency, monetaryValue } row", row: i });
    take(row.frequency, row.monetaryValue, i);
  });
  return { x: Float64Array.from(xs), m: Float64Array.from(ms) };
}

/**
 * Gamma-Gamma log-likelihood of distinct (x, mean value) rows, with its
 * gradient in (p, q, gamma) when asked. @internal
 */
export function gammaGammaLogLikelihoodOf(h: GroupedRows, theta: Float64Array, gradient: Float64Array | null): number {
  const p = theta[0]!;
  const q = theta[1]!;
  const g = theta[2]!;
  const values = h.aValues;
  const k = values.length;
  const constant = new Float64Array(k);
  const dP = gradient === null ? null : new Float64Array(k);
  const dQ = gradient === null ? null : new Float64Array(k);
  const lnGammaQ = gammaln(q);
  const psiQ = gradient === null ? 0 : digamma(q);
  for (let j = 0; j < k; j++) {
    const x = values[j]!;
    const px = p * x;
    constant[j] = gammaln(px + q) - gammaln(px) - lnGammaQ + px * Math.log(x);
    if (dP !== null && dQ !== null) {
      const psi = digamma(px + q);
      dP[j] = x * (psi - digamma(px) + Math.log(x));
      dQ[j] = psi - psiQ;
    }
  }
  const lnG = Math.log(g);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < h.count; i++) {
    const x = h.a[i]!;
    const m = h.b[i]!;
    const w = h.weight[i]!;
    const j = h.aIndex[i]!;
    const px = p * x;
    const lnM = Math.log(m);
    const lnD = Math.log(g + m * x);
    ll += w * (constant[j]! + q * lnG + (px - 1) * lnM - (px + q) * lnD);
    if (gradient !== null) {
      gp += w * (dP![j]! + x * (lnM - lnD));
      gq += w * (dQ![j]! + lnG - lnD);
      gg += w * (q / g - (px + q) / (g + m * x));
    }
  }
  if (gradient !== null) {
    gradient[0] = gp;
    gradient[1] = gq;
    gradient[2] = gg;
  }
  return ll;
}

function checkParams(params: GammaGammaParams): Float64Array {
  return positiveParams(params, ["p", "q", "gamma"]);
}

/**
 * The Gamma-Gamma log-likelihood of the repeat buyers of a summary at given parameters.
 *
 * Formula (Fader & Hardie 2013, after Colombo & Jiang 1999), for a
 * customer with x > 0 repeat purchases of mean value m:
 * f(m | x) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) * gamma^q m^(p x - 1) x^(p x) / (gamma + m x)^(p x + q),
 * summed in log space over the customers with x > 0 (the others carry no spend information).
 *
 * @param params - `{ p, q, gamma }`, each > 0
 * @param summary - rows or columns with `frequency` and `monetaryValue`
 * @returns the log-likelihood (natural log); 0 when no customer has a repeat purchase
 * @throws {@link InvalidInputError} when a parameter is not positive, or a repeat buyer's
 *   monetary value is missing or not positive
 * @see P. S. Fader and B. G. S. Hardie (2013), "The Gamma-Gamma Model of Monetary Value",
 *   brucehardie.com/notes/025; R. Colombo and W. Jiang (1999), "A Stochastic RFM Model",
 *   Journal of Interactive Marketing 13(3), 2-12.
 * @example
 * ```ts
 * import { gammaGammaLogLikelihood } from "retention-metrics";
 * const ll = gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, [
 *   { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
 *   { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
 * ]);
 * console.log(ll.toFixed(3)); // "-3.551"
 * ```
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, summary: RfmInput): number {
  const theta = checkParams(params);
  const { x, m } = readSpend(summary);
  return gammaGammaLogLikelihoodOf(groupRows(x, m, null), theta, null);
}

/** Pearson correlation of two columns; 0 when either is constant. */
function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The model object for given parameters and fit state. @internal */
export function makeGammaGammaModel(params: GammaGammaParams, state: FitState, customers: number): GammaGammaModel {
  const par = Object.freeze({ ...params });
  return Object.freeze({
    model: "Gamma-Gamma" as const,
    params: par,
    customers,
    logLikelihood: state.logLikelihood,
    iterations: state.iterations,
    converged: state.converged,
    expectedAverageValue(customer: SpendHistory): Decimal {
      return decimalFrom(expectedAverageValueOf(par, customer));
    },
  });
}

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
  return ((par.gamma + m * x) * par.p) / denominator;
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
 * @param summary - rows (e.g. `rfmSummary`'s) or columns with `frequency` and `monetaryValue`
 * @param options - `initialParams`, `maxIterations` (default 1000) and `maxCorrelation` (default 0.3)
 * @returns the fitted model: `params` `{ p, q, gamma }`, `logLikelihood`, `iterations`, `converged`,
 *   `customers` and the method `expectedAverageValue(customer)`
 * @throws {@link InvalidInputError} when there is no repeat buyer, a repeat buyer's monetary value is
 *   missing or not positive, or frequency and monetary value are correlated beyond `maxCorrelation`
 * @throws {@link ConvergenceError} when the fit does not converge (all mean values equal, say)
 * @see P. S. Fader and B. G. S. Hardie (2013), "The Gamma-Gamma Model of Monetary Value",
 *   brucehardie.com/notes/025.
 * @example
 * ```ts
 * import { fitGammaGamma, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
 *   { customers: 3000, T: 39, seed: 5, spend: { p: 6, q: 4, gamma: 15 } });
 * const spend = fitGammaGamma(summary);
 * console.log(spend.customers); // 1345 repeat buyers it was fitted to
 * // a customer with 2 repeat purchases averaging 22.35: between 22.35 and the population mean
 * spend.expectedAverageValue({ frequency: 2, monetaryValue: 22.35 }).toFixed(2); // "23.82"
 * ```
 */
export function fitGammaGamma(summary: RfmInput, options: GammaGammaFitOptions = {}): GammaGammaModel {
  const maxCorrelation = options.maxCorrelation ?? 0.3;
  if (!(typeof maxCorrelation === "number" && maxCorrelation >= 0 && maxCorrelation <= 1)) {
    throw new InvalidInputError({ field: "maxCorrelation", value: maxCorrelation, expected: "a number from 0 to 1" });
  }
  const { x, m } = readSpend(summary);
  if (x.length === 0) {
    throw new InvalidInputError({
      field: "summary",
      value: "no customer with a repeat purchase",
      expected: "customers with frequency > 0 and their mean repeat-purchase value: the Gamma-Gamma model is fitted to repeat buyers only",
    });
  }
  const rho = correlation(x, m);
  if (Math.abs(rho) > maxCorrelation) {
    throw new InvalidInputError({
      field: "summary",
      value: `frequency and monetary value correlated at ${rho.toFixed(3)}`,
      expected: `|correlation| <= maxCorrelation (${maxCorrelation}): the Gamma-Gamma model assumes spend is independent of purchase frequency, so its predictions would be biased (raise maxCorrelation to fit anyway)`,
    });
  }
  const h = groupRows(x, m, null);
  // Start: p = 2, q = 3 and gamma matching the mean of the means, gamma p / (q - 1).
  let mean = 0;
  for (const v of m) mean += v / m.length;
  const fit = fitByMaximumLikelihood<GammaGammaParams>(
    "Gamma-Gamma",
    ["p", "q", "gamma"],
    (theta, gradient) => gammaGammaLogLikelihoodOf(h, theta, gradient),
    { p: 2, q: 3, gamma: mean },
    h.total,
    true,
    options,
  );
  return makeGammaGammaModel(fit.params, fit, x.length);
}
