/**
 * The fitting driver shared by the models: maximum likelihood on
 * log-parameters with {@link minimize}, start values, options and the
 * {@link ConvergenceError} of a fit that does not converge.
 *
 * @internal
 * @module
 */
import { ConvergenceError, InvalidInputError } from "../errors.ts";
import { requireFiniteWithin, requireIntegerIn, requireOptions, requireRecord } from "../validate.ts";
import { minimize, type Objective } from "../stats/optimize.ts";
import { observedCovariance } from "../stats/hessian.ts";
import type { ParameterInterval } from "./uncertainty.ts";

/**
 * Options every model fit takes.
 * @category Lifetime value
 */
export interface FitOptions<P> {
  /**
   * Where the search starts (any subset of the parameters, each a finite number in its accepted
   * range: shapes r, a, b, s, p, q from 1e-8 to 1e8, scales alpha, beta, gamma from 1e-8 to 1e15).
   * Defaults come from the data.
   */
  initialParams?: Partial<P> | undefined;
  /** Most optimiser iterations before giving up with a ConvergenceError: 1 to 100,000; default 1000. */
  maxIterations?: number | undefined;
  /**
   * L2 penalty coefficient, as lifetimes' `penalizer_coef`: the fit minimises
   * -LL / N + penalizer * (sum of the squared parameters), N the number of customers, so every
   * parameter shrinks as it grows. A finite number from 0 to 1e6; default 0 (the plain
   * maximum-likelihood fit, exactly).
   */
  penalizer?: number | undefined;
}

/** What a model parameter is, which sets its accepted range (see {@link PARAM_RANGE}). @internal */
export type ParamKind = "shape" | "scale";

/** The kind of each parameter of a model, in the order its likelihood reads them. @internal */
export type ParamKinds<P> = { readonly [K in keyof P]: ParamKind };

/**
 * The accepted range of every model parameter, starting point and simulator parameter: shapes
 * (r, a, b, s, p, q) from 1e-8 to 1e8, scales (alpha, beta, gamma: time or money units) from 1e-8
 * to 1e15. Why these: a shape enters ln Gamma, digamma and the Pareto/NBD series, whose cost and
 * rounding grow with it (ln Gamma(1e8) is 1.7e9, so its last bit is 2e-7; at 1e308 it overflows
 * and the likelihoods' differences of such terms become Infinity - Infinity = NaN); a scale enters
 * only as ln(scale) and scale + T, which stay exact to double precision up to 1e15 for any finite
 * T. Below 1e-8 a shape is a degenerate model (no customer ever buys or leaves) and a scale a
 * rate above 1e8 purchases per time unit. Fitted parameters stay inside these ranges (the
 * likelihood is taken as undefined outside them). @internal
 */
export const PARAM_RANGE: Readonly<Record<ParamKind, { readonly min: number; readonly max: number; readonly text: string }>> = Object.freeze({
  shape: Object.freeze({ min: 1e-8, max: 1e8, text: "a finite number from 1e-8 to 1e8 (the accepted range of a shape parameter)" }),
  scale: Object.freeze({ min: 1e-8, max: 1e15, text: "a finite number from 1e-8 to 1e15 (the accepted range of a scale parameter)" }),
});

/** The largest penalizer: beyond it the penalty alone sets every parameter to its lower bound. */
const MAX_PENALIZER = 1e6;

/** The largest maxIterations: beyond it a fit that has not converged will not (and the work would be unbounded). */
const MAX_ITERATIONS = 100_000;

/** One model parameter given by a caller, checked finite and in the range of its kind. @internal */
export function checkParam(value: unknown, field: string, kind: ParamKind): number {
  const range = PARAM_RANGE[kind];
  return requireFiniteWithin(value, field, range.min, range.max, range.text);
}

/**
 * A model's parameters given by a caller (to a likelihood, a simulator, or on a model object),
 * each checked by {@link checkParam} and returned in the order of `kinds`, the order the
 * likelihoods read them in. Fields are named `${field}.${name}`. @internal
 */
export function checkParams<P extends object>(params: P, kinds: ParamKinds<P>, field = "params"): Float64Array {
  const names = Object.keys(kinds) as (keyof P & string)[];
  requireRecord(params, field, names);
  return Float64Array.from(names, (name) => checkParam(params[name], `${field}.${name}`, kinds[name]));
}

/** A fit's options, checked: the caller's starting values by name and the iteration bound. @internal */
export interface FitSettings {
  /** The parameters the caller chose to start from. */
  readonly initial: Readonly<Record<string, number>>;
  /** Most optimiser iterations. */
  readonly maxIterations: number;
  /** The L2 penalty coefficient (0: none). */
  readonly penalizer: number;
}

/**
 * Checks a fit's options before any work: an object (or nothing), `initialParams` naming only the
 * model's parameters, each in its accepted range, and `maxIterations` from 1 to 100,000. @internal
 */
export function readFitOptions<P extends object>(options: FitOptions<P> | null | undefined, kinds: ParamKinds<P>): FitSettings {
  const names = Object.keys(kinds) as (keyof P & string)[];
  const example = `{ initialParams: { ${names[0]}: 1 }, maxIterations: 1000 }`;
  const o: FitOptions<P> = requireOptions(options, "options", example) ?? {};
  const maxIterations = requireIntegerIn(o.maxIterations ?? 1000, "maxIterations", 1, MAX_ITERATIONS);
  const penalizer = requireFiniteWithin(o.penalizer ?? 0, "penalizer", 0, MAX_PENALIZER, `a finite number from 0 to ${MAX_PENALIZER} (0: no penalty)`);
  const given: unknown = o.initialParams;
  const initial: Record<string, number> = {};
  if (given !== undefined) {
    requireRecord(given, "initialParams", names);
    for (const [name, value] of Object.entries(given as object)) {
      if (!(names as string[]).includes(name)) {
        throw new InvalidInputError({ field: `initialParams.${name}`, value, expected: `one of the model's parameters ${names.join(", ")}` });
      }
      if (value !== undefined) initial[name] = checkParam(value, `initialParams.${name}`, kinds[name as keyof P]);
    }
  }
  return { initial, maxIterations, penalizer };
}

/**
 * What every fitted model reports besides its parameters.
 *
 * @category Lifetime value
 */
export interface FitState<Name extends string = string> {
  /** Log-likelihood at the fitted parameters (natural log, summed over customers; without the penalty of `penalizer`). */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** Always true for a returned model: a fit that does not converge throws a ConvergenceError. */
  converged: boolean;
  /**
   * Standard error of each parameter: the square root of the diagonal of {@link FitState.covariance}.
   * `null` for a model built from parameters without a fit, or when the information matrix is
   * singular (the likelihood is flat in some direction at the optimum).
   */
  readonly standardErrors: Readonly<Record<Name, number>> | null;
  /**
   * Asymptotic covariance of the estimates, by parameter name (`covariance.r.alpha`): the inverse of
   * the observed information (minus the Hessian of the log-likelihood, penalty included when
   * `penalizer` > 0) at the optimum. `null` as for `standardErrors`.
   */
  readonly covariance: Readonly<Record<Name, Readonly<Record<Name, number>>>> | null;
  /**
   * Wald confidence intervals, estimate +- z standard errors with z the normal quantile of
   * (1 + level) / 2, by parameter name; `null` as for `standardErrors`. A lower bound may fall below
   * 0 for a poorly determined parameter: there the normal approximation is poor.
   * Throws an InvalidInputError naming `level` unless it is strictly between 0 and 1.
   */
  confidenceIntervals(level?: number): Readonly<Record<Name, ParameterInterval>> | null;
}

/**
 * What a fit hands to a model's constructor: its state and, when it was fitted, the covariance of
 * its parameters (row-major, in the order of the model's parameter kinds). @internal
 */
export interface FitOutcome {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  covarianceMatrix?: Float64Array | null | undefined;
}

/** A log-likelihood over parameters, with an optional analytic gradient. @internal */
export interface LogLikelihood {
  /** Total log-likelihood at `params`; when `gradient` is given, writes d LL / d params into it. */
  (params: Float64Array, gradient: Float64Array | null): number;
}

/**
 * A parameter that ends more than this factor (e^12, about 160,000) away from its data-based start
 * value is taken to be running off to 0 or infinity: the likelihood has no maximum, only a supremum
 * at the edge of the parameter space, even where the gradient has flattened out.
 */
const RUNAWAY = 12;

/**
 * Maximises `logLikelihood` over the parameters of `kinds`, each within its
 * {@link PARAM_RANGE}, from `start` (the data-based start, brought into the
 * ranges; overridden by the caller's `settings.initial`), and returns the
 * parameters by name with the fit's state, or throws a {@link ConvergenceError}
 * (after at most `settings.maxIterations` iterations). @internal
 */
export function fitByMaximumLikelihood<P extends { [K in keyof P]: number }>(
  model: string,
  kinds: ParamKinds<P>,
  logLikelihood: LogLikelihood,
  start: P,
  weight: number,
  analyticGradient: boolean,
  settings: FitSettings,
): { params: P } & FitOutcome {
  const names = Object.keys(kinds) as (keyof P & string)[];
  const { maxIterations, initial, penalizer } = settings;
  const low = names.map((name) => PARAM_RANGE[kinds[name]].min);
  const high = names.map((name) => PARAM_RANGE[kinds[name]].max);
  // exp(ln x) may miss x by an ulp: a point within 1e-12 of a range's end in ln is taken to be at the end.
  const lnLow = low.map((v) => Math.log(v) - 1e-12);
  const lnHigh = high.map((v) => Math.log(v) + 1e-12);
  const paramOf = (y: number, i: number) => Math.min(high[i]!, Math.max(low[i]!, Math.exp(y)));
  // Judged against the data-based start, whatever initialParams the caller chose.
  const home = Float64Array.from(names, (name, i) => Math.log(Math.min(high[i]!, Math.max(low[i]!, start[name]))));
  const y0 = Float64Array.from(names, (name, i) => (initial[name] === undefined ? home[i]! : Math.log(initial[name]!)));
  const theta = new Float64Array(names.length);
  const grad = new Float64Array(names.length);
  // Minimise the mean negative log-likelihood per customer, so tolerances do not depend on the data's size.
  // Outside the accepted ranges the objective is undefined (Infinity), so the search stays inside them.
  const objective: Objective = (y, gradient) => {
    for (let i = 0; i < y.length; i++) {
      if (!(y[i]! >= lnLow[i]! && y[i]! <= lnHigh[i]!)) return Infinity;
      theta[i] = paramOf(y[i]!, i);
    }
    const ll = logLikelihood(theta, gradient === null ? null : grad);
    if (gradient !== null) for (let i = 0; i < y.length; i++) gradient[i] = (-grad[i]! * theta[i]!) / weight;
    // Without a penalty the arithmetic is exactly the plain fit's.
    if (penalizer === 0) return -ll / weight;
    let squares = 0;
    for (let i = 0; i < y.length; i++) {
      squares += theta[i]! * theta[i]!;
      if (gradient !== null) gradient[i]! += 2 * penalizer * theta[i]! * theta[i]!;
    }
    return -ll / weight + penalizer * squares;
  };
  if (!Number.isFinite(objective(y0, null))) {
    throw new InvalidInputError({
      field: "initialParams",
      value: names.map((name, i) => `${name}=${paramOf(y0[i]!, i)}`).join(", "),
      expected: `parameters at which the ${model} likelihood of the data is positive`,
    });
  }
  const result = minimize(objective, y0, {
    analyticGradient,
    maxIterations,
    gradientTolerance: analyticGradient ? 1e-9 : 1e-8,
    runaway: RUNAWAY,
  });
  const params = Object.fromEntries(names.map((name, i) => [name, paramOf(result.x[i]!, i)])) as P;
  const fitted = Float64Array.from(names, (name) => params[name]);
  const ll = penalizer === 0 ? -result.f * weight : logLikelihood(fitted, null);
  // Running off: far from the start, or (short of convergence) stopped within a factor e of a range's edge.
  const edge = (i: number) => !result.converged && (result.x[i]! > Math.log(high[i]!) - 1 || result.x[i]! < Math.log(low[i]!) + 1);
  const runaway = names.filter((_, i) => Math.abs(result.x[i]! - home[i]!) > RUNAWAY || edge(i));
  // Towards the edge it stopped near; otherwise the way it went from the start.
  const direction = (i: number) =>
    result.x[i]! < Math.log(low[i]!) + 1 ? "0" : result.x[i]! > Math.log(high[i]!) - 1 ? "infinity" : result.x[i]! > home[i]! ? "infinity" : "0";
  if (!result.converged || runaway.length > 0) {
    const why = runaway.length > 0
      ? `: ${runaway.map((name) => `${name} ran off towards ${direction(names.indexOf(name))}`).join(", ")}` +
        ", so the likelihood has no maximum for these data (often too few customers, or no sign in them of what the parameter describes)"
      : "";
    throw new ConvergenceError(`${model} fit did not converge after ${result.iterations} iterations${why}. Try other initialParams, more maxIterations, or more data.`, {
      iterations: result.iterations,
      params: { ...params },
      logLikelihood: Number.isFinite(ll) ? ll : -Infinity,
    });
  }
  // The curvature of what was maximised: the log-likelihood, less N times the penalty when there is one.
  const penalized = penalizer === 0 ? logLikelihood : (p: Float64Array, gradient: Float64Array | null): number => {
    const value = logLikelihood(p, gradient);
    let squares = 0;
    for (let i = 0; i < p.length; i++) {
      squares += p[i]! * p[i]!;
      if (gradient !== null) gradient[i]! -= 2 * weight * penalizer * p[i]!;
    }
    return value - weight * penalizer * squares;
  };
  const covarianceMatrix = observedCovariance(penalized, fitted, analyticGradient);
  return { params, logLikelihood: ll, iterations: result.iterations, converged: true, covarianceMatrix };
}
