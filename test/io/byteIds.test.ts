import { describe, expect, it } from "vitest";
import { ByteIdDictionary } from "../../src/io/byteIds.ts";
import { fc, test } from "../support/fc.ts";

const encoder = new TextEncoder();

describe("ByteIdDictionary", () => {
  it("codes ids by their bytes in order of first use, and gives them back as strings", () => {
    const d = new ByteIdDictionary();
    const b = encoder.encode("C1,C22,C1,é😀,C22");
    expect([d.codeOfBytes(b, 0, 2), d.codeOfBytes(b, 3, 6), d.codeOfBytes(b, 7, 9), d.codeOfBytes(b, 10, 16), d.codeOf("C22"), d.codeOf("C1")]).toEqual([0, 1, 0, 2, 1, 0]);
    expect(d.ids()).toEqual(["C1", "C22", "é😀"]);
    expect(d.size).toBe(3);
  });

  test.prop([fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a", "b", "C1", "C10")), { maxLength: 400 })])(
    "agrees with a Map of strings (through table growth)",
    (ids) => {
      const d = new ByteIdDictionary();
      const map = new Map<string, number>();
      for (const id of ids) {
        const bytes = encoder.encode(`<${id}>`);
        if (!map.has(id)) map.set(id, map.size);
        expect(d.codeOfBytes(bytes, 1, bytes.length - 1)).toBe(map.get(id));
      }
      expect(d.ids()).toEqual([...map.keys()]);
    },
  );

  it("keeps 100,000 distinct ids apart", () => {
    const d = new ByteIdDictionary();
    for (let i = 0; i < 100_000; i++) d.codeOf(`C${i}`);
    for (let i = 0; i < 100_000; i += 997) expect(d.codeOf(`C${i}`)).toBe(i);
    expect(d.ids()[99_999]).toBe("C99999");
  });

  // Numbered ids (the first id's prefix and a number) take a lookup array, the others the hash table:
  // both must agree with a Map, whichever id comes first and however the two kinds mix.
  const numberedId = fc.tuple(
    fc.constantFrom("", "C", "user_", "é", "C0", "1"),
    fc.oneof(fc.nat({ max: 2000 }), fc.constantFrom(0, 8_388_607, 8_388_608, 9_999_999, 10_000_000, 2 ** 40)),
    fc.constantFrom("", "0", "00"),
  ).map(([prefix, n, zeros]) => `${prefix}${zeros}${n}`);

  test.prop([fc.array(fc.oneof(numberedId, fc.string({ maxLength: 4 })), { maxLength: 300 })])(
    "codes numbered and other ids alike, as a Map of strings does",
    (ids) => {
      const d = new ByteIdDictionary();
      const map = new Map<string, number>();
      for (const id of ids) {
        if (!map.has(id)) map.set(id, map.size);
        expect(d.codeOf(id)).toBe(map.get(id));
      }
      for (const id of ids) expect(d.codeOf(id)).toBe(map.get(id));
      expect(d.ids()).toEqual([...map.keys()]);
    },
  );

  it("keeps numbers written with leading zeros, and numbers past the lookup array, apart from the plain number", () => {
    const d = new ByteIdDictionary();
    const ids = ["C7", "C07", "C007", "C8388608", "C8388607", "c7", "C7x", "7", "C", "C0", "C00"];
    expect(ids.map((id) => d.codeOf(id))).toEqual(ids.map((_, i) => i));
    expect(ids.map((id) => d.codeOf(id))).toEqual(ids.map((_, i) => i));
    expect(d.ids()).toEqual(ids);
  });
});
