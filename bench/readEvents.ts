/**
 * Reading files into an EventTable: a CSV and a Parquet file of the
 * benchmark's synthetic orders (written here, into a temporary folder), read
 * by `readEvents`, against DuckDB reading the same file into a table
 * (`CREATE TABLE ... AS SELECT * FROM read_csv/read_parquet`) and papaparse
 * reading the CSV into rows; and an Arrow table against the same events as
 * typed columns. Peak RSS of each reading is sampled every 20 ms.
 *
 *   node --expose-gc --import tsx bench/readEvents.ts [events] [runs]   (default 10,000,000 events; 3 runs from 5M on, else 5)
 *
 * The machine's load average is printed before and after, since the figures move with it.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { tableFromArrays } from "apache-arrow";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { eventTable } from "../src/events/eventTable.ts";
import { readEvents } from "../src/io/index.ts";
import { syntheticOrders } from "./generate.ts";
import { measure, report } from "./lib.ts";

/** Writes the orders as CSV: ids "C<number>", ISO instants, amounts with two decimals. */
export async function writeCsv(path: string, o: ReturnType<typeof syntheticOrders>): Promise<void> {
  const out = createWriteStream(path);
  const n = o.at.length;
  let block = "customer_id,ordered_at,amount\n";
  for (let i = 0; i < n; i++) {
    block += `C${o.customerId[i]},${new Date(o.at[i]!).toISOString()},${(o.cents[i]! / 100).toFixed(2)}\n`;
    if (block.length > 1 << 20) {
      if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
      block = "";
    }
  }
  out.end(block);
  await new Promise<void>((r) => out.on("finish", () => r()));
}

/** Runs `task` while sampling RSS; returns the peak above the RSS before it. */
async function peakRss(task: () => Promise<unknown>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await task();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - before;
}

const MiB = 2 ** 20;

const load = () => loadavg().map((l) => l.toFixed(2)).join(", ");

export async function benchReadEvents(events = 10_000_000, runsAsked?: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-read-"));
  try {
    const o = syntheticOrders(events);
    const csv = join(dir, "orders.csv");
    const parquet = join(dir, "orders.parquet");
    await writeCsv(csv, o);
    const db = await (await DuckDBInstance.create(":memory:", { threads: "2" })).connect();
    await db.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    const fields = { customerId: "customer_id", at: "ordered_at", amount: "amount" };
    console.log(`\nReading ${events.toLocaleString("en-US")} events: CSV ${(statSync(csv).size / MiB).toFixed(0)} MiB, Parquet ${(statSync(parquet).size / MiB).toFixed(0)} MiB (snappy)`);

    const runs = runsAsked ?? (events >= 5_000_000 ? 3 : 5);
    console.log(`  load average before: ${load()}`);
    const table = await readEvents(csv, { fields });
    const tableBytes = table.length * (4 + 8 + 8);
    let k = 0;
    const csvRows: Awaited<ReturnType<typeof measure>>[] = [
      await measure("readEvents(csv) -> EventTable", () => readEvents(csv, { fields }), runs),
      await measure("DuckDB read_csv -> table", () => db.run(`CREATE OR REPLACE TABLE t${k++ % 2} AS SELECT * FROM read_csv('${csv}')`), runs),
      await measure("papaparse (string, header: true) -> rows", () => Papa.parse(readFileSync(csv, "utf8"), { header: true }).data.length, runs),
    ];
    report(`CSV into a table (${events.toLocaleString("en-US")} events)`, csvRows);
    const parquetRows = [
      await measure("readEvents(parquet) -> EventTable", () => readEvents(parquet, { fields }), runs),
      await measure("DuckDB read_parquet -> table", () => db.run(`CREATE OR REPLACE TABLE p${k++ % 2} AS SELECT * FROM read_parquet('${parquet}')`), runs),
    ];
    report(`Parquet into a table (${events.toLocaleString("en-US")} events)`, parquetRows);

    // Arrow: the same events as an Arrow table (Int32 ids, Float64 ms, Float64 amounts) against typed columns.
    const arrow = tableFromArrays({ customerId: o.customerId, at: o.at, amount: o.amount });
    const arrowRows = [
      await measure("eventTable(typed columns)", () => eventTable({ customerId: o.customerId, at: o.at, amount: o.amount }), runs),
      await measure("eventTable(Arrow table)", () => eventTable(arrow), runs),
    ];
    report(`Arrow table into a table (${events.toLocaleString("en-US")} events)`, arrowRows);

    const peakCsv = await peakRss(() => readEvents(csv, { fields }));
    const peakParquet = await peakRss(() => readEvents(parquet, { fields }));
    console.log(`  table size (Int32 customer + Float64 time + Float64 amount): ${(tableBytes / MiB).toFixed(0)} MiB`);
    console.log(`  peak RSS above the start, readEvents(csv): ${(peakCsv / MiB).toFixed(0)} MiB (${(peakCsv / tableBytes).toFixed(2)}x the table)`);
    console.log(`  peak RSS above the start, readEvents(parquet): ${(peakParquet / MiB).toFixed(0)} MiB (${(peakParquet / tableBytes).toFixed(2)}x the table)`);
    console.log(`  load average after: ${load()}`);
    db.closeSync?.();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchReadEvents(Number(process.argv[2] ?? 10_000_000), process.argv[3] === undefined ? undefined : Number(process.argv[3]));
}
