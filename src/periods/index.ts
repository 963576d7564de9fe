/**
 * Calendar periods in any time zone: period specs, instants, `periodOf`,
 * `periodRange`, `shiftPeriod` and the fast `periodBucketer`.
 *
 * @module periods
 */
export { checkTimeZone } from "./timeZone.ts";
export {
  DEFAULT_TIME_ZONE,
  DEFAULT_WEEK_STARTS_ON,
  PERIOD_UNITS,
  resolvePeriodSpec,
  type PeriodSpec,
  type PeriodSpecOverrides,
  type PeriodUnit,
  type ResolvedPeriodSpec,
  type WeekStartsOn,
} from "./spec.ts";
export { toEpochMs, type Instant, type ToEpochMsOptions } from "./instant.ts";
export { periodOf, type Period } from "./period.ts";
export { MAX_PERIODS, periodRange } from "./periodRange.ts";
export { shiftPeriod } from "./shiftPeriod.ts";
export { periodBucketer, type PeriodBucketer } from "./bucketer.ts";
export type { PeriodOptions } from "./options.ts";
