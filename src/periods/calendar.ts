/**
 * Period boundaries: local calendar arithmetic on day numbers, and local
 * midnights turned into instants with the zone's offsets. Used to build
 * periods and bucketer boundaries, never per event.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { civilFromDays, daysFromCivil, formatYear, isoWeekOfDays, MS_PER_DAY, pad, weekdayOfDays } from "./civil.ts";
import type { Period } from "./period.ts";
import type { PeriodUnit, ResolvedPeriodSpec } from "./spec.ts";
import { localDayStartMs, MAX_EPOCH_MS, toLocalMs } from "./zoneOffset.ts";

/** Months per unit, for the units that are whole months. */
const MONTHS: Partial<Record<PeriodUnit, number>> = { month: 1, quarter: 3, year: 12 };

/** Day number of the local date of an instant in the spec's zone. */
export function localDayOf(epochMs: number, spec: ResolvedPeriodSpec): number {
  return Math.floor(toLocalMs(epochMs, spec.timeZone) / MS_PER_DAY);
}

/** Day number of the first local date of the period holding local date `days`. */
export function unitStartDay(days: number, spec: ResolvedPeriodSpec): number {
  switch (spec.unit) {
    case "day":
      return days;
    case "week":
    case "isoWeek":
      // isoWeek's spec always has weekStartsOn 1 (resolvePeriodSpec sees to it).
      return days - ((weekdayOfDays(days) - spec.weekStartsOn + 7) % 7);
    default: {
      const { y, m } = civilFromDays(days);
      const months = MONTHS[spec.unit] ?? 1;
      return daysFromCivil(y, m - ((m - 1) % months), 1);
    }
  }
}

/** Day number of the first date of the period `n` periods after the one starting on `startDay`. */
export function addUnits(startDay: number, unit: PeriodUnit, n: number): number {
  if (unit === "day") return startDay + n;
  if (unit === "week" || unit === "isoWeek") return startDay + 7 * n;
  const { y, m } = civilFromDays(startDay);
  const total = y * 12 + (m - 1) + n * (MONTHS[unit] ?? 1);
  const year = Math.floor(total / 12);
  return daysFromCivil(year, total - year * 12 + 1, 1);
}

/**
 * The instant local date `days` begins in the zone: its midnight, or the
 * instant of the change when DST skips midnight (the first midnight when it repeats).
 */
export function dayStartMs(days: number, spec: ResolvedPeriodSpec): number {
  return localDayStartMs(days, spec.timeZone);
}

/** The key of the period whose first local date is `startDay`. */
export function periodKey(startDay: number, unit: PeriodUnit): string {
  if (unit === "isoWeek") {
    const { isoYear, week } = isoWeekOfDays(startDay);
    return `${formatYear(isoYear)}-W${pad(week, 2)}`;
  }
  const { y, m, d } = civilFromDays(startDay);
  switch (unit) {
    case "day":
    case "week":
      return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
    case "month":
      return `${formatYear(y)}-${pad(m, 2)}`;
    case "quarter":
      return `${formatYear(y)}-Q${Math.floor((m - 1) / 3) + 1}`;
    case "year":
      return formatYear(y);
  }
}

/**
 * The period holding instant `epochMs`. `startMs`, when known (a range passes
 * the previous period's end), saves converting the start again. `field` and
 * `value` name the user input that led here, for the error when the period
 * falls outside the Date range.
 */
export function periodContaining(epochMs: number, spec: ResolvedPeriodSpec, field: string, value: unknown, startMs?: number): Period {
  let startDay = unitStartDay(localDayOf(epochMs, spec), spec);
  let start = startMs ?? dayStartMs(startDay, spec);
  let nextDay = addUnits(startDay, spec.unit, 1);
  let end = dayStartMs(nextDay, spec);
  // Clocks set back across midnight (Goose Bay's 00:01 fall-backs in 1987-88) show the previous
  // date again after its period has ended; such instants belong to the period already under way.
  while (end <= epochMs) {
    startDay = nextDay;
    start = end;
    nextDay = addUnits(startDay, spec.unit, 1);
    end = dayStartMs(nextDay, spec);
  }
  // NaN (out of range) fails both tests.
  if (!(start >= -MAX_EPOCH_MS && end <= MAX_EPOCH_MS)) {
    throw new InvalidInputError({
      field,
      value,
      expected: "an instant whose whole period lies within the JavaScript Date range (about years -271821 to 275760)",
    });
  }
  return Object.freeze({
    unit: spec.unit,
    key: periodKey(startDay, spec.unit),
    start: new Date(start),
    end: new Date(end),
    timeZone: spec.timeZone,
    weekStartsOn: spec.weekStartsOn,
  });
}
