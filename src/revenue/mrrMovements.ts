/**
 * `mrrMovements`: the MRR bridge of each calendar period (starting, new,
 * expansion, contraction, churned, reactivation, ending MRR) with revenue
 * retention and churn rates, from subscriptions.
 *
 * @module
 */
import { type Decimal, fromMinorUnits } from "../money.ts";
import type { Period } from "../periods/index.ts";
import { type MrrConventionOptions, mrrSteps, resolveConventions } from "../subscriptions/mrrSteps.ts";
import type { SubscriptionRow, SubscriptionsArgument } from "../subscriptions/types.ts";
import { type SubscriptionAnalysisOptions, subscriptionWindow } from "../subscriptions/window.ts";
import { subscriptionTable } from "../subscriptions/subscriptionTable.ts";
import { isComplete } from "../periods/options.ts";
import { requireOneOf, requireOptions, requireSynchronous } from "../validate.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * Options of {@link mrrMovements}: the period options and, for rows, {@link subscriptionTable}'s options.
 *
 * @category Revenue
 */
export type MrrMovementsOptions<Row = SubscriptionRow> = SubscriptionAnalysisOptions<Row> &
  MrrConventionOptions & {
    /**
     * `"events"` (default): every change of a customer's MRR inside the period is a movement
     * (ChartMogul, Stripe); `"snapshot"`: one movement per customer, from their MRR at the period's
     * start to their MRR at its end (dbt's mrr-playbook, Fivetran, Recurly).
     */
    movements?: MrrMovementMode;
  };

/**
 * How {@link mrrMovements} turns a customer's changes of MRR in a period into movements.
 *
 * @category Revenue
 */
export type MrrMovementMode = "events" | "snapshot";

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
  /**
   * Customers whose first-ever subscription started in the period and who fell to 0 MRR in it too
   * (ProfitWell's "new cancelled"); counted in both movement modes, though `"snapshot"` books them
   * no movement.
   */
  newCancelledCustomers: number;
  /** Customers paying at the period's end: at start + new + reactivated - churned. */
  customersAtEnd: number;
  /** (starting + expansion - contraction - churned) / starting; `null` when starting MRR is 0 or the period is incomplete. */
  netRevenueRetention: number | null;
  /**
   * (starting - contraction - churned) / starting, kept within [0, 1] (new customers who leave in
   * the period can make the plain ratio negative); `null` when starting MRR is 0 or the period is
   * incomplete.
   */
  grossRevenueRetention: number | null;
  /**
   * Net revenue retention of the starting base only: the MRR at the period's end of the customers
   * paying at its start (reactivated within the period included) / starting MRR; `null` when
   * starting MRR is 0 or the period is incomplete.
   */
  startingBaseNetRevenueRetention: number | null;
  /**
   * Gross revenue retention of the starting base only: (starting - the contraction and churned MRR
   * of the customers paying at the start) / starting, within [0, 1]; `null` as above.
   */
  startingBaseGrossRevenueRetention: number | null;
  /** (contraction + churned) / starting; `null` when starting MRR is 0 or the period is incomplete. */
  mrrChurnRate: number | null;
  /** churned customers / customers at start; `null` when there were none at the start or the period is incomplete. */
  customerChurnRate: number | null;
  /** (new + expansion + reactivation) / (contraction + churned), as Stripe counts it; `null` with no losses or when the period is incomplete. */
  quickRatio: number | null;
  /** (new + expansion) / (contraction + churned), without reactivation, as Baremetrics counts it; `null` as above. */
  quickRatioWithoutReactivation: number | null;
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
 * With `movements: "snapshot"`, a customer has at most one movement a period,
 * from their MRR at its start to their MRR at its end (an upgrade then a
 * cancellation in one month is churn of the starting MRR; a customer who
 * comes and goes inside one period has none, and is new when they return).
 * The bridge holds the same way and the net change of every period is the
 * same in both modes ([snapshot movements](../../docs/definitions.md#snapshot-mrr-movements)).
 *
 * Conventions ([churn recognition, grouping and gaps](../../docs/definitions.md#mrr-conventions)):
 * `churnRecognition: "cancelDate"` ends each interval that has a `canceledAt`
 * then (ChartMogul's "cancellation date" setting; default `"periodEnd"`, the
 * interval's end); `groupWithin` (ms) merges a customer's changes less than
 * that after a group's first into one (ChartMogul merges within 60 minutes);
 * `reactivationGap` (ms) reads a fall to 0 followed by a return less than that
 * later as a continuation at the earlier MRR, not a churn and a reactivation
 * (0 for ChartMogul and Stripe). Changes at or after `to` decide no group or gap.
 *
 * Rates: net revenue retention NRR = (starting + expansion - contraction -
 * churned) / starting; gross revenue retention GRR = (starting - contraction -
 * churned) / starting, kept within [0, 1]; the same two of the starting base
 * only (the customers paying at the start: their MRR at the end / starting,
 * and starting less their contraction and churn / starting); MRR churn rate =
 * (contraction + churned) / starting; customer churn rate = churned customers /
 * customers at start; quick ratio = (new + expansion + reactivation) /
 * (contraction + churned), and without reactivation (new + expansion) /
 * (contraction + churned). The movements are the period's totals, so a
 * customer who signs up and leaves within one period counts in churned MRR and
 * customers too (the churn rates can then exceed 1); `newCancelledCustomers`
 * counts them.
 *
 * Changes before `from` count as history (the MRR at `from`, who is new);
 * changes at or after `to` are ignored. By default `to` is just after the last
 * change: pass `to` (the day the data was exported, say) when subscriptions are
 * still running.
 *
 * @param subscriptions - rows (intervals or change events), columns or a {@link SubscriptionTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`,
 *   `to`), `movements` (default `"events"`), `churnRecognition` (default `"periodEnd"`),
 *   `groupWithin` and `reactivationGap` (ms, default 0) and the {@link subscriptionTable} options for rows
 * @returns one row per period, from the one holding `from` to the one holding the last instant before `to`
 * @throws {@link InvalidInputError} for bad rows (see {@link subscriptionTable}), a bad option (an
 *   unknown `movements` or `churnRecognition`, a negative or non-finite `groupWithin` or
 *   `reactivationGap`, named in the error) or `to` not after `from`, or sums beyond 2^53 minor units
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
 * // One movement per customer and period: a's upgrade is still expansion, b's cancellation churn.
 * const snap = mrrMovements([
 *   { customerId: "d", start: "2024-01-01", end: "2024-02-10", mrr: 100 },
 *   { customerId: "d", start: "2024-02-10", end: "2024-02-20", mrr: 150 }, // upgrade, then cancels
 * ], { to: "2024-03-01", movements: "snapshot" })[1]!;
 * console.log(snap.expansionMrr.toString(), snap.churnedMrr.toString()); // "0" "100"
 * ```
 * @category Revenue
 */
export function mrrMovements<Row = SubscriptionRow>(subscriptions: SubscriptionsArgument<Row>, options: MrrMovementsOptions<Row> = {}): MrrMovementRow[] {
  requireOptions(options);
  const movements = requireOneOf(options.movements ?? "events", "movements", ["events", "snapshot"] as const);
  const conventions = resolveConventions(options);
  requireSynchronous(subscriptions, "subscriptions", "subscriptionTable");
  const table = subscriptionTable(subscriptions, options);
  const w = subscriptionWindow(table, options);
  if (w === null) return [];
  const { bucketer, to } = w;
  const { offsets, time, level } = mrrSteps(table, conventions, to);
  const scale = table.currencyScale;
  const count = bucketer.periods.length;
  const edges = bucketer.boundaries;
  const snapshot = movements === "snapshot";
  const sums = new Float64Array(count * SLOTS);
  const customers = offsets.length - 1;
  if (!snapshot) {
    // Every change a movement, in one pass over each customer's changes (the default path, kept as
    // lean as before the options: the starting-base and new-cancelled sums are booked when a
    // customer's period closes).
    for (let c = 0; c < customers; c++) {
      const first = offsets[c]!;
      const last = offsets[c + 1]!;
      let prev = 0;
      let at = -1;
      let periodEnd = -Infinity;
      let startLevel = 0;
      let newHere = false;
      let fell = false;
      let baseLosses = 0;
      for (let i = first; i < last; i++) {
        const t = time[i]!;
        if (t >= to) break;
        if (t >= periodEnd) {
          // at < 0 before the first period: startLevel is 0 and newHere false then, so nothing is booked.
          // Inlined close of the previous period (a call here costs a third of the loop).
          if (startLevel > 0) {
            sums[at + BASE_CHANGE]! += prev - startLevel;
            sums[at + BASE_LOSSES]! += baseLosses;
          } else if (newHere && fell) sums[at + NEW_CANCELLED]!++;
          const p = bucketer.indexOf(t);
          at = p * SLOTS;
          periodEnd = edges[p + 1]!;
          startLevel = prev;
          newHere = i === first;
          fell = false;
          baseLosses = 0;
        }
        const now = level[i]!;
        if (prev === 0) {
          if (i === first) {
            sums[at + NEW]! += now;
            sums[at + NEW_CUSTOMERS]!++;
          } else {
            sums[at + REACTIVATION]! += now;
            sums[at + REACTIVATED_CUSTOMERS]!++;
          }
        } else {
          if (startLevel > 0) baseLosses += prev > now ? prev - now : 0;
          if (now === 0) {
            fell = true;
            sums[at + CHURNED]! += prev;
            sums[at + CHURNED_CUSTOMERS]!++;
          } else if (now > prev) {
            sums[at + EXPANSION]! += now - prev;
          } else {
            sums[at + CONTRACTION]! += prev - now;
          }
        }
        prev = now;
      }
      if (at >= 0) closePeriod(sums, at, startLevel, prev, baseLosses, newHere && fell);
    }
  } else {
    for (let c = 0; c < customers; c++) {
      const last = offsets[c + 1]!;
      let i = offsets[c]!;
      let prev = 0;
      let everPaid = false;
      // Snapshots see a customer only at period ends: one who came and went inside a period is new when they return.
      let paidAtAnEnd = false;
      // Period by period through the customer's changes: `startLevel` is the MRR at the period's start.
      while (i < last && time[i]! < to) {
        const p = bucketer.indexOf(time[i]!);
        const at = p * SLOTS;
        const periodEnd = Math.min(edges[p + 1]!, to);
        const startLevel = prev;
        const paidBefore = everPaid;
        let fell = false;
        for (; i < last && time[i]! < periodEnd; i++) {
          const now = level[i]!;
          if (now === 0) fell = true;
          if (now > 0) everPaid = true;
          prev = now;
        }
        if (prev !== startLevel) addMovement(sums, at, startLevel, prev, paidAtAnEnd);
        if (prev > 0) paidAtAnEnd = true;
        closePeriod(sums, at, startLevel, prev, Math.max(0, startLevel - prev), !paidBefore && fell);
      }
    }
  }

  const rows: MrrMovementRow[] = [];
  let startMrr = 0;
  let startCustomers = 0;
  for (let p = 0; p < count; p++) {
    const at = p * SLOTS;
    const fresh = sums[at + NEW]!;
    const expansion = sums[at + EXPANSION]!;
    const contraction = sums[at + CONTRACTION]!;
    const churned = sums[at + CHURNED]!;
    const reactivation = sums[at + REACTIVATION]!;
    const endMrr = startMrr + fresh + expansion + reactivation - contraction - churned;
    const endCustomers = startCustomers + sums[at + NEW_CUSTOMERS]! + sums[at + REACTIVATED_CUSTOMERS]! - sums[at + CHURNED_CUSTOMERS]!;
    if (p >= w.firstReported) {
      const period = bucketer.periods[p]!;
      const complete = isComplete(period, to);
      const losses = contraction + churned;
      const ofStart = (x: number) => (complete && startMrr > 0 ? x / startMrr : null);
      const gross = (x: number) => (complete && startMrr > 0 ? Math.min(1, Math.max(0, x / startMrr)) : null);
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
        newCustomers: sums[at + NEW_CUSTOMERS]!,
        churnedCustomers: sums[at + CHURNED_CUSTOMERS]!,
        reactivatedCustomers: sums[at + REACTIVATED_CUSTOMERS]!,
        newCancelledCustomers: sums[at + NEW_CANCELLED]!,
        customersAtEnd: endCustomers,
        netRevenueRetention: ofStart(startMrr + expansion - losses),
        grossRevenueRetention: gross(startMrr - losses),
        startingBaseNetRevenueRetention: ofStart(startMrr + sums[at + BASE_CHANGE]!),
        startingBaseGrossRevenueRetention: gross(startMrr - sums[at + BASE_LOSSES]!),
        mrrChurnRate: ofStart(losses),
        customerChurnRate: complete && startCustomers > 0 ? sums[at + CHURNED_CUSTOMERS]! / startCustomers : null,
        quickRatio: complete && losses > 0 ? (fresh + expansion + reactivation) / losses : null,
        quickRatioWithoutReactivation: complete && losses > 0 ? (fresh + expansion) / losses : null,
      });
    }
    startMrr = endMrr;
    startCustomers = endCustomers;
  }
  return displayable(rows);
}

// Per period, SLOTS numbers: MRR movements in minor units, then counts of customers, then the
// starting base's net change and losses of MRR.
const NEW = 0;
const EXPANSION = 1;
const CONTRACTION = 2;
const CHURNED = 3;
const REACTIVATION = 4;
const NEW_CUSTOMERS = 5;
const CHURNED_CUSTOMERS = 6;
const REACTIVATED_CUSTOMERS = 7;
const NEW_CANCELLED = 8;
const BASE_CHANGE = 9;
const BASE_LOSSES = 10;
const SLOTS = 11;

/** Books a customer's period into the starting base's sums (when paying at its start) and the new-cancelled count. */
function closePeriod(sums: Float64Array, at: number, startLevel: number, endLevel: number, baseLosses: number, newCancelled: boolean): void {
  if (startLevel > 0) {
    sums[at + BASE_CHANGE]! += endLevel - startLevel;
    sums[at + BASE_LOSSES]! += baseLosses;
  }
  if (newCancelled) sums[at + NEW_CANCELLED]!++;
}

/** Books one movement of a customer's MRR from `before` to `after` (they differ) in the period at `at`. */
function addMovement(sums: Float64Array, at: number, before: number, after: number, everPaid: boolean): void {
  if (before === 0) {
    if (everPaid) {
      sums[at + REACTIVATION]! += after;
      sums[at + REACTIVATED_CUSTOMERS]!++;
    } else {
      sums[at + NEW]! += after;
      sums[at + NEW_CUSTOMERS]!++;
    }
  } else if (after === 0) {
    sums[at + CHURNED]! += before;
    sums[at + CHURNED_CUSTOMERS]!++;
  } else if (after > before) {
    sums[at + EXPANSION]! += after - before;
  } else {
    sums[at + CONTRACTION]! += before - after;
  }
}
