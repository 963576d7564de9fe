import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";
import { readEvents, type ReadProgress } from "../../src/io/index.ts";
import { fc, test } from "../support/fc.ts";
import { contents } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "read-events-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (text: string) => new TextEncoder().encode(text);

async function refusal(p: Promise<unknown>): Promise<InvalidInputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error("did not throw");
}

/** RFC 4180 quoting of a field when needed (or always, with `always`: the reader's general path then reads it). */
function quote(field: string, always = false): string {
  return always || /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

const row = fc.record({
  customerId: fc.oneof(fc.constantFrom("a", "b", "c,d", 'q"q', "line\nbreak", "日本", "__proto__", "1"), fc.string({ minLength: 1, maxLength: 4 })),
  at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }).map((t) => new Date(t).toISOString()),
  amount: fc.oneof(fc.constant(""), fc.integer({ min: -99999, max: 99999 }).map((c) => (c / 100).toFixed(2))),
  quoted: fc.boolean(),
});

describe("readEvents on CSV", () => {
  it("reads the documented example", async () => {
    const csv = 'user_id,created_at,total\nu1,2024-01-05T10:00:00Z,19.99\nu2,2024-01-06T11:00:00Z,""\n';
    const table = await readEvents(bytes(csv), { format: "csv", fields: { customerId: "user_id", at: "created_at", amount: "total" } });
    expect([table.length, table.customerCount, String(table.row(0).amount), String(table.row(1).amount)]).toEqual([2, 2, "19.99", "0"]);
  });

  test.prop([fc.array(row, { maxLength: 30 }), fc.boolean(), fc.boolean()], { numRuns: 60 })(
    "gives the table eventTable gives on the same rows (quotes, commas, line breaks, unicode, empty amounts, CRLF, BOM)",
    async (rows, crlf, bom) => {
      const eol = crlf ? "\r\n" : "\n";
      const text = (bom ? "\uFEFF" : "") + ["customerId,at,amount", ...rows.map((r) => [r.customerId, r.at, r.amount].map((f) => quote(f, r.quoted)).join(","))].join(eol) + eol;
      const read = await readEvents(bytes(text), { format: "csv" });
      const expected = eventTable(rows.map((r) => ({ customerId: r.customerId, at: r.at, amount: r.amount === "" ? null : r.amount })));
      expect(contents(read)).toEqual(contents(expected));
    },
  );

  // The reader's fast path takes plain records whole and hands any other to the general path: wherever
  // the chunks are cut, with bad rows skipped among them, the table and the skipped rows (by row number)
  // are those of eventTable on the same rows.
  const anyRow = fc.oneof(
    { weight: 4, arbitrary: row },
    fc.record({
      customerId: fc.constantFrom("a", "", "C7", "C07"),
      at: fc.constantFrom("soon", "2024-02-30T00:00:00Z", "2024-03-01 10:00:00", "2024-03-01T10:00:00+01:00", "1709287200000"),
      amount: fc.constantFrom("1.234", "12", "-0.5", "1e3", ""),
      quoted: fc.constant(false),
    }),
  );
  test.prop([fc.array(anyRow, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom("\n", "\r\n"), fc.boolean()], { numRuns: 80 })(
    "reads plain and other records alike wherever the chunks are cut, skipping the same rows as eventTable",
    async (rows, cuts, eol, blankLines) => {
      const lines = rows.map((r) => [r.customerId, r.at, r.amount].map((f) => quote(f, r.quoted)).join(","));
      const text = ["customerId,at,amount", ...lines].join(blankLines ? eol + eol : eol) + eol;
      const all = bytes(text);
      const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((x, y) => x - y);
      const pieces = [0, ...at, all.length].slice(1).map((end, i, ends) => Buffer.from(all.subarray(i === 0 ? 0 : ends[i - 1]!, end)));
      const read = await readEvents(Readable.from(pieces), { format: "csv", onInvalid: "skip" });
      const expected = eventTable(
        rows.map((r) => ({ customerId: r.customerId, at: r.at, amount: r.amount === "" ? null : r.amount })),
        { onInvalid: "skip" },
      );
      expect(contents(read)).toEqual(contents(expected));
      expect(read.skipped.examples.map((e) => [e.row, e.field])).toEqual(expected.skipped.examples.map((e) => [e.row, e.field]));
    },
  );

  // An event column: plain records code the name by its bytes, quoted or odd ones take the general path;
  // either way the table is eventTable's on the same rows, names included, and a row without a name is bad.
  const named = fc.record({
    customerId: fc.constantFrom("a", "b", "C7", "c,d"),
    at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) }).map((t) => new Date(t).toISOString()),
    amount: fc.constantFrom("", "1.50", "12"),
    event: fc.constantFrom("signup", "purchase", "page view", "a,b", "日本", "", "12"),
    quoted: fc.boolean(),
  });
  test.prop([fc.array(named, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom("event", "kind")], { numRuns: 80 })(
    "reads an event column into names as eventTable does, wherever the chunks are cut, skipping rows without a name",
    async (rows, cuts, column) => {
      const text = [`${column},customerId,at,amount`, ...rows.map((r) => [r.event, r.customerId, r.at, r.amount].map((f) => quote(f, r.quoted)).join(","))].join("\n") + "\n";
      const all = bytes(text);
      const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((x, y) => x - y);
      const pieces = [0, ...at, all.length].slice(1).map((end, i, ends) => Buffer.from(all.subarray(i === 0 ? 0 : ends[i - 1]!, end)));
      const options = { format: "csv" as const, onInvalid: "skip" as const, ...(column === "event" ? {} : { fields: { event: column } }) };
      const read = await readEvents(Readable.from(pieces), options);
      const expected = eventTable(
        rows.map((r) => ({ customerId: r.customerId, at: r.at, amount: r.amount === "" ? null : r.amount, event: r.event })),
        { onInvalid: "skip", fields: { event: "event" } },
      );
      expect(contents(read)).toEqual(contents(expected));
      expect(read.hasEventNames).toBe(true);
    },
  );

  it("reads event names and refuses a row without one, naming its line; a file without the column has none", async () => {
    const text = "customerId,at,event\nu1,2024-01-01T00:00:00Z,signup\nu1,2024-01-02T00:00:00Z,purchase\nu2,2024-01-03T00:00:00Z,\n";
    const e = await refusal(readEvents(bytes(text), { format: "csv" }));
    expect([e.field, e.row, e.line, e.value]).toEqual(["event", 2, 4, ""]);
    const skipped = await readEvents(bytes(text), { format: "csv", onInvalid: "skip" });
    expect([skipped.length, [...skipped.eventNames], skipped.skipped.byField]).toEqual([2, ["purchase", "signup"], { customerId: 0, at: 0, amount: 0, event: 1 }]);
    const plain = await readEvents(bytes("customerId,at\nu1,2024-01-01T00:00:00Z\n"), { format: "csv" });
    expect([plain.hasEventNames, plain.skipped.byField]).toEqual([false, { customerId: 0, at: 0, amount: 0 }]);
    const missing = await refusal(readEvents(bytes("customerId,at\nu1,2024-01-01T00:00:00Z\n"), { format: "csv", fields: { event: "type" } }));
    expect([missing.field, missing.value]).toEqual(["fields.event", "type"]);
    expect(missing.message).toContain('the file has columns "customerId", "at"');
  });

  it("names the line of a bad record after plain ones, in a later chunk", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `C${i},2024-01-01T00:00:00Z,1.00`);
    lines.push("C9,yesterday,1");
    const text = "customerId,at,amount\n" + lines.join("\n") + "\n";
    const e = await refusal(readEvents(Readable.from([Buffer.from(text.slice(0, 70_000)), Buffer.from(text.slice(70_000))]), { format: "csv" }));
    expect([e.field, e.row, e.line, e.value]).toEqual(["at", 5000, 5002, "yesterday"]);
  });

  it("reads files, gzip, streams, Blobs and TSV alike, and reports progress", async () => {
    const text = "customerId,at,amount\nx,2024-01-01T00:00:00Z,1.50\ny,2024-01-02T00:00:00Z,2\nx,2024-01-03T00:00:00Z,\n";
    const expected = contents(await readEvents(bytes(text), { format: "csv" }));
    writeFileSync(join(dir, "e.csv"), text);
    writeFileSync(join(dir, "e.csv.gz"), gzipSync(text));
    writeFileSync(join(dir, "e.tsv"), text.replaceAll(",", "\t"));
    const progress: ReadProgress[] = [];
    expect(contents(await readEvents(join(dir, "e.csv"), { onProgress: (p) => progress.push(p) }))).toEqual(expected);
    expect(progress.at(-1)).toEqual({ rows: 3, bytes: text.length, totalBytes: text.length });
    expect(contents(await readEvents(join(dir, "e.csv.gz")))).toEqual(expected);
    expect(contents(await readEvents(new URL(`file://${join(dir, "e.tsv")}`)))).toEqual(expected);
    expect(contents(await readEvents(Readable.from([Buffer.from(text.slice(0, 10)), Buffer.from(text.slice(10))]), { format: "csv" }))).toEqual(expected);
    expect(contents(await readEvents(new Blob([text]), { format: "csv" }))).toEqual(expected);
    expect(contents(await readEvents(new Blob([gzipSync(text)]).stream(), { format: "csv" }))).toEqual(expected);
    expect(contents(await readEvents(bytes(text).buffer as ArrayBuffer, { format: "csv" }))).toEqual(expected);
  });

  it("reads a file without a header by column numbers, and epoch numbers with epochUnit", async () => {
    const t = await readEvents(bytes("u1;1704067200;3\nu2;1704153600;4\n"), { format: "csv", delimiter: ";", header: false, fields: { customerId: 0, at: 1, amount: 2 }, epochUnit: "s" });
    expect(Array.from(t.times())).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]);
    expect(t.customerIds).toEqual(["u1", "u2"]);
  });

  it("skips and counts bad rows with onInvalid: skip, naming them", async () => {
    const t = await readEvents(bytes("customerId,at,amount\na,2024-01-01,1\n,2024-01-01,1\nb,soon,1\nc,2024-01-02,1.234\n"), { format: "csv", onInvalid: "skip" });
    expect(t.length).toBe(1);
    expect(t.skipped.byField).toEqual({ customerId: 1, at: 1, amount: 1 });
    expect(t.skipped.examples.map((e) => e.row)).toEqual([1, 2, 3]);
  });

  it("refuses bad files with a typed error naming the file, line or row, and field", async () => {
    const missing = await refusal(readEvents(join(dir, "nope.csv")));
    expect([missing.field, missing.source]).toEqual(["source", join(dir, "nope.csv")]);
    expect(missing.message).toContain("no such file");
    writeFileSync(join(dir, "empty.csv"), "");
    expect((await refusal(readEvents(join(dir, "empty.csv")))).message).toContain("header line");
    const noId = await refusal(readEvents(bytes("customer_id,ordered_at,amount\nC1,2024-01-01,1\n"), { format: "csv" }));
    expect(noId.field).toBe("fields.customerId");
    expect(noId.message).toContain('pass fields: { customerId: "customer_id", at: "ordered_at", amount: "amount" }');
    const ragged = await refusal(readEvents(bytes("customerId,at\na,2024-01-01\nb,2024-01-02,9\n"), { format: "csv" }));
    expect([ragged.line, ragged.field]).toEqual([3, "record"]);
    const wrongDelimiter = await refusal(readEvents(bytes("customerId;at\na;2024-01-01\n"), { format: "csv" }));
    expect(wrongDelimiter.message).toContain('the file has columns "customerId;at"');
    const instant = await refusal(readEvents(bytes("customerId,at\na,2024-01-01\nb,yesterday\n"), { format: "csv" }));
    expect([instant.field, instant.row, instant.line, instant.value]).toEqual(["at", 1, 3, "yesterday"]);
    writeFileSync(join(dir, "fake.csv.gz"), "customerId,at\n");
    expect((await refusal(readEvents(join(dir, "fake.csv.gz")))).message).toContain("gzip");
    writeFileSync(join(dir, "broken.csv.gz"), gzipSync("customerId,at\na,2024-01-01\n").subarray(0, 20));
    expect((await refusal(readEvents(join(dir, "broken.csv.gz")))).message).toContain("gzip");
    expect((await refusal(readEvents(bytes("x")))).field).toBe("format");
    expect((await refusal(readEvents(42 as never))).field).toBe("source");
    expect((await refusal(readEvents(bytes(""), { format: "xml" as never }))).field).toBe("format");
    const binary = await refusal(readEvents(Uint8Array.from([0x63, 0x2c, 0xff, 0xfe, 0x0a]), { format: "csv" }));
    expect([binary.field, binary.message.includes("UTF-8")]).toEqual(["source", true]);
  });
});

describe("readEvents on NDJSON and JSON", () => {
  test.prop([fc.array(row, { maxLength: 20 })], { numRuns: 40 })("gives the table eventTable gives on the same rows", async (rows) => {
    const objects = rows.map((r) => ({ customerId: r.customerId, at: r.at, ...(r.amount === "" ? {} : { amount: r.amount }) }));
    const expected = contents(eventTable(objects));
    expect(contents(await readEvents(bytes(objects.map((o) => JSON.stringify(o)).join("\n")), { format: "ndjson" }))).toEqual(expected);
    expect(contents(await readEvents(bytes(JSON.stringify(objects)), { format: "json" }))).toEqual(expected);
    expect(contents(await readEvents(bytes(JSON.stringify({ data: objects })), { format: "json" }))).toEqual(expected);
  });

  it("reads event names from an event key, or the key fields.event names", async () => {
    const objects = [
      { customerId: "a", at: "2024-01-01T00:00:00Z", event: "signup", kind: "x" },
      { customerId: "a", at: "2024-01-02T00:00:00Z", event: "purchase", kind: "y" },
    ];
    const text = bytes(objects.map((o) => JSON.stringify(o)).join("\n"));
    expect(contents(await readEvents(text, { format: "ndjson" })).events).toEqual(["signup", "purchase"]);
    expect(contents(await readEvents(text, { format: "ndjson", fields: { event: "kind" } })).events).toEqual(["x", "y"]);
    expect(contents(await readEvents(bytes(JSON.stringify(objects)), { format: "json", fields: { event: "kind" } })).events).toEqual(["x", "y"]);
  });

  it("names the line of a bad row and of bad JSON", async () => {
    const bad = await refusal(readEvents(bytes('{"customerId":"a","at":"2024-01-01"}\n\n{"customerId":"b","at":"bad"}\n'), { format: "ndjson" }));
    expect([bad.field, bad.row, bad.line]).toEqual(["at", 1, 3]);
    const notJson = await refusal(readEvents(bytes('{"customerId":"a","at":"2024-01-01"}\n{oops\n'), { format: "ndjson" }));
    expect([notJson.field, notJson.line]).toEqual(["line", 2]);
    expect((await refusal(readEvents(bytes("[1,"), { format: "json" }))).message).toContain("a JSON document");
  });
});
