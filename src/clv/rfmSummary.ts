/**
 * `rfmSummary`: each customer's frequency, recency, T and monetary value, the
 * input of the lifetime-value models.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { tableColumns } from "../events/table.ts";
import type { CustomerId, EventRow, EventTableOptions, SkippedRows } from "../events/types.ts";
import { type EventsArgument } from "../events/bucketEvents.ts";
import { fromMinorUnits, type Decimal } from "../money.ts";
import { checkTimeZone, periodBucketer, toEpochMs, type Instant, type WeekStartsOn } from "../periods/index.ts";
import { requireOneOf, requireOptions, requireSynchronous } from "../validate.ts";
import { eventTable } from "../events/eventTable.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * Units of recency and T: calendar days, or weeks of 7 days (fractional).
 *
 * @category Lifetime value
 */
export type RfmTimeUnit = "day" | "week";

/**
 * The calendar periods purchases are grouped into (lifetimes' `freq`): all purchases of a customer in
 * one period are one transaction, and recency and T count whole periods.
 *
 * @category Lifetime value
 */
export type RfmGroupBy = "day" | "week" | "isoWeek" | "month" | "quarter" | "year";

const GROUP_BY: readonly RfmGroupBy[] = ["day", "week", "isoWeek", "month", "quarter", "year"];

/**
 * Options of {@link rfmSummary}.
 *
 * @category Lifetime value
 */
export interface RfmSummaryOptions<Row = EventRow> extends EventTableOptions<Row> {
  /**
   * The last day observed, inclusive: a `"YYYY-MM-DD"` day in `timeZone`, or an instant standing for
   * the day it falls in. Later events are ignored. Default: the day of the last event.
   */
  observationEnd?: Instant | undefined;
  /**
   * The last day of the calibration period, inclusive (same forms). When given, frequency, recency,
   * T and monetary value describe the calibration period, only customers who bought by then are
   * summarised, and the holdout columns count their purchase days after it, through `observationEnd`.
   */
  calibrationEnd?: Instant | undefined;
  /**
   * Unit of recency and T with day grouping: `"day"` (default) or `"week"` (days / 7, fractional).
   * With another `groupBy`, recency and T count whole periods of it and `timeUnit` must be omitted
   * (or equal `groupBy`).
   */
  timeUnit?: RfmTimeUnit | undefined;
  /**
   * Calendar periods that make one transaction (lifetimes' `freq`): `"day"` (default), `"week"`
   * (starting on `weekStartsOn`), `"isoWeek"`, `"month"`, `"quarter"` or `"year"`, in `timeZone`.
   * With `"week"`, purchases in the same calendar week are one transaction and recency and T
   * count whole weeks. Each period is one transaction opportunity of the BG/BB model (see
   * `opportunityHistories`).
   */
  groupBy?: RfmGroupBy | undefined;
  /** First day of a `"week"` (0 Sunday .. 6 Saturday); default 1 (Monday). */
  weekStartsOn?: WeekStartsOn | undefined;
}

/**
 * Options of {@link rfmSummary} with a calibration end, whose rows have holdout columns.
 *
 * @category Lifetime value
 */
export interface RfmHoldoutOptions<Row = EventRow> extends RfmSummaryOptions<Row> {
  /** The last day of the calibration period, inclusive. */
  calibrationEnd: Instant;
}

/**
 * One customer of {@link rfmSummary}, as the Python package lifetimes defines it.
 *
 * @category Lifetime value
 */
export interface RfmRow {
  /** The customer's id. */
  customerId: CustomerId;
  /** Repeat purchases: distinct purchase days up to the end, minus one. */
  frequency: number;
  /** Time from the first purchase day to the last (0 when frequency is 0), in the time unit. */
  recency: number;
  /** Time from the first purchase day to the end day, in the time unit. */
  T: number;
  /**
   * Mean value of the repeat purchase days (each day's amounts added; the first day excluded);
   * 0 when frequency is 0; `null` when the events carry no amounts.
   */
  monetaryValue: Decimal | null;
}

/**
 * A row of {@link rfmSummary} with a calibration end: the calibration summary and the holdout that follows.
 *
 * @category Lifetime value
 */
export interface RfmHoldoutRow extends RfmRow {
  /** Distinct purchase days after the calibration end, through the observation end. */
  frequencyHoldout: number;
  /** Mean value of those days (0 when there are none; `null` when the events carry no amounts). */
  monetaryValueHoldout: Decimal | null;
  /** Length of the holdout period (observation end day - calibration end day), in the time unit. */
  durationHoldout: number;
}

/**
 * What {@link rfmSummary} left out of its rows, so that nothing is dropped silently.
 *
 * @category Lifetime value
 */
export interface RfmLeftOut {
  /** Customers without a row: their first purchase is after the end day (`calibrationEnd`, else `observationEnd`). */
  customers: number;
  /** Events counted in no row: those after `observationEnd`, and every event of the customers left out. */
  events: number;
  /** Input rows skipped as invalid with `onInvalid: "skip"` (the event table's report; none with `"throw"`). */
  skipped: Readonly<SkippedRows>;
}

/**
 * The rows of {@link rfmSummary}: an ordinary array of rows, with a non-enumerable `leftOut`
 * property (not copied by spreading, `map` or JSON) reporting what was left out.
 *
 * @category Lifetime value
 */
export type RfmSummary<R extends RfmRow = RfmRow> = R[] & {
  /** Customers and events not in any row, and input rows skipped as invalid. */
  readonly leftOut: Readonly<RfmLeftOut>;
};

/** Attaches the report of what was left out, as a non-enumerable property. */
function withLeftOut<R extends RfmRow>(rows: R[], customers: number, events: number, skipped: Readonly<SkippedRows>): RfmSummary<R> {
  return displayable(Object.defineProperty(rows, "leftOut", { value: Object.freeze({ customers, events, skipped }), enumerable: false })) as RfmSummary<R>;
}

/**
 * Each customer's frequency, recency, T and monetary value: the summary the
 * lifetime-value models are fitted to, optionally split into a calibration
 * period and the holdout that follows.
 *
 * Definitions ([RFM summary](../../docs/definitions.md#rfm-summary), as the Python package lifetimes computes
 * them): purchases are grouped by calendar day in `timeZone` (several orders on
 * one day are one purchase whose value is their sum). With E the end day
 * (`calibrationEnd`, else `observationEnd`), inclusive, and days d1 < d2 < ... < dk
 * the customer's purchase days up to E: frequency = k - 1; recency = dk - d1;
 * T = E - d1; monetary value = (sum of the amounts on d2..dk) / (k - 1), 0 when
 * k = 1. With `timeUnit: "week"`, recency and T are divided by 7 (purchases are
 * not regrouped by week). With `groupBy` (lifetimes' `freq`) a week, month, quarter or year,
 * the same definitions hold with calendar periods of that unit in place of days: purchases in one
 * period are one transaction, and recency, T and durationHoldout count whole periods (E the
 * period of the end day; purchases still count only through the end day itself). With a calibration end C and observation end O: the
 * customers are those who bought by C; frequencyHoldout = purchase days in
 * (C, O]; monetaryValueHoldout = their mean value; durationHoldout = O - C.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - `observationEnd`, `calibrationEnd`, `timeUnit` (default `"day"`), `groupBy` (default
 *   `"day"`; `"week"`, `"isoWeek"`, `"month"`, `"quarter"`, `"year"`), `weekStartsOn` (default 1), `timeZone`
 *   (default `"UTC"`; also reads instants without an offset) and the {@link eventTable} options
 * @returns one row per customer, in order of their first purchase; the array's non-enumerable
 *   `leftOut` property ({@link RfmLeftOut}) counts the customers without a row (first purchase after
 *   the end day), the events in no row (after `observationEnd`, or of those customers) and the rows
 *   skipped as invalid
 * @throws {@link InvalidInputError} for bad rows (see {@link eventTable}), `options` that is not an
 *   object, an invalid `timeUnit`, `groupBy`, `weekStartsOn`, `observationEnd` or `calibrationEnd`, a
 *   `timeUnit` other than `groupBy` beside a `groupBy` that is not `"day"`, a calibration end after the
 *   observation end, or an `observationEnd` (or `calibrationEnd`) before every purchase, which would
 *   leave no customer to summarise (as lifetimes refuses it)
 * @see CamDavidsonPilon/lifetimes, `summary_data_from_transaction_data` and
 *   `calibration_and_holdout_data` (the definitions, not the code); Fader, Hardie & Lee (2005), section 4.
 * @example
 * ```ts
 * import { rfmSummary } from "retention-metrics";
 * const rows = rfmSummary([
 *   { customerId: "a", at: "2024-01-01", amount: 10 },
 *   { customerId: "a", at: "2024-01-01", amount: 5 },  // same day: one purchase of 15
 *   { customerId: "a", at: "2024-01-08", amount: 20 },
 *   { customerId: "a", at: "2024-01-15", amount: 30 },
 *   { customerId: "b", at: "2024-01-10", amount: 8 },
 * ], { observationEnd: "2024-01-31" });
 * console.log(rows[0]!.frequency, rows[0]!.recency, rows[0]!.T, rows[0]!.monetaryValue!.toString()); // 2 14 30 "25"
 * console.log(rows[1]!.frequency, rows[1]!.T, rows[1]!.monetaryValue!.toString());                   // 0 21 "0"
 * ```
 * @category Lifetime value
 */
export function rfmSummary<Row = EventRow>(events: EventsArgument<Row>, options: RfmHoldoutOptions<Row>): RfmSummary<RfmHoldoutRow>;
export function rfmSummary<Row = EventRow>(events: EventsArgument<Row>, options?: RfmSummaryOptions<Row>): RfmSummary<RfmRow>;
export function rfmSummary<Row = EventRow>(events: EventsArgument<Row>, options: RfmSummaryOptions<Row> = {}): RfmSummary<RfmRow> | RfmSummary<RfmHoldoutRow> {
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
  requireSynchronous(events, "events", "eventTable");
  const table = eventTable(events, options);
  const cols = tableColumns(table);
  const span = table.span;
  const holdout = options.calibrationEnd !== undefined;
  const endMs = options.observationEnd === undefined ? span?.last : toEpochMs(options.observationEnd, { field: "observationEnd", timeZone });
  const calibrationMs = holdout ? toEpochMs(options.calibrationEnd, { field: "calibrationEnd", timeZone }) : endMs;
  if (span === null || endMs === undefined || calibrationMs === undefined) return withLeftOut([], 0, 0, table.skipped);
  // The end days decide which purchases count (through the end of the day, whatever the grouping).
  const dayEnd = (ms: number) => periodBucketer(ms, ms, { unit: "day", timeZone }).boundaries[1]!;
  const stop = dayEnd(endMs);
  const calibrationStop = dayEnd(calibrationMs);
  if (calibrationStop > stop) {
    throw new InvalidInputError({ field: "calibrationEnd", value: options.calibrationEnd, expected: "a day no later than observationEnd" });
  }
  // Calendar periods from the earliest instant involved to the end day, indexed 0, 1, 2, ...
  const periods = periodBucketer(Math.min(span.first, calibrationMs, endMs), endMs, { unit: groupBy, timeZone, weekStartsOn: options.weekStartsOn });
  const endPeriod = periods.periods.length - 1;
  const calibrationPeriod = periods.indexOf(calibrationMs);
  const customers = cols.ids.length;
  const first = new Int32Array(customers).fill(-1);
  const included = new Uint8Array(customers); // first purchase in the calibration period
  const lastCalibration = new Int32Array(customers);
  const lastHoldout = new Int32Array(customers).fill(-1);
  const calibrationPeriods = new Int32Array(customers);
  const holdoutPeriods = new Int32Array(customers);
  const hasAmounts = cols.amount !== null;
  const repeatValue = new Float64Array(hasAmounts ? customers : 0);
  const holdoutValue = new Float64Array(hasAmounts ? customers : 0);
  const time = cols.time;
  const amount = cols.amount;
  let count = 0;
  while (count < time.length && time[count]! < stop) count++;
  const firstPurchase = () => new Date(span.first).toISOString();
  if (count === 0) {
    throw new InvalidInputError({
      field: "observationEnd",
      value: options.observationEnd,
      expected: `a day on or after the first purchase (${firstPurchase()}): every event is later, so no customer could be summarised`,
    });
  }
  if (time[0]! >= calibrationStop) {
    throw new InvalidInputError({
      field: "calibrationEnd",
      value: options.calibrationEnd,
      expected: `a day on or after the first purchase (${firstPurchase()}): every purchase is later, so no customer could be summarised`,
    });
  }
  const periodOf = periods.bucket(time.subarray(0, count));
  let leftOutEvents = time.length - count;
  for (let i = 0; i < count; i++) {
    const c = cols.customer[i]!;
    const d = periodOf[i]!;
    const inCalibration = time[i]! < calibrationStop;
    const units = amount === null ? 0 : amount[i]!;
    if (first[c]! < 0) {
      first[c] = d;
      if (inCalibration) {
        included[c] = 1;
        lastCalibration[c] = d;
        calibrationPeriods[c] = 1;
      } else {
        leftOutEvents++;
      }
      continue;
    }
    if (included[c] === 0) {
      leftOutEvents++; // a customer only after the calibration period
      continue;
    }
    if (inCalibration) {
      if (d !== lastCalibration[c]) {
        calibrationPeriods[c]!++;
        lastCalibration[c] = d;
      }
      if (hasAmounts && d !== first[c]) repeatValue[c]! += units;
    } else {
      // Holdout transactions are the holdout's own distinct periods (one may share its period with
      // the last calibration purchase when the calibration ends inside a week or month).
      if (d !== lastHoldout[c]) {
        holdoutPeriods[c]!++;
        lastHoldout[c] = d;
      }
      if (hasAmounts) holdoutValue[c]! += units;
    }
  }
  const per = groupBy === "day" && unit === "week" ? 7 : 1;
  const scale = cols.currencyScale;
  const mean = (sum: number, count: number): Decimal | null => {
    if (!hasAmounts) return null;
    return count === 0 ? fromMinorUnits(0, scale) : fromMinorUnits(sum, scale).dividedBy(count);
  };
  const rows: RfmRow[] = [];
  for (let c = 0; c < customers; c++) {
    const d1 = first[c]!;
    if (included[c] === 0) continue;
    const frequency = calibrationPeriods[c]! - 1;
    const row: RfmRow = {
      customerId: cols.ids[c]!,
      frequency,
      recency: (lastCalibration[c]! - d1) / per,
      T: (calibrationPeriod - d1) / per,
      monetaryValue: mean(hasAmounts ? repeatValue[c]! : 0, frequency),
    };
    if (!holdout) {
      rows.push(row);
      continue;
    }
    const h = holdoutPeriods[c]!;
    const withHoldout: RfmHoldoutRow = {
      ...row,
      frequencyHoldout: h,
      monetaryValueHoldout: mean(hasAmounts ? holdoutValue[c]! : 0, h),
      durationHoldout: (endPeriod - calibrationPeriod) / per,
    };
    rows.push(withHoldout);
  }
  return withLeftOut(rows, customers - rows.length, leftOutEvents, table.skipped);
}
