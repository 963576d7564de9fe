/**
 * The warehouse path: wh.cohortMatrix and wh.periodSummary by month against
 * the best hand-written SQL of the same figures on the same engine (checked
 * equal to the warehouse query's rows before timing), and on DuckDB against
 * loading the events into this process (readEvents + the in-memory function),
 * for the crossover.
 *
 *     node --expose-gc --import tsx bench/warehouse.ts            # every part, each in its own process
 *     node --expose-gc --import tsx bench/warehouse.ts duckdb [events ...]   # default 100000 1000000 10000000
 *     node --expose-gc --import tsx bench/warehouse.ts postgres [events]     # PG_URL (scripts/pg-server.sh); default 10000000
 *     node --expose-gc --import tsx bench/warehouse.ts clickhouse [events]   # chdb; default 10000000
 *     node --expose-gc --import tsx bench/warehouse.ts big [events]          # DuckDB, memory_limit 2GB; default 100000000
 *
 * The data: N orders of N / 10 customers over three years from 2022-01-01
 * (UTC), amounts with cents, written as Parquet by DuckDB itself (no JS rows)
 * into RM_BENCH_DIR (default the system's temp folder); the 100M file is
 * deleted afterwards. Each part reports its peak RSS (the engines run inside
 * this process, so their memory counts too).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { cohortMatrix } from "../src/cohorts/cohortMatrix.ts";
import { periodSummary } from "../src/activity/periodSummary.ts";
import { readEvents } from "../src/io/readEvents.ts";
import { type Warehouse, warehouse, type WarehouseQuery } from "../src/sql/index.ts";
import { type Measurement, measure, report } from "./lib.ts";

const [part = "all", ...rest] = process.argv.slice(2);
const sizesArg = rest.map(Number).filter((n) => n > 0);
const DIR = process.env.RM_BENCH_DIR ?? tmpdir();
const START_US = Date.UTC(2022, 0, 1) * 1000;
const SPAN_US = 3 * 365 * 86_400_000_000;
/** Month index (year * 12 + month - 1) of 2022-01, the first cohort. */
const BASE = 2022 * 12;
const BOUNDS = { period: "month", from: "2022-01-01", to: "2025-01-01" } as const;

const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`;
const fmt = (n: number) => n.toLocaleString("en-US");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
sampler.unref();
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** Peak RSS of this process so far: the larger of the sampler's and the kernel's (maxRSS, KiB). */
const peak = () => Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

/** A Parquet file of n generated orders, written by DuckDB (cached by size). */
async function parquet(conn: Awaited<ReturnType<DuckDBInstance["connect"]>>, n: number): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `rm-warehouse-${n}.parquet`);
  if (!existsSync(file)) {
    await conn.run(`COPY (SELECT (hash(i) % ${Math.max(1, Math.floor(n / 10))})::BIGINT AS user_id,
        make_timestamptz(${START_US} + (hash(i * 7 + 1) % ${SPAN_US})::BIGINT) AS created_at,
        ((hash(i * 13 + 5) % 20000) / 100)::DECIMAL(18,2) AS total
      FROM range(${n}) t(i)) TO '${file}' (FORMAT parquet)`);
  }
  return file;
}

/** The hand-written SQL of an engine: its month index of `created_at` (UTC) and window neighbours. */
interface HandDialect {
  readonly month: string;
  readonly neighbours: string;
  readonly filter: (cond: string) => string;
}
const DUCK: HandDialect = {
  month: "year(created_at) * 12 + month(created_at) - 1",
  neighbours: "lag(m) OVER w AS prev, lead(m) OVER w AS nxt FROM a WINDOW w AS (PARTITION BY user_id ORDER BY m)",
  filter: (c) => `count(*) FILTER (WHERE ${c})`,
};
const PG: HandDialect = { ...DUCK, month: "CAST(extract(year FROM created_at) * 12 + extract(month FROM created_at) - 1 AS INTEGER)" };
const CH: HandDialect = {
  month: "toYear(created_at) * 12 + toMonth(created_at) - 1",
  neighbours:
    "lagInFrame(toNullable(m)) OVER w AS prev, leadInFrame(toNullable(m)) OVER w AS nxt FROM a WINDOW w AS (PARTITION BY user_id ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
  filter: (c) => `countIf(${c})`,
};

/**
 * The cohort figures by hand: customers, orders and revenue per cohort x offset (kind 0) and customers per
 * cohort x last active offset (kind 1), the GROUP BYs and join that were fastest of the forms tried
 * (date_trunc, window functions for the first month, lists).
 */
const handCohorts = (d: HandDialect) => `WITH a AS (SELECT user_id, ${d.month} AS m, count(*) AS n, sum(total) AS rev FROM orders GROUP BY user_id, m),
f AS (SELECT user_id, min(m) AS cohort, max(m) AS l FROM a GROUP BY user_id)
SELECT 0 AS kind, f.cohort AS cohort, a.m - f.cohort AS off, count(*) AS customers, sum(a.n) AS orders, sum(a.rev) AS revenue
  FROM a JOIN f ON a.user_id = f.user_id GROUP BY f.cohort, a.m - f.cohort
UNION ALL SELECT 1 AS kind, cohort, l - cohort AS off, count(*) AS customers, 0 AS orders, 0 AS revenue FROM f GROUP BY cohort, l - cohort`;

/** The monthly summary counts by hand (window 1): lag and lead were faster than self-joins or lists. */
const handSummary = (d: HandDialect) => `WITH a AS (SELECT user_id, ${d.month} AS m, count(*) AS n, sum(total) AS rev FROM orders GROUP BY user_id, m),
s AS (SELECT m, n, rev, ${d.neighbours})
SELECT m, count(*) AS active, ${d.filter("prev IS NULL")} AS fresh, ${d.filter("n >= 2")} AS repeated, sum(n) AS orders, sum(rev) AS revenue,
  ${d.filter("prev IS NOT NULL AND prev < m - 1")} AS reactivated, ${d.filter("nxt IS NULL OR nxt > m + 1")} AS lapsing
FROM s GROUP BY m`;

const num = (v: unknown) => Number(v);
const cents = (v: unknown) => Math.round(Number(v) * 100);
const sorted = (rows: string[]) => [...rows].sort().join("\n");

/**
 * Checks that the hand-written SQL gives the warehouse query's figures (same bounds: 2022-01 to 2024-12,
 * every month complete), and throws if not: a timing of different figures would mean nothing.
 */
async function checkHand(name: string, query: WarehouseQuery, wh: Warehouse, hand: HandDialect): Promise<void> {
  const c = wh.compile.cohortMatrix(BOUNDS);
  const whCells = (await query(c.sql, c.params)).map((r) => [num(r.kind), num(r.f) + BASE, num(r.off), num(r.customers), num(r.orders), num(r.revenue)].join("|"));
  const handCells = (await query(handCohorts(hand), [])).map((r) => [num(r.kind), num(r.cohort), num(r.off), num(r.customers), num(r.orders), cents(r.revenue)].join("|"));
  const p = wh.compile.periodSummary(BOUNDS);
  const whSummary = (await query(p.sql, p.params))
    .filter((r) => num(r.k) >= 1)
    .map((r) => [num(r.k) - 1 + BASE, r.active, r.fresh, r.repeated, r.orders, r.revenue, r.reactivated0, r.lapsing0].map(num).join("|"));
  const handRows = (await query(handSummary(hand), [])).map((r) => [num(r.m), num(r.active), num(r.fresh), num(r.repeated), num(r.orders), cents(r.revenue), num(r.reactivated), num(r.lapsing)].join("|"));
  const cellsSame = sorted(whCells) === sorted(handCells);
  const summarySame = sorted(whSummary) === sorted(handRows);
  console.log(`  ${name}: hand-written SQL gives the warehouse's figures: cohort ${cellsSame} (${handCells.length} rows), summary ${summarySame} (${handRows.length} rows)`);
  if (!cellsSame || !summarySame) throw new Error(`${name}: the hand-written SQL does not give the warehouse's figures`);
}

/** Times wh against hand SQL on one engine; `runs` timed runs after one warm-up each. */
async function versus(name: string, query: WarehouseQuery, wh: Warehouse, hand: HandDialect, runs: number, warmUp = true): Promise<Measurement[]> {
  await checkHand(name, query, wh, hand);
  const m = (label: string, task: () => Promise<unknown>) => (warmUp ? measure(label, task, runs) : once(label, task));
  const rows: Measurement[] = [];
  rows.push(await m(`wh.cohortMatrix month (${name})`, () => wh.cohortMatrix({ period: "month" })));
  rows.push(await m("hand-written SQL, cohort figures", () => query(handCohorts(hand), [])));
  rows.push(await m("wh.periodSummary month", () => wh.periodSummary({ period: "month" })));
  rows.push(await m("hand-written SQL, summary counts", () => query(handSummary(hand), [])));
  return rows;
}

/** One timed run, no warm-up (the 100M runs). */
async function once(name: string, task: () => Promise<unknown>): Promise<Measurement> {
  const t0 = performance.now();
  await task();
  const ms = performance.now() - t0;
  return { name, runs: 1, medianMs: ms, minMs: ms, maxMs: ms };
}

const ratios = (rows: Measurement[]) =>
  `  wh / hand: cohortMatrix x${(rows[0]!.medianMs / rows[1]!.medianMs).toFixed(2)}, periodSummary x${(rows[2]!.medianMs / rows[3]!.medianMs).toFixed(2)}`;

async function duckdbConnection(settings: string[] = []) {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  for (const s of settings) await conn.run(s);
  const query: WarehouseQuery = async (sql, params) => (await conn.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];
  return { conn, query };
}

const ORDERS = { from: "orders", customerId: "user_id", at: "created_at", amount: "total" } as const;

/** DuckDB at each size: wh against hand SQL, then readEvents + the in-memory functions (the crossover). */
async function benchDuckdb(sizes: readonly number[]): Promise<void> {
  const { conn, query } = await duckdbConnection();
  for (const n of sizes) {
    const file = await parquet(conn, n);
    await conn.run(`CREATE OR REPLACE VIEW orders AS SELECT * FROM read_parquet('${file}')`);
    const wh = warehouse({ dialect: "duckdb", query, events: ORDERS });
    const before = load();
    peakRss = 0;
    const rows = await versus(`DuckDB, ${fmt(n)} events`, query, wh, DUCK, 3);
    const whPeak = peak();
    let table: Awaited<ReturnType<typeof readEvents>> | undefined;
    const inMemoryRuns = n >= 10_000_000 ? 1 : 3;
    rows.push(await measure("readEvents (Parquet into memory)", async () => {
      table = await readEvents(file, { fields: { customerId: "user_id", at: "created_at", amount: "total" } });
    }, inMemoryRuns));
    rows.push(await measure("in-memory cohortMatrix month", () => cohortMatrix(table!, { period: "month" }), inMemoryRuns));
    rows.push(await measure("in-memory periodSummary month", () => periodSummary(table!, { period: "month" }), inMemoryRuns));
    report(`warehouse on DuckDB, ${fmt(n)} events as Parquet (${before} before, ${load()} after; peak RSS ${mib(whPeak)} through the warehouse runs, ${mib(peak())} with the events in memory)`, rows);
    console.log(ratios(rows));
    const read = rows[4]!.medianMs;
    console.log(`  readEvents + in-memory: cohortMatrix ${((read + rows[5]!.medianMs) / 1000).toFixed(2)} s, periodSummary ${((read + rows[6]!.medianMs) / 1000).toFixed(2)} s`);
    const same =
      JSON.stringify(await wh.cohortMatrix({ period: "month" })) === JSON.stringify(cohortMatrix(table!, { period: "month" })) &&
      JSON.stringify(await wh.periodSummary({ period: "month" })) === JSON.stringify(periodSummary(table!, { period: "month" }));
    console.log(`  the warehouse results equal the in-memory ones: ${same}`);
    table = undefined;
  }
  conn.closeSync();
}

/** DuckDB over a 100M-event Parquet file with memory_limit 2GB: does it finish, in what time and RSS. */
async function benchBig(n: number): Promise<void> {
  const spill = join(DIR, "rm-warehouse-spill");
  const { conn, query } = await duckdbConnection([`SET memory_limit = '2GB'`, `SET temp_directory = '${spill}'`, "SET preserve_insertion_order = false"]);
  const t0 = performance.now();
  const existed = existsSync(join(DIR, `rm-warehouse-${n}.parquet`));
  const file = await parquet(conn, n);
  console.log(`\n${fmt(n)} events: Parquet file ${existed ? "reused" : `written in ${((performance.now() - t0) / 1000).toFixed(0)} s`} (${load()})`);
  try {
    await conn.run(`CREATE OR REPLACE VIEW orders AS SELECT * FROM read_parquet('${file}')`);
    const wh = warehouse({ dialect: "duckdb", query, events: ORDERS });
    const before = load();
    peakRss = 0;
    const rows = await versus(`DuckDB memory_limit 2GB, ${fmt(n)} events`, query, wh, DUCK, 1, false);
    report(`warehouse on DuckDB, ${fmt(n)} events as Parquet, memory_limit '2GB' (one run each, no warm-up; ${before} before, ${load()} after; peak RSS ${mib(peak())})`, rows);
    console.log(ratios(rows));
  } finally {
    conn.closeSync();
    if (process.env.RM_BENCH_KEEP === undefined) rmSync(file, { force: true });
    rmSync(spill, { recursive: true, force: true });
  }
}

/** PostgreSQL at PG_URL: the Parquet rows copied in by DuckDB (CSV, then the server's COPY). */
async function benchPostgres(n: number): Promise<void> {
  const url = process.env.PG_URL;
  if (url === undefined) {
    console.log("\nPostgreSQL: PG_URL not set (scripts/pg-server.sh start prints it): skipped");
    return;
  }
  const duck = await duckdbConnection();
  const file = await parquet(duck.conn, n);
  const csv = join(DIR, `rm-warehouse-${n}.csv`);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query: WarehouseQuery = async (sql, params) => (await client.query(sql, params as unknown[])).rows;
  try {
    const t0 = performance.now();
    await duck.conn.run(`COPY (SELECT * FROM read_parquet('${file}')) TO '${csv}' (HEADER false)`);
    await client.query("DROP TABLE IF EXISTS orders");
    await client.query("CREATE UNLOGGED TABLE orders (user_id BIGINT, created_at TIMESTAMPTZ, total NUMERIC(18,2))");
    await client.query(`COPY orders FROM '${csv}' (FORMAT csv)`);
    await client.query("VACUUM ANALYZE orders");
    console.log(`\nPostgreSQL: ${fmt(n)} rows loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s (DuckDB CSV + server-side COPY)`);
    await client.query("SET TIME ZONE 'UTC'");
    await client.query("SET work_mem = '256MB'");
    const wh = warehouse({ dialect: "postgres", query, events: ORDERS });
    const before = load();
    peakRss = 0;
    // One timed run each, after the check has run the same queries once (the warm-up).
    const rows = await versus(`PostgreSQL, ${fmt(n)} events`, query, wh, PG, 1, false);
    report(`warehouse on PostgreSQL, ${fmt(n)} events (unlogged table, work_mem 256MB; ${before} before, ${load()} after; peak RSS of this process ${mib(peak())}, the server's memory not included)`, rows);
    console.log(ratios(rows));
    await client.query("DROP TABLE orders");
  } finally {
    await client.end();
    rmSync(csv, { force: true });
    duck.conn.closeSync();
  }
}

/** ClickHouse (embedded chdb): a MergeTree table filled from the Parquet file. */
async function benchClickhouse(n: number): Promise<void> {
  const duck = await duckdbConnection();
  const file = await parquet(duck.conn, n);
  duck.conn.closeSync();
  const { Session } = await import("chdb");
  const session = new Session() as unknown as { queryBind(sql: string, args: object, format?: string): string; query(sql: string, format?: string): string; cleanup?(): void };
  const query: WarehouseQuery = async (sql, params) =>
    session.queryBind(sql, params as object, "JSONEachRow").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
  const t0 = performance.now();
  session.query("DROP TABLE IF EXISTS orders");
  session.query(`CREATE TABLE orders ENGINE = MergeTree ORDER BY tuple() AS SELECT user_id, toDateTime64(created_at, 6, 'UTC') AS created_at, total FROM file('${file}', Parquet)`);
  console.log(`\nClickHouse (chdb): ${fmt(n)} rows loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const wh = warehouse({ dialect: "clickhouse", query, events: ORDERS });
  const before = load();
  peakRss = 0;
  const rows = await versus(`ClickHouse (chdb), ${fmt(n)} events`, query, wh, CH, Number(process.env.RM_BENCH_RUNS ?? 3));
  report(`warehouse on ClickHouse (chdb, MergeTree), ${fmt(n)} events (${before} before, ${load()} after; peak RSS ${mib(peak())}, chdb runs in this process)`, rows);
  console.log(ratios(rows));
  session.query("DROP TABLE orders");
  session.cleanup?.();
}

if (part === "all") {
  // Each part in its own process, so that each peak RSS is its own.
  for (const p of ["duckdb", "postgres", "clickhouse", "big"]) {
    execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, p], { stdio: "inherit" });
  }
} else if (part === "duckdb") await benchDuckdb(sizesArg.length > 0 ? sizesArg : [100_000, 1_000_000, 10_000_000]);
else if (part === "postgres") await benchPostgres(sizesArg[0] ?? 10_000_000);
else if (part === "clickhouse") await benchClickhouse(sizesArg[0] ?? 10_000_000);
else if (part === "big") await benchBig(sizesArg[0] ?? 100_000_000);
else throw new Error(`bench/warehouse.ts: unknown part ${part} (all, duckdb, postgres, clickhouse, big)`);
