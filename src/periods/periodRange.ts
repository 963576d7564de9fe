/**
 * Consecutive calendar periods covering a span of time.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { MAX_CELLS } from "../validate.ts";
import { periodContaining } from "./calendar.ts";
import { type Instant, toEpochMs } from "./instant.ts";
import type { Period } from "./period.ts";
import { type PeriodSpec, type PeriodUnit, type ResolvedPeriodSpec, resolvePeriodSpec } from "./spec.ts";

/**
 * The most periods one range may hold: more is almost surely a unit or bound given by mistake. The same bound holds for the cells of every grid (a cohort matrix, say).
 *
 * @category Periods
 */
export const MAX_PERIODS = MAX_CELLS;

/** An upper bound on each unit's length in ms, generous for odd DST rules, to refuse huge ranges before building them. */
const LONGEST_MS: Readonly<Record<PeriodUnit, number>> = {
  day: 2 * 86_400_000,
  week: 8 * 86_400_000,
  isoWeek: 8 * 86_400_000,
  month: 32 * 86_400_000,
  quarter: 93 * 86_400_000,
  year: 367 * 86_400_000,
};

/**
 * Every period from the one holding `from` through the one holding `to`, in order.
 *
 * Rule: the first period is `periodOf(from)`; each next one starts where the
 * previous ends; the last is `periodOf(to)`. Both ends are inclusive, so the
 * result is never empty. Periods are contiguous: `periods[i].end` equals
 * `periods[i + 1].start`.
 *
 * @param from - an instant in the first period
 * @param to - an instant in the last period, not before `from`
 * @param spec - a unit such as `"week"`, or a {@link PeriodSpec}
 * @returns the periods, oldest first, as a new array
 * @throws {@link InvalidInputError} when `from` or `to` is not a valid instant, `to` is before
 *   `from`, the spec is invalid, or the range would hold more than 1,000,000 periods
 * @example
 * ```ts
 * import { MAX_PERIODS, periodRange } from "retention-metrics/periods";
 * console.log(periodRange("2024-01-15", "2024-04-02", "month").map((p) => p.key)); // ["2024-01","2024-02","2024-03","2024-04"]
 * console.log(periodRange("2024-12-28", "2025-01-06", "isoWeek").map((p) => p.key)); // ["2024-W52","2025-W01","2025-W02"]
 * // a range of more periods throws
 * console.log(MAX_PERIODS); // 1000000
 * ```
 * @category Periods
 */
export function periodRange(from: Instant, to: Instant, spec: PeriodSpec | PeriodUnit): Period[] {
  const resolved = resolvePeriodSpec(spec);
  const fromMs = toEpochMs(from, { field: "from", timeZone: resolved.timeZone });
  const toMs = toEpochMs(to, { field: "to", timeZone: resolved.timeZone });
  return periodsBetween(fromMs, toMs, resolved, from, to);
}

/**
 * The periods from the one holding `fromMs` through the one holding `toMs`,
 * for a resolved spec; `from` and `to` are the caller's values, for errors.
 *
 * @internal
 */
export function periodsBetween(fromMs: number, toMs: number, spec: ResolvedPeriodSpec, from: unknown, to: unknown): Period[] {
  if (toMs < fromMs) {
    throw new InvalidInputError({ field: "to", value: to, expected: `an instant at or after from (${new Date(fromMs).toISOString()})` });
  }
  const tooMany = (): InvalidInputError =>
    new InvalidInputError({
      field: "to",
      value: to,
      expected: `a range of at most ${MAX_PERIODS.toLocaleString("en-US")} ${spec.unit} periods from ${new Date(fromMs).toISOString()}; use a longer unit or a shorter range`,
    });
  if ((toMs - fromMs) / LONGEST_MS[spec.unit] > MAX_PERIODS) throw tooMany();

  const periods: Period[] = [periodContaining(fromMs, spec, "from", from)];
  for (;;) {
    const last = periods[periods.length - 1]!;
    const end = last.end.getTime();
    if (toMs < end) return periods;
    if (periods.length >= MAX_PERIODS) throw tooMany();
    // The period holding the previous end starts exactly there, so its start need not be recomputed.
    periods.push(periodContaining(end, spec, "to", to, end));
  }
}
