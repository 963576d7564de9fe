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
import type { LifecycleDormant, LifecycleRow } from "./lifecycle.ts";
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
