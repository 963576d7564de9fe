/**
 * A streaming CSV/TSV record splitter, as RFC 4180 writes the format: fields
 * separated by a one-character delimiter, records by CRLF or LF (a lone CR
 * too), fields in double quotes may hold delimiters, quotes (doubled) and
 * line breaks; a byte-order mark at the start is dropped; empty lines are
 * skipped; a record with another number of fields than the header is refused
 * with its line number.
 *
 * Why this shape: a reader of a 10M-row file needs two or three of its
 * columns, so only the wanted fields are sliced out of the text (the others are
 * stepped over), into one reused array handed to the caller per record; the
 * text arrives in chunks, and only the unfinished last record of a chunk is
 * carried over, so memory holds one chunk, not the file. The general CSV
 * libraries measured slower here because they build an array (or object) of
 * every field of every record; see docs/performance.md.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** What the splitter needs to know. */
export interface CsvSplitterOptions {
  /** The field delimiter, one character (`,` for CSV, tab for TSV). */
  readonly delimiter: string;
  /** Whether the first record names the columns (else they are named "0", "1", ...). */
  readonly header: boolean;
  /** Name of the source, for error messages. */
  readonly source: string;
  /**
   * Given the column names, the slot of each column in the record array
   * handed to `onRecord` (-1: not wanted), and how many slots there are.
   */
  readonly select: (names: readonly string[]) => { slots: Int32Array; width: number };
  /** Called per data record with the wanted fields (a reused array) and the record's first line. */
  readonly onRecord: (values: readonly string[], line: number) => void;
}

/** Splits CSV text, given in chunks, into records. */
export class CsvSplitter {
  private readonly delimiter: number;
  private carry = "";
  /** Line on which the next record starts. */
  private line = 1;
  private started = false;
  private columns = -1;
  private slots: Int32Array | null = null;
  private values: string[] = [];
  private records = 0;

  constructor(private readonly options: CsvSplitterOptions) {
    if (typeof options.delimiter !== "string" || options.delimiter.length !== 1 || /["\r\n]/.test(options.delimiter)) {
      throw new InvalidInputError({ field: "delimiter", value: options.delimiter, expected: 'one character other than a quote or a line break (such as "," or "\\t")' });
    }
    this.delimiter = options.delimiter.charCodeAt(0);
  }

  /** Data records handed on so far. */
  get recordCount(): number {
    return this.records;
  }

  /** Splits a chunk; an unfinished last record waits for the next chunk. */
  push(chunk: string): void {
    let text = this.carry + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.carry = text.slice(this.split(text, false));
  }

  /** Splits what is left at the end of the text. */
  finish(): void {
    const text = this.carry;
    this.carry = "";
    if (text.length > 0) this.split(text, true);
    if (this.slots === null && this.options.header) {
      throw new InvalidInputError({ field: "source", value: this.options.source, expected: "a CSV file with a header line naming its columns (this one is empty)" });
    }
  }

  /** Splits complete records of `s`; returns where the unfinished one starts (s.length when none). */
  private split(s: string, final: boolean): number {
    const n = s.length;
    const delim = this.delimiter;
    let start = 0;
    while (start < n) {
      const first = s.charCodeAt(start);
      if (first === LF || first === CR) {
        // An empty line (a CR at the end of a chunk waits: an LF may follow).
        if (first === CR && start + 1 === n && !final) return start;
        start += first === CR && s.charCodeAt(start + 1) === LF ? 2 : 1;
        this.line++;
        continue;
      }
      const slots = this.slots;
      // The header (or, without one, the first record) is gathered whole; later records go through the slots.
      const all: string[] | null = slots === null ? [] : null;
      let p = start;
      let col = 0;
      let breaks = 0;
      let complete = false;
      for (;;) {
        let value: string | undefined;
        const want = slots === null || (col < slots.length && slots[col]! >= 0);
        if (s.charCodeAt(p) === QUOTE) {
          let q = p + 1;
          let segment = q;
          let text = "";
          let closed = -1;
          while (q <= n) {
            const k = s.indexOf('"', q);
            if (k < 0) break;
            if (k + 1 === n && !final) break; // cannot tell "" from a closing quote yet
            if (s.charCodeAt(k + 1) === QUOTE) {
              if (want) text += s.slice(segment, k + 1);
              q = k + 2;
              segment = q;
              continue;
            }
            closed = k;
            break;
          }
          if (closed < 0) {
            if (!final) return start;
            throw this.error(this.line + breaks, "a closing quote for the field opened here (the file ends inside a quoted field)", s.slice(p, p + 40));
          }
          if (want) value = text + s.slice(segment, closed);
          breaks += countBreaks(s, p + 1, closed);
          p = closed + 1;
          const c = s.charCodeAt(p);
          if (p < n && c !== delim && c !== LF && c !== CR) {
            throw this.error(this.line + breaks, "a delimiter or a line break after a closing quote", s.slice(p - 1, p + 20));
          }
        } else {
          let q = p;
          while (q < n) {
            const c = s.charCodeAt(q);
            if (c === delim || c === LF || c === CR) break;
            q++;
          }
          if (q === n && !final) return start;
          if (want) value = s.slice(p, q);
          p = q;
        }
        if (all !== null) all.push(value!);
        else if (value !== undefined) this.values[slots![col]!] = value;
        col++;
        const c = s.charCodeAt(p);
        if (c === delim) {
          p++;
          if (p === n && !final) return start;
          continue;
        }
        if (c === CR) {
          p++;
          if (p === n && !final) return start; // an LF may follow in the next chunk
          if (s.charCodeAt(p) === LF) p++;
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
      this.record(col, all);
      this.line += breaks + 1;
      start = p;
    }
    return n;
  }

  /** Hands on a complete record of `fields` fields (the header, when it is the first). */
  private record(fields: number, first: string[] | null): void {
    if (first !== null) {
      const names = first;
      this.columns = fields;
      const chosen = this.options.select(this.options.header ? names : names.map((_, i) => String(i)));
      this.slots = chosen.slots;
      this.values = new Array<string>(chosen.width).fill("");
      if (this.options.header) return;
      // Without a header the first record is data: hand it on through the slots.
      for (let i = 0; i < names.length; i++) if (chosen.slots[i]! >= 0) this.values[chosen.slots[i]!] = names[i]!;
    }
    if (fields !== this.columns) {
      throw this.error(this.line, `${this.columns} fields, as the ${this.options.header ? "header has" : "first line has"} (check the delimiter and the quoting)`, `${fields} fields`);
    }
    this.records++;
    this.options.onRecord(this.values, this.line);
  }

  private error(line: number, expected: string, value: unknown): InvalidInputError {
    return new InvalidInputError({ field: "record", value, expected, source: this.options.source, line });
  }
}

/** Line breaks inside s[from, to): CRLF, LF and lone CR each count once. */
function countBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
