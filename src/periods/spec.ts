/**
 * Period specifications: which calendar unit, in which time zone, with which
 * first day of the week.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireIntegerIn, requireOneOf, requireOptions } from "../validate.ts";
import { checkTimeZone } from "./timeZone.ts";

/**
 * The calendar units a period can have. `isoWeek` is the ISO 8601 week (Monday first, keys like `2024-W11`).
 *
 * @category Periods
 */
export type PeriodUnit = "day" | "week" | "isoWeek" | "month" | "quarter" | "year";

/**
 * Every {@link PeriodUnit}, in increasing length.
 *
 * @category Periods
 */
export const PERIOD_UNITS: readonly PeriodUnit[] = Object.freeze(["day", "week", "isoWeek", "month", "quarter", "year"]);

/**
 * A day of the week as date-fns numbers it: 0 is Sunday, 1 Monday, ..., 6 Saturday.
 *
 * @category Periods
 */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * What periods to use: a unit, and optionally the time zone and the first day of the week.
 *
 * @category Periods
 */
export interface PeriodSpec {
  /** The calendar unit. */
  unit: PeriodUnit;
  /** IANA time zone whose local midnights bound the periods. Default `"UTC"`. */
  timeZone?: string | undefined;
  /** First day of a `week` (0 Sunday .. 6 Saturday). Default 1 (Monday). Ignored by `isoWeek`, which starts on Monday. */
  weekStartsOn?: WeekStartsOn | undefined;
}

/**
 * A {@link PeriodSpec} with every default filled in and every field validated.
 *
 * @category Periods
 */
export interface ResolvedPeriodSpec {
  /** The calendar unit. */
  readonly unit: PeriodUnit;
  /** A validated time zone name. */
  readonly timeZone: string;
  /** First day of the week; always 1 for `isoWeek`. */
  readonly weekStartsOn: WeekStartsOn;
}

/**
 * Top-level options that take precedence over the fields of a {@link PeriodSpec}.
 *
 * @category Periods
 */
export interface PeriodSpecOverrides {
  /** Replaces the spec's `timeZone` when defined. */
  timeZone?: string | undefined;
  /** Replaces the spec's `weekStartsOn` when defined. */
  weekStartsOn?: number | undefined;
}

/**
 * The default time zone of every period.
 *
 * @category Periods
 */
export const DEFAULT_TIME_ZONE = "UTC";

/**
 * The default first day of the week: Monday, as in ISO 8601 and most of the world's business calendars.
 *
 * @category Periods
 */
export const DEFAULT_WEEK_STARTS_ON: WeekStartsOn = 1;

/**
 * Validates a period spec and fills in its defaults.
 *
 * Rule: a bare unit `u` means `{ unit: u }`; `timeZone` defaults to `"UTC"` and
 * `weekStartsOn` to 1 (Monday); a field given in `overrides` (not undefined)
 * replaces the spec's own, so analysis options such as
 * `{ period: "week", timeZone: "Europe/Paris" }` resolve in one call; the
 * spec's own fields are validated all the same, so a bad one is never hidden. For
 * `isoWeek` the result's `weekStartsOn` is always 1, since ISO weeks start on Monday.
 *
 * @param spec - a unit such as `"month"`, or a {@link PeriodSpec}
 * @param overrides - optional `timeZone` and `weekStartsOn` that take precedence over the spec's
 * @returns the validated spec with defaults filled in
 * @throws {@link InvalidInputError} when the spec is neither a unit nor an object, the unit is
 *   unknown, a `weekStartsOn` (the spec's or the override's) is not an integer 0..6, a time zone
 *   (either) is unknown, or `overrides` is not an object
 * @example
 * ```ts
 * import { DEFAULT_TIME_ZONE, DEFAULT_WEEK_STARTS_ON, PERIOD_UNITS, resolvePeriodSpec } from "retention-metrics/periods";
 * console.log(resolvePeriodSpec("week")); // {"unit":"week","timeZone":"UTC","weekStartsOn":1}
 * console.log(DEFAULT_TIME_ZONE, DEFAULT_WEEK_STARTS_ON); // "UTC" 1
 * console.log(resolvePeriodSpec({ unit: "week", weekStartsOn: 0 }, { timeZone: "America/New_York" }).weekStartsOn); // 0
 * console.log(resolvePeriodSpec("isoWeek", { weekStartsOn: 0 }).weekStartsOn); // 1
 * console.log(PERIOD_UNITS); // ["day","week","isoWeek","month","quarter","year"]
 * ```
 * @category Periods
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
  requireOptions(overrides, "overrides", '{ timeZone: "UTC", weekStartsOn: 1 }');

  const checkedUnit = requireOneOf(unit, "unit", PERIOD_UNITS);
  // The spec's own fields are checked even when an override replaces them: a bad value is never hidden.
  let checkedZone = timeZone === undefined ? DEFAULT_TIME_ZONE : checkTimeZone(timeZone as string);
  let checkedWeek = weekStartsOn === undefined ? DEFAULT_WEEK_STARTS_ON : (requireIntegerIn(weekStartsOn, "weekStartsOn", 0, 6) as WeekStartsOn);
  if (overrides?.timeZone !== undefined) checkedZone = checkTimeZone(overrides.timeZone);
  if (overrides?.weekStartsOn !== undefined) checkedWeek = requireIntegerIn(overrides.weekStartsOn, "weekStartsOn", 0, 6) as WeekStartsOn;
  return Object.freeze({
    unit: checkedUnit,
    timeZone: checkedZone,
    weekStartsOn: checkedUnit === "isoWeek" ? 1 : checkedWeek,
  });
}
