/**
 * eventTable on DuckDB results (src/events/duckdb.ts), from a real
 * @duckdb/node-api engine: materialized, streaming and reader results, every
 * timestamp precision, DECIMAL and DOUBLE amounts, NULLs, several chunks, and
 * vectors read through their public API only, against eventTable on the same
 * events as rows.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { EpochUnit } from "../../src/events/epoch.ts";
import type { DuckDBDataChunkLike, DuckDBResultLike, DuckDBResultReaderLike } from "../../src/events/duckdb.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";
import { fc, test } from "../support/fc.ts";

let db: DuckDBConnection;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => db.closeSync());

type IdType = "BIGINT" | "VARCHAR" | "INTEGER";
type AtType = "TIMESTAMP" | "TIMESTAMPTZ" | "TIMESTAMP_NS" | "TIMESTAMP_MS" | "TIMESTAMP_S" | "DATE" | "BIGINT" | "DOUBLE";
type AmountType = "DECIMAL(18,2)" | "DECIMAL(38,4)" | "DOUBLE" | "none";
type Read = "run" | "stream" | "reader" | "public API only" | "reader, public API only";

interface Event {
  id: number | null;
  /** The instant in the column's unit (days for DATE, ms/4 for DOUBLE). */
  at: bigint | null;
  cents: number | null;
}

const BIG = 2n ** 60n;
/** BIGINT ids: small ones (read as the numbers they equal) and, for k >= 5, far above 2^53 (coded from then on). */
const bigintId = (k: number): bigint => (k < 5 ? BigInt(k) : BIG + BigInt(k));
const MS_PER_DAY = 86_400_000;

/** The SQL of a result holding the events, in the given column types. */
function sql(events: Event[], idType: IdType, atType: AtType, amountType: AmountType): string {
  const lit = (x: unknown) => (x === null ? "NULL" : typeof x === "string" ? `'${x}'` : String(x));
  const values = events.map((e) => {
    const id = e.id === null ? null : idType === "BIGINT" ? bigintId(e.id) : idType === "VARCHAR" ? `c${e.id}` : e.id;
    const amount = e.cents === null ? null : amountType === "DOUBLE" ? e.cents : (e.cents / 100).toFixed(2);
    return `(${lit(id)}, ${lit(e.at)}, ${lit(amount)})`;
  });
  const rows = values.length > 0 ? values.join(", ") : "(NULL, NULL, NULL)";
  const at = {
    TIMESTAMP: "make_timestamp(t::BIGINT)",
    TIMESTAMPTZ: "make_timestamptz(t::BIGINT)",
    TIMESTAMP_NS: "make_timestamp_ns(t::BIGINT)",
    TIMESTAMP_MS: "make_timestamp(t::BIGINT * 1000)::TIMESTAMP_MS",
    TIMESTAMP_S: "make_timestamp(t::BIGINT * 1000000)::TIMESTAMP_S",
    DATE: "DATE '1970-01-01' + t::INTEGER",
    BIGINT: "t::BIGINT",
    DOUBLE: "t::DOUBLE / 4",
  }[atType];
  const amount = amountType === "none" ? "" : amountType === "DOUBLE" ? ", amount::DOUBLE / 100 AS amount" : `, amount::${amountType} AS amount`;
  return `SELECT id::${idType} AS "customerId", ${at} AS "at"${amount} FROM (VALUES ${rows}) v(id, t, amount)${values.length > 0 ? "" : " WHERE false"}`;
}

/** The events as rows, and the epoch unit that reads them as the result's columns are read. */
function asRows(events: Event[], idType: IdType, atType: AtType, amountType: AmountType, bigintUnit: EpochUnit) {
  const unit: EpochUnit = { TIMESTAMP: "us", TIMESTAMPTZ: "us", TIMESTAMP_NS: "ns", TIMESTAMP_MS: "ms", TIMESTAMP_S: "s", DATE: "ms", BIGINT: bigintUnit, DOUBLE: "ms" }[atType] as EpochUnit;
  const rows = events.map((e) => ({
    customerId: e.id === null ? null : idType === "BIGINT" ? bigintId(e.id) : idType === "VARCHAR" ? `c${e.id}` : e.id,
    at: e.at === null ? null : atType === "DATE" ? Number(e.at) * MS_PER_DAY : atType === "DOUBLE" ? Number(e.at) / 4 : e.at,
    ...(amountType === "none" ? {} : { amount: e.cents === null ? null : amountType === "DOUBLE" ? e.cents / 100 : (e.cents / 100).toFixed(2) }),
  }));
  return { rows, unit };
}

/** A result whose chunks' vectors show only DuckDB's public vector API (no typed arrays in place). */
function publicOnly(result: DuckDBResultLike): DuckDBResultLike {
  const wrap = (chunk: DuckDBDataChunkLike): DuckDBDataChunkLike => ({
    rowCount: chunk.rowCount,
    getColumnVector: (i) => {
      const v = chunk.getColumnVector(i);
      const scaled = v.getScaledValue?.bind(v);
      return scaled === undefined ? { itemCount: v.itemCount, getItem: (j) => v.getItem(j) } : { itemCount: v.itemCount, getItem: (j) => v.getItem(j), getScaledValue: scaled };
    },
  });
  return {
    columnCount: result.columnCount,
    columnName: (i) => result.columnName(i),
    columnType: (i) => result.columnType(i),
    fetchChunk: async () => {
      const chunk = await result.fetchChunk();
      return chunk === null ? null : wrap(chunk);
    },
  };
}

/** A reader that does not show its chunks: read through `value(column, row)`. */
function readerPublicOnly(reader: DuckDBResultReaderLike): DuckDBResultReaderLike {
  return {
    columnCount: reader.columnCount,
    columnName: (i) => reader.columnName(i),
    columnType: (i) => reader.columnType(i),
    get done() {
      return reader.done;
    },
    get currentRowCount() {
      return reader.currentRowCount;
    },
    readAll: () => reader.readAll(),
    value: (c, r) => reader.value(c, r),
  };
}

async function result(query: string, read: Read): Promise<DuckDBResultLike | DuckDBResultReaderLike> {
  if (read === "run") return db.run(query);
  if (read === "stream") return db.stream(query);
  if (read === "public API only") return publicOnly(await db.stream(query));
  const reader = await db.runAndReadUntil(query, 1); // partly read: eventTable reads the rest
  return read === "reader" ? reader : readerPublicOnly(reader);
}

function contents(t: EventTable) {
  return { ids: t.customerIds, times: [...t.times()], codes: [...t.customerIndexes()], amounts: t.amountsInMinorUnits() && [...t.amountsInMinorUnits()!], hasAmounts: t.hasAmounts, skipped: t.skipped };
}

async function outcome(f: () => EventTable | Promise<EventTable>): Promise<unknown> {
  try {
    return contents(await f());
  } catch (e) {
    return (e as Error).message;
  }
}

const RANGES: Record<AtType, [bigint, bigint]> = {
  TIMESTAMP: [-(10n ** 17n), 10n ** 17n],
  TIMESTAMPTZ: [-(10n ** 17n), 10n ** 17n],
  TIMESTAMP_NS: [-(2n ** 63n) + 2n, 2n ** 63n - 2n], // ±(2^63 - 1) are DuckDB's infinities
  TIMESTAMP_MS: [-(10n ** 14n), 10n ** 14n],
  TIMESTAMP_S: [-(10n ** 11n), 10n ** 11n],
  DATE: [-(10n ** 8n), 10n ** 8n],
  BIGINT: [-(2n ** 63n) + 1n, 2n ** 63n - 1n],
  DOUBLE: [-(10n ** 15n), 10n ** 15n],
};

const scenario = fc
  .record({
    idType: fc.constantFrom<IdType>("BIGINT", "VARCHAR", "INTEGER"),
    atType: fc.constantFrom<AtType>("TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "DATE", "BIGINT", "DOUBLE"),
    amountType: fc.constantFrom<AmountType>("DECIMAL(18,2)", "DECIMAL(38,4)", "DOUBLE", "none"),
    read: fc.constantFrom<Read>("run", "stream", "reader", "public API only", "reader, public API only"),
    bigintUnit: fc.constantFrom<EpochUnit>("s", "ms", "us", "ns"),
    onInvalid: fc.constantFrom<"throw" | "skip">("skip", "skip", "throw"),
  })
  .chain((s) => {
    const [lo, hi] = RANGES[s.atType];
    // TIMESTAMP values beyond the range of Date (year 275760) exist in DuckDB: bad rows.
    const far = s.atType === "TIMESTAMP" || s.atType === "TIMESTAMPTZ" ? [fc.constant(9_000_000_000_000_000_000n)] : [];
    const event = fc.record({
      id: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 25 }),
      at: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: lo, max: hi }), ...far), { freq: 25 }),
      cents: fc.option(fc.integer({ min: -1e6, max: 1e6 }), { freq: 5 }),
    });
    return fc.record({ s: fc.constant(s), events: fc.array(event, { maxLength: 40 }) });
  });

describe("eventTable on a DuckDB result", () => {
  test.prop([scenario], { numRuns: 120 })("gives the same table as the row path on the same events (every read, type and NULL)", async ({ s, events }) => {
    const query = sql(events, s.idType, s.atType, s.amountType);
    const { rows, unit } = asRows(events, s.idType, s.atType, s.amountType, s.bigintUnit);
    const fromDuckDB = await outcome(async () => eventTable(await result(query, s.read), { onInvalid: s.onInvalid, epochUnit: unit }));
    const fromRows = await outcome(() => eventTable(rows as never, { onInvalid: s.onInvalid, epochUnit: unit }));
    expect(fromDuckDB).toEqual(fromRows);
  });

  it("returns a Promise for every kind of result", async () => {
    const q = `SELECT 1 AS "customerId", TIMESTAMP '2024-01-01' AS "at"`;
    const materialized = await db.run(q);
    const reader = await db.runAndReadAll(q);
    const streaming = await db.stream(q); // last: another query on the connection would end it
    // @duckdb/node-api's results have the shapes eventTable reads.
    expectTypeOf(materialized).toExtend<DuckDBResultLike>();
    expectTypeOf(streaming).toExtend<DuckDBResultLike>();
    expectTypeOf(reader).toExtend<DuckDBResultReaderLike>();
    // Types only (not run: a streaming result is read once).
    void (() => {
      expectTypeOf(eventTable(materialized)).toEqualTypeOf<Promise<EventTable>>();
      expectTypeOf(eventTable(streaming)).toEqualTypeOf<Promise<EventTable>>();
      expectTypeOf(eventTable(reader, { fields: { customerId: "id" }, epochUnit: "us" })).toEqualTypeOf<Promise<EventTable>>();
    });
    for (const r of [streaming, materialized, reader]) expect((await eventTable(r)).length).toBe(1);
    // A materialized result can be read again.
    expect((await eventTable(materialized)).length).toBe(1);
  });

  it("reads several chunks, and the first bad row of a later chunk is named", async () => {
    const q = `SELECT (i % 300)::BIGINT AS user_id, make_timestamptz(1709251200000000 + i * 1000003) AS created_at,
      CASE WHEN i = 4321 THEN 1.005 ELSE (i % 50)::DECIMAL(10,2) END::DECIMAL(12,3) AS total FROM range(5000) t(i)`;
    const fields = { customerId: "user_id", at: "created_at", amount: "total" };
    await expect(eventTable(await db.run(q), { fields })).rejects.toThrow("Invalid amount at row 4321: \"1.005\"; expected an amount with at most 2 decimals");
    const t = await eventTable(await db.stream(q), { fields, onInvalid: "skip" });
    expect(t.length).toBe(4999);
    expect(t.skipped.examples.map((e) => e.row)).toEqual([4321]);
    expect(t.customerCount).toBe(300);
    expect(t.customerIds[0]).toBe(0n);
    // Microseconds kept as fractions of a millisecond.
    expect(t.times()[1]).toBe(1709251200000 + 1000.003);
  });

  it("keeps BIGINT ids above 2^53 apart, HUGEINT ids too, and DECIMAL(38, 10) amounts exact", async () => {
    const q = `SELECT * FROM (VALUES (9007199254740992::BIGINT, 9007199254740992::HUGEINT, TIMESTAMP '2024-01-01', '12.3400000000'::DECIMAL(38,10)),
      (9007199254740993::BIGINT, 9007199254740993::HUGEINT, TIMESTAMP '2024-01-02', '99999999999.99'::DECIMAL(38,10))) v("customerId", big, "at", amount)`;
    const t = await eventTable(await db.run(q));
    expect(t.customerIds).toEqual([2n ** 53n, 2n ** 53n + 1n]);
    expect([...t.amountsInMinorUnits()!]).toEqual([1234, 9999999999999]);
    expect((await eventTable(await db.run(q), { fields: { customerId: "big", at: "at" } })).customerIds).toEqual([2n ** 53n, 2n ** 53n + 1n]);
  });

  it("names missing columns and refuses types it cannot read", async () => {
    const q = "SELECT 1 AS customer_id, TIMESTAMP '2024-01-01' AS ordered_at, 2.5 AS amount";
    await expect(eventTable(await db.run(q))).rejects.toThrow(
      'Invalid fields.customerId: "customerId"; expected a "customerId" column (the DuckDB result has columns "customer_id", "ordered_at", "amount"); pass fields: { customerId: "customer_id", at: "ordered_at", amount: "amount" }.',
    );
    await expect(eventTable(await db.run(`SELECT true AS "customerId", 1 AS "at"`))).rejects.toThrow(/Invalid customerId: "BOOLEAN"; expected a column of integers/);
  });
});
