/**
 * Special functions and log-space helpers shared by the lifetime-value models.
 * The gamma-family functions come from @stdlib's single-function packages
 * (the one runtime exception DESIGN.md allows for `clv/`).
 *
 * @internal
 * @module
 */
import betalnStdlib from "@stdlib/math-base-special-betaln";
import digammaStdlib from "@stdlib/math-base-special-digamma";
import gammalnStdlib from "@stdlib/math-base-special-gammaln";

/** ln |Gamma(x)|. */
export const gammaln: (x: number) => number = gammalnStdlib;
/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
export const betaln: (a: number, b: number) => number = betalnStdlib;
/** psi(x) = d/dx ln Gamma(x). */
export const digamma: (x: number) => number = digammaStdlib;

/** ln(1 + e^x) without overflow or loss of precision. */
export function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** 1 / (1 + e^-x), the logistic function, without overflow. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** ln(e^a + e^b); -Infinity when both are -Infinity. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * (1 - e^(-e L)) / e, with its limit L at e = 0: the integral of e^(-e y) for y
 * from 0 to L. Accurate for every e, since expm1 is.
 */
export function expm1Ratio(e: number, L: number): number {
  return e === 0 ? L : -Math.expm1(-e * L) / e;
}
