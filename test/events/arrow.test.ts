/**
 * eventTable on Apache Arrow tables and record batches (src/events/arrow.ts),
 * built with apache-arrow: several batches, dictionaries, nulls, every
 * timestamp unit, against eventTable on the same events as rows.
 */
import {
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  RecordBatch,
  Table,
  tableFromArrays,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Utf8,
  vectorFromArray,
  type Vector,
} from "apache-arrow";
import { describe, expect, expectTypeOf, it } from "vitest";
import { eventTable } from "../../src/events/eventTable.ts";
import { EventTable } from "../../src/events/table.ts";
import type { ArrowTableLike } from "../../src/events/arrow.ts";
import type { EpochUnit } from "../../src/events/epoch.ts";
import { fc, test } from "../support/fc.ts";

type IdType = "dictionary" | "utf8" | "int32" | "int64";
type AtType = EpochUnit | "float64" | "date32" | "date64";
type AmountType = "float64" | "decimal" | "none";

interface Event {
  id: number | null;
  /** The instant in the column's unit (days for dates); null for a null instant. */
  at: bigint | null;
  /** Cents, or null for no amount. */
  cents: number | null;
}

const BIG = 2n ** 60n;
/** Int64 ids: small ones (read as the numbers they equal) and, for k >= 5, far above 2^53 (coded from then on). */
const int64Id = (k: number): bigint => (k < 5 ? BigInt(k) : BIG + BigInt(k));
const MS_PER_DAY = 86_400_000;

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8) + 1);
  let nullCount = 0;
  values.forEach((v, i) => (v === null ? nullCount++ : (nullBitmap[i >> 3]! |= 1 << (i & 7))));
  return { nullBitmap, nullCount };
}

function idVector(events: Event[], type: IdType): Vector {
  const ids = events.map((e) => e.id);
  if (type === "int32") return vectorFromArray(ids, new Int32());
  if (type === "int64") return vectorFromArray(ids.map((k) => (k === null ? null : int64Id(k))), new Int64());
  const names = ids.map((k) => (k === null ? null : `c${k}`));
  return vectorFromArray(names, type === "utf8" ? new Utf8() : new Dictionary(new Utf8(), new Int32()));
}

function atVector(events: Event[], type: AtType): Vector {
  const values = events.map((e) => e.at);
  const nulls = validity(values);
  const length = values.length;
  if (type === "float64") return makeVector(makeData({ type: new Float64(), length, data: Float64Array.from(values, (v) => Number(v ?? 0n) / 4), ...nulls }));
  if (type === "date32") return makeVector(makeData({ type: new DateDay(), length, data: Int32Array.from(values, (v) => Number(v ?? 0n)), ...nulls }));
  const data = BigInt64Array.from(values, (v) => (type === "date64" ? (v ?? 0n) * BigInt(MS_PER_DAY) : (v ?? 0n)));
  if (type === "date64") return makeVector(makeData({ type: new DateMillisecond(), length, data, ...nulls }));
  const timestamp = { s: new TimestampSecond(), ms: new TimestampMillisecond(), us: new TimestampMicrosecond(), ns: new TimestampNanosecond() }[type];
  return makeVector(makeData({ type: timestamp, length, data, ...nulls }));
}

function amountVector(events: Event[], type: AmountType, scale: number): Vector {
  const cents = events.map((e) => e.cents);
  if (type === "float64") return vectorFromArray(cents.map((c) => (c === null ? null : c / 100)), new Float64());
  // Decimal128 with `scale` digits: four little-endian 32-bit words per value.
  const words = new Uint32Array(4 * cents.length);
  cents.forEach((c, i) => {
    const scaled = BigInt.asUintN(128, BigInt(c ?? 0) * 10n ** BigInt(scale - 2));
    for (let k = 0; k < 4; k++) words[4 * i + k] = Number((scaled >> BigInt(32 * k)) & 0xffffffffn);
  });
  return makeVector(makeData({ type: new Decimal(scale, 30, 128), length: cents.length, data: words, ...validity(cents) }));
}

/** The events as an Arrow table of one batch per slice. */
function arrowTable(batches: Event[][], idType: IdType, atType: AtType, amountType: AmountType, scale: number): Table {
  const tables = batches.map((events) => {
    const columns: Record<string, Vector> = { customerId: idVector(events, idType), at: atVector(events, atType) };
    if (amountType !== "none") columns.amount = amountVector(events, amountType, scale);
    return new Table(columns);
  });
  return tables.slice(1).reduce((a, b) => a.concat(b), tables[0]!);
}

/** The same events as rows for eventTable, and the options that read them the same way. */
function asRows(events: Event[], idType: IdType, atType: AtType, amountType: AmountType) {
  const rows = events.map((e) => {
    const customerId = e.id === null ? null : idType === "int32" ? e.id : idType === "int64" ? int64Id(e.id) : `c${e.id}`;
    const at =
      e.at === null ? null : atType === "float64" ? Number(e.at) / 4 : atType === "date32" || atType === "date64" ? Number(e.at) * MS_PER_DAY : e.at;
    const amount = e.cents === null ? null : amountType === "decimal" ? (e.cents / 100).toFixed(2) : e.cents / 100;
    return amountType === "none" ? { customerId, at } : { customerId, at, amount };
  });
  const epochUnit: EpochUnit = atType === "s" || atType === "ms" || atType === "us" || atType === "ns" ? atType : "ms";
  return { rows, epochUnit };
}

function contents(t: EventTable) {
  return {
    ids: t.customerIds,
    times: [...t.times()],
    codes: [...t.customerIndexes()],
    amounts: t.amountsInMinorUnits() && [...t.amountsInMinorUnits()!],
    hasAmounts: t.hasAmounts,
    skipped: t.skipped,
  };
}

/** The table, or the message of the error thrown. */
function outcome(f: () => EventTable): unknown {
  try {
    return contents(f());
  } catch (e) {
    return (e as Error).message;
  }
}

const RANGES: Record<AtType, [bigint, bigint]> = {
  s: [-(10n ** 12n), 10n ** 12n],
  ms: [-(10n ** 15n), 10n ** 15n],
  us: [-(10n ** 18n), 10n ** 18n],
  ns: [-(2n ** 63n), 2n ** 63n - 1n],
  float64: [-(10n ** 15n), 10n ** 15n],
  date32: [-(10n ** 8n), 10n ** 8n],
  date64: [-(10n ** 8n), 10n ** 8n],
};

const scenario = fc
  .record({
    idType: fc.constantFrom<IdType>("dictionary", "utf8", "int32", "int64"),
    atType: fc.constantFrom<AtType>("s", "ms", "us", "ns", "float64", "date32", "date64"),
    amountType: fc.constantFrom<AmountType>("float64", "decimal", "none"),
    scale: fc.constantFrom(2, 4),
    onInvalid: fc.constantFrom<"throw" | "skip">("skip", "skip", "throw"),
  })
  .chain((s) => {
    const [lo, hi] = RANGES[s.atType];
    const event = fc.record({
      id: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 25 }),
      // Mostly near one another (so the sort's groups and ties are used), sometimes anywhere, at times out of range.
      // (Dates out of range are refused with their own message, naming the days: not compared here.)
      at: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: lo, max: hi }), fc.constant(s.atType.startsWith("date") ? 0n : 2n ** 63n - 1n)), { freq: 25 }),
      cents: fc.option(fc.integer({ min: -1e6, max: 1e6 }), { freq: 5 }),
    });
    return fc.record({ s: fc.constant(s), batches: fc.array(fc.array(event, { maxLength: 40 }), { minLength: 1, maxLength: 4 }) });
  });

describe("eventTable on an Arrow table", () => {
  test.prop([scenario], { numRuns: 300 })("gives the same table as the row path on the same events (batches, dictionaries, nulls, every unit)", ({ s, batches }) => {
    const table = arrowTable(batches, s.idType, s.atType, s.amountType, s.scale);
    const { rows, epochUnit } = asRows(batches.flat(), s.idType, s.atType, s.amountType);
    const fromArrow = outcome(() => eventTable(table, { onInvalid: s.onInvalid }));
    const fromRows = outcome(() => eventTable(rows as never, { onInvalid: s.onInvalid, epochUnit }));
    expect(fromArrow).toEqual(fromRows);
  });

  it("reads a table of one Int32/Float64 batch without copying, as the typed columns", () => {
    const columns = { customerId: new Int32Array([5, 6, 5]), at: new Float64Array([30, 10, 20]), amount: new Float64Array([1.25, 2, 3]) };
    const table = tableFromArrays(columns);
    expectTypeOf(eventTable(table)).toEqualTypeOf<EventTable>();
    // apache-arrow's Table and RecordBatch have the shape eventTable reads (not merely iterables of rows).
    expectTypeOf(table).toExtend<ArrowTableLike>();
    expectTypeOf(table.batches[0]!).toExtend<ArrowTableLike>();
    expect(contents(eventTable(table))).toEqual(contents(eventTable(columns)));
    expect(contents(eventTable(table.batches[0]!))).toEqual(contents(eventTable(columns)));
    // Errors name the row, as for typed columns.
    expect(() => eventTable(tableFromArrays({ customerId: new Int32Array([1, 2]), at: new Float64Array([1, 9e15]) }))).toThrow("Invalid at at row 1: 9000000000000000");
  });

  it("accepts a RecordBatch and several batches of record batches", () => {
    const a = tableFromArrays({ customerId: ["x", "y"], at: new Float64Array([2, 1]) });
    const b = tableFromArrays({ customerId: ["y", "z"], at: new Float64Array([4, 3]) });
    const both = a.concat(b);
    expect(both.batches.length).toBe(2);
    expect(eventTable(both).customerIds).toEqual(["y", "x", "z"]);
    const batch: RecordBatch = both.batches[1]!;
    expect(eventTable(batch).customerIds).toEqual(["z", "y"]);
  });

  it("keeps int64 ids above 2^53 apart and bigint, and names columns with fields", () => {
    const ids = vectorFromArray([2n ** 53n, 2n ** 53n + 1n, 2n ** 53n], new Int64());
    const ts = makeVector(makeData({ type: new TimestampNanosecond(), length: 3, data: new BigInt64Array([3n, 1710496800123456789n, -1n]) }));
    const t = eventTable(new Table({ user_id: ids, ordered_at: ts }), { fields: { customerId: "user_id", at: "ordered_at" } });
    expect(t.customerIds).toEqual([2n ** 53n, 2n ** 53n + 1n]);
    expect([...t.times()]).toEqual([-1e-6, 3e-6, 1710496800123 + 456789 / 1e6]);
    expect(t.hasAmounts).toBe(false);
  });

  it("reads integer and float instants in epochUnit", () => {
    const columns = { customerId: new Int32Array([1, 2]), at: new Int32Array([1710496800, 1710496801]) };
    expect([...eventTable(tableFromArrays(columns), { epochUnit: "s" }).times()]).toEqual([1710496800000, 1710496801000]);
    const us = tableFromArrays({ customerId: new Int32Array([1]), at: new Float64Array([1710496800123456]) });
    expect([...eventTable(us, { epochUnit: "us" }).times()]).toEqual([1710496800123.456]);
    const big = new Table({ customerId: vectorFromArray([1], new Int32()), at: vectorFromArray([1710496800123456789n], new Int64()) });
    expect([...eventTable(big, { epochUnit: "ns" }).times()]).toEqual([1710496800123 + 456789 / 1e6]);
  });

  it("reads a dictionary's entries once, for ids, instants and amounts", () => {
    const dict = (values: Array<string | null>) => vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));
    const t = eventTable(new Table({ customerId: dict(["a", "b", "a"]), at: dict(["2024-01-02", "2024-01-01", "bad"]), amount: dict(["1.50", null, "2"]) }), { onInvalid: "skip" });
    expect(t.customerIds).toEqual(["b", "a"]);
    expect([...t.times()]).toEqual([Date.parse("2024-01-01"), Date.parse("2024-01-02")]);
    expect([...t.amountsInMinorUnits()!]).toEqual([0, 150]);
    expect(t.skipped.examples).toEqual([{ row: 2, field: "at", value: "bad", message: expect.stringContaining('Invalid at at row 2: "bad"') }]);
  });

  it("names missing columns with the columns there are and the mapping to pass", () => {
    const t = tableFromArrays({ customer_id: new Int32Array([1]), created_at: new Float64Array([1]), total: new Float64Array([1]) });
    expect(() => eventTable(t)).toThrow(
      'Invalid fields.customerId: "customerId"; expected a "customerId" column (the Arrow table has columns "customer_id", "created_at", "total"); pass fields: { customerId: "customer_id", at: "created_at", amount: "total" }.',
    );
    expect(() => eventTable(t, { fields: { customerId: "customer_id", at: "created_at", amount: "amount" } })).toThrow(/Invalid fields.amount: "amount"; expected a "amount" column/);
    expect(() => eventTable(t, { fields: { customerId: (() => 1) as never, at: "created_at" } })).toThrow(/fields.customerId.*a column name/);
    expect(eventTable(t, { fields: { customerId: "customer_id", at: "created_at" } }).hasAmounts).toBe(false);
  });

  it("refuses column types it cannot read, naming the type", () => {
    const t = new Table({ customerId: vectorFromArray([true, false]), at: vectorFromArray([1, 2], new Float64()) });
    expect(() => eventTable(t)).toThrow(/Invalid customerId: "Bool"; expected an Arrow column of/);
  });
});
