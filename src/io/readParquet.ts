/**
 * Parquet -> {@link EventTable}, through hyparquet (a pure-JS reader with no
 * dependencies, bundled into this package's build so that a consumer installs
 * nothing more; MIT, notice in THIRD-PARTY-NOTICES.md). Only the three needed
 * columns are read, one row group at a time; TIMESTAMP columns (ms, us, ns)
 * and DATE columns become epoch ms without a Date per value (microseconds and
 * nanoseconds keep their sub-millisecond part as a fraction), INT64 columns
 * stay bigint (ids) or are epoch numbers in `epochUnit` (instants).
 *
 * Why the whole file is held in memory: Parquet is read from its footer
 * backwards, so a reader needs random access, which a stream cannot give;
 * the file is compressed columns, much smaller than the table it becomes.
 *
 * @internal
 * @module
 */
import { parquetMetadata, parquetRead } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { InvalidInputError } from "../errors.ts";
import { missingFieldHint } from "../events/fieldNames.ts";
import type { RowSettings } from "../events/rowReading.ts";
import type { EventTable } from "../events/table.ts";
import { EncodedCollector, epochToMs, type EpochUnit } from "./encodedEvents.ts";
import type { ColumnNames } from "./readCsv.ts";
import type { OpenedSource } from "./source.ts";

/** What the Parquet reader needs. */
export interface ParquetReadSettings {
  readonly columns: ColumnNames;
  readonly settings: RowSettings;
  readonly epochUnit: EpochUnit | undefined;
  readonly onProgress: ((rows: number) => void) | undefined;
}

const MS_PARSERS = {
  timestampFromMilliseconds: (v: bigint) => Number(v),
  timestampFromMicroseconds: (v: bigint) => epochToMs(v, "us"),
  timestampFromNanoseconds: (v: bigint) => epochToMs(v, "ns"),
  dateFromDays: (days: number) => days * 86_400_000,
};

/** Reads a Parquet source into a table. */
export async function readParquet(source: OpenedSource, r: ParquetReadSettings): Promise<EventTable> {
  const bytes = await collect(source);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new InvalidInputError({ field: "source", value: source.name, expected: `a whole Parquet file (${e instanceof Error ? e.message : String(e)}: truncated or not Parquet?)`, source: source.name });
  }
  const top = topLevelColumns(metadata.schema);
  const names = top.map((c) => c.name);
  const pick = (field: "customerId" | "at" | "amount", name: string | undefined, required: boolean): string | undefined => {
    if (name === undefined) return undefined;
    if (names.includes(name)) return name;
    if (!required) return undefined;
    throw new InvalidInputError({ field: `fields.${field}`, value: name, expected: `${missingFieldHint(field, name, names, "columns")}`, source: source.name });
  };
  const idColumn = pick("customerId", r.columns.customerId, true)!;
  const atColumn = pick("at", r.columns.at, true)!;
  const amountColumn = pick("amount", r.columns.amount, r.columns.amountRequired);
  const atElement = top.find((c) => c.name === atColumn)!;
  // Timestamps and dates are epoch ms once parsed; other numbers are epoch numbers in epochUnit.
  const atIsTime = isTimeColumn(atElement);
  const collector = new EncodedCollector(r.settings, source.name, amountColumn !== undefined, atIsTime ? "ms" : r.epochUnit);
  const wanted = [idColumn, atColumn, ...(amountColumn === undefined ? [] : [amountColumn])];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    const chunks = new Map<string, Array<{ rowStart: number; data: ArrayLike<unknown> }>>();
    try {
      await parquetRead({
        file: { byteLength: file.byteLength, slice: (start: number, end?: number) => file.slice(start, end) },
        metadata,
        columns: wanted,
        rowStart: groupStart,
        rowEnd: groupEnd,
        compressors,
        parsers: MS_PARSERS,
        onChunk: ({ columnName, columnData, rowStart }) => {
          let list = chunks.get(columnName);
          if (list === undefined) chunks.set(columnName, (list = []));
          list.push({ rowStart, data: columnData as ArrayLike<unknown> });
        },
      });
    } catch (e) {
      if (e instanceof InvalidInputError) throw e;
      throw new InvalidInputError({ field: "source", value: source.name, expected: `a readable Parquet file (${e instanceof Error ? e.message : String(e)})`, source: source.name });
    }
    const ids = columnReader(chunks.get(idColumn));
    const at = columnReader(chunks.get(atColumn));
    const amount = amountColumn === undefined ? null : columnReader(chunks.get(amountColumn));
    for (let row = groupStart; row < groupEnd; row++) {
      collector.add(ids(row), at(row), amount === null ? undefined : amount(row), { row });
    }
    groupStart = groupEnd;
    r.onProgress?.(groupEnd);
  }
  return collector.finish();
}

/** The top-level columns of a Parquet schema (the first element is the root). */
function topLevelColumns(schema: ReadonlyArray<{ name: string; num_children?: number | undefined }>): Array<(typeof schema)[number]> {
  const out: Array<(typeof schema)[number]> = [];
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let k = 0; k < (schema[at]!.num_children ?? 0); k++) next = skip(next);
    return next;
  };
  while (i < schema.length) {
    out.push(schema[i]!);
    i = skip(i);
  }
  return out;
}

function isTimeColumn(element: object): boolean {
  const e = element as { converted_type?: string; logical_type?: { type?: string } };
  const logical = e.logical_type?.type;
  return logical === "TIMESTAMP" || logical === "DATE" || e.converted_type === "TIMESTAMP_MILLIS" || e.converted_type === "TIMESTAMP_MICROS" || e.converted_type === "DATE";
}

/** Value of a column at an absolute row, from its chunks. */
function columnReader(list: Array<{ rowStart: number; data: ArrayLike<unknown> }> | undefined): (row: number) => unknown {
  const chunks = (list ?? []).slice().sort((a, b) => a.rowStart - b.rowStart);
  let k = 0;
  return (row) => {
    // Rows are asked in order: the current chunk usually holds the row.
    while (k < chunks.length && row >= chunks[k]!.rowStart + chunks[k]!.data.length) k++;
    const c = chunks[k];
    if (c === undefined || row < c.rowStart) return undefined;
    return c.data[row - c.rowStart];
  };
}

async function collect(source: OpenedSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source.chunks) {
    parts.push(chunk);
    size += chunk.byteLength;
  }
  if (parts.length === 1) return parts[0]!;
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return all;
}
