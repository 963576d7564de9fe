/**
 * `rfmSummary`: each customer's frequency, recency, T and monetary value, the
 * input of the lifetime-value models.
 *
 * @module
 */
import { tableColumns } from "../events/table.ts";
import type { CustomerId, EventRow, EventTableOptions, SkippedRows } from "../events/types.ts";
import { type EventsArgument } from "../events/bucketEvents.ts";
import type { Decimal } from "../money.ts";
import type { Instant, WeekStartsOn } from "../periods/index.ts";
import { requireSynchronous } from "../validate.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import { rfmFrame, rfmHistoryOf, rfmRowOf, rfmSettings, withLeftOut } from "./rfmRows.ts";

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

/**
 * Options of {@link rfmSummary}.
 *
 * @category Lifetime value
 */
export interface RfmSummaryOptions<Row = EventRow> extends EventTableOptions<Row>, ReturnEventOption {
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
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), the purchases are the return events (customers without one are left out); the
 * observation still ends on the day of the last event of any name. `startEvent` is refused: this
 * analysis forms no cohorts.
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
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
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
  const settings = rfmSettings(options);
  requireSynchronous(events, "events", "eventTable");
  const all = eventTable(events, options);
  // With returnEvent, the purchases are the return events; the observation still ends on the data's last day.
  const { table } = onReturnEvents(all, options, "rfmSummary", () => ({}));
  const cols = tableColumns(table);
  const frame = rfmFrame(all.span, options, settings);
  if (frame === null) return withLeftOut([], 0, 0, table.skipped);
  const { stop, calibrationStop } = frame;
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
  const periodOf = frame.periods.bucket(time.subarray(0, count));
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
  const scale = hasAmounts ? cols.currencyScale : null;
  const rows: RfmRow[] = [];
  for (let c = 0; c < customers; c++) {
    if (included[c] === 0) continue;
    const history = rfmHistoryOf(frame, settings, first[c]!, lastCalibration[c]!, calibrationPeriods[c]!, hasAmounts ? repeatValue[c]! : 0, scale);
    rows.push(rfmRowOf(frame, settings, cols.ids[c]!, history, holdoutPeriods[c]!, hasAmounts ? holdoutValue[c]! : 0, scale));
  }
  return withLeftOut(rows, customers - rows.length, leftOutEvents, table.skipped);
}
