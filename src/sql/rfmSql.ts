/**
 * `rfmSummary` and `rfmHistories` in the warehouse: the engine puts each
 * purchase in its calendar period (the same edges as in memory, bound), folds
 * them to customer x period and then to one row per customer (first period,
 * last calibration period, distinct calibration and holdout periods, the
 * repeat and holdout sums in minor units); `rfmHistories` folds those once
 * more to the distinct (frequency, recency, T) histories with their counts.
 * TypeScript makes each row with the in-memory final step ({@link rfmHistoryOf},
 * {@link rfmRowOf}), so rows and histories are the in-memory ones.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { SkippedCounts } from "../events/types.ts";
import { isValidId } from "../events/rowReading.ts";
import type { Decimal } from "../money.ts";
import { type Instant, toEpochMs } from "../periods/index.ts";
import type { RfmHoldoutRow, RfmLeftOut, RfmRow, RfmSummary, RfmSummaryOptions } from "../clv/rfmSummary.ts";
import { type RfmFrame, rfmFrame, rfmHistoryOf, rfmRowOf, type RfmSettings, rfmSettings, withLeftOut } from "../clv/rfmRows.ts";
import { bucketSql } from "./bucketSql.ts";
import type { CompiledMethod } from "./cohortMatrixSql.ts";
import { exactInteger } from "./exact.ts";
import { binderOf, compiled, type DataSpan, methodSettings, presentOptions, READING_OPTIONS, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/**
 * Options of {@link Warehouse.rfmSummary}: those of `rfmSummary` (`observationEnd`, `calibrationEnd`,
 * `timeUnit`, `groupBy`, `weekStartsOn`, `timeZone`, `currencyScale`, `onInvalid`), without `fields`
 * and `epochUnit` (the warehouse's `events` setting names the columns and their unit).
 *
 * @category Warehouse
 */
export type WarehouseRfmSummaryOptions = Omit<RfmSummaryOptions, "fields" | "epochUnit">;

/**
 * Options of {@link Warehouse.rfmSummary} for a stream of the rows: those of
 * {@link WarehouseRfmSummaryOptions} with `stream: true`.
 *
 * @category Warehouse
 */
export type WarehouseRfmStreamOptions = WarehouseRfmSummaryOptions & {
  /** `true`: the rows as an async iterable ({@link RfmRowStream}), each finished as it arrives. */
  stream: true;
};

/**
 * The rows of {@link Warehouse.rfmSummary} with `stream: true`: an async iterable of the rows (in
 * order of first purchase, ties by id), each made by `rfmSummary`'s final step as it arrives. Each
 * iteration runs the queries again. Rows are held one at a time when the warehouse has a
 * `queryStream` adapter (else the driver's array is walked).
 *
 * @category Warehouse
 */
export interface RfmRowStream<R extends RfmRow = RfmRow> extends AsyncIterable<R> {
  /** What the rows leave out, as `rfmSummary`'s `leftOut`: `null` until a stream has been read to its end. */
  readonly leftOut: Readonly<RfmLeftOut> | null;
}

/**
 * Options of {@link Warehouse.rfmHistories}: those of {@link WarehouseRfmSummaryOptions}, and `monetaryValue`.
 *
 * @category Warehouse
 */
export interface WarehouseRfmHistoriesOptions extends WarehouseRfmSummaryOptions {
  /**
   * Whether histories are told apart by monetary value too, each carrying it (default false): with
   * true, the rows are what `fitGammaGamma` reads (frequency, monetary value, count), and there are
   * about as many as repeat buyers.
   */
  monetaryValue?: boolean;
}

/**
 * The options of `compile.rfmSummary` and `compile.rfmHistories`: the method's, with `observationEnd`
 * and `firstEvent` given (the calendar periods start at the period of the data's first valid event,
 * which the method reads with its span query).
 *
 * @category Warehouse
 */
export type WarehouseRfmCompileOptions<O extends WarehouseRfmSummaryOptions = WarehouseRfmSummaryOptions> = O & {
  /** The last day observed (required to compile). */
  observationEnd: Instant;
  /** The first valid event's instant (required to compile; the method reads it from the data). */
  firstEvent: Instant;
};

/**
 * One distinct purchase history of {@link Warehouse.rfmHistories}: what `fitBgNbd`, `fitParetoNbd`,
 * `fitModifiedBgNbd` (and, with monetary values, `fitGammaGamma`) read as a weighted row.
 *
 * @category Warehouse
 */
export interface RfmHistory {
  /** Repeat purchase periods, as in `rfmSummary`. */
  frequency: number;
  /** Recency, as in `rfmSummary`. */
  recency: number;
  /** T, as in `rfmSummary`. */
  T: number;
  /** How many customers have this history. */
  count: number;
  /** Their monetary value, as in `rfmSummary` (only with the option `monetaryValue: true`; `null` without amounts). */
  monetaryValue?: Decimal | null;
}

/**
 * The histories of {@link Warehouse.rfmHistories}, by frequency, recency, T (and monetary value):
 * an array with the non-enumerable `leftOut` of `rfmSummary`.
 *
 * @category Warehouse
 */
export type RfmHistories = RfmHistory[] & {
  /** Customers and events not in any history, and rows skipped as invalid (`examples` is empty: a warehouse has no row numbers). */
  readonly leftOut: Readonly<RfmLeftOut>;
};

/** The checked options, the frame, and the SQL of one row per summarised customer (CTE `cust`). */
interface RfmQuery {
  readonly settings: RfmSettings;
  readonly frame: RfmFrame | null;
  readonly scale: number | null;
  readonly skipped: SkippedCounts;
  /** The WITH clause ending in `tot`: the customers, with the totals over all customers and events. */
  readonly sql: string;
  readonly binder: ReturnType<typeof binderOf>;
  /** The placeholder of the calibration stop. */
  readonly calibrationStop: string;
}

/** Refuses an option that is not the method's. */
function refuse(option: string, value: unknown, expected: string): never {
  throw new InvalidInputError({ field: option, value, expected });
}

/**
 * The shared part: options, the frame (from the data's span, or for compile from `firstEvent` and
 * `observationEnd`), and the per-customer SQL.
 */
function rfmQuery(ctx: WarehouseContext, options: WarehouseRfmSummaryOptions, data: DataSpan | null | undefined, skipped: SkippedCounts | undefined, method: string): RfmQuery {
  const settings = rfmSettings(options);
  const stream = (options as { stream?: unknown }).stream;
  if (method === "rfmSummary" ? stream !== undefined && typeof stream !== "boolean" : stream !== undefined) {
    refuse("stream", stream, method === "rfmSummary" ? "true or false" : `no stream from wh.${method} (its rows are bounded by the distinct histories: one array)`);
  }
  const firstEvent = (options as { firstEvent?: unknown }).firstEvent;
  const common = methodSettings({ timeZone: settings.timeZone, ...presentOptions(options, READING_OPTIONS) });
  let span: DataSpan | null;
  if (data === undefined) {
    if (options.observationEnd === undefined || firstEvent === undefined) {
      refuse(options.observationEnd === undefined ? "observationEnd" : "firstEvent", undefined,
        `an explicit observationEnd and firstEvent for compile.${method} (the periods' boundaries are bound values from the data's first event; wh.${method} reads it first)`);
    }
    const first = toEpochMs(firstEvent, { field: "firstEvent", timeZone: settings.timeZone });
    span = { first, last: first };
  } else {
    if (firstEvent !== undefined) refuse("firstEvent", firstEvent, `no firstEvent for wh.${method} (it is read from the data; only compile.${method} takes it)`);
    span = data;
  }
  const frame = rfmFrame(span, options, settings);
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const scale = source.amount === undefined ? null : common.currencyScale;
  const none = { customerId: 0, at: 0, amount: 0 };
  if (frame === null) return { settings, frame, scale, skipped: skipped ?? none, sql: "", binder, calibrationStop: "" };
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const stop = binder.bind(frame.stop);
  const k = bucketSql(dialect, binder, frame.periods.boundaries, "t", -1);
  const cal = binder.bind(frame.calibrationStop);
  const big = dialect.bigint;
  const inCal = `t < ${cal}`;
  const inHold = `t >= ${cal} AND t < ${stop}`;
  // Events after the observation end day have no period (k NULL): they count only in the totals.
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, t, a, CASE WHEN t < ${stop} THEN ${k} END AS k FROM raw WHERE ${VALID}),`,
    `act AS (SELECT cid, k, ${big("count(*)")} AS n, min(t) AS ft,`,
    `  max(CASE WHEN ${inCal} THEN 1 ELSE 0 END) AS cal, ${big(`sum(CASE WHEN ${inCal} THEN a ELSE 0 END)`)} AS cal_a,`,
    `  max(CASE WHEN ${inHold} THEN 1 ELSE 0 END) AS hold, ${big(`sum(CASE WHEN ${inHold} THEN a ELSE 0 END)`)} AS hold_a`,
    `  FROM b GROUP BY cid, k),`,
    `w AS (SELECT cid, k, n, ft, cal, cal_a, hold, hold_a, min(k) OVER (PARTITION BY cid) AS d1 FROM act),`,
    `cust AS (SELECT cid, min(ft) AS first_t, min(d1) AS first_k, ${big("sum(n)")} AS n_all,`,
    `  ${big("sum(CASE WHEN k IS NULL THEN 0 ELSE n END)")} AS n_in, ${big("sum(cal)")} AS cal_periods,`,
    `  max(CASE WHEN cal = 1 THEN k END) AS last_cal, ${big("sum(CASE WHEN k <> d1 THEN cal_a ELSE 0 END)")} AS repeat_a,`,
    `  ${big("sum(hold)")} AS hold_periods, ${big("sum(hold_a)")} AS hold_value FROM w GROUP BY cid),`,
    `tot AS (SELECT cid, first_t, first_k, n_in, cal_periods, last_cal, repeat_a, hold_periods, hold_value,`,
    `  ${big("count(*) OVER ()")} AS customers_all, ${big("sum(n_all) OVER ()")} AS events_all FROM cust)`,
  ].join("\n");
  return { settings, frame, scale, skipped: skipped ?? none, sql, binder, calibrationStop: cal };
}

/** What the rows leave out, in the report's shape (the warehouse has no example rows). */
function leftOutOf(rows: readonly Record<string, unknown>[], summarised: number, eventsIn: number, skipped: SkippedCounts) {
  const first = rows[0] ?? {};
  const customers = exactInteger(first.customers_all, "customers_all");
  const events = exactInteger(first.events_all, "events_all");
  const total = skipped.customerId + skipped.at + skipped.amount;
  return { customers: customers - summarised, events: events - eventsIn, skipped: { total, byField: { ...skipped }, examples: [] } };
}

/** A customer id as the driver gave it (a string, a number or a bigint), checked. */
function idOf(value: unknown, source: WarehouseContext["source"]) {
  if (!isValidId(value)) {
    throw new InvalidInputError({ field: `events.customerId (${source.customerId})`, value, expected: "ids the driver returns as non-empty strings, finite numbers or bigints" });
  }
  return value;
}

/** The rows of `rfmSummary` one at a time: each query row's summary row, and what they leave out once all are read. @internal */
export interface RfmRowReader {
  row(row: Record<string, unknown>): RfmRow;
  /** The report after the last row; `first` is the first query row (the totals ride on every row). */
  leftOut(first: Record<string, unknown> | undefined): RfmLeftOut;
}

/** Compiles `rfmSummary`: one row per summarised customer, in order of first purchase (ties by id), and its row reader. */
export function compileRfmSummary(ctx: WarehouseContext, options: WarehouseRfmSummaryOptions, data: DataSpan | null | undefined, skipped?: SkippedCounts): CompiledMethod<RfmSummary<RfmRow> | RfmSummary<RfmHoldoutRow>> & { reader: () => RfmRowReader } {
  const q = rfmQuery(ctx, options, data, skipped, "rfmSummary");
  const { frame, settings, scale } = q;
  const reader = (): RfmRowReader => {
    let count = 0;
    let eventsIn = 0;
    return {
      row(row) {
        const history = rfmHistoryOf(frame!, settings, exactInteger(row.first_k, "first_k"), exactInteger(row.last_cal, "last_cal"), exactInteger(row.cal_periods, "cal_periods"), exactInteger(row.repeat_a, "repeat_a"), scale);
        const out = rfmRowOf(frame!, settings, idOf(row.cid, ctx.source), history, exactInteger(row.hold_periods, "hold_periods"), exactInteger(row.hold_value, "hold_value"), scale);
        count++;
        eventsIn += exactInteger(row.n_in, "n_in");
        return out;
      },
      leftOut: (first) => leftOutOf(first === undefined ? [] : [first], count, eventsIn, q.skipped),
    };
  };
  if (frame === null) return { query: null, finish: () => withLeftOut([], 0, 0, leftOutOf([], 0, 0, q.skipped).skipped), reader };
  const sql = `${q.sql}\nSELECT cid, first_k, last_cal, cal_periods, repeat_a, hold_periods, hold_value, n_in, customers_all, events_all\nFROM tot WHERE first_t < ${q.calibrationStop} ORDER BY first_t, cid`;
  const finish = (rows: readonly Record<string, unknown>[]) => {
    const r = reader();
    const out = rows.map((row) => r.row(row));
    const left = r.leftOut(rows[0]);
    return withLeftOut(out, left.customers, left.events, left.skipped);
  };
  return { query: compiled(sql, q.binder), finish, reader };
}

/** Compiles `rfmHistories`: the distinct histories with their counts. */
export function compileRfmHistories(ctx: WarehouseContext, options: WarehouseRfmHistoriesOptions, data: DataSpan | null | undefined, skipped?: SkippedCounts): CompiledMethod<RfmHistories> {
  const monetary = options?.monetaryValue ?? false;
  if (typeof monetary !== "boolean") refuse("monetaryValue", monetary, "true or false");
  const q = rfmQuery(ctx, options, data, skipped, "rfmHistories");
  const { frame, settings, scale } = q;
  if (monetary && ctx.source.amount === undefined) refuse("monetaryValue", true, "events with an amount column (events.amount) for monetary values");
  // The same non-enumerable report as rfmSummary's rows carry.
  const withLeft = (rows: RfmHistory[], customers: number, events: number, s: RfmLeftOut["skipped"]) => withLeftOut(rows as never[], customers, events, s) as unknown as RfmHistories;
  if (frame === null) return { query: null, finish: () => withLeft([], 0, 0, leftOutOf([], 0, 0, q.skipped).skipped) };
  const keys = ["cal_periods", "last_cal - first_k", "first_k", ...(monetary ? ["repeat_a"] : [])];
  const big = ctx.dialect.bigint;
  const sql = [
    q.sql,
    `SELECT ${big("cal_periods")} AS periods, ${big("last_cal - first_k")} AS span_k, ${big("first_k")} AS fk, ${monetary ? big("repeat_a") : big("0")} AS value,`,
    `  ${big("count(*)")} AS customers, ${big("sum(n_in)")} AS events_in, ${big("max(customers_all)")} AS customers_all, ${big("max(events_all)")} AS events_all`,
    `FROM tot WHERE first_t < ${q.calibrationStop} GROUP BY ${keys.join(", ")}`,
  ].join("\n");
  const finish = (rows: readonly Record<string, unknown>[]) => {
    const read = rows.map((row) => ({
      periods: exactInteger(row.periods, "periods"),
      span: exactInteger(row.span_k, "span_k"),
      fk: exactInteger(row.fk, "fk"),
      value: exactInteger(row.value, "value"),
      count: exactInteger(row.customers, "customers"),
    }));
    // By frequency, recency, T (a later first period is a shorter T), then monetary value.
    read.sort((x, y) => x.periods - y.periods || x.span - y.span || y.fk - x.fk || x.value - y.value);
    let summarised = 0;
    let eventsIn = 0;
    for (const row of rows) eventsIn += exactInteger(row.events_in, "events_in");
    const out = read.map((r): RfmHistory => {
      summarised += r.count;
      const h = rfmHistoryOf(frame, settings, r.fk, r.fk + r.span, r.periods, r.value, scale);
      return monetary ? { frequency: h.frequency, recency: h.recency, T: h.T, count: r.count, monetaryValue: h.monetaryValue } : { frequency: h.frequency, recency: h.recency, T: h.T, count: r.count };
    });
    const left = leftOutOf(rows, summarised, eventsIn, q.skipped);
    return withLeft(out, left.customers, left.events, left.skipped);
  };
  return { query: compiled(sql, q.binder), finish };
}
