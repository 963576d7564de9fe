/**
 * `periodSummary`: the retention sheet of each calendar period, from raw events.
 *
 * @module
 */
import type { Decimal } from "../money.ts";
import type { Period } from "../periods/index.ts";
import { requireOptions, requirePositiveCount, requireSynchronous } from "../validate.ts";
import { bucketEvents, type EventAnalysisOptions, type EventsArgument } from "../events/bucketEvents.ts";
import type { EventRow } from "../events/types.ts";
import { scanActivity } from "./scan.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import { resolveIntervalOptions, type ConfidenceInterval } from "../stats/wilson.ts";
import { periodSummaryRows } from "./summaryRows.ts";

/**
 * Options of {@link periodSummary}.
 *
 * @category Activity
 */
export interface PeriodSummaryOptions<Row = EventRow> extends EventAnalysisOptions<Row>, ReturnEventOption {
  /**
   * A customer is "current" at the end of a period when active in the last
   * `activeWindow` periods (this one included); default 1.
   */
  activeWindow?: number;
  /** Add Wilson intervals to the retention, churn and repeat-customer rates (`intervals`); default false. */
  interval?: boolean;
  /** Confidence level of the intervals, strictly between 0 and 1; default 0.95. */
  confidence?: number;
}

/**
 * The Wilson intervals of a {@link PeriodSummaryRow}'s proportions, with `interval: true`; each is
 * `null` where its rate is.
 *
 * @category Activity
 */
export interface PeriodSummaryIntervals {
  /** Of retained out of S. */
  retentionRate: ConfidenceInterval | null;
  /** Of lost out of S. */
  churnRate: ConfidenceInterval | null;
  /** Of repeat customers out of active customers. */
  repeatCustomerRate: ConfidenceInterval | null;
}

/**
 * One period of {@link periodSummary}. Counts are customers unless named otherwise.
 *
 * @category Activity
 */
export interface PeriodSummaryRow {
  /** The calendar period. */
  period: Period;
  /** Whether the period ended by `to` (the data's end); rates that need a whole period are `null` otherwise. */
  complete: boolean;
  /** Customers with at least one event in the period. */
  activeCustomers: number;
  /** Customers whose first event ever falls in the period. */
  newCustomers: number;
  /** S: customers current at the period's start (active in the `activeWindow` periods before it). */
  customersAtStart: number;
  /** E: customers current at the period's end (active in the last `activeWindow` periods, this one included). */
  customersAtEnd: number;
  /** Current at the start and still current at the end. */
  retainedCustomers: number;
  /** Current at the start, not at the end: S - retained. */
  lostCustomers: number;
  /** Current at the end, not at the start, and not new. */
  reactivatedCustomers: number;
  /**
   * The classic formula (E - N) / S, which counts reactivated customers as retained, so it can
   * exceed 1 when more customers come back than leave; `null` when S = 0 or the period is incomplete.
   */
  customerRetentionRate: number | null;
  /** Identity-based retention, retained / S; `null` when S = 0 or the period is incomplete. */
  retentionRate: number | null;
  /** lost / S; `null` when S = 0 or the period is incomplete. */
  churnRate: number | null;
  /** Events in the period. */
  orders: number;
  /** Sum of the period's amounts, exact. */
  revenue: Decimal;
  /** revenue / orders; `null` without orders. */
  averageOrderValue: Decimal | null;
  /** orders / active customers; `null` without active customers. */
  purchaseFrequency: number | null;
  /** Active customers with 2+ events in the period / active customers; `null` without active customers. */
  repeatCustomerRate: number | null;
  /**
   * With `interval: true`: the Wilson intervals of `retentionRate`, `churnRate` and
   * `repeatCustomerRate` (the classic `customerRetentionRate` is not a proportion: it can exceed 1).
   */
  intervals?: PeriodSummaryIntervals;
}

/**
 * The retention sheet of each calendar period, from raw events: active, new,
 * S, E, retained, lost and reactivated customers, the classic and the
 * identity-based retention rates, churn, orders, revenue, average order value,
 * purchase frequency and repeat customer rate.
 *
 * Definitions ([who is a customer when](../../docs/definitions.md#2-from-events-who-is-a-customer-when)):
 * a customer is current at the end of p when
 * active in p - activeWindow + 1 .. p; S(p) = E(p - 1); retained = current at
 * both ends; lost = S - retained; reactivated = current at the end, not new, not
 * current at the start; so E = retained + new + reactivated. The classic
 * CRR = (E - N) / S; retentionRate = retained / S; churnRate = lost / S.
 * Events before `from` count as history (who is new, who was current); events
 * at or after `to` are ignored. With `interval: true`, each row's `intervals`
 * has the Wilson score intervals of retained out of S, lost out of S and
 * repeat out of active customers ([confidence intervals](../../docs/definitions.md#confidence-intervals)).
 *
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), active, new and repeat customers, orders and revenue count the return events only; the
 * periods are still those of all the data. `startEvent` is refused: this analysis forms no cohorts.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`, `to`),
 *   `activeWindow` (default 1), `interval` (default false), `confidence` (default 0.95) and the
 *   {@link eventTable} options for rows
 * @returns one row per period from the one containing `from` to the one containing the last instant before `to`
 * @throws {@link InvalidInputError} for bad rows (see {@link eventTable}), a bad option or `to` not after `from`
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
 * @example
 * ```ts
 * import { periodSummary } from "retention-metrics";
 * const rows = periodSummary([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
 *   { customerId: "b", at: "2024-01-09T10:00:00Z", amount: 35 },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 15 },
 * ], { period: "month", to: "2024-03-01T00:00:00Z" });
 * console.log(rows[1]!.period.key, rows[1]!.customersAtStart, rows[1]!.retentionRate); // "2024-02" 2 0.5
 * const ci = periodSummary([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
 *   { customerId: "b", at: "2024-01-09T10:00:00Z", amount: 35 },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 15 },
 * ], { to: "2024-03-01T00:00:00Z", interval: true })[1]!.intervals!.retentionRate!;
 * console.log(ci.lower.toFixed(3), ci.upper.toFixed(3), ci.confidence); // "0.095" "0.905" 0.95
 * ```
 * @category Activity
 */
export function periodSummary<Row = EventRow>(events: EventsArgument<Row>, options: PeriodSummaryOptions<Row> = {}): PeriodSummaryRow[] {
  requireOptions(options);
  const activeWindow = requirePositiveCount(options.activeWindow ?? 1, "activeWindow");
  const { interval, confidence } = resolveIntervalOptions(options);
  requireSynchronous(events, "events", "eventTable");
  // With returnEvent, the events that count (activity, orders, revenue, new customers) are those; the periods are the data's.
  const { table, options: o } = onReturnEvents(eventTable(events, options), options, "periodSummary");
  const b = bucketEvents(table, o);
  if (b === null) return [];
  const scan = scanActivity(b, [activeWindow]);
  const counts = scan.windows[0]!;
  return periodSummaryRows(b.bucketer.periods.slice(b.firstReported), b.firstReported, b.to, { ...scan, ...counts }, table.currencyScale, { interval, confidence });
}
