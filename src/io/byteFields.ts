/**
 * Field values read straight from a text file's UTF-8 bytes, for the shapes
 * nearly every export writes: an ISO 8601 instant with an offset
 * (`2024-03-15T09:45:51.205Z`, `2024-03-15 09:45:51+01:00`) and a plain
 * decimal amount (`49.90`, `-3`). Each returns NaN for anything else, and the
 * caller then takes the field's text through the general parsers
 * (`toEpochMs`, `toMinorUnits`), which accept more and name the error: so
 * these only ever give the value the general parser gives, faster.
 *
 * Why this shape: at ten million rows, making a string of each field (and
 * matching it with a regular expression) cost more than everything else a
 * row needs; reading digits from the bytes makes no object at all.
 *
 * @internal
 * @module
 */
import { daysFromCivil, daysInMonth, MS_PER_DAY } from "../periods/civil.ts";

const C0 = 48;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;

/** Two digits at i, or -1. */
function two(b: Uint8Array, i: number): number {
  const a = b[i]! - C0;
  const c = b[i + 1]! - C0;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

/**
 * Epoch ms of `YYYY-MM-DD[T ]HH:MM:SS[.fraction](Z|±HH:MM)` in b[start, end),
 * or of the same without an offset when `utc` (instants without an offset
 * are read in the UTC zone); NaN for any other text. Fractions finer than
 * the millisecond are truncated, as `toEpochMs` does.
 */
export function isoInstantBytes(b: Uint8Array, start: number, end: number, utc: boolean): number {
  if (end - start < 19 || b[start + 4] !== DASH || b[start + 7] !== DASH || b[start + 13] !== COLON || b[start + 16] !== COLON) return NaN;
  const sep = b[start + 10];
  if (sep !== 84 && sep !== 116 && sep !== 32) return NaN; // T, t or a space
  const hi = two(b, start);
  const lo = two(b, start + 2);
  const mo = two(b, start + 5);
  const d = two(b, start + 8);
  const h = two(b, start + 11);
  const mi = two(b, start + 14);
  const s = two(b, start + 17);
  if (hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return NaN;
  const y = hi * 100 + lo;
  if (d > 28 && d > daysInMonth(y, mo)) return NaN;
  let ms = 0;
  let i = start + 19;
  if (i < end && b[i] === DOT) {
    const from = ++i;
    while (i < end && i - from < 9) {
      const c = b[i]! - C0;
      if (!(c >= 0 && c <= 9)) break;
      if (i - from < 3) ms += c * (i === from ? 100 : i === from + 1 ? 10 : 1);
      i++;
    }
    if (i === from) return NaN;
  }
  const local = daysFromCivil(y, mo, d) * MS_PER_DAY + h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
  if (i === end) return utc ? local : NaN;
  const c = b[i];
  if ((c === 90 || c === 122) && i + 1 === end) return local; // Z or z
  if ((c !== PLUS && c !== DASH) || end - i !== 6 || b[i + 3] !== COLON) return NaN;
  const oh = two(b, i + 1);
  const om = two(b, i + 4);
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
  const offset = (oh * 60 + om) * 60_000;
  return c === PLUS ? local - offset : local + offset;
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Minor units of a plain decimal `[+-]digits[.digits]` in b[start, end) with
 * at most `scale` decimals and at most 15 significant places, or NaN (then
 * the text goes to `toMinorUnits`, which reads the rest or says why not).
 */
export function decimalMinorUnitsBytes(b: Uint8Array, start: number, end: number, scale: number): number {
  let i = start;
  const sign = b[i];
  if (sign === DASH || sign === PLUS) i++;
  let whole = 0;
  const from = i;
  while (i < end) {
    const c = b[i]! - C0;
    if (!(c >= 0 && c <= 9)) break;
    whole = whole * 10 + c;
    i++;
  }
  const wholeDigits = i - from;
  if (wholeDigits === 0 || wholeDigits + scale > 15) return NaN;
  let fraction = 0;
  let places = 0;
  if (i < end && b[i] === DOT) {
    i++;
    while (i < end) {
      const c = b[i]! - C0;
      if (!(c >= 0 && c <= 9) || places === scale) break;
      fraction = fraction * 10 + c;
      places++;
      i++;
    }
  }
  if (i !== end) return NaN;
  const units = whole * POWERS[scale]! + fraction * POWERS[scale - places]!;
  return sign === DASH && units !== 0 ? -units : units;
}
