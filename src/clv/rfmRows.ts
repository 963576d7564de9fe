/**
 * The final step of `rfmSummary`: its checked options, the end days and
 * calendar periods of a summary (from the data's first and last instant), and
 * each customer's row from their per-customer aggregates (first period, last
 * calibration period, distinct calibration and holdout periods, their sums),
 * however those were counted: the in-memory scan, or a warehouse's GROUP BY.
 * One definition for both.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CustomerId, SkippedRows } from "../events/types.ts";
import { fromMinorUnits, type Decimal } from "../money.ts";
import { checkTimeZone, periodBucketer, toEpochMs, type Instant, type PeriodBucketer, type WeekStartsOn } from "../periods/index.ts";
import { requireOneOf, requireOptions } from "../validate.ts";
import { displayable } from "../displayProtocol.ts";
import type { RfmGroupBy, RfmHoldoutRow, RfmRow, RfmSummary, RfmTimeUnit } from "./rfmSummary.ts";

const GROUP_BY: readonly RfmGroupBy[] = ["day", "week", "isoWeek", "month", "quarter", "year"];

/** The options of a summary that shape its rows. @internal */
export interface RfmShapeOptions {
  observationEnd?: Instant | undefined;
  calibrationEnd?: Instant | undefined;
  timeUnit?: RfmTimeUnit | undefined;
  groupBy?: RfmGroupBy | undefined;
  weekStartsOn?: WeekStartsOn | undefined;
  timeZone?: string | undefined;
}

/** The checked options. @internal */
export interface RfmSettings {
  readonly groupBy: RfmGroupBy;
  readonly timeZone: string;
  /** Whether the rows have holdout columns (a calibration end was given). */
  readonly holdout: boolean;
  /** Periods per unit of recency and T: 7 for days counted in weeks, else 1. */
  readonly per: number;
}

/**
 * Checks the options of a summary.
 *
 * @throws {@link InvalidInputError} for `options` that is not an object, an invalid `groupBy`,
 *   `timeUnit` or `timeZone`, or a `timeUnit` other than `groupBy` beside a `groupBy` that is not `"day"`
 */
export function rfmSettings(options: RfmShapeOptions): RfmSettings {
  requireOptions(options, "options", '{ observationEnd: "2024-12-31", timeUnit: "week" }');
  const groupBy = requireOneOf(options.groupBy ?? "day", "groupBy", GROUP_BY);
  const unit = requireOneOf(options.timeUnit ?? (groupBy === "week" ? "week" : "day"), "timeUnit", ["day", "week"] as const);
  if (groupBy !== "day" && options.timeUnit !== undefined && options.timeUnit !== groupBy) {
    throw new InvalidInputError({
      field: "timeUnit",
      value: options.timeUnit,
      expected: `no timeUnit with groupBy "${groupBy}": recency and T then count whole ${groupBy} periods`,
    });
  }
  const timeZone = checkTimeZone(options.timeZone ?? "UTC");
  return { groupBy, timeZone, holdout: options.calibrationEnd !== undefined, per: groupBy === "day" && unit === "week" ? 7 : 1 };
}

/** The end days and periods of a summary. @internal */
export interface RfmFrame {
  /** Purchases count before this instant: the end of the observation end day. */
  readonly stop: number;
  /** Purchases before this instant are in the calibration period (`stop` without a calibration end). */
  readonly calibrationStop: number;
  /** The calendar periods from the earliest instant involved to the end day, indexed 0, 1, 2, ... */
  readonly periods: PeriodBucketer;
  /** The index of the observation end day's period. */
  readonly endPeriod: number;
  /** The index of the calibration end day's period. */
  readonly calibrationPeriod: number;
}

/**
 * The end days and periods of a summary of events whose valid instants span
 * `span` (null: no valid event, then there are no rows and no frame).
 *
 * @throws {@link InvalidInputError} for an invalid `observationEnd` or `calibrationEnd`, a calibration end
 *   after the observation end, or an end day before every purchase (no customer could be summarised)
 */
export function rfmFrame(span: { readonly first: number; readonly last: number } | null, options: RfmShapeOptions, s: RfmSettings): RfmFrame | null {
  const timeZone = s.timeZone;
  const endMs = options.observationEnd === undefined ? span?.last : toEpochMs(options.observationEnd, { field: "observationEnd", timeZone });
  const calibrationMs = s.holdout ? toEpochMs(options.calibrationEnd, { field: "calibrationEnd", timeZone }) : endMs;
  if (span === null || endMs === undefined || calibrationMs === undefined) return null;
  // The end days decide which purchases count (through the end of the day, whatever the grouping).
  const dayEnd = (ms: number) => periodBucketer(ms, ms, { unit: "day", timeZone }).boundaries[1]!;
  const stop = dayEnd(endMs);
  const calibrationStop = dayEnd(calibrationMs);
  if (calibrationStop > stop) {
    throw new InvalidInputError({ field: "calibrationEnd", value: options.calibrationEnd, expected: "a day no later than observationEnd" });
  }
  const firstPurchase = new Date(span.first).toISOString();
  if (span.first >= stop) {
    throw new InvalidInputError({
      field: "observationEnd",
      value: options.observationEnd,
      expected: `a day on or after the first purchase (${firstPurchase}): every event is later, so no customer could be summarised`,
    });
  }
  if (span.first >= calibrationStop) {
    throw new InvalidInputError({
      field: "calibrationEnd",
      value: options.calibrationEnd,
      expected: `a day on or after the first purchase (${firstPurchase}): every purchase is later, so no customer could be summarised`,
    });
  }
  const periods = periodBucketer(Math.min(span.first, calibrationMs, endMs), endMs, { unit: s.groupBy, timeZone, weekStartsOn: options.weekStartsOn });
  return { stop, calibrationStop, periods, endPeriod: periods.periods.length - 1, calibrationPeriod: periods.indexOf(calibrationMs) };
}

/** A customer's calibration history: frequency, recency, T and monetary value. @internal */
export interface RfmHistoryFields {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: Decimal | null;
}

/** Mean value of `count` purchase periods summing `sum` minor units: 0 for none; null without amounts. */
function meanValue(sum: number, count: number, scale: number | null): Decimal | null {
  if (scale === null) return null;
  return count === 0 ? fromMinorUnits(0, scale) : fromMinorUnits(sum, scale).dividedBy(count);
}

/**
 * The calibration history of a customer whose first purchase is in period `d1`, the last calibration
 * purchase in `lastCalibration`, with `calibrationPeriods` distinct calibration periods whose repeat
 * purchases (those after period d1) sum `repeatValue` minor units; `scale` is the currency scale, or
 * null when the events carry no amounts. @internal
 */
export function rfmHistoryOf(frame: RfmFrame, s: RfmSettings, d1: number, lastCalibration: number, calibrationPeriods: number, repeatValue: number, scale: number | null): RfmHistoryFields {
  const frequency = calibrationPeriods - 1;
  return {
    frequency,
    recency: (lastCalibration - d1) / s.per,
    T: (frame.calibrationPeriod - d1) / s.per,
    monetaryValue: meanValue(repeatValue, frequency, scale),
  };
}

/**
 * A customer's row: the history (see {@link rfmHistoryOf}) and, with a calibration end, the
 * holdout's distinct purchase periods and their sum in minor units. @internal
 */
export function rfmRowOf(
  frame: RfmFrame,
  s: RfmSettings,
  customerId: CustomerId,
  history: RfmHistoryFields,
  holdoutPeriods: number,
  holdoutValue: number,
  scale: number | null,
): RfmRow | RfmHoldoutRow {
  const row: RfmRow = { customerId, ...history };
  if (!s.holdout) return row;
  return {
    ...row,
    frequencyHoldout: holdoutPeriods,
    monetaryValueHoldout: meanValue(holdoutValue, holdoutPeriods, scale),
    durationHoldout: (frame.endPeriod - frame.calibrationPeriod) / s.per,
  };
}

/** Attaches the report of what was left out, as a non-enumerable property. @internal */
export function withLeftOut<R extends RfmRow>(rows: R[], customers: number, events: number, skipped: Readonly<SkippedRows>): RfmSummary<R> {
  return displayable(Object.defineProperty(rows, "leftOut", { value: Object.freeze({ customers, events, skipped }), enumerable: false })) as RfmSummary<R>;
}
