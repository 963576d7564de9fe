/**
 * `mrrMovements`: the MRR bridge of each calendar period (starting, new,
 * expansion, contraction, churned, reactivation, ending MRR) with revenue
 * retention and churn rates, from subscriptions.
 *
 * @module
 */
import { type Decimal, fromMinorUnits } from "../money.ts";
import type { Period } from "../periods/index.ts";
import { subscriptionColumns } from "../subscriptions/table.ts";
import type { SubscriptionRow, SubscriptionsArgument } from "../subscriptions/types.ts";
import { type SubscriptionAnalysisOptions, subscriptionWindow } from "../subscriptions/window.ts";
import { subscriptionTable } from "../subscriptions/subscriptionTable.ts";
import { isComplete } from "../periods/options.ts";
import { requireOptions, requireSynchronous } from "../validate.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * Options of {@link mrrMovements}: the period options and, for rows, {@link subscriptionTable}'s options.
 *
 * @category Revenue
 */
export type MrrMovementsOptions<Row = SubscriptionRow> = SubscriptionAnalysisOptions<Row>;

/**
 * One period of {@link mrrMovements}. MRR amounts are exact; counts are customers.
 *
 * @category Revenue
 */
export interface MrrMovementRow {
  /** The calendar period. */
  period: Period;
  /** Whether the period ended by `to` (the data's end); the rates are `null` otherwise. */
  complete: boolean;
  /** MRR at the period's start. */
  startingMrr: Decimal;
  /** MRR of first-ever subscriptions started in the period. */
  newMrr: Decimal;
  /** Rises of MRR of paying customers. */
  expansionMrr: Decimal;
  /** Falls of MRR of paying customers to a lower MRR above 0. */
  contractionMrr: Decimal;
  /** MRR lost when paying customers fell to 0. */
  churnedMrr: Decimal;
  /** MRR of former customers who came back. */
  reactivationMrr: Decimal;
  /** MRR at the period's end (at `to` for an incomplete period): starting + new + expansion + reactivation - contraction - churned. */
  endingMrr: Decimal;
  /** Customers paying at the period's start. */
  customersAtStart: number;
  /** Customers whose first-ever subscription started in the period. */
  newCustomers: number;
  /** Falls of a customer's MRR to 0 in the period (a customer who left twice counts twice). */
  churnedCustomers: number;
  /** Returns of former customers in the period (a customer who came back twice counts twice). */
  reactivatedCustomers: number;
  /** Customers paying at the period's end: at start + new + reactivated - churned. */
  customersAtEnd: number;
  /** (starting + expansion - contraction - churned) / starting; `null` when starting MRR is 0 or the period is incomplete. */
  netRevenueRetention: number | null;
  /** (starting - contraction - churned) / starting, at most 1; `null` when starting MRR is 0 or the period is incomplete. */
  grossRevenueRetention: number | null;
  /** (contraction + churned) / starting; `null` when starting MRR is 0 or the period is incomplete. */
  mrrChurnRate: number | null;
  /** churned customers / customers at start; `null` when there were none at the start or the period is incomplete. */
  customerChurnRate: number | null;
  /** (new + expansion + reactivation) / (contraction + churned); `null` with no losses or when the period is incomplete. */
  quickRatio: number | null;
}

/**
 * The MRR movements of each calendar period, from subscriptions: starting,
 * new, expansion, contraction, churned, reactivation and ending MRR, customers
 * at the start, new, churned, reactivated and at the end, and the revenue
 * retention rates.
 *
 * Definitions ([MRR movements](../../docs/definitions.md#mrr-movements)): each customer's MRR is a step function
 * of time (see {@link subscriptionTable}); every change of it inside a period
 * is a movement: from 0 to a positive MRR is new the first time and a
 * reactivation after that; a rise is expansion; a fall to a positive MRR is
 * contraction; a fall to 0 is churned (by the MRR it had). Starting MRR is the
 * MRR at the period's start, ending MRR at its end, so for every period,
 * exactly: starting + new + expansion + reactivation - contraction - churned
 * = ending, and the ending of one period is the starting of the next.
 * A customer is paying while their MRR is above 0.
 *
 * Rates: net revenue retention NRR = (starting + expansion - contraction -
 * churned) / starting; gross revenue retention GRR = (starting - contraction -
 * churned) / starting (at most 1, and at most NRR); MRR churn rate =
 * (contraction + churned) / starting; customer churn rate = churned customers /
 * customers at start; quick ratio = (new + expansion + reactivation) /
 * (contraction + churned). The movements are the period's totals, so a
 * customer who signs up and leaves within one period counts in churned MRR and
 * customers too (GRR can then fall below 0 and the churn rates exceed 1).
 *
 * Changes before `from` count as history (the MRR at `from`, who is new);
 * changes at or after `to` are ignored. By default `to` is just after the last
 * change: pass `to` (the day the data was exported, say) when subscriptions are
 * still running.
 *
 * @param subscriptions - rows (intervals or change events), columns or a {@link SubscriptionTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`,
 *   `to`) and the {@link subscriptionTable} options for rows
 * @returns one row per period, from the one holding `from` to the one holding the last instant before `to`
 * @throws {@link InvalidInputError} for bad rows (see {@link subscriptionTable}), a bad option or
 *   `to` not after `from`, or sums beyond 2^53 minor units
 * @throws {@link InconsistentDataError} for two change events of one customer at one instant with different MRRs
 * @see [MRR movements](../../docs/definitions.md#mrr-movements), [gross revenue retention](../../docs/definitions.md#gross-revenue-retention),
 *   [net revenue retention](../../docs/definitions.md#net-revenue-retention), [MRR churn rate](../../docs/definitions.md#mrr-churn-rate) and
 *   [quick ratio](../../docs/definitions.md#quick-ratio); the customer churn rate is
 *   [contractual customer churn](../../docs/definitions.md#contractual-customer-churn).
 * @example
 * ```ts
 * import { mrrMovements } from "retention-metrics";
 * const rows = mrrMovements([
 *   { customerId: "a", start: "2024-01-01", end: "2024-02-10", mrr: 100 },
 *   { customerId: "a", start: "2024-02-10", mrr: 150 },            // upgrade
 *   { customerId: "b", start: "2024-01-15", end: "2024-02-20", mrr: 50 }, // cancels
 *   { customerId: "c", start: "2024-02-05", mrr: 30 },             // new
 * ], { period: "month", to: "2024-03-01" });
 * const feb = rows[1]!;
 * console.log(feb.startingMrr.toString(), feb.expansionMrr.toString(), feb.churnedMrr.toString(), feb.endingMrr.toString()); // "150" "50" "50" "180"
 * console.log(feb.netRevenueRetention, feb.quickRatio); // 1 1.6
 * ```
 * @category Revenue
 */
export function mrrMovements<Row = SubscriptionRow>(subscriptions: SubscriptionsArgument<Row>, options: MrrMovementsOptions<Row> = {}): MrrMovementRow[] {
  requireOptions(options);
  requireSynchronous(subscriptions, "subscriptions", "subscriptionTable");
  const table = subscriptionTable(subscriptions, options);
  const w = subscriptionWindow(table, options);
  if (w === null) return [];
  const { offsets, time, level, currencyScale: scale } = subscriptionColumns(table);
  const { bucketer, to } = w;
  const count = bucketer.periods.length;
  // Per period, in minor units: 0 new, 1 expansion, 2 contraction, 3 churned, 4 reactivation;
  // and counts: 5 new, 6 churned, 7 reactivated customers.
  const sums = new Float64Array(count * 8);
  const customers = offsets.length - 1;
  for (let c = 0; c < customers; c++) {
    const first = offsets[c]!;
    const last = offsets[c + 1]!;
    let prev = 0;
    for (let i = first; i < last; i++) {
      const t = time[i]!;
      if (t >= to) break;
      const at = bucketer.indexOf(t) * 8;
      const now = level[i]!;
      if (prev === 0) {
        if (i === first) {
          sums[at]! += now;
          sums[at + 5]!++;
        } else {
          sums[at + 4]! += now;
          sums[at + 7]!++;
        }
      } else if (now === 0) {
        sums[at + 3]! += prev;
        sums[at + 6]!++;
      } else if (now > prev) {
        sums[at + 1]! += now - prev;
      } else {
        sums[at + 2]! += prev - now;
      }
      prev = now;
    }
  }

  const rows: MrrMovementRow[] = [];
  let startMrr = 0;
  let startCustomers = 0;
  for (let p = 0; p < count; p++) {
    const at = p * 8;
    const fresh = sums[at]!;
    const expansion = sums[at + 1]!;
    const contraction = sums[at + 2]!;
    const churned = sums[at + 3]!;
    const reactivation = sums[at + 4]!;
    const endMrr = startMrr + fresh + expansion + reactivation - contraction - churned;
    const endCustomers = startCustomers + sums[at + 5]! + sums[at + 7]! - sums[at + 6]!;
    if (p >= w.firstReported) {
      const period = bucketer.periods[p]!;
      const complete = isComplete(period, to);
      const losses = contraction + churned;
      const ofStart = (x: number) => (complete && startMrr > 0 ? x / startMrr : null);
      rows.push({
        period,
        complete,
        startingMrr: fromMinorUnits(startMrr, scale),
        newMrr: fromMinorUnits(fresh, scale),
        expansionMrr: fromMinorUnits(expansion, scale),
        contractionMrr: fromMinorUnits(contraction, scale),
        churnedMrr: fromMinorUnits(churned, scale),
        reactivationMrr: fromMinorUnits(reactivation, scale),
        endingMrr: fromMinorUnits(endMrr, scale),
        customersAtStart: startCustomers,
        newCustomers: sums[at + 5]!,
        churnedCustomers: sums[at + 6]!,
        reactivatedCustomers: sums[at + 7]!,
        customersAtEnd: endCustomers,
        netRevenueRetention: ofStart(startMrr + expansion - losses),
        grossRevenueRetention: ofStart(startMrr - losses),
        mrrChurnRate: ofStart(losses),
        customerChurnRate: complete && startCustomers > 0 ? sums[at + 6]! / startCustomers : null,
        quickRatio: complete && losses > 0 ? (fresh + expansion + reactivation) / losses : null,
      });
    }
    startMrr = endMrr;
    startCustomers = endCustomers;
  }
  return displayable(rows);
}
