/**
 * End to end, what a user feels (issue #17): a CSV and a Parquet file of
 * orders of the shape (bench/growthOrders.ts; written here, into a
 * temporary folder) through `readEvents` into `cohortMatrix` (monthly,
 * customers, classic) and `periodSummary` (monthly), against DuckDB reading the
 * same file into a table and running the equivalent SQL (bench/cohortPeers.ts,
 * bench/peers.ts). Checks that the two agree on every cell and period, then
 * reports each step and both totals (one run each after a warm-up).
 * Run: `node --expose-gc --import tsx bench/endToEnd.ts [events]` (default 10,000,000).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cohortMatrix } from "../src/cohorts/cohortMatrix.ts";
import { periodSummary } from "../src/activity/periodSummary.ts";
import { readEvents } from "../src/io/index.ts";
import { growthOrders } from "./growthOrders.ts";
import { writeCsv } from "./readEvents.ts";
import { COHORT_MATRIX_SQL } from "./cohortPeers.ts";
import { PERIOD_SUMMARY_SQL } from "./peers.ts";
import { checkAgree as checkCohorts } from "./cohortMatrix.ts";
import { checkAgree as checkSummary } from "./periodSummary.ts";

const MiB = 2 ** 20;
const fields = { customerId: "customer_id", at: "ordered_at", amount: "amount" };

/** Wall time of an async step, in ms, with its result. */
async function timed<T>(task: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await task();
  return [out, performance.now() - t0];
}

export async function benchEndToEnd(events = 10_000_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-e2e-"));
  try {
    const csv = join(dir, "orders.csv");
    const parquet = join(dir, "orders.parquet");
    await writeCsv(csv, growthOrders(events));
    const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
    const db = await instance.connect();
    await db.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    console.log(`\nEnd to end, ${events.toLocaleString("en-US")} events of issue #17's shape: CSV ${(statSync(csv).size / MiB).toFixed(0)} MiB, Parquet ${(statSync(parquet).size / MiB).toFixed(0)} MiB (snappy)`);
    for (const [format, path, reader] of [["CSV", csv, "read_csv"], ["Parquet", parquet, "read_parquet"]] as const) {
      const ours = async () => {
        const [table, read] = await timed(() => readEvents(path, { fields }));
        const [matrix, cohorts] = await timed(() => cohortMatrix(table, { period: "month" }));
        const [summary, periods] = await timed(() => periodSummary(table, { period: "month" }));
        return { matrix, summary, read, cohorts, periods, total: read + cohorts + periods };
      };
      // The SQL reads a table `events(customer_id, ordered_at TIMESTAMP, amount)`: the file's columns as they are.
      const duck = async () => {
        const [, read] = await timed(() => db.run(`CREATE OR REPLACE TABLE events AS SELECT customer_id, ordered_at::TIMESTAMP AS ordered_at, amount::DECIMAL(18,2) AS amount FROM ${reader}('${path}')`));
        const [matrix, cohorts] = await timed(async () => (await db.runAndReadAll(COHORT_MATRIX_SQL)).getRowObjectsJS());
        const [summary, periods] = await timed(async () => (await db.runAndReadAll(PERIOD_SUMMARY_SQL)).getRowObjectsJS());
        return { matrix, summary, read, cohorts, periods, total: read + cohorts + periods };
      };
      await ours(); // warm-up (and the JIT)
      const mine = await ours();
      await duck();
      const theirs = await duck();
      const cells = checkCohorts(mine.matrix, theirs.matrix as Array<Record<string, unknown>>, "DuckDB");
      checkSummary(mine.summary, theirs.summary as Array<Record<string, unknown>>, "DuckDB");
      const line = (who: string, r: { read: number; cohorts: number; periods: number; total: number }) =>
        console.log(`  ${who.padEnd(34)} read ${r.read.toFixed(0).padStart(6)} ms  cohortMatrix ${r.cohorts.toFixed(0).padStart(5)} ms  periodSummary ${r.periods.toFixed(0).padStart(5)} ms  total ${r.total.toFixed(0).padStart(6)} ms`);
      console.log(` ${format} (${cells} cohort cells and ${mine.summary.length} periods agree):`);
      line("readEvents + retention-metrics", mine);
      line(`DuckDB ${reader} + SQL`, theirs);
      console.log(`  total ratio (ours / DuckDB): ${(mine.total / theirs.total).toFixed(2)}; analyses alone: ${((mine.cohorts + mine.periods) / (theirs.cohorts + theirs.periods)).toFixed(3)}`);
    }
    db.closeSync();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchEndToEnd(Number(process.argv[2] ?? 10_000_000));
}
