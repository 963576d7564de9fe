/**
 * `expectedCumulativeTransactions`: the tracking of a purchase model against
 * the data over calendar time, actual and predicted repeat purchases per period.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { displayable } from "../displayProtocol.ts";
import { type EventsArgument } from "../events/bucketEvents.ts";
import { eventTable } from "../events/eventTable.ts";
import { tableColumns } from "../events/table.ts";
import type { EventRow, EventTableOptions } from "../events/types.ts";
import { checkTimeZone, periodBucketer, toEpochMs, type Instant, type WeekStartsOn } from "../periods/index.ts";
import { requireOneOf, requireOptions, requireSynchronous } from "../validate.ts";
import { checkPurchaseModel, type PurchaseModel } from "./purchaseModel.ts";
import type { RfmGroupBy, RfmTimeUnit } from "./rfmSummary.ts";

/**
 * Options of {@link expectedCumulativeTransactions}: the grouping and time unit the model's summary
 * was made with (as `rfmSummary` takes them), and the end of the tracking.
 *
 * @category Lifetime value
 */
export interface ExpectedCumulativeTransactionsOptions<Row = EventRow> extends EventTableOptions<Row> {
  /** Calendar periods of one transaction and of the rows (lifetimes' `freq`); default `"day"`. */
  groupBy?: RfmGroupBy | undefined;
  /** The model's time unit with day grouping: `"day"` (default) or `"week"`; with another `groupBy`, whole periods of it. */
  timeUnit?: RfmTimeUnit | undefined;
  /** First day of a `"week"`; default 1 (Monday). */
  weekStartsOn?: WeekStartsOn | undefined;
  /** The last day tracked, inclusive (a `"YYYY-MM-DD"` day in `timeZone` or an instant); default the day of the last event. */
  observationEnd?: Instant | undefined;
}

/**
 * One period of {@link expectedCumulativeTransactions}.
 *
 * @category Lifetime value
 */
export interface CumulativeTransactionsRow {
  /** Periods since the first period of the data (0, 1, 2, ...). */
  period: number;
  /** The calendar period's key (`2024-03-15`, `2024-W11`, `2024-03`, ...). */
  key: string;
  /** Repeat transactions of all customers through the end of this period (a customer's first is not one). */
  actual: number;
  /** Expected repeat transactions of the customers acquired so far: the sum of E[X(age at the period's end)]. */
  predicted: number;
  /** Repeat transactions in this period. */
  actualIncremental: number;
  /** Expected repeat transactions in this period. */
  predictedIncremental: number;
}

/** The most periods tracked: each needs E[X(t)] at its lag (a series or a quadrature) and the convolution grows with them. */
const MAX_PERIODS = 2_500;

/**
 * Actual and expected cumulative repeat transactions per calendar period, from the start of the
 * data: the tracking plot of a purchase model (lifetimes' `expected_cumulative_transactions`).
 *
 * Definitions: with periods k = 0, 1, ..., K of `groupBy` from the first event's period to the
 * period of `observationEnd`, customer i first buying in period b_i, and a repeat transaction a
 * (customer, period) with a purchase after period b_i (one per period, as in `rfmSummary`):
 * actual(k) = repeat transactions in periods <= k;
 * predicted(k) = sum over customers with b_i <= k of E[X((k - b_i) u)], E[X(t)] the model's expected
 * repeat purchases of a new customer (`expectedPurchases`) and u the model's time units per period
 * (1, or 1/7 for day grouping in weeks). The incremental columns are the differences from the
 * previous period.
 *
 * @param model - a fitted purchase model (BG/NBD, Pareto/NBD) in the time unit of `timeUnit`/`groupBy`
 * @param events - rows, columns or an EventTable (the transactions the model's summary came from)
 * @param options - `groupBy` (default `"day"`), `timeUnit` (default `"day"`), `weekStartsOn`,
 *   `observationEnd`, `timeZone` and the eventTable options
 * @returns one row per period `{ period, key, actual, predicted, actualIncremental, predictedIncremental }`
 * @throws {@link InvalidInputError} for an invalid model, bad events, an invalid option, an
 *   `observationEnd` before the first event, or more than 2,500 periods (about 7 years of days: choose a longer `groupBy`)
 * @see CamDavidsonPilon/lifetimes, `utils.expected_cumulative_transactions` and
 *   `plotting.plot_cumulative_transactions` (the definitions, not the code); Fader, Hardie & Lee (2005),
 *   figure 2 (the cumulative tracking of repeat purchases).
 * @example
 * ```ts
 * import { expectedCumulativeTransactions, fitBgNbd, simulateBgNbd } from "retention-metrics";
 * const model = fitBgNbd(simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }));
 * const rows = expectedCumulativeTransactions(model, [
 *   { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-03" },
 *   { customerId: "b", at: "2024-01-08" }, { customerId: "a", at: "2024-01-20" },
 * ], { groupBy: "week" });
 * console.log(rows.length, rows[2]!.actual, rows[2]!.predicted.toFixed(3)); // 3 1 "0.172"
 * ```
 * @category Lifetime value
 */
export function expectedCumulativeTransactions<Row = EventRow>(
  model: PurchaseModel,
  events: EventsArgument<Row>,
  options: ExpectedCumulativeTransactionsOptions<Row> = {},
): CumulativeTransactionsRow[] {
  checkPurchaseModel(model);
  requireOptions(options, "options", '{ groupBy: "week" }');
  const groupBy = requireOneOf(options.groupBy ?? "day", "groupBy", ["day", "week", "isoWeek", "month", "quarter", "year"] as const);
  const unit = requireOneOf(options.timeUnit ?? (groupBy === "week" ? "week" : "day"), "timeUnit", ["day", "week"] as const);
  if (groupBy !== "day" && options.timeUnit !== undefined && options.timeUnit !== groupBy) {
    throw new InvalidInputError({ field: "timeUnit", value: options.timeUnit, expected: `no timeUnit with groupBy "${groupBy}": the model then counts whole ${groupBy} periods` });
  }
  const timeZone = checkTimeZone(options.timeZone ?? "UTC");
  requireSynchronous(events, "events", "eventTable");
  const table = eventTable(events, options);
  const span = table.span;
  if (span === null) return displayable([]);
  const endMs = options.observationEnd === undefined ? span.last : toEpochMs(options.observationEnd, { field: "observationEnd", timeZone });
  const stop = periodBucketer(endMs, endMs, { unit: "day", timeZone }).boundaries[1]!;
  if (stop <= span.first) {
    throw new InvalidInputError({ field: "observationEnd", value: options.observationEnd, expected: `a day on or after the first event (${new Date(span.first).toISOString()})` });
  }
  const periods = periodBucketer(span.first, endMs, { unit: groupBy, timeZone, weekStartsOn: options.weekStartsOn });
  const K = periods.periods.length;
  if (K > MAX_PERIODS) {
    throw new InvalidInputError({ field: "groupBy", value: groupBy, expected: `periods giving at most ${MAX_PERIODS.toLocaleString("en-US")} over the data (here ${K.toLocaleString("en-US")}): choose a longer one` });
  }
  const cols = tableColumns(table);
  let count = 0;
  while (count < cols.time.length && cols.time[count]! < stop) count++;
  const periodOf = periods.bucket(cols.time.subarray(0, count));
  const first = new Int32Array(cols.ids.length).fill(-1);
  const last = new Int32Array(cols.ids.length);
  const births = new Float64Array(K);
  const repeats = new Float64Array(K);
  for (let i = 0; i < count; i++) {
    const c = cols.customer[i]!;
    const k = periodOf[i]!;
    if (first[c]! < 0) {
      first[c] = k;
      last[c] = k;
      births[k]!++;
    } else if (k !== last[c]) {
      last[c] = k;
      repeats[k]!++;
    }
  }
  const per = groupBy === "day" && unit === "week" ? 1 / 7 : 1;
  // E[X(lag u)] for every lag, then the convolution with the births per period.
  const expected = Float64Array.from({ length: K }, (_, lag) => model.expectedPurchases(lag * per));
  const birthPeriods: number[] = [];
  for (let b = 0; b < K; b++) if (births[b]! > 0) birthPeriods.push(b);
  const rows: CumulativeTransactionsRow[] = [];
  let actual = 0;
  let previous = 0;
  for (let k = 0; k < K; k++) {
    actual += repeats[k]!;
    let predicted = 0;
    for (const b of birthPeriods) {
      if (b > k) break;
      predicted += births[b]! * expected[k - b]!;
    }
    rows.push({ period: k, key: periods.periods[k]!.key, actual, predicted, actualIncremental: repeats[k]!, predictedIncremental: predicted - previous });
    previous = predicted;
  }
  return displayable(rows);
}
