/**
 * The Gamma-Gamma model's log-likelihood (spend per transaction), with its
 * gradient for the fit, and the reading of repeat buyers' spend from a summary.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toDecimal, type MoneyInput } from "../money.ts";
import { checkParams, type ParamKinds } from "./fit.ts";
import { checkCount, groupRows, summaryRows, type GroupedRows, type RfmInput } from "./histories.ts";
import { betaln, digamma, log1pExp, logistic } from "./special.ts";

/**
 * Parameters of the Gamma-Gamma model.
 *
 * @category Lifetime value
 */
export interface GammaGammaParams {
  /** Shape of the gamma distribution of a transaction's value around the customer's mean. */
  p: number;
  /** Shape of the gamma distribution of customers' value rates. */
  q: number;
  /** Scale of the gamma distribution of customers' value rates. */
  gamma: number;
}

/**
 * A customer's purchases as the spend model reads them.
 *
 * @category Lifetime value
 */
export interface SpendHistory {
  /** x: repeat purchases, a non-negative integer. */
  frequency: number;
  /** Mean value of the repeat purchases; ignored (and may be `null`) when `frequency` is 0. */
  monetaryValue?: MoneyInput | null | undefined;
}

/** Repeat buyers' (x, mean value) read from a summary; customers with x = 0 are left out. @internal */
export function readSpend(summary: RfmInput): { x: Float64Array; m: Float64Array; weight: Float64Array | null } {
  const xs: number[] = [];
  const ms: number[] = [];
  const ws: number[] = [];
  let weighted = false;
  const take = (x: unknown, value: unknown, count: unknown, row: number) => {
    const w = checkCount(count, row);
    weighted ||= count !== undefined;
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
    ws.push(w);
  };
  summaryRows(summary).forEach((row, i) => {
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a { frequency, monetaryValue } row", row: i });
    take(row.frequency, row.monetaryValue, row.count, i);
  });
  return { x: Float64Array.from(xs), m: Float64Array.from(ms), weight: weighted ? Float64Array.from(ws) : null };
}

/**
 * Gamma-Gamma log-likelihood of distinct (x, mean value) rows, with its
 * gradient in (p, q, gamma) when asked. Evaluated as
 * -ln B(p x, q) - ln m - p x ln(1 + e^d) - q ln(1 + e^-d) with d = ln(gamma / (m x)),
 * the formula's terms regrouped so that no two large ones cancel and m x may
 * exceed the largest double: with p x = 1e12, ln Gamma(p x + q) - ln Gamma(p x)
 * would keep no digit, and (gamma + m x) overflows for m = 1e308. @internal
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
  const lnX = new Float64Array(k);
  const psiQ = gradient === null ? 0 : digamma(q);
  for (let j = 0; j < k; j++) {
    const x = values[j]!;
    const px = p * x;
    lnX[j] = Math.log(x);
    constant[j] = -betaln(px, q); // ln Gamma(p x + q) - ln Gamma(p x) - ln Gamma(q)
    if (dP !== null && dQ !== null) {
      const psi = digamma(px + q);
      dP[j] = x * (psi - digamma(px));
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
    // ln(gamma + m x) = ln(m x) + ln(1 + e^d) = ln gamma + ln(1 + e^-d)
    const d = lnG - lnM - lnX[j]!;
    const up = log1pExp(d);
    const down = log1pExp(-d);
    ll += w * (constant[j]! - lnM - px * up - q * down);
    if (gradient !== null) {
      gp += w * (dP![j]! - x * up);
      gq += w * (dQ![j]! - down);
      gg += w * ((q - (px + q) * logistic(d)) / g); // q/gamma - (p x + q)/(gamma + m x)
    }
  }
  if (gradient !== null) {
    gradient[0] = gp;
    gradient[1] = gq;
    gradient[2] = gg;
  }
  return ll;
}

/** The Gamma-Gamma parameters and their kinds, in the order the likelihood reads them. @internal */
export const GAMMA_GAMMA_PARAMS: ParamKinds<GammaGammaParams> = Object.freeze({ p: "shape", q: "shape", gamma: "scale" });

/**
 * The parameters as a vector: p and q from 1e-8 to 1e8, gamma from 1e-8 to 1e15 (see
 * `PARAM_RANGE` in fit.ts), named `${field}.p` and so on. @internal
 */
export function checkGammaGammaParams(params: GammaGammaParams, field = "params"): Float64Array {
  return checkParams(params, GAMMA_GAMMA_PARAMS, field);
}

/**
 * The Gamma-Gamma log-likelihood of the repeat buyers of a summary at given parameters.
 *
 * Formula (Fader & Hardie 2013, after Colombo & Jiang 1999), for a
 * customer with x > 0 repeat purchases of mean value m:
 * f(m | x) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) * gamma^q m^(p x - 1) x^(p x) / (gamma + m x)^(p x + q),
 * summed in log space over the customers with x > 0 (the others carry no spend information).
 *
 * @param params - `{ p, q, gamma }`: the shapes p, q from 1e-8 to 1e8, the scale gamma from 1e-8 to 1e15
 * @param summary - rows or columns with `frequency` and `monetaryValue`
 * @returns the log-likelihood (natural log), finite; 0 when no customer has a repeat purchase
 * @throws {@link InvalidInputError} when a parameter is not a finite number in its accepted range
 *   (shapes p, q from 1e-8 to 1e8, gamma from 1e-8 to 1e15), naming it (`params.p`), or a repeat
 *   buyer's monetary value is missing or not a positive finite amount
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
 * @category Lifetime value
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, summary: RfmInput): number {
  const theta = checkGammaGammaParams(params);
  const { x, m, weight } = readSpend(summary);
  return gammaGammaLogLikelihoodOf(groupRows(x, m, null, weight), theta, null);
}
