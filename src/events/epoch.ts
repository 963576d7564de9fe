/**
 * Epoch numbers in a unit (seconds to nanoseconds), as numbers, bigints or
 * the two 32-bit words of an int64, to epoch milliseconds. Sub-millisecond
 * parts are kept as fractions of a millisecond, and the three forms of one
 * value give the same double, bit for bit: an int64 column read without a
 * BigInt per value gives what `epochToMs(bigint)` gives.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toEpochMs } from "../periods/index.ts";
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";
import { requireOneOf } from "../validate.ts";

/**
 * Unit of epoch numbers: seconds, milliseconds, microseconds or nanoseconds since 1970-01-01T00:00:00Z.
 *
 * @category Events
 */
export type EpochUnit = "s" | "ms" | "us" | "ns";

/** Milliseconds per unit. */
export const MS_PER_EPOCH_UNIT: Readonly<Record<EpochUnit, number>> = Object.freeze({ s: 1000, ms: 1, us: 1e-3, ns: 1e-6 });

/** Units per millisecond of the sub-millisecond units. */
const PER_MS: Readonly<Record<EpochUnit, number>> = Object.freeze({ s: 0, ms: 1, us: 1000, ns: 1_000_000 });

const EPOCH_UNITS = Object.keys(MS_PER_EPOCH_UNIT) as EpochUnit[];

/** The `epochUnit` option, checked; default `"ms"`. */
export function checkEpochUnit(unit: unknown): EpochUnit {
  return unit === undefined ? "ms" : requireOneOf(unit, "epochUnit", EPOCH_UNITS);
}

const TWO_32 = 4294967296;

/**
 * Epoch milliseconds of an epoch number in a unit. A bigint (an int64 from a
 * database or Arrow) is divided exactly before conversion, so nanoseconds keep
 * their sub-millisecond part as a fraction of a millisecond; an integer number
 * is divided the same way (so `epochToMs(n, u)` and `epochToMs(BigInt(n), u)`
 * agree), a fractional one by a correctly rounded division. @internal
 */
export function epochToMs(value: number | bigint | string, unit: EpochUnit): number {
  if (typeof value === "bigint") {
    if (unit === "s") return Number(value) * 1000;
    if (unit === "ms") return Number(value);
    const per = unit === "us" ? 1000n : 1_000_000n;
    const whole = value / per;
    const rest = value - whole * per;
    return Number(whole) + Number(rest) / Number(per);
  }
  if (typeof value === "string") {
    // Long digit strings (nanoseconds) are read exactly.
    return /^-?\d{16,}$/.test(value) ? epochToMs(BigInt(value), unit) : epochToMs(Number(value), unit);
  }
  if (unit === "ms") return value;
  if (unit === "s") return value * 1000;
  const per = PER_MS[unit];
  if (!Number.isSafeInteger(value)) return value / per;
  // whole = trunc(value / per) exactly (the division may round up to the next integer).
  let whole = Math.trunc(value / per);
  let rest = value - whole * per;
  if (value >= 0 && rest < 0) {
    whole--;
    rest += per;
  } else if (value < 0 && rest > 0) {
    whole++;
    rest -= per;
  }
  return whole + rest / per;
}

/**
 * {@link epochToMs} of the int64 whose 32-bit words are `lo` (unsigned) and
 * `hi` (signed), without making a BigInt: the same double, bit for bit.
 */
export function int64WordsToMs(lo: number, hi: number, unit: EpochUnit): number {
  if (unit === "ms") return hi * TWO_32 + lo;
  if (unit === "s") return (hi * TWO_32 + lo) * 1000;
  const per = PER_MS[unit];
  // value = hi * 2^32 + lo = per * (qh * 2^32 + qm) + r, every step exact in doubles.
  const qh = Math.trunc(hi / per);
  const m = (hi - qh * per) * TWO_32 + lo; // |m| < per * 2^32 + 2^32 < 2^53
  let qm = Math.trunc(m / per);
  let r = m - qm * per;
  if (m >= 0 && r < 0) {
    qm--;
    r += per;
  } else if (m < 0 && r > 0) {
    qm++;
    r -= per;
  }
  let whole = qh * TWO_32 + qm;
  // Truncation toward zero, as BigInt division: the rest has the value's sign.
  if (hi < 0 && r > 0) {
    whole++;
    r -= per;
  } else if (hi >= 0 && r < 0) {
    whole--;
    r += per;
  }
  return whole + r / per;
}

/** Whether the platform is little-endian (int64 words are then lo, hi). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The 32-bit words of a 64-bit integer array, or null where they cannot be read in place (big-endian). */
export function int64Words(values: BigInt64Array | BigUint64Array): Int32Array | null {
  return LITTLE_ENDIAN ? new Int32Array(values.buffer, values.byteOffset, values.length * 2) : null;
}

/** The error of an epoch number outside the range of Date, showing the value as given (`1234567n`). */
export function epochRangeError(value: unknown, unit: EpochUnit, row: number | undefined, field = "at"): InvalidInputError {
  return new InvalidInputError({ field, value, row, expected: `an epoch number in ${unit} within the range of Date (±8.64e15 ms)` });
}

/** Whether epoch ms are within the range of Date (false for NaN). */
export function inDateRange(ms: number): boolean {
  return ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS;
}

/**
 * Epoch ms of a row's instant: a number or bigint is an epoch number in
 * `unit`, a Date its time, a string ISO 8601 (in `timeZone` without an offset).
 * Throws an InvalidInputError naming the row, showing the value as given.
 */
export function instantToMs(at: unknown, unit: EpochUnit, timeZone: string, row: number): number {
  if (typeof at === "number") {
    if (unit === "ms") {
      if (at >= -MAX_EPOCH_MS && at <= MAX_EPOCH_MS) return at;
    } else {
      const ms = epochToMs(at, unit);
      if (ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS) return ms;
      throw epochRangeError(at, unit, row);
    }
  } else if (typeof at === "bigint") {
    const ms = epochToMs(at, unit);
    if (ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS) return ms;
    throw epochRangeError(at, unit, row);
  } else if (at instanceof Date) {
    const ms = at.getTime();
    if (ms === ms) return ms;
  }
  return toEpochMs(at, { field: "at", row, timeZone });
}
