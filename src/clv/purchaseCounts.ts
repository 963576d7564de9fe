/**
 * The distribution of the number of purchases in a period under the BG/NBD family and the
 * Pareto/NBD: P(X(t) = n) for a new customer, and the conditional form for a customer with a
 * history. The model files call these with their parameters.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { adaptiveIntegral } from "../stats/quadrature.ts";
import { betaln, gammaln } from "./special.ts";

/**
 * The largest number of purchases asked about: P(X(t) = n) sums n + 1 terms, so the bound keeps a
 * call below a few milliseconds.
 */
export const MAX_PURCHASE_COUNT = 1_000_000;

/** Checks a number of purchases n: an integer from 0 to {@link MAX_PURCHASE_COUNT}. @internal */
export function checkPurchaseCount(n: unknown, field = "n"): number {
  if (!(typeof n === "number" && Number.isSafeInteger(n) && n >= 0 && n <= MAX_PURCHASE_COUNT)) {
    throw new InvalidInputError({ field, value: n, expected: `an integer from 0 to ${MAX_PURCHASE_COUNT.toLocaleString("en-US")} (a number of purchases)` });
  }
  return n;
}

/** A probability computed from differences, brought back into [0, 1] (rounding may leave it 1e-17 outside). */
function clampProbability(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * ln of the NBD probabilities Gamma(r+j) / (Gamma(r) j!) u^r (1-u)^j for j = 0..n, with
 * u = alpha / (alpha + t): the number of Poisson(lambda t) events when lambda ~ Gamma(r, alpha).
 * Computed by the recurrence ln p(j+1) = ln p(j) + ln((r+j)/(j+1)) + ln(1-u) in log space, so a
 * tiny u^r does not underflow the later terms. @internal
 */
export function nbdLogTerms(n: number, r: number, alpha: number, t: number): Float64Array {
  const lnU = -Math.log1p(t / alpha);
  const ln1mU = Math.log(t) - Math.log(alpha + t);
  const out = new Float64Array(n + 1);
  out[0] = r * lnU;
  for (let j = 0; j < n; j++) out[j + 1] = out[j]! + Math.log((r + j) / (j + 1)) + ln1mU;
  return out;
}

/**
 * P(N >= n) for the NBD above, accurately also when it is small: the sum of the terms from n on
 * when the head sum is past one half (and the tail converges within a bounded number of terms),
 * one minus the head otherwise. @internal
 */
function nbdTail(n: number, r: number, alpha: number, t: number, terms: Float64Array): number {
  if (n === 0) return 1;
  let head = 0;
  for (let j = 0; j < n; j++) head += Math.exp(terms[j]!);
  if (head < 0.5 || t === 0) return clampProbability(1 - head);
  // Tail terms from n: ratio (r+j)/(j+1) (1-u), below 1 once j > (r (1-u) - 1) / u.
  const oneMinusU = t / (alpha + t);
  const u = alpha / (alpha + t);
  if (u < 1e-5) return clampProbability(1 - head);
  let term = Math.exp(terms[n]!);
  let tail = 0;
  for (let j = n; j < n + 10_000_000; j++) {
    tail += term;
    const ratio = ((r + j) / (j + 1)) * oneMinusU;
    term *= ratio;
    // Later ratios are at most this one when r >= 1 (they fall towards 1 - u), at most 1 - u when r < 1.
    const bound = r < 1 ? oneMinusU : ratio;
    if (bound < 1 && term / (1 - bound) <= 1e-17 * tail) break;
  }
  return clampProbability(tail);
}

/**
 * P(X(t) = n) in the BG/NBD family (`shift` 0: BG/NBD; 1: MBG/NBD, with a drop-out chance at the
 * first purchase): with NB(j) the NBD probabilities above,
 * B(a, b+n+shift)/B(a, b) NB(n) + [n + shift > 0] B(a+1, b+n+shift-1)/B(a, b) (1 - sum_{j<n} NB(j))
 * (Fader, Hardie & Lee 2005, eq. 8, for shift 0; the MBG/NBD form follows from the same story with
 * the extra chance: the customer who drops at once makes no purchase). @internal
 */
export function betaGeometricPmf(n: number, t: number, r: number, alpha: number, a: number, b: number, shift: 0 | 1): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const terms = nbdLogTerms(n, r, alpha, t);
  const lnB = betaln(a, b);
  const alive = Math.exp(betaln(a, b + n + shift) - lnB + terms[n]!);
  if (n + shift === 0) return clampProbability(alive);
  const dropped = Math.exp(betaln(a + 1, b + n + shift - 1) - lnB) * nbdTail(n, r, alpha, t, terms);
  return clampProbability(alive + dropped);
}

/**
 * P(X(t) = n) under the Pareto/NBD (Fader & Hardie 2006, "Deriving an Expression for P(X(t) = x)
 * Under the Pareto/NBD Model", brucehardie.com/notes/012): alive through t, NB(n) (beta/(beta+t))^s,
 * plus dropped out at tau in (0, t] with n purchases before, Gamma(r+n)/(Gamma(r) n!) alpha^r s beta^s
 * times the integral over tau of tau^n (alpha+tau)^-(r+n) (beta+tau)^-(s+1). The integral is taken
 * in w = tau/(alpha+tau), where it is alpha^(1-r) times the integral over [0, t/(alpha+t)] of
 * w^n (1-w)^(r+s-1) (beta + (alpha-beta) w)^-(s+1): a bounded integrand, by adaptive quadrature
 * after scaling by its largest value (the note's closed form is a sum of Gauss hypergeometric terms). @internal
 */
export function paretoNbdPmf(n: number, t: number, r: number, alpha: number, s: number, beta: number): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const terms = nbdLogTerms(n, r, alpha, t);
  const alive = Math.exp(terms[n]! - s * Math.log1p(t / beta));
  const top = t / (alpha + t);
  const logIntegrand = (w: number) => n * Math.log(w) + (r + s - 1) * Math.log1p(-w) - (s + 1) * Math.log(beta + (alpha - beta) * w);
  // The log-integrand is concave in w, so its largest value over a fine grid bounds the rest closely.
  let peak = -Infinity;
  for (let k = 1; k <= 64; k++) peak = Math.max(peak, logIntegrand((top * k) / 64));
  const integral = adaptiveIntegral((w) => (w === 0 && n > 0 ? 0 : Math.exp(logIntegrand(w) - peak)), 0, top, 1e-12);
  const lnCoefficient = gammaln(r + n) - gammaln(r) - gammaln(n + 1) + Math.log(alpha) + Math.log(s) + s * Math.log(beta);
  const dropped = integral > 0 ? Math.exp(lnCoefficient + peak + Math.log(integral)) : 0;
  return clampProbability(alive + dropped);
}

/**
 * P(n purchases in the next t | history) from the probability of being alive and the distribution
 * of an alive customer's count: [n = 0] (1 - P(alive)) + P(alive) P_alive(n). @internal
 */
export function conditionalPmf(n: number, alive: number, pmfIfAlive: number): number {
  return clampProbability((n === 0 ? 1 - alive : 0) + alive * pmfIfAlive);
}
