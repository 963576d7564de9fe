/**
 * UTC offsets of a time zone, and wall-clock time to instants, read from the
 * runtime's time zone data through Intl. Independent of the host's time zone.
 *
 * Why not @date-fns/tz's `tzOffset`/`TZDate`: `tzOffset` gives the wrong sign
 * for offsets of less than an hour west of Greenwich ("-00:44:30", Liberia
 * until 1972), and `TZDate`'s setters (used by date-fns' startOfMonth, addDays,
 * ...) return empty periods (start = end) around offsets with seconds or a
 * change at midnight (Asia/Kathmandu's December 1985, every Liberian date
 * before 1972). Reading the offset ourselves and doing calendar arithmetic on
 * plain day numbers avoids both, and is several times faster.
 *
 * @internal
 * @module
 */
import { MS_PER_DAY } from "./civil.ts";

/** The range of a JavaScript Date, in ms either side of 1970-01-01. */
export const MAX_EPOCH_MS = 8.64e15;

const offsetFormats = new Map<string, (date: number) => string>();

function offsetFormat(timeZone: string): (date: number) => string {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    // "longOffset" prints the offset in full, seconds included: "3/15/2024, GMT-04:00", "GMT-00:44:30".
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).format;
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The zone's UTC offset at an instant, in milliseconds (east positive); NaN
 * outside the Date range. Throws a RangeError for an unknown zone (callers
 * validate zones first with checkTimeZone).
 */
export function offsetMsAt(timeZone: string, epochMs: number): number {
  if (!(epochMs >= -MAX_EPOCH_MS && epochMs <= MAX_EPOCH_MS)) return NaN;
  if (timeZone === "UTC") return 0;
  const text = offsetFormat(timeZone)(epochMs);
  const at = text.lastIndexOf("GMT");
  if (at < 0) return NaN;
  const n = text.length - (at + 3);
  if (n === 0) return 0; // plain "GMT"
  // "+HH:MM" or "+HH:MM:SS" after "GMT"
  const sign = text.charCodeAt(at + 3) === 45 ? -1 : 1;
  const h = Number(text.slice(at + 4, at + 6));
  const m = Number(text.slice(at + 7, at + 9));
  const s = n > 6 ? Number(text.slice(at + 10, at + 12)) : 0;
  return sign * ((h * 60 + m) * 60 + s) * 1000;
}

/** Wall-clock time of an instant in the zone, as if it were UTC epoch ms. */
export function toLocalMs(epochMs: number, timeZone: string): number {
  return epochMs + offsetMsAt(timeZone, epochMs);
}

/** Per zone, local day number to the offset in force all that day (NaN: the offset changes that day). */
const dayOffsets = new Map<string, Map<number, number>>();

/** Cached local days per zone before the cache starts again: ~27 years of daily data. */
const DAY_CACHE_SIZE = 10_000;

const HOUR_MS = 3_600_000;

/**
 * The offset in force during the whole of local day `day`, or NaN when it
 * changes during that day. The day's instants lie within 16 hours of its UTC
 * namesake (no offset, even historical, exceeds that), and the offset is taken
 * as constant when it is equal at the start, middle and end of that window:
 * no zone has changed its offset and changed it back within a day.
 */
function constantOffsetOfDay(day: number, timeZone: string): number {
  const dayStart = day * MS_PER_DAY;
  const a = offsetMsAt(timeZone, dayStart - 16 * HOUR_MS);
  const b = offsetMsAt(timeZone, dayStart + 12 * HOUR_MS);
  const c = offsetMsAt(timeZone, dayStart + MS_PER_DAY + 16 * HOUR_MS);
  return a === b && b === c ? a : NaN;
}

/**
 * The instant at which the clocks of `timeZone` show `localMs` (wall-clock
 * fields encoded as if they were UTC epoch milliseconds); NaN outside the Date range.
 *
 * Rule (Temporal's "compatible" disambiguation): a wall-clock time that a DST
 * change skips moves forward by the length of the gap; one that happens twice
 * is the earlier. Days without a change (all but a few a year) are answered
 * from a per-zone cache of their offset, so per-row parsing stays cheap.
 */
export function wallClockToEpochMs(localMs: number, timeZone: string): number {
  return wallClock(localMs, timeZone, false);
}

/**
 * The first instant of local date `day` (days from 1970-01-01) in the zone:
 * its midnight, or when a DST change skips midnight, the instant of the change
 * (clocks jumping from 23:30 to 00:30 start the day at 00:30, not at 01:00 as
 * {@link wallClockToEpochMs} would read "00:00"). A repeated midnight counts
 * from its first occurrence. NaN outside the Date range.
 */
export function localDayStartMs(day: number, timeZone: string): number {
  return wallClock(day * MS_PER_DAY, timeZone, true);
}

function wallClock(localMs: number, timeZone: string, gapToChange: boolean): number {
  if (!(localMs >= -MAX_EPOCH_MS && localMs <= MAX_EPOCH_MS)) return NaN;
  if (timeZone === "UTC") return localMs;
  let cache = dayOffsets.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    dayOffsets.set(timeZone, cache);
  }
  const day = Math.floor(localMs / MS_PER_DAY);
  let offset = cache.get(day);
  if (offset === undefined) {
    offset = constantOffsetOfDay(day, timeZone);
    if (cache.size >= DAY_CACHE_SIZE) cache.clear();
    cache.set(day, offset);
  }
  const epochMs = offset === offset ? localMs - offset : resolveAroundChange(localMs, timeZone, gapToChange);
  return epochMs >= -MAX_EPOCH_MS && epochMs <= MAX_EPOCH_MS ? epochMs : NaN;
}

/**
 * {@link wallClockToEpochMs} on a day when the offset changes. The candidates
 * are `localMs - offset` for the offsets in force a day before and a day
 * after; a candidate is real when the zone has that offset at that instant. Of
 * two real candidates (a repeated hour) the earlier wins; with none (a skipped
 * hour) the time moves forward by the gap, which is the candidate computed
 * with the offset from before the change, or with `gapToChange` it is the
 * instant of the change itself.
 */
function resolveAroundChange(localMs: number, timeZone: string, gapToChange: boolean): number {
  const before = offsetMsAt(timeZone, Math.max(localMs - MS_PER_DAY, -MAX_EPOCH_MS));
  const after = offsetMsAt(timeZone, Math.min(localMs + MS_PER_DAY, MAX_EPOCH_MS));
  const early = localMs - before;
  const late = localMs - after;
  // With a larger offset before than after (a fall-back), `early` is the earlier instant.
  const fallBack = before >= after;
  const first = fallBack ? early : late;
  const second = fallBack ? late : early;
  if (offsetMsAt(timeZone, first) === (fallBack ? before : after)) return first;
  if (offsetMsAt(timeZone, second) === (fallBack ? after : before)) return second;
  if (!gapToChange) return early;
  // In the gap the change lies in (late, early]: local time is below `localMs`
  // before it and above after it, so bisect for the first instant at or above.
  let lo = late;
  let hi = early;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (toLocalMs(mid, timeZone) >= localMs) hi = mid;
    else lo = mid;
  }
  return hi;
}
