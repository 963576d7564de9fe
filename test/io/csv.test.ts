import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { CsvSplitter } from "../../src/io/csv.ts";
import { fc, test } from "../support/fc.ts";

/** Every record of `text` (all columns), its UTF-8 bytes split as chunks at the given cut points (in bytes). */
function records(text: string, cuts: number[] = [], options: { delimiter?: string; header?: boolean } = {}): { header: string[]; rows: Array<{ values: string[]; line: number }> } {
  let header: string[] = [];
  const rows: Array<{ values: string[]; line: number }> = [];
  const splitter = new CsvSplitter({
    delimiter: options.delimiter ?? ",",
    header: options.header ?? true,
    source: "test.csv",
    select: (names) => {
      header = [...names];
      return { slots: Int32Array.from(names, (_, i) => i), width: names.length };
    },
    onRecord: (record, line) => rows.push({ values: header.map((_, i) => record.text(i)), line }),
  });
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(at, cut));
    at = cut;
  }
  splitter.push(bytes.subarray(at));
  splitter.finish();
  return { header, rows };
}

/** RFC 4180 quoting of one field, when needed. */
function quote(field: string): string {
  return /[",\r\n]/.test(field) || field === "" ? `"${field.replaceAll('"', '""')}"` : field;
}

describe("CsvSplitter", () => {
  it("splits fields and records as RFC 4180 writes them", () => {
    const { header, rows } = records('a,b,c\r\n1,"x, ""y""",\r\n2,"multi\nline",z\n');
    expect(header).toEqual(["a", "b", "c"]);
    expect(rows).toEqual([
      { values: ["1", 'x, "y"', ""], line: 2 },
      { values: ["2", "multi\nline", "z"], line: 3 },
    ]);
  });

  it("drops a byte-order mark, skips empty lines, reads a last line without a break", () => {
    const { header, rows } = records("\uFEFFid,t\n\n1,2\r\n\r\n3,4");
    expect(header).toEqual(["id", "t"]);
    expect(rows).toEqual([
      { values: ["1", "2"], line: 3 },
      { values: ["3", "4"], line: 5 },
    ]);
  });

  it("reads tab-separated text and text without a header", () => {
    expect(records("x\ty\n1\t2\n", [], { delimiter: "\t" }).rows[0]!.values).toEqual(["1", "2"]);
    const { header, rows } = records("1,2\n3,4\n", [], { header: false });
    expect(header).toEqual(["0", "1"]);
    expect(rows.map((r) => r.values)).toEqual([["1", "2"], ["3", "4"]]);
  });

  it("refuses a ragged record with its line, a stray quote, an unclosed quote, a bad delimiter", () => {
    const caught = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as InvalidInputError;
      }
      throw new Error("did not throw");
    };
    const ragged = caught(() => records("a,b\n1,2\n1,2,3\n"));
    expect(ragged).toBeInstanceOf(InvalidInputError);
    expect(ragged.line).toBe(3);
    expect(ragged.source).toBe("test.csv");
    expect(ragged.message).toContain("2 fields, as the header has");
    expect(caught(() => records('a,b\n"1"x,2\n')).message).toContain("a delimiter or a line break after a closing quote");
    const open = caught(() => records('a,b\n1,"2\n3,4\n'));
    expect(open.line).toBe(2);
    expect(open.message).toContain("the file ends inside a quoted field");
    expect(caught(() => new CsvSplitter({ delimiter: ";;", header: true, source: "x", select: () => ({ slots: new Int32Array(0), width: 0 }), onRecord: () => {} })).field).toBe("delimiter");
    expect(caught(() => records("")).message).toContain("header line");
  });

  const field = fc.oneof(
    fc.string({ unit: fc.constantFrom("a", "é", "😀", ",", '"', "\n", "\r\n", " ", "1") }),
    fc.constantFrom("", "plain", '"quoted"', "a,b"),
  );
  const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
    fc.tuple(fc.constant(width), fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 12 })),
  );

  test.prop([table, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), fc.boolean()])(
    "gives back the fields that were written, wherever the chunks are cut, with LF or CRLF",
    ([width, rows], cuts, crlf, bom) => {
      const header = Array.from({ length: width }, (_, i) => `c${i}`);
      // A record of one empty field would be an empty line: quote it, as writers do.
      const line = (r: string[]) => (r.length === 1 && r[0] === "" ? '""' : r.map(quote).join(","));
      const eol = crlf ? "\r\n" : "\n";
      const text = (bom ? "\uFEFF" : "") + [header, ...rows].map(line).join(eol) + eol;
      const got = records(text, cuts.map((c) => c % (new TextEncoder().encode(text).length + 1)));
      expect(got.header).toEqual(header);
      expect(got.rows.map((r) => r.values)).toEqual(rows);
    },
  );
});
