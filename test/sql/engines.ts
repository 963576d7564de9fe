/**
 * The three engines of the warehouse tests, each with the driver adapter the
 * guide shows and a loader of event rows: DuckDB (in memory), PostgreSQL (the
 * server of scripts/pg-server.sh at PG_URL; skipped loudly outside CI when
 * there is none) and ClickHouse (embedded chdb).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { WarehouseQuery } from "../../src/sql/index.ts";
import type { SqlDialect } from "../../src/sql/dialect.ts";

/** One event as the tests load it: id (string or integer), epoch ms, amount in cents (or null). */
export interface TestEvent {
  id: string | number;
  ms: number;
  cents: number | null;
  key?: string;
}

/** One subscription row as the tests load it: intervals use all instants, changes only `start` (as their instant). */
export interface TestSubscription {
  id: string | number;
  start: number;
  end: number | null;
  canceledAt: number | null;
  /** MRR in cents; null for a missing MRR (a bad row). */
  cents: number | null;
}

/** An engine: its dialect, adapter, and a loader that (re)creates table `name` with the events. */
export interface Engine {
  readonly dialect: SqlDialect;
  readonly query: WarehouseQuery;
  /** A streaming adapter (`queryStream`): DuckDB's streamed result chunk by chunk; the others walk `query`'s rows lazily. */
  readonly queryStream: (sql: string, params: unknown[] | Record<string, unknown>) => AsyncIterable<Record<string, unknown>>;
  /** Creates (or replaces) a table of the events; integer ids make a BIGINT column. */
  load(name: string, events: readonly TestEvent[]): Promise<void>;
  /** Creates (or replaces) a table `name` (user_id, starts_at, ends_at, canceled_at, mrr) of the subscription rows. */
  loadSubscriptions(name: string, rows: readonly TestSubscription[]): Promise<void>;
  /** Runs a statement (DDL) the way the tests need. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const cents = (c: number | null) => (c === null ? "NULL" : (c / 100).toFixed(2));

/** A streaming adapter over an array adapter: the rows one at a time, after the query. */
function walk(query: WarehouseQuery) {
  return async function* (sql: string, params: unknown[] | Record<string, unknown>) {
    yield* await query(sql, params);
  };
}

/** VALUES rows of subscriptions for a dialect's INSERT. */
function subscriptionValues(rows: readonly TestSubscription[], instant: (ms: number) => string): string {
  const at = (ms: number | null) => (ms === null ? "NULL" : instant(ms));
  return rows.map((r) => `(${typeof r.id === "number" ? String(r.id) : literal(r.id)}, ${at(r.start)}, ${at(r.end)}, ${at(r.canceledAt)}, ${cents(r.cents)})`).join(",\n");
}

/** VALUES rows for a dialect's INSERT. */
function values(events: readonly TestEvent[], instant: (ms: number) => string): string {
  return events
    .map((e) => `(${typeof e.id === "number" ? String(e.id) : literal(e.id)}, ${instant(e.ms)}, ${cents(e.cents)}, ${e.key === undefined ? "NULL" : literal(e.key)})`)
    .join(",\n");
}

export async function duckdbEngine(): Promise<Engine> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  // A session zone far from UTC: the queries must never depend on it.
  await conn.run("SET TimeZone = 'Asia/Kolkata'");
  const query: WarehouseQuery = async (sql, params) => (await conn.runAndReadAll(sql, params as never)).getRowObjectsJS() as Record<string, unknown>[];
  return {
    dialect: "duckdb",
    query,
    async *queryStream(sql, params) {
      const result = await conn.stream(sql, params as never);
      for await (const chunk of result.yieldRowObjectJs()) yield* chunk as Record<string, unknown>[];
    },
    async exec(sql) {
      await conn.run(sql);
    },
    async load(name, events) {
      const idType = typeof events[0]?.id === "number" ? "BIGINT" : "VARCHAR";
      await conn.run(`CREATE OR REPLACE TABLE ${name} (user_id ${idType}, created_at TIMESTAMPTZ, total DECIMAL(18,2), country VARCHAR)`);
      if (events.length > 0) await conn.run(`INSERT INTO ${name} VALUES ${values(events, (ms) => `make_timestamptz(${ms * 1000})`)}`);
    },
    async loadSubscriptions(name, rows) {
      const idType = typeof rows[0]?.id === "number" ? "BIGINT" : "VARCHAR";
      await conn.run(`CREATE OR REPLACE TABLE ${name} (user_id ${idType}, starts_at TIMESTAMPTZ, ends_at TIMESTAMPTZ, canceled_at TIMESTAMPTZ, mrr DECIMAL(18,2))`);
      if (rows.length > 0) await conn.run(`INSERT INTO ${name} VALUES ${subscriptionValues(rows, (ms) => `make_timestamptz(${ms * 1000})`)}`);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

export async function postgresEngine(url: string, schema: string): Promise<Engine> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  // As for DuckDB: a session zone that would show if a query used it.
  await client.query("SET TIME ZONE 'America/St_Johns'");
  const query: WarehouseQuery = async (sql, params) => (await client.query(sql, params as unknown[])).rows;
  return {
    dialect: "postgres",
    query,
    queryStream: walk(query),
    async exec(sql) {
      await client.query(sql);
    },
    async load(name, events) {
      const idType = typeof events[0]?.id === "number" ? "BIGINT" : "TEXT";
      await client.query(`DROP TABLE IF EXISTS ${name}`);
      await client.query(`CREATE TABLE ${name} (user_id ${idType}, created_at TIMESTAMPTZ, total NUMERIC(18,2), country TEXT)`);
      if (events.length > 0) await client.query(`INSERT INTO ${name} VALUES ${values(events, (ms) => `to_timestamp(${ms} / 1000.0)`)}`);
    },
    async loadSubscriptions(name, rows) {
      const idType = typeof rows[0]?.id === "number" ? "BIGINT" : "TEXT";
      await client.query(`DROP TABLE IF EXISTS ${name}`);
      await client.query(`CREATE TABLE ${name} (user_id ${idType}, starts_at TIMESTAMPTZ, ends_at TIMESTAMPTZ, canceled_at TIMESTAMPTZ, mrr NUMERIC(18,2))`);
      if (rows.length > 0) await client.query(`INSERT INTO ${name} VALUES ${subscriptionValues(rows, (ms) => `to_timestamp(${ms} / 1000.0)`)}`);
    },
    async close() {
      await client.end();
    },
  };
}

/** chdb: one Session per process (libchdb binds one data directory). */
let chdbSession: { queryBind(sql: string, args: object, format?: string): string; query(sql: string, format?: string): string; close(): void } | undefined;

export async function clickhouseEngine(): Promise<Engine> {
  const { Session } = await import("chdb");
  chdbSession ??= new Session() as never;
  const s = chdbSession!;
  const query: WarehouseQuery = async (sql, params) => {
    const out = s.queryBind(sql, params as object, "JSONEachRow");
    return out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return {
    dialect: "clickhouse",
    query,
    queryStream: walk(query),
    async exec(sql) {
      s.query(sql);
    },
    async load(name, events) {
      const idType = typeof events[0]?.id === "number" ? "Nullable(Int64)" : "Nullable(String)";
      s.query(`DROP TABLE IF EXISTS ${name}`);
      s.query(`CREATE TABLE ${name} (user_id ${idType}, created_at Nullable(DateTime64(3, 'UTC')), total Nullable(Decimal(18,2)), country Nullable(String)) ENGINE = Memory`);
      if (events.length > 0) s.query(`INSERT INTO ${name} VALUES ${values(events, (ms) => `fromUnixTimestamp64Milli(toInt64(${ms}))`)}`);
    },
    async loadSubscriptions(name, rows) {
      const idType = typeof rows[0]?.id === "number" ? "Nullable(Int64)" : "Nullable(String)";
      const at = "Nullable(DateTime64(3, 'UTC'))";
      s.query(`DROP TABLE IF EXISTS ${name}`);
      s.query(`CREATE TABLE ${name} (user_id ${idType}, starts_at ${at}, ends_at ${at}, canceled_at ${at}, mrr Nullable(Decimal(18,2))) ENGINE = Memory`);
      if (rows.length > 0) s.query(`INSERT INTO ${name} VALUES ${subscriptionValues(rows, (ms) => `fromUnixTimestamp64Milli(toInt64(${ms}))`)}`);
    },
    async close() {},
  };
}

/** The PostgreSQL URL, or undefined (then the tests skip, loudly, unless CI is set). */
export function postgresUrl(): string | undefined {
  const url = process.env.PG_URL;
  if (url === undefined && process.env.CI) throw new Error("CI is set but PG_URL is not: .ci/run starts a PostgreSQL server and exports PG_URL");
  if (url === undefined) console.warn("warehouse tests: PG_URL is not set, the PostgreSQL tests are SKIPPED (scripts/pg-server.sh start prints it)");
  return url;
}
