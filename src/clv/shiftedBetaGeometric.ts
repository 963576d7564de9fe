/**
 * `fitShiftedBetaGeometric`: the shifted beta-geometric (sBG) model of contractual retention,
 * fitted to the survivors of one or more cohorts, and the fitted model's survival, retention,
 * churn, lifetime and discounted residual lifetime.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { displayable } from "../displayProtocol.ts";
import { adaptiveIntegral } from "../stats/quadrature.ts";
import { checkParams, fitByMaximumLikelihood, readFitOptions, type FitOptions, type FitOutcome, type FitState, type ParamKinds } from "./fit.ts";
import { parameterSampler, valueOrInterval, withSampler, type PredictionInterval, type PredictionIntervalOptions } from "./predictionInterval.ts";
import { uncertaintyFields } from "./uncertainty.ts";
import type { PurchaseModelJson } from "./purchaseModel.ts";
import { betaln } from "./special.ts";

/**
 * Parameters of the shifted beta-geometric model: the churn probability per period is
 * theta ~ Beta(alpha, beta) across customers.
 *
 * @category Lifetime value
 */
export interface ShiftedBetaGeometricParams {
  /** First shape of the beta distribution of the churn probability. */
  alpha: number;
  /** Second shape of the beta distribution of the churn probability. */
  beta: number;
}

/**
 * What {@link fitShiftedBetaGeometric} fits: survivors per period of one cohort (`[1000, 631, 468]`:
 * the cohort's size first), of several cohorts (arrays of different lengths: younger cohorts have
 * fewer periods), or a cohort matrix (`cohortMatrix` with the customers measure in `"unbounded"`
 * mode, or `cohortMatrix(subscriptions, { measure: "mrr" })`), read cohort by cohort from offset 0
 * up to the first censored (`null`) cell.
 *
 * @category Lifetime value
 */
export type SurvivorsInput =
  | ArrayLike<number>
  | ReadonlyArray<ArrayLike<number>>
  | {
    /** `"customers"` or `"mrr"`: what the cells count. */
    readonly measure: string;
    /** One row per cohort. */
    readonly cohorts: ReadonlyArray<{
      /** The cohort's label (not read). */
      readonly cohort?: string;
      /** Its survivors (or MRR) by offset from 0; `null` from the first censored cell on. */
      readonly values: ReadonlyArray<number | {
        /** The cell's amount as a number (a `Decimal`'s). */
        toNumber(): number;
      } | null>;
    }>;
  };

/**
 * A fitted shifted beta-geometric model. Periods are the contract periods of the data (t = 1 is the
 * first renewal decision): a customer renews at the end of each period with probability 1 - theta.
 *
 * @category Lifetime value
 */
export interface ShiftedBetaGeometricModel extends FitState<keyof ShiftedBetaGeometricParams> {
  /** `"sBG"`. */
  readonly model: "sBG";
  /** The fitted parameters. */
  readonly params: Readonly<ShiftedBetaGeometricParams>;
  /** S(t) = B(alpha, beta+t)/B(alpha, beta): the share of a cohort still a customer after t periods (S(0) = 1). */
  survival(t: number): number;
  /**
   * S(t) with its interval (within [0, 1]) over the parameters' uncertainty (`{ interval: true,
   * confidence, method, draws, seed }`, as the purchase models' predictions take).
   */
  survival(t: number, options: PredictionIntervalOptions): PredictionInterval;
  /** r(t) = S(t)/S(t-1) = (beta+t-1)/(alpha+beta+t-1): the share of period t-1's survivors who renew at t (t >= 1); it rises with t. */
  retentionRate(t: number): number;
  /** r(t) with its interval (within [0, 1]) over the parameters' uncertainty, as for `survival`. */
  retentionRate(t: number, options: PredictionIntervalOptions): PredictionInterval;
  /** P(T = t) = B(alpha+1, beta+t-1)/B(alpha, beta): the probability that a new customer's last period is t (t >= 1). */
  churnProbability(t: number): number;
  /** P(T = t) with its interval (within [0, 1]) over the parameters' uncertainty, as for `survival`. */
  churnProbability(t: number, options: PredictionIntervalOptions): PredictionInterval;
  /** E[T] = (alpha+beta-1)/(alpha-1): the expected number of periods a new customer stays; `null` when alpha <= 1 (the mean is infinite). */
  expectedLifetime(): number | null;
  /**
   * DERL(d | n renewals): the expected number of future payments, discounted at rate d per period, of a
   * customer who has made `renewals` renewals and is at their next renewal decision (the payment of that
   * renewal counted in full): the subscription CLV per unit of payment. `null` when d = 0 and alpha <= 1 (infinite).
   */
  discountedExpectedResidualLifetime(renewals: number, discountRate: number): number | null;
  /** The model as plain data; `shiftedBetaGeometricModel(json)` rebuilds it. */
  toJSON(): PurchaseModelJson<"sBG", ShiftedBetaGeometricParams>;
}

/**
 * Options of {@link fitShiftedBetaGeometric}.
 *
 * @category Lifetime value
 */
export type ShiftedBetaGeometricFitOptions = FitOptions<ShiftedBetaGeometricParams>;

/** The sBG parameters and their kinds, in the order the likelihood reads them. @internal */
export const SBG_PARAMS: ParamKinds<ShiftedBetaGeometricParams> = Object.freeze({ alpha: "shape", beta: "shape" });

/** Checks sBG parameters given by a caller: alpha and beta from 1e-8 to 1e8, named `${field}.alpha`. @internal */
export function checkShiftedBetaGeometricParams(params: ShiftedBetaGeometricParams, field = "params"): Float64Array {
  return checkParams(params, SBG_PARAMS, field);
}

/**
 * The data of the likelihood, summed over cohorts: `churned[t]` customers whose last period was t
 * (t >= 1), and `alive[t]` customers still there at t, the last period their cohort was observed. @internal
 */
export interface SurvivalCounts {
  readonly churned: Float64Array;
  readonly alive: Float64Array;
  /** Customers at the start, over all cohorts. */
  readonly total: number;
}

const isNumberArray = (v: unknown): v is ArrayLike<number> => typeof v === "object" && v !== null && "length" in v && (typeof (v as ArrayLike<unknown>)[0] === "number" || (v as ArrayLike<unknown>).length === 0);

/** Reads the cohorts' survivor sequences, checked (finite, non-negative, integers for counts, non-increasing). @internal */
export function readSurvivors(input: SurvivorsInput): SurvivalCounts {
  const sequences: Array<{ values: number[]; field: string }> = [];
  let counts = true;
  if (input !== null && typeof input === "object" && "cohorts" in input && Array.isArray((input as { cohorts: unknown }).cohorts)) {
    const measure = (input as { measure: unknown }).measure;
    if (measure !== "customers" && measure !== "mrr") {
      throw new InvalidInputError({ field: "input.measure", value: measure, expected: '"customers" or "mrr": the sBG model reads survivors (customers still subscribed) or the MRR they keep' });
    }
    counts = measure === "customers";
    input.cohorts.forEach((row, i) => {
      if (row === null || typeof row !== "object" || !Array.isArray(row.values)) {
        throw new InvalidInputError({ field: `input.cohorts[${i}]`, value: row, expected: "a cohort row with values" });
      }
      const values: number[] = [];
      for (const v of row.values) {
        if (v === null) break; // censored from here on
        values.push(typeof v === "number" ? v : typeof v === "object" && typeof v.toNumber === "function" ? v.toNumber() : Number.NaN);
      }
      sequences.push({ values, field: `input.cohorts[${i}].values` });
    });
  } else if (isNumberArray(input)) {
    sequences.push({ values: Array.from(input), field: "survivors" });
  } else if (Array.isArray(input)) {
    input.forEach((cohort, i) => {
      if (!isNumberArray(cohort)) {
        throw new InvalidInputError({ field: `survivors[${i}]`, value: cohort, expected: "an array of survivors per period (the cohort's size first)" });
      }
      sequences.push({ values: Array.from(cohort), field: `survivors[${i}]` });
    });
  } else {
    throw new InvalidInputError({
      field: "input",
      value: input,
      expected: "survivors per period ([1000, 631, 468, ...]), an array of such arrays (one per cohort), or a cohort matrix with the customers or mrr measure",
    });
  }
  let longest = 0;
  for (const s of sequences) longest = Math.max(longest, s.values.length);
  const churned = new Float64Array(longest);
  const alive = new Float64Array(longest);
  let total = 0;
  for (const { values, field } of sequences) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 0 && (!counts || Number.isSafeInteger(v)))) {
        throw new InvalidInputError({ field: `${field}[${k}]`, value: values[k], expected: counts ? "a non-negative integer (customers still subscribed)" : "a finite amount of at least 0" });
      }
      if (k > 0 && v > values[k - 1]!) {
        throw new InvalidInputError({
          field: `${field}[${k}]`,
          value: v,
          expected: `at most the period before (${values[k - 1]}): survivors cannot increase (for a cohort matrix of events use mode "unbounded"; MRR that expands is not survival)`,
        });
      }
      if (k > 0) churned[k]! += values[k - 1]! - v;
    }
    if (values.length > 0) {
      alive[values.length - 1]! += values[values.length - 1]!;
      total += values[0]!;
    }
  }
  return { churned, alive, total };
}

/**
 * The sBG log-likelihood: sum over t of churned(t) ln P(T = t) + alive(t) ln S(t), with
 * ln S(t) = ln S(t-1) + ln((beta+t-1)/(alpha+beta+t-1)) and ln P(T = t) = ln S(t-1) + ln alpha - ln(alpha+beta+t-1)
 * (Fader & Hardie 2007, appendix). @internal
 */
export function shiftedBetaGeometricLogLikelihoodOf(d: SurvivalCounts, theta: Float64Array): number {
  const alpha = theta[0]!;
  const beta = theta[1]!;
  const lnAlpha = Math.log(alpha);
  let lnS = 0;
  let ll = 0; // those still there at period 0 contribute ln S(0) = 0
  for (let t = 1; t < d.churned.length; t++) {
    const lnDen = Math.log(alpha + beta + t - 1);
    if (d.churned[t]! > 0) ll += d.churned[t]! * (lnS + lnAlpha - lnDen);
    lnS += Math.log(beta + t - 1) - lnDen;
    if (d.alive[t]! > 0) ll += d.alive[t]! * lnS;
  }
  return ll;
}

/** Checks a period t: an integer from `min` up. */
function checkPeriod(t: unknown, min: number, field = "t"): number {
  if (!(typeof t === "number" && Number.isSafeInteger(t) && t >= min)) {
    throw new InvalidInputError({ field, value: t, expected: `an integer of at least ${min} (contract periods)` });
  }
  return t;
}

/** Discount rates below this are summed by quadrature: the series would need more than about 40,000 terms. */
const SERIES_MIN_DISCOUNT = 1e-3;

/**
 * DERL for a customer who has made m renewals (Fader & Hardie 2010, eq. 6, with n = m + 1):
 * B(alpha, beta+n)/B(alpha, beta+n-1) 2F1(1, beta+n; alpha+beta+n; 1/(1+d)), the sum over k >= 0 of
 * S(n+k)/S(n-1) (1+d)^-k. By its series when d >= 1e-3 (term ratios (beta+n+k)/(alpha+beta+n+k) z,
 * below z = 1/(1+d), bound the tail); below, as E[(1-theta)/(1 - (1-theta) z)] over the posterior
 * theta ~ Beta(alpha, beta+m), by quadrature; at d = 0, (beta+m)/(alpha-1).
 */
function derl(alpha: number, beta: number, m: number, d: number): number | null {
  const b = beta + m; // the posterior's second shape, beta + n - 1
  if (d === 0) return alpha > 1 ? b / (alpha - 1) : null;
  const z = 1 / (1 + d);
  if (d >= SERIES_MIN_DISCOUNT) {
    let term = 1;
    let sum = 1;
    for (let k = 0; k < 10_000_000; k++) {
      term *= ((b + 1 + k) / (alpha + b + 1 + k)) * z;
      sum += term;
      if ((term * z) / (1 - z) <= 1e-16 * sum) break;
    }
    return (b / (alpha + b)) * sum;
  }
  // The integrand theta^(alpha-1) (1-theta)^b / (1 - (1-theta) z) is about theta^(alpha-1) / d for theta below d
  // and falls like theta^(alpha-2) above: integrate [0, 10 d] (in u = theta^alpha when alpha < 1, which takes out
  // the endpoint power: theta^(alpha-1) d theta = du / alpha), then decade by decade of theta, where it is smooth.
  const h = (theta: number) => Math.exp(b * Math.log1p(-theta)) / (1 - (1 - theta) * z);
  let lo = Math.min(1, 10 * d);
  let integral = alpha < 1
    ? adaptiveIntegral((u) => h(u ** (1 / alpha)), 0, lo ** alpha, 1e-13, 400) / alpha
    : adaptiveIntegral((theta) => theta ** (alpha - 1) * h(theta), 0, lo, 1e-13, 400);
  while (lo < 1) {
    const hi = Math.min(1, lo * 10);
    integral += adaptiveIntegral((theta) => Math.exp((alpha - 1) * Math.log(theta)) * h(theta), lo, hi, 1e-13, 400);
    lo = hi;
  }
  return Math.exp(Math.log(integral) - betaln(alpha, b));
}

/** The state of a model rebuilt at other parameters (for intervals), which has no fit of its own. */
const NOT_FITTED: FitOutcome = { logLikelihood: 0, iterations: 0, converged: true };

/**
 * The sBG model object for given parameters and fit state; the fit's covariance (when there is
 * one) gives the uncertainty fields and the intervals of survival, retention and churn. @internal
 */
export function makeShiftedBetaGeometricModel(params: ShiftedBetaGeometricParams, state: FitOutcome): ShiftedBetaGeometricModel {
  type Model = ShiftedBetaGeometricModel;
  const p = Object.freeze({ alpha: params.alpha, beta: params.beta });
  const lnB = betaln(p.alpha, p.beta);
  const fit = { logLikelihood: state.logLikelihood, iterations: state.iterations, converged: state.converged };
  const model = displayable({
    model: "sBG" as const,
    params: p,
    ...fit,
    ...uncertaintyFields(p, SBG_PARAMS, state.covarianceMatrix),
    survival(t: number, options?: PredictionIntervalOptions) {
      const period = checkPeriod(t, 0);
      const value = period === 0 ? 1 : Math.exp(betaln(p.alpha, p.beta + period) - lnB);
      return valueOrInterval<Model>(options, model, value, (m) => m.survival(period), 0, 1);
    },
    retentionRate(t: number, options?: PredictionIntervalOptions) {
      const period = checkPeriod(t, 1);
      const value = (p.beta + period - 1) / (p.alpha + p.beta + period - 1);
      return valueOrInterval<Model>(options, model, value, (m) => m.retentionRate(period), 0, 1);
    },
    churnProbability(t: number, options?: PredictionIntervalOptions) {
      const period = checkPeriod(t, 1);
      const value = Math.exp(betaln(p.alpha + 1, p.beta + period - 1) - lnB);
      return valueOrInterval<Model>(options, model, value, (m) => m.churnProbability(period), 0, 1);
    },
    expectedLifetime(): number | null {
      return p.alpha > 1 ? (p.alpha + p.beta - 1) / (p.alpha - 1) : null;
    },
    discountedExpectedResidualLifetime(renewals: number, discountRate: number): number | null {
      const m = checkPeriod(renewals, 0, "renewals");
      if (!(typeof discountRate === "number" && Number.isFinite(discountRate) && discountRate >= 0 && discountRate <= 1e6)) {
        throw new InvalidInputError({ field: "discountRate", value: discountRate, expected: "a number from 0 to 1,000,000 (0.1 for 10% a period)" });
      }
      if (discountRate > 0 && discountRate < 1e-9) {
        throw new InvalidInputError({ field: "discountRate", value: discountRate, expected: "0, or at least 1e-9 (a smaller rate is 0 to within the accuracy of the sum: use 0)" });
      }
      return derl(p.alpha, p.beta, m, discountRate);
    },
    toJSON(): PurchaseModelJson<"sBG", ShiftedBetaGeometricParams> {
      return { model: "sBG", params: { ...p }, ...fit };
    },
  });
  withSampler(model, parameterSampler(p, SBG_PARAMS, state.covarianceMatrix, (q) => makeShiftedBetaGeometricModel(q, NOT_FITTED)));
  return Object.freeze(model) as unknown as Model;
}

/**
 * Fits the shifted beta-geometric model of contractual retention to cohorts' survivors by maximum likelihood.
 *
 * Model (Fader & Hardie 2007): at the end of each period a customer churns with probability theta,
 * constant for the customer and theta ~ Beta(alpha, beta) across customers, so the cohort's
 * retention rate rises with time as the likelier churners leave. P(T = t) = B(alpha+1, beta+t-1)/B(alpha, beta),
 * S(t) = B(alpha, beta+t)/B(alpha, beta). With n_t survivors of a cohort at period t (n_0 its size) observed
 * up to period T_c, LL = sum over cohorts of sum_{t=1..T_c} (n_{t-1} - n_t) ln P(T = t) + n_{T_c} ln S(T_c),
 * maximised over log-parameters by BFGS (central-difference gradients) with a Nelder-Mead restart if needed.
 * MRR works the same way, each unit of MRR a "customer".
 *
 * @param input - survivors per period of one cohort (its size first), an array of such arrays (one
 *   per cohort, of any lengths), or a cohort matrix with the customers or mrr measure (each cohort read
 *   from offset 0 up to its first censored cell)
 * @param options - `initialParams` (start of the search: alpha, beta from 1e-8 to 1e8), `maxIterations` (1 to 100,000; default 1000)
 * @returns the fitted model: `params` `{ alpha, beta }`, `logLikelihood`, `iterations`, `converged`, the
 *   parameters' `standardErrors`, `covariance` and `confidenceIntervals(level = 0.95)`, and the
 *   methods `survival(t)`, `retentionRate(t)`, `churnProbability(t)` (each also with `{ interval: true }`), `expectedLifetime()`,
 *   `discountedExpectedResidualLifetime(renewals, discountRate)`, `toJSON()`
 * @throws {@link InvalidInputError} for a survivor count that is negative, fractional (counts), not finite,
 *   or larger than the period before (survivors cannot increase), a cohort matrix of another measure, or
 *   options as `fitBgNbd`'s
 * @throws {@link ConvergenceError} when the fit does not converge, with its last state: for instance when every
 *   period loses the same share (no sign of heterogeneity: alpha and beta run off to infinity); no churn at all
 *   is an InvalidInputError
 * @see P. S. Fader and B. G. S. Hardie (2007), "How to Project Customer Retention", Journal of
 *   Interactive Marketing 21(1), 76-90; P. S. Fader and B. G. S. Hardie (2010), "Customer-Base
 *   Valuation in a Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing Science
 *   29(1), 85-93 (the discounted expected residual lifetime, eq. 6).
 * @example
 * ```ts
 * import { fitShiftedBetaGeometric } from "retention-metrics/clv";
 * // the "regular" customers of Fader & Hardie (2007): 1,000 at the start, survivors after years 1-7
 * const model = fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]);
 * console.log(model.params.alpha.toFixed(3), model.params.beta.toFixed(3)); // "0.704" "1.182"
 * // the retention rate rises as the likelier churners leave
 * console.log(model.retentionRate(1).toFixed(3), model.retentionRate(8).toFixed(3)); // "0.627" "0.921"
 * // a subscriber at their 3rd renewal, 10% discount a year: expected payments left
 * console.log(model.discountedExpectedResidualLifetime(2, 0.1)?.toFixed(2)); // "4.87"
 * ```
 * @category Lifetime value
 */
export function fitShiftedBetaGeometric(input: SurvivorsInput, options: ShiftedBetaGeometricFitOptions = {}): ShiftedBetaGeometricModel {
  const settings = readFitOptions(options, SBG_PARAMS);
  const d = readSurvivors(input);
  let periods = 0;
  for (let t = 1; t < d.churned.length; t++) periods += d.churned[t]! + d.alive[t]!;
  if (d.total === 0 || periods === 0) {
    throw new InvalidInputError({
      field: "input",
      value: `${d.total} customers at the start, none observed past period 0`,
      expected: "at least one cohort with customers at the start and survivors observed at period 1 or later",
    });
  }
  let churned = 0;
  for (let t = 1; t < d.churned.length; t++) churned += d.churned[t]!;
  if (churned === 0) {
    throw new InvalidInputError({
      field: "input",
      value: "survivors that never fall",
      expected: "at least one churned customer: without churn the churn probability's maximum-likelihood estimate is 0 and the model has no finite parameters",
    });
  }
  const fit = fitByMaximumLikelihood<ShiftedBetaGeometricParams>(
    "sBG",
    SBG_PARAMS,
    (theta) => shiftedBetaGeometricLogLikelihoodOf(d, theta),
    { alpha: 1, beta: 1 },
    d.total,
    false,
    settings,
  );
  checkShiftedBetaGeometricParams(fit.params);
  return makeShiftedBetaGeometricModel(fit.params, fit);
}
