/**
 * The inverse of the standard normal distribution function.
 *
 * @module
 */
import { requireOpenFraction } from "../validate.ts";

// Algorithm AS 241 (PPND16), M. J. Wichura, "The Percentage Points of the Normal
// Distribution", Journal of the Royal Statistical Society, Series C (Applied
// Statistics) 37(3), 1988, pp. 477-484. Three rational approximations of degree
// 7/7, chosen by the distance of p from 1/2; relative accuracy about 1e-16.

/** Central region, |p - 1/2| <= 0.425: numerator coefficients in r = 0.180625 - q^2. */
const CENTRAL_NUMERATOR = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const CENTRAL_DENOMINATOR = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
  21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
] as const;

/** Intermediate tail, sqrt(-ln(min(p, 1 - p))) <= 5: coefficients in r - 1.6. */
const NEAR_NUMERATOR = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const NEAR_DENOMINATOR = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
  0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;

/** Far tail, sqrt(-ln(min(p, 1 - p))) > 5: coefficients in r - 5. */
const FAR_NUMERATOR = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const FAR_DENOMINATOR = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

/** Evaluates c[0] + c[1] x + ... + c[7] x^7 by Horner's rule. */
function polynomial(c: readonly number[], x: number): number {
  let sum = 0;
  for (let i = c.length - 1; i >= 0; i--) sum = sum * x + (c[i] ?? 0);
  return sum;
}

/**
 * The p-quantile of the standard normal distribution: the z with P(Z <= z) = p.
 *
 * Formula: z = Phi^-1(p), computed by Wichura's algorithm AS 241 (PPND16): with q = p - 0.5, a
 * rational function of 0.180625 - q^2 when |q| <= 0.425, otherwise a rational function of
 * r = sqrt(-ln(min(p, 1 - p))) (one for r <= 5, one beyond), with the sign of q. Accurate to about
 * 1 part in 10^16 over the whole range of doubles (so two neighbouring doubles p may give quantiles
 * one unit in the last place out of order).
 *
 * @param p - a probability strictly between 0 and 1
 * @returns the quantile, a finite number (about -38.5 for the smallest positive double)
 * @throws {@link InvalidInputError} when `p` is not a number strictly between 0 and 1
 *   (the quantiles of 0 and 1 are infinite)
 * @see M. J. Wichura (1988), "Algorithm AS 241: The Percentage Points of the Normal Distribution",
 *   Applied Statistics 37(3), 477-484.
 * @example
 * ```ts
 * import { normalQuantile } from "retention-metrics";
 * // the z of a two-sided 95% interval
 * console.log(normalQuantile(0.975).toFixed(6), normalQuantile(0.5)); // "1.959964" 0
 * ```
 * @category Statistics
 */
export function normalQuantile(p: number): number {
  requireOpenFraction(p, "p");
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = polynomial(NEAR_NUMERATOR, r) / polynomial(NEAR_DENOMINATOR, r);
  } else {
    r -= 5;
    z = polynomial(FAR_NUMERATOR, r) / polynomial(FAR_DENOMINATOR, r);
  }
  return q < 0 ? -z : z;
}
