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
});
