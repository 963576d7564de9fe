/**
 * Parquet files written by DuckDB (a real engine, every codec and timestamp
 * unit it writes) read by readEvents, against eventTable on the same rows.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import { readEvents } from "../../src/io/index.ts";
import { contents } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "read-parquet-"));
let db: DuckDBConnection;

beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  // 5,000 orders of 300 customers; every 97th amount is NULL; instants carry microseconds.
  await db.run(`CREATE TABLE orders AS SELECT
      (i * 7919 % 300)::BIGINT AS user_id,
      'c' || (i * 7919 % 300)::VARCHAR AS user_name,
      TIMESTAMPTZ '2023-03-01 00:00:00+00' + to_microseconds((i * 104729 % 40000000) * 1000003) AS created_at,
      CASE WHEN i % 97 = 0 THEN NULL ELSE ((i * 31 % 50000) / 100)::DECIMAL(12, 2) END AS total
    FROM range(5000) t(i)`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(sql: string): Promise<Array<Record<string, unknown>>> {
  return (await db.runAndReadAll(sql)).getRowObjects() as Array<Record<string, unknown>>;
}

describe("readEvents on Parquet", () => {
  for (const codec of ["snappy", "zstd", "gzip", "uncompressed"]) {
    it(`reads ${codec} files in several row groups, bigint ids and microsecond timestamps, as eventTable reads the rows`, async () => {
      const path = join(dir, `orders-${codec}.parquet`);
      await db.run(`COPY orders TO '${path}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 1024)`);
      const read = await readEvents(path, { fields: { customerId: "user_id", at: "created_at", amount: "total" } });
      const source = await rows(`SELECT user_id, epoch_us(created_at) AS us, total::VARCHAR AS total FROM orders`);
      const expected = eventTable(
        source.map((r) => ({ customerId: r.user_id as bigint, at: Number(r.us as bigint) / 1000, amount: r.total as string | null })),
      );
      expect(contents(read)).toEqual(contents(expected));
      expect(typeof read.customerIds[0]).toBe("bigint");
      expect(read.times().some((t) => !Number.isInteger(t))).toBe(true);
    });
  }

  it("reads every timestamp unit, DATE, string ids and epoch numbers", async () => {
    const base = await readEvents(await parquet("SELECT user_name AS customerId, created_at::TIMESTAMP AS at FROM orders"));
    for (const cast of ["TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS", "TIMESTAMPTZ"]) {
      const path = await parquet(`SELECT user_name AS customerId, created_at::${cast} AS at FROM orders`);
      const t = await readEvents(path);
      // DuckDB's own reading of the file is the oracle: epoch microseconds of each stored value.
      const us = (await rows(`SELECT epoch_us("at"::TIMESTAMP) AS us FROM '${path}'`)).map((r) => Number(r.us as bigint) / 1000);
      expect(Array.from(t.times()), cast).toEqual([...us].sort((a, b) => a - b));
    }
    const days = await readEvents(await parquet("SELECT user_name AS customerId, created_at::DATE AS at FROM orders"));
    expect(days.times().every((t) => t % 86_400_000 === 0)).toBe(true);
    const epoch = await readEvents(await parquet("SELECT user_name AS customerId, epoch(created_at)::BIGINT AS at FROM orders"), { epochUnit: "s" });
    const seconds = (await rows("SELECT epoch(created_at)::BIGINT AS s FROM orders")).map((r) => Number(r.s as bigint) * 1000);
    expect(Array.from(epoch.times())).toEqual(seconds.sort((a, b) => a - b));
    expect(base.length).toBe(5000);
    expect(typeof epoch.customerIds[0]).toBe("string");
  });

  it("reads text ids and DOUBLE amounts with NULLs column by column, as eventTable reads the rows, in every codec", async () => {
    // Few distinct ids (dictionary pages) and many (plain pages); NULL ids, instants and amounts; a NaN amount.
    for (const [ids, codec] of [["user_name", "snappy"], ["'id-' || (i * 31)::VARCHAR", "zstd"], ["'é' || (i % 7)::VARCHAR", "uncompressed"]] as const) {
      const path = join(dir, `columnar-${files++}.parquet`);
      await db.run(`COPY (SELECT CASE WHEN i % 101 = 0 THEN NULL ELSE ${ids} END AS customerId,
          CASE WHEN i % 103 = 0 THEN NULL ELSE created_at END AS at,
          CASE WHEN i % 7 = 0 THEN NULL WHEN i = 4999 THEN 'NaN'::DOUBLE ELSE total::DOUBLE END AS amount
        FROM (SELECT row_number() OVER () - 1 AS i, * FROM orders)) TO '${path}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 1000)`);
      const source = await rows(`SELECT customerId, epoch_us("at") AS us, amount FROM '${path}'`);
      const asRows = source.map((r) => ({ customerId: r.customerId as string | null, at: r.us === null ? null : Number(r.us as bigint) / 1000, amount: r.amount as number | null }));
      const read = await readEvents(path, { onInvalid: "skip" });
      const expected = eventTable(asRows, { onInvalid: "skip" });
      expect(contents(read), ids).toEqual(contents(expected));
      expect(read.skipped.byField, ids).toEqual(expected.skipped.byField);
      expect(read.skipped.byField.amount, ids).toBe(1);
      const refused = await refusedWith(readEvents(path));
      expect([refused.field, refused.row]).toEqual(["customerId", 0]);
    }
  });

  it("reads DECIMAL amounts (INT32 and INT64) column by column, as hyparquet's numbers through eventTable", async () => {
    // DuckDB writes DECIMAL(9, s) as INT32 and DECIMAL(18, s) as INT64; NULL amounts among them, and
    // (DECIMAL(18, 3) into cents) amounts with a third decimal, which are bad rows.
    for (const [cast, scale] of [["DECIMAL(9, 2)", 2], ["DECIMAL(18, 2)", 2], ["DECIMAL(18, 4)", 2], ["DECIMAL(18, 3)", 2], ["DECIMAL(18, 0)", 0]] as const) {
      const path = join(dir, `decimal-${files++}.parquet`);
      const amount = cast === "DECIMAL(18, 3)" ? `CASE WHEN i % 11 = 0 THEN total + 0.001 ELSE total END` : cast === "DECIMAL(18, 0)" ? "round(total)" : "total";
      await db.run(`COPY (SELECT user_name AS customerId, created_at AS at, CASE WHEN i % 7 = 0 THEN NULL ELSE (${amount})::${cast} END AS amount
        FROM (SELECT row_number() OVER () - 1 AS i, * FROM orders)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
      const source = await rows(`SELECT customerId, epoch_us("at") AS us, amount::VARCHAR AS amount FROM '${path}'`);
      const asRows = source.map((r) => ({ customerId: r.customerId as string, at: Number(r.us as bigint) / 1000, amount: r.amount as string | null }));
      const read = await readEvents(path, { onInvalid: "skip", currencyScale: scale });
      const expected = eventTable(asRows, { onInvalid: "skip", currencyScale: scale });
      expect(contents(read), cast).toEqual(contents(expected));
      expect(read.skipped.byField.amount > 0, cast).toBe(cast === "DECIMAL(18, 3)");
    }
  });

  it("keeps whole row groups as read and checks the others row by row, in one table", async () => {
    // Groups of 1,000 rows: the third holds a NULL id and an amount with too many decimals, the others
    // only valid rows (NULL amounts among them); each kind of group is read into the table's slots.
    const path = join(dir, `mixed-groups-${files++}.parquet`);
    await db.run(`COPY (SELECT CASE WHEN i = 2500 THEN NULL ELSE user_name END AS customerId, created_at AS at,
        CASE WHEN i % 7 = 0 THEN NULL WHEN i = 2600 THEN 1.005 ELSE total::DOUBLE END AS amount
      FROM (SELECT row_number() OVER () - 1 AS i, * FROM orders)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
    const source = await rows(`SELECT customerId, epoch_us("at") AS us, amount FROM '${path}'`);
    const asRows = source.map((r) => ({ customerId: r.customerId as string | null, at: Number(r.us as bigint) / 1000, amount: r.amount as number | null }));
    const read = await readEvents(path, { onInvalid: "skip" });
    const expected = eventTable(asRows, { onInvalid: "skip" });
    expect(contents(read)).toEqual(contents(expected));
    expect(read.skipped.examples.map((e) => [e.row, e.field])).toEqual([
      [2500, "customerId"],
      [2600, "amount"],
    ]);
  });

  it("reads an event column into names, column by column and through hyparquet, as eventTable reads the rows", async () => {
    // Dictionary-coded names (few distinct) with NULL and empty ones; groups of valid rows are kept whole.
    const names = `CASE WHEN i = 1500 THEN NULL WHEN i = 3100 THEN '' WHEN i % 5 = 0 THEN 'signup' WHEN i % 3 = 0 THEN 'page view' ELSE 'purchase' END`;
    for (const [ids, amount] of [["user_name", "total::DOUBLE"], ["user_id", "total"]] as const) {
      const path = join(dir, `named-${files++}.parquet`);
      await db.run(`COPY (SELECT ${ids} AS customerId, created_at AS at, ${amount} AS amount, ${names} AS kind
        FROM (SELECT row_number() OVER () - 1 AS i, * FROM orders)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
      const source = await rows(`SELECT customerId, epoch_us("at") AS us, amount::VARCHAR AS amount, kind FROM '${path}'`);
      const asRows = source.map((r) => ({ customerId: r.customerId as string | bigint, at: Number(r.us as bigint) / 1000, amount: r.amount as string | null, event: r.kind as string | null }));
      const read = await readEvents(path, { onInvalid: "skip", fields: { event: "kind" } });
      const expected = eventTable(asRows, { onInvalid: "skip", fields: { event: "event" } });
      expect(contents(read), ids).toEqual(contents(expected));
      expect([...read.eventNames], ids).toEqual(["page view", "purchase", "signup"]);
      expect(read.skipped.examples.map((e) => [e.row, e.field]), ids).toEqual([
        [1500, "event"],
        [3100, "event"],
      ]);
      const refused = await refusedWith(readEvents(path, { fields: { event: "kind" } }));
      expect([refused.field, refused.row], ids).toEqual(["event", 1500]);
    }
    const numeric = await parquet("SELECT user_name AS customerId, created_at AS at, user_id AS event FROM orders");
    const e = await refusedWith(readEvents(numeric));
    expect([e.field, e.value]).toEqual(["fields.event", "event"]);
    expect((await readEvents(await parquet("SELECT user_name AS customerId, created_at AS at FROM orders"))).hasEventNames).toBe(false);
  });

  it("follows onInvalid for NULL ids and instants, and refuses truncated files and missing columns", async () => {
    const path = await parquet("SELECT CASE WHEN user_id = 5 THEN NULL ELSE user_id END AS customerId, CASE WHEN user_id = 6 THEN NULL ELSE created_at END AS at FROM orders");
    await expect(readEvents(path)).rejects.toThrow(InvalidInputError);
    const skipped = await readEvents(path, { onInvalid: "skip" });
    const { n5, n6 } = (await rows("SELECT count(*) FILTER (user_id = 5)::INT AS n5, count(*) FILTER (user_id = 6)::INT AS n6 FROM orders"))[0] as { n5: number; n6: number };
    expect(skipped.skipped.byField).toEqual({ customerId: n5, at: n6, amount: 0 });
    const truncated = join(dir, "truncated.parquet");
    writeFileSync(truncated, readFileSync(path).subarray(0, 3000));
    await expect(readEvents(truncated)).rejects.toThrow(/truncated or not Parquet/);
    await expect(readEvents(path, { fields: { customerId: "customer_id" } })).rejects.toThrow(/the file has columns "customerId", "at"/);
  });
});

async function refusedWith(p: Promise<unknown>): Promise<InvalidInputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error("did not throw");
}

let files = 0;
async function parquet(select: string): Promise<string> {
  const path = join(dir, `q${files++}.parquet`);
  await db.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  return path;
}
