/**
 * DuckDB results (`@duckdb/node-api`'s `DuckDBResult`, `DuckDBMaterializedResult`
 * or `DuckDBResultReader`) -> {@link EventTable}, by structural typing (this
 * library does not import @duckdb/node-api). The result is read chunk by
 * chunk, each vector in one tight loop ({@link ColumnSink}), with no object
 * per row: numeric, BIGINT, TIMESTAMP (every precision, with or without time
 * zone) and DATE vectors are read from their typed arrays in place, where the
 * vector exposes them, and through `getItem` otherwise; TIMESTAMPs keep their
 * microseconds (as fractions of a millisecond), BIGINT ids are bigint ids,
 * DECIMAL amounts are read as scaled integers, exactly.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { fieldColumns } from "./arrow.ts";
import { type ColumnChunk, ColumnSink, type SinkSettings } from "./columnSink.ts";
import { type EpochUnit, int64Words, LITTLE_ENDIAN } from "./epoch.ts";
import type { EventTable } from "./table.ts";

/**
 * A column's type in a DuckDB result (`DuckDBType`): its type id and, for DECIMAL, its scale.
 *
 * @category Events
 */
export interface DuckDBColumnTypeLike {
  /** DuckDB's type id (`DuckDBTypeId`). */
  readonly typeId: number;
  /** DECIMAL: digits after the point. */
  readonly scale?: number;
}

/**
 * One column of a DuckDB data chunk (`DuckDBVector`).
 *
 * @category Events
 */
export interface DuckDBVectorLike {
  /** Values in the vector. */
  readonly itemCount: number;
  /** Value i (null for NULL). */
  getItem(itemIndex: number): unknown;
  /** DECIMAL vectors: the value as a scaled integer. */
  getScaledValue?(itemIndex: number): bigint | null;
}

/**
 * A DuckDB data chunk (`DuckDBDataChunk`).
 *
 * @category Events
 */
export interface DuckDBDataChunkLike {
  /** Rows in the chunk. */
  readonly rowCount: number;
  /** One column of the chunk. */
  getColumnVector(columnIndex: number): DuckDBVectorLike;
}

/**
 * What a DuckDB result and a result reader share: column names and types.
 *
 * @category Events
 */
export interface DuckDBColumnsLike {
  /** Columns in the result. */
  readonly columnCount: number;
  /** A column's name. */
  columnName(columnIndex: number): string;
  /** A column's type. */
  columnType(columnIndex: number): DuckDBColumnTypeLike;
}

/**
 * A DuckDB result (`DuckDBResult`, streaming or not, or `DuckDBMaterializedResult`), read chunk by chunk.
 *
 * @category Events
 */
export interface DuckDBResultLike extends DuckDBColumnsLike {
  /** The next chunk (null or an empty chunk at the end). */
  fetchChunk(): Promise<DuckDBDataChunkLike | null>;
  /** A materialized result's chunks, read by index (so the result can be read again). */
  readonly chunkCount?: number;
  /** A materialized result's chunk by index. */
  getChunk?(chunkIndex: number): DuckDBDataChunkLike;
}

/**
 * A DuckDB result reader (`DuckDBResultReader`, from `connection.runAndReadAll` and friends); the
 * rows it has not read yet are read first.
 *
 * @category Events
 */
export interface DuckDBResultReaderLike extends DuckDBColumnsLike {
  /** Whether every row has been read. */
  readonly done: boolean;
  /** Rows read so far. */
  readonly currentRowCount: number;
  /** Reads the remaining rows. */
  readAll(): Promise<void>;
  /** One value of the rows read. */
  value(columnIndex: number, rowIndex: number): unknown;
}

/** Whether `x` looks like a DuckDB result or result reader. */
export function isDuckDBResult(x: object): x is DuckDBResultLike | DuckDBResultReaderLike {
  const r = x as Partial<DuckDBResultLike & DuckDBResultReaderLike>;
  return typeof r.columnType === "function" && typeof r.columnName === "function" && typeof r.columnCount === "number" && (typeof r.fetchChunk === "function" || (typeof r.readAll === "function" && typeof r.value === "function"));
}

/** DuckDB type ids (`DuckDBTypeId`). */
const T = {
  TINYINT: 2, SMALLINT: 3, INTEGER: 4, BIGINT: 5, UTINYINT: 6, USMALLINT: 7, UINTEGER: 8, UBIGINT: 9, FLOAT: 10, DOUBLE: 11,
  TIMESTAMP: 12, DATE: 13, HUGEINT: 16, VARCHAR: 17, DECIMAL: 19, TIMESTAMP_S: 20, TIMESTAMP_MS: 21, TIMESTAMP_NS: 22, ENUM: 23,
  UUID: 27, TIMESTAMP_TZ: 31, UHUGEINT: 32,
} as const;
const NUMBER_TYPES: ReadonlySet<number> = new Set([T.TINYINT, T.SMALLINT, T.INTEGER, T.UTINYINT, T.USMALLINT, T.UINTEGER, T.FLOAT, T.DOUBLE]);
/** Timestamp types: their unit, and the field of their value objects (`getItem`). */
const TIMESTAMPS: ReadonlyMap<number, [EpochUnit, string]> = new Map([
  [T.TIMESTAMP, ["us", "micros"]],
  [T.TIMESTAMP_TZ, ["us", "micros"]],
  [T.TIMESTAMP_S, ["s", "seconds"]],
  [T.TIMESTAMP_MS, ["ms", "millis"]],
  [T.TIMESTAMP_NS, ["ns", "nanos"]],
] as Array<[number, [EpochUnit, string]]>);

/** The events of a DuckDB result or result reader. */
export async function duckdbEventTable(result: DuckDBResultLike | DuckDBResultReaderLike, s: SinkSettings, fields: Record<string, unknown> | undefined): Promise<EventTable> {
  const names = Array.from({ length: result.columnCount }, (_, i) => result.columnName(i));
  const cols = fieldColumns(names, fields, "the DuckDB result");
  const types = [cols.customerId, cols.at, cols.amount].map((c) => (c < 0 ? null : result.columnType(c)));
  const idType = types[0]!.typeId;
  const nameType = cols.event < 0 ? null : result.columnType(cols.event);
  const sink = new ColumnSink(s, 0, NUMBER_TYPES.has(idType) ? "number" : idType === T.BIGINT || idType === T.UBIGINT ? "int64" : "other", cols.amount >= 0, nameType !== null);
  const read = (chunk: DuckDBDataChunkLike): void => {
    const rows = chunk.rowCount;
    if (!(rows > 0)) return;
    const base = sink.reserve(rows);
    sink.ids(chunkOf(chunk.getColumnVector(cols.customerId), types[0]!, rows, "customerId"), base);
    sink.times(chunkOf(chunk.getColumnVector(cols.at), types[1]!, rows, "at"), base);
    if (cols.amount >= 0) sink.amounts(chunkOf(chunk.getColumnVector(cols.amount), types[2]!, rows, "amount"), base);
    if (nameType !== null) sink.names(chunkOf(chunk.getColumnVector(cols.event), nameType, rows, "event"), base);
    // Later chunks hold later rows: the first bad row is known once a chunk is read.
    sink.checkpoint();
  };
  if ("fetchChunk" in result && typeof result.fetchChunk === "function") {
    const r = result as DuckDBResultLike;
    if (typeof r.getChunk === "function" && typeof r.chunkCount === "number") {
      for (let i = 0; i < r.chunkCount; i++) read(r.getChunk(i));
    } else {
      for (let chunk = await r.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await r.fetchChunk()) read(chunk);
    }
  } else {
    const reader = result as DuckDBResultReaderLike;
    if (!reader.done) await reader.readAll();
    for (const chunk of readerChunks(reader)) read(chunk);
  }
  return sink.finish();
}

/**
 * The chunks a reader has read: its own list where it keeps one (it does,
 * though not as public API), else one chunk whose vectors read `value(column, row)`.
 */
function readerChunks(reader: DuckDBResultReaderLike): readonly DuckDBDataChunkLike[] {
  const own = (reader as { chunks?: unknown }).chunks;
  if (Array.isArray(own) && own.every((c) => typeof (c as Partial<DuckDBDataChunkLike>)?.getColumnVector === "function")) {
    const total = own.reduce((sum: number, c: DuckDBDataChunkLike) => sum + c.rowCount, 0);
    if (total === reader.currentRowCount) return own as DuckDBDataChunkLike[];
  }
  const rows = reader.currentRowCount;
  return [
    {
      rowCount: rows,
      getColumnVector: (column) => ({
        itemCount: rows,
        getItem: (row) => reader.value(column, row),
        getScaledValue: (row) => (reader.value(column, row) as { value?: bigint } | null)?.value ?? null,
      }),
    },
  ];
}

/** A vector's typed values and validity, where the vector exposes them (DuckDB's vectors keep them as `items` and `validity`). */
function internals(v: DuckDBVectorLike, rows: number): { items: ArrayLike<unknown> & ArrayBufferView; bits: Uint8Array | null; bitOffset: number } | null {
  const x = v as { items?: unknown; validity?: { data?: unknown; offset?: unknown } };
  const items = x.items;
  const validity = x.validity;
  if (!ArrayBuffer.isView(items) || (items as unknown as ArrayLike<unknown>).length !== rows || validity === null || typeof validity !== "object") return null;
  const offset = typeof validity.offset === "number" ? validity.offset : 0;
  if (validity.data === null) return { items: items as ArrayLike<unknown> & ArrayBufferView, bits: null, bitOffset: 0 };
  if (validity.data instanceof BigUint64Array && LITTLE_ENDIAN) {
    return { items: items as ArrayLike<unknown> & ArrayBufferView, bits: new Uint8Array(validity.data.buffer, validity.data.byteOffset, validity.data.byteLength), bitOffset: offset };
  }
  return null;
}

/** Validity bits from `getItem` (the public way, for vectors that do not expose theirs). */
function bitsFrom(v: DuckDBVectorLike, rows: number, fill: (i: number, item: unknown) => void): Uint8Array {
  const bits = new Uint8Array((rows + 7) >> 3);
  for (let i = 0; i < rows; i++) {
    const item = v.getItem(i);
    if (item === null || item === undefined) continue;
    bits[i >> 3]! |= 1 << (i & 7);
    fill(i, item);
  }
  return bits;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** One vector of a chunk as a {@link ColumnChunk}. */
function chunkOf(v: DuckDBVectorLike, type: DuckDBColumnTypeLike, rows: number, field: string): ColumnChunk {
  const id = type.typeId;
  const own = internals(v, rows);
  if (NUMBER_TYPES.has(id)) {
    if (own !== null) return { kind: "number", length: rows, values: own.items as ArrayLike<number>, bits: own.bits, bitOffset: own.bitOffset };
    const values = new Float64Array(rows);
    const bits = bitsFrom(v, rows, (i, item) => (values[i] = item as number));
    return { kind: "number", length: rows, values, bits, bitOffset: 0 };
  }
  const stamp = TIMESTAMPS.get(id);
  if (id === T.BIGINT || id === T.UBIGINT || stamp !== undefined) {
    const unsigned = id === T.UBIGINT;
    const unit = stamp?.[0];
    if (own !== null && (own.items instanceof BigInt64Array || own.items instanceof BigUint64Array)) {
      return { kind: "int64", length: rows, values: own.items, words: int64Words(own.items), unsigned, unit, bits: own.bits, bitOffset: own.bitOffset };
    }
    const values = unsigned ? new BigUint64Array(rows) : new BigInt64Array(rows);
    const key = stamp?.[1];
    const bits = bitsFrom(v, rows, (i, item) => (values[i] = key === undefined ? (item as bigint) : (item as Record<string, bigint>)[key]!));
    return { kind: "int64", length: rows, values, words: int64Words(values), unsigned, unit, bits, bitOffset: 0 };
  }
  if (id === T.DATE) {
    if (own !== null && own.items instanceof Int32Array) return { kind: "days", length: rows, values: own.items, bits: own.bits, bitOffset: own.bitOffset };
    const values = new Int32Array(rows);
    const bits = bitsFrom(v, rows, (i, item) => (values[i] = (item as { days: number }).days));
    return { kind: "days", length: rows, values, bits, bitOffset: 0 };
  }
  if (id === T.DECIMAL) {
    const scaled = typeof v.getScaledValue === "function" ? (i: number) => v.getScaledValue!(i) : (i: number) => (v.getItem(i) as { value: bigint } | null)?.value ?? null;
    return {
      kind: "decimal",
      length: rows,
      scale: type.scale ?? 0,
      bits: null,
      bitOffset: 0,
      scaledAt: (i) => {
        const b = scaled(i);
        return b === null ? null : b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : b;
      },
    };
  }
  if (id === T.VARCHAR || id === T.ENUM) return { kind: "string", length: rows, bits: null, bitOffset: 0, at: (i) => v.getItem(i) as string | null };
  if (id === T.HUGEINT || id === T.UHUGEINT) return { kind: "values", length: rows, bits: null, bitOffset: 0, at: (i) => v.getItem(i) };
  if (id === T.UUID) {
    return { kind: "values", length: rows, bits: null, bitOffset: 0, at: (i) => { const x = v.getItem(i); return x === null ? null : String(x); } };
  }
  throw new InvalidInputError({
    field,
    value: String(type),
    expected: "a column of integers, DOUBLE, DECIMAL, VARCHAR, DATE or TIMESTAMP (cast others in SQL, e.g. ::VARCHAR or ::TIMESTAMPTZ)",
  });
}
