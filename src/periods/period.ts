/**
 * Calendar periods: the day, week, month... that an instant falls in.
 *
 * @module
 */
import { periodContaining } from "./calendar.ts";
import { type Instant, toEpochMs } from "./instant.ts";
import { type PeriodSpec, type PeriodUnit, resolvePeriodSpec, type WeekStartsOn } from "./spec.ts";

/**
 * One calendar period, `[start, end)` in instants, bounded by local midnights of its time zone.
 *
 * Keys: day `2024-03-15`; week `2024-03-11` (the local date of its first day);
 * isoWeek `2024-W11` (ISO week-year, so 2024-12-30 is in `2025-W01`); month
 * `2024-03`; quarter `2024-Q1`; year `2024`. Within one unit, zone and week
 * start, keys sort in time order and name exactly one period.
 * @category Periods
 */
export interface Period {
  /** The calendar unit. */
  readonly unit: PeriodUnit;
  /** The period's name, e.g. `"2024-03"` (see above). */
  readonly key: string;
  /** First instant of the period: local midnight of its first day. */
  readonly start: Date;
  /** First instant after the period (exclusive): the next period's start. */
  readonly end: Date;
  /** The time zone whose local calendar defines the period. */
  readonly timeZone: string;
  /** First day of the week (0 Sunday .. 6 Saturday); 1 for `isoWeek`. */
  readonly weekStartsOn: WeekStartsOn;
}

/**
 * The calendar period that holds an instant.
 *
 * Rule: start = the local midnight in `spec.timeZone` that begins the instant's
 * day, week (starting on `weekStartsOn`), ISO week (Monday), month, quarter or
 * year; end = the start of the next such period. So `start <= at < end`, and a
 * day in a zone with DST lasts 23 or 25 hours on the nights the clocks change.
 * A string instant without an offset is read as wall-clock time in the spec's
 * zone (see {@link toEpochMs}). Where DST skips midnight, the day starts at the
 * change (00:30 after a jump from 23:30); where midnight happens twice, at the
 * first. Where clocks were set back across midnight (rare, historical), the
 * instants that show the previous date again belong to the day already under
 * way, so periods never overlap.
 *
 * @param at - the instant (Date, epoch ms, or ISO 8601 string)
 * @param spec - a unit such as `"month"`, or a {@link PeriodSpec}
 * @returns the period, frozen
 * @throws {@link InvalidInputError} when `at` is not a valid instant (field `"at"`) or the spec is invalid
 * @example
 * ```ts
 * import { periodOf } from "retention-metrics/periods";
 * const p = periodOf("2024-03-15T10:00:00Z", { unit: "month", timeZone: "America/New_York" });
 * // from midnight EST to midnight EDT
 * console.log(p.key, p.start.toISOString(), p.end.toISOString()); // "2024-03" "2024-03-01T05:00:00.000Z" "2024-04-01T04:00:00.000Z"
 * console.log(periodOf("2024-12-30", "isoWeek").key); // "2025-W01"
 * ```
 * @category Periods
 */
export function periodOf(at: Instant, spec: PeriodSpec | PeriodUnit): Period {
  const resolved = resolvePeriodSpec(spec);
  const ms = toEpochMs(at, { field: "at", timeZone: resolved.timeZone });
  return periodContaining(ms, resolved, "at", at);
}
