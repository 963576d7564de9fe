/**
 * Prediction intervals that carry the uncertainty of a fitted model's
 * parameters into its predictions: the delta method, and a seeded parametric
 * bootstrap from the estimates' normal approximation.
 *
 * What they cover: the sampling uncertainty of the estimated parameters only.
 * They are intervals for the model's expected value (expected purchases,
 * P(alive), expected lifetime value), not for what one customer will do: a
 * customer's own Poisson and drop-out noise around that expectation is not in
 * them.
 *
 * References: G. Casella and R. L. Berger (2002), "Statistical Inference", 2nd ed.,
 * section 5.5.4 (the delta method); B. Efron and R. J. Tibshirani (1993), "An
 * Introduction to the Bootstrap", section 6.5 (the parametric bootstrap) and
 * chapter 13 (percentile intervals).
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { choleskyFactor } from "../stats/hessian.ts";
import { normalQuantile } from "../stats/normalQuantile.ts";
import { quantileSorted } from "../stats/quantile.ts";
import { requireIntegerIn, requireOneOf, requireOpenFraction, requireOptions } from "../validate.ts";
import { PARAM_RANGE, type ParamKinds } from "./fit.ts";
import { seededRandom } from "./random.ts";

/**
 * Options that ask a prediction for an interval.
 *
 * @category Lifetime value
 */
export interface PredictionIntervalOptions {
  /** `true` to get a {@link PredictionInterval} instead of a number. */
  interval: true;
  /** Coverage of the interval, strictly between 0 and 1; default 0.95. */
  confidence?: number | undefined;
  /**
   * `"delta"` (default): estimate +- z sqrt(g' Sigma g), g the gradient of the prediction in the
   * parameters (central differences) and Sigma their covariance. `"bootstrap"`: the prediction at
   * `draws` parameter vectors drawn from the estimates' normal approximation (on log-parameters,
   * so every draw is positive), and the interval between its (1 - confidence)/2 and
   * (1 + confidence)/2 quantiles.
   */
  method?: "delta" | "bootstrap" | undefined;
  /** Bootstrap draws: 10 to 100,000; default 200. */
  draws?: number | undefined;
  /** Seed of the bootstrap's draws (any 32-bit integer); default 1. Equal seeds give equal intervals. */
  seed?: number | undefined;
}

/**
 * A prediction with its interval, which covers the uncertainty of the model's parameters only
 * (not the Poisson noise of one customer's purchases).
 *
 * @category Lifetime value
 */
export interface PredictionInterval {
  /** The prediction at the fitted parameters (what the method returns without `interval`). */
  estimate: number;
  /** Lower end. */
  lower: number;
  /** Upper end. */
  upper: number;
  /** The coverage asked for. */
  confidence: number;
  /** How it was computed. */
  method: "delta" | "bootstrap";
}

/** A prediction's interval options, checked. @internal */
export interface IntervalSettings {
  readonly confidence: number;
  readonly method: "delta" | "bootstrap";
  readonly draws: number;
  readonly seed: number;
}

/**
 * Reads the interval options of a prediction: `null` when none is asked for (no options, or
 * `interval` not true), else the checked settings. @internal
 */
export function readIntervalOptions(options: unknown, field = "options"): IntervalSettings | null {
  if (options === undefined) return null;
  const o = requireOptions(options as PredictionIntervalOptions, field, '{ interval: true, confidence: 0.9, method: "bootstrap" }');
  const interval: unknown = o.interval;
  if (interval === undefined || interval === false) return null;
  if (interval !== true) throw new InvalidInputError({ field: "interval", value: interval, expected: "true (or false, or none, for a plain number)" });
  return {
    confidence: requireOpenFraction(o.confidence ?? 0.95, "confidence"),
    method: requireOneOf(o.method ?? "delta", "method", ["delta", "bootstrap"] as const),
    draws: requireIntegerIn(o.draws ?? 200, "draws", 10, 100_000),
    seed: requireIntegerIn(o.seed ?? 1, "seed", -(2 ** 31), 2 ** 32 - 1),
  };
}

/**
 * What a fitted model lends to intervals: its parameters (in the order of `kinds`), their
 * covariance, and a way to build the same model at other parameters. @internal
 */
export interface ParameterSampler<M> {
  readonly theta: Float64Array;
  readonly kinds: readonly ("shape" | "scale")[];
  readonly covariance: Float64Array | null;
  at(params: Float64Array): M;
}

/** The symbol under which a fitted model keeps its {@link ParameterSampler}. @internal */
export const PARAMETER_SAMPLER: unique symbol = Symbol("retention-metrics.parameterSampler");

/** A sampler for a model of parameters `params`, covariance `matrix` and builder `build`. @internal */
export function parameterSampler<P extends { [K in keyof P]: number }, M>(
  params: P,
  kinds: ParamKinds<P>,
  matrix: Float64Array | null | undefined,
  build: (params: P) => M,
): ParameterSampler<M> {
  const names = Object.keys(kinds) as (keyof P & string)[];
  return {
    theta: Float64Array.from(names, (name) => params[name]),
    kinds: names.map((name) => kinds[name]),
    covariance: matrix ?? null,
    at: (q) => build(Object.fromEntries(names.map((name, i) => [name, q[i]!])) as P),
  };
}

/** Attaches a sampler to a model object (non-enumerable, so JSON and spreading leave it out). @internal */
export function withSampler<T extends object>(model: T, sampler: ParameterSampler<unknown>): T {
  return Object.defineProperty(model, PARAMETER_SAMPLER, { value: sampler, enumerable: false });
}

/** The sampler of a model, or an {@link InvalidInputError} naming `field` when it has no covariance. @internal */
export function samplerOf(model: object, field: string): ParameterSampler<unknown> {
  const sampler = (model as { [PARAMETER_SAMPLER]?: ParameterSampler<unknown> })[PARAMETER_SAMPLER];
  if (sampler === undefined || sampler.covariance === null) {
    throw new InvalidInputError({
      field,
      value: "a model without a covariance",
      expected: "a fitted model whose covariance is known (a model built from parameters has none, nor does a fit whose information matrix is singular): intervals need the parameters' uncertainty",
    });
  }
  return sampler;
}

/** Parameters brought into their accepted ranges (a draw far in a tail may leave them). */
function clampToRanges(q: Float64Array, kinds: readonly ("shape" | "scale")[]): Float64Array {
  for (let i = 0; i < q.length; i++) q[i] = Math.min(PARAM_RANGE[kinds[i]!].max, Math.max(PARAM_RANGE[kinds[i]!].min, q[i]!));
  return q;
}

/**
 * Intervals for a vector of predictions `predict(models)` over one or more independently fitted
 * models (their covariances are taken as blocks of one block-diagonal covariance), each bounded
 * to [`low`, `high`]. @internal
 */
export function predictionIntervals(
  samplers: readonly ParameterSampler<unknown>[],
  predict: (models: readonly unknown[]) => Float64Array,
  settings: IntervalSettings,
  low = 0,
  high = Infinity,
): PredictionInterval[] {
  const fitted = samplers.map((s) => s.at(s.theta));
  const estimate = predict(fitted);
  const k = estimate.length;
  const lower = new Float64Array(k);
  const upper = new Float64Array(k);
  if (settings.method === "delta") {
    const z = normalQuantile((1 + settings.confidence) / 2);
    const variance = new Float64Array(k);
    samplers.forEach((sampler, s) => {
      const n = sampler.theta.length;
      const sigma = sampler.covariance!;
      // Gradient in each parameter by central differences of relative step 1e-5 (about the cube root of
      // the rounding of a prediction, so truncation and rounding errors balance).
      const gradient: Float64Array[] = [];
      for (let i = 0; i < n; i++) {
        const h = 1e-5 * sampler.theta[i]!;
        const shifted = (sign: number) => {
          const q = Float64Array.from(sampler.theta);
          q[i]! += sign * h;
          return predict(samplers.map((other, j) => (j === s ? other.at(q) : fitted[j])));
        };
        const plus = shifted(1);
        const minus = shifted(-1);
        gradient.push(Float64Array.from(plus, (v, c) => (v - minus[c]!) / (2 * h)));
      }
      for (let c = 0; c < k; c++) {
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) variance[c]! += gradient[i]![c]! * sigma[i * n + j]! * gradient[j]![c]!;
      }
    });
    for (let c = 0; c < k; c++) {
      const half = z * Math.sqrt(Math.max(0, variance[c]!));
      lower[c] = Math.max(low, estimate[c]! - half);
      upper[c] = Math.min(high, estimate[c]! + half);
    }
  } else {
    const random = seededRandom(settings.seed);
    // Draws of y = ln(theta) ~ N(ln(theta_hat), D^-1 Sigma D^-1), the normal approximation of the log-parameters.
    const factors = samplers.map((sampler) => {
      const n = sampler.theta.length;
      const logCovariance = Float64Array.from(sampler.covariance!, (v, idx) => v / (sampler.theta[Math.floor(idx / n)]! * sampler.theta[idx % n]!));
      const l = choleskyFactor(logCovariance, n);
      if (l === null) throw new InvalidInputError({ field: "method", value: "bootstrap", expected: "a model whose covariance is positive definite (use method \"delta\")" });
      return l;
    });
    const values = Array.from({ length: k }, () => new Float64Array(settings.draws));
    for (let d = 0; d < settings.draws; d++) {
      const models = samplers.map((sampler, s) => {
        const n = sampler.theta.length;
        const e = Float64Array.from({ length: n }, () => random.normal());
        const q = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let y = Math.log(sampler.theta[i]!);
          for (let j = 0; j <= i; j++) y += factors[s]![i * n + j]! * e[j]!;
          q[i] = Math.exp(y);
        }
        return sampler.at(clampToRanges(q, sampler.kinds));
      });
      const v = predict(models);
      for (let c = 0; c < k; c++) values[c]![d] = v[c]!;
    }
    const a = (1 - settings.confidence) / 2;
    for (let c = 0; c < k; c++) {
      const sorted = values[c]!.sort();
      lower[c] = Math.max(low, quantileSorted(sorted, a)!);
      upper[c] = Math.min(high, quantileSorted(sorted, 1 - a)!);
    }
  }
  return Array.from({ length: k }, (_, c) => Object.freeze({ estimate: estimate[c]!, lower: lower[c]!, upper: upper[c]!, confidence: settings.confidence, method: settings.method }));
}

/**
 * A model method's result: `value` when no interval is asked for, else the interval of
 * `predict` over the model's parameter uncertainty, bounded to [`low`, `high`]. @internal
 */
export function valueOrInterval<M>(
  options: unknown,
  model: object,
  value: number,
  predict: (model: M) => number,
  low = 0,
  high = Infinity,
): number | PredictionInterval {
  const settings = readIntervalOptions(options);
  if (settings === null) return value;
  const sampler = samplerOf(model, "model");
  return predictionIntervals([sampler], (models) => Float64Array.of(predict(models[0] as M)), settings, low, high)[0]!;
}
