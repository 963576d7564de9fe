/**
 * `subscriptionRenewalRate`: the renewal rate of fixed-term contracts, period by
 * period, from priced intervals.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { renewalRate } from "../metrics/renewal.ts";
import type { Period } from "../periods/index.ts";
import { requireNonNegative, requireOptions, requireSynchronous } from "../validate.ts";
import { subscriptionColumns } from "../subscriptions/table.ts";
import type { SubscriptionIntervalRow, SubscriptionsArgument } from "../subscriptions/types.ts";
import { type SubscriptionAnalysisOptions, subscriptionWindow } from "../subscriptions/window.ts";
import { subscriptionTable } from "../subscriptions/subscriptionTable.ts";
import { isComplete } from "../periods/options.ts";

const MS_PER_DAY = 86_400_000;

/**
 * Options of {@link subscriptionRenewalRate}.
 *
 * @category Revenue
 */
export type SubscriptionRenewalOptions<Row = SubscriptionIntervalRow> = SubscriptionAnalysisOptions<Row> & {
  /**
   * Days (of 24 hours) after a contract's end within which a next contract of
   * the same customer must start for it to count as renewed; default 0 (the
   * next contract starts when this one ends).
   */
  graceDays?: number;
};

/**
 * One period of {@link subscriptionRenewalRate}.
 *
 * @category Revenue
 */
export interface SubscriptionRenewalRow {
  /** The calendar period. */
  period: Period;
  /** Whether the period ended by `to`. */
  complete: boolean;
  /** Contracts whose end falls in the period (before `to`). */
  due: number;
  /** Due contracts followed by a next contract of the same customer within the grace period. */
  renewed: number;
  /** Due contracts with no next contract within the grace period. */
  notRenewed: number;
  /** Due contracts whose grace period reaches `to`: not decided yet, left out of the rate. */
  pending: number;
  /** renewed / (renewed + not renewed); `null` when no due contract is decided. */
  renewalRate: number | null;
}

/**
 * The renewal rate of fixed-term contracts due in each period: of the
 * contracts that came to their end in the period, the share that the customer
 * renewed.
 *
 * Each priced interval with an MRR above 0 and an end is one contract term,
 * due at its end (the first instant without it: a year from 2024-01-01 to
 * 2025-01-01 is due in January 2025). It counts as renewed when another
 * interval of the same customer with an MRR above 0 starts from its end to
 * `graceDays` days after it, and as pending when that window reaches `to`
 * (the data cannot tell yet). So give one row per contract term: a price
 * change inside a term written as two intervals reads as a renewal.
 *
 * Formula: renewal rate = renewed / (renewed + not renewed), the aggregate
 * {@link renewalRate} ([renewal rate](../../docs/definitions.md#renewal-rate)) over the decided
 * contracts due
 * in the period.
 *
 * @param subscriptions - priced intervals as rows or columns, or a {@link SubscriptionTable} made from them
 * @param options - `graceDays` (default 0), period options (`period` default `"month"`, `timeZone`,
 *   `weekStartsOn`, `from`, `to`) and the {@link subscriptionTable} options for rows
 * @returns one row per period, from the one holding `from` to the one holding the last instant before `to`
 * @throws {@link InvalidInputError} for bad rows, a bad option, `to` not after `from`, or MRR change
 *   events (which have no contract terms)
 * @see [Contract renewals](../../docs/definitions.md#contract-renewals) and [renewal rate](../../docs/definitions.md#renewal-rate);
 *   the `renewalRate` formula function for aggregates.
 * @example
 * ```ts
 * import { subscriptionRenewalRate } from "retention-metrics";
 * const rows = subscriptionRenewalRate([
 *   { customerId: "a", start: "2023-03-01", end: "2024-03-01", mrr: 100 },
 *   { customerId: "a", start: "2024-03-01", end: "2025-03-01", mrr: 110 }, // renewed
 *   { customerId: "b", start: "2023-03-10", end: "2024-03-10", mrr: 80 },  // not renewed
 *   { customerId: "c", start: "2023-03-20", end: "2024-03-20", mrr: 50 },
 *   { customerId: "c", start: "2024-03-25", end: "2025-03-25", mrr: 50 },  // renewed 5 days late
 * ], { from: "2024-03-01", to: "2024-04-01", graceDays: 7 });
 * console.log(rows[0]!.due, rows[0]!.renewed, rows[0]!.renewalRate); // 3 2 0.6666666666666666
 * ```
 * @category Revenue
 */
export function subscriptionRenewalRate<Row = SubscriptionIntervalRow>(
  subscriptions: SubscriptionsArgument<Row>,
  options: SubscriptionRenewalOptions<Row> = {},
): SubscriptionRenewalRow[] {
  requireOptions(options, "options", "{ graceDays: 7 }");
  const grace = requireNonNegative(options.graceDays ?? 0, "graceDays") * MS_PER_DAY;
  requireSynchronous(subscriptions, "subscriptions", "subscriptionTable");
  const table = subscriptionTable(subscriptions, options);
  const contracts = subscriptionColumns(table).contracts;
  if (contracts === null) {
    throw new InvalidInputError({ field: "subscriptions", value: "MRR change events", expected: "priced intervals { customerId, start, end?, mrr }: renewals need contract terms" });
  }
  const w = subscriptionWindow(table, options);
  if (w === null) return [];
  const { bucketer, to, firstReported } = w;
  const count = bucketer.periods.length;
  const due = new Float64Array(count);
  const renewed = new Float64Array(count);
  const pending = new Float64Array(count);
  const { offsets, start, end } = contracts;
  for (let c = 0; c + 1 < offsets.length; c++) {
    const lo = offsets[c]!;
    const hi = offsets[c + 1]!;
    for (let i = lo; i < hi; i++) {
      const e = end[i]!;
      if (!(e < to)) continue; // running, or due at or after `to` (NaN fails the test too)
      const p = bucketer.indexOf(e);
      if (p < firstReported) continue;
      due[p]!++;
      if (e + grace >= to) pending[p]!++;
      else if (startsWithin(start, lo, hi, e, e + grace)) renewed[p]!++;
    }
  }
  const rows: SubscriptionRenewalRow[] = [];
  for (let p = firstReported; p < count; p++) {
    const period = bucketer.periods[p]!;
    const decided = due[p]! - pending[p]!;
    rows.push({
      period,
      complete: isComplete(period, to),
      due: due[p]!,
      renewed: renewed[p]!,
      notRenewed: decided - renewed[p]!,
      pending: pending[p]!,
      renewalRate: decided > 0 ? renewalRate({ renewed: renewed[p]!, dueForRenewal: decided }) : null,
    });
  }
  return rows;
}

/** Whether some start in `start[lo..hi)` (ascending) lies in [from, until]. */
function startsWithin(start: Float64Array, lo: number, hi: number, from: number, until: number): boolean {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (start[mid]! < from) a = mid + 1;
    else b = mid;
  }
  return a < hi && start[a]! <= until;
}
