/**
 * Event names in an EventTable (src/events/eventNames.ts and the readers that
 * code them): rows, accessors, columns, Arrow tables and DuckDB results give
 * the same names per event, in the same dictionary, whatever the input order.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { Dictionary, Float64, Int32, Table, tableFromArrays, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { eventTable } from "../../src/events/eventTable.ts";
import { NameCoder, sortNameCodes } from "../../src/events/eventNames.ts";
import type { EventTable } from "../../src/events/table.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { fc, test } from "../support/fc.ts";

/** Each event as (customer, time, name), in the table's order. */
const named = (t: EventTable) => [...t].map((r) => [r.customerId, r.at.getTime(), r.event]);

describe("NameCoder and sortNameCodes", () => {
  it("codes names by first use, then renumbers them in code-unit order", () => {
    const coder = new NameCoder();
    const codes = Int32Array.from(["visit", "buy", "visit", "Buy", "buy"], (n) => coder.code(n));
    expect([...codes]).toEqual([0, 1, 0, 2, 1]);
    expect(sortNameCodes(codes, coder.names)).toEqual(["Buy", "buy", "visit"]);
    expect([...codes]).toEqual([2, 1, 2, 0, 1]);
  });

  test.prop([fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 60 })])("keep each event's name", (names) => {
    const coder = new NameCoder();
    const codes = Int32Array.from(names, (n) => coder.code(n));
    const sorted = sortNameCodes(codes, coder.names);
    expect(Array.from(codes, (c) => sorted[c])).toEqual(names);
    expect([...sorted]).toEqual([...new Set(names)].sort());
  });
});

describe("eventTable: the event field", () => {
  const rows = [
    { customerId: "a", at: 30, event: "buy" },
    { customerId: "b", at: 10, event: "signup" },
    { customerId: "a", at: 20, event: "signup" },
  ];

  it("reads names from rows, dictionary-encoded and kept through the sort", () => {
    const t = eventTable(rows);
    expect(t.hasEventNames).toBe(true);
    expect(t.eventNames).toEqual(["buy", "signup"]);
    expect([...t.eventCodes()!]).toEqual([1, 1, 0]);
    expect(named(t)).toEqual([["b", 10, "signup"], ["a", 20, "signup"], ["a", 30, "buy"]]);
    expect(t.skipped.byField).toEqual({ customerId: 0, at: 0, amount: 0, event: 0 });
  });

  it("leaves a table without names exactly as before", () => {
    const t = eventTable([{ customerId: "a", at: 1 }]);
    expect(t.hasEventNames).toBe(false);
    expect(t.eventNames).toEqual([]);
    expect(t.eventCodes()).toBeNull();
    expect(t.row(0)).toEqual({ customerId: "a", at: new Date(1), amount: null });
    expect("event" in t.row(0)).toBe(false);
    expect(t.skipped.byField).toEqual({ customerId: 0, at: 0, amount: 0 });
  });

  it("reads a mapped field or an accessor, and columns", () => {
    const mapped = rows.map(({ event, ...r }) => ({ ...r, type: event }));
    expect(named(eventTable(mapped, { fields: { event: "type" } }))).toEqual(named(eventTable(rows)));
    expect(named(eventTable(mapped, { fields: { event: (r) => r.type } }))).toEqual(named(eventTable(rows)));
    const columns = { customerId: rows.map((r) => r.customerId), at: Float64Array.from(rows, (r) => r.at), event: rows.map((r) => r.event) };
    expect(named(eventTable(columns))).toEqual(named(eventTable(rows)));
    expect(named(eventTable({ ...columns, customerId: Int32Array.from([1, 2, 1]) }))).toEqual([[2, 10, "signup"], [1, 20, "signup"], [1, 30, "buy"]]);
  });

  it("refuses a row without a name in a table with names, or skips it and says so", () => {
    const bad = [{ customerId: "a", at: 1 }, { customerId: "b", at: 2, event: "x" }, { customerId: "c", at: 3, event: null }, { customerId: "d", at: 4, event: 5 }];
    // The first row has no name, which is known once the second has one.
    expectInvalid(() => eventTable(bad), { field: "event", value: undefined, row: 0, message: /expected the event's name, a non-empty string/ });
    expectInvalid(() => eventTable(bad.slice(1)), { field: "event", value: null, row: 1, message: /non-empty string/ });
    expectInvalid(() => eventTable(bad, { fields: { event: "event" } }), { field: "event", value: undefined, row: 0, message: /non-empty string/ });
    const t = eventTable(bad, { onInvalid: "skip" });
    expect(named(t)).toEqual([["b", 2, "x"]]);
    expect(t.skipped.total).toBe(3);
    expect(t.skipped.byField).toEqual({ customerId: 0, at: 0, amount: 0, event: 3 });
    expect(t.skipped.examples.map((e) => [e.row, e.field, e.value])).toEqual([[0, "event", undefined], [2, "event", null], [3, "event", 5]]);
    const columns = { customerId: ["a", "b", "c"], at: [1, 2, 3], event: ["x", "", "y"] };
    expectInvalid(() => eventTable(columns), { field: "event", value: "", row: 1, message: /non-empty string/ });
    expect(named(eventTable(columns, { onInvalid: "skip" }))).toEqual([["a", 1, "x"], ["c", 3, "y"]]);
    expectInvalid(() => eventTable({ ...columns, event: ["x"] }), { field: "columns.event", value: "1 values", message: /as many values as columns.customerId \(3\)/ });
  });

  const rowArb = fc.record({ customerId: fc.constantFrom("a", "b", "c", 1, 2), at: fc.integer({ min: 0, max: 50 }), event: fc.constantFrom("signup", "visit", "buy", "Buy") });
  test.prop([fc.array(rowArb, { maxLength: 60 }), fc.integer({ min: 0, max: 1000 })])(
    "give the same names per event and the same dictionary, whatever the input order and form",
    (events, seed) => {
      const t = eventTable(events);
      expect([...t].map((r) => r.event).sort()).toEqual(events.map((e) => e.event).sort());
      // A shuffled copy: the same (customer, time, name) multiset, the same dictionary.
      const shuffled = [...events].sort((x, y) => ((x.at * 7919 + seed) % 13) - ((y.at * 7919 + seed) % 13));
      const u = eventTable(shuffled);
      expect(u.eventNames).toEqual(t.eventNames);
      const key = (r: unknown[]) => JSON.stringify(r);
      expect(named(u).map(key).sort()).toEqual(named(t).map(key).sort());
      const columns = eventTable({ customerId: events.map((e) => e.customerId), at: Float64Array.from(events, (e) => e.at), event: events.map((e) => e.event) });
      expect(named(columns)).toEqual(named(t));
    },
  );
});

describe("eventTable: event names from Arrow and DuckDB", () => {
  const rows = [
    { customerId: "a", at: 30, event: "buy" },
    { customerId: "b", at: 10, event: "signup" },
    { customerId: "a", at: 20, event: "signup" },
  ];

  it("reads a Utf8 or dictionary column named event, or a mapped one", () => {
    const utf8 = tableFromArrays({ customerId: new Int32Array([1, 2, 1]), at: new Float64Array([30, 10, 20]), event: ["buy", "signup", "signup"] });
    expect(named(eventTable(utf8))).toEqual([[2, 10, "signup"], [1, 20, "signup"], [1, 30, "buy"]]);
    const dictionary = new Table({
      customerId: vectorFromArray(["a", "b", "a"], new Utf8()),
      at: vectorFromArray([30, 10, 20], new Float64()),
      kind: vectorFromArray(["buy", "signup", "signup"], new Dictionary(new Utf8(), new Int32())),
    });
    expect(named(eventTable(dictionary, { fields: { event: "kind" } }))).toEqual(named(eventTable(rows)));
    expect(eventTable(dictionary).hasEventNames).toBe(false);
    expectInvalid(() => eventTable(dictionary, { fields: { event: "type" } }), { field: "fields.event", value: "type", message: /a column of event names named "type"/ });
    const withNull = tableFromArrays({ customerId: new Int32Array([1, 2]), at: new Float64Array([1, 2]), event: ["x", null] });
    expectInvalid(() => eventTable(withNull), { field: "event", value: null, row: 1, message: /non-empty string/ });
    expect(eventTable(withNull, { onInvalid: "skip" }).skipped.byField).toEqual({ customerId: 0, at: 0, amount: 0, event: 1 });
  });

  it("reads a VARCHAR column of a DuckDB result", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    try {
      const sql = `SELECT * FROM (VALUES ('a', 30::DOUBLE, 'buy'), ('b', 10::DOUBLE, 'signup'), ('a', 20::DOUBLE, 'signup')) v("customerId", "at", "event")`;
      expect(named(await eventTable(await db.run(sql)))).toEqual(named(eventTable(rows)));
      const renamed = `SELECT "customerId", "at", "event" AS kind FROM (${sql})`;
      expect(named(await eventTable(await db.runAndReadAll(renamed), { fields: { event: "kind" } }))).toEqual(named(eventTable(rows)));
      const nulls = `SELECT * FROM (VALUES ('a', 1::DOUBLE, 'x'), ('b', 2::DOUBLE, NULL)) v("customerId", "at", "event")`;
      await expect(eventTable(await db.run(nulls))).rejects.toThrow("Invalid event at row 1: null");
    } finally {
      db.closeSync();
    }
  });
});
