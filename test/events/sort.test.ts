import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { orderEvents } from "../../src/events/sort.ts";

/** The obviously-correct answer: a stable sort of row objects, codes by first appearance in the result. */
function naiveOrder(ids: ArrayLike<string | number>, time: ArrayLike<number>, units: ArrayLike<number>) {
  const rows = Array.from(time, (t, i) => ({ id: ids[i]!, t, u: units[i]!, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const firstSeen: Array<string | number> = [];
  for (const r of rows) if (!firstSeen.includes(r.id)) firstSeen.push(r.id);
  return { ids: firstSeen, time: rows.map((r) => r.t), amount: rows.map((r) => r.u), customer: rows.map((r) => firstSeen.indexOf(r.id)) };
}

function ordered(ids: ArrayLike<string | number>, time: number[], units: number[], groupSize: number) {
  const o = orderEvents(ids, Float64Array.from(time), Float64Array.from(units), 1, { groupSize });
  return { ids: Array.from(o.ids), time: Array.from(o.time), amount: Array.from(o.amount!), customer: Array.from(o.customer) };
}

describe("orderEvents", () => {
  it("sorts by time across groups, keeps ties in input order and numbers customers by first event", () => {
    const ids = [7, 8, 7, 9, 8, 9];
    const time = [50, 10, 10, 40, 30, 10];
    const units = [1, 2, 3, 4, 5, 6];
    expect(ordered(ids, time, units, 2)).toEqual({ ids: [8, 7, 9], time: [10, 10, 10, 30, 40, 50], amount: [2, 3, 6, 5, 4, 1], customer: [0, 1, 2, 0, 2, 1] });
  });

  it("sorts instants a subnormal distance apart (the bin scale would overflow)", () => {
    expect(ordered([1, 1], [0, -5e-324], [1, 2], 1).time).toEqual([-5e-324, 0]);
  });

  it("keeps the caller's sorted array only when told it may", () => {
    const time = Float64Array.from([1, 2, 3]);
    expect(orderEvents([1, 2, 3], time, null, 1).time).not.toBe(time);
    expect(orderEvents([1, 2, 3], time, null, 1, { ownsTime: true }).time).toBe(time);
  });

  // Integer ids only (coded after sorting, from their slots) or mixed with strings (coded before, then renumbered).
  const ids = fc.oneof(fc.constant(fc.integer({ min: -3, max: 9 })), fc.constant(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom("a", "b", "__proto__"))));
  const cases = (time: fc.Arbitrary<number>) =>
    ids.chain((id) => fc.array(fc.record({ id, t: time, u: fc.integer({ min: -1e6, max: 1e6 }) }), { maxLength: 120 }));

  test.prop([cases(fc.integer({ min: 1.7e12, max: 1.7e12 + 5e6 })), fc.integer({ min: 1, max: 40 })])(
    "equals a stable sort of the rows for integer instants (the in-group radix sort), whatever the group size",
    (rows, groupSize) => {
      const [i, t, u] = [rows.map((r) => r.id), rows.map((r) => r.t), rows.map((r) => r.u)];
      expect(ordered(i, t, u, groupSize)).toEqual(naiveOrder(i, t, u));
    },
  );

  test.prop([cases(fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ min: -1e13, max: 1e13, noNaN: true }).map((x) => (x === 0 ? 0 : x)))), fc.integer({ min: 1, max: 40 })])(
    "equals a stable sort of the rows for fractional or far-apart instants (the comparison sort)",
    (rows, groupSize) => {
      const [i, t, u] = [rows.map((r) => r.id), rows.map((r) => r.t), rows.map((r) => r.u)];
      expect(ordered(i, t, u, groupSize)).toEqual(naiveOrder(i, t, u));
    },
  );

  test.prop([cases(fc.integer({ min: -40, max: 40 }).map((q) => q / 8)), fc.integer({ min: 1, max: 40 })])(
    "puts fractional instants within the same millisecond in exact order",
    (rows, groupSize) => {
      const [i, t, u] = [rows.map((r) => r.id), rows.map((r) => r.t), rows.map((r) => r.u)];
      expect(ordered(i, t, u, groupSize)).toEqual(naiveOrder(i, t, u));
    },
  );

  it("splits a group made huge or wide by one far-off instant (microseconds read as milliseconds)", () => {
    const time = Array.from({ length: 400 }, (_, k) => 1.7e12 + ((k * 7919) % 400) * 1000);
    time[123] = 1.7e15;
    const ids = time.map((_, k) => k % 37);
    const units = time.map((_, k) => k);
    expect(ordered(ids, time, units, 8)).toEqual(naiveOrder(ids, time, units));
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 16 })])(
    "handles instants piled on a few values (groups as large as the data)",
    (time, groupSize) => {
      const i = time.map((_, k) => k % 5);
      const u = time.map((_, k) => k);
      expect(ordered(i, time, u, groupSize)).toEqual(naiveOrder(i, time, u));
    },
  );
});

describe("orderEvents: event name codes", () => {
  const timeArb = fc.oneof(fc.integer({ min: 1.7e12, max: 1.7e12 + 5e6 }), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: -40, max: 40 }).map((q) => q / 8));
  test.prop([fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom("a", "b")), timeArb, fc.integer({ min: 0, max: 5 })), { maxLength: 150 }), fc.integer({ min: 1, max: 40 }), fc.boolean()])(
    "move with their events through every sort (row tags in the amounts tell which event went where)",
    (rows, groupSize, presorted) => {
      const sorted = presorted ? [...rows].sort((x, y) => x[1] - y[1]) : rows;
      const event = Int32Array.from(sorted, (r) => r[2]);
      const tags = Float64Array.from(sorted, (_, i) => i);
      const out = orderEvents(sorted.map((r) => r[0]), Float64Array.from(sorted, (r) => r[1]), tags, 1, { groupSize, event: event.slice() });
      expect(out.event).not.toBeNull();
      expect(Array.from(out.event!)).toEqual(Array.from(out.amount!, (i) => event[i]!));
      expect(Array.from(out.time)).toEqual(Array.from(out.amount!, (i) => sorted[i]![1]));
    },
  );

  it("are null without names", () => {
    expect(orderEvents([1, 2], Float64Array.from([2, 1]), null, 1).event).toBeNull();
  });
});
