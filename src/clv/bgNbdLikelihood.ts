/**
 * The BG/NBD log-likelihood and its gradient.
 *
 * @module
 */
import { checkParams, type ParamKinds } from "./fit.ts";
import type { InvalidInputError } from "../errors.ts";
import { groupHistories, readHistories, type GroupedRows, type RfmInput } from "./histories.ts";
import { betaln, digamma, gammaln, log1pExp, logistic } from "./special.ts";

/**
 * Parameters of the BG/NBD model.
 *
 * @category Lifetime value
 */
export interface BgNbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Scale of the gamma distribution of purchase rates (in the summary's time unit). */
  alpha: number;
  /** First shape of the beta distribution of the drop-out probability after each purchase. */
  a: number;
  /** Second shape of the beta distribution of the drop-out probability. */
  b: number;
}

/**
 * The BG/NBD log-likelihood of distinct histories, with its gradient in
 * (r, alpha, a, b) when `gradient` is given. Terms that depend on the
 * frequency alone are computed once per distinct frequency. @internal
 */
export function bgNbdLogLikelihoodOf(h: GroupedRows, params: Float64Array, gradient: Float64Array | null): number {
  return betaGeometricLogLikelihoodOf(h, params, gradient, 0);
}

/**
 * The log-likelihood of the BG/NBD family: `shift` 0 is the BG/NBD (drop-out chances after each
 * repeat purchase), `shift` 1 the MBG/NBD (one more chance, right after the first purchase, so
 * one-time buyers can be gone too). A customer has survived x + shift drop-out chances: ln L =
 * ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x+shift) - ln B(a, b) - (r+x) ln(alpha+T)
 * + ln(1 + [x + shift > 0] (a/(b+x+shift-1)) ((alpha+T)/(alpha+t_x))^(r+x)), and the gradient
 * follows term by term (digamma for the gamma and beta functions). @internal
 */
export function betaGeometricLogLikelihoodOf(h: GroupedRows, params: Float64Array, gradient: Float64Array | null, shift: 0 | 1): number {
  const r = params[0]!;
  const alpha = params[1]!;
  const a = params[2]!;
  const b = params[3]!;
  const values = h.aValues;
  const k = values.length;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const betaAB = betaln(a, b);
  const psiR = gradient === null ? 0 : digamma(r);
  const psiB = gradient === null ? 0 : digamma(b);
  const psiAB = gradient === null ? 0 : digamma(a + b);
  // Per distinct frequency x: ln Gamma(r+x) - ln Gamma(r) + ln B(a, b+x) - ln B(a, b), and ln a - ln(b+x-1).
  const constant = new Float64Array(k);
  const odds = new Float64Array(k);
  const dR = gradient === null ? null : new Float64Array(k);
  const dA = gradient === null ? null : new Float64Array(k);
  const dB = gradient === null ? null : new Float64Array(k);
  const lnGammaR = gammaln(r);
  for (let j = 0; j < k; j++) {
    const x = values[j]!;
    // Drop-out chances survived; with none (a BG/NBD one-time buyer) the beta terms vanish.
    const k = x + shift;
    constant[j] = (x === 0 ? 0 : gammaln(r + x) - lnGammaR) + (k === 0 ? 0 : betaln(a, b + k) - betaAB);
    odds[j] = k === 0 ? 0 : lnA - Math.log(b + k - 1);
    if (dR !== null && dA !== null && dB !== null) {
      const psiABK = digamma(a + b + k);
      dR[j] = x === 0 ? 0 : digamma(r + x) - psiR;
      dA[j] = k === 0 ? 0 : psiAB - psiABK;
      dB[j] = k === 0 ? 0 : digamma(b + k) - psiABK - psiB + psiAB;
    }
  }
  let ll = 0;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  const n = h.count;
  const X = h.a;
  const TX = h.b;
  const TT = h.c;
  const W = h.weight;
  const index = h.aIndex;
  for (let i = 0; i < n; i++) {
    const x = X[i]!;
    const w = W[i]!;
    const j = index[i]!;
    const T = TT[i]!;
    const lnT = Math.log(alpha + T);
    const rx = r + x;
    let li = constant[j]! + r * lnAlpha - rx * lnT;
    if (x + shift > 0) {
      const lnTx = Math.log(alpha + TX[i]!);
      const d = odds[j]! + rx * (lnT - lnTx);
      li += log1pExp(d);
      if (gradient !== null) {
        const p = logistic(d);
        gR += w * (dR![j]! + lnAlpha - lnT + p * (lnT - lnTx));
        gAlpha += w * (r / alpha - rx / (alpha + T) + p * rx * (1 / (alpha + T) - 1 / (alpha + TX[i]!)));
        gA += w * (dA![j]! + p / a);
        gB += w * (dB![j]! - p / (b + x + shift - 1));
      }
    } else if (gradient !== null) {
      gR += w * (lnAlpha - lnT);
      gAlpha += w * (r / alpha - r / (alpha + T));
    }
    ll += w * li;
  }
  if (gradient !== null) {
    gradient[0] = gR;
    gradient[1] = gAlpha;
    gradient[2] = gA;
    gradient[3] = gB;
  }
  return ll;
}

/** The BG/NBD parameters and their kinds, in the order the likelihood reads them. @internal */
export const BG_NBD_PARAMS: ParamKinds<BgNbdParams> = Object.freeze({ r: "shape", alpha: "scale", a: "shape", b: "shape" });

/**
 * Checks BG/NBD parameters given by a caller: r, a and b from 1e-8 to 1e8, alpha from 1e-8 to
 * 1e15 (see `PARAM_RANGE` in fit.ts), named `${field}.r` and so on. @internal
 */
export function checkBgNbdParams(params: BgNbdParams, field = "params"): Float64Array {
  return checkParams(params, BG_NBD_PARAMS, field);
}

/**
 * The BG/NBD log-likelihood of a summary at given parameters.
 *
 * Formula (Fader, Hardie & Lee 2005, section 3), for a customer with x repeat
 * purchases, the last at t_x, observed for T:
 * L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
 *   + [x > 0] B(a+1, b+x-1)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x)),
 * evaluated as ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x) - ln B(a, b)
 * - (r+x) ln(alpha+T) + ln(1 + [x > 0] (a/(b+x-1)) ((alpha+T)/(alpha+t_x))^(r+x)),
 * and summed over customers.
 *
 * @param params - `{ r, alpha, a, b }`: the shapes r, a, b from 1e-8 to 1e8, the scale alpha from 1e-8 to 1e15
 * @param summary - rows or columns of `frequency`, `recency`, `T` (see `rfmSummary`)
 * @returns the log-likelihood (natural log), finite; 0 for an empty summary
 * @throws {@link InvalidInputError} when a parameter is not a finite number in its accepted range
 *   (shapes r, a, b from 1e-8 to 1e8, alpha from 1e-8 to 1e15: beyond them ln Gamma and the
 *   power terms lose all precision or overflow), naming it (`params.r`), or a row is not a valid history
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way:
 *   An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284.
 * @example
 * ```ts
 * import { bgNbdLogLikelihood } from "retention-metrics";
 * const ll = bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, [
 *   { frequency: 2, recency: 30.43, T: 38.86 },
 *   { frequency: 0, recency: 0, T: 38.86 },
 * ]);
 * console.log(ll.toFixed(3)); // "-10.013"
 * ```
 * @category Lifetime value
 */
export function bgNbdLogLikelihood(params: BgNbdParams, summary: RfmInput): number {
  const theta = checkBgNbdParams(params);
  return bgNbdLogLikelihoodOf(groupHistories(readHistories(summary)), theta, null);
}
