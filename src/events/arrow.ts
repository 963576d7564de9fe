/**
 * Apache Arrow tables and record batches -> {@link EventTable}, by structural
 * typing (this library does not import apache-arrow): the columns' buffers are
 * read in place. A table of one batch whose id, instant and amount columns are
 * Int32 (or any integer of up to 32 bits) or Float64 numbers without nulls is
 * handed to the typed-columns path as it is (zero-copy); other tables are read
 * column by column, batch by batch ({@link ColumnSink}): Timestamp columns in
 * any unit and Date32/Date64 without a BigInt or a Date per value,
 * Dictionary columns through their dictionary (each entry read once), Utf8
 * and Int64 (bigint) ids, Decimal amounts exactly.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { type ColumnChunk, ColumnSink, type SinkSettings } from "./columnSink.ts";
import { type EpochUnit, int64Words } from "./epoch.ts";
import { missingFieldHint } from "./fieldNames.ts";
import type { EventTable } from "./table.ts";
import type { EventColumns } from "./types.ts";

/**
 * The part of an Arrow `DataType` this library reads (`typeId` and the type's parameters).
 *
 * @category Events
 */
export interface ArrowDataTypeLike {
  /** Arrow's type id: Int 2, Float 3, Utf8 5, Decimal 7, Date 8, Timestamp 10, LargeUtf8 20, Dictionary -1. */
  readonly typeId: number;
  /** Int, Decimal: bits per value. */
  readonly bitWidth?: number;
  /** Int: signed or not. */
  readonly isSigned?: boolean;
  /** Float: 0 half, 1 single, 2 double. */
  readonly precision?: number;
  /** Timestamp: 0 s, 1 ms, 2 us, 3 ns; Date: 0 day, 1 ms. */
  readonly unit?: number;
  /** Decimal: digits after the point. */
  readonly scale?: number;
}

/**
 * The part of an Arrow `Data` (one chunk of one column) this library reads.
 *
 * @category Events
 */
export interface ArrowDataLike {
  /** The chunk's type. */
  readonly type: ArrowDataTypeLike;
  /** Values in the chunk. */
  readonly length: number;
  /** Position of the chunk's first value in its validity bitmap. */
  readonly offset: number;
  /** Null values in the chunk. */
  readonly nullCount: number;
  /** The values (a typed array; bytes for Utf8; dictionary indices for a Dictionary). */
  readonly values?: unknown;
  /** Utf8: where each value's bytes start. */
  readonly valueOffsets?: unknown;
  /** Bit `offset + i` set: value i is not null. */
  readonly nullBitmap?: unknown;
  /** A record batch's columns. */
  readonly children?: readonly ArrowDataLike[];
  /** A dictionary column's dictionary. */
  readonly dictionary?: {
    /** The dictionary's chunks. */
    readonly data: readonly ArrowDataLike[];
  } | undefined;
}

/**
 * An Arrow `Table` or `RecordBatch` (apache-arrow's, or any with the same shape).
 *
 * @category Events
 */
export interface ArrowTableLike {
  /** Rows in all. */
  readonly numRows: number;
  /** The column names, in order. */
  readonly schema: {
    /** The columns, in order. */
    readonly fields: ReadonlyArray<{
      /** The column's name. */
      readonly name: string;
    }>;
  };
  /** A table's record batches (their data), or a record batch's data. */
  readonly data: ArrowDataLike | readonly ArrowDataLike[];
}

/** Whether `x` looks like an Arrow table or record batch. */
export function isArrowTable(x: object): x is ArrowTableLike {
  const t = x as Partial<ArrowTableLike>;
  return typeof t.numRows === "number" && Array.isArray(t.schema?.fields) && typeof t.data === "object" && t.data !== null;
}

/** Arrow type ids (apache-arrow's `Type` enum). */
const INT = 2;
const FLOAT = 3;
const UTF8 = 5;
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;
const LARGE_UTF8 = 20;
const DICTIONARY = -1;
const UNITS: readonly EpochUnit[] = ["s", "ms", "us", "ns"];

/** The resolved fields of a columnar source: a column index each (amount -1: none). */
export interface FieldColumns {
  customerId: number;
  at: number;
  amount: number;
  /** The event name column, -1: none. */
  event: number;
}

/**
 * The column of each field among `names`; a missing column is an error
 * listing the columns there are and the `fields` mapping to pass.
 */
export function fieldColumns(names: readonly string[], fields: Record<string, unknown> | undefined, holder: string): FieldColumns {
  const column = (field: "customerId" | "at" | "amount" | "event", required: boolean): number => {
    const name = fields?.[field] ?? field;
    if (typeof name !== "string" || name === "") {
      throw new InvalidInputError({ field: `fields.${field}`, value: name, expected: `a column name (${holder} has columns, not rows for an accessor to read)` });
    }
    const index = names.indexOf(name);
    if (index < 0 && required) {
      const expected = field === "event" ? `a column of event names named ${JSON.stringify(name)} (${holder} has columns ${names.map((n) => JSON.stringify(n)).join(", ")})` : missingFieldHint(field, name, names, "columns", holder);
      throw new InvalidInputError({ field: `fields.${field}`, value: name, expected });
    }
    return index;
  };
  return { customerId: column("customerId", true), at: column("at", true), amount: column("amount", fields?.amount !== undefined), event: column("event", fields?.event !== undefined) };
}

/** The events of an Arrow table or record batch. */
export function arrowEventTable(table: ArrowTableLike, s: SinkSettings, fields: Record<string, unknown> | undefined, fromColumns: (columns: EventColumns) => EventTable): EventTable {
  const names = table.schema.fields.map((f) => f.name);
  const cols = fieldColumns(names, fields, "the Arrow table");
  const batches = (Array.isArray(table.data) ? table.data : [table.data]) as readonly ArrowDataLike[];
  // Empty chunks (which may come without buffers) are left out.
  const column = (index: number): ArrowDataLike[] => batches.map((b) => b.children?.[index]).filter((d): d is ArrowDataLike => d !== undefined && d.length > 0);
  const ids = column(cols.customerId);
  const at = column(cols.at);
  const amount = cols.amount < 0 ? null : column(cols.amount);
  const event = cols.event < 0 ? null : column(cols.event);
  const direct = event === null ? zeroCopy(ids, at, amount) : null;
  if (direct !== null) return fromColumns(direct);
  const n = ids.reduce((sum, d) => sum + d.length, 0);
  const idChunks = ids.map((d) => chunkOf(d, "customerId"));
  const kind = idChunks[0]?.kind ?? "number";
  const sink = new ColumnSink(s, n, kind === "number" || kind === "int64" ? kind : "other", amount !== null, event !== null);
  sink.reserve(n);
  for (const [field, chunks] of [["customerId", idChunks], ["at", at], ["amount", amount], ["event", event]] as const) {
    if (chunks === null) continue;
    let base = 0;
    for (const c of chunks) {
      const chunk = "kind" in c ? c : chunkOf(c, field);
      if (field === "customerId") sink.ids(chunk, base);
      else if (field === "at") sink.times(chunk, base);
      else if (field === "amount") sink.amounts(chunk, base);
      else sink.names(chunk, base);
      base += chunk.length;
    }
    if (base !== n) throw new InvalidInputError({ field: `columns.${field}`, value: `${base} values`, expected: `as many values as the customer id column (${n})` });
  }
  return sink.finish();
}

/** Whether values are numbers read as they are: integers of up to 32 bits, and 64-bit floats. */
function isPlainNumber(type: ArrowDataTypeLike): boolean {
  return (type.typeId === INT && (type.bitWidth ?? 64) <= 32) || (type.typeId === FLOAT && type.precision === 2);
}

/**
 * The typed arrays of a table of one batch whose three columns are plain
 * numbers (ids), 64-bit floats (instants, amounts) without nulls, as the
 * typed-columns path takes them; else null.
 */
function zeroCopy(ids: ArrowDataLike[], at: ArrowDataLike[], amount: ArrowDataLike[] | null): EventColumns | null {
  const plain = (c: ArrowDataLike[] | null, float: boolean): boolean =>
    c !== null && c.length === 1 && c[0]!.nullCount === 0 && (float ? c[0]!.type.typeId === FLOAT && c[0]!.type.precision === 2 : isPlainNumber(c[0]!.type)) && ArrayBuffer.isView(c[0]!.values);
  if (!plain(ids, false) || !plain(at, true) || (amount !== null && !plain(amount, true))) return null;
  // Builders leave spare capacity at the end of the buffers: views of the rows only.
  const view = <T extends Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array>(d: ArrowDataLike): T => {
    const v = d.values as T;
    return (v.length === d.length ? v : v.subarray(0, d.length)) as T;
  };
  const columns: EventColumns = { customerId: view<Int32Array>(ids[0]!), at: view<Float64Array>(at[0]!) };
  if (amount !== null) columns.amount = view<Float64Array>(amount[0]!);
  return columns;
}

const decoder = new TextDecoder();

/** One Arrow chunk as a {@link ColumnChunk}. */
function chunkOf(d: ArrowDataLike, field: string): ColumnChunk {
  const bits = d.nullCount > 0 && d.nullBitmap instanceof Uint8Array && d.nullBitmap.length > 0 ? d.nullBitmap : null;
  const base = { length: d.length, bits, bitOffset: d.offset };
  const type = d.type;
  const values = d.values;
  switch (type.typeId) {
    case INT:
    case FLOAT:
      if ((type.typeId === INT && (type.bitWidth ?? 0) <= 32) || (type.typeId === FLOAT && type.precision !== 0)) return { ...base, kind: "number", values: values as ArrayLike<number> };
      if (type.typeId === INT && type.bitWidth === 64) return int64Chunk(base, values, type.isSigned === false, undefined);
      break;
    case TIMESTAMP:
      return int64Chunk(base, values, false, UNITS[type.unit ?? 1]);
    case DATE:
      return type.unit === 0 ? { ...base, kind: "days", values: values as Int32Array } : int64Chunk(base, values, false, "ms");
    case UTF8:
    case LARGE_UTF8: {
      const offsets = d.valueOffsets as ArrayLike<number | bigint>;
      const bytes = values as Uint8Array;
      return {
        ...base,
        kind: "string",
        at: (i) => decoder.decode(bytes.subarray(Number(offsets[i]!), Number(offsets[i + 1]!))),
      };
    }
    case DECIMAL: {
      const words = values as Uint32Array;
      const stride = (type.bitWidth ?? 128) / 32;
      return { ...base, kind: "decimal", scale: type.scale ?? 0, scaledAt: (i) => decimalAt(words, i, stride) };
    }
    case DICTIONARY: {
      // (An empty column may come without a dictionary.)
      const dictionary = d.dictionary ?? { data: [] };
      return { ...base, kind: "dictionary", indices: indexValues(values), entries: dictionary.data.map((e) => chunkOf(e, field)), key: dictionary };
    }
  }
  throw new InvalidInputError({ field, value: String(type), expected: "an Arrow column of integers, floats, Utf8, Decimal, Date, Timestamp or a Dictionary of these (cast other types first)" });
}

/** A 64-bit integer chunk (BigInt64Array values, or Int32 pairs as older Arrow versions held them). */
function int64Chunk(base: { length: number; bits: Uint8Array | null; bitOffset: number }, values: unknown, unsigned: boolean, unit: EpochUnit | undefined): ColumnChunk {
  let big: BigInt64Array | BigUint64Array;
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) big = values;
  else if (ArrayBuffer.isView(values)) big = new (unsigned ? BigUint64Array : BigInt64Array)(values.buffer as ArrayBuffer, values.byteOffset, base.length);
  else throw new InvalidInputError({ field: "column", value: values, expected: "64-bit integer values" });
  return { ...base, kind: "int64", values: big, words: int64Words(big), unsigned, unit };
}

/** Dictionary indices as numbers (64-bit indices are converted once). */
function indexValues(values: unknown): ArrayLike<number> {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return Float64Array.from(values, Number);
  return values as ArrayLike<number>;
}

/** The scaled integer of decimal i: a number when exact, else a bigint. */
function decimalAt(words: Uint32Array, i: number, stride: number): number | bigint {
  const at = i * stride;
  const lo = words[at]!;
  if (stride === 1) return lo | 0;
  const hi = words[at + 1]!;
  let sign = true;
  const fill = (hi | 0) < 0 ? 0xffffffff : 0;
  for (let k = 2; k < stride; k++) if (words[at + k] !== fill) sign = false;
  const h = hi | 0;
  if (sign && h >= -2097152 && h < 2097152) return h * 4294967296 + lo;
  let v = 0n;
  for (let k = stride - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[at + k]!);
  return BigInt.asIntN(stride * 32, v);
}
