/**
 * The uncertainty a fitted model reports about its parameters: standard errors,
 * the covariance by parameter name and Wald confidence intervals, from the
 * covariance matrix the fit computed (see `stats/hessian.ts`).
 *
 * @module
 */
import { normalQuantile } from "../stats/normalQuantile.ts";
import { requireOpenFraction } from "../validate.ts";
import type { FitState, ParamKinds } from "./fit.ts";

/**
 * A parameter's Wald confidence interval.
 *
 * @category Lifetime value
 */
export interface ParameterInterval {
  /** The fitted value. */
  estimate: number;
  /** Its standard error. */
  standardError: number;
  /** estimate - z standard errors. */
  lower: number;
  /** estimate + z standard errors. */
  upper: number;
}

/** The uncertainty fields of a model's fit state. @internal */
export type UncertaintyFields<P> = Pick<FitState<keyof P & string>, "standardErrors" | "covariance" | "confidenceIntervals">;

/**
 * The `standardErrors`, `covariance` and `confidenceIntervals` of a model with parameters
 * `params` (ordered as `kinds`) and covariance matrix `matrix` (row-major; `null` when the
 * model was not fitted or its information matrix is singular). @internal
 */
export function uncertaintyFields<P extends { [K in keyof P]: number }>(params: P, kinds: ParamKinds<P>, matrix: Float64Array | null | undefined): UncertaintyFields<P> {
  type Name = keyof P & string;
  const names = Object.keys(kinds) as Name[];
  const n = names.length;
  const usable = matrix !== null && matrix !== undefined && matrix.length === n * n && names.every((_, i) => matrix[i * n + i]! >= 0);
  const standardErrors = usable ? Object.freeze(Object.fromEntries(names.map((name, i) => [name, Math.sqrt(matrix[i * n + i]!)])) as Record<Name, number>) : null;
  const covariance = usable
    ? Object.freeze(Object.fromEntries(names.map((a, i) => [a, Object.freeze(Object.fromEntries(names.map((b, j) => [b, matrix[i * n + j]!])))])) as Record<Name, Record<Name, number>>)
    : null;
  return {
    standardErrors,
    covariance,
    confidenceIntervals(level = 0.95) {
      const z = normalQuantile((1 + requireOpenFraction(level, "level")) / 2);
      if (standardErrors === null) return null;
      return Object.freeze(Object.fromEntries(names.map((name) => {
        const estimate: number = params[name];
        const standardError: number = standardErrors[name];
        return [name, Object.freeze({ estimate, standardError, lower: estimate - z * standardError, upper: estimate + z * standardError })];
      })) as Record<Name, ParameterInterval>);
    },
  };
}
