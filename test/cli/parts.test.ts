/**
 * The small parts of the command: the arguments, the column names of each
 * format and the mapping chosen from them, the progress lines, the JSON
 * conversion and the namespacing of the pictures' ids.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "../../src/cli/args.ts";
import { chooseColumns, columnNamesOf, fileFormatOf, headerFields, requireReadableFile } from "../../src/cli/columns.ts";
import { namespaceIds } from "../../src/cli/html.ts";
import { progress } from "../../src/cli/progress.ts";
import { loadEvents } from "../../src/cli/report.ts";
import { toJson } from "../../src/cli/reportJson.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { toDecimal } from "../../src/money.ts";

const dir = mkdtempSync(join(tmpdir(), "cli-parts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("parseCommandLine", () => {
  it("reads the report's options, with their defaults", () => {
    expect(parseCommandLine(["report", "a.csv"])).toEqual({ command: "report", args: { file: "a.csv", period: "month", timeZone: "UTC", weekStartsOn: 1, out: "." } });
    const c = parseCommandLine(["report", "a.txt", "-p", "isoweek", "--time-zone", "Europe/Paris", "--week-starts-on", "0", "--from", "2024-01-01", "--to", "2025-01-01", "-o", "out", "--format", "TSV", "--delimiter", "tab", "--customer", "u", "--at", "t", "--amount", "v"]);
    expect(c).toEqual({
      command: "report",
      args: { file: "a.txt", period: "isoWeek", timeZone: "Europe/Paris", weekStartsOn: 0, from: "2024-01-01", to: "2025-01-01", out: "out", format: "tsv", delimiter: "\t", customer: "u", at: "t", amount: "v" },
    });
    expect(parseCommandLine(["--help"])).toEqual({ command: "help", topic: "main" });
    expect(parseCommandLine(["report", "--help"])).toEqual({ command: "help", topic: "report" });
  });

  it("refuses what it cannot run, saying what to change", () => {
    const refused = (argv: string[], message: RegExp) => {
      expect(() => parseCommandLine(argv)).toThrow(UsageError);
      expect(() => parseCommandLine(argv)).toThrow(message);
    };
    refused([], /No command/);
    refused(["summarise", "a.csv"], /Unknown command "summarise"/);
    refused(["report"], /No file/);
    refused(["report", "a.csv", "b.csv"], /One file at a time/);
    refused(["report", "a.csv", "--colour"], /Unknown option '--colour'/);
    refused(["report", "a.csv", "--out"], /argument missing/);
    refused(["report", "a.csv", "--period", "fortnight"], /not a period unit: use one of day, week, isoWeek, month, quarter, year/);
    refused(["report", "a.csv", "--week-starts-on", "7"], /0 \(Sunday\) to 6/);
    refused(["report", "a.csv", "--week-starts-on", "monday"], /not a day of the week/);
    refused(["report", "a.csv", "--format", "xlsx"], /not a format/);
    refused(["report", "a.csv", "--delimiter", ";;"], /one character/);
    refused(["report", "a.csv", "--customer", ""], /--customer needs a value/);
  });
});

describe("the columns of a file", () => {
  it("reads a CSV header, with quotes and a byte-order mark", async () => {
    expect(headerFields('"User ID","a ""b""",c\r\n1,2,3', ",")).toEqual(["User ID", 'a "b"', "c"]);
    expect(headerFields("   \n", ",")).toBeNull();
    const path = file("bom.csv", '\uFEFF"Customer ID";Created At;Total\nc1;2024-01-01;1.00\n');
    expect(await columnNamesOf(path, "csv", ";")).toEqual(["Customer ID", "Created At", "Total"]);
    const gz = file("orders.tsv.gz", gzipSync("client\tdate\tprice\nc1\t2024-01-01\t3\n"));
    expect(await fileFormatOf(gz)).toBe("tsv");
    expect(await columnNamesOf(gz, "tsv")).toEqual(["client", "date", "price"]);
  });

  it("reads the keys of NDJSON and JSON rows", async () => {
    const nd = file("e.ndjson", '{"user_id":"a","ts":1}\n\n{"user_id":"b","ts":2,"revenue":3}\n');
    expect(await columnNamesOf(nd, await fileFormatOf(nd))).toEqual(["user_id", "ts", "revenue"]);
    const rows = file("rows.json", JSON.stringify({ events: [{ account_id: "a", occurred_at: "2024-01-01T00:00:00Z", value: 2 }] }));
    expect(await columnNamesOf(rows, "json")).toEqual(["account_id", "occurred_at", "value"]);
    const columns = file("columns.json", JSON.stringify({ member_id: ["a"], time: [1] }));
    expect(await columnNamesOf(columns, "json")).toEqual(["member_id", "time"]);
    await expect(columnNamesOf(file("bad.json", "{"), "json")).rejects.toThrow(/a JSON document/);
  });

  it("reads the schema of a Parquet file, telling the format from its bytes", async () => {
    const path = join(dir, "orders.data");
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(`COPY (SELECT 'c' || (i % 7) AS buyer_id, TIMESTAMP '2024-01-01' + to_days(i) AS purchase_date, (i % 5 + 1)::DECIMAL(8,2) AS sales FROM range(40) t(i)) TO '${path}' (FORMAT parquet)`);
    db.closeSync();
    expect(await fileFormatOf(path)).toBe("parquet");
    expect(await columnNamesOf(path, "parquet")).toEqual(["buyer_id", "purchase_date", "sales"]);
    const loaded = await loadEvents({ file: path, period: "month", timeZone: "UTC", weekStartsOn: 1, out: "." });
    expect(loaded.columns).toEqual({ customerId: { name: "buyer_id", by: "detected" }, at: { name: "purchase_date", by: "detected" }, amount: { name: "sales", by: "detected" } });
    expect(loaded.table.length).toBe(40);
    expect(loaded.table.customerCount).toBe(7);
    await expect(columnNamesOf(file("cut.parquet", "PAR1 not really"), "parquet")).rejects.toThrow(/a whole Parquet file/);
  });

  it("chooses the columns by name unless they are given", () => {
    expect(chooseColumns(["order_id", "Customer ID", "Ordered At", "Total"], {}, "f.csv")).toEqual({
      customerId: { name: "Customer ID", by: "detected" },
      at: { name: "Ordered At", by: "detected" },
      amount: { name: "Total", by: "detected" },
    });
    expect(chooseColumns(["who", "when", "amount"], { customer: "who", at: "when" }, "f.csv")).toEqual({
      customerId: { name: "who", by: "given" },
      at: { name: "when", by: "given" },
      amount: { name: "amount", by: "detected" },
    });
    expect(chooseColumns(["user", "date"], {}, "f.csv").amount).toBeNull();
    expect(() => chooseColumns(["name", "date"], {}, "f.csv")).toThrow(InvalidInputError);
    expect(() => chooseColumns(["name", "date"], {}, "f.csv")).toThrow(/customer id column.*"name", "date".*--customer <column>/);
    expect(() => chooseColumns(["user_id", "value"], {}, "f.csv")).toThrow(/time column.*--at <column>/);
    expect(() => chooseColumns(["user_id", "date"], { amount: "total" }, "f.csv")).toThrow(/Invalid --amount \(f\.csv\): "total"; expected a column of the file \(the file has columns "user_id", "date"\)/);
  });

  it("refuses a missing file or a folder, naming it", async () => {
    await expect(requireReadableFile(join(dir, "nope.csv"))).rejects.toThrow(/nope\.csv.*no such file/);
    await expect(requireReadableFile(dir)).rejects.toThrow(/a file \(this is a folder/);
    await expect(fileFormatOf(file("data.xyz", "a,b\n"))).rejects.toThrow(/--format csv\|tsv/);
  });
});

describe("progress", () => {
  it("reports a step only when it takes more than a second", () => {
    const lines: string[] = [];
    let t = 0;
    const p = progress({ write: (l) => lines.push(l), now: () => t });
    p.step("fast", () => {
      t += 900;
    });
    p.step("cohort matrix", () => {
      t += 1500;
    });
    expect(lines).toEqual(["cohort matrix: 1.5 s"]);
  });

  it("reports a long read about every second after the first", () => {
    const lines: string[] = [];
    let t = 0;
    const onProgress = progress({ write: (l) => lines.push(l), now: () => t }).reading("reading big.csv");
    for (let i = 1; i <= 6; i++) {
      t += 400;
      onProgress({ rows: i * 100_000, bytes: i * 1000, totalBytes: 6000 });
    }
    expect(lines).toEqual(["reading big.csv: 300,000 rows, 50% of the file (1.2 s)", "reading big.csv: 600,000 rows, 100% of the file (2.4 s)"]);
  });
});

describe("toJson", () => {
  it("writes Decimals as exact strings, Dates as ISO strings, bigints as strings and nothing undefined", () => {
    expect(toJson({ a: toDecimal("0.10"), b: new Date(Date.UTC(2024, 0, 2)), c: 12n, d: NaN, e: undefined, f: () => 1, g: [Infinity, 1, null], h: new Float64Array([0.5]) })).toEqual({
      a: "0.1",
      b: "2024-01-02T00:00:00.000Z",
      c: "12",
      d: null,
      g: [null, 1, null],
      h: [0.5],
    });
  });
});

describe("namespaceIds", () => {
  it("prefixes every id and its references, and nothing else", () => {
    const svg = '<svg><defs><pattern id="hatch"/><linearGradient id="g"/></defs><rect fill="url(#hatch)"/><use href="#g"/><rect fill="url(#other)"/></svg>';
    expect(namespaceIds(svg, "p1-")).toBe('<svg><defs><pattern id="p1-hatch"/><linearGradient id="p1-g"/></defs><rect fill="url(#p1-hatch)"/><use href="#p1-g"/><rect fill="url(#other)"/></svg>');
    expect(namespaceIds("<svg/>", "p2-")).toBe("<svg/>");
  });
});
