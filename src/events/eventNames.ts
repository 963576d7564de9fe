/**
 * Event names (`"signup"`, `"purchase"`) dictionary-encoded like the customer
 * ids: one code per event in an Int32Array, one string per distinct name.
 * Every reader codes names in its own order of first use; the table then
 * numbers them in code-unit order of the names ({@link sortNameCodes}), so
 * that a table's `eventNames` do not depend on the order of its input.
 *
 * A row of a table with names must have one: a missing (null, undefined) or
 * empty name, or one that is not a string, makes the row bad (thrown or
 * skipped per `onInvalid`), as a missing customer id does. Why not a "no
 * name" code: `startEvent` and `returnEvent` select events by name, and an
 * event without one would silently fall out of every selection but the
 * default, so that "every name" and "any event" would no longer agree.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { StringCodes } from "./stringCodes.ts";

/** Whether a value is an acceptable event name: a non-empty string. */
export function isEventName(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

/** The error of a bad event name at a row. */
export function eventNameError(value: unknown, row: number): InvalidInputError {
  return new InvalidInputError({ field: "event", value, row, expected: "the event's name, a non-empty string (every event of a table with names needs one)" });
}

/** Event name -> code, numbered in order of first use. */
export class NameCoder {
  /** The names by code. */
  readonly names: string[] = [];
  private readonly codes = new StringCodes(this.names, 64);
  /** The last name coded and its code: runs of one name skip the lookup. */
  private last: string | undefined = undefined;
  private lastCode = -1;

  /** The code of a valid name. */
  code(name: string): number {
    if (name === this.last) return this.lastCode;
    const next = this.names.length;
    const c = this.codes.codeOf(name, next);
    if (c === next) this.names.push(name);
    this.last = name;
    this.lastCode = c;
    return c;
  }
}

/**
 * Renumbers name codes (in place) so that code k is the k-th name in
 * code-unit order; returns the names in that order. Codes must be valid
 * indexes into `names`.
 */
export function sortNameCodes(codes: Int32Array, names: readonly string[]): readonly string[] {
  const order = names.map((_, k) => k).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const sorted = order.map((k) => names[k]!);
  if (order.every((k, i) => k === i)) return Object.freeze(sorted);
  const to = new Int32Array(names.length);
  for (let i = 0; i < order.length; i++) to[order[i]!] = i;
  for (let i = 0; i < codes.length; i++) codes[i] = to[codes[i]!]!;
  return Object.freeze(sorted);
}
