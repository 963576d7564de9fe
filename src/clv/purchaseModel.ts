/**
 * What the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) have in common, and the checks
 * of their methods' arguments.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { BgBbModel } from "./bgBb.ts";
import { BG_BB_PARAMS } from "./bgBbLikelihood.ts";
import { BG_NBD_PARAMS } from "./bgNbdLikelihood.ts";
import { checkHistory, type GroupedRows, type PurchaseHistory } from "./histories.ts";
import { checkParams, type FitState, type ParamKinds } from "./fit.ts";
import { PARETO_NBD_PARAMS } from "./paretoNbdLikelihood.ts";
import type { PredictionInterval, PredictionIntervalOptions } from "./predictionInterval.ts";

/**
 * A fitted model of when customers buy and when they drop out: BG/NBD, MBG/NBD or Pareto/NBD.
 *
 * @category Lifetime value
 */
export interface PurchaseModel<Name extends string = string> extends FitState<Name> {
  /** The model's name, `"BG/NBD"`, `"MBG/NBD"` or `"Pareto/NBD"`. */
  readonly model: "BG/NBD" | "MBG/NBD" | "Pareto/NBD";
  /**
   * Expected repeat purchases of a new customer in their first t time units, E[X(t)]. With
   * `{ interval: true }` (and `confidence`, `method`, `draws`, `seed`), a {@link PredictionInterval}
   * over the parameters' uncertainty (not the customer's own Poisson noise).
   */
  expectedPurchases(t: number): number;
  /** E[X(t)] with its interval over the parameters' uncertainty (`{ interval: true, confidence, method, draws, seed }`). */
  expectedPurchases(t: number, options: PredictionIntervalOptions): PredictionInterval;
  /** Expected purchases in the next t time units of a customer with this history, E[Y(t) | x, t_x, T]. */
  conditionalExpectedPurchases(t: number, customer: PurchaseHistory): number;
  /** E[Y(t) | x, t_x, T] with its interval over the parameters' uncertainty, as for `expectedPurchases`. */
  conditionalExpectedPurchases(t: number, customer: PurchaseHistory, options: PredictionIntervalOptions): PredictionInterval;
  /** Probability that a customer with this history is still active at T. */
  probabilityAlive(customer: PurchaseHistory): number;
  /** P(alive) with its interval (within [0, 1]) over the parameters' uncertainty, as for `expectedPurchases`. */
  probabilityAlive(customer: PurchaseHistory, options: PredictionIntervalOptions): PredictionInterval;
  /** P(X(t) = n): the probability that a new customer makes exactly n repeat purchases in their first t time units. */
  probabilityOfPurchases(n: number, t: number): number;
  /**
   * P(Y(t) = n | x, t_x, T): the probability that a customer with this history makes exactly n purchases in
   * the next t time units, (T, T + t]. With n = 0, the probability of no purchase in the next t.
   */
  conditionalProbabilityOfPurchases(n: number, t: number, customer: PurchaseHistory): number;
  /** The model as plain data (name, parameters, fit state), from which the model's rebuild function makes it again. */
  toJSON(): PurchaseModelJson<PurchaseModel["model"], object>;
}

/**
 * A model as plain data, what `toJSON()` returns and `JSON.stringify` writes: the model's name, its
 * parameters and its fit state. The rebuild functions (`bgNbdModel`, ...) take it back. The
 * parameters' uncertainty is not in it: a rebuilt model's `standardErrors` and `covariance` are `null`.
 *
 * @category Lifetime value
 */
export interface PurchaseModelJson<M extends string, P> extends Pick<FitState, "logLikelihood" | "iterations" | "converged"> {
  /** The model's name. */
  model: M;
  /** Its parameters. */
  params: P;
}

/**
 * Marks a purchase model whose conditional expectation factors as E[Y(t) | x, t_x, T] =
 * P(alive | x, t_x, T) g(t, x, T), with g free of t_x (BG/NBD, MBG/NBD, Pareto/NBD): customers with the
 * same x and T then differ only by their P(alive), which lets `predictLifetimeValue` compute one
 * history per (x, T). Non-enumerable, so JSON and spreading leave it out. @internal
 */
export const ALIVE_FACTORED: unique symbol = Symbol("retention-metrics.aliveFactored");

/** Marks a model as {@link ALIVE_FACTORED}. @internal */
export function markAliveFactored<T extends object>(model: T): T {
  return Object.defineProperty(model, ALIVE_FACTORED, { value: true, enumerable: false });
}

/**
 * A model's conditional expected purchases of one customer at many horizons at once, for callers
 * that sum over periods (`predictLifetimeValue`, whose bootstrap repeats that for every draw): the
 * same numbers as `conditionalExpectedPurchases(t, customer)` for each t, without its per-call
 * checks and with what does not depend on t computed once. Horizons and history are the caller's
 * to check. Non-enumerable, so JSON and spreading leave it out. @internal
 */
export const CONDITIONAL_SERIES: unique symbol = Symbol("retention-metrics.conditionalSeries");

/** What {@link CONDITIONAL_SERIES} holds. @internal */
export type ConditionalSeries = (times: Float64Array, customer: PurchaseHistory) => Float64Array;

/** Gives a model its {@link CONDITIONAL_SERIES}. @internal */
export function withConditionalSeries<T extends object>(model: T, series: ConditionalSeries): T {
  return Object.defineProperty(model, CONDITIONAL_SERIES, { value: series, enumerable: false });
}

/** A model's {@link CONDITIONAL_SERIES}, or one call of `conditionalExpectedPurchases` per horizon. @internal */
export function conditionalSeriesOf(model: PurchaseModel): ConditionalSeries {
  const own = (model as { [CONDITIONAL_SERIES]?: ConditionalSeries })[CONDITIONAL_SERIES];
  return own ?? ((times, c) => times.map((t) => model.conditionalExpectedPurchases(t, c)));
}

/** Checks a horizon t: a finite number of at least 0. @internal */
export function checkHorizon(t: unknown): number {
  if (!(typeof t === "number" && Number.isFinite(t) && t >= 0)) {
    throw new InvalidInputError({ field: "t", value: t, expected: "a finite number of at least 0 (time units of the summary)" });
  }
  return t;
}

/** Checks a customer's history argument. @internal */
export function checkCustomer(c: PurchaseHistory): PurchaseHistory {
  if (c === null || typeof c !== "object") {
    throw new InvalidInputError({ field: "customer", value: c, expected: "an object { frequency, recency, T }" });
  }
  checkHistory(c.frequency, c.recency, c.T);
  return c;
}

/** The methods every purchase model has. */
const METHODS = ["expectedPurchases", "conditionalExpectedPurchases", "probabilityAlive", "probabilityOfPurchases", "conditionalProbabilityOfPurchases"] as const;

/** The parameter kinds of each purchase model, by name. */
const KINDS: Readonly<Record<PurchaseModel["model"], ParamKinds<object>>> = Object.freeze({
  "BG/NBD": BG_NBD_PARAMS,
  "MBG/NBD": BG_NBD_PARAMS,
  "Pareto/NBD": PARETO_NBD_PARAMS,
});

/**
 * Checks that a value is a fitted purchase model, before any work: its `model` name, its
 * methods, and its `params` (each finite and in its accepted range, as edited copies may not be),
 * naming the field that is wrong (`model.probabilityAlive`, `model.params.r`). @internal
 */
export function checkPurchaseModel(model: PurchaseModel, field = "model"): PurchaseModel {
  if (model === null || typeof model !== "object" || !Object.hasOwn(KINDS, model.model)) {
    throw new InvalidInputError({ field, value: model, expected: "a fitted BG/NBD, MBG/NBD or Pareto/NBD model (fitBgNbd, fitModifiedBgNbd, fitParetoNbd, or their rebuild functions)" });
  }
  for (const method of METHODS) {
    if (typeof model[method] !== "function") {
      throw new InvalidInputError({
        field: `${field}.${method}`,
        value: model[method],
        expected: `the method of a ${model.model} model; pass the object the fit returned, or rebuild it from its JSON (bgNbdModel, modifiedBgNbdModel, paretoNbdModel): a copy made by JSON or structuredClone loses its methods`,
      });
    }
  }
  const params = (model as { params?: unknown }).params;
  checkParams(params as object, KINDS[model.model], `${field}.params`);
  return model;
}

/**
 * Checks that a value is a BG/BB model (its methods and its parameters), naming the field that is
 * wrong, as {@link checkPurchaseModel} does for the others. @internal
 */
export function checkBgBbModel(model: BgBbModel, field = "model"): BgBbModel {
  for (const method of METHODS) {
    if (typeof model[method] !== "function") {
      throw new InvalidInputError({
        field: `${field}.${method}`,
        value: model[method],
        expected: "the method of a BG/BB model; pass the object fitBgBb returned, or rebuild it with bgBbModel(json): a copy made by JSON or structuredClone loses its methods",
      });
    }
  }
  checkParams((model as { params?: unknown }).params as object, BG_BB_PARAMS, `${field}.params`);
  return model;
}

/**
 * A prediction checked to be a finite number; otherwise an {@link InvalidInputError} naming the
 * argument that took it out of the number range (a horizon or T near the largest double). @internal
 */
export function finitePrediction(value: number, field: string, given: unknown): number {
  if (!Number.isFinite(value)) {
    throw new InvalidInputError({ field, value: given, expected: "a value for which the prediction is within the range of a double (this one overflows or is undefined)" });
  }
  return value;
}

/** Refuses data a purchase model cannot be fitted to. @internal */
export function requireRepeatBuyers(h: GroupedRows, model: string): void {
  if (h.total === 0) {
    throw new InvalidInputError({ field: "summary", value: "an empty summary", expected: `customers to fit the ${model} model to` });
  }
  let repeat = 0;
  for (let i = 0; i < h.count; i++) if (h.a[i]! > 0) repeat += h.weight[i]!;
  if (repeat === 0) {
    throw new InvalidInputError({
      field: "summary",
      value: `${h.total} customers, none with a repeat purchase`,
      expected: `at least one customer with frequency > 0: with no repeat purchases the ${model} purchase rate has no maximum-likelihood estimate (it runs off to 0)`,
    });
  }
}

/**
 * Start values of the purchase rate from the data: r = 1 and alpha = median(T) / typical x, where
 * typical x is the median frequency of the repeat buyers times their share of the customers, so
 * that r / alpha matches a typical repeat rate. Medians, not sum(T) / sum(x): one absurd T or
 * frequency (1e308, 8.64e15) would move a mean as far, and with it the start, from where the
 * search can end (it then ran for seconds into a ConvergenceError). @internal
 */
export function rateStart(h: GroupedRows): { r: number; alpha: number } {
  let repeat = 0;
  for (let i = 0; i < h.count; i++) if (h.a[i]! > 0) repeat += h.weight[i]!;
  const typicalX = repeat === 0 ? 0 : (weightedMedian(h, h.a, (i) => h.a[i]! > 0) * repeat) / h.total;
  const typicalT = medianT(h);
  const alpha = typicalT > 0 && typicalX > 0 ? typicalT / typicalX : 1;
  return { r: 1, alpha };
}

/** The median T of the histories (each weighted by its count): a typical observation length to start a fit from (see {@link rateStart}). @internal */
export function medianT(h: GroupedRows): number {
  return weightedMedian(h, h.c, () => true);
}

/** The (lower) median of a column of the distinct histories that `keep` accepts, each weighted by its count; 0 when none is. */
function weightedMedian(h: GroupedRows, column: Float64Array, keep: (i: number) => boolean): number {
  const order = Array.from({ length: h.count }, (_, i) => i).filter(keep).sort((i, j) => column[i]! - column[j]!);
  let total = 0;
  for (const i of order) total += h.weight[i]!;
  let seen = 0;
  for (const i of order) {
    seen += h.weight[i]!;
    if (2 * seen >= total) return column[i]!;
  }
  return 0;
}
