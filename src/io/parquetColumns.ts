/**
 * The common Parquet row group read column by column into typed arrays: a
 * text id column (coded by its bytes), an INT64 TIMESTAMP column (ms, us or
 * ns) and a DOUBLE or DECIMAL (INT32 or INT64) amount column or none, each flat (REQUIRED or OPTIONAL),
 * in data pages of version 1 encoded PLAIN or through a dictionary. Anything
 * else (other types, DATA_PAGE_V2, delta encodings, nested columns) is
 * {@link UNSUPPORTED}, and the caller reads the group through hyparquet's
 * general reader instead.
 *
 * Why this shape: hyparquet's reader assembles every value into a JS array
 * (through its list assembly, with a BigInt per INT64 value and a Uint8Array
 * per text value), and at ten million rows that assembly and the garbage it
 * leaves took ten times what DuckDB takes to read the file. Here only
 * hyparquet's page header, decompression and level decoder are used; values
 * are read from the page bytes straight into one Int32Array of codes and two
 * Float64Arrays per row group (INT64 through its two 32-bit words, no BigInt;
 * text hashed where it lies, no object). A dictionary is read once per
 * column chunk and its entries coded or converted once.
 *
 * @internal
 * @module
 */
import type { ColumnMetaData, Compressors, RowGroup } from "hyparquet";
import { int64WordsToMs, type EpochUnit } from "../events/epoch.ts";
import type { ByteIdDictionary } from "./byteIds.ts";
import { type DataReader, decompressPage, parquetHeader, readRleBitPackedHybrid } from "./hyparquetPages.js";

/** Thrown (and caught by the caller) when a column chunk is not of the shapes read here. */
export const UNSUPPORTED = new Error("parquet layout not read columnar");

/** A flat column's schema element, as hyparquet parses it. */
export interface FlatElement {
  readonly name: string;
  readonly type?: string | undefined;
  readonly repetition_type?: string | undefined;
  readonly converted_type?: string | undefined;
  readonly logical_type?: { type?: string; unit?: string } | undefined;
  /** Decimals of a DECIMAL column. */
  readonly scale?: number | undefined;
  readonly num_children?: number | undefined;
}

/** What a column holds, for the reader below; null when it is not of a shape read here. */
export type ColumnKind =
  | { kind: "text" }
  | { kind: "timestamp"; unit: EpochUnit }
  | { kind: "double" }
  /** A DECIMAL stored as an INT32 or INT64 of `10^scale` units, read as the number hyparquet gives (the integer divided by `10^scale`). */
  | { kind: "decimal"; bytes: 4 | 8; divisor: number };

/** The kind of a top-level column, or null. */
export function columnKind(e: FlatElement, wanted: "id" | "at" | "amount"): ColumnKind | null {
  if ((e.num_children ?? 0) > 0 || e.repetition_type === "REPEATED") return null;
  const logical = e.logical_type?.type;
  if (wanted === "id") {
    const text = e.converted_type === undefined || e.converted_type === "UTF8";
    return e.type === "BYTE_ARRAY" && text && (logical === undefined || logical === "STRING") ? { kind: "text" } : null;
  }
  if (wanted === "at") {
    if (e.type !== "INT64") return null;
    const unit = logical === "TIMESTAMP" ? e.logical_type?.unit : e.converted_type === "TIMESTAMP_MILLIS" ? "MILLIS" : e.converted_type === "TIMESTAMP_MICROS" ? "MICROS" : undefined;
    return unit === "MILLIS" ? { kind: "timestamp", unit: "ms" } : unit === "MICROS" ? { kind: "timestamp", unit: "us" } : unit === "NANOS" ? { kind: "timestamp", unit: "ns" } : null;
  }
  if ((e.type === "INT32" || e.type === "INT64") && (e.converted_type === "DECIMAL" || logical === "DECIMAL")) {
    // Warehouse exports (DuckDB, Spark, BigQuery) write money as DECIMAL(p <= 18, s) in INT32 or INT64.
    const scale = e.scale ?? 0;
    return Number.isInteger(scale) && scale >= 0 && scale <= 18 ? { kind: "decimal", bytes: e.type === "INT32" ? 4 : 8, divisor: 10 ** scale } : null;
  }
  return e.type === "DOUBLE" && e.converted_type === undefined && logical === undefined ? { kind: "double" } : null;
}

/** One column of a row group: per row, a value, and whether it is present. */
export interface GroupColumn {
  /** Codes (text) or numbers (epoch ms, amounts); a missing value's slot is 0. */
  readonly values: Int32Array | Float64Array;
  /** Per row 1 when present, or null when every value is. */
  readonly present: Uint8Array | null;
}

/**
 * Reads one column of a row group, into `out` when given (of the group's
 * rows: Int32Array for text, else Float64Array). `file` is the whole file;
 * `codes` codes text values. Throws {@link UNSUPPORTED} for a layout not
 * read here.
 */
export function readGroupColumn(
  file: ArrayBuffer,
  group: RowGroup,
  element: FlatElement,
  kind: ColumnKind,
  codes: ByteIdDictionary,
  compressors: Compressors,
  out?: Int32Array | Float64Array,
): GroupColumn {
  const chunk = group.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === element.name);
  const meta = chunk?.meta_data;
  if (meta === undefined || chunk?.file_path !== undefined) throw UNSUPPORTED;
  const rows = Number(group.num_rows);
  const optional = element.repetition_type !== "REQUIRED";
  // Into the caller's slots when given (the table's own columns: no copy, no fresh memory per group).
  const values = out ?? (kind.kind === "text" ? new Int32Array(rows) : new Float64Array(rows));
  if (values.length !== rows || (kind.kind === "text") !== values instanceof Int32Array) throw UNSUPPORTED;
  const present = optional ? new Uint8Array(rows) : null;
  const start = Number(chunkStart(meta));
  const length = Number(meta.total_compressed_size);
  if (!(start >= 0 && start + length <= file.byteLength)) throw UNSUPPORTED;
  const reader: DataReader = { view: new DataView(file, start, length), offset: 0 };
  let dictionary: Int32Array | Float64Array | null = null;
  let row = 0;
  const levels: { buffer: Int32Array } = { buffer: new Int32Array(0) };
  while (row < rows && reader.offset < length) {
    const header = parquetHeader(reader);
    const bytes = new Uint8Array(file, start + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === "DICTIONARY_PAGE") {
      const count = header.dictionary_page_header?.num_values ?? 0;
      const page = decompressPage(bytes, Number(header.uncompressed_page_size), meta.codec, compressors);
      dictionary = kind.kind === "text" ? new Int32Array(count) : new Float64Array(count);
      readPlain(page, 0, count, kind, dictionary, 0, null, codes);
      continue;
    }
    if (header.type !== "DATA_PAGE") throw UNSUPPORTED;
    const daph = header.data_page_header!;
    const n = daph.num_values;
    if (row + n > rows) throw UNSUPPORTED;
    const page = decompressPage(bytes, Number(header.uncompressed_page_size), meta.codec, compressors);
    const pageReader: DataReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    // Flat columns have no repetition levels; an OPTIONAL one has definition levels 0 (null) or 1.
    let defs: Int32Array | null = null;
    if (optional) {
      if (daph.definition_level_encoding !== "RLE") throw UNSUPPORTED;
      if (levels.buffer.length < n) levels.buffer = new Int32Array(n);
      defs = levels.buffer.subarray(0, n);
      readRleBitPackedHybrid(pageReader, 1, defs);
    }
    let nonNull = n;
    if (defs !== null) {
      nonNull = 0;
      for (let i = 0; i < n; i++) {
        const d = defs[i]!;
        present![row + i] = d;
        nonNull += d;
      }
    }
    const encoding = daph.encoding;
    if (encoding === "PLAIN") {
      readPlain(page, pageReader.offset, nonNull, kind, values, row, defs, codes);
    } else if ((encoding === "PLAIN_DICTIONARY" || encoding === "RLE_DICTIONARY") && dictionary !== null) {
      const width = page[pageReader.offset++]!;
      const indices = new Int32Array(nonNull);
      if (width > 0) readRleBitPackedHybrid(pageReader, width, indices, page.length - pageReader.offset);
      let k = 0;
      for (let i = 0; i < n; i++) {
        if (defs !== null && defs[i] === 0) continue;
        const index = indices[k++]!;
        if (!(index >= 0 && index < dictionary.length)) throw UNSUPPORTED;
        values[row + i] = dictionary[index]!;
      }
    } else {
      throw UNSUPPORTED;
    }
    row += n;
  }
  if (row !== rows) throw UNSUPPORTED;
  return { values, present };
}

/** Where a column chunk's pages begin: its dictionary page, when it has one. */
function chunkStart(meta: ColumnMetaData): bigint {
  const d = meta.dictionary_page_offset;
  return d !== undefined && d > 0n && d < meta.data_page_offset ? d : meta.data_page_offset;
}

/**
 * Reads `count` PLAIN values at page[at...] into out[row...], skipping the rows whose definition
 * level is 0 (when `defs` is given): text as codes, INT64 timestamps as epoch ms, doubles as they are,
 * decimals as their integer over 10^scale (exact below 2^53, else rounded once, as hyparquet's Number(bigint) / 10^scale).
 */
function readPlain(page: Uint8Array, at: number, count: number, kind: ColumnKind, out: Int32Array | Float64Array, row: number, defs: Int32Array | null, codes: ByteIdDictionary): void {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const width = kind.kind === "text" ? 0 : kind.kind === "decimal" ? kind.bytes : 8;
  if (width > 0 && at + count * width > page.length) throw UNSUPPORTED;
  let p = at;
  let i = row;
  for (let k = 0; k < count; k++) {
    if (defs !== null) while (defs[i - row] === 0) i++;
    if (kind.kind === "text") {
      if (p + 4 > page.length) throw UNSUPPORTED;
      const length = view.getUint32(p, true);
      p += 4;
      if (p + length > page.length) throw UNSUPPORTED;
      out[i] = codes.codeOfBytes(page, p, p + length);
      p += length;
    } else if (kind.kind === "timestamp") {
      out[i] = int64WordsToMs(view.getUint32(p, true), view.getInt32(p + 4, true), kind.unit);
      p += 8;
    } else if (kind.kind === "decimal") {
      // hi * 2^32 is exact, so the sum is rounded once: the double nearest the integer, as Number(bigint).
      const units = kind.bytes === 4 ? view.getInt32(p, true) : view.getInt32(p + 4, true) * 4294967296 + view.getUint32(p, true);
      out[i] = units / kind.divisor;
      p += kind.bytes;
    } else {
      out[i] = view.getFloat64(p, true);
      p += 8;
    }
    i++;
  }
}
