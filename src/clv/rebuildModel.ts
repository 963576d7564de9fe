/**
 * Rebuilding a model without fitting it: from its parameters (published estimates, a fit done
 * elsewhere) or from the JSON its `toJSON()` wrote (a model saved and loaded again). The
 * parameters are checked exactly as a fit's starting point is, before any work.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { makeBgBbModel, type BgBbModel } from "./bgBb.ts";
import { BG_BB_PARAMS, type BgBbParams } from "./bgBbLikelihood.ts";
import { makeBgNbdModel, type BgNbdModel } from "./bgNbd.ts";
import { BG_NBD_PARAMS, type BgNbdParams } from "./bgNbdLikelihood.ts";
import { checkParams, type FitOutcome, type ParamKinds } from "./fit.ts";
import { makeGammaGammaModel, type GammaGammaModel, type GammaGammaModelJson } from "./gammaGamma.ts";
import { GAMMA_GAMMA_PARAMS, type GammaGammaParams } from "./gammaGammaLikelihood.ts";
import { makeModifiedBgNbdModel, type ModifiedBgNbdModel, type ModifiedBgNbdParams } from "./modifiedBgNbd.ts";
import { makeParetoNbdModel, type ParetoNbdModel } from "./paretoNbd.ts";
import { PARETO_NBD_PARAMS, type ParetoNbdParams } from "./paretoNbdLikelihood.ts";
import type { PurchaseModelJson } from "./purchaseModel.ts";
import { makeShiftedBetaGeometricModel, SBG_PARAMS, type ShiftedBetaGeometricModel, type ShiftedBetaGeometricParams } from "./shiftedBetaGeometric.ts";

/**
 * The fit state of a model rebuilt from its parameters alone: no fit was run. No covariance either
 * (a JSON does not carry one), so a rebuilt model's `standardErrors` and `covariance` are `null` and
 * it gives no prediction intervals.
 */
const NOT_FITTED: FitOutcome = Object.freeze({ logLikelihood: 0, iterations: 0, converged: true });

/**
 * Reads a rebuild function's argument: the parameters, or a model's JSON (`{ model, params,
 * logLikelihood, iterations, converged }`), whose name must be this model's and whose state must be
 * a finite log-likelihood, a non-negative integer of iterations and a boolean. Returns the checked
 * parameters (in the order of `kinds`, by name) and the state.
 */
function readModelInput<P extends object>(input: unknown, name: string, kinds: ParamKinds<P>): { params: P; state: FitOutcome; json: Record<string, unknown> | null } {
  const names = Object.keys(kinds);
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new InvalidInputError({ field: "params", value: input, expected: `the ${name} parameters { ${names.join(", ")} }, or a ${name} model's JSON (its toJSON())` });
  }
  const record = input as Record<string, unknown>;
  const isJson = "params" in record;
  if (!isJson) {
    const extra = Object.keys(record).filter((k) => !names.includes(k));
    if (extra.length > 0) throw new InvalidInputError({ field: `params.${extra[0]}`, value: record[extra[0]!], expected: `one of the ${name} parameters ${names.join(", ")}` });
    const theta = checkParams(record as P, kinds, "params");
    return { params: Object.fromEntries(names.map((k, i) => [k, theta[i]!])) as P, state: NOT_FITTED, json: null };
  }
  if (record.model !== name) {
    throw new InvalidInputError({ field: "params.model", value: record.model, expected: `${JSON.stringify(name)}: the JSON of a ${name} model` });
  }
  const theta = checkParams(record.params as P, kinds, "params.params");
  const { logLikelihood, iterations, converged } = record;
  if (!(typeof logLikelihood === "number" && Number.isFinite(logLikelihood))) {
    throw new InvalidInputError({ field: "params.logLikelihood", value: logLikelihood, expected: "a finite number (a log-likelihood)" });
  }
  if (!(typeof iterations === "number" && Number.isSafeInteger(iterations) && iterations >= 0)) {
    throw new InvalidInputError({ field: "params.iterations", value: iterations, expected: "a non-negative integer" });
  }
  if (typeof converged !== "boolean") {
    throw new InvalidInputError({ field: "params.converged", value: converged, expected: "true or false" });
  }
  return { params: Object.fromEntries(names.map((k, i) => [k, theta[i]!])) as P, state: { logLikelihood, iterations, converged }, json: record };
}

/**
 * Rebuilds a BG/NBD model from its parameters or its JSON, without fitting: the same predictions
 * as the model fitted to those parameters.
 *
 * @param params - `{ r, alpha, a, b }` (r, a, b from 1e-8 to 1e8, alpha from 1e-8 to 1e15), or what a
 *   BG/NBD model's `toJSON()` returned (also after `JSON.parse(JSON.stringify(model))`)
 * @returns the model, with `iterations` 0 and `logLikelihood` 0 when rebuilt from bare parameters
 * @throws {@link InvalidInputError} for a parameter that is not a finite number in its range (named
 *   `params.r`, or `params.params.r` in a JSON), an unknown key, or a JSON of another model or with a bad state
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science 24(2), 275-284.
 * @example
 * ```ts
 * import { bgNbdModel } from "retention-metrics/clv";
 * // the published CDNOW estimates
 * const model = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * console.log(model.conditionalExpectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 }).toFixed(3)); // "1.226"
 * const again = bgNbdModel(JSON.parse(JSON.stringify(model)));
 * console.log(again.probabilityOfPurchases(0, 39) === model.probabilityOfPurchases(0, 39)); // true
 * ```
 * @category Lifetime value
 */
export function bgNbdModel(params: BgNbdParams | PurchaseModelJson<"BG/NBD", BgNbdParams>): BgNbdModel {
  const m = readModelInput(params, "BG/NBD", BG_NBD_PARAMS);
  return makeBgNbdModel(m.params, m.state);
}

/**
 * Rebuilds an MBG/NBD model from its parameters or its JSON, without fitting.
 *
 * @param params - `{ r, alpha, a, b }` (ranges as `bgNbdModel`'s), or an MBG/NBD model's `toJSON()`
 * @returns the model, with `iterations` 0 and `logLikelihood` 0 when rebuilt from bare parameters
 * @throws {@link InvalidInputError} as `bgNbdModel`
 * @see E. P. Batislam, M. Denizel and A. Filiztekin (2007), International Journal of Research in Marketing 24(3), 201-209.
 * @example
 * ```ts
 * import { modifiedBgNbdModel } from "retention-metrics/clv";
 * // BTYDplus' CDNOW estimates
 * const model = modifiedBgNbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 });
 * console.log(model.probabilityAlive({ frequency: 0, recency: 0, T: 39 }).toFixed(2)); // "0.39"
 * ```
 * @category Lifetime value
 */
export function modifiedBgNbdModel(params: ModifiedBgNbdParams | PurchaseModelJson<"MBG/NBD", ModifiedBgNbdParams>): ModifiedBgNbdModel {
  const m = readModelInput(params, "MBG/NBD", BG_NBD_PARAMS);
  return makeModifiedBgNbdModel(m.params, m.state);
}

/**
 * Rebuilds a Pareto/NBD model from its parameters or its JSON, without fitting.
 *
 * @param params - `{ r, alpha, s, beta }` (r, s from 1e-8 to 1e8, alpha, beta from 1e-8 to 1e15), or a Pareto/NBD model's `toJSON()`
 * @returns the model, with `iterations` 0 and `logLikelihood` 0 when rebuilt from bare parameters
 * @throws {@link InvalidInputError} as `bgNbdModel`
 * @see D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers", Management Science 33(1), 1-24.
 * @example
 * ```ts
 * import { paretoNbdModel } from "retention-metrics/clv";
 * const model = paretoNbdModel({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 });
 * console.log(model.probabilityAlive({ frequency: 26, recency: 30.86, T: 31 }).toFixed(4)); // "0.9979"
 * ```
 * @category Lifetime value
 */
export function paretoNbdModel(params: ParetoNbdParams | PurchaseModelJson<"Pareto/NBD", ParetoNbdParams>): ParetoNbdModel {
  const m = readModelInput(params, "Pareto/NBD", PARETO_NBD_PARAMS);
  return makeParetoNbdModel(m.params, m.state);
}

/**
 * Rebuilds a BG/BB model from its parameters or its JSON, without fitting.
 *
 * @param params - `{ alpha, beta, gamma, delta }` (each from 1e-8 to 1e8), or a BG/BB model's `toJSON()`
 * @returns the model, with `iterations` 0 and `logLikelihood` 0 when rebuilt from bare parameters
 * @throws {@link InvalidInputError} as `bgNbdModel`
 * @see P. S. Fader, B. G. S. Hardie and J. Shang (2010), Marketing Science 29(6), 1086-1108.
 * @example
 * ```ts
 * import { bgBbModel } from "retention-metrics/clv";
 * // the paper's donation-data estimates: P(alive in 2002) of a donor who gave in all six years
 * const model = bgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });
 * console.log(model.probabilityAlive({ frequency: 6, recency: 6, periods: 6 }).toFixed(2)); // "0.93"
 * ```
 * @category Lifetime value
 */
export function bgBbModel(params: BgBbParams | PurchaseModelJson<"BG/BB", BgBbParams>): BgBbModel {
  const m = readModelInput(params, "BG/BB", BG_BB_PARAMS);
  return makeBgBbModel(m.params, m.state);
}

/**
 * Rebuilds a Gamma-Gamma spend model from its parameters or its JSON, without fitting.
 *
 * @param params - `{ p, q, gamma }` (p, q from 1e-8 to 1e8, gamma from 1e-8 to 1e15), or a Gamma-Gamma model's `toJSON()`
 * @returns the model (`customers` 0 when rebuilt from bare parameters)
 * @throws {@link InvalidInputError} as `bgNbdModel`, and for a JSON whose `customers` is not a non-negative integer
 * @see P. S. Fader and B. G. S. Hardie (2013), "The Gamma-Gamma Model of Monetary Value", brucehardie.com/notes/025.
 * @example
 * ```ts
 * import { gammaGammaModel } from "retention-metrics/clv";
 * const spend = gammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 });
 * console.log(spend.expectedAverageValue({ frequency: 2, monetaryValue: 22.35 }).toFixed(2)); // "24.66"
 * ```
 * @category Lifetime value
 */
export function gammaGammaModel(params: GammaGammaParams | GammaGammaModelJson): GammaGammaModel {
  const m = readModelInput(params, "Gamma-Gamma", GAMMA_GAMMA_PARAMS);
  const customers = m.json === null ? 0 : m.json.customers;
  if (!(typeof customers === "number" && Number.isSafeInteger(customers) && customers >= 0)) {
    throw new InvalidInputError({ field: "params.customers", value: customers, expected: "a non-negative integer (repeat buyers the model was fitted to)" });
  }
  return makeGammaGammaModel(m.params, m.state, customers);
}

/**
 * Rebuilds a shifted beta-geometric model from its parameters or its JSON, without fitting.
 *
 * @param params - `{ alpha, beta }` (each from 1e-8 to 1e8), or an sBG model's `toJSON()`
 * @returns the model, with `iterations` 0 and `logLikelihood` 0 when rebuilt from bare parameters
 * @throws {@link InvalidInputError} as `bgNbdModel`
 * @see P. S. Fader and B. G. S. Hardie (2007), "How to Project Customer Retention", Journal of Interactive Marketing 21(1), 76-90.
 * @example
 * ```ts
 * import { shiftedBetaGeometricModel } from "retention-metrics/clv";
 * // the paper's high-end segment: the share of a cohort left after 10 years
 * const model = shiftedBetaGeometricModel({ alpha: 0.668, beta: 3.806 });
 * console.log(model.survival(10).toFixed(3)); // "0.414"
 * ```
 * @category Lifetime value
 */
export function shiftedBetaGeometricModel(params: ShiftedBetaGeometricParams | PurchaseModelJson<"sBG", ShiftedBetaGeometricParams>): ShiftedBetaGeometricModel {
  const m = readModelInput(params, "sBG", SBG_PARAMS);
  return makeShiftedBetaGeometricModel(m.params, m.state);
}
