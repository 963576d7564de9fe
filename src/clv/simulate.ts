/**
 * Simulated customer summaries from the BG/NBD and Pareto/NBD stories (and
 * Gamma-Gamma spend): for trying the models, checking that a fit recovers
 * known parameters, and benchmarks.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { formatCount, requireArrayLike, requireIntegerIn, requireNonNegative, requireRecord } from "../validate.ts";
import { checkBgNbdParams, type BgNbdParams } from "./bgNbdLikelihood.ts";
import type { GammaGammaParams } from "./gammaGamma.ts";
import { checkGammaGammaParams } from "./gammaGammaLikelihood.ts";
import { checkParetoNbdParams, type ParetoNbdParams } from "./paretoNbdLikelihood.ts";
import { seededRandom, type Random } from "./random.ts";

/** Most customers of one simulation. */
const MAX_CUSTOMERS = 10_000_000;
/** Most purchases drawn for one customer, and for all together: beyond them the parameters (or T) are far outside any real data. */
const MAX_PURCHASES_PER_CUSTOMER = 1_000_000;
const MAX_PURCHASES = 20_000_000;

/**
 * Options of {@link simulateBgNbd} and {@link simulateParetoNbd}.
 *
 * @category Lifetime value
 */
export interface SimulateOptions {
  /** Number of customers. */
  customers: number;
  /** Calibration length T of every customer (time units after their first purchase), or one per customer. */
  T: number | ArrayLike<number>;
  /** Length of the holdout period after T; default 0. */
  holdout?: number | undefined;
  /** Gamma-Gamma parameters to draw each purchase's value from; without them `monetaryValue` is `null`. */
  spend?: GammaGammaParams | undefined;
  /** Seed of the random stream (any integer); default 1. Equal seeds give equal summaries. */
  seed?: number | undefined;
}

/**
 * One simulated customer, shaped like a row of `rfmSummary` with a calibration end (amounts as numbers).
 *
 * @category Lifetime value
 */
export interface SimulatedCustomer {
  /** 0, 1, 2, ... */
  customerId: number;
  /** Repeat purchases in (0, T]. */
  frequency: number;
  /** Time of the last of them (0 without any). */
  recency: number;
  /** The customer's calibration length. */
  T: number;
  /** Mean value of the repeat purchases (0 without any); `null` without `spend`. */
  monetaryValue: number | null;
  /** Purchases in (T, T + holdout]. */
  frequencyHoldout: number;
  /** The holdout length. */
  durationHoldout: number;
}

/** Draws one customer's purchase rate, lifetime (Pareto/NBD) and drop-out probability after each purchase (BG/NBD). */
type Story = (random: Random) => { rate: number; lifetime: number; dropAfterPurchase: number };

function simulate(story: Story, options: SimulateOptions, params: Readonly<Record<string, number>>): SimulatedCustomer[] {
  requireRecord(options, "options", ["customers", "T", "holdout?", "spend?", "seed?"]);
  const n = requireIntegerIn(options.customers, "customers", 1, MAX_CUSTOMERS);
  const holdout = requireNonNegative(options.holdout ?? 0, "holdout");
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new InvalidInputError({ field: "seed", value: seed, expected: "an integer" });
  const Ts: unknown = options.T;
  let TOf: (i: number) => number;
  if (typeof Ts === "number") {
    const one = requireNonNegative(Ts, "T");
    TOf = () => one;
  } else {
    const list = requireArrayLike<number>(Ts, "T", "a finite number of at least 0 (the calibration length of every customer), or one per customer");
    if (list.length !== n) throw new InvalidInputError({ field: "T", value: `${list.length} values`, expected: `one T, or one per customer (${n})` });
    const each = Float64Array.from({ length: n }, (_, i) => requireNonNegative(list[i], `T[${i}]`));
    TOf = (i) => each[i]!;
  }
  const spend = options.spend === undefined ? undefined : checkGammaGammaParams(options.spend, "spend");
  const random = seededRandom(seed);
  const out: SimulatedCustomer[] = [];
  let drawn = 0;
  const tooMany = (customer: number, end: number, rate: number): InvalidInputError =>
    new InvalidInputError({
      field: "params",
      value: Object.entries(params).map(([k, v]) => `${k}=${v}`).join(", "),
      expected:
        `parameters and T giving at most ${formatCount(MAX_PURCHASES_PER_CUSTOMER)} purchases per customer and ${formatCount(MAX_PURCHASES)} in all; ` +
        `customer ${customer} drew a purchase rate of ${rate} per time unit over T + holdout = ${end}, and ${formatCount(drawn)} purchases were drawn in all`,
    });
  for (let i = 0; i < n; i++) {
    const T = TOf(i);
    const end = T + holdout;
    const { rate, lifetime, dropAfterPurchase } = story(random);
    const nu = spend === undefined ? 0 : random.gamma(spend[1]!, spend[2]!);
    let t = 0;
    let x = 0;
    let recency = 0;
    let held = 0;
    let value = 0;
    for (let k = 0; ; k++) {
      if (k >= MAX_PURCHASES_PER_CUSTOMER || drawn >= MAX_PURCHASES) throw tooMany(i, end, rate);
      drawn++;
      t += random.exponential(rate);
      if (t > end || t > lifetime) break;
      if (t <= T) {
        x++;
        recency = t;
        if (spend !== undefined) value += random.gamma(spend[0]!, nu);
      } else {
        held++;
      }
      if (dropAfterPurchase > 0 && random.uniform() < dropAfterPurchase) break;
    }
    out.push({
      customerId: i,
      frequency: x,
      recency,
      T,
      monetaryValue: spend === undefined ? null : x > 0 ? value / x : 0,
      frequencyHoldout: held,
      durationHoldout: holdout,
    });
  }
  return out;
}

/**
 * Simulates customers who behave exactly as the BG/NBD model says.
 *
 * Story (Fader, Hardie & Lee 2005): each customer has a purchase rate
 * lambda ~ Gamma(r, alpha) and a drop-out probability p ~ Beta(a, b); from the
 * first purchase at time 0 they buy after exponential(lambda) gaps, and after
 * each purchase leave for good with probability p. Purchases in (0, T] make the
 * frequency and recency, those in (T, T + holdout] the holdout count. With
 * `spend`, each purchase's value is Gamma(p, nu) with nu ~ Gamma(q, gamma) per customer.
 *
 * @param params - `{ r, alpha, a, b }`: the shapes r, a, b from 1e-8 to 1e8, the scale alpha from 1e-8 to 1e15
 * @param options - `customers` (1 to 10,000,000), `T` (one or per customer), `holdout` (default 0), `spend`
 *   (`{ p, q, gamma }`, in the same ranges), `seed` (default 1)
 * @returns one row per customer
 * @throws {@link InvalidInputError} for an invalid option, a parameter that is not a finite number in
 *   its accepted range (named, e.g. `params.r`), or parameters and T that would draw more than
 *   1,000,000 purchases for one customer or 20,000,000 in all (field `params`)
 * @see P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way",
 *   Marketing Science 24(2), 275-284, section 3.
 * @example
 * ```ts
 * import { fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 });
 * const { params } = fitBgNbd(summary);
 * // close to the simulated 0.25 and 4
 * console.log(params.r.toFixed(2), params.alpha.toFixed(1)); // "0.24" "3.9"
 * ```
 * @category Lifetime value
 */
export function simulateBgNbd(params: BgNbdParams, options: SimulateOptions): SimulatedCustomer[] {
  checkBgNbdParams(params);
  const { r, alpha, a, b } = params;
  return simulate((random) => ({ rate: random.gamma(r, alpha), lifetime: Infinity, dropAfterPurchase: random.beta(a, b) }), options, { r, alpha, a, b });
}

/**
 * Simulates customers who behave exactly as the Pareto/NBD model says.
 *
 * Story (Schmittlein, Morrison & Colombo 1987): purchase rate lambda ~
 * Gamma(r, alpha), drop-out rate mu ~ Gamma(s, beta); a customer buys after
 * exponential(lambda) gaps until their exponential(mu) lifetime ends. Rows as
 * in {@link simulateBgNbd}.
 *
 * @param params - `{ r, alpha, s, beta }`: the shapes r, s from 1e-8 to 1e8, the scales alpha, beta from 1e-8 to 1e15
 * @param options - `customers` (1 to 10,000,000), `T` (one or per customer), `holdout` (default 0), `spend`
 *   (`{ p, q, gamma }`, in the same ranges), `seed` (default 1)
 * @returns one row per customer
 * @throws {@link InvalidInputError} for an invalid option, a parameter that is not a finite number in
 *   its accepted range (named, e.g. `params.r`), or parameters and T that would draw more than
 *   1,000,000 purchases for one customer or 20,000,000 in all (field `params`)
 * @see D. C. Schmittlein, D. G. Morrison and R. Colombo (1987), "Counting Your Customers: Who Are
 *   They and What Will They Do Next?", Management Science 33(1), 1-24.
 * @example
 * ```ts
 * import { simulateParetoNbd } from "retention-metrics";
 * const rows = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 3, T: 39, holdout: 39 });
 * console.log(rows.length, rows[0]!.durationHoldout); // 3 39
 * ```
 * @category Lifetime value
 */
export function simulateParetoNbd(params: ParetoNbdParams, options: SimulateOptions): SimulatedCustomer[] {
  checkParetoNbdParams(params);
  const { r, alpha, s, beta } = params;
  return simulate((random) => ({ rate: random.gamma(r, alpha), lifetime: random.exponential(random.gamma(s, beta)), dropAfterPurchase: 0 }), options, { r, alpha, s, beta });
}
