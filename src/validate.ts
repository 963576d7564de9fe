/**
 * Argument checks shared by every layer. Each returns the value when it is
 * acceptable and throws an {@link InvalidInputError} naming the field otherwise,
 * so callers can write `const n = requireCount(input.orders, "orders")`.
 * {@link requireNotGreater} checks two aggregates against each other and throws
 * an {@link InconsistentDataError} instead.
 *
 * @internal
 * @module
 */
import { InconsistentDataError, InvalidInputError } from "./errors.ts";

function check<T>(ok: boolean, field: string, value: unknown, expected: string): T {
  if (!ok) throw new InvalidInputError({ field, value, expected });
  return value as T;
}

/** A count: a non-negative safe integer (rejects NaN, infinities, fractions, negatives). */
export function requireCount(value: unknown, field: string): number {
  return check(Number.isSafeInteger(value) && (value as number) >= 0, field, value, "a non-negative integer");
}

/** A positive count: a safe integer of at least 1. */
export function requirePositiveCount(value: unknown, field: string): number {
  return check(Number.isSafeInteger(value) && (value as number) > 0, field, value, "a positive integer");
}

/** A finite number. */
export function requireFinite(value: unknown, field: string): number {
  return check(typeof value === "number" && Number.isFinite(value), field, value, "a finite number");
}

/** A finite number of at least 0. */
export function requireNonNegative(value: unknown, field: string): number {
  return check(typeof value === "number" && Number.isFinite(value) && value >= 0, field, value, "a finite number of at least 0");
}

/** A finite number greater than 0. */
export function requirePositive(value: unknown, field: string): number {
  return check(typeof value === "number" && Number.isFinite(value) && value > 0, field, value, "a finite number greater than 0");
}

/** A fraction in [0, 1]. */
export function requireFraction(value: unknown, field: string): number {
  return check(typeof value === "number" && value >= 0 && value <= 1, field, value, "a number from 0 to 1");
}

/** An integer in [min, max]. */
export function requireIntegerIn(value: unknown, field: string, min: number, max: number): number {
  return check(Number.isInteger(value) && (value as number) >= min && (value as number) <= max, field, value, `an integer from ${min} to ${max}`);
}

/** One of a fixed set of strings. */
export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  return check(typeof value === "string" && (allowed as readonly string[]).includes(value), field, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
}

/** A probability strictly between 0 and 1, such as a confidence level or a quantile's p (rejects NaN). */
export function requireOpenFraction(value: unknown, field: string): number {
  return check(typeof value === "number" && value > 0 && value < 1, field, value, "a number strictly between 0 and 1");
}

/**
 * Two already validated aggregates where one cannot exceed the other (customers lost and customers
 * at the start, say). Throws an {@link InconsistentDataError} naming both values and saying why.
 *
 * @param smallerField - the name of the value that must not be larger
 * @param smaller - its value
 * @param largerField - the name of the bound
 * @param larger - its value
 * @param reason - why the bound holds, e.g. `"a customer can only be lost once"`
 */
export function requireNotGreater(smallerField: string, smaller: number, largerField: string, larger: number, reason: string): void {
  if (smaller > larger) {
    throw new InconsistentDataError(`${smallerField} (${smaller}) cannot exceed ${largerField} (${larger}): ${reason}.`, {
      [smallerField]: smaller,
      [largerField]: larger,
    });
  }
}

/** Whether a value is an object with fields: not null, not an array, not a primitive. */
function isRecord(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The named-fields argument of a formula (`{ customersAtStart, customersLost }`, say): an object,
 * not `undefined`, `null`, an array or a primitive, which would otherwise fail with a bare
 * `TypeError` on the first field read. The fields themselves are the caller's to check.
 *
 * @param value - the argument as given
 * @param field - the argument's name, e.g. `"input"`
 * @param fields - the fields it should have, named in the message
 */
export function requireRecord<T>(value: T, field: string, fields: readonly string[]): T {
  return check(isRecord(value), field, value, `an object with the fields ${fields.join(", ")}`);
}

/**
 * An options argument: absent (every default applies) or an object. `null`, an array or a
 * primitive is refused rather than read as "no options" or failing with a bare `TypeError`.
 *
 * @param value - the options as given
 * @param field - the argument's name; default `"options"`
 * @param example - a valid example for the message, e.g. `'{ period: "month" }'`
 */
export function requireOptions<T>(value: T, field = "options", example = '{ period: "month" }'): T {
  return check(value === undefined || isRecord(value), field, value, `an object of options such as ${example}, or nothing for the defaults`);
}

/** Whether a value is array-like: an object (so not a string) whose `length` is a safe integer of at least 0. */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const n = (value as ArrayLike<unknown>).length;
  return Number.isSafeInteger(n) && n >= 0;
}

/** An array or array-like object (a typed array, say); strings are refused. */
export function requireArrayLike<T = unknown>(value: unknown, field: string, expected: string): ArrayLike<T> {
  return check(isArrayLike(value), field, value, expected);
}

/** An iterable object (an array, a Set, a generator); strings are refused, as a string is not a collection of values. */
export function requireIterable<T = unknown>(value: unknown, field: string, expected: string): Iterable<T> {
  return check(
    typeof value === "object" && value !== null && typeof (value as Partial<Iterable<T>>)[Symbol.iterator] === "function",
    field,
    value,
    expected,
  );
}

/** An option that lists fractions (quantiles, top shares): an array of numbers from 0 to 1, each checked and named by index. */
export function requireFractionList(value: unknown, field: string, example: string): number[] {
  const list = requireArrayLike(value, field, `an array of numbers from 0 to 1, such as ${example}`);
  return Array.from(list, (q, i) => requireFraction(q, `${field}[${i}]`));
}

/**
 * The most cells one result may hold: the periods of a range, or rows x columns of a grid (a
 * cohort matrix, the survival curves of groups, the days of an L-ness window). About a second of
 * work; far beyond it, work and memory run to minutes and gigabytes, and the cause is almost always
 * a period unit, a bound or a stray event far from the rest of the data.
 */
export const MAX_CELLS = 1_000_000;

/** What a bounded result is, for the message of {@link requireCellsWithin}. */
export interface CellBound {
  /** The option to name (`"maxOffset"`, `"period"`, ...). */
  field: string;
  /** Its value as given. */
  value: unknown;
  /** The result and its shape, e.g. `"a cohort matrix (19,725 cohorts x 19,725 offsets)"`. */
  what: string;
  /** What to change, e.g. `"set maxOffset, use a longer period unit or a later from"`. */
  remedy: string;
}

/**
 * A result of `cells` cells is within {@link MAX_CELLS}; otherwise an {@link InvalidInputError}
 * naming the option and saying what to change. Call it before allocating.
 *
 * @param cells - the cells the result would hold
 * @param bound - the option to name, the result's shape and the remedy
 */
export function requireCellsWithin(cells: number, bound: CellBound): void {
  if (cells <= MAX_CELLS) return;
  throw new InvalidInputError({
    field: bound.field,
    value: bound.value,
    expected: `at most ${formatCount(MAX_CELLS)} cells, not ${bound.what} = ${formatCount(cells)} cells; ${bound.remedy}`,
  });
}

/** A count with thousands separators, for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * A finite number from `min` to `max`, inclusive (a model parameter in its accepted range, say);
 * NaN and the infinities are refused.
 *
 * @param value - the value as given
 * @param field - its name
 * @param min - the smallest accepted value
 * @param max - the largest accepted value
 * @param expected - what a valid value is, for the message; default "a finite number from min to max"
 */
export function requireFiniteWithin(value: unknown, field: string, min: number, max: number, expected = `a finite number from ${min} to ${max}`): number {
  return check(typeof value === "number" && value >= min && value <= max, field, value, expected);
}

/**
 * Refuses an input that can only be read asynchronously (an async iterable,
 * a stream, a database result) where a synchronous analysis needs it now:
 * reading it would return a Promise, not a table.
 *
 * @throws {@link InvalidInputError} naming `field`, with what to do instead
 */
export function requireSynchronous(input: unknown, field: string, builder: string): void {
  if (input === null || typeof input !== "object") return;
  const asyncOnly = Symbol.asyncIterator in input && !(Symbol.iterator in input);
  if (asyncOnly || typeof (input as { then?: unknown }).then === "function") {
    throw new InvalidInputError({
      field,
      value: input,
      expected: `rows, columns or a table: for input that arrives asynchronously, build the table first (\`await ${builder}(input)\`) and pass it`,
    });
  }
}
