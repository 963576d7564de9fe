/**
 * `lifecycle`: growth accounting of active customers per period.
 *
 * @module
 */
import type { Period } from "../periods/index.ts";
import { bucketEvents, type BucketedEvents, type EventAnalysisOptions, type EventsArgument } from "../events/bucketEvents.ts";
import type { CustomerId, EventRow } from "../events/types.ts";
import { tableColumns } from "../events/table.ts";
import { InvalidInputError } from "../errors.ts";
import type { Instant } from "../periods/index.ts";
import { scanActivity } from "./scan.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import { requireOptions, requireSynchronous } from "../validate.ts";
import { countsOfWindowOne, CreationCounts, creationMs, type LifecycleCounts, lifecycleRows, lifecycleSettings } from "./lifecycleRows.ts";

/**
 * Who is new in {@link lifecycle}: a customer in the period of their first event (`"firstEvent"`), or
 * in the period of their creation (`"createdAt"`, PostHog's rule).
 *
 * @category Activity
 */
export type LifecycleNewBy = "firstEvent" | "createdAt";

/**
 * Which inactive periods {@link lifecycle} counts as dormant: the first one after activity only
 * (`"transition"`), or every one since the customer's last activity (`"state"`).
 *
 * @category Activity
 */
export type LifecycleDormant = "transition" | "state";

/**
 * When each customer was created (signed up): a function from a customer id to an instant, or a `Map`.
 *
 * @category Activity
 */
export type CreatedAt = ((customerId: CustomerId) => Instant | null | undefined) | ReadonlyMap<CustomerId, Instant>;

/**
 * Options of {@link lifecycle}.
 *
 * @category Activity
 */
export interface LifecycleOptions<Row = EventRow> extends EventAnalysisOptions<Row>, ReturnEventOption {
  /**
   * `"firstEvent"` (default; Amplitude and Mixpanel): new in the period of the first event;
   * `"createdAt"` (PostHog): new in the period of the customer's creation, given by `createdAt`, if
   * active then; a customer created earlier whose first activity comes later is resurrecting.
   */
  newBy?: LifecycleNewBy;
  /** With `newBy: "createdAt"`: each customer's creation instant, a function of the id or a `Map`. */
  createdAt?: CreatedAt;
  /**
   * `"transition"` (default; PostHog): dormant in the first period without activity after an active
   * one; `"state"`: dormant in every period without activity since the last active one.
   */
  dormant?: LifecycleDormant;
}

/**
 * One period of {@link lifecycle}.
 *
 * @category Activity
 */
export interface LifecycleRow {
  /** The calendar period. */
  period: Period;
  /** Whether the period ended by `to`. */
  complete: boolean;
  /** Active customers: new + returning + resurrecting. */
  active: number;
  /** First activity ever in this period. */
  new: number;
  /** Active in this period and the one before. */
  returning: number;
  /** Active in this period, not in the one before, and not new. */
  resurrecting: number;
  /**
   * Active in the period before and not in this one (with `dormant: "state"`: active in some period
   * before and not since), as a negative count (the growth-accounting convention).
   */
  dormant: number;
  /**
   * (new + resurrecting) / the customers who went dormant in the period (the transitions, whatever
   * `dormant` says): above 1 the active base grows; `null` when nobody went dormant.
   */
  quickRatio: number | null;
}

/**
 * The lifecycle (growth accounting) of active customers per period: new,
 * returning, resurrecting and dormant.
 *
 * Definitions ([lifecycle](../../docs/definitions.md#lifecycle)): new = first activity ever in p; returning
 * = active in p and p - 1; resurrecting = active in p, not in p - 1, not new;
 * dormant = active in p - 1, not in p, reported as a negative count. So
 * active(p) = new + returning + resurrecting and
 * active(p) - active(p - 1) = new + resurrecting + dormant.
 *
 * With `newBy: "createdAt"` ([lifecycle variants](../../docs/definitions.md#lifecycle-variants)), new =
 * active in p and created in p (PostHog keys "new" on the person's creation), returning = active in
 * p and p - 1 and not new, resurrecting = the rest of the active; a customer created before their
 * first activity is resurrecting then. With `dormant: "state"`, dormant counts every customer
 * active before p and not in p, not only those active in p - 1 (then the second identity above is
 * that of the transitions only, which the quick ratio always uses).
 *
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), activity (and, with `newBy: "firstEvent"`, the first activity) is a return event; the
 * periods are still those of all the data. `startEvent` is refused: this analysis forms no cohorts.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`, `to`),
 *   `newBy` (default `"firstEvent"`) with `createdAt`, `dormant` (default `"transition"`) and the
 *   {@link eventTable} options for rows
 * @returns one row per period
 * @throws {@link InvalidInputError} for bad rows or options: an unknown `newBy` or `dormant`,
 *   `newBy: "createdAt"` without `createdAt` (or `createdAt` without it), or a customer with events
 *   whose creation instant is missing or not an instant (the error names the customer)
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
 * @see PostHog, "Lifecycle" (https://posthog.com/docs/product-analytics/lifecycle).
 * @example
 * ```ts
 * import { lifecycle } from "retention-metrics";
 * const events = [
 *   { customerId: "a", at: "2024-01-05T00:00:00Z" },
 *   { customerId: "b", at: "2024-01-06T00:00:00Z" },
 *   { customerId: "a", at: "2024-02-05T00:00:00Z" },
 *   { customerId: "b", at: "2024-03-05T00:00:00Z" },
 *   { customerId: "c", at: "2024-01-07T00:00:00Z" },
 * ];
 * const rows = lifecycle(events);
 * // January: all new; February: a returns, b and c go dormant; March: b comes back, a goes dormant
 * console.log(rows.map((r) => [r.new, r.returning, r.resurrecting, r.dormant])); // [[3,0,0,0],[0,1,0,-2],[0,0,1,-1]]
 * // b signed up in December: resurrecting in January, not new; c stays dormant in March as a state
 * const created = new Map([["a", "2024-01-01"], ["b", "2023-12-01"], ["c", "2024-01-07"]]);
 * const other = lifecycle(events, { newBy: "createdAt", createdAt: created, dormant: "state" });
 * console.log(other.map((r) => [r.new, r.returning, r.resurrecting, r.dormant])); // [[2,0,1,0],[0,1,0,-2],[0,0,1,-2]]
 * ```
 * @category Activity
 */
export function lifecycle<Row = EventRow>(events: EventsArgument<Row>, options: LifecycleOptions<Row> = {}): LifecycleRow[] {
  requireOptions(options);
  const { newBy, dormantBy, createdAt } = lifecycleSettings(options);
  requireSynchronous(events, "events", "eventTable");
  // With returnEvent, activity (and a first activity, for newBy "firstEvent") is a return event; the periods are the data's.
  const { table, options: o } = onReturnEvents(eventTable(events, options), options, "lifecycle");
  const b = bucketEvents(table, o);
  if (b === null) return [];
  const counts = newBy === "createdAt" ? countByCreation(b, createdAt as CreatedAt, options.timeZone) : countByFirstEvent(b);
  return lifecycleRows(b.bucketer.periods.slice(b.firstReported), b.firstReported, b.to, counts, dormantBy);
}

/** New by first event: the activity scan's counts as they are. */
function countByFirstEvent(b: BucketedEvents): LifecycleCounts {
  const scan = scanActivity(b, [1]);
  return countsOfWindowOne({ ...scan, ...scan.windows[0]! });
}

/**
 * New by creation: one pass over the events in time order, each customer's
 * first event of a period compared with their last active period and their
 * creation period.
 */
function countByCreation(b: BucketedEvents, createdAt: CreatedAt, timeZone: string | undefined): LifecycleCounts {
  const { customer, time, ids } = tableColumns(b.table);
  const n = b.bucketer.periods.length;
  const edges = b.bucketer.boundaries;
  const created = new Float64Array(ids.length);
  const seenCustomer = new Uint8Array(ids.length);
  for (let i = b.firstEvent; i < b.eventCount; i++) seenCustomer[customer[i]!] = 1;
  for (let c = 0; c < ids.length; c++) {
    if (seenCustomer[c] === 0) continue;
    const t = creationMs(createdAt, ids[c]!, timeZone);
    // -1 before the first period, n after the last: never new in the periods looked at.
    created[c] = t < edges[0]! ? -1 : t >= edges[n]! ? n : b.bucketer.indexOf(t);
  }
  const counts = new CreationCounts(n);
  const last = new Int32Array(ids.length).fill(-1);
  for (let i = b.firstEvent; i < b.eventCount; i++) {
    const c = customer[i]!;
    const k = b.bucketer.indexOf(time[i]!);
    const prev = last[c]!;
    if (prev === k) continue;
    last[c] = k;
    counts.visit(prev, k, created[c]!);
  }
  for (let c = 0; c < ids.length; c++) counts.close(last[c]!);
  return counts;
}
