/**
 * `warehouse`: the metrics computed where the data lives (DuckDB, PostgreSQL,
 * ClickHouse), returning the very objects the in-memory functions return.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import type { SkippedCounts } from "../events/types.ts";
import type { Instant } from "../periods/index.ts";
import { type Dialect, dialectOf, type SqlDialect } from "./dialect.ts";
import { compileCohortMatrix, type CompiledMethod, type WarehouseCohortMatrixOptions } from "./cohortMatrixSql.ts";
import { compileLifecycle, compilePeriodSummary, type WarehouseLifecycleOptions, type WarehousePeriodSummaryOptions } from "./periodSummarySql.ts";
import type { LifecycleRow } from "../activity/lifecycle.ts";
import { binderOf, compiled, type CompiledQuery, type DataSpan, methodSettings, type WarehouseContext } from "./plan.ts";
import { eventSource, type EventSource, spanSql, type WarehouseEvents } from "./source.ts";
import { wrapEngineError, wrapWithProbes } from "./engineErrors.ts";
import { exactInteger } from "./exact.ts";
import type { RfmHoldoutRow, RfmRow, RfmSummary } from "../clv/rfmSummary.ts";
import { rfmSettings } from "../clv/rfmRows.ts";
import type { ActiveUsersResult } from "../activity/activeUsers.ts";
import { compileActiveUsers, type WarehouseActiveUsersOptions } from "./activeUsersSql.ts";
import { activeUsersSettings } from "../activity/activeUsersRows.ts";
import type { LnessResult } from "../activity/lness.ts";
import { lnessDays } from "../activity/lnessRows.ts";
import { compileLness, type WarehouseLnessOptions } from "./lnessSql.ts";
import type { SurvivalCurve } from "../cohorts/survivalCurve.ts";
import { survivalSettings } from "../cohorts/survivalRows.ts";
import { compileSurvivalCurve, type WarehouseSurvivalCurveOptions } from "./survivalCurveSql.ts";
import type { MrrMovementRow } from "../revenue/mrrMovements.ts";
import type { MrrCohortMatrix } from "../cohorts/mrrCohorts.ts";
import { compileMrrCohortMatrix, compileMrrMovements, type SubscriptionMethod, type WarehouseMrrCohortMatrixOptions, type WarehouseMrrMovementsOptions } from "./mrrSql.ts";
import { subscriptionProbes, type SubscriptionSource, subscriptionSource, subscriptionTableOf, type WarehouseSubscriptions } from "./subscriptionSql.ts";
import type { SkippedSubscriptionRows } from "../subscriptions/types.ts";
import type { RfmLeftOut } from "../clv/rfmSummary.ts";
import { compileRfmHistories, compileRfmSummary, type RfmHistories, type RfmRowStream, type WarehouseRfmStreamOptions, type WarehouseRfmCompileOptions, type WarehouseRfmHistoriesOptions, type WarehouseRfmSummaryOptions } from "./rfmSql.ts";

/**
 * The caller's driver: runs one SQL statement with its bound values and
 * resolves to the rows as plain objects keyed by column name. `params` is an
 * array (`$1`, `$2`, ...) for DuckDB and PostgreSQL and an object of named values
 * (`{p0:Int64}` placeholders) for ClickHouse. Counts and sums may come back as
 * numbers, bigints or numeric strings.
 *
 * @category Warehouse
 */
export type WarehouseQuery = (sql: string, params: unknown[] | Record<string, unknown>) => Promise<readonly Record<string, unknown>[]>;

/**
 * Rows left out with `onInvalid: "skip"`, by the field that was wrong.
 *
 * @category Warehouse
 */
export interface WarehouseSkipped {
  /** Rows left out in all. */
  total: number;
  /**
   * By field: NULL id, NULL instant, amount with more decimals than `currencyScale`. For subscription
   * rows: `customerId`, `at` (any instant: start, end, canceledAt or at) and `amount` (the MRR); the
   * details are in `subscriptions`.
   */
  byField: SkippedCounts;
  /** Set when the rows left out were subscription rows: as a `SubscriptionTable`'s `skipped` (row numbers in the query's order). */
  subscriptions?: Readonly<SkippedSubscriptionRows>;
}

/**
 * Settings of {@link warehouse}.
 *
 * @category Warehouse
 */
export interface WarehouseSettings {
  /** `"duckdb"`, `"postgres"` or `"clickhouse"`. */
  dialect: SqlDialect;
  /** The driver adapter (see {@link WarehouseQuery}). */
  query: WarehouseQuery;
  /** Where the events are. */
  events: WarehouseEvents;
  /** Where the subscriptions are (optional): read by `mrrMovements` and `cohortMatrix` with `measure: "mrr"`. */
  subscriptions?: WarehouseSubscriptions;
  /**
   * Optional: the driver adapter for a streamed result (`rfmSummary` with `stream: true`), an async
   * iterable of the rows as plain objects (a cursor: `pg-cursor`, DuckDB's `stream`, ClickHouse's
   * `JSONEachRow` stream), so that the rows are held one chunk at a time. Without it, `query`'s array is walked.
   */
  queryStream?: (sql: string, params: unknown[] | Record<string, unknown>) => AsyncIterable<Record<string, unknown>>;
  /** Called after a method left rows out with `onInvalid: "skip"` (never called when none was). */
  onSkipped?: (skipped: WarehouseSkipped) => void;
}

/**
 * The compiled queries of a {@link Warehouse}: the SQL a method runs, with its bound values.
 *
 * @category Warehouse
 */
export interface WarehouseCompile {
  /** The query of {@link Warehouse.cohortMatrix}; needs explicit `from` and `to` (not with `measure: "mrr"`, which reads the subscription rows). */
  cohortMatrix(options: WarehouseCohortMatrixOptions | WarehouseMrrCohortMatrixOptions): CompiledQuery;
  /** The query of {@link Warehouse.mrrMovements}: the subscription rows it reads. */
  mrrMovements(options?: WarehouseMrrMovementsOptions): CompiledQuery;
  /** The query of {@link Warehouse.periodSummary}; needs explicit `from` and `to`. */
  periodSummary(options: WarehousePeriodSummaryOptions): CompiledQuery;
  /** The query of {@link Warehouse.lifecycle}; needs explicit `from` and `to`. */
  lifecycle(options: WarehouseLifecycleOptions): CompiledQuery;
  /** The query of {@link Warehouse.activeUsers}; needs explicit `from` and `to`. */
  activeUsers(options: WarehouseActiveUsersOptions): CompiledQuery;
  /** The query of {@link Warehouse.survivalCurve}; needs explicit `from` and `to`. */
  survivalCurve(options: WarehouseSurvivalCurveOptions): CompiledQuery;
  /** The query of {@link Warehouse.lness}; needs an explicit `end`. */
  lness(options: WarehouseLnessOptions): CompiledQuery;
  /** The query of {@link Warehouse.rfmSummary}; needs `observationEnd` and `firstEvent`. */
  rfmSummary(options: WarehouseRfmCompileOptions): CompiledQuery;
  /** The query of {@link Warehouse.rfmHistories}; needs `observationEnd` and `firstEvent`. */
  rfmHistories(options: WarehouseRfmCompileOptions<WarehouseRfmHistoriesOptions>): CompiledQuery;
}

/**
 * The metrics of a warehouse's events.
 *
 * @category Warehouse
 */
export interface Warehouse {
  /** The dialect the queries are written in. */
  readonly dialect: SqlDialect;
  /**
   * `cohortMatrix` of the events, computed in the engine: the same {@link CohortMatrix}. With
   * `measure: "mrr"`, of the subscriptions (the `subscriptions` setting): the same `MrrCohortMatrix`,
   * from the subscription rows (see {@link Warehouse.mrrMovements}).
   */
  cohortMatrix(options: WarehouseMrrCohortMatrixOptions): Promise<MrrCohortMatrix>;
  cohortMatrix(options?: WarehouseCohortMatrixOptions): Promise<CohortMatrix>;
  /**
   * `mrrMovements` of the subscriptions (the `subscriptions` setting): the same rows, every option
   * included (`movements`, `churnRecognition`, `groupWithin`, `reactivationGap`). The engine reads
   * the subscription rows (instants in epoch ms, MRR checked and in minor units): what comes back is
   * one row per interval or change of the subscription table, never per event, and the in-memory
   * `mrrMovements` finishes on them (each customer's MRR is a sequential step function).
   */
  mrrMovements(options?: WarehouseMrrMovementsOptions): Promise<MrrMovementRow[]>;
  /** `periodSummary` of the events, computed in the engine: the same rows. */
  periodSummary(options?: WarehousePeriodSummaryOptions): Promise<PeriodSummaryRow[]>;
  /** `lifecycle` (growth accounting) of the events, computed in the engine: the same rows (with `newBy: "createdAt"`, from one row per customer: see the guide). */
  lifecycle(options?: WarehouseLifecycleOptions): Promise<LifecycleRow[]>;
  /** `activeUsers` (DAU, WAU, MAU, stickiness per day) of the events, computed in the engine: the same result. */
  activeUsers(options?: WarehouseActiveUsersOptions): Promise<ActiveUsersResult>;
  /** `survivalCurve` (Kaplan-Meier customer lifetimes) of the events, computed in the engine: the same curve (`groupBy` only `"cohort"`). */
  survivalCurve(options?: WarehouseSurvivalCurveOptions): Promise<SurvivalCurve>;
  /** `lness` (the L7/L28 histogram of active days) of the events, computed in the engine: the same result. */
  lness(options?: WarehouseLnessOptions): Promise<LnessResult>;
  /**
   * `rfmSummary` of the events, computed in the engine: the same rows (one per customer, in order of
   * first purchase, ties by id; ids as the driver returns them), with the same `leftOut`. With
   * `stream: true`, an async iterable of the same rows ({@link RfmRowStream}: `leftOut` once read to
   * the end), each finished as it arrives; through `queryStream` when the settings have one.
   */
  rfmSummary(options: WarehouseRfmStreamOptions & { calibrationEnd: Instant }): RfmRowStream<RfmHoldoutRow>;
  rfmSummary(options: WarehouseRfmStreamOptions): RfmRowStream<RfmRow>;
  rfmSummary(options: WarehouseRfmSummaryOptions & { calibrationEnd: Instant; stream?: false }): Promise<RfmSummary<RfmHoldoutRow>>;
  rfmSummary(options?: WarehouseRfmSummaryOptions & { stream?: false }): Promise<RfmSummary<RfmRow>>;
  /**
   * The distinct (frequency, recency, T) histories of `rfmSummary` with how many customers have each,
   * computed in the engine: weighted rows that `fitBgNbd`, `fitParetoNbd` and `fitModifiedBgNbd` (and,
   * with `monetaryValue: true`, `fitGammaGamma`) fit exactly as the per-customer summary.
   */
  rfmHistories(options?: WarehouseRfmHistoriesOptions): Promise<RfmHistories>;
  /** The SQL each method runs (its last query; the span query comes first when `from` or `to` is not given). */
  readonly compile: WarehouseCompile;
}

/** The fields of the span query's counts of invalid rows. */
const BAD: ReadonlyArray<[keyof SkippedCounts, string, string]> = [
  ["customerId", "bad_id", "no NULL customer ids"],
  ["at", "bad_at", "no NULL instants"],
  ["amount", "bad_amount", "amounts with at most currencyScale decimals"],
];

/**
 * Metrics computed inside DuckDB, PostgreSQL or ClickHouse, on events that
 * never leave the engine: each method pushes the per-event GROUP BYs down
 * (customer x period activity, folded to cohort x offset counts or period
 * counts), and only aggregates bounded by the number of periods come back;
 * TypeScript finishes with the same final step as the in-memory function, so
 * the result is equal to it field by field (rates as numbers, money as exact
 * `Decimal`s, `null` where it has `null`).
 *
 * Calendar periods are computed in TypeScript (any IANA zone, DST, any week
 * start, ISO weeks) and bound as one array of period edges; the engine buckets
 * each instant by integer arithmetic on them, never with the session's time
 * zone. Every value is a bound parameter, every table and column name a quoted
 * identifier; `events.from` may instead be `{ sql }`, a subquery taken as
 * written: trusted input. A method first runs a span query (first and last
 * instant, invalid rows by field) and then its own query.
 *
 * Subscriptions (the optional `subscriptions` setting) feed `mrrMovements` and `cohortMatrix` with
 * `measure: "mrr"`: the engine reads the subscription rows (bounded by the subscription table) and the
 * in-memory functions finish on them. `lifecycle` with `newBy: "createdAt"` gets one row per customer.
 *
 * @param settings - `dialect`, `query` (the driver adapter), `queryStream` (optional streaming adapter,
 *   for `rfmSummary` with `stream: true`), `events` (`from`, `customerId`, `at`, `amount`, `epochUnit`),
 *   `subscriptions` (optional: `from`, `customerId`, `start`/`end`/`canceledAt` or `at`, `mrr`,
 *   `epochUnit`) and `onSkipped`
 * @returns the {@link Warehouse}: `cohortMatrix` (every mode, measure and #15 option), `periodSummary`, `lifecycle`, `activeUsers`, `lness`, `survivalCurve` (`groupBy` only `"cohort"`), `rfmSummary` (the rows of
 *   `rfmSummary`, finished by its own final step; a stream of them with `stream: true`), `rfmHistories` (the distinct (frequency, recency, T)
 *   histories with their counts, weighted rows for `fitBgNbd`, `fitParetoNbd`, `fitModifiedBgNbd` and,
 *   with `monetaryValue: true`, `fitGammaGamma`), `mrrMovements` and `compile`
 * @throws {@link InvalidInputError} for an unknown dialect or a bad `events` or `subscriptions` setting; the methods throw it
 *   for bad options (as the in-memory functions do; also for `startEvent` and `returnEvent`, not computed in the
 *   engine yet, the error's `field` naming the option; for the reading options `fields` and
 *   `epochUnit`, which the `events` setting replaces; for a subscription method without the `subscriptions` setting), a missing table or column or a column of the
 *   wrong type (the engine's message wrapped, the field named), and with `onInvalid: "throw"` (the
 *   default) rows with a NULL id or instant or an amount with more decimals than `currencyScale`
 * @see [Cohorts](../../docs/definitions.md#4-cohorts), [RFM summary](../../docs/definitions.md#rfm-summary) and the
 *   in-memory `cohortMatrix`, `periodSummary`, `lifecycle` and `rfmSummary`
 * @example
 * ```ts
 * import { warehouse } from "retention-metrics/sql";
 * const wh = warehouse({
 *   dialect: "postgres",
 *   query: async () => [],
 *   events: { from: "analytics.orders", customerId: "user_id", at: "created_at", amount: "total" },
 * });
 * const { sql, params } = wh.compile.periodSummary({ period: "month", from: "2024-01-01", to: "2024-07-01" });
 * console.log(sql.includes('FROM "analytics"."orders"'), Array.isArray(params)); // true true
 * ```
 * @category Warehouse
 */
export function warehouse(settings: WarehouseSettings): Warehouse {
  if (settings === null || typeof settings !== "object") {
    throw new InvalidInputError({ field: "settings", value: settings, expected: '{ dialect: "duckdb", query, events: { from, customerId, at } }' });
  }
  const dialect = dialectOf(settings.dialect);
  if (typeof settings.query !== "function") {
    throw new InvalidInputError({ field: "query", value: settings.query, expected: "an async function (sql, params) => rows, the driver adapter" });
  }
  const onSkipped = settings.onSkipped;
  if (onSkipped !== undefined && typeof onSkipped !== "function") {
    throw new InvalidInputError({ field: "onSkipped", value: onSkipped, expected: "a function" });
  }
  const source = eventSource(settings.events);
  const subscriptions = settings.subscriptions === undefined ? null : subscriptionSource(settings.subscriptions);
  const ctx: WarehouseContext = { dialect, source };
  // An engine's failure as a typed error naming the table or column, from probe queries.
  const probe = (p: CompiledQuery) => settings.query(p.sql, p.params).then(() => null, (x: unknown) => (x instanceof Error ? x.message : String(x)));
  const wrap = (e: unknown, options: { currencyScale?: number; cohortBy?: string }) => wrapEngineError(e, dialect, source, options.currencyScale ?? 2, options.cohortBy, probe);
  const run = async (q: CompiledQuery, options: { currencyScale?: number; cohortBy?: string } = {}) => {
    let rows: unknown;
    try {
      rows = await settings.query(q.sql, q.params);
    } catch (e) {
      throw await wrap(e, options);
    }
    if (!Array.isArray(rows)) throw new InvalidInputError({ field: "query", value: rows, expected: "a driver adapter that resolves to an array of row objects" });
    return rows as Record<string, unknown>[];
  };
  const span = (options: { currencyScale?: number; onInvalid?: unknown }) => readSpan(dialect, source, options, (q) => run(q, options), onSkipped);
  // `check` validates the options before any query, so that bad options are reported before bad rows, as in memory.
  const method = async <O extends object, T>(options: O, compile: (data: DataSpan | null | undefined, skipped: SkippedCounts) => CompiledMethod<T>, check?: (options: O) => void) => {
    check?.(options);
    const { data, skipped } = await span(options as { currencyScale?: number; onInvalid?: unknown });
    const m = compile(data, skipped);
    return m.finish(m.query === null ? [] : await run(m.query, options as { currencyScale?: number; cohortBy?: string }));
  };
  const queryStream = settings.queryStream;
  if (queryStream !== undefined && typeof queryStream !== "function") {
    throw new InvalidInputError({ field: "queryStream", value: queryStream, expected: "a function (sql, params) => an async iterable of rows, the streaming driver adapter" });
  }
  // The rows of a query one at a time: from the streaming adapter, or the array of `query`.
  async function* streamRows(q: CompiledQuery, options: { currencyScale?: number }): AsyncGenerator<Record<string, unknown>> {
    if (queryStream === undefined) {
      yield* await run(q, options);
      return;
    }
    let rows: AsyncIterator<Record<string, unknown>>;
    try {
      rows = queryStream(q.sql, q.params)[Symbol.asyncIterator]();
    } catch (e) {
      throw await wrap(e, options);
    }
    for (;;) {
      let next: IteratorResult<Record<string, unknown>>;
      try {
        next = await rows.next();
      } catch (e) {
        throw await wrap(e, options);
      }
      if (next.done === true) return;
      if (next.value === null || typeof next.value !== "object") throw new InvalidInputError({ field: "queryStream", value: next.value, expected: "a streaming adapter that yields row objects" });
      yield next.value;
    }
  }
  const rfmStream = (options: WarehouseRfmSummaryOptions): RfmRowStream => {
    let leftOut: Readonly<RfmLeftOut> | null = null;
    return {
      get leftOut() {
        return leftOut;
      },
      async *[Symbol.asyncIterator]() {
        leftOut = null;
        rfmSettings(options);
        const { data, skipped } = await span(options);
        const m = compileRfmSummary(ctx, options, data, skipped);
        const reader = m.reader();
        let first: Record<string, unknown> | undefined;
        if (m.query !== null) {
          for await (const row of streamRows(m.query, options)) {
            first ??= row;
            yield reader.row(row);
          }
        }
        leftOut = Object.freeze(reader.leftOut(first));
      },
    };
  };
  const subscriptionSourceOf = (method: string): SubscriptionSource => {
    if (subscriptions !== null) return subscriptions;
    throw new InvalidInputError({ field: "subscriptions", value: undefined, expected: `a subscriptions setting for ${method} ({ from, customerId, start, end, mrr } or { from, customerId, at, mrr })` });
  };
  const subscriptionMethod = async <T>(m: SubscriptionMethod<T>, sub: SubscriptionSource) => {
    let rows: unknown;
    try {
      rows = await settings.query(m.query.sql, m.query.params);
    } catch (e) {
      throw await wrapWithProbes(e, "subscriptions.from", sub.from, subscriptionProbes(dialect, sub, m.currencyScale), probe);
    }
    if (!Array.isArray(rows)) throw new InvalidInputError({ field: "query", value: rows, expected: "a driver adapter that resolves to an array of row objects" });
    const table = subscriptionTableOf(rows as Record<string, unknown>[], sub, m);
    const left = table.skipped;
    if (left.total > 0) {
      const b = left.byField;
      onSkipped?.({ total: left.total, byField: { customerId: b.customerId, at: b.start + b.end + b.canceledAt + b.at, amount: b.mrr }, subscriptions: left });
    }
    return m.finish(table);
  };
  const mrrCohorts = async (options: WarehouseMrrCohortMatrixOptions) => {
    const sub = subscriptionSourceOf('cohortMatrix with measure "mrr"');
    return subscriptionMethod(compileMrrCohortMatrix(dialect, sub, options), sub);
  };
  const isMrr = (options: unknown): options is WarehouseMrrCohortMatrixOptions => options !== null && typeof options === "object" && (options as { measure?: unknown }).measure === "mrr";
  const compileOf = <O, T>(f: (ctx: WarehouseContext, o: O, data: undefined) => CompiledMethod<T>) => (options: O) => f(ctx, options ?? ({} as O), undefined).query!;
  return {
    dialect: dialect.name,
    cohortMatrix: ((options: WarehouseCohortMatrixOptions | WarehouseMrrCohortMatrixOptions = {}) =>
      isMrr(options) ? mrrCohorts(options) : method(options as WarehouseCohortMatrixOptions, (data) => compileCohortMatrix(ctx, options as WarehouseCohortMatrixOptions, data))) as Warehouse["cohortMatrix"],
    mrrMovements: async (options = {}) => {
      const sub = subscriptionSourceOf("mrrMovements");
      return subscriptionMethod(compileMrrMovements(dialect, sub, options), sub);
    },
    periodSummary: (options = {}) => method(options, (data) => compilePeriodSummary(ctx, options, data)),
    lifecycle: (options = {}) => method(options, (data) => compileLifecycle(ctx, options, data)),
    activeUsers: (options = {}) => method(options, (data) => compileActiveUsers(ctx, options, data), activeUsersSettings),
    survivalCurve: (options = {}) => method(options, (data) => compileSurvivalCurve(ctx, options, data), survivalSettings),
    lness: (options = {}) => method(options, (data) => compileLness(ctx, options, data), lnessDays),
    rfmSummary: ((options: WarehouseRfmSummaryOptions & { stream?: boolean } = {}) =>
      options !== null && typeof options === "object" && options.stream === true
        ? rfmStream(options)
        : method(options, (data, skipped) => compileRfmSummary(ctx, options, data, skipped), rfmSettings)) as Warehouse["rfmSummary"],
    rfmHistories: (options = {}) => method(options, (data, skipped) => compileRfmHistories(ctx, options, data, skipped), rfmSettings),
    compile: Object.freeze({
      cohortMatrix: (options: WarehouseCohortMatrixOptions | WarehouseMrrCohortMatrixOptions) =>
        isMrr(options) ? compileMrrCohortMatrix(dialect, subscriptionSourceOf('compile.cohortMatrix with measure "mrr"'), options).query : compileOf(compileCohortMatrix)(options as WarehouseCohortMatrixOptions),
      mrrMovements: (options: WarehouseMrrMovementsOptions = {}) => compileMrrMovements(dialect, subscriptionSourceOf("compile.mrrMovements"), options).query,
      periodSummary: compileOf(compilePeriodSummary),
      lifecycle: compileOf(compileLifecycle),
      activeUsers: compileOf(compileActiveUsers),
      survivalCurve: compileOf(compileSurvivalCurve),
      lness: compileOf(compileLness),
      rfmSummary: compileOf(compileRfmSummary),
      rfmHistories: compileOf(compileRfmHistories),
    }),
  };
}

/** Runs the span query, applies `onInvalid`, and returns the valid events' span (null: none) and the rows left out by field. */
async function readSpan(
  dialect: Dialect,
  source: EventSource,
  options: { currencyScale?: number; onInvalid?: unknown },
  run: (q: CompiledQuery) => Promise<Record<string, unknown>[]>,
  onSkipped: ((s: WarehouseSkipped) => void) | undefined,
): Promise<{ data: DataSpan | null; skipped: SkippedCounts }> {
  const common = methodSettings(options ?? {});
  const binder = binderOf(dialect);
  const sql = spanSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const row = (await run(compiled(sql, binder)))[0] ?? {};
  const byField: SkippedCounts = { customerId: 0, at: 0, amount: 0 };
  const total = exactInteger(row.total_rows, "total_rows");
  for (const [field, column, expected] of BAD) {
    const bad = exactInteger(row[column], column);
    byField[field] = bad;
    if (bad > 0 && common.onInvalid === "throw") {
      throw new InvalidInputError({
        field: field === "customerId" ? `events.customerId (${source.customerId})` : field === "at" ? `events.at (${source.at})` : `events.amount (${source.amount})`,
        value: field === "amount" ? `${bad} rows` : null,
        expected: `${expected} (${bad} of ${total} rows break this${field === "amount" ? `; currencyScale is ${common.currencyScale}` : ""}); onInvalid: "skip" leaves them out`,
      });
    }
  }
  const skipped = byField.customerId + byField.at + byField.amount;
  if (skipped > 0) onSkipped?.({ total: skipped, byField });
  if (row.first_ms === null || row.first_ms === undefined) return { data: null, skipped: byField };
  return { data: { first: exactInteger(row.first_ms, "first_ms"), last: exactInteger(row.last_ms, "last_ms") }, skipped: byField };
}
