/**
 * The Pareto/NBD log-likelihood.
 *
 * @module
 */
import { checkParams, type ParamKinds } from "./fit.ts";
import type { InvalidInputError } from "../errors.ts";
import { groupHistories, readHistories, type GroupedRows, type RfmInput } from "./histories.ts";
import { logParetoIntegral } from "./paretoIntegral.ts";
import { gammaln, logAddExp } from "./special.ts";

/**
 * Parameters of the Pareto/NBD model.
 *
 * @category Lifetime value
 */
export interface ParetoNbdParams {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Scale of the gamma distribution of purchase rates (in the summary's time unit). */
  alpha: number;
  /** Shape of the gamma distribution of drop-out rates. */
  s: number;
  /** Scale of the gamma distribution of drop-out rates. */
  beta: number;
}

/** ln of the two parts of one customer's likelihood, after the common factor: alive at T, and dropped out in (t_x, T]. @internal */
export function paretoParts(p: ParetoNbdParams, x: number, tx: number, T: number): { alive: number; dead: number } {
  return {
    alive: -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T),
    dead: Math.log(p.s) + logParetoIntegral(p.r, p.alpha, p.s, p.beta, x, tx, T),
  };
}

/** The Pareto/NBD log-likelihood of distinct histories. @internal */
export function paretoNbdLogLikelihoodOf(h: GroupedRows, theta: Float64Array): number {
  const p: ParetoNbdParams = { r: theta[0]!, alpha: theta[1]!, s: theta[2]!, beta: theta[3]! };
  const values = h.aValues;
  const lnGammaR = gammaln(p.r);
  const constant = Float64Array.from(values, (x) => gammaln(p.r + x) - lnGammaR);
  const common = p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
  let ll = 0;
  for (let i = 0; i < h.count; i++) {
    const { alive, dead } = paretoParts(p, h.a[i]!, h.b[i]!, h.c[i]!);
    ll += h.weight[i]! * (constant[h.aIndex[i]!]! + common + logAddExp(alive, dead));
  }
  return ll;
}

/** The Pareto/NBD parameters and their kinds, in the order the likelihood reads them. @internal */
export const PARETO_NBD_PARAMS: ParamKinds<ParetoNbdParams> = Object.freeze({ r: "shape", alpha: "scale", s: "shape", beta: "scale" });

/**
 * Checks Pareto/NBD parameters given by a caller: r and s from 1e-8 to 1e8, alpha and beta from
 * 1e-8 to 1e15 (see `PARAM_RANGE` in fit.ts), named `${field}.r` and so on. @internal
 */
export function checkParetoNbdParams(params: ParetoNbdParams, field = "params"): Float64Array {
  return checkParams(params, PARETO_NBD_PARAMS, field);
}

/**
 * The Pareto/NBD log-likelihood of a summary at given parameters.
 *
 * Formula (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions", after Schmittlein, Morrison & Colombo 1987),
 * for a customer with x repeat purchases, the last at t_x, observed for T:
 * L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [ 1 / ((alpha+T)^(r+x) (beta+T)^s)
 *   + s * integral from t_x to T of (alpha+y)^-(r+x) (beta+y)^-(s+1) dy ],
 * where the integral is (1/(r+s+x)) times the A0 of the note, a difference of two
 * Gauss hypergeometric terms 2F1(r+s+x, s+1 or r+x; r+s+x+1; z) evaluated with
 * z in [0, 1) and in log space (quadrature when z is close to 1). Summed over customers.
 *
 * @param params - `{ r, alpha, s, beta }`: the shapes r, s from 1e-8 to 1e8, the scales alpha, beta from 1e-8 to 1e15
 * @param summary - rows or columns of `frequency`, `recency`, `T`
 * @returns the log-likelihood (natural log), finite; 0 for an empty summary
 * @throws {@link InvalidInputError} when a parameter is not a finite number in its accepted range
 *   (shapes r, s from 1e-8 to 1e8, scales alpha, beta from 1e-8 to 1e15: beyond them ln Gamma
 *   and the series of the integral lose all precision, overflow or run for minutes), naming it
 *   (`params.r`), or a row is not a valid history
 * @see D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who Are
 *   They and What Will They Do Next?", Management Science 33(1), 1-24; P. S. Fader and B. G. S.
 *   Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions",
 *   brucehardie.com/notes/009.
 * @example
 * ```ts
 * import { paretoNbdLogLikelihood } from "retention-metrics";
 * const ll = paretoNbdLogLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, [
 *   { frequency: 2, recency: 30.43, T: 38.86 },
 *   { frequency: 0, recency: 0, T: 38.86 },
 * ]);
 * console.log(ll.toFixed(3)); // "-10.075"
 * ```
 * @category Lifetime value
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, summary: RfmInput): number {
  const theta = checkParetoNbdParams(params);
  return paretoNbdLogLikelihoodOf(groupHistories(readHistories(summary)), theta);
}
