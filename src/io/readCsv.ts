/**
 * CSV and TSV text -> {@link EventTable}: the header names the columns, the
 * `fields` option (or the default names) picks the three the table needs,
 * and each record's values go straight into encoded columns.
 *
 * Why this shape: the common record (an unquoted id, an ISO instant with an
 * offset, a plain decimal amount) is read from the bytes without a string:
 * the id coded by its bytes, the instant and the amount parsed from their
 * digits, runs of such records by one loop (plainCsvRecords.ts) without the
 * splitter's per-record callback. Any other record takes the fields' text
 * through the general checks, which give the same values and the errors
 * (with row, line and field) and `onInvalid` handling of every reader. The
 * columns are sized once from the file's size and its first lines.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { missingFieldHint } from "../events/fieldNames.ts";
import type { RowSettings } from "../events/rowReading.ts";
import type { EventTable } from "../events/table.ts";
import { ByteIdDictionary } from "./byteIds.ts";
import { decimalMinorUnitsBytes, isoInstantBytes } from "./byteFields.ts";
import { CsvSplitter } from "./csv.ts";
import { PlainCsvRecords } from "./plainCsvRecords.ts";
import { EncodedCollector, type EpochUnit } from "./encodedEvents.ts";
import type { OpenedSource } from "./source.ts";

/** Column names (or, without a header, 0-based column numbers) of the three fields. */
export interface ColumnNames {
  customerId: string;
  at: string;
  amount: string | undefined;
  /** Whether `amount` was asked for explicitly (then the column must exist). */
  amountRequired: boolean;
  /** Column of the event names (read when it exists). */
  event: string | undefined;
  /** Whether `event` was asked for explicitly (then the column must exist). */
  eventRequired: boolean;
}

/** What the CSV reader needs. */
export interface CsvReadSettings {
  readonly delimiter: string;
  readonly header: boolean;
  readonly columns: ColumnNames;
  readonly settings: RowSettings;
  readonly epochUnit: EpochUnit | undefined;
  readonly onProgress: ((rows: number) => void) | undefined;
}

/** Reads CSV or TSV from an opened source into a table. */
export async function readCsv(source: OpenedSource, r: CsvReadSettings): Promise<EventTable> {
  let collector: EncodedCollector | null = null;
  let hasAmount = false;
  let hasEvent = false;
  const ids = new ByteIdDictionary();
  // Event names are coded by their bytes like the ids, in a dictionary of their own.
  const names = new ByteIdDictionary();
  // Instants without an offset are wall-clock times in the zone: the fast path reads them only in UTC.
  const utc = r.settings.timeZone === "UTC";
  const scale = r.settings.scale;
  const splitter = new CsvSplitter({
    delimiter: r.delimiter,
    header: r.header,
    source: source.name,
    select: (header) => {
      const slots = new Int32Array(header.length).fill(-1);
      const find = (field: "customerId" | "at" | "amount" | "event", name: string, required: boolean): boolean => {
        const i = header.indexOf(name);
        if (i >= 0) {
          slots[i] = field === "customerId" ? 0 : field === "at" ? 1 : field === "amount" ? 2 : 3;
          return true;
        }
        if (!required) return false;
        const shown = r.header ? header : header.map((_, k) => String(k));
        throw new InvalidInputError({
          field: `fields.${field}`,
          value: name,
          expected: r.header ? `${missingFieldHint(field, name, shown, "columns")}` : `a column number from 0 to ${header.length - 1} (the file has no header)`,
          source: source.name,
          line: 1,
        });
      };
      find("customerId", r.columns.customerId, true);
      find("at", r.columns.at, true);
      hasAmount = r.columns.amount !== undefined && find("amount", r.columns.amount, r.columns.amountRequired);
      hasEvent = r.columns.event !== undefined && find("event", r.columns.event, r.columns.eventRequired);
      collector = new EncodedCollector(r.settings, source.name, hasAmount, r.epochUnit, ids, expectedRows, hasEvent ? names : null);
      const plan = {
        delimiter: r.delimiter.charCodeAt(0),
        columns: header.length,
        idColumn: slots.indexOf(0),
        atColumn: slots.indexOf(1),
        amountColumn: slots.indexOf(2),
        eventColumn: slots.indexOf(3),
        utc,
        scale,
      };
      return { slots, width: 4, plain: new PlainCsvRecords(plan, ids, names, collector) };
    },
    onRecord: (rec, line) => {
      const b = rec.bytes;
      const start = rec.start;
      const end = rec.end;
      const quoted = rec.quoted;
      // The fast path: every field unquoted, a non-empty id, an ISO instant, a plain amount or none,
      // a non-empty name (with an event column).
      if (quoted[0] === 0 && quoted[1] === 0 && end[0]! > start[0]! && (!hasEvent || (quoted[3] === 0 && end[3]! > start[3]!))) {
        const t = isoInstantBytes(b, start[1]!, end[1]!, utc);
        if (t === t) {
          let u = 0;
          let given = false;
          if (hasAmount && end[2]! > start[2]!) {
            u = quoted[2] === 0 ? decimalMinorUnitsBytes(b, start[2]!, end[2]!, scale) : Number.NaN;
            given = true;
          }
          if (u === u) {
            collector!.addCoded(ids.codeOfBytes(b, start[0]!, end[0]!), t, u, given, hasEvent ? names.codeOfBytes(b, start[3]!, end[3]!) : -1);
            return;
          }
        }
      }
      collector!.add(rec.text(0), rec.text(1), hasAmount ? rec.text(2) : undefined, { row: splitter.recordCount - 1, line }, hasEvent ? rec.text(3) : undefined);
    },
  });
  // The bytes must be UTF-8: an ASCII chunk is; from the first other one on, a decoder checks them.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let checking = false;
  let lastReport = 0;
  // Rows expected, from the size and the first chunk's lines: the columns are then allocated once
  // (filling blocks and joining them cost a tenth of the read at ten million rows).
  let expectedRows: number | undefined;
  try {
    for await (const chunk of source.chunks) {
      expectedRows ??= estimateRows(chunk, source.totalBytes, source.compressed());
      if (checking || !isAscii(chunk)) {
        checking = true;
        decoder.decode(chunk, { stream: true });
      }
      splitter.push(chunk);
      if (r.onProgress !== undefined && splitter.recordCount - lastReport >= 100_000) {
        lastReport = splitter.recordCount;
        r.onProgress(lastReport);
      }
    }
    if (checking) decoder.decode();
  } catch (e) {
    if (e instanceof TypeError && /decode|encoded/i.test(e.message)) {
      throw new InvalidInputError({ field: "source", value: source.name, expected: "UTF-8 text (the file has bytes that are not UTF-8: is it CSV?)", source: source.name });
    }
    throw e;
  }
  splitter.finish();
  r.onProgress?.(splitter.recordCount);
  if (collector === null) {
    throw new InvalidInputError({ field: "source", value: source.name, expected: "a CSV file with a header line (this one is empty)", source: source.name });
  }
  return (collector as EncodedCollector).finish();
}

/**
 * Records a file of `totalBytes` probably holds, from the line length of its first chunk, with 15%
 * to spare (later lines are often longer: ids and amounts grow); undefined when the size is unknown or not the text's (compressed), or the chunk too
 * short to tell.
 */
export function estimateRows(first: Uint8Array, totalBytes: number | undefined, compressed: boolean): number | undefined {
  if (totalBytes === undefined || compressed || first.length < 4096) return undefined;
  let lines = 0;
  for (let at = first.indexOf(10); at >= 0; at = first.indexOf(10, at + 1)) lines++;
  if (lines < 16) return undefined;
  return Math.min(2 ** 30, Math.ceil((1.15 * totalBytes * lines) / first.length) + 1024);
}

/** Whether every byte is below 0x80, tested four at a time. */
function isAscii(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  for (; i < n && (b.byteOffset + i) % 4 !== 0; i++) if (b[i]! > 0x7f) return false;
  const words = new Uint32Array(b.buffer, b.byteOffset + i, (n - i) >>> 2);
  let any = 0;
  for (let k = 0; k < words.length; k++) any |= words[k]!;
  if ((any & 0x80808080) !== 0) return false;
  for (i += 4 * words.length; i < n; i++) if (b[i]! > 0x7f) return false;
  return true;
}
