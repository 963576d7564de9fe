/**
 * The CSV reader's fast path: a run of plain records (no quotes, one line
 * each, the header's number of fields, a non-empty id, an ISO instant, a
 * plain decimal amount or none, a non-empty name with an event column) read from the bytes straight into the
 * collector, with no {@link CsvRecord} and no callback per record.
 *
 * Why this shape: the general splitter hands every record on through a
 * reused record object and a callback, and tests for quotes and slots at
 * every field; at ten million records that bookkeeping cost more than the
 * fields' own parsing. Nearly every record of an export is plain, so one
 * function reads them back to back, in a loop V8 optimises whole (called
 * once per chunk), and stops at the first record it cannot take whole: a
 * quote, an empty line, a ragged or unfinished record, a value for the
 * general parsers. The splitter then reads that one record the general way
 * (same values, same errors, with its line) and calls this again. Records
 * read here give the very values the general path gives.
 *
 * @internal
 * @module
 */
import type { ByteIdDictionary } from "./byteIds.ts";
import { decimalMinorUnitsBytes, isoInstantBytes } from "./byteFields.ts";
import { CR, LF, QUOTE, type PlainRecordReader } from "./csv.ts";
import type { EncodedCollector } from "./encodedEvents.ts";

/** Where the three fields are in a record, and how to read them. */
export interface PlainCsvPlan {
  /** The delimiter's byte. */
  readonly delimiter: number;
  /** Fields per record (the header's). */
  readonly columns: number;
  /** 0-based columns of the id, the instant, the amount and the event name (-1: none). */
  readonly idColumn: number;
  readonly atColumn: number;
  readonly amountColumn: number;
  readonly eventColumn: number;
  /** Whether instants without an offset are UTC (the table's zone is UTC). */
  readonly utc: boolean;
  /** The currency scale (decimals of an amount). */
  readonly scale: number;
}

/** Reads plain records into a collector; see the module's header. */
export class PlainCsvRecords implements PlainRecordReader {
  /** Records read by the last {@link PlainCsvRecords.read}. */
  records = 0;

  constructor(
    private readonly plan: PlainCsvPlan,
    private readonly ids: ByteIdDictionary,
    private readonly names: ByteIdDictionary,
    private readonly collector: EncodedCollector,
  ) {}

  /**
   * Reads the plain records of b from `from` on, up to the first other one
   * or the first unfinished one (before `n`); returns where it stopped and
   * sets {@link PlainCsvRecords.records}.
   */
  read(b: Uint8Array, from: number, n: number): number {
    const { delimiter, columns, idColumn, atColumn, amountColumn, eventColumn, utc, scale } = this.plan;
    const ids = this.ids;
    const names = this.names;
    const collector = this.collector;
    let start = from;
    let records = 0;
    for (;;) {
      let p = start;
      let col = 0;
      let idStart = 0;
      let idEnd = 0;
      let atStart = 0;
      let atEnd = 0;
      let amountStart = 0;
      let amountEnd = 0;
      let eventStart = 0;
      let eventEnd = 0;
      let c = 0;
      let ended = false;
      for (;;) {
        const fieldStart = p;
        while (p < n) {
          c = b[p]!;
          if (c === delimiter || c === LF || c === CR || c === QUOTE) break;
          p++;
        }
        if (p === n || c === QUOTE) break;
        if (col === idColumn) {
          idStart = fieldStart;
          idEnd = p;
        } else if (col === atColumn) {
          atStart = fieldStart;
          atEnd = p;
        } else if (col === amountColumn) {
          amountStart = fieldStart;
          amountEnd = p;
        } else if (col === eventColumn) {
          eventStart = fieldStart;
          eventEnd = p;
        }
        col++;
        p++;
        if (c !== delimiter) {
          ended = true;
          break;
        }
      }
      // Not plain (a quote, an empty line, another number of fields, no id, no name), or unfinished:
      // the general path reads it, or waits for the next chunk.
      if (!ended || col !== columns || idEnd === idStart || p - 1 === start || (eventColumn >= 0 && eventEnd === eventStart)) break;
      if (c === CR) {
        if (p === n || b[p] !== LF) break; // an LF may follow in the next chunk; a lone CR is the general path's
        p++;
      }
      const t = isoInstantBytes(b, atStart, atEnd, utc);
      if (t !== t) break;
      let units = 0;
      const given = amountEnd > amountStart;
      if (given) {
        units = decimalMinorUnitsBytes(b, amountStart, amountEnd, scale);
        if (units !== units) break;
      }
      collector.addCoded(ids.codeOfBytes(b, idStart, idEnd), t, units, given, eventColumn >= 0 ? names.codeOfBytes(b, eventStart, eventEnd) : -1);
      records++;
      start = p;
    }
    this.records = records;
    return start;
  }
}
