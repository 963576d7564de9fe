/**
 * A streaming CSV/TSV record splitter over bytes, as RFC 4180 writes the
 * format: fields separated by a one-character delimiter, records by CRLF or
 * LF (a lone CR too), fields in double quotes may hold delimiters, quotes
 * (doubled) and line breaks; a UTF-8 byte-order mark at the start is dropped;
 * empty lines are skipped; a record with another number of fields than the
 * header is refused with its line number.
 *
 * Why this shape: a reader of a 10M-row file needs two or three of its
 * columns and, for most of them, not their text but what the bytes say (an
 * instant, an amount, an id to look up). So the splitter works on the UTF-8
 * bytes as they arrive (no decoding of the whole text, which alone took
 * longer than the split), steps over unwanted fields, and hands the caller
 * the byte range of each wanted field in one reused {@link CsvRecord}; a
 * field's text is made only when the caller asks for it. The text arrives in
 * chunks, and only the unfinished last record of a chunk is carried over, so
 * memory holds one chunk, not the file. The general CSV libraries measured
 * slower here because they build a string of every field of every record;
 * see docs/performance.md.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";

/** The bytes that end or quote a field (the delimiter aside). */
export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

/** What the splitter needs to know. */
export interface CsvSplitterOptions {
  /** The field delimiter, one character of one UTF-8 byte (`,` for CSV, tab for TSV). */
  readonly delimiter: string;
  /** Whether the first record names the columns (else they are named "0", "1", ...). */
  readonly header: boolean;
  /** Name of the source, for error messages. */
  readonly source: string;
  /**
   * Given the column names, the slot of each column in the record handed to
   * `onRecord` (-1: not wanted), and how many slots there are.
   */
  readonly select: (names: readonly string[]) => { slots: Int32Array; width: number; plain?: PlainRecordReader };
  /** Called per data record with the wanted fields (one reused record, valid during the call) and the record's first line. */
  readonly onRecord: (record: CsvRecord, line: number) => void;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A caller's fast path for the records it can read whole from the bytes (see
 * plainCsvRecords.ts): `read` takes records of b from `from` on, stops before
 * the first it cannot take or that is unfinished before `n`, returns where,
 * and sets `records` to how many it took. Each is one line.
 */
export interface PlainRecordReader {
  records: number;
  read(b: Uint8Array, from: number, n: number): number;
}

/**
 * The wanted fields of one record, by slot: the bytes from `start` to `end`
 * of `bytes` (inside the quotes, for a quoted field). Valid during `onRecord`
 * only: the buffer is reused.
 */
export class CsvRecord {
  bytes: Uint8Array = new Uint8Array(0);
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Per slot: 0 unquoted, 1 quoted, 2 quoted with doubled quotes inside. */
  readonly quoted: Uint8Array;

  constructor(width: number) {
    this.start = new Int32Array(width);
    this.end = new Int32Array(width);
    this.quoted = new Uint8Array(width);
  }

  /** The text of the field in `slot` (quotes undoubled). */
  text(slot: number): string {
    const s = utf8.decode(this.bytes.subarray(this.start[slot]!, this.end[slot]!));
    return this.quoted[slot] === 2 ? s.replaceAll('""', '"') : s;
  }
}

/** Splits CSV bytes, given in chunks, into records. */
export class CsvSplitter {
  private readonly delimiter: number;
  private carry: Uint8Array | null = null;
  /** Where a carried record and the next chunk are put together (reused: fresh megabytes cost page faults). */
  private work = new Uint8Array(0);
  /** Line on which the next record starts. */
  private line = 1;
  private started = false;
  private columns = -1;
  private slots: Int32Array | null = null;
  private plain: PlainRecordReader | null = null;
  private record = new CsvRecord(0);
  private records = 0;

  constructor(private readonly options: CsvSplitterOptions) {
    const d = options.delimiter;
    if (typeof d !== "string" || d.length !== 1 || /["\r\n]/.test(d) || d.charCodeAt(0) > 0x7f) {
      throw new InvalidInputError({ field: "delimiter", value: d, expected: 'one ASCII character other than a quote or a line break (such as "," or "\\t")' });
    }
    this.delimiter = d.charCodeAt(0);
  }

  /** Data records handed on so far. */
  get recordCount(): number {
    return this.records;
  }

  /** Splits a chunk; an unfinished last record waits for the next chunk. */
  push(chunk: Uint8Array): void {
    let bytes = this.carry === null || this.carry.length === 0 ? chunk : this.join(this.carry, chunk);
    if (!this.started) {
      // A byte-order mark is three bytes: wait for them.
      if (bytes.length < 3) {
        this.carry = bytes.slice();
        return;
      }
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    this.carry = bytes.subarray(this.split(bytes, false));
  }

  /** The carried bytes followed by the chunk, in the work buffer. */
  private join(carry: Uint8Array, chunk: Uint8Array): Uint8Array {
    const n = carry.length + chunk.length;
    if (this.work.length < n) {
      const bigger = new Uint8Array(Math.max(n, 2 * this.work.length));
      bigger.set(carry, 0);
      this.work = bigger;
    } else if (carry.buffer === this.work.buffer) {
      this.work.copyWithin(0, carry.byteOffset - this.work.byteOffset, carry.byteOffset - this.work.byteOffset + carry.length);
    } else {
      this.work.set(carry, 0);
    }
    this.work.set(chunk, carry.length);
    return this.work.subarray(0, n);
  }

  /** Splits what is left at the end of the text. */
  finish(): void {
    let bytes = this.carry ?? new Uint8Array(0);
    this.carry = null;
    if (!this.started && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    this.started = true;
    if (bytes.length > 0) this.split(bytes, true);
    if (this.slots === null && this.options.header) {
      throw new InvalidInputError({ field: "source", value: this.options.source, expected: "a CSV file with a header line naming its columns (this one is empty)" });
    }
  }

  /** Splits complete records of `b`; returns where the unfinished one starts (b.length when none). */
  private split(b: Uint8Array, final: boolean): number {
    const n = b.length;
    const delim = this.delimiter;
    let start = 0;
    while (start < n) {
      const plain = this.plain;
      if (plain !== null) {
        // The caller's fast path takes what it can; the loop below then reads one record the general way.
        const to = plain.read(b, start, n);
        if (to !== start) {
          this.line += plain.records;
          this.records += plain.records;
          start = to;
          if (start >= n) break;
        }
      }
      const first = b[start]!;
      if (first === LF || first === CR) {
        // An empty line (a CR at the end of a chunk waits: an LF may follow).
        if (first === CR && start + 1 === n && !final) return start;
        start += first === CR && b[start + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      const slots = this.slots;
      // The header (or, without one, the first record) is gathered whole (every field's range); later records go through the slots.
      const all: number[] | null = slots === null ? [] : null;
      const rec = this.record;
      const starts = rec.start;
      const ends = rec.end;
      const quoted = rec.quoted;
      const wanted = slots === null ? 0 : slots.length;
      let p = start;
      let col = 0;
      let breaks = 0;
      let complete = false;
      for (;;) {
        const slot = col < wanted ? slots![col]! : -1;
        if (b[p] === QUOTE) {
          let q = p + 1;
          let closed = -1;
          let doubled = false;
          for (;;) {
            const k = b.indexOf(QUOTE, q);
            if (k < 0) break;
            if (k + 1 === n && !final) break; // cannot tell "" from a closing quote yet
            if (b[k + 1] === QUOTE) {
              doubled = true;
              q = k + 2;
              continue;
            }
            closed = k;
            break;
          }
          if (closed < 0) {
            if (!final) return start;
            throw this.error(this.line + breaks, "a closing quote for the field opened here (the file ends inside a quoted field)", text(b, p, Math.min(n, p + 40)));
          }
          if (slot >= 0) {
            starts[slot] = p + 1;
            ends[slot] = closed;
            quoted[slot] = doubled ? 2 : 1;
          } else if (all !== null) all.push(p + 1, closed, doubled ? 2 : 1);
          breaks += countBreaks(b, p + 1, closed);
          p = closed + 1;
          const c = b[p];
          if (p < n && c !== delim && c !== LF && c !== CR) {
            throw this.error(this.line + breaks, "a delimiter or a line break after a closing quote", text(b, p - 1, Math.min(n, p + 20)));
          }
        } else {
          let q = p;
          while (q < n) {
            const c = b[q]!;
            if (c === delim || c === LF || c === CR) break;
            q++;
          }
          if (q === n && !final) return start;
          if (slot >= 0) {
            starts[slot] = p;
            ends[slot] = q;
            quoted[slot] = 0;
          } else if (all !== null) all.push(p, q, 0);
          p = q;
        }
        col++;
        const c = b[p];
        if (c === delim) {
          p++;
          if (p === n && !final) return start;
          continue;
        }
        if (c === CR) {
          p++;
          if (p === n && !final) return start; // an LF may follow in the next chunk
          if (b[p] === LF) p++;
          complete = true;
        } else if (c === LF) {
          p++;
          complete = true;
        } else {
          complete = p >= n; // the end of the text, when final
        }
        break;
      }
      if (!complete) return start;
      rec.bytes = b;
      this.handOn(col, all);
      this.line += breaks + 1;
      start = p;
    }
    return n;
  }

  /** Hands on a complete record of `fields` fields (the header, when `first` has the ranges of its fields). */
  private handOn(fields: number, first: number[] | null): void {
    if (first !== null) {
      // The first record's fields, by column: start, end and quoting, three numbers each.
      const rec = new CsvRecord(fields);
      rec.bytes = this.record.bytes;
      for (let i = 0; i < fields; i++) {
        rec.start[i] = first[3 * i]!;
        rec.end[i] = first[3 * i + 1]!;
        rec.quoted[i] = first[3 * i + 2]!;
      }
      const names = Array.from({ length: fields }, (_, i) => (this.options.header ? rec.text(i) : String(i)));
      this.columns = fields;
      const chosen = this.options.select(names);
      this.slots = chosen.slots;
      this.plain = chosen.plain ?? null;
      this.record = new CsvRecord(chosen.width);
      if (this.options.header) return;
      // Without a header the first record is data: hand it on through the slots.
      const data = this.record;
      data.bytes = rec.bytes;
      for (let i = 0; i < fields; i++) {
        const slot = chosen.slots[i]!;
        if (slot < 0) continue;
        data.start[slot] = rec.start[i]!;
        data.end[slot] = rec.end[i]!;
        data.quoted[slot] = rec.quoted[i]!;
      }
    }
    if (fields !== this.columns) {
      throw this.error(this.line, `${this.columns} fields, as the ${this.options.header ? "header has" : "first line has"} (check the delimiter and the quoting)`, `${fields} fields`);
    }
    this.records++;
    this.options.onRecord(this.record, this.line);
  }

  private error(line: number, expected: string, value: unknown): InvalidInputError {
    return new InvalidInputError({ field: "record", value, expected, source: this.options.source, line });
  }
}

/** The text of b[from, to). */
function text(b: Uint8Array, from: number, to: number): string {
  return utf8.decode(b.subarray(from, to));
}

/** Line breaks inside b[from, to): CRLF, LF and lone CR each count once. */
function countBreaks(b: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c === LF) count++;
    else if (c === CR && b[i + 1] !== LF) count++;
  }
  return count;
}
