/**
 * Period specifications: which calendar unit, in which time zone, with which
 * first day of the week.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireIntegerIn, requireOneOf } from "../validate.ts";
import { checkTimeZone } from "./timeZone.ts";

/** The calendar units a period can have. `isoWeek` is the ISO 8601 week (Monday first, keys like `2024-W11`). */
export type PeriodUnit = "day" | "week" | "isoWeek" | "month" | "quarter" | "year";

/** Every {@link PeriodUnit}, in increasing length. */
export const PERIOD_UNITS: readonly PeriodUnit[] = Object.freeze(["day", "week", "isoWeek", "month", "quarter", "year"]);

/** A day of the week as date-fns numbers it: 0 is Sunday, 1 Monday, ..., 6 Saturday. */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** What periods to use: a unit, and optionally the time zone and the first day of the week. */
export interface PeriodSpec {
  /** The calendar unit. */
  unit: PeriodUnit;
  /** IANA time zone whose local midnights bound the periods. Default `"UTC"`. */
  timeZone?: string | undefined;
  /** First day of a `week` (0 Sunday .. 6 Saturday). Default 1 (Monday). Ignored by `isoWeek`, which starts on Monday. */
  weekStartsOn?: WeekStartsOn | undefined;
}

/** A {@link PeriodSpec} with every default filled in and every field validated. */
export interface ResolvedPeriodSpec {
  /** The calendar unit. */
  readonly unit: PeriodUnit;
  /** A validated time zone name. */
  readonly timeZone: string;
  /** First day of the week; always 1 for `isoWeek`. */
  readonly weekStartsOn: WeekStartsOn;
}

/** Top-level options that take precedence over the fields of a {@link PeriodSpec}. */
export interface PeriodSpecOverrides {
  /** Replaces the spec's `timeZone` when defined. */
  timeZone?: string | undefined;
  /** Replaces the spec's `weekStartsOn` when defined. */
  weekStartsOn?: number | undefined;
}

/** The default time zone of every period. */
export const DEFAULT_TIME_ZONE = "UTC";

/** The default first day of the week: Monday, as in ISO 8601 and most of the world's business calendars. */
export const DEFAULT_WEEK_STARTS_ON: WeekStartsOn = 1;

/**
 * Validates a period spec and fills in its defaults.
 *
 * Rule: a bare unit `u` means `{ unit: u }`; `timeZone` defaults to `"UTC"` and
 * `weekStartsOn` to 1 (Monday); a field given in `overrides` (not undefined)
 * replaces the spec's own, so analysis options such as
 * `{ period: "week", timeZone: "Europe/Paris" }` resolve in one call. For
 * `isoWeek` the result's `weekStartsOn` is always 1, since ISO weeks start on Monday.
 *
 * @param spec - a unit such as `"month"`, or a {@link PeriodSpec}
 * @param overrides - optional `timeZone` and `weekStartsOn` that take precedence over the spec's
 * @returns the validated spec with defaults filled in
 * @throws {@link InvalidInputError} when the spec is neither a unit nor an object, the unit is
 *   unknown, `weekStartsOn` is not an integer 0..6 or the time zone is unknown
 * @example
 * ```ts
 * import { resolvePeriodSpec } from "retention-metrics/periods";
 * resolvePeriodSpec("week"); // {"unit": "week", "timeZone": "UTC", "weekStartsOn": 1}
 * resolvePeriodSpec({ unit: "week", weekStartsOn: 0 }, { timeZone: "America/New_York" }).weekStartsOn; // 0
 * resolvePeriodSpec("isoWeek", { weekStartsOn: 0 }).weekStartsOn; // 1
 * ```
 */
export function resolvePeriodSpec(spec: PeriodSpec | PeriodUnit, overrides?: PeriodSpecOverrides): ResolvedPeriodSpec {
  let unit: unknown;
  let timeZone: unknown;
  let weekStartsOn: unknown;
  if (typeof spec === "string") {
    unit = spec;
  } else if (typeof spec === "object" && spec !== null && !Array.isArray(spec)) {
    ({ unit, timeZone, weekStartsOn } = spec);
  } else {
    throw new InvalidInputError({
      field: "period",
      value: spec,
      expected: `a period unit (${PERIOD_UNITS.map((u) => JSON.stringify(u)).join(", ")}) or a PeriodSpec object such as { unit: "month", timeZone: "UTC" }`,
    });
  }
  if (overrides?.timeZone !== undefined) timeZone = overrides.timeZone;
  if (overrides?.weekStartsOn !== undefined) weekStartsOn = overrides.weekStartsOn;

  const checkedUnit = requireOneOf(unit, "unit", PERIOD_UNITS);
  const checkedZone = timeZone === undefined ? DEFAULT_TIME_ZONE : checkTimeZone(timeZone as string);
  const checkedWeek = weekStartsOn === undefined ? DEFAULT_WEEK_STARTS_ON : (requireIntegerIn(weekStartsOn, "weekStartsOn", 0, 6) as WeekStartsOn);
  return Object.freeze({
    unit: checkedUnit,
    timeZone: checkedZone,
    weekStartsOn: checkedUnit === "isoWeek" ? 1 : checkedWeek,
  });
}
