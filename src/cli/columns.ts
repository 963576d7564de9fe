/**
 * Which columns of a file hold the customer id, the time and the amount: the
 * file's format (from the option, the name or the first bytes), its column
 * names (a CSV's header line, the keys of the first NDJSON/JSON rows, a
 * Parquet file's schema), and the mapping chosen from them by
 * `detectEventFields`, unless the command line names the columns.
 *
 * @module
 */
import { open, readFile, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { createGunzip, gunzipSync } from "node:zlib";
import { InvalidInputError } from "../errors.ts";
import { detectEventFields, type EventFileFormat } from "../io/index.ts";
import { FILE_FORMATS } from "./args.ts";

/** How a column was chosen. */
export type ColumnSource = "given" | "detected";

/** A column chosen for one field. */
export interface ChosenColumn {
  /** The column's name in the file. */
  name: string;
  /** Named on the command line, or detected from the names. */
  by: ColumnSource;
}

/** The columns chosen for the three fields; `amount` is `null` when the file has none. */
export interface ColumnMapping {
  customerId: ChosenColumn;
  at: ChosenColumn;
  amount: ChosenColumn | null;
}

/** Columns named on the command line. */
export interface ColumnOverrides {
  customer?: string | undefined;
  at?: string | undefined;
  amount?: string | undefined;
}

/** Most bytes read from the start of a text file to find its column names. */
const HEAD_BYTES = 1 << 20;

/**
 * Checks that the path is a readable file.
 *
 * @throws {@link InvalidInputError} naming the path when it is missing, a folder or unreadable
 */
export async function requireReadableFile(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InvalidInputError({ field: "file", value: path, expected: "a file (this is a folder or a device)" });
  } catch (e) {
    if (e instanceof InvalidInputError) throw e;
    throw unreadable(path, e);
  }
  try {
    const handle = await open(path, "r");
    await handle.close();
  } catch (e) {
    throw unreadable(path, e);
  }
}

function unreadable(path: string, e: unknown): InvalidInputError {
  const code = (e as { code?: string }).code;
  const why = code === "ENOENT" ? "no such file" : code === "EACCES" || code === "EPERM" ? "permission denied" : e instanceof Error ? e.message : String(e);
  return new InvalidInputError({ field: "file", value: path, expected: `a readable file (${why})` });
}

/**
 * The format of a file: the given one, else from its name's extension (after a `.gz`), else
 * Parquet when its bytes start with Parquet's magic, as `readEvents` tells them.
 *
 * @throws {@link InvalidInputError} when the format cannot be told
 */
export async function fileFormatOf(path: string, given?: EventFileFormat): Promise<EventFileFormat> {
  if (given !== undefined) return given;
  const name = path.toLowerCase().replace(/\.gz$/, "");
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1];
  const byExtension: Record<string, EventFileFormat> = { csv: "csv", tsv: "tsv", tab: "tsv", txt: "csv", parquet: "parquet", pq: "parquet", ndjson: "ndjson", jsonl: "ndjson", json: "json" };
  if (ext !== undefined && byExtension[ext] !== undefined) return byExtension[ext];
  const head = await textHead(path, 4);
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return "parquet";
  throw new InvalidInputError({
    field: "format",
    value: path,
    expected: `a file whose name ends in .csv, .tsv, .parquet, .ndjson, .jsonl or .json (or .gz after one), or --format ${FILE_FORMATS.join("|")}`,
  });
}

/** The first bytes of a file (decompressed when it is gzip), at most `max`. */
async function textHead(path: string, max: number): Promise<Uint8Array> {
  const magic = new Uint8Array(2);
  const handle = await open(path, "r");
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const stream = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path, { end: max - 1 });
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= max) break;
    }
  } catch (e) {
    throw new InvalidInputError({ field: "file", value: path, expected: `a readable${gzip ? " gzip" : ""} file (${e instanceof Error ? e.message : String(e)})` });
  } finally {
    stream.destroy();
  }
  const all = Buffer.concat(chunks, length);
  return all.subarray(0, Math.min(max, all.length));
}

/**
 * The column names of a file, as the reader will see them.
 *
 * CSV and TSV: the fields of the header line (quotes handled as RFC 4180 says, a byte-order mark
 * dropped). NDJSON: the keys of the rows in the first megabyte. JSON: the keys of the first 1,000 rows
 * (or of the object of columns). Parquet: the top-level columns of the schema.
 *
 * @throws {@link InvalidInputError} naming the file when it cannot be read as that format
 */
export async function columnNamesOf(path: string, format: EventFileFormat, delimiter?: string): Promise<string[]> {
  if (format === "parquet") return parquetColumns(path);
  if (format === "json") return jsonColumns(path);
  const head = await textHead(path, HEAD_BYTES);
  const text = new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "");
  if (format === "ndjson") return ndjsonColumns(text, path, head.length >= HEAD_BYTES);
  const names = headerFields(text, delimiter ?? (format === "tsv" ? "\t" : ","));
  if (names === null) throw new InvalidInputError({ field: "file", value: path, expected: "a CSV file with a header line of column names (this one is empty)" });
  return names;
}

/** The fields of a CSV's first record, or null for an empty text. */
export function headerFields(text: string, delimiter: string): string[] | null {
  if (text.trim() === "") return null;
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") break;
    else field += c;
  }
  fields.push(field);
  return fields;
}

function ndjsonColumns(text: string, path: string, truncated: boolean): string[] {
  const lines = text.split("\n");
  if (truncated) lines.pop(); // the last line may be cut
  const keys = new Set<string>();
  let line = 0;
  for (const raw of lines) {
    line++;
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new InvalidInputError({ field: "line", value: trimmed, expected: `a JSON object (${e instanceof Error ? e.message : String(e)})`, source: path, line });
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) for (const k of Object.keys(value)) keys.add(k);
  }
  return [...keys];
}

async function jsonColumns(path: string): Promise<string[]> {
  let bytes: Uint8Array = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new InvalidInputError({ field: "file", value: path, expected: `a gzip file (${e instanceof Error ? e.message : String(e)})` });
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InvalidInputError({ field: "file", value: path, expected: `a JSON document (${e instanceof Error ? e.message : String(e)})` });
  }
  const rows = unwrapRows(value);
  if (rows === undefined) {
    throw new InvalidInputError({
      field: "file",
      value: path,
      expected: "JSON holding an array of event objects, an object of columns, or an object whose data, events or rows property is one",
    });
  }
  if (!Array.isArray(rows)) return Object.keys(rows);
  const keys = new Set<string>();
  for (const row of rows.slice(0, 1000)) if (row !== null && typeof row === "object" && !Array.isArray(row)) for (const k of Object.keys(row)) keys.add(k);
  return [...keys];
}

/** Where readEvents finds the rows of a JSON document: the array itself, an object of columns, or a data, events or rows property. */
function unwrapRows(value: unknown): unknown[] | Record<string, unknown> | undefined {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== "object") return undefined;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.customerId) || (typeof o.customerId === "object" && o.customerId !== null && Array.isArray(o.at))) return o;
  for (const key of ["data", "events", "rows"]) if (key in o) return unwrapRows(o[key]);
  return Object.values(o).some(Array.isArray) ? o : undefined;
}

async function parquetColumns(path: string): Promise<string[]> {
  // Loaded on first use, as readEvents loads it: the one large part of the reader.
  const { parquetMetadata, parquetMetadataAsync, parquetSchema } = await import("hyparquet");
  const handle = await open(path, "r");
  try {
    const magic = new Uint8Array(2);
    await handle.read(magic, 0, 2, 0);
    let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
    try {
      if (magic[0] === 0x1f && magic[1] === 0x8b) {
        const bytes = gunzipSync(await handle.readFile());
        metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      } else {
        // Only the footer is read: the reader itself reads the file again, once.
        const { size } = await handle.stat();
        metadata = await parquetMetadataAsync({
          byteLength: size,
          slice: async (start: number, end?: number) => {
            const length = (end ?? size) - start;
            const buffer = new Uint8Array(length);
            await handle.read(buffer, 0, length, start);
            return buffer.buffer;
          },
        });
      }
    } catch (e) {
      throw new InvalidInputError({ field: "file", value: path, expected: `a whole Parquet file (${e instanceof Error ? e.message : String(e)}: truncated or not Parquet?)` });
    }
    return parquetSchema(metadata).children.map((c) => c.element.name);
  } finally {
    await handle.close();
  }
}

const FIELD_TEXT = { customerId: "customer id", at: "time", amount: "amount" } as const;
const OPTION = { customerId: "--customer", at: "--at", amount: "--amount" } as const;

/**
 * The columns of the three fields: those named on the command line, else those
 * `detectEventFields` finds among the names (the amount is optional).
 *
 * @param names - the file's column names
 * @param overrides - columns named on the command line
 * @param path - the file, for messages
 * @throws {@link InvalidInputError} when no customer id or time column is found (the message lists the
 *   file's columns and the option to pass), or a named column is not in the file
 */
export function chooseColumns(names: readonly string[], overrides: ColumnOverrides, path: string): ColumnMapping {
  const detected = detectEventFields(names.filter((n) => n !== overrides.customer && n !== overrides.at && n !== overrides.amount));
  const given = { customerId: overrides.customer, at: overrides.at, amount: overrides.amount };
  const listed = names.length === 0 ? "the file has no columns" : `the file has columns ${names.slice(0, 20).map((n) => JSON.stringify(n)).join(", ")}${names.length > 20 ? ", ..." : ""}`;
  const pick = (field: "customerId" | "at" | "amount", required: boolean): ChosenColumn | null => {
    const name = given[field];
    if (name !== undefined) {
      if (!names.includes(name)) {
        throw new InvalidInputError({ field: OPTION[field], value: name, expected: `a column of the file (${listed})`, source: path });
      }
      return { name, by: "given" };
    }
    const found = detected[field];
    if (found !== undefined) return { name: found, by: "detected" };
    if (!required) return null;
    throw new InvalidInputError({
      field: `${FIELD_TEXT[field]} column`,
      value: path,
      expected: `a column named like ${field === "customerId" ? "customer_id, user_id or client_id" : "ordered_at, created_at, timestamp or date"} (${listed}); name it with ${OPTION[field]} <column>`,
    });
  };
  const customerId = pick("customerId", true)!;
  const at = pick("at", true)!;
  const amount = pick("amount", false);
  return { customerId, at, amount };
}
