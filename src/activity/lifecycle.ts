/**
 * `lifecycle`: growth accounting of active customers per period.
 *
 * @module
 */
import type { Period } from "../periods/index.ts";
import { bucketEvents, type EventAnalysisOptions, type EventsArgument } from "../events/bucketEvents.ts";
import type { EventRow } from "../events/types.ts";
import { scanActivity } from "./scan.ts";
import { eventTable } from "../events/eventTable.ts";
import { requireOptions, requireSynchronous } from "../validate.ts";
import { lifecycleRows } from "./lifecycleRows.ts";

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
  /** Active in the period before and not in this one, as a negative count (the growth-accounting convention). */
  dormant: number;
  /** (new + resurrecting) / |dormant|: above 1 the active base grows; `null` when nobody went dormant. */
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
 * @param events - rows, columns or an {@link EventTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`, `to`)
 *   and the {@link eventTable} options for rows
 * @returns one row per period
 * @throws {@link InvalidInputError} for bad rows or options
 * @example
 * ```ts
 * import { lifecycle } from "retention-metrics";
 * const rows = lifecycle([
 *   { customerId: "a", at: "2024-01-05T00:00:00Z" },
 *   { customerId: "b", at: "2024-01-06T00:00:00Z" },
 *   { customerId: "a", at: "2024-02-05T00:00:00Z" },
 *   { customerId: "b", at: "2024-03-05T00:00:00Z" },
 * ]);
 * // January: a and b are new; February: a returns, b goes dormant; March: b comes back, a goes dormant
 * console.log(rows.map((r) => [r.new, r.returning, r.resurrecting, r.dormant])); // [[2,0,0,0],[0,1,0,-1],[0,0,1,-1]]
 * ```
 * @category Activity
 */
export function lifecycle<Row = EventRow>(events: EventsArgument<Row>, options: EventAnalysisOptions<Row> = {}): LifecycleRow[] {
  requireOptions(options);
  requireSynchronous(events, "events", "eventTable");
  const table = eventTable(events, options);
  const b = bucketEvents(table, options);
  if (b === null) return [];
  const scan = scanActivity(b, [1]);
  return lifecycleRows(b.bucketer.periods.slice(b.firstReported), b.firstReported, b.to, { ...scan, ...scan.windows[0]! });
}
