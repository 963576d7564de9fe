/**
 * The fitting driver shared by the models: maximum likelihood on
 * log-parameters with {@link minimize}, start values, options and the
 * {@link ConvergenceError} of a fit that does not converge.
 *
 * @internal
 * @module
 */
import { ConvergenceError, InvalidInputError } from "../errors.ts";
import { requirePositive, requirePositiveCount } from "../validate.ts";
import { minimize, type Objective } from "../stats/optimize.ts";

/** Options every model fit takes. */
export interface FitOptions<P> {
  /** Where the search starts (any subset of the parameters; each > 0). Defaults come from the data. */
  initialParams?: Partial<P> | undefined;
  /** Most optimiser iterations before giving up with a ConvergenceError; default 1000. */
  maxIterations?: number | undefined;
}

/** What every fitted model reports besides its parameters. */
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
 * Maximises `logLikelihood` over positive parameters named `names`, from
 * `start` (overridden by `options.initialParams`), and returns the parameters
 * by name with the fit's state, or throws a {@link ConvergenceError}. @internal
 */
export function fitByMaximumLikelihood<P extends { [K in keyof P]: number }>(
  model: string,
  names: readonly (keyof P & string)[],
  logLikelihood: LogLikelihood,
  start: P,
  weight: number,
  analyticGradient: boolean,
  options: FitOptions<P>,
): { params: P } & FitState {
  const maxIterations = requirePositiveCount(options.maxIterations ?? 1000, "maxIterations");
  const initial: Partial<P> = options.initialParams ?? {};
  const y0 = Float64Array.from(names, (name) => {
    const given: unknown = initial[name];
    return Math.log(given === undefined ? start[name] : requirePositive(given, `initialParams.${name}`));
  });
  const theta = new Float64Array(names.length);
  const grad = new Float64Array(names.length);
  // Minimise the mean negative log-likelihood per customer, so tolerances do not depend on the data's size.
  const objective: Objective = (y, gradient) => {
    for (let i = 0; i < y.length; i++) theta[i] = Math.exp(y[i]!);
    const ll = logLikelihood(theta, gradient === null ? null : grad);
    if (gradient !== null) for (let i = 0; i < y.length; i++) gradient[i] = (-grad[i]! * theta[i]!) / weight;
    return -ll / weight;
  };
  if (!Number.isFinite(objective(y0, null))) {
    throw new InvalidInputError({
      field: "initialParams",
      value: names.map((name, i) => `${name}=${Math.exp(y0[i]!)}`).join(", "),
      expected: `parameters at which the ${model} likelihood of the data is positive`,
    });
  }
  const result = minimize(objective, y0, {
    analyticGradient,
    maxIterations,
    gradientTolerance: analyticGradient ? 1e-9 : 1e-8,
    runaway: RUNAWAY,
  });
  const params = Object.fromEntries(names.map((name, i) => [name, Math.exp(result.x[i]!)])) as P;
  const ll = -result.f * weight;
  // Judged against the data-based start, whatever initialParams the caller chose.
  const home = Float64Array.from(names, (name) => Math.log(start[name]));
  const runaway = names.filter((_, i) => Math.abs(result.x[i]! - home[i]!) > RUNAWAY);
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

/**
 * A model's parameters given by a caller, checked to be positive numbers and
 * returned in the order of `names` (the order the likelihoods read them in). @internal
 */
export function positiveParams<P extends object>(params: P, names: ReadonlyArray<keyof P & string>): Float64Array {
  if (params === null || typeof params !== "object") {
    throw new InvalidInputError({ field: "params", value: params, expected: `an object { ${names.join(", ")} } of positive numbers` });
  }
  return Float64Array.from(names, (name) => requirePositive(params[name], name));
}
