/**
 * The warehouse path on DuckDB: wh.cohortMatrix and wh.periodSummary by month
 * over events stored as Parquet, against the hand-written DuckDB SQL of the
 * same figures, and against loading the events into this process
 * (readEvents + the in-memory function), at several sizes, for the crossover.
 *
 *     node --expose-gc --import tsx bench/warehouse.ts [events ...]   # default 100000 1000000 10000000
 *
 * The Parquet files are generated once into the system's temp folder: N
 * orders of N / 10 customers over three years, amounts with cents.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { cohortMatrix } from "../src/cohorts/cohortMatrix.ts";
import { periodSummary } from "../src/activity/periodSummary.ts";
import { readEvents } from "../src/io/readEvents.ts";
import { warehouse } from "../src/sql/index.ts";
import { measure, report } from "./lib.ts";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [100_000, 1_000_000, 10_000_000];
const START_US = Date.UTC(2022, 0, 1) * 1000;
const SPAN_US = 3 * 365 * 86_400_000_000;

const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
const query = async (sql: string, params: unknown) => (await conn.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

/** Hand-written DuckDB SQL of the cohort figures: cohort x offset customers, orders and revenue. */
const HAND_COHORTS = `WITH a AS (SELECT user_id, date_trunc('month', timezone('UTC', created_at)) AS m, count(*) AS n, sum(total) AS rev FROM orders GROUP BY ALL),
c AS (SELECT min(m) OVER (PARTITION BY user_id) AS cohort, m, n, rev FROM a)
SELECT cohort, datediff('month', cohort, m) AS off, count(*) AS customers, sum(n) AS orders, sum(rev) AS revenue FROM c GROUP BY ALL`;

/** Hand-written DuckDB SQL of the monthly summary counts (window 1). */
const HAND_SUMMARY = `WITH a AS (SELECT user_id, date_trunc('month', timezone('UTC', created_at)) AS m, count(*) AS n, sum(total) AS rev FROM orders GROUP BY ALL),
s AS (SELECT m, n, rev, lag(m) OVER w AS prev, lead(m) OVER w AS nxt FROM a WINDOW w AS (PARTITION BY user_id ORDER BY m))
SELECT m, count(*) AS active, count(*) FILTER (prev IS NULL) AS new, count(*) FILTER (n >= 2) AS repeated, sum(n) AS orders, sum(rev) AS revenue,
  count(*) FILTER (prev IS NOT NULL AND prev < m - INTERVAL 1 MONTH) AS reactivated, count(*) FILTER (nxt IS NULL OR nxt > m + INTERVAL 1 MONTH) AS lapsing
FROM s GROUP BY m`;

for (const n of SIZES) {
  const file = join(tmpdir(), `rm-warehouse-${n}.parquet`);
  if (!existsSync(file)) {
    await conn.run(`COPY (SELECT (hash(i) % ${Math.max(1, Math.floor(n / 10))})::BIGINT AS user_id,
        make_timestamptz(${START_US} + (hash(i * 7 + 1) % ${SPAN_US})::BIGINT) AS created_at,
        ((hash(i * 13 + 5) % 20000) / 100)::DECIMAL(18,2) AS total
      FROM range(${n}) t(i)) TO '${file}' (FORMAT parquet)`);
  }
  await conn.run(`CREATE OR REPLACE VIEW orders AS SELECT * FROM read_parquet('${file}')`);
  const wh = warehouse({ dialect: "duckdb", query, events: { from: "orders", customerId: "user_id", at: "created_at", amount: "total" } });
  const runs = n >= 10_000_000 ? 1 : 3;
  peakRss = 0;
  const rows: Awaited<ReturnType<typeof measure>>[] = [];
  rows.push(await measure(`wh.cohortMatrix month (${n.toLocaleString("en-US")} events)`, () => wh.cohortMatrix({ period: "month" }), runs));
  rows.push(await measure("hand-written DuckDB SQL, cohort cells", () => query(HAND_COHORTS, []), runs));
  rows.push(await measure("wh.periodSummary month", () => wh.periodSummary({ period: "month" }), runs));
  rows.push(await measure("hand-written DuckDB SQL, summary counts", () => query(HAND_SUMMARY, []), runs));
  const whPeak = peakRss;
  let table: Awaited<ReturnType<typeof readEvents>> | undefined;
  const read = await measure("readEvents (Parquet into memory)", async () => {
    table = await readEvents(file, { fields: { customerId: "user_id", at: "created_at", amount: "total" } });
  }, n >= 10_000_000 ? 1 : 3);
  rows.push(read);
  rows.push(await measure("in-memory cohortMatrix month", () => cohortMatrix(table!, { period: "month" }), runs));
  rows.push(await measure("in-memory periodSummary month", () => periodSummary(table!, { period: "month" }), runs));
  report(`warehouse on DuckDB, ${n.toLocaleString("en-US")} events as Parquet (peak RSS ${(whPeak / 2 ** 20).toFixed(0)} MiB on the warehouse path, ${(peakRss / 2 ** 20).toFixed(0)} MiB with the events in memory)`, rows);
  const same =
    JSON.stringify(await wh.cohortMatrix({ period: "month" })) === JSON.stringify(cohortMatrix(table!, { period: "month" })) &&
    JSON.stringify(await wh.periodSummary({ period: "month" })) === JSON.stringify(periodSummary(table!, { period: "month" }));
  console.log(`  the warehouse results equal the in-memory ones: ${same}`);
  table = undefined;
}
clearInterval(sampler);
conn.closeSync();
