import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import { EventTable, tableColumns } from "../../src/events/table.ts";
import type { EventRow } from "../../src/events/types.ts";
import { expectInvalid } from "../metrics/helpers.ts";

const rows = [
  { customerId: "b", at: "2024-01-02T09:00:00Z", amount: 8 },
  { customerId: "a", at: "2024-01-05T10:00:00Z", amount: "12.50" },
  { customerId: "b", at: "2024-01-01T00:00:00Z", amount: null },
];

describe("eventTable", () => {
  it("sorts by time, encodes ids in order of first event and keeps minor units", () => {
    const t = eventTable(rows);
    expect(t.length).toBe(3);
    expect(t.customerIds).toEqual(["b", "a"]);
    expect([...t.times()]).toEqual([Date.parse("2024-01-01T00:00:00Z"), Date.parse("2024-01-02T09:00:00Z"), Date.parse("2024-01-05T10:00:00Z")]);
    expect([...t.customerIndexes()]).toEqual([0, 0, 1]);
    expect([...t.amountsInMinorUnits()!]).toEqual([0, 800, 1250]);
    expect(t.row(2).amount!.toString()).toBe("12.5");
    expect(t.hasAmounts).toBe(true);
    expect(t.span).toEqual({ first: Date.parse("2024-01-01T00:00:00Z"), last: Date.parse("2024-01-05T10:00:00Z") });
    expect(eventTable(t)).toBe(t);
  });

  it("is immutable: accessors return copies", () => {
    const t = eventTable(rows);
    t.times()[0] = 0;
    t.customerIndexes()[0] = 9;
    expect(t.row(0).customerId).toBe("b");
    expect(t.times()[0]).toBe(Date.parse("2024-01-01T00:00:00Z"));
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.customerIds)).toBe(true);
    expect(() => t.row(3)).toThrow(InvalidInputError);
  });

  it("treats __proto__ and constructor as ordinary ids, and 1 apart from '1'", () => {
    const t = eventTable([
      { customerId: "__proto__", at: 1 },
      { customerId: "constructor", at: 2 },
      { customerId: 1, at: 3 },
      { customerId: "1", at: 4 },
      { customerId: "__proto__", at: 5 },
    ]);
    expect(t.customerIds).toEqual(["__proto__", "constructor", 1, "1"]);
    expect(t.hasAmounts).toBe(false);
    expect(t.row(0).amount).toBeNull();
  });

  it("renames fields by name or accessor", () => {
    const t = eventTable([{ user: 7, ts: "2024-03-01", total: "1.5" }], { fields: { customerId: "user", at: "ts", amount: "total" } });
    expect(t.row(0)).toEqual({ customerId: 7, at: new Date("2024-03-01T00:00:00Z"), amount: t.row(0).amount });
    const u = eventTable([[3, 1000]] as Array<[number, number]>, { fields: { customerId: (r) => r[0], at: (r) => r[1] } });
    expect(u.row(0).customerId).toBe(3);
    expect(u.row(0).at.getTime()).toBe(1000);
  });

  it("reads instants without an offset in the timeZone option", () => {
    const t = eventTable([{ customerId: 1, at: "2024-03-01T00:00" }], { timeZone: "America/New_York" });
    expect(t.row(0).at.toISOString()).toBe("2024-03-01T05:00:00.000Z");
  });

  it("accepts columns, plain or typed, and async iterables", async () => {
    const c = eventTable({ customerId: new Int32Array([5, 6, 5]), at: new Float64Array([30, 10, 20]), amount: new Float64Array([1, 2, 3]) });
    expect(c.customerIds).toEqual([6, 5]);
    expect([...c.amountsInMinorUnits()!]).toEqual([200, 300, 100]);
    const p = eventTable({ customerId: ["x", "y"], at: ["2024-01-01T00:00:00Z", new Date(0)] });
    expect(p.customerIds).toEqual(["y", "x"]);
    async function* gen() {
      yield { customerId: "a", at: 2 };
      yield { customerId: "b", at: 1 };
    }
    const fromAsync = await eventTable(gen());
    expect(fromAsync).toBeInstanceOf(EventTable);
    expect(fromAsync.customerIds).toEqual(["b", "a"]);
    expect(() => eventTable({ customerId: [1, 2], at: new Float64Array([1]) })).toThrow(/columns\.at/);
  });

  it.each([[null], [5], ["12.50"], [{}]])("refuses an amount column %j that is not an array, naming columns.amount", (amount) => {
    expectInvalid(() => eventTable({ customerId: [1, 2], at: [0, 1], amount: amount as never }), {
      field: "columns.amount",
      value: amount,
      message: /expected an array \(or typed array\) of amounts, one per event, or no amount column\.$/,
    });
  });

  it("refuses each kind of bad row with its row, field and value", () => {
    expect(() => eventTable([{ customerId: "a", at: 1 }, { customerId: null, at: 1 }] as never)).toThrow("Invalid customerId at row 1: null");
    expect(() => eventTable([{ customerId: "", at: 1 }])).toThrow(/customerId at row 0/);
    expect(() => eventTable([{ customerId: "a", at: "yesterday" }])).toThrow('Invalid at at row 0: "yesterday"');
    expect(() => eventTable([{ customerId: "a", at: 1, amount: Number.NaN }])).toThrow("Invalid amount at row 0: NaN");
    expect(() => eventTable([{ customerId: "a", at: 1, amount: 0.001 }])).toThrow(/amount at row 0: 0\.001; expected an amount with at most 2 decimals/);
    expect(() => eventTable({ customerId: [1], at: new Float64Array([Number.NaN]) })).toThrow(/at at row 0/);
    expect(() => eventTable([], { onInvalid: "ignore" as never })).toThrow(/onInvalid/);
    expect(() => eventTable(42 as never)).toThrow(InvalidInputError);
  });

  it("checks typed columns (read by a faster loop) with the same messages", () => {
    const ids = new Int32Array([1, 2, 3]);
    expect(() => eventTable({ customerId: ids, at: new Float64Array([1, 9e15, 2]) })).toThrow("Invalid at at row 1: 9000000000000000");
    expect(() => eventTable({ customerId: new Float64Array([1, 2, Number.NaN]), at: new Float64Array([1, 2, 3]) })).toThrow("Invalid customerId at row 2: NaN");
    expect(() => eventTable({ customerId: ids, at: new Float64Array([1, 2, 3]), amount: new Float64Array([1, 0.001, 2]) })).toThrow(/amount at row 1: 0\.001/);
    const t = eventTable(
      { customerId: new Float64Array([1, Number.POSITIVE_INFINITY, 3, 4]), at: new Float64Array([4, 3, -1e300, 1]), amount: new Float64Array([1, 2, 3, 4.5]) },
      { onInvalid: "skip" },
    );
    expect([...t.times()]).toEqual([1, 4]);
    expect([...t.amountsInMinorUnits()!]).toEqual([450, 100]);
    expect(t.skipped.examples.map((e) => [e.row, e.field])).toEqual([[1, "customerId"], [2, "at"]]);
  });

  it("skips and reports bad rows with onInvalid: 'skip'", () => {
    const t = eventTable(
      [
        { customerId: "a", at: 1, amount: 1 },
        { customerId: undefined, at: 2 },
        { customerId: "b", at: "nope" },
        { customerId: "c", at: 3, amount: "1.234" },
        { customerId: "d", at: 4 },
      ] as unknown as EventRow[],
      { onInvalid: "skip" },
    );
    expect(t.length).toBe(2);
    expect(t.customerIds).toEqual(["a", "d"]); // "b" and "c" had no valid event
    expect(t.skipped.total).toBe(3);
    expect(t.skipped.byField).toEqual({ customerId: 1, at: 1, amount: 1 });
    expect(t.skipped.examples.map((e) => [e.row, e.field])).toEqual([[1, "customerId"], [2, "at"], [3, "amount"]]);
  });

  const eventArb = fc.record({
    customerId: fc.oneof(fc.constantFrom("a", "b", "__proto__", "constructor"), fc.integer({ min: 0, max: 5 })),
    at: fc.integer({ min: 0, max: 1e12 }),
    amount: fc.integer({ min: -1e6, max: 1e6 }).map((c) => c / 100),
  });

  test.prop([fc.array(eventArb, { maxLength: 60 })])("holds the same multiset of events, sorted, whatever the input order", (events) => {
    const t = eventTable(events);
    const back = [...t].map((r) => `${typeof r.customerId}:${r.customerId}|${r.at.getTime()}|${r.amount?.toString()}`);
    const expected = events.map((e) => `${typeof e.customerId}:${e.customerId}|${e.at}|${String(e.amount === 0 ? 0 : e.amount)}`);
    expect(back.slice().sort()).toEqual(expected.slice().sort());
    const times = t.times();
    for (let i = 1; i < times.length; i++) expect(times[i - 1]!).toBeLessThanOrEqual(times[i]!);
    // customer codes are numbered by first event
    const firsts = new Map<number, number>();
    t.customerIndexes().forEach((c, i) => firsts.has(c) || firsts.set(c, i));
    const order = [...firsts.entries()].sort((x, y) => x[1] - y[1]).map(([c]) => c);
    expect(order).toEqual(order.map((_, i) => i));
    expect(tableColumns(eventTable([...events].reverse())).time).toEqual(tableColumns(t).time);
  });

  test.prop([fc.array(fc.integer({ min: 1.5e12, max: 1.6e12 }), { maxLength: 300 }), fc.integer({ min: 0, max: 1e6 })])(
    "sorts integer epoch ms stably (the packed 64-bit path), keeping each event's customer",
    (times, seed) => {
      const ids = times.map((_, i) => (i * 7919 + seed) % 13);
      const t = eventTable({ customerId: ids, at: Float64Array.from(times) });
      const expected = times.map((at, i) => ({ at, id: ids[i]!, i })).sort((a, b) => a.at - b.at || a.i - b.i);
      const codes = t.customerIndexes();
      expect([...t.times()]).toEqual(expected.map((e) => e.at));
      expect([...codes].map((c) => t.customerIds[c])).toEqual(expected.map((e) => e.id));
    },
  );

  test.prop([fc.array(fc.integer({ min: -8e15, max: 8e15 }), { maxLength: 200 })])("sorts integer instants spanning centuries (the radix path)", (times) => {
    expect([...eventTable({ customerId: times.map(() => 1), at: Float64Array.from(times) }).times()]).toEqual([...Float64Array.from(times).sort()]);
  });

  test.prop([fc.array(fc.double({ min: -1e15, max: 1e15, noNaN: true }), { maxLength: 300 })])("sorts any finite instants like a comparison sort", (times) => {
    const t = eventTable({ customerId: times.map(() => 1), at: Float64Array.from(times) });
    const plusZero = (x: number) => (x === 0 ? 0 : x);
    expect([...t.times()].map(plusZero)).toEqual([...Float64Array.from(times).sort()].map(plusZero));
  });
});

describe("eventTable on columns: epochUnit and bigint", () => {
  function contents(t: EventTable) {
    return { ids: t.customerIds, times: [...t.times()], codes: [...t.customerIndexes()], amounts: t.amountsInMinorUnits() && [...t.amountsInMinorUnits()!] };
  }

  it("reads columns in epochUnit: numbers, bigints, BigInt64Array, integer arrays", () => {
    const options = { epochUnit: "us" } as const;
    const plain = eventTable({ customerId: [1, 2], at: [1710496800123456, 1710496800123457n] }, options);
    const typed = eventTable({ customerId: [1, 2], at: new BigInt64Array([1710496800123456n, 1710496800123457n]) }, options);
    const floats = eventTable({ customerId: [1, 2], at: new Float64Array([1710496800123456, 1710496800123457]) }, options);
    expect([...plain.times()]).toEqual([1710496800123.456, 1710496800123.457]);
    expect(contents(typed)).toEqual(contents(plain));
    expect(contents(floats)).toEqual(contents(plain));
    expect([...eventTable({ customerId: [1], at: new Int32Array([1710496800]) }, { epochUnit: "s" }).times()]).toEqual([1710496800000]);
  });

  it("keeps bigint ids in columns apart from numbers, and names a bad 64-bit instant as given", () => {
    const t = eventTable({ customerId: [1n, 1, "1", 2n ** 53n + 1n], at: new Float64Array([4, 3, 2, 1]) });
    expect(t.customerIds).toEqual([2n ** 53n + 1n, "1", 1, 1n]);
    expect(() => eventTable({ customerId: [7], at: new BigInt64Array([2n ** 63n - 1n]) }, { epochUnit: "us" })).toThrow("Invalid at at row 0: 9223372036854775807n; expected an epoch number in us");
  });
});
