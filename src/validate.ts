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
