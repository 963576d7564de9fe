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
  return { initial, maxIterations };
}

/**
 * What every fitted model reports besides its parameters.
 *
 * @category Lifetime value
 */
export interface FitState {
  /** Log-likelihood at the fitted parameters (natural log, summed over customers). */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** Always true for a returned model: a fit that does not converge throws a ConvergenceError. */
  converged: boolean;
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
): { params: P } & FitState {
  const names = Object.keys(kinds) as (keyof P & string)[];
  const { maxIterations, initial } = settings;
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
    return -ll / weight;
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
  const ll = -result.f * weight;
  // Running off: far from the start, or (short of convergence) stopped within a factor e of a range's edge.
  const edge = (i: number) => !result.converged && (result.x[i]! > Math.log(high[i]!) - 1 || result.x[i]! < Math.log(low[i]!) + 1);
  const runaway = names.filter((_, i) => Math.abs(result.x[i]! - home[i]!) > RUNAWAY || edge(i));
  if (!result.converged || runaway.length > 0) {
    const why = runaway.length > 0
      ? `: ${runaway.map((name) => `${name} ran off towards ${result.x[names.indexOf(name)]! > home[names.indexOf(name)]! ? "infinity" : "0"}`).join(", ")}` +
        ", so the likelihood has no maximum for these data (often too few customers, or no sign in them of what the parameter describes)"
      : "";
    throw new ConvergenceError(`${model} fit did not converge after ${result.iterations} iterations${why}. Try other initialParams, more maxIterations, or more data.`, {
      iterations: result.iterations,
      params: { ...params },
      logLikelihood: Number.isFinite(ll) ? ll : -Infinity,
    });
  }
  return { params, logLikelihood: ll, iterations: result.iterations, converged: true };
}
