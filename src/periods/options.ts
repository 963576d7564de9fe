/**
 * The period options every analysis takes (`period`, `timeZone`,
 * `weekStartsOn`, `from`, `to`) and their resolution: the period spec, the
 * span [from, to) in epoch ms, and whether a period is complete within it.
 * One definition each, shared by the event and subscription analyses.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { Instant } from "./instant.ts";
import { toEpochMs } from "./instant.ts";
import type { PeriodSpec, PeriodUnit, ResolvedPeriodSpec } from "./spec.ts";
import { resolvePeriodSpec } from "./spec.ts";

/**
 * The period options shared by every event analysis.
 *
 * @category Periods
 */
export interface PeriodOptions {
  /** Period unit or full spec; default `"month"`. */
  period?: PeriodUnit | PeriodSpec;
  /** IANA time zone of the calendar periods (overrides the spec's); default `"UTC"`. */
  timeZone?: string;
  /** First day of a `"week"` period, 0 = Sunday .. 6 = Saturday (overrides the spec's); default 1. */
  weekStartsOn?: number;
  /** Start of the span reported (default: the first event). Earlier events still count as history. */
  from?: Instant;
  /** End of the data looked at, exclusive (default: just after the last event). Later events are ignored. */
  to?: Instant;
}

/** The first and last instant of some data, epoch ms. @internal */
export interface DataSpanMs {
  readonly first: number;
  readonly last: number;
}

/**
 * The period spec of the options: `period` (default month, or `fallback`)
 * with `timeZone` and `weekStartsOn` applied. @internal
 *
 * @throws {@link InvalidInputError} for an unknown unit, time zone or week start
 */
export function resolveSpec(
  options: { readonly period?: PeriodUnit | PeriodSpec | undefined; readonly timeZone?: string | undefined; readonly weekStartsOn?: number | undefined },
  period: PeriodUnit | PeriodSpec | undefined = options.period,
): ResolvedPeriodSpec {
  return resolvePeriodSpec(period ?? "month", {
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.weekStartsOn === undefined ? {} : { weekStartsOn: options.weekStartsOn }),
  });
}

/**
 * Resolves `from` and `to` (instants; strings without an offset read in
 * `timeZone`) against the span of the data: `from` defaults to the first
 * instant, `to` to just after the last. Returns null when there is no data and
 * no span was given, or when default bounds cross (every event at or after an
 * explicit `to`). @internal
 *
 * @throws {@link InvalidInputError} when an explicit `to` is not after `from`
 */
export function resolveBounds(
  span: DataSpanMs | null,
  options: Pick<PeriodOptions, "from" | "to">,
  timeZone = "UTC",
): { from: number; to: number } | null {
  const from = options.from === undefined ? span?.first : toEpochMs(options.from, { field: "from", timeZone });
  const to = options.to === undefined ? (span === null ? undefined : span.last + 1) : toEpochMs(options.to, { field: "to", timeZone });
  if (from === undefined || to === undefined) return null;
  if (!(to > from)) {
    if (options.from === undefined || options.to === undefined) return null;
    throw new InvalidInputError({ field: "to", value: options.to, expected: `an instant after from (${new Date(from).toISOString()})` });
  }
  return { from, to };
}

/**
 * Whether a period is complete within data that ends (exclusive) at `to`:
 * it ends at or before `to`. An incomplete period's rates are `null`. @internal
 */
export function isComplete(period: { readonly end: Date }, to: number): boolean {
  return period.end.getTime() <= to;
}
