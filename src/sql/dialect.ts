/**
 * The three SQL dialects the warehouse layer writes: DuckDB, PostgreSQL and
 * ClickHouse. Only what differs between them lives here (identifier quoting,
 * placeholders, integer division, epoch milliseconds, window lag/lead, text
 * casts); the queries are written once against this interface, in the subset
 * of SQL all three (and a ClickHouse server or cluster) accept.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";

/**
 * The SQL dialects of {@link warehouse}.
 *
 * @category Warehouse
 */
export type SqlDialect = "duckdb" | "postgres" | "clickhouse";

/** The dialect names, for validation and messages. */
export const SQL_DIALECTS: readonly SqlDialect[] = Object.freeze(["duckdb", "postgres", "clickhouse"]);

/** The scalar types a bound parameter can have. */
export type ParamType = "bigint" | "integer" | "bigint[]";

/** What differs between the dialects. @internal */
export interface Dialect {
  readonly name: SqlDialect;
  /** One identifier, quoted so that any text is a name and never SQL. */
  quote(name: string): string;
  /** The placeholder of parameter number `index` (0-based) of a type, and the value to bind for it. */
  placeholder(index: number, type: ParamType, value: number | readonly number[]): { text: string; value: unknown };
  /** Integer division of two non-negative BIGINT expressions. */
  intDiv(a: string, b: string): string;
  /** Epoch milliseconds (BIGINT) of a timestamp column, with or without time zone. */
  epochMs(column: string): string;
  /** A BIGINT cast. */
  bigint(expr: string): string;
  /** floor() of a numeric expression of any numeric type, as BIGINT. */
  floorBigint(expr: string): string;
  /** A text cast that keeps NULL as NULL. */
  text(expr: string): string;
  /** An aggregate: the group's values of an integer expression, ascending, as text joined by commas (`"1,4,5"`). */
  sortedList(expr: string): string;
  /** The previous (`lag`) or next (`lead`) value of `expr` among a customer's rows ordered by `order`, NULL at the ends. */
  neighbour(direction: "lag" | "lead", expr: string, partition: string, order: string): string;
}

/** Refuses names that no engine would take as text (NUL and other control characters). */
function requireName(name: string): string {
  if (typeof name !== "string" || name === "" || /[\u0000-\u001f]/.test(name)) {
    throw new InvalidInputError({ field: "identifier", value: name, expected: "a non-empty table or column name without control characters" });
  }
  return name;
}

/** ANSI quoting: double quotes, an inner double quote doubled (DuckDB and PostgreSQL). */
const ansiQuote = (name: string) => `"${requireName(name).replaceAll('"', '""')}"`;

const duckdb: Dialect = {
  name: "duckdb",
  quote: ansiQuote,
  placeholder: (i, type, value) =>
    type === "bigint[]"
      ? { text: `CAST($${i + 1} AS BIGINT[])`, value: `[${(value as readonly number[]).join(",")}]` }
      : { text: `CAST($${i + 1} AS ${type === "integer" ? "INTEGER" : "BIGINT"})`, value },
  intDiv: (a, b) => `(${a}) // (${b})`,
  epochMs: (c) => `epoch_ms(${c})`,
  bigint: (e) => `CAST(${e} AS BIGINT)`,
  floorBigint: (e) => `CAST(floor(${e}) AS BIGINT)`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  sortedList: (e) => `string_agg(CAST(${e} AS VARCHAR), ',' ORDER BY ${e})`,
  neighbour: (d, e, p, o) => `${d}(${e}) OVER (PARTITION BY ${p} ORDER BY ${o})`,
};

const postgres: Dialect = {
  name: "postgres",
  quote: ansiQuote,
  // Arrays go as their text form and are cast, so that any driver binds them as one string.
  placeholder: (i, type, value) =>
    type === "bigint[]"
      ? { text: `CAST($${i + 1} AS BIGINT[])`, value: `{${(value as readonly number[]).join(",")}}` }
      : { text: `CAST($${i + 1} AS ${type === "integer" ? "INTEGER" : "BIGINT"})`, value: String(value) },
  // bigint / bigint truncates, which is the floor for the non-negative operands it gets.
  intDiv: (a, b) => `(${a}) / (${b})`,
  // extract(epoch ...) is numeric with the microseconds; floor() keeps whole milliseconds, as a Date does.
  epochMs: (c) => `CAST(floor(extract(epoch FROM ${c}) * 1000) AS BIGINT)`,
  bigint: (e) => `CAST(${e} AS BIGINT)`,
  // floor() of a bigint is ambiguous (numeric or double precision) in PostgreSQL: numeric is exact.
  floorBigint: (e) => `CAST(floor(CAST(${e} AS NUMERIC)) AS BIGINT)`,
  text: (e) => `CAST(${e} AS TEXT)`,
  sortedList: (e) => `string_agg(CAST(${e} AS TEXT), ',' ORDER BY ${e})`,
  neighbour: (d, e, p, o) => `${d}(${e}) OVER (PARTITION BY ${p} ORDER BY ${o})`,
};

const clickhouse: Dialect = {
  name: "clickhouse",
  // Backticks, with backslash escapes (ClickHouse's own rule for quoted identifiers).
  quote: (name) => `\`${requireName(name).replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``,
  placeholder: (i, type, value) => ({ text: `{p${i}:${type === "bigint[]" ? "Array(Int64)" : type === "integer" ? "Int32" : "Int64"}}`, value }),
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  epochMs: (c) => `toUnixTimestamp64Milli(toDateTime64(${c}, 3))`,
  bigint: (e) => `toInt64(${e})`,
  floorBigint: (e) => `toInt64(floor(${e}))`,
  text: (e) => `CAST(${e} AS Nullable(String))`,
  sortedList: (e) => `arrayStringConcat(arrayMap(x -> toString(x), arraySort(groupArray(${e}))), ',')`,
  // lagInFrame/leadInFrame give the type's default past the ends: a Nullable argument makes it NULL.
  neighbour: (d, e, p, o) =>
    `${d}InFrame(toNullable(${e})) OVER (PARTITION BY ${p} ORDER BY ${o} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`,
};

const DIALECTS: Record<SqlDialect, Dialect> = { duckdb, postgres, clickhouse };

/**
 * The dialect of a name.
 *
 * @throws {@link InvalidInputError} for a name other than "duckdb", "postgres" or "clickhouse"
 */
export function dialectOf(name: unknown): Dialect {
  if (typeof name === "string" && Object.hasOwn(DIALECTS, name)) return DIALECTS[name as SqlDialect];
  throw new InvalidInputError({ field: "dialect", value: name, expected: `one of ${SQL_DIALECTS.map((d) => JSON.stringify(d)).join(", ")}` });
}

/**
 * Parameters bound while a query is written: each `bind` returns the
 * placeholder to put in the text, so no value is ever spliced into SQL.
 *
 * @internal
 */
export class Binder {
  readonly #dialect: Dialect;
  readonly #values: unknown[] = [];

  constructor(dialect: Dialect) {
    this.#dialect = dialect;
  }

  /** Binds a value and returns its placeholder. */
  bind(value: number | readonly number[], type: ParamType = "bigint"): string {
    const p = this.#dialect.placeholder(this.#values.length, type, value);
    this.#values.push(p.value);
    return p.text;
  }

  /** The values: an array ($1, $2, ...) for DuckDB and PostgreSQL, an object of named values for ClickHouse. */
  params(): unknown[] | Record<string, unknown> {
    if (this.#dialect.name !== "clickhouse") return [...this.#values];
    return Object.fromEntries(this.#values.map((v, i) => [`p${i}`, v]));
  }
}
