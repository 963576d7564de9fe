/**
 * The final step of `lness`: its checked window length, the window of days,
 * and the histogram from the number of users active on exactly k days
 * (however it was counted: the in-memory scan, or a warehouse's GROUP BY).
 * One definition for both.
 *
 * @internal
 * @module
 */
import { type Instant, periodOf, type ResolvedPeriodSpec, resolvePeriodSpec, shiftPeriod } from "../periods/index.ts";
import { formatCount, requireCellsWithin, requireOptions, requirePositiveCount } from "../validate.ts";
import { displayable } from "../displayProtocol.ts";
import type { LnessBar, LnessResult } from "./lness.ts";

/** The window of an L-ness histogram: n days of `spec`, [start, end). @internal */
export interface LnessWindow {
  readonly days: number;
  readonly spec: ResolvedPeriodSpec;
  readonly start: Date;
  readonly end: Date;
}

/**
 * Checks the window length `days` of `lness` (default 28).
 *
 * @throws {@link InvalidInputError} for `options` that is not an object or `days` that is not a positive integer within the cell limit
 */
export function lnessDays(options: { days?: unknown }): number {
  requireOptions(options, "options", "{ days: 28 }");
  const n = requirePositiveCount(options.days ?? 28, "days");
  requireCellsWithin(n, { field: "days", value: n, what: `a window of ${formatCount(n)} days`, remedy: "use a shorter window (L7 and L28 are the usual ones)" });
  return n;
}

/**
 * The window of `n` days ending with the day of `end` (default: the day of the data's last instant
 * `last`, else of now) in `timeZone`. @internal
 */
export function lnessWindow(n: number, options: { end?: Instant | undefined; timeZone?: string | undefined }, last: number | undefined): LnessWindow {
  const spec = resolvePeriodSpec("day", options.timeZone === undefined ? {} : { timeZone: options.timeZone });
  const lastDay = periodOf(options.end ?? last ?? Date.now(), spec);
  return { days: n, spec, start: shiftPeriod(lastDay, 1 - n).start, end: lastDay.end };
}

/** The result from `users[k]`, the users active on exactly k days of the window (k = 1..n). @internal */
export function lnessResult(w: LnessWindow, users: (k: number) => number): LnessResult {
  let active = 0;
  let total = 0;
  for (let k = 1; k <= w.days; k++) {
    active += users(k);
    total += k * users(k);
  }
  const histogram: LnessBar[] = [];
  for (let k = 1; k <= w.days; k++) histogram.push({ days: k, users: users(k), share: active > 0 ? users(k) / active : null });
  return displayable({ days: w.days, start: w.start, end: w.end, activeUsers: active, histogram, meanActiveDays: active > 0 ? total / active : null });
}
