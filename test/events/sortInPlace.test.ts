import { describe, expect, it } from "vitest";
import { orderOwnedEvents } from "../../src/events/sortInPlace.ts";
import { fc, test } from "../support/fc.ts";

/** The obviously-correct answer: a stable sort of row objects, customers numbered by first appearance in the result. */
function naiveOrder(codes: number[], dictionary: string[], time: number[], units: number[]) {
  const rows = time.map((t, i) => ({ id: dictionary[codes[i]!]!, t, u: units[i]!, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const firstSeen: string[] = [];
  for (const r of rows) if (!firstSeen.includes(r.id)) firstSeen.push(r.id);
  return { ids: firstSeen, time: rows.map((r) => r.t), amount: rows.map((r) => r.u), customer: rows.map((r) => firstSeen.indexOf(r.id)) };
}

function sortedInPlace(codes: number[], dictionary: string[], time: number[], units: number[] | null, groupSize: number) {
  const columns = { codes: Int32Array.from(codes), time: Float64Array.from(time), amount: units === null ? null : Float64Array.from(units) };
  const o = orderOwnedEvents(columns.codes, dictionary, columns.time, columns.amount, groupSize);
  // In place: the result's columns are the arrays given.
  expect([o.customer === columns.codes, o.time === columns.time, o.amount === columns.amount]).toEqual([true, true, true]);
  return { ids: Array.from(o.ids), time: Array.from(o.time), amount: o.amount === null ? null : Array.from(o.amount), customer: Array.from(o.customer) };
}

const dictionary = ["a", "b", "c", "d", "e", "f"];
const cases = (time: fc.Arbitrary<number>) =>
  fc.array(fc.record({ code: fc.integer({ min: 0, max: dictionary.length - 1 }), t: time, u: fc.integer({ min: -1e6, max: 1e6 }) }), { maxLength: 150 });
const columnsOf = (rows: Array<{ code: number; t: number; u: number }>) => [rows.map((r) => r.code), rows.map((r) => r.t), rows.map((r) => r.u)] as const;

describe("orderOwnedEvents", () => {
  it("sorts by time across groups, keeps ties in input order and numbers customers by first event", () => {
    const codes = [0, 1, 0, 2, 1, 2];
    const time = [50, 10, 10, 40, 30, 10];
    const units = [1, 2, 3, 4, 5, 6];
    expect(sortedInPlace(codes, ["x", "y", "z"], time, units, 1)).toEqual({ ids: ["y", "x", "z"], time: [10, 10, 10, 30, 40, 50], amount: [2, 3, 6, 5, 4, 1], customer: [0, 1, 2, 0, 2, 1] });
    expect(sortedInPlace(codes, ["x", "y", "z"], time, null, 1).amount).toBeNull();
  });

  // Small groups force the cycles of swaps and the cuts into groups again (up to three levels).
  test.prop([cases(fc.integer({ min: 1.7e12, max: 1.7e12 + 5e6 })), fc.integer({ min: 1, max: 40 })])(
    "equals a stable sort of the rows for integer instants, whatever the group size",
    (rows, groupSize) => {
      const [c, t, u] = columnsOf(rows);
      expect(sortedInPlace(c, dictionary, t, u, groupSize)).toEqual(naiveOrder(c, dictionary, t, u));
    },
  );

  test.prop([cases(fc.integer({ min: 0, max: 6 })), fc.integer({ min: 1, max: 8 })])(
    "keeps many equal instants in input order (ties swapped on the way into a group are put back)",
    (rows, groupSize) => {
      const [c, t, u] = columnsOf(rows);
      expect(sortedInPlace(c, dictionary, t, u, groupSize)).toEqual(naiveOrder(c, dictionary, t, u));
    },
  );

  test.prop([
    cases(fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ min: -1e13, max: 1e13, noNaN: true }).map((x) => (x === 0 ? 0 : x)), fc.integer({ min: -40, max: 40 }).map((q) => q / 8))),
    fc.integer({ min: 1, max: 40 }),
  ])("equals a stable sort for fractional or far-apart instants (the comparison sort)", (rows, groupSize) => {
    const [c, t, u] = columnsOf(rows);
    expect(sortedInPlace(c, dictionary, t, u, groupSize)).toEqual(naiveOrder(c, dictionary, t, u));
  });

  test.prop([cases(fc.integer({ min: 0, max: 30 })), fc.integer({ min: 1, max: 8 })])("moves event name codes with their events", (rows, groupSize) => {
    const [c, t, u] = columnsOf(rows);
    // The name code of each row is its input position: after the sort, the names say where each event came from.
    const event = Int32Array.from(rows, (_, i) => i);
    const o = orderOwnedEvents(Int32Array.from(c), dictionary, Float64Array.from(t), Float64Array.from(u), groupSize, event);
    const stable = rows.map((r, i) => ({ t: r.t, i })).sort((x, y) => x.t - y.t || x.i - y.i);
    expect(Array.from(o.event!)).toEqual(stable.map((r) => r.i));
    expect(Array.from(o.amount!)).toEqual(stable.map((r) => u[r.i]));
  });

  it("sorts 140,000 events across the default groups (cut into groups above 131,072) as a stable sort does", () => {
    const n = 140_000;
    const codes: number[] = [];
    const time: number[] = [];
    const units: number[] = [];
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < n; i++) {
      codes.push(Math.floor(next() * 6));
      // Whole seconds over a year: many ties, across many groups.
      time.push(1.7e12 + Math.floor(next() * 3.15e7) * 1000);
      units.push(i);
    }
    expect(sortedInPlace(codes, dictionary, time, units, undefined as unknown as number)).toEqual(naiveOrder(codes, dictionary, time, units));
  }, 30_000);
});
