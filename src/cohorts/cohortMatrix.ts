/**
 * `cohortMatrix`: retention, orders or revenue of customer cohorts, period by
 * period since their first.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { EventRow } from "../events/types.ts";
import { bucketEvents, countBelow, type BucketedEvents, type EventAnalysisOptions, type EventsArgument } from "../events/bucketEvents.ts";
import { formatCount, requireCellsWithin, requireCount, requireOneOf, requireOpenFraction, requireOptions, requirePositiveCount, requireSynchronous } from "../validate.ts";
import { type CohortKey, cohortRows } from "./assign.ts";
import { assembleCohortMatrix, type CohortGrid, type CohortMatrix, type CohortMean, type CohortMeasure, type CohortMode } from "./matrix.ts";
import { scanCohorts } from "./scan.ts";
import { scanCohortOptions } from "./optionScan.ts";
import { EventTable, tableColumns } from "../events/table.ts";
import { eventSelection, type StartReturnOptions } from "../events/eventSelection.ts";
import { mrrCohorts, type MrrCohortMatrix, type MrrCohortsOptions } from "./mrrCohorts.ts";
import type { SubscriptionRow, SubscriptionsArgument } from "../subscriptions/types.ts";
import { eventTable } from "../events/eventTable.ts";
import { isComplete } from "../periods/options.ts";
import { type PeriodOptions, resolveSpec } from "../periods/options.ts";

/**
 * The measures `cohortMatrix` computes from events (`"mrr"` comes from subscriptions).
 *
 * @category Cohorts
 */
export type EventCohortMeasure = Exclude<CohortMeasure, "mrr">;

/**
 * Which cohorts a customer joins in {@link cohortMatrix}: that of the first period (`"firstTime"`), or
 * that of every period with an event (`"recurring"`).
 *
 * @category Cohorts
 */
export type CohortEntry = "firstTime" | "recurring";

/**
 * What an offset of {@link cohortMatrix} is: a calendar period (`"calendar"`), or a window of fixed length
 * from each customer's start instant (`"rolling"`).
 *
 * @category Cohorts
 */
export type CohortWindow = "calendar" | "rolling";

/** The length of a rolling window per unit, in ms (Amplitude's: a month is 30 days). */
const ROLLING_MS: Partial<Record<string, number>> = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 };

/**
 * Options of {@link cohortMatrix}.
 *
 * @category Cohorts
 */
export interface CohortMatrixOptions<Row = EventRow> extends EventAnalysisOptions<Row>, StartReturnOptions {
  /**
   * `"classic"` (default; PostHog, Amplitude "N-day", Mixpanel): active in period c + k; `"unbounded"`
   * (Amplitude, PostHog "unbounded"): active in c + k or later (customers only); `"bracket"` (Amplitude's
   * custom brackets): active in any period of each bracket of `brackets`.
   */
  mode?: CohortMode;
  /**
   * With `mode: "bracket"` (and only then): the brackets' inclusive upper ends, positive integers strictly
   * increasing: `[7, 14, 30]` makes the columns offset 0, periods 1-7, 8-14 and 15-30. A bracket cell is
   * `null` until its whole range has ended (Amplitude draws a data point still under way as incomplete, with the users so far).
   */
  brackets?: readonly number[];
  /**
   * PostHog's "minimum occurrences": a period after the first counts as active only with at least this
   * many events, an integer of at least 1; default 1 (any event; Amplitude, Mixpanel). Offset 0 stays
   * the cohort's size. Customers measure only.
   */
  minEvents?: number;
  /** `"customers"` (default), `"orders"` or `"revenue"` (needs amounts). */
  measure?: EventCohortMeasure;
  /**
   * A cohort key per customer id (a country, a plan, an acquisition channel) instead of the period of
   * the first event. Offsets stay relative to each customer's own first period.
   */
  cohortOf?: CohortKey;
  /**
   * Which cohorts a customer joins: `"firstTime"` (default; Mixpanel "birth", Amplitude) the cohort of
   * their first period only; `"recurring"` (PostHog's default, Mixpanel "compounded") the cohort of every
   * period in which they have an event, offsets counted from that period. Not with `cohortOf`.
   */
  entry?: CohortEntry;
  /**
   * `"calendar"` (default; PostHog, Mixpanel, Amplitude's "calendar days"): offset k is the k-th calendar
   * period after the cohort's, in the time zone; `"rolling"` (Amplitude's default "24-hour windows"): each
   * customer's own windows from their first event's instant (from each period's first event with
   * `entry: "recurring"`): window k is [start + k * length, start + (k + 1) * length), a day 24 hours, a week
   * 7 days, a month 30 days (other units are refused). A rolling cell counts the members whose window k has
   * ended by `to` (`observed`); it is `null` only when no member's has. Cohorts stay calendar periods.
   */
  window?: CohortWindow;
  /** The last offset (column); default: the largest offset observed at the data's end. */
  maxOffset?: number;
  /** Add Wilson intervals of the rates (customers measure only); default false. */
  interval?: boolean;
  /** Confidence level of the intervals, strictly between 0 and 1; default 0.95. */
  confidence?: number;
  /**
   * The average curve: `"weighted"` (default) by cohort size, sum of values / sum of observed;
   * `"simple"`: the mean of the observed cohorts' rates, each cohort counting once (PostHog offers
   * both). Only `average` changes.
   */
  mean?: CohortMean;
}

/**
 * Options of {@link cohortMatrix} on subscriptions: `measure: "mrr"` and the options of {@link mrrCohorts}.
 *
 * @category Cohorts
 */
export type MrrCohortMatrixOptions<Row = SubscriptionRow> = MrrCohortsOptions<Row> & MrrMeasure;

/**
 * The measure that makes {@link cohortMatrix} read subscriptions.
 *
 * @category Cohorts
 */
export interface MrrMeasure {
  /** `"mrr"`: cells are each cohort's MRR at the end of each period. */
  measure: "mrr";
}

/** The default confidence level of the intervals. */
const DEFAULT_CONFIDENCE = 0.95;

/**
 * A cohort matrix from raw events: customers grouped by the period of their
 * first event (or by a key of the caller's), and per offset k (periods since
 * the first) how many of them were active, how many orders they placed or how
 * much revenue they brought, with rates, the size-weighted average curve and
 * the realised lifetime value curve.
 *
 * Definitions ([cohorts](../../docs/definitions.md#4-cohorts)): classic cell (c, k) = customers of cohort
 * c active in period c + k; unbounded cell (c, k) = customers of c active in
 * c + k or any later period before `to` (non-increasing in k); orders and
 * revenue cells sum the events of the cohort's customers in period c + k.
 * rate = value / observed, where observed is the cohort size (customers whose
 * period c + k has ended, with `cohortOf`). A cell whose period has not ended
 * by `to` is `null` (right-censored), never 0. average(k) = sum of values /
 * sum of observed over the cohorts observed at k (weighted by size); with
 * `mean: "simple"`, the mean of their rates ([average retention curve](../../docs/definitions.md#average-retention-curve)).
 * cumulativeRevenuePerCustomer(k) = revenue in periods c..c + k / observed (the
 * realised lifetime value curve); its average is the running sum of the
 * size-weighted revenue per customer at each offset.
 * Intervals: Wilson score interval of value out of observed. Customers whose
 * first event is before `from` belong to no cohort; events at or after `to`
 * are ignored.
 *
 * The settings of the analytics products ([same data, each tool's number](../../docs/guide/same-data-each-tools-number.md)):
 * `mode: "bracket"` with `brackets` (Amplitude's custom brackets): column 0 is
 * offset 0, column j the customers active in any period of bracket j, `null`
 * until the bracket's last period has ended (Amplitude marks it incomplete);
 * `minEvents: n` (PostHog's minimum occurrences): a period after the first is
 * active only with n events or more; `entry: "recurring"` (PostHog's default,
 * Mixpanel's "compounded"; `"firstTime"`, the default, is Mixpanel's "birth"):
 * a customer joins the cohort of every period they are active in, offsets
 * from there; `window: "rolling"` (Amplitude's default; `"calendar"`, the
 * default, is PostHog's, Mixpanel's and Amplitude's "calendar date"): offset k
 * is the window [start + k L, start + (k + 1) L) from the customer's start
 * instant, L = 24 hours, 7 days or 30 days, and a cell counts the members whose
 * window k has ended (`observed`), `null` only when none has. Any of these
 * takes a simpler per-customer scan; the defaults keep the tuned one.
 *
 * Start and return events ([event names](../../docs/definitions.md#event-names); PostHog's and Amplitude's):
 * with `startEvent`, a customer's cohort (and rolling start) is that of their first start event (every
 * period's first, recurring); with `returnEvent`, only return events make a later period active, and the
 * orders and revenue measures sum them. Offset 0 is the cohort's size whatever the return event. Either
 * takes the per-customer scan.
 *
 * With `measure: "mrr"` the input is subscriptions (as {@link mrrCohorts} takes them) and the
 * cells are each cohort's MRR at the end of each period, the rates net revenue retention by cohort:
 * `cohortMatrix(subscriptions, { measure: "mrr" })` is `mrrCohorts(subscriptions)`.
 *
 * @param events - rows, columns or an {@link EventTable}; subscriptions with `measure: "mrr"`
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`, `to`),
 *   `mode` (default `"classic"`), `brackets` (with `mode: "bracket"`), `minEvents` (default 1), `entry`
 *   (default `"firstTime"`), `window` (default `"calendar"`), `measure` (default `"customers"`), `cohortOf`, `maxOffset`,
 *   `interval` (default false), `confidence` (default 0.95), `mean` (default `"weighted"`),
 *   `startEvent` and `returnEvent` (default: any event) and the {@link eventTable} options for rows
 * @returns the {@link CohortMatrix}: offsets, one row per cohort, the average curve and `toRows()`
 * @throws {@link InvalidInputError} for bad rows (see {@link eventTable}) or options, `"unbounded"` with a
 *   measure other than customers, `interval` with a measure other than customers, the revenue measure
 *   on events without amounts, an unknown `mean` or `mean: "simple"` with `interval: true`, a
 *   `cohortOf` that returns something other than a string; brackets that are empty, not positive
 *   integers or not strictly increasing, `brackets` without `mode: "bracket"` or `maxOffset` with it;
 *   `minEvents` not an integer of at least 1, or with a measure other than customers; an unknown
 *   `entry`, or `"recurring"` with `cohortOf`; an unknown `window`, or `"rolling"` with a unit other
 *   than day, week or month; any of `brackets`, `minEvents`, `entry`, `window`, `startEvent`, `returnEvent`
 *   or `mode: "bracket"` with `measure: "mrr"`; `startEvent` or `returnEvent` on events without names,
 *   naming an event the table does not have (the message lists those it has), an empty list, or a
 *   predicate that returns something other than a boolean
 * @see [Classic](../../docs/definitions.md#classic-cohort-retention) and [unbounded cohort retention](../../docs/definitions.md#unbounded-cohort-retention),
 *   [cohort measures](../../docs/definitions.md#cohort-measures), [censoring](../../docs/definitions.md#censoring) and the
 *   [average retention curve](../../docs/definitions.md#average-retention-curve); the classic and unbounded ("N-day" and
 *   "unbounded") retention of product analytics tools; [bracket retention](../../docs/definitions.md#bracket-retention),
 *   [minimum events](../../docs/definitions.md#minimum-events), [recurring cohorts](../../docs/definitions.md#recurring-cohorts) and
 *   [rolling windows](../../docs/definitions.md#rolling-windows): Amplitude's custom brackets and 24-hour windows
 *   (https://amplitude.com/docs/analytics/charts/retention-analysis/retention-analysis-interpret), PostHog's retention
 *   (https://posthog.com/docs/product-analytics/retention), Mixpanel's retention (https://docs.mixpanel.com/docs/reports/retention).
 * @example
 * ```ts
 * import { cohortMatrix } from "retention-metrics";
 * const m = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 30 },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 15 },
 *   { customerId: "c", at: "2024-02-15T10:00:00Z", amount: 40 },
 *   { customerId: "c", at: "2024-03-02T10:00:00Z", amount: 10 },
 * ], { period: "month", to: "2024-03-15T00:00:00Z" });
 * // March has not ended: its cells are null
 * console.log(m.cohorts.map((c) => [c.cohort, c.size, c.rates])); // [["2024-01",2,[1,0.5]],["2024-02",1,[1,null]],["2024-03",0,[null,null]]]
 * console.log(m.average, m.cohorts[0]!.cumulativeRevenuePerCustomer.map(String)); // [1,0.5] ["25","32.5"]
 * // Users who signed up, then came back to purchase: cat signed up and never bought.
 * const signups = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z", event: "signup" },
 *   { customerId: "c", at: "2024-01-09T10:00:00Z", event: "signup" },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z", event: "purchase" },
 *   { customerId: "c", at: "2024-02-15T10:00:00Z", event: "visit" },
 * ], { to: "2024-03-01T00:00:00Z", startEvent: "signup", returnEvent: "purchase" });
 * console.log(signups.cohorts[0]!.values); // [2,1]
 * ```
 * @category Cohorts
 */
export function cohortMatrix<Row = EventRow>(events: EventsArgument<Row>, options?: CohortMatrixOptions<Row>): CohortMatrix;
export function cohortMatrix<Row = SubscriptionRow>(events: SubscriptionsArgument<Row>, options: MrrCohortMatrixOptions<Row>): MrrCohortMatrix;
export function cohortMatrix<Row>(
  events: EventsArgument<Row> | SubscriptionsArgument<Row>,
  options: CohortMatrixOptions<Row> | MrrCohortMatrixOptions<Row> = {},
): CohortMatrix {
  requireOptions(options, "options", '{ period: "month", maxOffset: 12 }');
  if (options.measure === "mrr") {
    if (events instanceof EventTable) {
      throw new InvalidInputError({ field: "measure", value: "mrr", expected: "subscriptions (intervals or MRR changes), not an EventTable, for the mrr measure" });
    }
    // The options of event cohorts mean nothing for MRR: refused rather than ignored.
    const given = options as unknown as Record<string, unknown>;
    for (const field of ["brackets", "minEvents", "entry", "window", "startEvent", "returnEvent"] as const) {
      if (given[field] !== undefined) throw new InvalidInputError({ field, value: given[field], expected: `no ${field} with measure "mrr" (MRR cohorts are by calendar period of the first subscription)` });
    }
    // MRR cohorts hold each cohort's MRR at the end of each period: the classic cells, and nothing else.
    if (given.mode !== undefined && given.mode !== "classic") {
      throw new InvalidInputError({ field: "mode", value: given.mode, expected: '"classic" (or none) with measure "mrr": the cells are the MRR at the end of each period' });
    }
    const { measure: _measure, ...rest } = options;
    return mrrCohorts(events as SubscriptionsArgument<Row>, rest as MrrCohortsOptions<Row>);
  }
  return eventCohortMatrix(events as EventsArgument<Row>, options);
}

/**
 * The checked options of an event cohort matrix that do not depend on where
 * the events are: shared by `cohortMatrix` and the warehouse's, so both refuse
 * the same things with the same errors. @internal
 */
export function eventCohortSettings(options: Pick<CohortMatrixOptions, "mode" | "brackets" | "minEvents" | "entry" | "window" | "measure" | "maxOffset" | "interval" | "confidence" | "mean" | "startEvent" | "returnEvent">) {
  const mode = requireOneOf(options.mode ?? "classic", "mode", ["classic", "unbounded", "bracket"] as const);
  const brackets = bracketsOf(mode, options.brackets);
  if (mode === "bracket" && options.maxOffset !== undefined) {
    throw new InvalidInputError({ field: "maxOffset", value: options.maxOffset, expected: 'no maxOffset with mode "bracket" (the brackets give the columns)' });
  }
  const measure = requireOneOf(options.measure ?? "customers", "measure", ["customers", "orders", "revenue"] as const);
  const maxOffset = options.maxOffset === undefined ? undefined : requireCount(options.maxOffset, "maxOffset");
  if (maxOffset !== undefined) {
    requireCellsWithin(maxOffset + 1, { field: "maxOffset", value: maxOffset, what: `${formatCount(maxOffset + 1)} offsets`, remedy: "set a smaller maxOffset" });
  }
  const interval = options.interval ?? false;
  if (typeof interval !== "boolean") throw new InvalidInputError({ field: "interval", value: interval, expected: "true or false" });
  const confidence = options.confidence === undefined ? DEFAULT_CONFIDENCE : requireOpenFraction(options.confidence, "confidence");
  const mean = requireOneOf(options.mean ?? "weighted", "mean", ["weighted", "simple"] as const);
  if (mean === "simple" && interval) {
    throw new InvalidInputError({ field: "mean", value: mean, expected: '"weighted" with interval: true (the Wilson interval of the average is that of the pooled, size-weighted rate)' });
  }
  if (mode === "unbounded" && measure !== "customers") {
    throw new InvalidInputError({ field: "mode", value: mode, expected: `"classic" with measure ${JSON.stringify(measure)} (unbounded retention counts customers)` });
  }
  if (interval && measure !== "customers") {
    throw new InvalidInputError({ field: "interval", value: interval, expected: `false with measure ${JSON.stringify(measure)} (Wilson intervals are for proportions of customers)` });
  }
  const minEvents = options.minEvents === undefined ? null : requirePositiveCount(options.minEvents, "minEvents");
  if (minEvents !== null && measure !== "customers") {
    throw new InvalidInputError({ field: "minEvents", value: minEvents, expected: `no minEvents with measure ${JSON.stringify(measure)} (it says which customers count as active)` });
  }
  const entry = requireOneOf(options.entry ?? "firstTime", "entry", ["firstTime", "recurring"] as const);
  const window = requireOneOf(options.window ?? "calendar", "window", ["calendar", "rolling"] as const);
  // The first option set that only the in-memory scan knows, for the warehouse to refuse by name.
  const inMemoryOnly =
    mode === "bracket" ? { field: "mode", value: mode }
    : minEvents !== null ? { field: "minEvents", value: minEvents }
    : entry === "recurring" ? { field: "entry", value: entry }
    : window === "rolling" ? { field: "window", value: window }
    : options.startEvent !== undefined ? { field: "startEvent", value: options.startEvent }
    : options.returnEvent !== undefined ? { field: "returnEvent", value: options.returnEvent }
    : null;
  return { mode, brackets, minEvents, entry, window, measure, maxOffset, interval, confidence, mean, inMemoryOnly };
}

/** The checked brackets: required by `mode: "bracket"`, refused without it. */
function bracketsOf(mode: CohortMode, brackets: unknown): readonly number[] | null {
  if (mode !== "bracket") {
    if (brackets !== undefined) throw new InvalidInputError({ field: "brackets", value: brackets, expected: 'no brackets unless mode is "bracket"' });
    return null;
  }
  const example = "the inclusive upper ends of consecutive ranges of periods, such as [7, 14, 30]";
  if (!Array.isArray(brackets) || brackets.length === 0) throw new InvalidInputError({ field: "brackets", value: brackets, expected: `a non-empty array: ${example}` });
  // A plain loop, not forEach: a hole in a sparse array must be refused too.
  for (let i = 0; i < brackets.length; i++) {
    const end: unknown = brackets[i];
    requirePositiveCount(end, `brackets[${i}]`);
    if (i > 0 && (end as number) <= brackets[i - 1]) {
      throw new InvalidInputError({ field: `brackets[${i}]`, value: end, expected: `more than brackets[${i - 1}] = ${brackets[i - 1]} (${example}, strictly increasing)` });
    }
  }
  requireCellsWithin(brackets.length + 1, { field: "brackets", value: brackets.length, what: `${formatCount(brackets.length + 1)} columns`, remedy: "give fewer brackets" });
  return [...(brackets as number[])];
}

function eventCohortMatrix<Row>(events: EventsArgument<Row>, options: CohortMatrixOptions<Row>): CohortMatrix {
  const { mode, brackets, minEvents, entry, window, measure, maxOffset, interval, confidence, mean } = eventCohortSettings(options);
  const cohortOf = options.cohortOf;
  if (cohortOf !== undefined && typeof cohortOf !== "function") {
    throw new InvalidInputError({ field: "cohortOf", value: cohortOf, expected: "a function from a customer id to a cohort key" });
  }
  const recurring = entry === "recurring";
  if (recurring && cohortOf !== undefined) {
    throw new InvalidInputError({ field: "entry", value: entry, expected: '"firstTime" with cohortOf (a customer has one key: recurring cohorts are periods)' });
  }
  const rolling = window === "rolling" ? rollingLength(options) : null;
  requireSynchronous(events, "events", "eventTable");
  const table = eventTable(events, options);
  if (measure === "revenue" && !table.hasAmounts && table.length > 0) {
    throw new InvalidInputError({ field: "measure", value: measure, expected: "events with amounts for the revenue measure" });
  }
  // Start and return events, checked against the table's names (an unknown name throws, listing them).
  const selection = eventSelection(table, options);
  const assemble = { interval, confidence, mean };
  const b = bucketEvents(table, options);
  const fixed = brackets === null ? maxOffset : brackets.length;
  if (b === null) return assembleCohortMatrix(withBrackets(emptyGrid(options, mode, measure, fixed, table.currencyScale, cohortOf), brackets), assemble);

  const lastComplete = lastCompletePeriod(b);
  const widest = rolling === null ? Math.max(lastComplete - b.firstReported, 0) + 1 : rollingWindows(b, rolling);
  const columns = fixed === undefined ? widest : fixed + 1;
  const rows = cohortRows(b, cohortOf, selection);
  const cohorts = rows.labels.length;
  requireCellsWithin(cohorts * columns, {
    field: maxOffset === undefined ? "period" : "maxOffset",
    value: maxOffset ?? options.period ?? "month",
    what: `a cohort matrix of ${formatCount(cohorts)} cohorts x ${formatCount(columns)} offsets` + (cohorts > 0 ? ` (cohorts ${rows.labels[0]} to ${rows.labels[cohorts - 1]})` : ""),
    remedy: "set maxOffset, use a longer period unit (week, month) or a later from (a stray early event or from starts the cohorts there)",
  });
  // The default options keep the tuned kernels; any other takes the simpler per-customer scan
  // (`minEvents: 1` too, which is how the tests see that it gives today's cells).
  const classic = brackets === null && minEvents === null && !recurring && rolling === null && selection === null;
  const grid = classic
    ? scanCohorts(b, rows, { mode, measure, columns, lastComplete })
    : withBrackets(scanCohortOptions(b, rows, { mode, measure, ends: columnEnds(columns, brackets), minEvents: minEvents ?? 1, recurring, window: rolling, lastComplete, events: selection }), brackets);
  return assembleCohortMatrix(fixed === undefined ? trimToObserved(grid) : grid, assemble);
}

/** The length of a rolling window of the options' unit, in ms. @throws {@link InvalidInputError} for a unit other than day, week or month @internal */
export function rollingLength(options: PeriodOptions): number {
  const unit = resolveSpec(options).unit;
  const length = ROLLING_MS[unit];
  if (length === undefined) {
    throw new InvalidInputError({ field: "window", value: "rolling", expected: `"calendar" with period ${JSON.stringify(unit)} (rolling windows are days of 24 hours, weeks of 7 days or months of 30 days)` });
  }
  return length;
}

/**
 * The most rolling windows any member can have ended by `to` (at least 1): those of the earliest event
 * in a reported period, where the earliest membership starts.
 */
function rollingWindows(b: BucketedEvents, length: number): number {
  const time = tableColumns(b.table).time;
  // The first event at or after the first reported period's start, by binary search: no period per event.
  const i = countBelow(time, b.bucketer.boundaries[b.firstReported]!, b.firstEvent, b.eventCount);
  return i < b.eventCount ? Math.max(Math.floor((b.to - time[i]!) / length), 1) : 1;
}

/** The last offset of each column: 0..columns-1, or 0 then the brackets' upper ends. @internal */
export function columnEnds(columns: number, brackets: readonly number[] | null): number[] {
  return brackets === null ? Array.from({ length: columns }, (_, k) => k) : [0, ...brackets];
}

/** The grid with the brackets it was scanned for (none: as it is). @internal */
export function withBrackets(grid: CohortGrid, brackets: readonly number[] | null): CohortGrid {
  return brackets === null ? grid : { ...grid, brackets };
}

/** Index of the last period that ended by the data's end (`to`); one less than the first when none did. @internal */
export function lastCompletePeriod(b: BucketedEvents): number {
  const periods = b.bucketer.periods;
  const n = periods.length;
  return isComplete(periods[n - 1]!, b.to) ? n - 1 : n - 2;
}

/** The grid without the columns past the largest offset any cohort is observed at (at least one column). @internal */
export function trimToObserved(grid: CohortGrid): CohortGrid {
  let widest = 0;
  for (let r = 0; r < grid.labels.length; r++) widest = Math.max(widest, grid.horizon[r]! + 1);
  const columns = Math.max(widest, 1);
  if (columns >= grid.columns) return grid;
  const cut = (a: Float64Array) => {
    const out = new Float64Array(grid.labels.length * columns);
    for (let r = 0; r < grid.labels.length; r++) out.set(a.subarray(r * grid.columns, r * grid.columns + columns), r * columns);
    return out;
  };
  return {
    ...grid,
    columns,
    values: cut(grid.values),
    observed: cut(grid.observed),
    revenue: grid.revenue === null ? null : cut(grid.revenue),
    cumulativeRevenue: grid.cumulativeRevenue === null ? null : cut(grid.cumulativeRevenue),
  };
}

/** The grid of no events: no cohorts, the requested offsets (none by default). @internal */
export function emptyGrid<Row>(options: CohortMatrixOptions<Row>, mode: CohortMode, measure: EventCohortMeasure, maxOffset: number | undefined, currencyScale: number, cohortOf: CohortKey | undefined): CohortGrid {
  const spec = resolveSpec(options);
  return {
    mode,
    measure,
    spec,
    cohortBy: cohortOf === undefined ? "period" : "key",
    labels: [],
    periods: cohortOf === undefined ? [] : null,
    sizes: [],
    horizon: [],
    columns: maxOffset === undefined ? 0 : maxOffset + 1,
    values: new Float64Array(0),
    observed: new Float64Array(0),
    revenue: null,
    cumulativeRevenue: null,
    currencyScale,
  };
}
