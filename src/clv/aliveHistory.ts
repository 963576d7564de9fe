/**
 * `aliveHistory`: the probability that one customer is still active, along
 * their history from the first purchase to a horizon.
 *
 * @module
 */
import { displayable } from "../displayProtocol.ts";
import { InvalidInputError } from "../errors.ts";
import { checkTimeZone, periodBucketer, toEpochMs, type Instant } from "../periods/index.ts";
import { requireArrayLike, requireFinite, requireIntegerIn, requireNonNegative, requireOneOf, requireRecord } from "../validate.ts";
import { checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";
import type { RfmTimeUnit } from "./rfmSummary.ts";

/**
 * Options of {@link aliveHistory}.
 *
 * @category Lifetime value
 */
export interface AliveHistoryOptions {
  /** The age at the end: time units from the first purchase (lifetimes' `t`), at least the last purchase's. */
  T: number;
  /** Equal steps from 0 to T at which P(alive) is evaluated (each purchase adds its own two points); default 100. */
  steps?: number | undefined;
  /** With instants: the model's time unit, `"day"` (default) or `"week"` (as `rfmSummary`'s `timeUnit`). */
  timeUnit?: RfmTimeUnit | undefined;
  /** With instants: the zone of their calendar days; default `"UTC"`. */
  timeZone?: string | undefined;
}

/**
 * One point of {@link aliveHistory}: the customer's history as seen at time t.
 *
 * @category Lifetime value
 */
export interface AliveHistoryPoint {
  /** Time since the first purchase, in the model's time unit. */
  t: number;
  /** Repeat purchases up to t (at a purchase's time, the first of its two points does not count it yet). */
  frequency: number;
  /** Time of the last of them (0 before the first repeat purchase). */
  recency: number;
  /** P(alive | frequency, recency, T = t). */
  probabilityAlive: number;
}

/**
 * The result of {@link aliveHistory}.
 *
 * @category Lifetime value
 */
export interface AliveHistory {
  /** The age at the end. */
  T: number;
  /** The purchase times since the first purchase (0 first), one per distinct time (per calendar day with instants). */
  purchases: number[];
  /** The points in time order; at each repeat purchase two points of the same t, before and after it. */
  points: AliveHistoryPoint[];
}

const MAX_STEPS = 100_000;

/**
 * P(alive) along one customer's history (lifetimes' `plot_history_alive`): at
 * each time t from the first purchase to T, the probability that the customer
 * is still active given only what was seen by t. Between purchases it falls as
 * the silence grows; at a repeat purchase it jumps to its value for the new
 * history (1 for Pareto/NBD; for BG/NBD 1/(1 + a/(b + x - 1)), as a customer
 * may drop out right after buying, so the first repeat purchase can lower it from 1).
 *
 * Formula: with purchase times 0 = p_0 < p_1 < ... < p_m <= T and x(t) = #{k >= 1 : p_k <= t},
 * point(t) = model.probabilityAlive({ frequency: x(t), recency: p_x(t), T: t }) at t = j T / steps
 * (j = 0..steps) and, at each p_k, a point with the history before it (x = k - 1, recency p_(k-1))
 * and one after it (x = k, recency p_k).
 *
 * @param model - a fitted BG/NBD, MBG/NBD or Pareto/NBD model
 * @param purchases - the customer's purchases: times in the model's time unit (any origin: the
 *   first is the birth), or instants (Dates or ISO strings), counted once per calendar day in
 *   `timeZone` and converted with `timeUnit`, as `rfmSummary` does
 * @param options - `T` (required), `steps` (default 100; 1 to 100,000), `timeUnit` (default `"day"`),
 *   `timeZone` (default `"UTC"`)
 * @returns the horizon, the purchase times and the points
 * @throws {@link InvalidInputError} for an invalid model, no purchases, a purchase that is not a
 *   finite number or an instant (field `purchases[i]`; all of one kind), `T` before the last purchase or
 *   not finite, an invalid `steps`, `timeUnit` or `timeZone`
 * @see CamDavidsonPilon/lifetimes, `plotting.plot_history_alive` (the definition, not the code);
 *   P. S. Fader, B. G. S. Hardie and K. L. Lee (2005), "'Counting Your Customers' the Easy Way",
 *   Marketing Science 24(2), 275-284, equation (11) for P(alive).
 * @example
 * ```ts
 * import { aliveHistory, fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * // purchases in weeks 0, 2 and 5, looked at up to week 20
 * const h = aliveHistory(model, [0, 2, 5], { T: 20, steps: 4 });
 * console.log(h.points.map((p) => [p.t, p.probabilityAlive.toFixed(2)])); // [[0,"1.00"],[2,"1.00"],[2,"0.75"],[5,"0.65"],[5,"0.82"],[10,"0.62"],[15,"0.45"],[20,"0.33"]]
 * ```
 * @category Lifetime value
 */
export function aliveHistory(model: PurchaseModel, purchases: ReadonlyArray<number | Date | string>, options: AliveHistoryOptions): AliveHistory {
  checkPurchaseModel(model);
  requireRecord(options, "options", ["T", "steps?", "timeUnit?", "timeZone?"]);
  const list = requireArrayLike<unknown>(purchases, "purchases", "the customer's purchase times (numbers in the model's time unit) or instants");
  if (list.length === 0) throw new InvalidInputError({ field: "purchases", value: purchases, expected: "at least one purchase (the first is the birth)" });
  const times = typeof list[0] === "number" ? modelTimes(list) : dayTimes(list, options);
  const T = requireNonNegative(options.T, "T");
  const last = times[times.length - 1]!;
  if (T < last) throw new InvalidInputError({ field: "T", value: T, expected: `an age of at least the last purchase's (${last} time units after the first)` });
  const steps = requireIntegerIn(options.steps ?? 100, "steps", 1, MAX_STEPS);
  const alive = (frequency: number, recency: number, t: number): AliveHistoryPoint => ({ t, frequency, recency, probabilityAlive: model.probabilityAlive({ frequency, recency, T: t }) });
  const points: AliveHistoryPoint[] = [];
  let next = 1; // the next repeat purchase
  for (let j = 0; j <= steps; j++) {
    const t = j === steps ? T : (j * T) / steps;
    while (next < times.length && times[next]! <= t) {
      const p = times[next]!;
      points.push(alive(next - 1, times[next - 1]!, p), alive(next, p, p));
      next++;
    }
    // A step at a purchase's time is its second point already.
    if (next === 1 || times[next - 1]! < t || t === 0) points.push(alive(next - 1, times[next - 1]!, t));
  }
  return displayable({ T, purchases: times, points });
}

/** Numbers in the model's unit: sorted, from the first, one per distinct time. */
function modelTimes(list: ArrayLike<unknown>): number[] {
  const raw = Array.from(list, (v, i) => {
    if (typeof v !== "number") throw new InvalidInputError({ field: `purchases[${i}]`, value: v, expected: "a number, as the first purchase is (all times in the model's unit, or all instants)" });
    return requireFinite(v, `purchases[${i}]`);
  }).sort((a, b) => a - b);
  return distinctFrom(raw, raw[0]!, 1);
}

/** Instants: their calendar days in the zone, in days or weeks from the first. */
function dayTimes(list: ArrayLike<unknown>, options: AliveHistoryOptions): number[] {
  const unit = requireOneOf(options.timeUnit ?? "day", "timeUnit", ["day", "week"] as const);
  const timeZone = checkTimeZone(options.timeZone ?? "UTC");
  const ms = Float64Array.from(Array.from(list, (v, i) => {
    if (!(typeof v === "string" || v instanceof Date)) throw new InvalidInputError({ field: `purchases[${i}]`, value: v, expected: "an instant (a Date or an ISO string), as the first purchase is (all instants, or all numbers in the model's unit)" });
    return toEpochMs(v as Instant, { field: `purchases[${i}]`, timeZone });
  })).sort();
  const days = Array.from(periodBucketer(ms[0]!, ms[ms.length - 1]!, { unit: "day", timeZone }).bucket(ms));
  return distinctFrom(days, 0, unit === "week" ? 7 : 1);
}

/** (v - origin) / per for each distinct sorted v. */
function distinctFrom(sorted: readonly number[], origin: number, per: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push((sorted[i]! - origin) / per);
  return out;
}
