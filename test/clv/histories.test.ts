import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { groupRows, readHistories } from "../../src/clv/histories.ts";
import { InvalidInputError } from "../../src/errors.ts";

describe("readHistories", () => {
  it("reads rows and columns alike and names the bad row and field", () => {
    const rows = [{ frequency: 1, recency: 2, T: 3 }, { frequency: 0, recency: 0, T: 1 }];
    const fromRows = readHistories(rows);
    const fromColumns = readHistories({ frequency: [1, 0], recency: [2, 0], T: [3, 1] });
    expect([...fromColumns.x, ...fromColumns.tx, ...fromColumns.T]).toEqual([...fromRows.x, ...fromRows.tx, ...fromRows.T]);
    expect(readHistories(new Set(rows)).count).toBe(2);
    const bad = (r: unknown) => {
      try {
        readHistories([rows[0]!, r as (typeof rows)[0]]);
      } catch (e) {
        return e instanceof InvalidInputError ? [e.field, e.row] : e;
      }
      return null;
    };
    expect(bad({ frequency: 1.5, recency: 0, T: 1 })).toEqual(["frequency", 1]);
    expect(bad({ frequency: 1, recency: 2, T: 1 })).toEqual(["recency", 1]);
    expect(bad({ frequency: 1, recency: 0, T: Infinity })).toEqual(["T", 1]);
    expect(bad({ frequency: 0, recency: 1, T: 2 })).toEqual(["recency", 1]);
    expect(bad(null)).toEqual(["summary", 1]);
    expect(() => readHistories({ frequency: [1], recency: [], T: [1] })).toThrow(/equal length/);
  });
});

describe("groupRows", () => {
  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, -0, 1.5, 2), fc.constantFrom(2, 3, 7.25)), { maxLength: 200 })])(
    "counts each distinct row once, with its multiplicity, like a Map of string keys",
    (rows) => {
      const g = groupRows(Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1]), Float64Array.from(rows, (r) => r[2]));
      const naive = new Map<string, number>();
      for (const [a, b, c] of rows) naive.set(`${a}|${b + 0}|${c}`, (naive.get(`${a}|${b + 0}|${c}`) ?? 0) + 1);
      const mine = new Map<string, number>();
      for (let i = 0; i < g.count; i++) mine.set(`${g.a[i]}|${g.b[i]}|${g.c[i]}`, g.weight[i]!);
      expect(mine).toEqual(naive);
      expect(g.total).toBe(rows.length);
      for (let i = 0; i < g.count; i++) expect(g.aValues[g.aIndex[i]!]).toBe(g.a[i]);
      expect(new Set(g.aValues).size).toBe(g.aValues.length);
    },
  );
});
