/**
 * Exact conversion of what drivers return for counts and sums: DuckDB gives
 * BIGINT and HUGEINT as bigint, PostgreSQL BIGINT and NUMERIC as strings,
 * ClickHouse 64-bit integers as numbers or strings (by its JSON settings).
 * Each becomes a JavaScript number only when it is an integer that a number
 * holds exactly; anything else is an error, never a rounded figure.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";

const INTEGER = /^\s*[+-]?\d+(?:\.0*)?\s*$/;

/**
 * A driver's integer (number, bigint or a numeric string such as `"42"` or
 * `"42.000"`) as a safe-integer number; null and undefined are 0 (a SUM of no rows).
 *
 * @throws {@link InvalidInputError} for a non-integer, a value beyond 2^53, or another type
 */
export function exactInteger(value: unknown, field: string): number {
  if (value === null || value === undefined) return 0;
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = Number(value);
  else if (typeof value === "string" && INTEGER.test(value)) n = Number(value.trim().replace(/\.0*$/, ""));
  else throw new InvalidInputError({ field, value, expected: "an integer from the query (a number, bigint or numeric string)" });
  if (!Number.isSafeInteger(n) || (typeof value === "bigint" && BigInt(n) !== value)) {
    throw new InvalidInputError({ field, value, expected: "an integer within 2^53 from the query" });
  }
  return n === 0 ? 0 : n;
}
