/**
 * Shared pieces of the formula tests: arbitraries of bad counts and assertions on the typed errors.
 */
import { fc, test } from "../support/fc.ts";
import { expect, it } from "vitest";
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

/** What an {@link InvalidInputError} must say: the field, the value as given, and a distinctive part of its message. */
export interface InvalidExpectation {
  /** The field (argument) named. */
  field: string;
  /** The offending value, compared with Object.is (so NaN matches NaN, objects by identity). */
  value: unknown;
  /** A distinctive part of the message: what was expected instead. */
  message: RegExp;
  /** The row named; absent means the error names no row. */
  row?: number;
}

/**
 * Asserts that `fn` throws an {@link InvalidInputError} with exactly this field, value and row, whose
 * message starts "Invalid <field>[ at row <row>]: " and matches `message`.
 */
export function expectInvalid(fn: () => unknown, expected: InvalidExpectation): InvalidInputError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(InvalidInputError);
  const error = e as InvalidInputError;
  expect(error.field).toBe(expected.field);
  expect(Object.is(error.value, expected.value), `value ${String(error.value)} is ${String(expected.value)}`).toBe(true);
  expect(error.row).toBe(expected.row);
  const where = expected.row === undefined ? "" : ` at row ${expected.row}`;
  expect(error.message.startsWith(`Invalid ${expected.field}${where}: `), error.message).toBe(true);
  expect(error.message).toMatch(expected.message);
  return error;
}

/**
 * Asserts that `fn` throws an {@link InconsistentDataError} carrying exactly these values, each named in
 * the message, and (when given) a message matching `message` (the reason the values contradict).
 */
export function expectInconsistent(fn: () => unknown, values: Record<string, unknown>, message?: RegExp): InconsistentDataError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(InconsistentDataError);
  const error = e as InconsistentDataError;
  expect(error.values).toEqual(values);
  for (const [name, value] of Object.entries(values)) expect(error.message).toContain(`${name} (${String(value)})`);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}

/** Distinctive parts of the messages of the shared checks of validate.ts and the money parsers. */
export const EXPECTED = {
  count: /expected a non-negative integer\.$/,
  positiveCount: /expected a positive integer\.$/,
  nonNegative: /expected a finite number of at least 0\.$/,
  positive: /expected a finite number greater than 0\.$/,
  fraction: /expected a number from 0 to 1\.$/,
  openFraction: /expected a number strictly between 0 and 1\.$/,
  money: /expected a finite number, a decimal string or a Decimal\.$/,
  amountAtLeast0: /expected an amount of at least 0\.$/,
  amountAbove0: /expected an amount greater than 0\.$/,
  options: /expected an object of options such as \{ interval: true \}, or nothing for the defaults\.$/,
} as const;

/**
 * The argument of a formula that is not an object (`churnRate(undefined)`) is refused as `input`, naming
 * the fields it should have; one test per formula, each value in turn.
 */
export function testRefusesNonObjectInput(name: string, call: (input: never) => unknown, fields: readonly string[]): void {
  const listed = new RegExp(`expected an object with the fields ${fields.join(", ").replace(/[()]/g, "\\$&")}\\.$`);
  it.each([[undefined], [null], [5], ["abc"], [[]]])(`${name} refuses %j as its input, naming input`, (value) => {
    expectInvalid(() => call(value as never), { field: "input", value, message: listed });
  });
}

/**
 * Registers one property test per field: replacing that field of a valid input with any value
 * from `bad` makes `call` throw an {@link InvalidInputError} naming the field and the value, with
 * the message given for that field.
 */
export function testRefusesInvalid<T extends object>(
  name: string,
  call: (input: T) => unknown,
  valid: T,
  fields: Readonly<Partial<Record<keyof T & string, RegExp>>>,
  bad: fc.Arbitrary<unknown> = invalidCount,
): void {
  for (const [field, message] of Object.entries(fields) as Array<[keyof T & string, RegExp]>) {
    test.prop([bad])(`${name} refuses an invalid ${field}`, (value) => {
      const input = { ...valid, [field]: value };
      expectInvalid(() => call(input), { field, value, message });
    });
  }
}
