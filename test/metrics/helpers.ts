/**
 * Shared pieces of the formula tests: arbitraries of bad counts and assertions on the typed errors.
 */
import { fc, test } from "../support/fc.ts";
import { expect } from "vitest";
import { InconsistentDataError, InvalidInputError } from "../../src/errors.ts";

/** Values that are not counts: negatives, fractions, NaN, infinities and non-numbers. */
export const invalidCount: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ max: -1 }),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5, 1.5, 2 ** 53, "3", null, undefined, true),
);

/** Values that are not non-negative finite numbers (for arguments that may be fractional). */
export const invalidNonNegative: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "3", null, undefined),
);

/** Runs `fn` and returns what it threw (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to throw, but it returned");
}

/** Asserts that `fn` throws an {@link InvalidInputError} naming `field` (and `row` when given). */
export function expectInvalidInput(fn: () => unknown, field: string, row?: number): InvalidInputError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(InvalidInputError);
  const error = e as InvalidInputError;
  expect(error.field).toBe(field);
  expect(error.message).toContain(field);
  if (row !== undefined) expect(error.row).toBe(row);
  return error;
}

/** Asserts that `fn` throws an {@link InconsistentDataError} carrying exactly these values, each named in the message. */
export function expectInconsistent(fn: () => unknown, values: Record<string, unknown>): InconsistentDataError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(InconsistentDataError);
  const error = e as InconsistentDataError;
  expect(error.values).toEqual(values);
  for (const name of Object.keys(values)) expect(error.message).toContain(name);
  return error;
}

/**
 * Registers one property test per field: replacing that field of a valid input with any value
 * from `bad` makes `call` throw an {@link InvalidInputError} naming the field.
 */
export function testRefusesInvalid<T extends object>(
  name: string,
  call: (input: T) => unknown,
  valid: T,
  fields: ReadonlyArray<keyof T & string>,
  bad: fc.Arbitrary<unknown> = invalidCount,
): void {
  for (const field of fields) {
    test.prop([bad])(`${name} refuses an invalid ${field}`, (value) => {
      const input = { ...valid, [field]: value };
      expectInvalidInput(() => call(input), field);
    });
  }
}
