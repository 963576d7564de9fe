/**
 * An engine's error, wrapped in the library's typed error with the table or
 * column it is about: a missing table, a missing column, a column of the
 * wrong type. The engine's own message is kept in `expected`, word for word.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { EventSource } from "./source.ts";

/** Messages of a missing relation (DuckDB, PostgreSQL, ClickHouse). */
const MISSING_TABLE = /Table with name .* does not exist|relation .* does not exist|Unknown table expression identifier|Table .* does not exist|UNKNOWN_TABLE|UNKNOWN_DATABASE|Database .* does not exist|Schema with name .* does not exist|No files found/i;
/** Messages of a missing column. */
const MISSING_COLUMN = /column .* does not exist|Referenced column .* not found|Unknown expression identifier|Missing columns|UNKNOWN_IDENTIFIER|not found in FROM clause/i;
/** Messages of a value or function of the wrong type. */
const WRONG_TYPE = /No function matches|function .* does not exist|operator does not exist|Illegal type|ILLEGAL_TYPE_OF_ARGUMENT|Conversion Error|Could not convert|cannot cast|invalid input syntax|Cannot convert|Cannot parse|TYPE_MISMATCH|NO_COMMON_TYPE/i;

/** The message of anything thrown. */
function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : String(e);
}

/** The configured columns, the first one the message names. */
function columnNamed(message: string, source: EventSource, key: string | undefined): { field: string; name: string } | undefined {
  const fields: Array<[string, string | undefined]> = [
    ["events.customerId", source.customerId], ["events.at", source.at], ["events.amount", source.amount], ["cohortBy", key],
  ];
  const lower = message.toLowerCase();
  for (const [field, name] of fields) {
    if (name !== undefined && (message.includes(`"${name}"`) || message.includes(`'${name}'`) || message.includes(`\`${name}\``) || lower.includes(name.toLowerCase()))) {
      return { field, name };
    }
  }
  return undefined;
}

/**
 * The typed error of an engine's failure: `events.from` for a missing table,
 * the field of the column for a missing or mistyped column; other failures
 * (a lost connection, a syntax error in a trusted subquery) are passed on as
 * they are.
 */
export function wrapEngineError(e: unknown, source: EventSource, key?: string): unknown {
  if (e instanceof InvalidInputError) return e;
  const message = messageOf(e);
  const said = `(the engine said: ${message.split("\n")[0]!.slice(0, 300)})`;
  if (MISSING_TABLE.test(message)) {
    const from = typeof source.from === "string" ? source.from : source.from.sql;
    return withCause(new InvalidInputError({ field: "events.from", value: from, expected: `a table or view the query can read ${said}` }), e);
  }
  const column = columnNamed(message, source, key);
  if (MISSING_COLUMN.test(message)) {
    return withCause(new InvalidInputError({ field: column?.field ?? "events", value: column?.name ?? null, expected: `a column of the events ${said}` }), e);
  }
  if (WRONG_TYPE.test(message)) {
    const kind = column?.field === "events.at" ? "a timestamp column (or numbers with epochUnit)" : column?.field === "events.amount" ? "a number or decimal column" : "a column of the expected type";
    return withCause(new InvalidInputError({ field: column?.field ?? "events", value: column?.name ?? null, expected: `${kind} ${said}` }), e);
  }
  return e;
}

function withCause(error: InvalidInputError, cause: unknown): InvalidInputError {
  Object.defineProperty(error, "cause", { value: cause, enumerable: false, configurable: true, writable: true });
  return error;
}
