/** The row path of eventTable (src/events/rowCollector.ts): bigint ids, epochUnit, field hints. */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";
import { fc, test } from "../support/fc.ts";

function contents(t: EventTable) {
  return { ids: t.customerIds, times: [...t.times()], codes: [...t.customerIndexes()], amounts: t.amountsInMinorUnits() && [...t.amountsInMinorUnits()!], skipped: t.skipped };
}

describe("eventTable on rows: bigint ids", () => {
  it("keeps 1n, 1 and '1' three customers, and bigints above 2^53 apart", () => {
    const big = 2n ** 53n;
    const t = eventTable([
      { customerId: 1n, at: 1 },
      { customerId: 1, at: 2 },
      { customerId: "1", at: 3 },
      { customerId: big, at: 4 },
      { customerId: big + 1n, at: 5 },
      { customerId: 1n, at: 6 },
    ]);
    expect(t.customerIds).toEqual([1n, 1, "1", big, big + 1n]);
    expect(t.customerCount).toBe(5);
    expect([...t.customerIndexes()]).toEqual([0, 1, 2, 3, 4, 0]);
    // Numbers that would round to the same double stay apart only as bigints.
    expect(eventTable({ customerId: new BigInt64Array([big, big + 1n]), at: new Float64Array([1, 2]) }).customerIds).toEqual([big, big + 1n]);
  });

  test.prop([fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom("a", "b", "0"), fc.bigInt({ min: 0n, max: 3n })), { maxLength: 80 })])(
    "gives the same table whether ids switch from numbers to other ids early, late or never, and from an iterable",
    (ids) => {
      const rows = ids.map((customerId, i) => ({ customerId, at: (i * 7919) % 101, amount: i % 3 === 0 ? null : i / 4 }));
      const t = eventTable(rows);
      // Reference: the codes by first event, computed naively.
      const order = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.at - b.at || a.i - b.i);
      const firsts: unknown[] = [];
      for (const r of order) if (!firsts.some((f) => Object.is(f, r.customerId))) firsts.push(r.customerId);
      expect(t.customerIds).toEqual(firsts);
      expect(contents(eventTable((function* () { yield* rows; })()))).toEqual(contents(t));
    },
  );

  it("grows its columns for iterables of any length", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ customerId: i % 3 === 0 ? `s${i % 17}` : i % 29, at: 5000 - i, amount: i % 5 }));
    expect(contents(eventTable(rows.values()))).toEqual(contents(eventTable(rows)));
  });
});

describe("eventTable on rows: epochUnit", () => {
  const ns = 1710496800123456789n;
  it("reads numbers and bigints in the unit, keeping sub-millisecond parts", () => {
    expect([...eventTable([{ customerId: 1, at: 1710496800 }], { epochUnit: "s" }).times()]).toEqual([1710496800000]);
    expect([...eventTable([{ customerId: 1, at: ns }], { epochUnit: "ns" }).times()]).toEqual([1710496800123 + 456789 / 1e6]);
    expect([...eventTable([{ customerId: 1, at: 1710496800123456n }], { epochUnit: "us" }).times()]).toEqual([1710496800123.456]);
    expect([...eventTable([{ customerId: 1, at: 1710496800123456 }], { epochUnit: "us" }).times()]).toEqual([1710496800123.456]);
    // Dates and strings are instants whatever the unit.
    const t = eventTable([{ customerId: 1, at: new Date(5) }, { customerId: 1, at: "1970-01-01T00:00:00.007Z" }, { customerId: 1, at: 6n }], { epochUnit: "ms" });
    expect([...t.times()]).toEqual([5, 6, 7]);
  });

  it("refuses an unknown unit and prints bad epoch values as given", () => {
    expect(() => eventTable([], { epochUnit: "sec" as never })).toThrow(/Invalid epochUnit/);
    expect(() => eventTable([{ customerId: 1, at: 99999999999999999999n }])).toThrow("Invalid at at row 0: 99999999999999999999n; expected an epoch number in ms within the range of Date");
    const t = eventTable([{ customerId: 1234567n, at: 1 }, { customerId: 1, at: 1e300 }], { epochUnit: "s", onInvalid: "skip" });
    expect(t.customerIds).toEqual([1234567n]);
    expect(t.skipped.examples[0]!.message).toBe("Invalid at at row 1: 1e+300; expected an epoch number in s within the range of Date (±8.64e15 ms).");
  });

  it("takes bigint amounts exactly", () => {
    expect([...eventTable([{ customerId: 1, at: 1, amount: 1234567n }]).amountsInMinorUnits()!]).toEqual([123456700]);
    expect(() => eventTable([{ customerId: 1, at: 1, amount: 2n ** 60n }])).toThrow("Invalid amount at row 0: 1152921504606846976n; expected an amount within 2^53 minor units.");
  });
});

describe("eventTable on rows: field hints", () => {
  const rows = [{ customer_id: "c1", ordered_at: "2024-03-01T10:00:00Z", amount: "9.99" }];

  it("lists the keys of a row that lacks the field and suggests the mapping", () => {
    let error: unknown;
    try {
      eventTable(rows as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      'Invalid customerId at row 0: undefined; expected a "customerId" field (the row has keys "customer_id", "ordered_at", "amount"); ' +
        'pass fields: { customerId: "customer_id", at: "ordered_at", amount: "amount" }.',
    );
    const t = eventTable(rows, { fields: { customerId: "customer_id", at: "ordered_at", amount: "amount" } });
    expect(t.customerIds).toEqual(["c1"]);
  });

  it("hints at the instant's key too, and with renamed fields", () => {
    expect(() => eventTable([{ customerId: 1, created_at: 5 }] as never)).toThrow(
      'Invalid at at row 0: undefined; expected a "at" field (the row has keys "customerId", "created_at"); pass fields: { customerId: "customerId", at: "created_at" }.',
    );
    expect(() => eventTable([{ user: 1, when: 5 }], { fields: { customerId: "userId", at: "when" } })).toThrow('expected a "userId" field (the row has keys "user", "when"); pass fields: { customerId: "user" }.');
    // Keys with no common name: the keys are listed, no mapping guessed.
    expect(() => eventTable([{ foo: 1 }] as never)).toThrow('expected a "customerId" field (the row has keys "foo").');
  });

  it("gives no hint for a key that is there with a bad value, or for accessors", () => {
    expect(() => eventTable([{ customerId: undefined, at: 1 }] as never)).toThrow("Invalid customerId at row 0: undefined; expected a non-empty string, a finite number or a bigint.");
    expect(() => eventTable([{ customerId: 1, at: undefined }] as never)).toThrow(/Invalid at at row 0: undefined; expected an instant/);
    expect(() => eventTable([{ a: 1 }], { fields: { customerId: (r) => (r as { b?: number }).b } })).toThrow("Invalid customerId at row 0: undefined; expected a non-empty string, a finite number or a bigint.");
  });

  it("counts a row lacking a field as skipped with onInvalid 'skip'", () => {
    const t = eventTable([{ customerId: 1, at: 1 }, { id: 2, at: 2 }] as never, { onInvalid: "skip" });
    expect(t.length).toBe(1);
    expect(t.skipped.byField.customerId).toBe(1);
    expect(t.skipped.examples[0]!.message).toMatch(/the row has keys "id", "at"\); pass fields: \{ customerId: "id", at: "at" \}/);
  });
});
