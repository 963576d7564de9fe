/**
 * The final step of `lifecycle`: per-period counts with an activity window of
 * one period (the in-memory scan's, or a warehouse's GROUP BY) to the growth
 * accounting rows. One definition for both.
 *
 * @internal
 * @module
 */
import type { Period } from "../periods/index.ts";
import { isComplete } from "../periods/options.ts";
import { displayable } from "../displayProtocol.ts";
import type { LifecycleRow } from "./lifecycle.ts";
import type { SummaryCounts } from "./summaryRows.ts";

/**
 * The rows of the reported periods: `reported[i]` is period `first + i` of the
 * counts, which are those of an activity window of 1 (lost = dormant,
 * reactivated = resurrecting).
 *
 * @internal
 */
export function lifecycleRows(reported: readonly Period[], first: number, to: number, counts: Pick<SummaryCounts, "active" | "newCustomers" | "lost" | "reactivated">): LifecycleRow[] {
  const rows: LifecycleRow[] = [];
  for (let i = 0; i < reported.length; i++) {
    const p = first + i;
    const period = reported[i]!;
    const active = counts.active[p]!;
    const fresh = counts.newCustomers[p]!;
    const resurrecting = counts.reactivated[p]!;
    const dormant = counts.lost[p]!;
    rows.push({
      period,
      complete: isComplete(period, to),
      active,
      new: fresh,
      returning: active - fresh - resurrecting,
      resurrecting,
      dormant: dormant === 0 ? 0 : -dormant,
      quickRatio: dormant > 0 ? (fresh + resurrecting) / dormant : null,
    });
  }
  return displayable(rows);
}
