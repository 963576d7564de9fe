/**
 * Parquet -> {@link EventTable}, through hyparquet (a pure-JS reader with no
 * dependencies, bundled into this package's build so that a consumer installs
 * nothing more; MIT, notice in THIRD-PARTY-NOTICES.md). Only the three needed
 * columns are read, one row group at a time; TIMESTAMP columns (ms, us, ns)
 * and DATE columns become epoch ms without a Date per value (microseconds and
 * nanoseconds keep their sub-millisecond part as a fraction), INT64 columns
 * stay bigint (ids) or are epoch numbers in `epochUnit` (instants).
 *
 * Why the ids are coded as they are decoded: string ids come through
 * hyparquet's `stringFromBytes` hook, which here gives the id's code in a
 * {@link ByteIdDictionary} (hashing the bytes) instead of a string, so a
 * dictionary page is coded once and a data page makes no string per row;
 * the rows are then read column by column from the pages' arrays, each valid
 * row written straight into the table's columns, and only a row with a
 * missing or odd value goes through the checks that name it.
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
import { quickMinorUnits } from "../events/rowReading.ts";
import type { CustomerId } from "../events/types.ts";
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";
import { ByteIdDictionary } from "./byteIds.ts";
import { EncodedCollector, epochToMs, type EpochUnit, type IdCoder } from "./encodedEvents.ts";
import { columnKind, type FlatElement, type GroupColumn, readGroupColumn, UNSUPPORTED } from "./parquetColumns.ts";
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
  // The bytes' own buffer when they fill it (the usual case), else a copy of them.
  const file = (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new InvalidInputError({ field: "source", value: source.name, expected: `a whole Parquet file (${e instanceof Error ? e.message : String(e)}: truncated or not Parquet?)`, source: source.name });
  }
  const top = topLevelColumns(metadata.schema);
  const names = top.map((c) => c.name);
  const pick = (field: "customerId" | "at" | "amount" | "event", name: string | undefined, required: boolean): string | undefined => {
    if (name === undefined) return undefined;
    if (names.includes(name)) return name;
    if (!required) return undefined;
    throw new InvalidInputError({ field: `fields.${field}`, value: name, expected: `${missingFieldHint(field, name, names, "columns")}`, source: source.name });
  };
  const idColumn = pick("customerId", r.columns.customerId, true)!;
  const atColumn = pick("at", r.columns.at, true)!;
  const amountColumn = pick("amount", r.columns.amount, r.columns.amountRequired);
  const eventColumn = pick("event", r.columns.event, r.columns.eventRequired);
  const atElement = top.find((c) => c.name === atColumn)!;
  // Timestamps and dates are epoch ms once parsed; other numbers are epoch numbers in epochUnit.
  const atIsTime = isTimeColumn(atElement);
  // String ids are coded as hyparquet decodes them, when no other wanted column is text (the hook is for every text column).
  const idElement = top.find((c) => c.name === idColumn)! as { type?: string };
  const amountElement = amountColumn === undefined ? undefined : (top.find((c) => c.name === amountColumn)! as { type?: string });
  const coded = idElement.type === "BYTE_ARRAY" && (atElement as { type?: string }).type !== "BYTE_ARRAY" && amountElement?.type !== "BYTE_ARRAY";
  const eventElement = eventColumn === undefined ? undefined : (top.find((c) => c.name === eventColumn)! as { type?: string; name: string });
  if (eventElement !== undefined && eventElement.type !== "BYTE_ARRAY") {
    throw new InvalidInputError({ field: "fields.event", value: eventColumn, expected: `a text column of event names (the column is ${eventElement.type ?? "a group"})`, source: source.name });
  }
  const dictionary = new ByteIdDictionary(false);
  // Event names are coded like the ids, in a dictionary of their own: by the columnar path as it
  // decodes, or (as text) by the collector.
  const nameCodes = eventElement === undefined ? null : new ByteIdDictionary(false);
  // hyparquet's text hook is for every text column: it codes the ids only without an event column.
  const hooked = coded && eventElement === undefined;
  // With coded ids, an id value is already its code (a text id comes from a group read through hyparquet without the hook).
  const coder: IdCoder | undefined = coded ? { codeOf: (id: CustomerId) => (typeof id === "number" ? id : dictionary.codeOf(id)), ids: () => dictionary.ids() } : undefined;
  const rowCount = metadata.row_groups.reduce((sum, g) => sum + Number(g.num_rows), 0);
  const collector = new EncodedCollector(r.settings, source.name, amountColumn !== undefined, atIsTime ? "ms" : r.epochUnit, coder, rowCount, nameCodes);
  const parsers = hooked ? { ...MS_PARSERS, stringFromBytes: (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : dictionary.codeOfBytes(bytes, 0, bytes.length)) } : MS_PARSERS;
  const fast = { coded, atIsTime, factor: r.settings.factor };
  // The common layout is read column by column from the pages (parquetColumns.ts); other row groups through hyparquet.
  const kinds = coded
    ? {
        id: columnKind(idElement as FlatElement, "id"),
        at: columnKind(atElement as FlatElement, "at"),
        amount: amountElement === undefined ? undefined : columnKind(amountElement as FlatElement, "amount"),
        event: eventElement === undefined ? undefined : columnKind(eventElement as FlatElement, "id"),
      }
    : null;
  const columnar = kinds !== null && kinds.id !== null && kinds.at !== null && kinds.amount !== null && kinds.event !== null;
  const wanted = [idColumn, atColumn, ...(amountColumn === undefined ? [] : [amountColumn]), ...(eventColumn === undefined ? [] : [eventColumn])];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    if (columnar) {
      const slots = collector.reserveColumns(groupEnd - groupStart);
      const read = readColumnar(file, group, [idElement, atElement, amountElement, eventElement] as FlatElement[], kinds, dictionary, nameCodes, source.name, slots);
      if (read !== null) {
        collectColumns(collector, r.settings.factor, groupStart, read, nameCodes);
        groupStart = groupEnd;
        r.onProgress?.(groupEnd);
        continue;
      }
    }
    const chunks = new Map<string, Array<{ rowStart: number; data: ArrayLike<unknown> }>>();
    try {
      await parquetRead({
        file: { byteLength: file.byteLength, slice: (start: number, end?: number) => file.slice(start, end) },
        metadata,
        columns: wanted,
        rowStart: groupStart,
        rowEnd: groupEnd,
        compressors,
        parsers: parsers as typeof MS_PARSERS,
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
    collectGroup(collector, fast, groupStart, groupEnd, chunks.get(idColumn), chunks.get(atColumn), amountColumn === undefined ? undefined : chunks.get(amountColumn), eventColumn === undefined ? undefined : chunks.get(eventColumn));
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

/** The wanted columns of a row group read columnar, or null when one is of a layout read through hyparquet. */
function readColumnar(
  file: ArrayBuffer,
  group: Parameters<typeof readGroupColumn>[1],
  elements: Array<FlatElement | undefined>,
  kinds: { id: ReturnType<typeof columnKind>; at: ReturnType<typeof columnKind>; amount: ReturnType<typeof columnKind> | undefined; event: ReturnType<typeof columnKind> | undefined },
  dictionary: ByteIdDictionary,
  names: ByteIdDictionary | null,
  name: string,
  slots: { codes: Int32Array; time: Float64Array; units: Float64Array | null; events: Int32Array | null },
): Columns | null {
  try {
    const ids = readGroupColumn(file, group, elements[0]!, kinds.id!, dictionary, compressors, slots.codes);
    const at = readGroupColumn(file, group, elements[1]!, kinds.at!, dictionary, compressors, slots.time);
    const amounts = elements[2] === undefined ? null : readGroupColumn(file, group, elements[2], kinds.amount!, dictionary, compressors, slots.units ?? undefined);
    const events = elements[3] === undefined ? null : readGroupColumn(file, group, elements[3], kinds.event!, names!, compressors, slots.events ?? undefined);
    return { ids, at, amounts, events };
  } catch (e) {
    if (e === UNSUPPORTED) return null;
    if (e instanceof InvalidInputError) throw e;
    throw new InvalidInputError({ field: "source", value: name, expected: `a readable Parquet file (${e instanceof Error ? e.message : String(e)})`, source: name });
  }
}

/** The wanted columns of a row group, read columnar. */
interface Columns {
  ids: GroupColumn;
  at: GroupColumn;
  amounts: GroupColumn | null;
  events: GroupColumn | null;
}

/**
 * A row group read columnar into the collector's own slots (see readColumnar): when every row is
 * valid, the slots are kept as they are (the amounts turned into minor units where they lie);
 * otherwise they are copied out and the rows go through the collector's checks one by one.
 */
function collectColumns(collector: EncodedCollector, factor: number, from: number, c: Columns, names: ByteIdDictionary | null): void {
  const idPresent = c.ids.present;
  const atPresent = c.at.present;
  const amountPresent = c.amounts === null ? null : c.amounts.present;
  const n = c.ids.values.length;
  // A row's name, when the file has names, is valid when present and not empty.
  const named = c.events === null ? null : validNames(c.events, names!);
  // Usually every row is valid: then the slots are kept whole.
  let valid = true;
  let given = false;
  {
    const time = c.at.values;
    for (let i = 0; i < n && valid; i++) {
      const t = time[i]!;
      valid = (idPresent === null || idPresent[i] === 1) && (atPresent === null || atPresent[i] === 1) && t >= -MAX_EPOCH_MS && t <= MAX_EPOCH_MS && (named === null || named[i] === 1);
    }
  }
  if (valid && c.amounts !== null) {
    const values = c.amounts.values as Float64Array;
    // Checked first, converted after: a group that fails keeps its amounts for the checks below.
    for (let i = 0; i < n && valid; i++) {
      if (amountPresent !== null && amountPresent[i] === 0) continue;
      const u = quickMinorUnits(values[i]!, factor);
      valid = u === u;
      given = true;
    }
    if (valid) for (let i = 0; i < n; i++) values[i] = amountPresent !== null && amountPresent[i] === 0 ? 0 : quickMinorUnits(values[i]!, factor);
  }
  if (valid) {
    collector.commitColumns(n, given);
    return;
  }
  // The slots are where the collector writes next: the rows are checked from copies.
  const codes = c.ids.values.slice();
  const time = c.at.values.slice();
  const amounts = c.amounts === null ? null : c.amounts.values.slice();
  const events = c.events === null ? null : (c.events.values as Int32Array).slice();
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    const name = events === null ? -1 : events[i]!;
    if ((idPresent === null || idPresent[i] === 1) && (atPresent === null || atPresent[i] === 1) && t >= -MAX_EPOCH_MS && t <= MAX_EPOCH_MS && (named === null || named[i] === 1)) {
      if (amounts === null || (amountPresent !== null && amountPresent[i] === 0)) {
        collector.addCoded(codes[i]!, t, 0, false, name);
        continue;
      }
      const u = quickMinorUnits(amounts[i]!, factor);
      if (u === u) {
        collector.addCoded(codes[i]!, t, u, true, name);
        continue;
      }
    }
    const id = idPresent === null || idPresent[i] === 1 ? codes[i] : null;
    const at = atPresent === null || atPresent[i] === 1 ? t : null;
    const amount = amounts === null ? undefined : amountPresent === null || amountPresent[i] === 1 ? amounts[i] : null;
    // A coded name goes on as its code; a missing one as null, an empty one as "" (both refused).
    const event = named === null ? undefined : named[i] === 1 ? name : c.events!.present !== null && c.events!.present[i] === 0 ? null : "";
    collector.add(id, at, amount, { row: from + i }, event);
  }
}

/** Per row 1 when its name is present and not empty. */
function validNames(events: GroupColumn, names: ByteIdDictionary): Uint8Array {
  const codes = events.values as Int32Array;
  const present = events.present;
  const out = new Uint8Array(codes.length);
  // The empty name has one code at most: found once, then compared.
  let empty = -1;
  for (let k = 0; k < names.size && empty < 0; k++) if (names.isEmpty(k)) empty = k;
  for (let i = 0; i < codes.length; i++) out[i] = (present === null || present[i] === 1) && codes[i] !== empty ? 1 : 0;
  return out;
}

type Chunks = Array<{ rowStart: number; data: ArrayLike<unknown> }>;

/**
 * The rows of one row group, from each column's chunks (in row order), into the collector: a row
 * whose values are all of the usual kind (a coded id, an instant in ms, a number amount or none) is
 * written as it is; any other goes through the collector's checks, which throw or skip it.
 */
function collectGroup(
  collector: EncodedCollector,
  fast: { coded: boolean; atIsTime: boolean; factor: number },
  from: number,
  to: number,
  ids: Chunks | undefined,
  at: Chunks | undefined,
  amounts: Chunks | undefined,
  events: Chunks | undefined,
): void {
  const idCursor = new Cursor(ids);
  const atCursor = new Cursor(at);
  const amountCursor = amounts === undefined ? null : new Cursor(amounts);
  // With names, every row takes the collector's checks (hyparquet gives them as text: not the common layout).
  const eventCursor = events === undefined ? null : new Cursor(events);
  const { coded, atIsTime, factor } = fast;
  let row = from;
  while (row < to) {
    // The rows up to the end of the shortest current chunk are read in one loop.
    const end = Math.min(to, idCursor.seek(row), atCursor.seek(row), amountCursor === null ? to : amountCursor.seek(row), eventCursor === null ? to : eventCursor.seek(row));
    if (end <= row || eventCursor !== null) {
      // A row no chunk holds (a column shorter than the group): its values are missing.
      collector.add(idCursor.value(row), atCursor.value(row), amountCursor?.value(row), { row }, eventCursor === null ? undefined : eventCursor.value(row));
      row++;
      continue;
    }
    const idData = idCursor.data!;
    const idBase = idCursor.start;
    const atData = atCursor.data!;
    const atBase = atCursor.start;
    const amountData = amountCursor === null ? null : amountCursor.data!;
    const amountBase = amountCursor === null ? 0 : amountCursor.start;
    for (; row < end; row++) {
      const id = idData[row - idBase];
      const t = atData[row - atBase];
      const a = amountData === null ? undefined : amountData[row - amountBase];
      if (coded && atIsTime && typeof id === "number" && typeof t === "number" && t >= -MAX_EPOCH_MS && t <= MAX_EPOCH_MS) {
        if (a === undefined || a === null) {
          collector.addCoded(id, t, 0, false);
          continue;
        }
        if (typeof a === "number") {
          const u = quickMinorUnits(a, factor);
          if (u === u) {
            collector.addCoded(id, t, u, true);
            continue;
          }
        }
      }
      collector.add(id, t, a, { row });
    }
  }
}

/** Walks a column's chunks in row order. */
class Cursor {
  private readonly chunks: Chunks;
  private k = 0;
  data: ArrayLike<unknown> | null = null;
  start = 0;

  constructor(list: Chunks | undefined) {
    this.chunks = (list ?? []).slice().sort((a, b) => a.rowStart - b.rowStart);
  }

  /** Makes the chunk holding `row` current; returns the row after its end (`row` when none holds it). */
  seek(row: number): number {
    const chunks = this.chunks;
    while (this.k < chunks.length && row >= chunks[this.k]!.rowStart + chunks[this.k]!.data.length) this.k++;
    const c = chunks[this.k];
    if (c === undefined || row < c.rowStart) {
      this.data = null;
      return row;
    }
    this.data = c.data;
    this.start = c.rowStart;
    return c.rowStart + c.data.length;
  }

  /** The value at `row` (after a seek to it), undefined when no chunk holds it. */
  value(row: number): unknown {
    return this.data === null ? undefined : this.data[row - this.start];
  }
}

async function collect(source: OpenedSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  // With the size known, the chunks go straight into one buffer (no list of chunks, no second copy).
  let whole: Uint8Array | null = null;
  for await (const chunk of source.chunks) {
    if (whole === null && parts.length === 0 && source.totalBytes !== undefined && !source.compressed() && chunk.byteLength < source.totalBytes) {
      whole = new Uint8Array(source.totalBytes);
    }
    if (whole !== null && size + chunk.byteLength <= whole.length) whole.set(chunk, size);
    else {
      // A source longer than it said: keep the chunks and join them.
      if (whole !== null) parts.push(whole.subarray(0, size));
      whole = null;
      parts.push(chunk);
    }
    size += chunk.byteLength;
  }
  if (whole !== null) return whole.subarray(0, size);
  if (parts.length === 1) return parts[0]!;
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.byteLength;
  }
  return all;
}
