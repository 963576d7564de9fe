/**
 * `readEvents`: a file, URL, Blob, bytes or stream of CSV, TSV, Parquet,
 * NDJSON or JSON -> {@link EventTable}.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { resolveRowSettings } from "../events/rowReading.ts";
import type { EventTable } from "../events/table.ts";
import type { EventTableOptions } from "../events/types.ts";
import { requireOneOf } from "../validate.ts";
import { type EpochUnit, MS_PER_EPOCH_UNIT } from "./encodedEvents.ts";
import { readCsv, type ColumnNames } from "./readCsv.ts";
import { readJson, readNdjson } from "./readJson.ts";
import { type EventSource, openSource, type PeekableSource, peekable } from "./source.ts";

/** The formats {@link readEvents} reads. */
export type EventFileFormat = "csv" | "tsv" | "parquet" | "ndjson" | "json";

const FORMATS: readonly EventFileFormat[] = ["csv", "tsv", "parquet", "ndjson", "json"];

/** Progress of a long read, reported about every 100,000 rows and at the end. */
export interface ReadProgress {
  /** Data rows read so far. */
  rows: number;
  /** Bytes read from the source so far (compressed bytes, for a .gz). */
  bytes: number;
  /** Size of the source in bytes, when known. */
  totalBytes: number | undefined;
}

/** Column names of a file: the header's names, or, for a CSV without a header, column numbers. */
export interface FileFields {
  /** Column of the customer id; default `"customerId"`. */
  customerId?: string | number;
  /** Column of the instant; default `"at"`. */
  at?: string | number;
  /** Column of the amount; default `"amount"` when the file has one (no amounts otherwise). */
  amount?: string | number;
  /**
   * Column of the event's name (`startEvent` and `returnEvent` select by it); default `"event"` when
   * the file has one (no names otherwise). With names, every row needs one: an empty name is a bad row.
   */
  event?: string | number;
}

/** Options of {@link readEvents}. */
export interface ReadEventsOptions extends Omit<EventTableOptions<Record<string, unknown>>, "fields"> {
  /** The file's format; default: from the name's extension (after a `.gz`), else from the bytes (Parquet). */
  format?: EventFileFormat;
  /** The columns of the fields (see {@link FileFields}). */
  fields?: FileFields;
  /** CSV field delimiter; default `","` (tab for TSV). */
  delimiter?: string;
  /** Whether a CSV's first line names its columns; default true. */
  header?: boolean;
  /** Unit of instants written as epoch numbers (and of digit-only CSV instants, when given); default `"ms"`. */
  epochUnit?: EpochUnit;
  /** Called as the read goes on. */
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * Reads events from a file or stream into an {@link EventTable}, the input
 * every analysis takes.
 *
 * Formats: CSV and TSV (RFC 4180: quoted fields with delimiters, quotes and
 * line breaks inside, CRLF, a byte-order mark; an empty amount is no amount; a
 * record with another number of fields than the header is refused with its
 * line), Parquet (every physical type and compression hyparquet reads; INT64,
 * TIMESTAMP and DATE columns included), NDJSON (an object per line) and JSON
 * (an array of objects, or an object of columns). A `.gz` source is
 * decompressed as it is read. CSV text is read in chunks: memory grows with the
 * table, not with the file. Customer ids read from text are strings; from
 * Parquet INT64 columns, bigints (`1n`, `1` and `"1"` are three customers).
 * An `event` column (or the one `fields.event` names) gives the events their
 * names, dictionary-encoded (no string per event), for `startEvent` and
 * `returnEvent`.
 *
 * @param source - a file path or `file:` URL (Node, Deno), an http(s) URL, a `Blob` or `File`, an
 *   `ArrayBuffer` or `Uint8Array`, a web `ReadableStream`, or a Node readable stream
 * @param options - `format`, `fields` (column names; defaults `customerId`, `at`, `amount`, `event`),
 *   `delimiter`, `header`, `epochUnit`, `onProgress`, and {@link eventTable}'s `onInvalid`,
 *   `currencyScale` and `timeZone`
 * @returns the table
 * @throws {@link InvalidInputError} naming the source (and line or row, and field) for a missing or
 *   unreadable file, an unknown format, a missing column (with the columns the file has and the
 *   `fields` mapping to pass), a ragged CSV record, an unparseable value (with `onInvalid: "throw"`),
 *   a truncated Parquet file, or a `.gz` source that is not gzip
 * @see {@link detectEventFields} to pick the columns from common names such as `user_id` and `created_at`.
 * @example
 * ```ts
 * import { readEvents } from "retention-metrics/io";
 * const csv = 'user_id,created_at,total\nu1,2024-01-05T10:00:00Z,19.99\nu2,2024-01-06T11:00:00Z,""\n';
 * const table = await readEvents(new TextEncoder().encode(csv), {
 *   format: "csv",
 *   fields: { customerId: "user_id", at: "created_at", amount: "total" },
 * });
 * console.log(table.length, table.customerCount, String(table.row(0).amount)); // 2 2 "19.99"
 * ```
 */
export async function readEvents(source: EventSource, options: ReadEventsOptions = {}): Promise<EventTable> {
  if (options === null || typeof options !== "object") throw new InvalidInputError({ field: "options", value: options, expected: "an options object" });
  const settings = resolveRowSettings(options);
  const epochUnit = options.epochUnit === undefined ? undefined : requireOneOf(options.epochUnit, "epochUnit", Object.keys(MS_PER_EPOCH_UNIT) as EpochUnit[]);
  const header = options.header ?? true;
  if (typeof header !== "boolean") throw new InvalidInputError({ field: "header", value: header, expected: "true or false" });
  const opened = peekable(await openSource(source));
  const format = options.format === undefined ? await inferFormat(opened) : requireOneOf(options.format, "format", FORMATS);
  const report = options.onProgress;
  if (report !== undefined && typeof report !== "function") throw new InvalidInputError({ field: "onProgress", value: report, expected: "a function called with { rows, bytes, totalBytes }" });
  const onProgress = report === undefined ? undefined : (rows: number) => report({ rows, bytes: opened.source.bytesRead(), totalBytes: opened.source.totalBytes });
  if (format === "csv" || format === "tsv") {
    const delimiter = options.delimiter ?? (format === "tsv" ? "\t" : ",");
    return readCsv(opened.source, { delimiter, header, columns: columnNames(options.fields), settings, epochUnit, onProgress });
  }
  if (format === "parquet") {
    // Loaded on first use: the Parquet reader is the one large part of this entry.
    const { readParquet } = await import("./readParquet.ts");
    return readParquet(opened.source, { columns: columnNames(options.fields), settings, epochUnit, onProgress });
  }
  const { fields, format: _f, delimiter: _d, header: _h, onProgress: _p, ...tableOptions } = options;
  const rowOptions: EventTableOptions<Record<string, unknown>> = { ...tableOptions, ...(fields === undefined ? {} : { fields: rowFields(fields) }) };
  return format === "ndjson" ? readNdjson(opened.source, rowOptions, onProgress) : readJson(opened.source, rowOptions);
}

function columnNames(fields: FileFields | undefined): ColumnNames {
  if (fields !== undefined && (fields === null || typeof fields !== "object")) throw new InvalidInputError({ field: "fields", value: fields, expected: "an object of column names { customerId, at, amount, event }" });
  const name = (value: unknown, key: string, fallback: string): string => {
    if (value === undefined) return fallback;
    if ((typeof value === "string" && value !== "") || (typeof value === "number" && Number.isSafeInteger(value) && value >= 0)) return String(value);
    throw new InvalidInputError({ field: `fields.${key}`, value, expected: "a column name (or, without a header, a column number)" });
  };
  return {
    customerId: name(fields?.customerId, "customerId", "customerId"),
    at: name(fields?.at, "at", "at"),
    amount: name(fields?.amount, "amount", "amount"),
    amountRequired: fields?.amount !== undefined,
    event: name(fields?.event, "event", "event"),
    eventRequired: fields?.event !== undefined,
  };
}

function rowFields(fields: FileFields): NonNullable<EventTableOptions<Record<string, unknown>>["fields"]> {
  const names = columnNames(fields);
  return { customerId: names.customerId, at: names.at, ...(names.amount === undefined ? {} : { amount: names.amount }), ...(names.eventRequired && names.event !== undefined ? { event: names.event } : {}) };
}

/** The format from the name (after a .gz), else from the first bytes (Parquet's magic). */
async function inferFormat(opened: PeekableSource): Promise<EventFileFormat> {
  const name = opened.source.name.toLowerCase().replace(/\.gz$/, "");
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1];
  const byExtension: Record<string, EventFileFormat> = { csv: "csv", tsv: "tsv", tab: "tsv", txt: "csv", parquet: "parquet", pq: "parquet", ndjson: "ndjson", jsonl: "ndjson", json: "json" };
  if (ext !== undefined && byExtension[ext] !== undefined) return byExtension[ext];
  const head = await opened.peek();
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return "parquet";
  throw new InvalidInputError({
    field: "format",
    value: undefined,
    expected: `one of ${FORMATS.map((f) => `"${f}"`).join(", ")}: the format cannot be told from ${opened.source.named ? `the name ${JSON.stringify(opened.source.name)}` : "a source without a name"}`,
    source: opened.source.name,
  });
}
