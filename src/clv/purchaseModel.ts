/**
 * What the purchase models (BG/NBD, Pareto/NBD) have in common, and the checks
 * of their methods' arguments.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { BG_NBD_PARAMS } from "./bgNbdLikelihood.ts";
import { checkHistory, type GroupedRows, type PurchaseHistory } from "./histories.ts";
import { checkParams, type FitState } from "./fit.ts";
import { PARETO_NBD_PARAMS } from "./paretoNbdLikelihood.ts";
import type { PredictionInterval, PredictionIntervalOptions } from "./predictionInterval.ts";

/**
 * A fitted model of when customers buy and when they drop out: BG/NBD or Pareto/NBD.
 *
 * @category Lifetime value
 */
export interface PurchaseModel<Name extends string = string> extends FitState<Name> {
  /** The model's name, `"BG/NBD"` or `"Pareto/NBD"`. */
  readonly model: "BG/NBD" | "Pareto/NBD";
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
}

/**
 * Marks a purchase model whose conditional expectation factors as E[Y(t) | x, t_x, T] =
 * P(alive | x, t_x, T) g(t, x, T), with g free of t_x (BG/NBD, Pareto/NBD): customers with the
 * same x and T then differ only by their P(alive), which lets `predictLifetimeValue` compute one
 * history per (x, T). Non-enumerable, so JSON and spreading leave it out. @internal
 */
export const ALIVE_FACTORED: unique symbol = Symbol("retention-metrics.aliveFactored");

/** Marks a model as {@link ALIVE_FACTORED}. @internal */
export function markAliveFactored<T extends object>(model: T): T {
  return Object.defineProperty(model, ALIVE_FACTORED, { value: true, enumerable: false });
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
const METHODS = ["expectedPurchases", "conditionalExpectedPurchases", "probabilityAlive"] as const;

/**
 * Checks that a value is a fitted purchase model, before any work: its `model` name, its three
 * methods, and its `params` (each finite and in its accepted range, as edited copies may not be),
 * naming the field that is wrong (`model.probabilityAlive`, `model.params.r`). @internal
 */
export function checkPurchaseModel(model: PurchaseModel, field = "model"): PurchaseModel {
  if (model === null || typeof model !== "object" || (model.model !== "BG/NBD" && model.model !== "Pareto/NBD")) {
    throw new InvalidInputError({ field, value: model, expected: "a fitted BG/NBD or Pareto/NBD model (fitBgNbd, fitParetoNbd)" });
  }
  for (const method of METHODS) {
    if (typeof model[method] !== "function") {
      throw new InvalidInputError({
        field: `${field}.${method}`,
        value: model[method],
        expected: `the method of a ${model.model} model; pass the object fitBgNbd or fitParetoNbd returned (a copy made by JSON or structuredClone loses its methods)`,
      });
    }
  }
  const params = (model as { params?: unknown }).params;
  checkParams(params as object, model.model === "BG/NBD" ? BG_NBD_PARAMS : PARETO_NBD_PARAMS, `${field}.params`);
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

/** Start values of the purchase rate from the data: r = 1 and alpha = sum(T) / sum(x), matching the mean repeat rate. @internal */
export function rateStart(h: GroupedRows): { r: number; alpha: number } {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < h.count; i++) {
    sx += h.weight[i]! * h.a[i]!;
    sT += h.weight[i]! * h.c[i]!;
  }
  const alpha = sT > 0 && sx > 0 ? sT / sx : 1;
  return { r: 1, alpha };
}
