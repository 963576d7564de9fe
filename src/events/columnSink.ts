/**
 * The columnar sources of `eventTable` (Arrow tables, DuckDB results) read
 * column by column, chunk by chunk, into the arrays of a table: customer ids
 * (numbers, or codes into a dictionary with one entry per distinct id), epoch
 * ms, minor units. Each source turns its chunks into {@link ColumnChunk}s
 * (typed arrays read in place wherever the source allows), and the readers
 * here check every value as the row path does, following `onInvalid`: with
 * `"throw"`, the first bad row of the input (in row order, then field order)
 * throws, with the row path's message; with `"skip"`, bad rows are counted
 * and left out.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { eventTableFromEncoded } from "./encodedTable.ts";
import { epochRangeError, epochToMs, type EpochUnit, inDateRange, instantToMs, int64WordsToMs } from "./epoch.ts";
import { eventNameError, isEventName, NameCoder } from "./eventNames.ts";
import { checkId, keptRows, minorUnits, type RowSettings } from "./rowReading.ts";
import { orderEvents } from "./sort.ts";
import { EventTable } from "./table.ts";
import type { CustomerId, SkippedRow, SkippedRows } from "./types.ts";

/** One chunk of one column, in a form the readers below take. */
export type ColumnChunk = NumberChunk | Int64Chunk | DaysChunk | StringChunk | DecimalChunk | ValuesChunk | DictionaryChunk;

interface ChunkBase {
  readonly length: number;
  /** Validity bits (bit `bitOffset + i` set: value i is present), or null: every value is present (or `at` says null). */
  readonly bits: Uint8Array | null;
  readonly bitOffset: number;
}

/** Numbers: integers of up to 32 bits or floats. */
export interface NumberChunk extends ChunkBase {
  readonly kind: "number";
  readonly values: ArrayLike<number>;
}

/** 64-bit integers; `unit` for timestamps (whose unit is their own), none for plain integers. */
export interface Int64Chunk extends ChunkBase {
  readonly kind: "int64";
  readonly values: BigInt64Array | BigUint64Array;
  /** The values' 32-bit words (lo, hi), read without a BigInt per value; null on big-endian platforms. */
  readonly words: Int32Array | null;
  readonly unsigned: boolean;
  readonly unit?: EpochUnit | undefined;
}

/** Days since 1970-01-01 (dates). */
export interface DaysChunk extends ChunkBase {
  readonly kind: "days";
  readonly values: ArrayLike<number>;
}

/** Text; `at(i)` is null for a null value. */
export interface StringChunk extends ChunkBase {
  readonly kind: "string";
  at(i: number): string | null;
}

/** Decimals: scaled integers (value = scaled / 10^scale); `scaledAt(i)` is null for a null value. */
export interface DecimalChunk extends ChunkBase {
  readonly kind: "decimal";
  readonly scale: number;
  scaledAt(i: number): number | bigint | null;
}

/** Any JS values (a bigint, a number, a string), read like a row's values; null for a null value. */
export interface ValuesChunk extends ChunkBase {
  readonly kind: "values";
  at(i: number): unknown;
}

/** Dictionary-encoded values: an index per row into `entries` (the dictionary, in one or more chunks). */
export interface DictionaryChunk extends ChunkBase {
  readonly kind: "dictionary";
  readonly indices: ArrayLike<number>;
  readonly entries: readonly ColumnChunk[];
  /** The dictionary's identity: chunks sharing a dictionary have the same key, and its entries are read once. */
  readonly key: object;
}

/** Whether value i of a chunk is present (bits only: `at` may still say null). */
function present(c: ChunkBase, i: number): boolean {
  const bits = c.bits;
  if (bits === null) return true;
  const b = c.bitOffset + i;
  return (bits[b >> 3]! & (1 << (b & 7))) !== 0;
}

/** The value as the source holds it, for messages: a number, a bigint, a string, a decimal string, or null. */
export function valueOf(c: ColumnChunk, i: number): unknown {
  if (!present(c, i)) return null;
  switch (c.kind) {
    case "number":
    case "days":
      return c.values[i];
    case "int64":
      return c.values[i];
    case "string":
    case "values":
      return c.at(i);
    case "decimal": {
      const v = c.scaledAt(i);
      return v === null ? null : decimalString(v, c.scale);
    }
    case "dictionary": {
      const [chunk, j] = entry(c.entries, c.indices[i]!);
      return chunk === undefined ? undefined : valueOf(chunk, j);
    }
  }
}

/** The chunk and position of dictionary entry k. */
function entry(entries: readonly ColumnChunk[], k: number): [ColumnChunk | undefined, number] {
  for (const chunk of entries) {
    if (k < chunk.length) return [chunk, k];
    k -= chunk.length;
  }
  return [undefined, k];
}

/** `scaled / 10^scale` written out: `decimalString(-1234n, 2)` is `"-12.34"`. */
export function decimalString(scaled: number | bigint, scale: number): string {
  const negative = scaled < 0;
  const digits = (negative ? -BigInt(scaled) : BigInt(scaled)).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

const TWO_32 = 4294967296;

/** A 64-bit integer as a number when it is exactly one (|v| <= 2^53), else as the bigint. */
function int64Key(c: Int64Chunk, i: number): number | bigint {
  const w = c.words;
  if (w !== null) {
    const hi = c.unsigned ? w[2 * i + 1]! >>> 0 : w[2 * i + 1]!;
    if (hi >= -2097152 && hi < 2097152) return hi * TWO_32 + (w[2 * i]! >>> 0);
  }
  return c.values[i]!;
}

/** Customer id -> code, numbered in order of first use. */
class IdDictionary {
  readonly ids: CustomerId[] = [];
  private readonly map = new Map<unknown, number>();
  private readonly int64Map = new Map<number | bigint, number>();

  code(id: CustomerId): number {
    let c = this.map.get(id);
    if (c === undefined) {
      c = this.ids.length;
      this.map.set(id, c);
      this.ids.push(id);
    }
    return c;
  }

  /** The code of a bigint id given as {@link int64Key} (a number standing for the bigint, when exact). */
  codeOfInt64(key: number | bigint): number {
    let c = this.int64Map.get(key);
    if (c === undefined) {
      const id = typeof key === "number" ? BigInt(key) : key;
      c = this.map.get(id);
      if (c === undefined) {
        c = this.ids.length;
        this.map.set(id, c);
        this.ids.push(id);
      }
      this.int64Map.set(key, c);
    }
    return c;
  }
}

/**
 * Minor units written for a null amount: -0, which no amount converts to (they
 * are + 0'd), and which the sort turns into 0. It tells, once bad rows are
 * left out, whether a row kept had an amount.
 */
const NO_AMOUNT = -0;

/** Field numbers, in the order a row is checked (a bad row counts under its first bad field). */
export const ID = 0;
export const AT = 1;
export const AMOUNT = 2;
export const EVENT = 3;
const FIELDS: readonly SkippedRow["field"][] = ["customerId", "at", "amount", "event"];
const MAX_EXAMPLES = 5;

/** Settings of a columnar read: the row settings, the unit of epoch numbers. */
export interface SinkSettings extends RowSettings {
  readonly epochUnit: EpochUnit;
}

/**
 * The table's arrays being filled, row `base + i` of each chunk at a time,
 * and the bad rows found.
 */
export class ColumnSink {
  private size = 0;
  private time: Float64Array;
  private units: Float64Array | null;
  /** Numeric ids (null when ids are coded). */
  private numbers: Float64Array | null;
  private codes: Int32Array | null;
  private readonly dictionary = new IdDictionary();
  private anyAmount = false;
  /** Whether `numbers` stand for bigint ids. */
  private readonly bigintIds: boolean;
  /** Per row, 1 + its first bad field; null while no row is bad. */
  private bad: Uint8Array | null = null;
  /** Per field, the first few bad rows and their errors (only the first one with onInvalid "throw"). */
  private readonly errors: Array<Array<{ row: number; error: InvalidInputError }>> = [[], [], [], []];
  /** Event name codes (null for a source without names). */
  private eventCodes: Int32Array | null;
  private readonly nameCoder = new NameCoder();
  /** Per dictionary and field, the entries read once. */
  private readonly entryCache = new WeakMap<object, Float64Array[]>();

  /**
   * @param capacity - rows expected (grown as needed)
   * @param idKind - `"number"`: ids are numbers; `"int64"`: bigints, carried as the numbers they
   *   equal while every one is within 2^53 (then coded through the dictionary); `"other"`: coded
   *   through the dictionary
   * @param hasAmounts - whether the source has an amount column
   * @param hasNames - whether the source has an event name column
   */
  constructor(
    private readonly s: SinkSettings,
    capacity: number,
    idKind: "number" | "int64" | "other",
    hasAmounts: boolean,
    hasNames = false,
  ) {
    this.eventCodes = hasNames ? new Int32Array(capacity) : null;
    this.time = new Float64Array(capacity);
    this.units = hasAmounts ? new Float64Array(capacity) : null;
    this.numbers = idKind === "other" ? null : new Float64Array(capacity);
    this.codes = idKind === "other" ? new Int32Array(capacity) : null;
    this.bigintIds = idKind === "int64";
  }

  /** Makes room for `count` more rows; returns the first one's row number. */
  reserve(count: number): number {
    const base = this.size;
    const need = base + count;
    if (need > this.time.length) {
      const capacity = Math.max(need, 2 * this.time.length, 1024);
      this.time = grown(this.time, new Float64Array(capacity));
      if (this.units !== null) this.units = grown(this.units, new Float64Array(capacity));
      if (this.numbers !== null) this.numbers = grown(this.numbers, new Float64Array(capacity));
      if (this.codes !== null) this.codes = grown(this.codes, new Int32Array(capacity));
      if (this.eventCodes !== null) this.eventCodes = grown(this.eventCodes, new Int32Array(capacity));
      if (this.bad !== null) this.bad = grown(this.bad, new Uint8Array(capacity));
    }
    this.size = need;
    return base;
  }

  /**
   * Records a bad value of row `row` in `field`; `error` makes its error (only
   * when needed: the first one of a field with onInvalid "throw", the first
   * few with "skip"), or is it.
   */
  fail(field: number, row: number, error: unknown): void {
    const list = this.errors[field]!;
    const throwing = this.s.onInvalid === "throw";
    if (list.length < (throwing ? 1 : MAX_EXAMPLES)) {
      const e = typeof error === "function" ? (error as () => unknown)() : error;
      if (!(e instanceof InvalidInputError)) throw e;
      list.push({ row, error: e });
    } else if (error instanceof Error && !(error instanceof InvalidInputError)) {
      throw error;
    }
    if (throwing) return;
    if (this.bad === null || this.bad.length < this.time.length) {
      const bad = new Uint8Array(this.time.length);
      if (this.bad !== null) bad.set(this.bad);
      this.bad = bad;
    }
    if (this.bad[row] === 0 || this.bad[row]! > field + 1) this.bad[row] = field + 1;
  }

  /** With onInvalid "throw", throws the first bad row's error (call once every column of a stretch of rows is read). */
  checkpoint(): void {
    if (this.s.onInvalid !== "throw") return;
    let first: InvalidInputError | undefined;
    let row = Infinity;
    for (const list of this.errors) {
      if (list.length > 0 && list[0]!.row < row) {
        row = list[0]!.row;
        first = list[0]!.error;
      }
    }
    if (first !== undefined) throw first;
  }

  /** Customer ids of a chunk, rows base.. */
  ids(c: ColumnChunk, base: number): void {
    const n = c.length;
    if (c.kind === "int64" && this.numbers !== null && this.bigintIds) {
      // Carried as numbers (the sort codes a dense range through its lookup array) until one is beyond 2^53.
      const numbers = this.numbers;
      for (let i = 0; i < n; i++) {
        if (!present(c, i)) {
          this.fail(ID, base + i, () => idError(null, base + i));
          continue;
        }
        const key = int64Key(c, i);
        if (typeof key === "number") {
          numbers[base + i] = key;
          continue;
        }
        this.codeFromNow(base + i);
        this.ids(this.rest(c, i), base + i);
        return;
      }
      return;
    }
    const numbers = this.numbers;
    const codes = this.codes!;
    if (c.kind === "number") {
      const v = c.values;
      for (let i = 0; i < n; i++) {
        const id = v[i]!;
        if (!present(c, i) || !(id - id === 0)) {
          this.fail(ID, base + i, () => idError(valueOf(c, i), base + i));
          continue;
        }
        if (numbers !== null) numbers[base + i] = id;
        else codes[base + i] = this.dictionary.code(id);
      }
      return;
    }
    if (numbers !== null) throw new Error("numeric id mode for a non-numeric column"); // never: the mode follows the column type
    if (c.kind === "int64") {
      for (let i = 0; i < n; i++) {
        if (present(c, i)) codes[base + i] = this.dictionary.codeOfInt64(int64Key(c, i));
        else this.fail(ID, base + i, () => idError(null, base + i));
      }
      return;
    }
    if (c.kind === "dictionary") {
      const entryCodes = this.entries(c, ID, (chunk, j) => {
        const value = valueOf(chunk, j);
        return value === null || value === undefined || !isId(value) ? -1 : this.dictionary.code(value);
      });
      const idx = c.indices;
      for (let i = 0; i < n; i++) {
        const code = present(c, i) ? entryCodes[idx[i]!] : -1;
        if (code === undefined || code < 0) this.fail(ID, base + i, () => idError(valueOf(c, i), base + i));
        else codes[base + i] = code;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const value = valueOf(c, i);
      if (isId(value)) codes[base + i] = this.dictionary.code(value);
      else this.fail(ID, base + i, () => idError(value, base + i));
    }
  }

  /** Instants of a chunk, rows base.. */
  times(c: ColumnChunk, base: number): void {
    const time = this.time;
    const n = c.length;
    const { epochUnit: unit, timeZone } = this.s;
    switch (c.kind) {
      case "number": {
        const v = c.values;
        for (let i = 0; i < n; i++) {
          const x = v[i]!;
          const ms = unit === "ms" ? x : epochToMs(x, unit);
          if (present(c, i) && inDateRange(ms)) time[base + i] = ms;
          else this.failAt(c, i, base, unit);
        }
        return;
      }
      case "int64": {
        const u = c.unit ?? unit;
        const w = c.words;
        for (let i = 0; i < n; i++) {
          const ms = w === null ? epochToMs(c.values[i]!, u) : int64WordsToMs(w[2 * i]! >>> 0, c.unsigned ? w[2 * i + 1]! >>> 0 : w[2 * i + 1]!, u);
          if (present(c, i) && inDateRange(ms)) time[base + i] = ms;
          else this.fail(AT, base + i, () => (present(c, i) ? epochRangeError(c.values[i], u, base + i) : instantError(null, base + i, timeZone)));
        }
        return;
      }
      case "days": {
        const v = c.values;
        for (let i = 0; i < n; i++) {
          const ms = v[i]! * 86_400_000;
          if (present(c, i) && inDateRange(ms)) time[base + i] = ms;
          else this.fail(AT, base + i, () => (present(c, i) ? new InvalidInputError({ field: "at", value: v[i], row: base + i, expected: "a date within the range of Date" }) : instantError(null, base + i, timeZone)));
        }
        return;
      }
      case "dictionary": {
        const ms = this.entries(c, AT, (chunk, j) => {
          try {
            return instantToMs(valueOf(chunk, j), unit, timeZone, 0);
          } catch {
            return NaN;
          }
        });
        const idx = c.indices;
        for (let i = 0; i < n; i++) {
          const t = present(c, i) ? ms[idx[i]!]! : NaN;
          if (t === t) time[base + i] = t;
          else this.failAt(c, i, base, unit);
        }
        return;
      }
      default:
        for (let i = 0; i < n; i++) {
          try {
            time[base + i] = instantToMs(valueOf(c, i), unit, timeZone, base + i);
          } catch (e) {
            this.fail(AT, base + i, e);
          }
        }
    }
  }

  /** Amounts of a chunk, rows base..; a null amount is no amount. */
  amounts(c: ColumnChunk, base: number): void {
    const units = this.units!;
    const n = c.length;
    const s = this.s;
    let any = false;
    switch (c.kind) {
      case "number": {
        const v = c.values;
        const factor = s.factor;
        for (let i = 0; i < n; i++) {
          if (!present(c, i)) {
            units[base + i] = NO_AMOUNT;
            continue;
          }
          any = true;
          const x = v[i]!;
          const u = Math.round(x * factor);
          if (u / factor === x && u <= Number.MAX_SAFE_INTEGER && u >= -Number.MAX_SAFE_INTEGER) units[base + i] = u + 0;
          else this.amount(x, base + i);
        }
        break;
      }
      case "decimal": {
        for (let i = 0; i < n; i++) {
          const v = present(c, i) ? c.scaledAt(i) : null;
          if (v === null) {
            units[base + i] = NO_AMOUNT;
            continue;
          }
          any = true;
          try {
            units[base + i] = scaledToUnits(v, c.scale, s, base + i);
          } catch (e) {
            this.fail(AMOUNT, base + i, e);
          }
        }
        break;
      }
      case "dictionary": {
        // Per entry: units, NaN for a bad amount, Infinity for no amount.
        const entryUnits = this.entries(c, AMOUNT, (chunk, j) => {
          const value = valueOf(chunk, j);
          if (value === null || value === undefined) return Infinity;
          try {
            return chunk.kind === "decimal" ? scaledToUnits(chunk.scaledAt(j)!, chunk.scale, s, 0) : minorUnits(value, s, 0);
          } catch {
            return NaN;
          }
        });
        const idx = c.indices;
        for (let i = 0; i < n; i++) {
          const u = present(c, i) ? entryUnits[idx[i]!]! : Infinity;
          if (u === Infinity) {
            units[base + i] = NO_AMOUNT;
            continue;
          }
          any = true;
          if (u === u) units[base + i] = u;
          else this.amount(valueOf(c, i), base + i);
        }
        break;
      }
      default:
        for (let i = 0; i < n; i++) {
          const value = valueOf(c, i);
          if (value === null || value === undefined) {
            units[base + i] = NO_AMOUNT;
            continue;
          }
          any = true;
          this.amount(value, base + i);
        }
    }
    if (any) this.anyAmount = true;
  }

  /** Event names of a chunk, rows base..: text (or a dictionary of text); a null or empty name is a bad row. */
  names(c: ColumnChunk, base: number): void {
    const codes = this.eventCodes!;
    const n = c.length;
    if (c.kind === "dictionary") {
      const entryCodes = this.entries(c, EVENT, (chunk, j) => {
        const value = valueOf(chunk, j);
        return isEventName(value) ? this.nameCoder.code(value) : -1;
      });
      const idx = c.indices;
      for (let i = 0; i < n; i++) {
        const code = present(c, i) ? entryCodes[idx[i]!] : -1;
        if (code === undefined || code < 0) this.fail(EVENT, base + i, () => eventNameError(valueOf(c, i), base + i));
        else codes[base + i] = code;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const value = valueOf(c, i);
      if (isEventName(value)) codes[base + i] = this.nameCoder.code(value);
      else this.fail(EVENT, base + i, () => eventNameError(value, base + i));
    }
  }

  /** Switches bigint ids carried as numbers to codes, for rows 0..end-1. */
  private codeFromNow(end: number): void {
    const numbers = this.numbers!;
    const codes = new Int32Array(numbers.length);
    // Rows not read yet, or bad, hold 0: coding them is harmless (a code no kept row uses is dropped).
    for (let k = 0; k < end; k++) codes[k] = this.dictionary.codeOfInt64(numbers[k]!);
    this.codes = codes;
    this.numbers = null;
  }

  /** Rows from..end of an int64 chunk, as a chunk. */
  private rest(c: Int64Chunk, from: number): Int64Chunk {
    const bitOffset = c.bitOffset + from;
    return { ...c, length: c.length - from, values: c.values.subarray(from), words: c.words?.subarray(2 * from) ?? null, bitOffset };
  }

  /** The table of the rows read (bad rows left out). */
  finish(): EventTable {
    this.checkpoint();
    const n = this.size;
    const skipped = this.report();
    let time = this.time.subarray(0, n);
    let units = this.anyAmount ? this.units!.subarray(0, n) : null;
    let numbers = this.numbers?.subarray(0, n) ?? null;
    let codes = this.codes?.subarray(0, n) ?? null;
    let event = this.eventCodes?.subarray(0, n) ?? null;
    if (skipped.total > 0) {
      const keep = new Uint8Array(n);
      for (let i = 0; i < n; i++) keep[i] = this.bad![i] === 0 ? 1 : 0;
      const rows = keptRows(keep);
      time = Float64Array.from(rows, (i) => time[i]!);
      if (units !== null) {
        units = Float64Array.from(rows, (i) => units![i]!);
        // As for rows: a table has amounts when a row kept has one.
        if (units.every((u) => Object.is(u, NO_AMOUNT))) units = null;
      }
      if (numbers !== null) numbers = Float64Array.from(rows, (i) => numbers![i]!);
      if (codes !== null) codes = Int32Array.from(rows, (i) => codes![i]!);
      if (event !== null) event = Int32Array.from(rows, (i) => event![i]!);
    } else if (n < this.time.length) {
      // Arrays grown beyond the rows are trimmed, so the table keeps no spare capacity.
      time = time.slice();
      units = units?.slice() ?? null;
      numbers = numbers?.slice() ?? null;
      codes = codes?.slice() ?? null;
      event = event?.slice() ?? null;
    }
    const eventNames = this.nameCoder.names;
    if (codes !== null) return eventTableFromEncoded({ codes, dictionary: this.dictionary.ids, time, minorUnits: units, eventCodes: event, eventNames }, this.s.scale, skipped);
    const ordered = orderEvents(numbers!, time, units, 1, { ownsTime: true, event });
    const ids = this.bigintIds ? Array.from(ordered.ids as ArrayLike<number>, (id) => BigInt(id)) : ordered.ids;
    return new EventTable({ ...ordered, ids, currencyScale: this.s.scale, eventNames }, skipped);
  }

  private report(): SkippedRows {
    const skipped: SkippedRows = { total: 0, byField: this.eventCodes === null ? { customerId: 0, at: 0, amount: 0 } : { customerId: 0, at: 0, amount: 0, event: 0 }, examples: [] };
    const bad = this.bad;
    if (bad === null) return skipped;
    for (let i = 0; i < this.size; i++) {
      const f = bad[i]!;
      if (f === 0) continue;
      const field = FIELDS[f - 1]!;
      skipped.total++;
      skipped.byField[field] = (skipped.byField[field] ?? 0) + 1;
      if (skipped.examples.length < MAX_EXAMPLES) {
        const e = this.errors[f - 1]!.find((x) => x.row === i)!.error;
        skipped.examples.push({ row: i, field, value: e.value, message: e.message });
      }
    }
    return skipped;
  }

  /** Per-entry results of a dictionary, computed once per dictionary and field. */
  private entries(c: DictionaryChunk, field: number, read: (chunk: ColumnChunk, j: number) => number): Float64Array {
    let byField = this.entryCache.get(c.key);
    if (byField === undefined) {
      byField = [];
      this.entryCache.set(c.key, byField);
    }
    let out = byField[field];
    if (out === undefined) {
      const total = c.entries.reduce((sum, e) => sum + e.length, 0);
      out = new Float64Array(total);
      let k = 0;
      for (const chunk of c.entries) for (let j = 0; j < chunk.length; j++) out[k++] = read(chunk, j);
      byField[field] = out;
    }
    return out;
  }

  /** Records the error of a bad instant of a chunk, as the row path would word it. */
  private failAt(c: ColumnChunk, i: number, base: number, unit: EpochUnit): void {
    this.fail(AT, base + i, () => instantError(valueOf(c, i), base + i, this.s.timeZone, unit));
  }

  private amount(value: unknown, row: number): void {
    try {
      this.units![row] = minorUnits(value, this.s, row);
    } catch (e) {
      this.fail(AMOUNT, row, e);
    }
  }
}

function isId(value: unknown): value is CustomerId {
  return (typeof value === "string" && value !== "") || (typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint";
}

/** checkId's error. */
function idError(value: unknown, row: number): unknown {
  try {
    checkId(value, row);
  } catch (e) {
    return e;
  }
  return new InvalidInputError({ field: "customerId", value, row, expected: "a non-empty string, a finite number or a bigint" });
}

/** The row path's error for a bad instant. */
function instantError(value: unknown, row: number, timeZone: string, unit: EpochUnit = "ms"): unknown {
  try {
    instantToMs(value, unit, timeZone, row);
  } catch (e) {
    return e;
  }
  return new InvalidInputError({ field: "at", value, row, expected: "an instant" });
}

/** `to` with `from` copied into its start. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Minor units of a decimal given as a scaled integer (value = scaled / 10^scale),
 * exactly; more decimals than the currency scale (once trailing zeros are
 * dropped) or more than 2^53 minor units is an error, worded as for the
 * decimal string.
 */
export function scaledToUnits(scaled: number | bigint, scale: number, s: RowSettings, row: number): number {
  if (typeof scaled === "number" && Number.isSafeInteger(scaled)) {
    if (scale <= s.scale) {
      const u = scaled * POW10[s.scale - scale]!;
      if (Number.isSafeInteger(u)) return u + 0;
    } else {
      const d = POW10[scale - s.scale];
      if (d !== undefined && scaled % d === 0) return scaled / d + 0;
    }
  }
  return minorUnits(decimalString(scaled, scale), s, row);
}
