/**
 * The final step of `lifecycle`: per-period counts (the in-memory scan's or
 * pass's, or a warehouse's GROUP BY) to the growth accounting rows, with
 * dormancy as a transition or as a state. One definition for both.
 *
 * @internal
 * @module
 */
import type { Period } from "../periods/index.ts";
import { isComplete } from "../periods/options.ts";
import { displayable } from "../displayProtocol.ts";
import type { CreatedAt, LifecycleDormant, LifecycleOptions, LifecycleRow } from "./lifecycle.ts";
import type { CustomerId } from "../events/types.ts";
import { InvalidInputError } from "../errors.ts";
import { toEpochMs } from "../periods/index.ts";
import { requireOneOf } from "../validate.ts";
import type { SummaryCounts } from "./summaryRows.ts";

/** Per-period counts of the lifecycle, indexed from the first period counted. @internal */
export interface LifecycleCounts {
  readonly active: ArrayLike<number>;
  /** New by the rule in force (first event or creation). */
  readonly fresh: ArrayLike<number>;
  readonly resurrecting: ArrayLike<number>;
  /** Active in p - 1, not in p. */
  readonly wentDormant: ArrayLike<number>;
  /** Customers whose first event is in p. */
  readonly firstSeen: ArrayLike<number>;
}

/**
 * New by first event: the counts of an activity window of one period as they
 * are (lost = went dormant, reactivated = resurrecting, new = first seen).
 *
 * @internal
 */
export function countsOfWindowOne(counts: Pick<SummaryCounts, "active" | "newCustomers" | "lost" | "reactivated">): LifecycleCounts {
  return { active: counts.active, fresh: counts.newCustomers, resurrecting: counts.reactivated, wentDormant: counts.lost, firstSeen: counts.newCustomers };
}

/**
 * The rows of the reported periods: `reported[i]` is period `first + i` of the
 * counts. The periods before `first` only feed "seen before" of the dormant
 * state, so they may be coarser than calendar periods (a warehouse folds all
 * older history into one) as long as each customer's first event is counted once.
 *
 * @internal
 */
export function lifecycleRows(reported: readonly Period[], first: number, to: number, counts: LifecycleCounts, dormantBy: LifecycleDormant = "transition"): LifecycleRow[] {
  // Customers first seen before the period (for the dormant state).
  let seen = 0;
  for (let p = 0; p < first; p++) seen += counts.firstSeen[p]!;
  const rows: LifecycleRow[] = [];
  for (let i = 0; i < reported.length; i++) {
    const p = first + i;
    const period = reported[i]!;
    const active = counts.active[p]!;
    const fresh = counts.fresh[p]!;
    const resurrecting = counts.resurrecting[p]!;
    const wentDormant = counts.wentDormant[p]!;
    // Dormant as a state: every customer seen before p and not active in p (those seen before and
    // active in p are the active ones not seen first in p).
    const dormant = dormantBy === "state" ? seen - (active - counts.firstSeen[p]!) : wentDormant;
    seen += counts.firstSeen[p]!;
    rows.push({
      period,
      complete: isComplete(period, to),
      active,
      new: fresh,
      returning: active - fresh - resurrecting,
      resurrecting,
      dormant: dormant === 0 ? 0 : -dormant,
      quickRatio: wentDormant > 0 ? (fresh + resurrecting) / wentDormant : null,
    });
  }
  return displayable(rows);
}

/**
 * The checked `newBy`, `dormant` and `createdAt` of `lifecycle`, shared by the in-memory function and
 * the warehouse's, so both refuse the same things with the same errors. @internal
 *
 * @throws {@link InvalidInputError} for an unknown `newBy` or `dormant`, `newBy: "createdAt"` without a
 *   function or Map `createdAt`, or `createdAt` without it
 */
export function lifecycleSettings(options: Pick<LifecycleOptions, "newBy" | "dormant" | "createdAt">): { newBy: "firstEvent" | "createdAt"; dormantBy: LifecycleDormant; createdAt: CreatedAt | undefined } {
  const newBy = requireOneOf(options.newBy ?? "firstEvent", "newBy", ["firstEvent", "createdAt"] as const);
  const dormantBy = requireOneOf(options.dormant ?? "transition", "dormant", ["transition", "state"] as const);
  const createdAt = options.createdAt;
  if (newBy === "createdAt" && !(typeof createdAt === "function" || createdAt instanceof Map)) {
    throw new InvalidInputError({ field: "createdAt", value: createdAt, expected: 'with newBy: "createdAt", a function from a customer id to an instant, or a Map of them' });
  }
  if (newBy === "firstEvent" && createdAt !== undefined) {
    throw new InvalidInputError({ field: "createdAt", value: createdAt, expected: 'undefined unless newBy is "createdAt" (set newBy to use creation times)' });
  }
  return { newBy, dormantBy, createdAt };
}

/**
 * A customer's creation instant in epoch ms, from `createdAt`. @internal
 *
 * @throws {@link InvalidInputError} naming the customer when it has no creation instant, or one that is not an instant
 */
export function creationMs(createdAt: CreatedAt, id: CustomerId, timeZone: string | undefined): number {
  const at = typeof createdAt === "function" ? createdAt(id) : createdAt.get(id);
  if (at === null || at === undefined) {
    throw new InvalidInputError({ field: "createdAt", value: id, expected: "a creation instant for every customer with events (the value is the customer without one)" });
  }
  return toEpochMs(at, { field: "createdAt", timeZone: timeZone ?? "UTC" });
}

/**
 * The counts of new by creation, filled one customer and active period at a time: a customer's
 * periods in increasing order (`visit` with the previous active period, -1 before the first), then
 * `close` with their last one. @internal
 */
export class CreationCounts implements LifecycleCounts {
  readonly active: Float64Array;
  readonly fresh: Float64Array;
  readonly resurrecting: Float64Array;
  readonly wentDormant: Float64Array;
  readonly firstSeen: Float64Array;

  /** Counts over periods 0..n-1. */
  constructor(private readonly n: number) {
    this.active = new Float64Array(n);
    this.fresh = new Float64Array(n);
    this.resurrecting = new Float64Array(n);
    this.wentDormant = new Float64Array(n);
    this.firstSeen = new Float64Array(n);
  }

  /** Active in k after `prev` (-1: never before), created in period `created`: new there, else returning or resurrecting. */
  visit(prev: number, k: number, created: number): void {
    this.active[k]!++;
    if (prev < 0) this.firstSeen[k]!++;
    else if (k > prev + 1) this.wentDormant[prev + 1]!++;
    if (created === k) this.fresh[k]!++;
    else if (prev < 0 || prev !== k - 1) this.resurrecting[k]!++;
  }

  /** The customer's last active period: dormant in the next one, if there is one. */
  close(last: number): void {
    if (last >= 0 && last + 1 < this.n) this.wentDormant[last + 1]!++;
  }
}
