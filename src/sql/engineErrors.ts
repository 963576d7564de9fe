/**
 * An engine's error, wrapped in the library's typed error with the table or
 * column it is about: a missing table, a missing column, a column of the
 * wrong type. Engines seldom name the column of a type error (DuckDB says
 * `epoch_ms(VARCHAR)`), so after a failure each configured column is read
 * alone (`LIMIT 1`) and the first one that fails is named. The engine's own
 * message is kept in the error, and the engine's error as its `cause`.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { Dialect } from "./dialect.ts";
import { Binder } from "./dialect.ts";
import { amountSql, type EventSource, fromItem, instantSql } from "./source.ts";
import type { CompiledQuery } from "./plan.ts";

/** Messages of a missing relation (DuckDB, PostgreSQL, ClickHouse). */
const MISSING_TABLE = /Table with name .* does not exist|relation .* does not exist|Unknown table expression identifier|Table .* does not exist|UNKNOWN_TABLE|UNKNOWN_DATABASE|Database .* does not exist|Schema with name .* does not exist|No files found/i;
/** Messages of a missing column. */
const MISSING_COLUMN = /column .* does not exist|Referenced column .* not found|Unknown expression identifier|Missing columns|UNKNOWN_IDENTIFIER|not found in FROM clause/i;

/** The message of anything thrown. */
function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : String(e);
}

/** The first line of an engine's message, for ours. */
const said = (message: string) => `(the engine said: ${message.split("\n")[0]!.slice(0, 300)})`;

/** Runs one probe query: whether it fails, and the engine's message. */
export type Probe = (q: CompiledQuery) => Promise<string | null>;

/**
 * The typed error of an engine's failure: `events.from` for a missing table,
 * the field of the first column that cannot be read alone for a missing or
 * mistyped column; other failures (a lost connection, a syntax error in a
 * trusted subquery) are passed on as they are.
 */
export async function wrapEngineError(e: unknown, dialect: Dialect, source: EventSource, currencyScale: number, key: string | undefined, probe: Probe): Promise<unknown> {
  const from = fromItem(dialect, source.from);
  const { cid, t } = instantSql(dialect, source);
  const none = () => new Binder(dialect).params();
  return wrapWithProbes(e, "events.from", source.from, [
    ["events.customerId", source.customerId, () => ({ sql: `SELECT ${cid} AS x FROM ${from} LIMIT 1`, params: none() }), "a column of customer ids"],
    ["events.at", source.at, () => ({ sql: `SELECT ${t} AS x FROM ${from} LIMIT 1`, params: none() }), source.epochUnit === undefined ? "a timestamp column (or numbers with epochUnit)" : "a number column"],
    ["events.amount", source.amount, () => {
      const binder = new Binder(dialect);
      const { ok, a } = amountSql(dialect, binder, source, currencyScale);
      return { sql: `SELECT ${ok} AS ok, ${a} AS a FROM ${from} LIMIT 1`, params: binder.params() };
    }, "a number or decimal column"],
    ["cohortBy", key, () => ({ sql: `SELECT ${dialect.text(dialect.quote(key!))} AS x FROM ${from} LIMIT 1`, params: none() }), "a column of cohort keys"],
  ], probe);
}

/** One column to probe after a failure: the setting's field, the column (undefined: not configured), its probe query, and what it should be. @internal */
export type ColumnProbe = [field: string, column: string | undefined, query: () => CompiledQuery, kind: string];

/**
 * The typed error of an engine's failure on one source (the events or the subscriptions): `fromField`
 * for a missing table, else the field of the first column whose probe fails; other failures are passed
 * on as they are. @internal
 */
export async function wrapWithProbes(e: unknown, fromField: string, source: string | { sql: string }, columns: readonly ColumnProbe[], probe: Probe): Promise<unknown> {
  if (e instanceof InvalidInputError) return e;
  const message = messageOf(e);
  if (MISSING_TABLE.test(message)) {
    const from = typeof source === "string" ? source : source.sql;
    return withCause(new InvalidInputError({ field: fromField, value: from, expected: `a table or view the query can read ${said(message)}` }), e);
  }
  for (const [field, name, query, kind] of columns) {
    if (name === undefined) continue;
    const failure = await probe(query());
    if (failure === null) continue;
    const expected = MISSING_COLUMN.test(failure) ? `a column of the ${fromField.split(".")[0]} ${said(failure)}` : `${kind} ${said(failure)}`;
    return withCause(new InvalidInputError({ field, value: name, expected }), e);
  }
  return e;
}

function withCause(error: InvalidInputError, cause: unknown): InvalidInputError {
  Object.defineProperty(error, "cause", { value: cause, enumerable: false, configurable: true, writable: true });
  return error;
}
