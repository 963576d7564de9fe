/** String id codes of the row path (src/events/stringCodes.ts): the same codes as a Map, collisions and growth included. */
import { describe, expect, it } from "vitest";
import { eventTable } from "../../src/events/eventTable.ts";
import { StringCodes, stringHash } from "../../src/events/stringCodes.ts";
import type { CustomerId } from "../../src/events/types.ts";
import { fc, test } from "../support/fc.ts";

/** Codes every id through a StringCodes and, as the reference, a Map; both must agree. */
function codeBoth(ids: readonly string[], capacity?: number, hash?: (s: string) => number) {
  const dictionary: CustomerId[] = [];
  const table = new StringCodes(dictionary, capacity, hash);
  const codes = ids.map((id) => {
    const c = table.codeOf(id, dictionary.length);
    if (c === dictionary.length) dictionary.push(id);
    return c;
  });
  const map = new Map<string, number>();
  const expected = ids.map((id) => {
    let c = map.get(id);
    if (c === undefined) map.set(id, (c = map.size));
    return c;
  });
  return { codes, dictionary, expected, expectedDictionary: [...map.keys()] };
}

describe("StringCodes", () => {
  it("numbers ids in order of first use, crossing growth from a table of 2 slots", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `C${(i * 7919) % 1300}`);
    const r = codeBoth(ids, 2);
    expect(r.codes).toEqual(r.expected);
    expect(r.dictionary).toEqual(r.expectedDictionary);
    expect(r.dictionary.length).toBe(1300);
    expect(r.codes.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it("tells apart ids whose hashes collide (every hash equal), and keeps __proto__-like ids", () => {
    const ids = ["__proto__", "constructor", "a", "__proto__", "toString", "a", "hasOwnProperty", "constructor"];
    const r = codeBoth(ids, 2, () => 7);
    expect(r.codes).toEqual([0, 1, 2, 0, 3, 2, 4, 1]);
    expect(r.dictionary).toEqual(["__proto__", "constructor", "a", "toString", "hasOwnProperty"]);
  });

  it("hashes by every code unit (FNV-1a)", () => {
    expect(stringHash("")).toBe(0x811c9dc5 | 0);
    expect(stringHash("ab")).not.toBe(stringHash("ba"));
    expect(stringHash("C1")).not.toBe(stringHash("C2"));
  });

  const ids = fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.constantFrom("C1", "C2", "1", "__proto__", "é", "\u{1F600}")), { maxLength: 300 });
  const hashes = fc.constantFrom<[string, ((s: string) => number) | undefined]>(["FNV-1a", undefined], ["constant", () => 0], ["length", (s) => s.length], ["first unit", (s) => s.charCodeAt(0)]);
  test.prop([ids, fc.constantFrom(2, 4, 16, 4096), hashes])("gives the same codes and dictionary as a Map, for any table size and hash", (list, capacity, [, hash]) => {
    const r = codeBoth(list, capacity, hash);
    expect(r.codes).toEqual(r.expected);
    expect(r.dictionary).toEqual(r.expectedDictionary);
  });
});

describe("eventTable on rows with string ids", () => {
  it("keeps 1, '1' and 1n apart when string ids go through the table, past its growth", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const k = (i * 104729) % 9000;
      const customerId: CustomerId = k % 3 === 0 ? `${k}` : k % 3 === 1 ? k : BigInt(k);
      return { customerId, at: i, amount: 1 };
    });
    rows.push({ customerId: "1", at: 20_000, amount: 1 }, { customerId: 1, at: 20_001, amount: 1 }, { customerId: 1n, at: 20_002, amount: 1 });
    const t = eventTable(rows);
    const firsts: CustomerId[] = [];
    const seen = new Set<CustomerId>();
    for (const r of rows) if (!seen.has(r.customerId)) seen.add(r.customerId), firsts.push(r.customerId);
    expect(t.customerIds).toEqual(firsts);
    const codes = [...t.customerIndexes()];
    expect(codes.slice(-3).map((c) => t.customerIds[c])).toEqual(["1", 1, 1n]);
    expect(new Set(codes.slice(-3)).size).toBe(3);
  });
});
