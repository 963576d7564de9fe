/**
 * The final step of `periodSummary`: per-period counts (however they were
 * counted: the in-memory scan, or a warehouse's GROUP BY) to the rows, with
 * S, E, the retention rates, their Wilson intervals when asked for, and the
 * money figures. One definition for both.
 *
 * @internal
 * @module
 */
import { fromMinorUnits } from "../money.ts";
import type { Period } from "../periods/index.ts";
import { isComplete } from "../periods/options.ts";
import { displayable } from "../displayProtocol.ts";
import { wilsonInterval } from "../stats/wilson.ts";
import type { PeriodSummaryRow } from "./periodSummary.ts";

/** Per-period counts, indexed by period (the first reported at `first`). @internal */
export interface SummaryCounts {
  readonly active: ArrayLike<number>;
  readonly newCustomers: ArrayLike<number>;
  readonly orders: ArrayLike<number>;
  /** Revenue in minor units. */
  readonly revenue: ArrayLike<number>;
  /** Customers with 2+ events in the period. */
  readonly repeat: ArrayLike<number>;
  /** Customers current at each period's end (E), for the activity window. */
  readonly current: ArrayLike<number>;
  /** Current at the start and not at the end. */
  readonly lost: ArrayLike<number>;
  /** Current at the end, not at the start, not new. */
  readonly reactivated: ArrayLike<number>;
}

/**
 * The rows of the reported periods: `reported[i]` is period `first + i` of the counts.
 * S of a period is E of the one before (0 for index 0: nothing came before).
 * With `intervals.interval`, each row gets the Wilson intervals of its three
 * proportions at `intervals.confidence` (already validated by the caller), `null`
 * where the rate is `null`.
 *
 * @internal
 */
export function periodSummaryRows(
  reported: readonly Period[],
  first: number,
  to: number,
  counts: SummaryCounts,
  scale: number,
  intervals: { readonly interval: boolean; readonly confidence: number } = { interval: false, confidence: 0.95 },
): PeriodSummaryRow[] {
  const { interval, confidence } = intervals;
  const ci = (x: number, n: number, rate: number | null) => (rate === null ? null : wilsonInterval({ successes: x, trials: n }, { confidence }));
  const rows: PeriodSummaryRow[] = [];
  for (let i = 0; i < reported.length; i++) {
    const p = first + i;
    const period = reported[i]!;
    const complete = isComplete(period, to);
    const active = counts.active[p]!;
    const fresh = counts.newCustomers[p]!;
    const atStart = p === 0 ? 0 : counts.current[p - 1]!;
    const atEnd = counts.current[p]!;
    const lost = counts.lost[p]!;
    const orders = counts.orders[p]!;
    const revenue = fromMinorUnits(counts.revenue[p]!, scale);
    const rate = (x: number) => (complete && atStart > 0 ? x / atStart : null);
    const row: PeriodSummaryRow = {
      period,
      complete,
      activeCustomers: active,
      newCustomers: fresh,
      customersAtStart: atStart,
      customersAtEnd: atEnd,
      retainedCustomers: atStart - lost,
      lostCustomers: lost,
      reactivatedCustomers: counts.reactivated[p]!,
      customerRetentionRate: rate(atEnd - fresh),
      retentionRate: rate(atStart - lost),
      churnRate: rate(lost),
      orders,
      revenue,
      averageOrderValue: orders > 0 ? revenue.dividedBy(orders) : null,
      purchaseFrequency: active > 0 ? orders / active : null,
      repeatCustomerRate: active > 0 ? counts.repeat[p]! / active : null,
    };
    if (interval) {
      row.intervals = {
        retentionRate: ci(atStart - lost, atStart, row.retentionRate),
        churnRate: ci(lost, atStart, row.churnRate),
        repeatCustomerRate: ci(counts.repeat[p]!, active, row.repeatCustomerRate),
      };
    }
    rows.push(row);
  }
  return displayable(rows);
}
