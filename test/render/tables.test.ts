import { describe, expect, it } from "vitest";
import { plainTable, shorten } from "../../src/render/tables.ts";
import { fc, test } from "../support/fc.ts";

describe("shorten", () => {
  it("keeps the first and last rows and the summary rows, and says what it left out", () => {
    const t = { ...plainTable("t", ["k", "v"], 1, Array.from({ length: 9 }, (_, i) => [`r${i}`, String(i)])), summaryRows: 1 };
    const s = shorten(t, 4);
    expect(s.rows.map((r) => r[0])).toEqual(["r0", "r1", "…", "r6", "r7", "r8"]);
    expect(s.notes.at(-1)).toBe("4 of 8 rows left out (rows 3 to 6); toCsv writes them all.");
    expect(shorten(t, 8)).toBe(t);
  });

  test.prop([fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 2 })])("shows min(rows, maxRows) body rows, in order, censored flags alongside", (n, maxRows, summaryRows) => {
    const rows = Array.from({ length: n + summaryRows }, (_, i) => [String(i)]);
    const t = { ...plainTable("t", ["i"], 0, rows), summaryRows };
    const s = shorten(t, maxRows);
    const shown = s.rows.filter((r) => r[0] !== "…").map((r) => Number(r[0]));
    return (
      shown.length === Math.min(n, maxRows) + summaryRows &&
      shown.every((v, i) => i === 0 || v > shown[i - 1]!) &&
      s.censored.length === s.rows.length &&
      (n <= maxRows ? s === t : s.rows.filter((r) => r[0] === "…").length === 1)
    );
  });
});
