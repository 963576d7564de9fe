/**
 * `activeUsers`: DAU, WAU, MAU and stickiness per day.
 *
 * @module
 */
import type { Period } from "../periods/index.ts";
import { requireSynchronous } from "../validate.ts";
import { bucketEvents, type EventAnalysisOptions, type EventsArgument } from "../events/bucketEvents.ts";
import type { EventRow } from "../events/types.ts";
import { scanActivity } from "./scan.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import type { ConfidenceInterval } from "../stats/wilson.ts";
import { activeUsersResult, activeUsersSettings } from "./activeUsersRows.ts";

/**
 * How WAU and MAU are counted: trailing windows of days ending each day, or calendar weeks and months.
 *
 * @category Activity
 */
export type ActiveUsersDefinition = "trailing" | "calendar";

/**
 * Options of {@link activeUsers}. The `period` option is ignored: rows are always days.
 *
 * @category Activity
 */
export interface ActiveUsersOptions<Row = EventRow> extends Omit<EventAnalysisOptions<Row>, "period">, ReturnEventOption {
  /** `"trailing"` (default, as product analytics tools count) or `"calendar"`. */
  definition?: ActiveUsersDefinition;
  /** Length of the trailing "week" window in days; default 7. */
  weekWindow?: number;
  /** Length of the trailing "month" window in days; default 28 (30 is the other common choice). */
  monthWindow?: number;
  /** Add the Wilson interval of each day's stickiness (`stickinessInterval`); default false. */
  interval?: boolean;
  /** Confidence level of the intervals, strictly between 0 and 1; default 0.95. */
  confidence?: number;
}

/**
 * One day of {@link activeUsers}.
 *
 * @category Activity
 */
export interface ActiveUsersDay {
  /** The calendar day. */
  day: Period;
  /** Whether the day ended by `to`. */
  complete: boolean;
  /** Distinct users active that day. */
  dau: number;
  /** Distinct users active in the trailing week window ending that day, or in the calendar week containing it. */
  wau: number;
  /** Distinct users active in the trailing month window ending that day, or in the calendar month containing it. */
  mau: number;
  /** dau / mau; `null` when mau = 0. */
  stickiness: number | null;
  /** With `interval: true`: the Wilson interval of dau out of mau; `null` when mau = 0. */
  stickinessInterval?: ConfidenceInterval | null;
}

/**
 * The result of {@link activeUsers}.
 *
 * @category Activity
 */
export interface ActiveUsersResult {
  /** How WAU and MAU were counted. */
  definition: ActiveUsersDefinition;
  /** The trailing week window in days, or `null` for calendar weeks. */
  weekWindow: number | null;
  /** The trailing month window in days, or `null` for calendar months. */
  monthWindow: number | null;
  /** One row per day from `from` to the last day before `to`. */
  days: ActiveUsersDay[];
  /** The confidence level of the intervals, with `interval: true`. */
  confidence?: number;
}

/**
 * Daily, weekly and monthly active users and stickiness (DAU / MAU) for each day.
 *
 * Definitions ([DAU, WAU and MAU](../../docs/definitions.md#dau-wau-and-mau)): DAU = distinct users active on the day;
 * with `definition: "trailing"` (default), WAU and MAU = distinct users active
 * in the `weekWindow` (7) and `monthWindow` (28) days ending that day, so
 * DAU <= WAU <= MAU; with `"calendar"`, the distinct users of the whole calendar
 * week (`weekStartsOn`) and month containing the day (to `to` for the last
 * ones). Days are calendar days in `timeZone`. Events before `from` count
 * towards the trailing windows of the first days. Stickiness = DAU / MAU
 * ([stickiness](../../docs/definitions.md#stickiness)); PostHog's "stickiness"
 * is another thing, the histogram of {@link lness}. With `interval: true`, each
 * day's `stickinessInterval` is the Wilson score interval of DAU out of MAU
 * (the day's users are among the month's).
 *
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), a user is active on a day with a return event; the days are still those of all the data.
 * `startEvent` is refused: this analysis forms no cohorts.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - `definition`, `weekWindow`, `monthWindow`, `interval` (default false), `confidence`
 *   (default 0.95), `timeZone`, `weekStartsOn`, `from`, `to`, and the {@link eventTable} options for rows
 * @returns the definition used and one row per day
 * @throws {@link InvalidInputError} for bad rows or options (a window that is not a positive integer,
 *   or a week window longer than the month window)
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
 * @example
 * ```ts
 * import { activeUsers } from "retention-metrics";
 * const { days } = activeUsers([
 *   { customerId: "a", at: "2024-05-01T08:00:00Z" },
 *   { customerId: "b", at: "2024-05-02T08:00:00Z" },
 *   { customerId: "a", at: "2024-05-02T09:00:00Z" },
 * ]);
 * console.log(days[1]!.dau, days[1]!.mau, days[1]!.stickiness); // 2 2 1
 * const first = activeUsers([
 *   { customerId: "a", at: "2024-05-01T08:00:00Z" },
 *   { customerId: "b", at: "2024-05-02T08:00:00Z" },
 * ], { interval: true }).days[1]!;
 * console.log(first.stickiness, first.stickinessInterval!.lower.toFixed(3)); // 0.5 "0.095"
 * ```
 * @category Activity
 */
export function activeUsers<Row = EventRow>(events: EventsArgument<Row>, options: ActiveUsersOptions<Row> = {}): ActiveUsersResult {
  const settings = activeUsersSettings(options);
  requireSynchronous(events, "events", "eventTable");
  // With returnEvent, a user is active on a day with a return event; the days are the data's.
  const { table, options: o } = onReturnEvents(eventTable(events, options), options, "activeUsers");
  const dayOptions = { ...o, period: "day" as const };
  const daily = bucketEvents(table, dayOptions);
  if (daily === null) return activeUsersResult(settings, null, 0, () => 0, () => 0, () => 0);
  const trailing = settings.definition === "trailing";
  const scan = scanActivity(daily, trailing ? [settings.weekWindow, settings.monthWindow] : []);
  const first = daily.firstReported;
  let wau: (p: number) => number;
  let mau: (p: number) => number;
  if (trailing) {
    const week = scan.windows[0]!.current;
    const month = scan.windows[1]!.current;
    wau = (i) => week[first + i]!;
    mau = (i) => month[first + i]!;
  } else {
    const days = daily.bucketer.periods;
    const weeks = calendarCounts(days, table, { ...o, period: "week" });
    const months = calendarCounts(days, table, { ...o, period: "month" });
    wau = (i) => weeks(first + i);
    mau = (i) => months(first + i);
  }
  const active = scan.active;
  return activeUsersResult(settings, daily.bucketer.periods.slice(first, scan.periods), daily.to, (i) => active[first + i]!, wau, mau);
}

/** Distinct users of the calendar period containing each day, read by day index. */
function calendarCounts(
  days: readonly Period[],
  table: Parameters<typeof bucketEvents>[0],
  options: Parameters<typeof bucketEvents>[1],
): (p: number) => number {
  const b = bucketEvents(table, options)!;
  const active = scanActivity(b, []).active;
  return (p) => {
    const k = b.bucketer.indexOf(days[p]!.start.getTime());
    return k < 0 ? 0 : active[k]!;
  };
}
