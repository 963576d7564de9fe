/**
 * The conventions that decide which step function of MRR a subscription
 * analysis reads: when a churn is booked (`churnRecognition`), whether a
 * customer's changes close together are one movement (`groupWithin`), and
 * whether a short time at zero MRR is a churn or a continuation
 * (`reactivationGap`). Each one rewrites the customers' step functions once,
 * before any counting, so every analysis sees the same MRR.
 *
 * @internal
 * @module
 */
import { requireNonNegative, requireOneOf } from "../validate.ts";
import { type MrrSteps, subscriptionColumns } from "./table.ts";
import type { SubscriptionTable } from "./table.ts";

/**
 * When a cancellation is booked as churn: when the subscription ends (`"periodEnd"`, the default),
 * or when the cancellation was made (`"cancelDate"`, from the rows' `canceledAt`).
 *
 * @category Subscriptions
 */
export type ChurnRecognition = "periodEnd" | "cancelDate";

/**
 * The step-function conventions of a subscription analysis.
 *
 * @category Subscriptions
 */
export interface MrrConventionOptions {
  /**
   * `"periodEnd"` (default): a canceled subscription churns when it ends; `"cancelDate"`: when the
   * cancellation was made (the interval rows' `canceledAt`), its MRR ending then.
   */
  churnRecognition?: ChurnRecognition;
  /**
   * Milliseconds: a customer's changes less than this after the first change of a group are one
   * change, at the group's first instant, to the MRR after its last change; default 0 (no grouping).
   */
  groupWithin?: number;
  /**
   * Milliseconds: a return to MRR above 0 less than this after a fall to 0 is a continuation, not a
   * churn and a reactivation: the customer is read as paying the MRR before the fall until the
   * return; default 0 (every return is a reactivation).
   */
  reactivationGap?: number;
}

/** The conventions, checked. @internal */
export interface MrrConventions {
  readonly churnRecognition: ChurnRecognition;
  readonly groupWithin: number;
  readonly reactivationGap: number;
}

/**
 * Checks the convention options.
 *
 * @throws {@link InvalidInputError} naming the option for an unknown `churnRecognition`, or a
 *   `groupWithin` or `reactivationGap` that is not a finite number of at least 0
 * @internal
 */
export function resolveConventions(options: MrrConventionOptions): MrrConventions {
  return {
    churnRecognition: requireOneOf(options.churnRecognition ?? "periodEnd", "churnRecognition", ["periodEnd", "cancelDate"] as const),
    groupWithin: requireNonNegative(options.groupWithin ?? 0, "groupWithin"),
    reactivationGap: requireNonNegative(options.reactivationGap ?? 0, "reactivationGap"),
  };
}

/**
 * The customers' step functions under the conventions, looking at changes
 * before `to` only (so no change the data has not reached decides a group or a
 * gap). With the defaults, the table's own arrays, uncopied.
 *
 * @internal
 */
export function mrrSteps(table: SubscriptionTable, c: MrrConventions, to: number): MrrSteps {
  const columns = subscriptionColumns(table);
  const base: MrrSteps = c.churnRecognition === "cancelDate" && columns.canceled !== null ? columns.canceled : columns;
  let steps = base;
  let until = to; // the first rewrite drops the changes at or after `to`
  if (c.groupWithin > 0) {
    steps = group(steps, c.groupWithin, until);
    until = Infinity;
  }
  if (c.reactivationGap > 0) steps = bridgeGaps(steps, c.reactivationGap, until);
  return steps;
}

/** A customer's changes being rewritten: pairs (time, level), levels of consecutive pairs differing. */
class CustomerSteps {
  time: number[] = [];
  level: number[] = [];

  /** Appends a change, unless it leaves the level as it was. */
  push(t: number, l: number): void {
    const last = this.level.length === 0 ? 0 : this.level[this.level.length - 1]!;
    if (l !== last) {
      this.time.push(t);
      this.level.push(l);
    }
  }

  pop(): void {
    this.time.pop();
    this.level.pop();
  }
}

/** Rewrites every customer's changes before `to` with `step`, called on each change in time order. */
function rewrite(s: MrrSteps, to: number, step: (t: number, l: number, out: CustomerSteps, i: number, end: number) => number | void): MrrSteps {
  const customers = s.offsets.length - 1;
  const offsets = new Int32Array(customers + 1);
  const time = new Float64Array(s.time.length);
  const level = new Float64Array(s.time.length);
  let n = 0;
  for (let c = 0; c < customers; c++) {
    const out = new CustomerSteps();
    let end = s.offsets[c]!;
    while (end < s.offsets[c + 1]! && s.time[end]! < to) end++;
    for (let i = s.offsets[c]!; i < end; ) {
      const next = step(s.time[i]!, s.level[i]!, out, i, end);
      i = typeof next === "number" ? next : i + 1;
    }
    for (let k = 0; k < out.time.length; k++) {
      time[n] = out.time[k]!;
      level[n++] = out.level[k]!;
    }
    offsets[c + 1] = n;
  }
  return { offsets, time: time.slice(0, n), level: level.slice(0, n) };
}

/** Groups each customer's changes less than `within` ms after a group's first into one change. */
function group(s: MrrSteps, within: number, to: number): MrrSteps {
  return rewrite(s, to, (t, _l, out, i, end) => {
    let j = i;
    while (j + 1 < end && s.time[j + 1]! - t < within) j++;
    out.push(t, s.level[j]!);
    return j + 1;
  });
}

/** Removes falls to 0 that a return follows less than `gap` ms later: the MRR before the fall runs until the return. */
function bridgeGaps(s: MrrSteps, gap: number, to: number): MrrSteps {
  return rewrite(s, to, (t, l, out) => {
    const k = out.level.length - 1;
    // A fall to 0 (never a customer's first change, which is above 0) followed by a quick return.
    if (l > 0 && k >= 1 && out.level[k] === 0 && t - out.time[k]! < gap) out.pop();
    out.push(t, l);
  });
}
