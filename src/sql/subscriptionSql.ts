/**
 * Subscriptions in the warehouse: the `subscriptions` setting of
 * {@link warehouse}, the query that reads its rows, and the
 * {@link SubscriptionTable} they make.
 *
 * Why the rows come back rather than aggregates: the movements of MRR follow
 * each customer's step function under conventions (contiguous intervals are
 * one change of price, overlapping ones add up, `churnRecognition`,
 * `groupWithin`, `reactivationGap`) that are a sequential walk per customer;
 * the engine reads each row once (instants as epoch milliseconds, the MRR
 * checked against `currencyScale` and in integer minor units) and what comes
 * back is bounded by the subscription table (one row per interval or change),
 * never by events. `subscriptionTable` then checks every row exactly as in
 * memory and the in-memory functions finish the result: one definition of
 * each final step.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkCurrencyScale } from "../money.ts";
import { subscriptionTable } from "../subscriptions/subscriptionTable.ts";
import type { SubscriptionTable } from "../subscriptions/table.ts";
import type { Binder, Dialect } from "./dialect.ts";
import type { ColumnProbe } from "./engineErrors.ts";
import { exactInteger } from "./exact.ts";
import { binderOf, compiled, type CompiledQuery } from "./plan.ts";
import { epochMsSql, fromItem, settingReader } from "./source.ts";

/**
 * Where the subscriptions are: a table or a trusted subquery, and the columns of the fields that
 * `subscriptionTable` reads. Priced intervals name `start` (and `end`, `canceledAt`); MRR change
 * events name `at`; one of the two shapes, never both.
 *
 * @category Warehouse
 */
export interface WarehouseSubscriptions {
  /** A table or view name (schema-qualified with dots, each part quoted), or `{ sql }`: a trusted subquery, as `events.from`. */
  from: string | { sql: string };
  /** Column of the customer id. */
  customerId: string;
  /** Intervals: column of the first instant of the interval. */
  start?: string;
  /** Intervals: column of the first instant after it (NULL while it runs). */
  end?: string;
  /** Intervals: column of when the cancellation was made (NULL when it was not), for `churnRecognition: "cancelDate"`. */
  canceledAt?: string;
  /** Changes: column of the instant from which the customer pays `mrr`. */
  at?: string;
  /** Column of the monthly recurring revenue (a number or decimal column). */
  mrr: string;
  /** The instant columns hold numbers: milliseconds (`"ms"`) or seconds (`"s"`) since 1970-01-01 UTC. */
  epochUnit?: "ms" | "s";
}

/** The subscriptions setting, checked. @internal */
export interface SubscriptionSource {
  readonly from: string | { sql: string };
  readonly customerId: string;
  readonly shape: "intervals" | "changes";
  /** The start (intervals) or the instant (changes). */
  readonly first: string;
  readonly end: string | undefined;
  readonly canceledAt: string | undefined;
  readonly mrr: string;
  readonly epochUnit: "ms" | "s" | undefined;
}

/**
 * Checks the subscriptions setting.
 *
 * @throws {@link InvalidInputError} naming the field that is missing, not a string, or of the other shape
 */
export function subscriptionSource(setting: unknown): SubscriptionSource {
  const example = '{ from: "subscriptions", customerId: "account_id", start: "starts_at", end: "ends_at", mrr: "mrr" }';
  const read = settingReader(setting, "subscriptions", example, '"subscriptions", "billing.subscriptions"');
  const { column } = read;
  const customerId = column("customerId", false)!;
  const start = column("start", true);
  const at = column("at", true);
  if ((start === undefined) === (at === undefined)) {
    throw new InvalidInputError({
      field: start === undefined ? "subscriptions.start" : "subscriptions.at",
      value: start ?? at,
      expected: "either start (priced intervals, with end and canceledAt) or at (MRR change events), not both and not neither",
    });
  }
  if (at !== undefined) {
    for (const name of ["end", "canceledAt"] as const) {
      const v = read.setting[name];
      if (v !== undefined) throw new InvalidInputError({ field: `subscriptions.${name}`, value: v, expected: `no ${name} with at (MRR change events have no end; name start for intervals)` });
    }
  }
  return {
    from: read.from,
    customerId,
    shape: start !== undefined ? "intervals" : "changes",
    first: (start ?? at)!,
    end: start === undefined ? undefined : column("end", true),
    canceledAt: start === undefined ? undefined : column("canceledAt", true),
    mrr: column("mrr", false)!,
    epochUnit: read.epochUnit,
  };
}

/** The MRR's SQL: `ok` (at most `currencyScale` decimals, or NULL), `m` (minor units, NULL kept) and `raw` (its text where not ok). */
function mrrSql(dialect: Dialect, binder: Binder, source: SubscriptionSource, currencyScale: number): { ok: string; m: string; raw: string } {
  const mrr = dialect.quote(source.mrr);
  const factor = binder.bind(10 ** checkCurrencyScale(currencyScale));
  const ok = `(${mrr} IS NULL OR round(${mrr} * ${factor}) / ${factor} = ${mrr})`;
  return { ok, m: `CASE WHEN ${mrr} IS NULL THEN NULL ELSE ${dialect.bigint(`round(${mrr} * ${factor})`)} END`, raw: `CASE WHEN ${ok} THEN NULL ELSE ${dialect.text(mrr)} END` };
}

/**
 * The query of the subscription rows: `cid`, `a` (start or instant, epoch ms), `b` (end), `c`
 * (canceledAt), `m` (MRR in minor units) and `raw` (the MRR's text when it has too many decimals).
 */
export function compileSubscriptionRows(dialect: Dialect, source: SubscriptionSource, currencyScale: number): CompiledQuery {
  const binder = binderOf(dialect);
  const ms = (column: string | undefined) => (column === undefined ? "NULL" : epochMsSql(dialect, column, source.epochUnit));
  const { m, raw } = mrrSql(dialect, binder, source, currencyScale);
  const sql = [
    `SELECT ${dialect.quote(source.customerId)} AS cid, ${ms(source.first)} AS a, ${ms(source.end)} AS b, ${ms(source.canceledAt)} AS c,`,
    `  ${m} AS m, ${raw} AS raw`,
    `FROM ${fromItem(dialect, source.from)}`,
  ].join("\n");
  return compiled(sql, binder);
}

/** The probes of the subscription columns, for the error of a failed query. @internal */
export function subscriptionProbes(dialect: Dialect, source: SubscriptionSource, currencyScale: number): ColumnProbe[] {
  const from = fromItem(dialect, source.from);
  const one = (sql: () => string) => () => ({ sql: `SELECT ${sql()} AS x FROM ${from} LIMIT 1`, params: binderOf(dialect).params() });
  const ms = (column: string | undefined) => one(() => epochMsSql(dialect, column!, source.epochUnit));
  const instant = source.epochUnit === undefined ? "a timestamp column (or numbers with epochUnit)" : "a number column";
  const first = source.shape === "intervals" ? "start" : "at";
  return [
    ["subscriptions.customerId", source.customerId, one(() => dialect.quote(source.customerId)), "a column of customer ids"],
    [`subscriptions.${first}`, source.first, ms(source.first), instant],
    ["subscriptions.end", source.end, ms(source.end), instant],
    ["subscriptions.canceledAt", source.canceledAt, ms(source.canceledAt), instant],
    ["subscriptions.mrr", source.mrr, () => {
      const binder = binderOf(dialect);
      const { m, raw } = mrrSql(dialect, binder, source, currencyScale);
      return { sql: `SELECT ${m} AS m, ${raw} AS raw FROM ${from} LIMIT 1`, params: binder.params() };
    }, "a number or decimal column"],
  ];
}

/** The text of an amount of minor units, exact (no exponent): 12345 at scale 2 is "123.45". */
function unitsText(units: number, scale: number): string {
  if (scale === 0) return String(units);
  const digits = String(Math.abs(units)).padStart(scale + 1, "0");
  return `${units < 0 ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A driver's epoch ms, or null. */
const msOf = (v: unknown, field: string) => (v === null || v === undefined ? null : exactInteger(v, field));

/**
 * The {@link SubscriptionTable} of the query's rows, every row checked by `subscriptionTable` as in
 * memory (row numbers are the query's row order). Ids as the driver returns them.
 *
 * @throws {@link InvalidInputError} for a bad row with `onInvalid: "throw"`, as `subscriptionTable`
 */
export function subscriptionTableOf(rows: readonly Record<string, unknown>[], source: SubscriptionSource, settings: { currencyScale: number; onInvalid: "throw" | "skip" }): SubscriptionTable {
  const scale = settings.currencyScale;
  const intervals = source.shape === "intervals";
  const input = rows.map((r) => {
    const mrr = r.m === null || r.m === undefined ? null : typeof r.raw === "string" ? r.raw : unitsText(exactInteger(r.m, "m"), scale);
    const a = msOf(r.a, "a");
    return intervals
      ? { customerId: r.cid, start: a, end: msOf(r.b, "b"), canceledAt: msOf(r.c, "c"), mrr }
      : { customerId: r.cid, at: a, mrr };
  });
  return subscriptionTable(input as Iterable<Record<string, unknown>>, { shape: source.shape, currencyScale: scale, onInvalid: settings.onInvalid });
}
