/**
 * Number formats shared by the text tables, the HTML tables and the pictures.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { type Decimal, toDecimal } from "../money.ts";
import type { PeriodUnit } from "../periods/index.ts";

/**
 * A number a result holds where it must be finite: the number, or an {@link InvalidInputError} naming
 * `field` (a path such as `matrix.cohorts[0].size`). Every number formatter below goes through it, so a
 * hand-edited result with a NaN or an infinity is refused instead of printing "NaN" or "Infinity".
 */
export function finite(x: unknown, field = "value"): number {
  if (typeof x === "number" && Number.isFinite(x)) return x;
  throw new InvalidInputError({ field, value: x, expected: "a finite number (results hold no NaN or infinity)" });
}

/** A rate as a percentage (finite after scaling by 100), or an {@link InvalidInputError} naming `field`. */
function percentOf(x: unknown, field: string): number {
  const p = 100 * finite(x, field);
  if (!Number.isFinite(p)) throw new InvalidInputError({ field, value: x, expected: "a finite rate" });
  return p;
}

/** A rate as a percentage with `digits` decimals ("45.2%"), or `fallback` for null. */
export function percent(x: number | null, digits = 1, fallback = "-", field = "rate"): string {
  return x === null ? fallback : `${percentOf(x, field).toFixed(digits)}%`;
}

/** A rate drawn on a 0-to-1 scale: a number from 0 to 1, or an {@link InvalidInputError} naming `field`. */
export function rate(x: unknown, field = "rate"): number {
  if (typeof x === "number" && x >= 0 && x <= 1) return x;
  throw new InvalidInputError({ field, value: x, expected: "a rate from 0 to 1" });
}

/** A rate as a short percentage for a small cell: whole percents from 10%, one decimal below ("7.3%"). */
export function shortPercent(x: number, field = "rate"): string {
  const p = percentOf(x, field);
  return p >= 9.95 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

/** A number in at most 4 or 5 characters: 12.3, 123, 1.2k, 12k, 1.2M. */
export function compact(x: number, field = "value"): string {
  finite(x, field);
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(a >= 1e10 ? 0 : 1)}G`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e4) return `${Math.round(x / 1e3)}k`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100 || Number.isInteger(x)) return String(Math.round(x));
  return a >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** A count or an amount as text: integers as they are, amounts with 2 decimals, other numbers with `digits`. */
export function plain(x: number | Decimal | string | null, digits = 2, fallback = "-", field = "value"): string {
  if (x === null) return fallback;
  if (typeof x === "number") return finite(x, field) === x && Number.isInteger(x) ? String(x) : x.toFixed(digits);
  if (typeof x !== "string" && (typeof x !== "object" || typeof (x as { toFixed?: unknown }).toFixed !== "function")) finite(x, field);
  return money(x, fallback, field);
}

/** A count as text: a finite number, or an {@link InvalidInputError} naming `field`. */
export function count(x: number, field = "value"): string {
  return String(finite(x, field));
}

const ADJECTIVES: Record<PeriodUnit, string> = { day: "daily", week: "weekly", isoWeek: "weekly", month: "monthly", quarter: "quarterly", year: "yearly" };

/** "monthly", "weekly", ... */
export function unitAdjective(unit: PeriodUnit): string {
  return ADJECTIVES[unit];
}

/** "months", "weeks", ... (n = 1 gives the singular). */
export function unitNoun(unit: PeriodUnit, n = 2): string {
  const noun = unit === "isoWeek" ? "week" : unit;
  return n === 1 ? noun : `${noun}s`;
}

/** Capitalises the first letter. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A number with `digits` decimals, or `fallback` for null. */
export function fixed(x: number | null, digits = 2, fallback = "-", field = "value"): string {
  return x === null ? fallback : finite(x, field).toFixed(digits);
}

/** An amount as a number: a Decimal, or the string (or number) a JSON copy of a result holds. */
export function amount(x: Decimal | string | number): number {
  return typeof x === "number" ? x : typeof x === "string" ? Number(x) : x.toNumber();
}

/** The text of a finite decimal, as a Decimal's `toFixed` writes it. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** An amount with 2 decimals (a Decimal, or a JSON copy's string), or `fallback` for null. */
export function money(x: Decimal | string | number | null, fallback = "-", field = "value"): string {
  if (x === null) return fallback;
  if (typeof x === "number") finite(x, field);
  if (typeof x === "string" && !Number.isFinite(Number(x))) throw new InvalidInputError({ field, value: x, expected: "a decimal amount" });
  const text = typeof x === "object" && x !== null && typeof x.toFixed === "function" ? x.toFixed(2) : typeof x === "string" ? toDecimal(x).toFixed(2) : "";
  if (!DECIMAL_TEXT.test(text)) throw new InvalidInputError({ field, value: x, expected: "a finite decimal amount" });
  return text;
}

/** A model parameter: 4 significant digits, in plain notation where that stays short. */
export function significant(x: number, field = "value"): string {
  if (finite(x, field) === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e6 || a < 1e-4 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

/** An instant for a title (a Date, or a JSON copy's string): the UTC day when it is a UTC midnight, else the ISO instant to the minute. */
export function instantText(d: Date | string, field = "instant"): string {
  const iso = isoInstant(d, field);
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
}

/** An instant (a Date, or a JSON copy's string) as ISO 8601, or an {@link InvalidInputError} naming `field` for an Invalid Date. */
export function isoInstant(d: unknown, field = "instant"): string {
  const t = d instanceof Date || typeof d === "string" || typeof d === "number" ? new Date(d).getTime() : NaN;
  if (!Number.isFinite(t)) throw new InvalidInputError({ field, value: d, expected: "a valid instant" });
  return new Date(t).toISOString();
}
