/**
 * `lness`: the L-ness histogram (how many users were active on exactly k of n days).
 *
 * @module
 */
import type { Instant } from "../periods/index.ts";
import { requireSynchronous } from "../validate.ts";
import { bucketEvents, type EventsArgument } from "../events/bucketEvents.ts";
import type { EventRow, EventTableOptions } from "../events/types.ts";
import { scanActivity } from "./scan.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import { lnessDays, lnessResult, lnessWindow } from "./lnessRows.ts";

/**
 * Options of {@link lness}.
 *
 * @category Activity
 */
export interface LnessOptions<Row = EventRow> extends EventTableOptions<Row>, ReturnEventOption {
  /** Window length n in days (L7, L28, ...); default 28. */
  days?: number;
  /**
   * The window's last day, inclusive: a `"YYYY-MM-DD"` day in `timeZone`, or an
   * instant standing for the day it falls in. Default: the day of the last event.
   */
  end?: Instant;
}

/**
 * One bar of the L-ness histogram.
 *
 * @category Activity
 */
export interface LnessBar {
  /** k: distinct active days in the window. */
  days: number;
  /** Users active on exactly k days. */
  users: number;
  /** users / active users in the window; `null` when nobody was active. */
  share: number | null;
}

/**
 * The result of {@link lness}.
 *
 * @category Activity
 */
export interface LnessResult {
  /** Window length n in days. */
  days: number;
  /** The window [start, end) in instants: n calendar days in `timeZone`. */
  start: Date;
  /** Exclusive end of the window. */
  end: Date;
  /** Users active on at least one day of the window (the histogram's total). */
  activeUsers: number;
  /** Bars for k = 1..n. */
  histogram: LnessBar[];
  /** Mean active days per active user; `null` when nobody was active. */
  meanActiveDays: number | null;
}

/**
 * The L-ness histogram of a window of n days: for k = 1..n, how many users were
 * active on exactly k distinct days (a user active 22 of 28 days is an "L22"
 * user). Days are calendar days in `timeZone`.
 *
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), a day is active with a return event; the window still ends on the day of the last event
 * of any name. `startEvent` is refused: this analysis forms no cohorts.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - `days` (default 28), `end` (default: the last event's day), `timeZone`
 *   and the {@link eventTable} options for rows
 * @returns the window, the histogram for k = 1..n, the active users and their mean active days
 * @throws {@link InvalidInputError} for bad rows, a `days` that is not a positive integer, or a bad `end`
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
 * @example
 * ```ts
 * import { lness } from "retention-metrics";
 * const r = lness([
 *   { customerId: "a", at: "2024-05-01T08:00:00Z" },
 *   { customerId: "a", at: "2024-05-02T08:00:00Z" },
 *   { customerId: "b", at: "2024-05-02T09:00:00Z" },
 * ], { days: 7, end: "2024-05-07" });
 * // b was active on 1 day of the 7, a on 2
 * console.log(r.histogram[0]!.users, r.histogram[1]!.users); // 1 1
 * ```
 * @category Activity
 */
export function lness<Row = EventRow>(events: EventsArgument<Row>, options: LnessOptions<Row> = {}): LnessResult {
  const n = lnessDays(options);
  requireSynchronous(events, "events", "eventTable");
  const all = eventTable(events, options);
  // With returnEvent, a day is active with a return event; the window still ends on the data's last day.
  const { table } = onReturnEvents(all, options, "lness", () => ({}));
  const w = lnessWindow(n, options, all.span?.last);
  const b = bucketEvents(table, { period: w.spec, from: w.start, to: w.end }, false)!;
  const activeDays = scanActivity(b, [], true).activePeriods;
  const counts = new Float64Array(n + 1);
  for (const k of activeDays) counts[k]!++;
  return lnessResult(w, (k) => counts[k]!);
}
