/**
 * Proleptic Gregorian calendar arithmetic on plain numbers, shared by the
 * instant parser and the period keys. Pure integer arithmetic, so it is fast
 * per row and does not depend on the system time zone.
 *
 * @internal
 * @module
 */

/** Milliseconds in a day of 24 hours (a UTC day; local days may differ). */
export const MS_PER_DAY = 86_400_000;

/**
 * Days from 1970-01-01 to the civil date `y-m-d` (month 1..12).
 * Algorithm "days_from_civil" of Howard Hinnant, "chrono-Compatible Low-Level
 * Date Algorithms" (2013): shifts the year to start in March so the leap day
 * is last, then counts whole 400-year eras.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** A civil date: year, month 1..12, day 1..31. */
export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/**
 * The civil date of day number `days` (days from 1970-01-01); the inverse of
 * {@link daysFromCivil}. Algorithm "civil_from_days" of Howard Hinnant (2013).
 */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day of the week of day number `days`: 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Whether `y` is a Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

/**
 * ISO 8601 week-year and week number of day number `days`.
 * Rule: a week belongs to the year that holds its Thursday, and week 1 is the
 * week with the year's first Thursday.
 */
export function isoWeekOfDays(days: number): { isoYear: number; week: number } {
  const isoDay = weekdayOfDays(days) || 7; // 1 Monday .. 7 Sunday
  const thursday = days + 4 - isoDay;
  const isoYear = civilFromDays(thursday).y;
  const week = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  return { isoYear, week };
}

/** Zero-pads a non-negative integer to `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** A year as ISO 8601 writes it: four digits, or a sign and six digits outside 0..9999. */
export function formatYear(y: number): string {
  if (y >= 0 && y <= 9999) return pad(y, 4);
  return (y < 0 ? "-" : "+") + pad(Math.abs(y), 6);
}
