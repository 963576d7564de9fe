/**
 * Where the events are and how to read them: the `events` setting of
 * {@link warehouse}, turned into the one subquery every method starts from
 * (id, epoch milliseconds, amount in integer minor units), and the span query
 * that finds the data's first and last instant and counts the rows that are
 * not valid events (NULL id or instant, an amount with too many decimals).
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkCurrencyScale } from "../money.ts";
import type { Binder, Dialect } from "./dialect.ts";

/**
 * Where the events are: a table or a trusted subquery, and the columns of the three fields.
 *
 * @category Warehouse
 */
export interface WarehouseEvents {
  /**
   * A table or view name, schema-qualified with dots (`"analytics.orders"`; each part is quoted as an
   * identifier, so any text is a name and never SQL), or `{ sql: "SELECT ..." }`: a subquery taken as
   * written. The subquery is trusted input: never build it from text a user of your application typed.
   */
  from: string | { sql: string };
  /** Column of the customer id. */
  customerId: string;
  /** Column of the instant: a timestamp (with or without time zone; one without is read as UTC), or a number with `epochUnit`. */
  at: string;
  /** Column of the amount (a number or decimal column); without it the events have no amounts. */
  amount?: string;
  /** The `at` column holds numbers: milliseconds (`"ms"`) or seconds (`"s"`) since 1970-01-01 UTC. */
  epochUnit?: "ms" | "s";
}

/** The events setting, checked. @internal */
export interface EventSource {
  readonly from: string | { sql: string };
  readonly customerId: string;
  readonly at: string;
  readonly amount: string | undefined;
  readonly epochUnit: "ms" | "s" | undefined;
}

/**
 * Checks the events setting.
 *
 * @throws {@link InvalidInputError} naming the field that is missing or not a string
 */
export function eventSource(events: unknown): EventSource {
  const read = settingReader(events, "events", '{ from: "orders", customerId: "user_id", at: "created_at", amount: "total" }', '"orders", "analytics.orders"');
  return { from: read.from, customerId: read.column("customerId", false)!, at: read.column("at", false)!, amount: read.column("amount", true), epochUnit: read.epochUnit };
}

/**
 * The parts every source setting (`events`, `subscriptions`) shares, checked: the object, `from`
 * (a name or a trusted subquery), `epochUnit`, and a reader of column names. @internal
 *
 * @throws {@link InvalidInputError} naming `<setting>.<field>` for a bad part
 */
export function settingReader(setting: unknown, name: string, example: string, tables: string) {
  if (setting === null || typeof setting !== "object") throw new InvalidInputError({ field: name, value: setting, expected: example });
  const e = setting as Record<string, unknown>;
  const from = e.from;
  const trusted = from !== null && typeof from === "object" && typeof (from as { sql?: unknown }).sql === "string" && (from as { sql: string }).sql.trim() !== "";
  if (!trusted && !(typeof from === "string" && from !== "")) {
    throw new InvalidInputError({ field: `${name}.from`, value: from, expected: `a table name (${tables}) or { sql: "SELECT ..." }` });
  }
  const epochUnit = e.epochUnit;
  if (epochUnit !== undefined && epochUnit !== "ms" && epochUnit !== "s") {
    throw new InvalidInputError({ field: `${name}.epochUnit`, value: epochUnit, expected: '"ms" or "s" (or no epochUnit for timestamp columns)' });
  }
  const column = (field: string, optional: boolean): string | undefined => {
    const v = e[field];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "string" || v === "") throw new InvalidInputError({ field: `${name}.${field}`, value: v, expected: "a column name" });
    return v;
  };
  return { setting: e, from: trusted ? { sql: (from as { sql: string }).sql } : (from as string), epochUnit: epochUnit as "ms" | "s" | undefined, column };
}

/** The FROM item of the source: the quoted name, or the trusted subquery in parentheses. */
export function fromItem(dialect: Dialect, from: string | { sql: string }): string {
  if (typeof from !== "string") return `(${from.sql}) AS src_sql`;
  return from.split(".").map((part) => dialect.quote(part)).join(".");
}

/** How the raw subquery reads the rows. */
export interface RawSettings {
  readonly currencyScale: number;
  /** A column of the cohort key, cast to text as `ckey`. */
  readonly key?: string | undefined;
}

/** The SQL of the id and epoch-ms columns, from the source's quoted names. */
export function instantSql(dialect: Dialect, source: EventSource): { cid: string; t: string } {
  return { cid: dialect.quote(source.customerId), t: epochMsSql(dialect, source.at, source.epochUnit) };
}

/** The SQL of a column's epoch milliseconds: a timestamp column, or numbers of `epochUnit`. */
export function epochMsSql(dialect: Dialect, column: string, epochUnit: "ms" | "s" | undefined): string {
  const at = dialect.quote(column);
  return epochUnit === undefined ? dialect.epochMs(at) : epochUnit === "ms" ? dialect.floorBigint(at) : dialect.floorBigint(`${at} * 1000`);
}

/**
 * The SQL of `ok` (the amount has at most `currencyScale` decimals, or is NULL)
 * and `a` (the amount in integer minor units, NULL as 0); constants without an amount column.
 */
export function amountSql(dialect: Dialect, binder: Binder, source: EventSource, currencyScale: number): { ok: string; a: string } {
  if (source.amount === undefined) return { ok: "1 = 1", a: "0" };
  const scale = checkCurrencyScale(currencyScale);
  const amount = dialect.quote(source.amount);
  // A 32-bit factor when it fits: DuckDB multiplies DECIMAL(18, s) by an INTEGER within 64 bits, by a BIGINT
  // in 128-bit DECIMAL(37, s) arithmetic, ten times slower over every row.
  const factor = binder.bind(10 ** scale, scale <= 9 ? "integer" : "bigint");
  // As toMinorUnits reads a number: round(amount * 10^s) / 10^s must give the amount back.
  return {
    ok: `(${amount} IS NULL OR round(${amount} * ${factor}) / ${factor} = ${amount})`,
    a: `COALESCE(${dialect.bigint(`round(${amount} * ${factor})`)}, 0)`,
  };
}

/**
 * The subquery of every row: `cid` (the id), `t` (epoch ms), `ok`, `a` (see
 * {@link amountSql}) and, with a key column, `ckey` (as text).
 */
export function rawSql(dialect: Dialect, binder: Binder, source: EventSource, settings: RawSettings): string {
  const { cid, t } = instantSql(dialect, source);
  const { ok, a } = amountSql(dialect, binder, source, settings.currencyScale);
  const key = settings.key === undefined ? "" : `, ${dialect.text(dialect.quote(settings.key))} AS ckey`;
  return `SELECT ${cid} AS cid, ${t} AS t, ${ok} AS ok, ${a} AS a${key} FROM ${fromItem(dialect, source.from)}`;
}

/** The condition of a valid event on the raw subquery's columns. */
export const VALID = "cid IS NOT NULL AND t IS NOT NULL AND ok";

/** The span query: rows, invalid rows by field, and the first and last valid instant. */
export function spanSql(dialect: Dialect, binder: Binder, source: EventSource, settings: RawSettings): string {
  const raw = rawSql(dialect, binder, source, settings);
  const count = (cond: string) => dialect.bigint(`sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`);
  return [
    `SELECT ${dialect.bigint("count(*)")} AS total_rows,`,
    `  ${count("cid IS NULL")} AS bad_id,`,
    `  ${count("cid IS NOT NULL AND t IS NULL")} AS bad_at,`,
    `  ${count("cid IS NOT NULL AND t IS NOT NULL AND NOT ok")} AS bad_amount,`,
    `  min(CASE WHEN ${VALID} THEN t END) AS first_ms,`,
    `  max(CASE WHEN ${VALID} THEN t END) AS last_ms`,
    `FROM (${raw}) AS raw`,
  ].join("\n");
}
