/**
 * Moving a period by whole periods: the next month, the week before, the
 * same quarter a year later.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { addUnits, dayStartMs, localDayOf, periodContaining, unitStartDay } from "./calendar.ts";
import type { Period } from "./period.ts";
import { resolvePeriodSpec } from "./spec.ts";

/**
 * The period `n` periods after `period` (before it when `n` is negative).
 *
 * Rule: add `n` units to the period's start on the local calendar of its time
 * zone and take the start of the period there, with the same unit, zone and
 * week start. Calendar arithmetic, not fixed milliseconds, so a day after a
 * DST change still starts at local midnight. `shiftPeriod(p, 1).start` equals
 * `p.end`, and `shiftPeriod(shiftPeriod(p, n), -n)` is `p`.
 *
 * @param period - a period, as returned by {@link periodOf} or {@link periodRange}
 * @param n - the number of periods to move, a safe integer (0 returns an equal period)
 * @returns the shifted period, frozen
 * @throws {@link InvalidInputError} when `n` is not an integer, `period` is not a valid period, or
 *   the result falls outside the Date range
 * @example
 * ```ts
 * import { periodOf, shiftPeriod } from "retention-metrics/periods";
 * const march = periodOf("2024-03-15T12:00:00Z", "month");
 * console.log(shiftPeriod(march, 1).key, shiftPeriod(march, -3).key); // "2024-04" "2023-12"
 * const day = periodOf("2024-03-09T12:00:00Z", { unit: "day", timeZone: "America/New_York" });
 * // the next day is the spring-forward day, 23 hours long
 * const next = shiftPeriod(day, 1);
 * console.log(next.key, (next.end.getTime() - next.start.getTime()) / 3_600_000); // "2024-03-10" 23
 * ```
 * @category Periods
 */
export function shiftPeriod(period: Period, n: number): Period {
  if (!Number.isSafeInteger(n)) {
    throw new InvalidInputError({ field: "n", value: n, expected: "a safe integer number of periods" });
  }
  if (typeof period !== "object" || period === null) {
    throw new InvalidInputError({ field: "period", value: period, expected: "a Period, as returned by periodOf or periodRange" });
  }
  const spec = resolvePeriodSpec({ unit: period.unit, timeZone: period.timeZone, weekStartsOn: period.weekStartsOn });
  const startMs = period.start instanceof Date ? period.start.getTime() : NaN;
  if (startMs !== startMs) {
    throw new InvalidInputError({ field: "period.start", value: period.start, expected: "a valid Date" });
  }
  // Re-normalise the start so a hand-made period whose start is not a boundary still shifts by whole periods.
  const startDay = unitStartDay(localDayOf(startMs, spec), spec);
  const target = dayStartMs(addUnits(startDay, spec.unit, n), spec);
  return periodContaining(target, spec, "n", n);
}
