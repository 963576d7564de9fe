/**
 * Number formats shared by the text tables, the HTML tables and the pictures.
 *
 * @internal
 * @module
 */
import { type Decimal, toDecimal } from "../money.ts";
import type { PeriodUnit } from "../periods/index.ts";

/** A rate as a percentage with `digits` decimals ("45.2%"), or `fallback` for null. */
export function percent(x: number | null, digits = 1, fallback = "-"): string {
  return x === null ? fallback : `${(100 * x).toFixed(digits)}%`;
}

/** A rate as a short percentage for a small cell: whole percents from 10%, one decimal below ("7.3%"). */
export function shortPercent(x: number): string {
  const p = 100 * x;
  return p >= 9.95 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

/** A number in at most 4 or 5 characters: 12.3, 123, 1.2k, 12k, 1.2M. */
export function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(a >= 1e10 ? 0 : 1)}G`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e4) return `${Math.round(x / 1e3)}k`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100 || Number.isInteger(x)) return String(Math.round(x));
  return a >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** A count or an amount as text: integers as they are, amounts with 2 decimals, other numbers with `digits`. */
export function plain(x: number | Decimal | string | null, digits = 2, fallback = "-"): string {
  if (x === null) return fallback;
  if (typeof x === "number") return Number.isInteger(x) ? String(x) : x.toFixed(digits);
  return money(x);
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
export function fixed(x: number | null, digits = 2, fallback = "-"): string {
  return x === null ? fallback : x.toFixed(digits);
}

/** An amount as a number: a Decimal, or the string (or number) a JSON copy of a result holds. */
export function amount(x: Decimal | string | number): number {
  return typeof x === "number" ? x : typeof x === "string" ? Number(x) : x.toNumber();
}

/** An amount with 2 decimals (a Decimal, or a JSON copy's string), or `fallback` for null. */
export function money(x: Decimal | string | number | null, fallback = "-"): string {
  if (x === null) return fallback;
  return (typeof x === "object" ? x : toDecimal(x)).toFixed(2);
}

/** A model parameter: 4 significant digits, in plain notation where that stays short. */
export function significant(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1e6 || a < 1e-4 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

/** An instant for a title (a Date, or a JSON copy's string): the UTC day when it is a UTC midnight, else the ISO instant to the minute. */
export function instantText(d: Date | string): string {
  const iso = new Date(d).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
}
