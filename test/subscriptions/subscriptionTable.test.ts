import { describe, expect, it } from "vitest";
import { InconsistentDataError, InvalidInputError } from "../../src/errors.ts";
import { subscriptionTable } from "../../src/subscriptions/subscriptionTable.ts";
import { SubscriptionTable, subscriptionColumns } from "../../src/subscriptions/table.ts";

const steps = (t: SubscriptionTable) => [...t].map((c) => [c.customerId, c.at.toISOString().slice(0, 10), c.mrr.toString()]);

describe("subscriptionTable", () => {
  it("turns intervals into each customer's MRR steps", () => {
    const t = subscriptionTable([
      { customerId: "b", start: "2024-02-01", end: "2024-04-01", mrr: 30 },
      { customerId: "a", start: "2024-01-01", end: "2024-03-01", mrr: 50 },
      { customerId: "a", start: "2024-03-01", mrr: 80 }, // contiguous: a change of price
      { customerId: "a", start: "2024-02-01", end: "2024-02-15", mrr: "9.99" }, // overlapping: adds up
      { customerId: "c", start: "2024-01-05", end: "2024-01-05", mrr: 10 }, // empty
      { customerId: "d", start: "2024-01-05", mrr: 0 }, // a customer without MRR
    ]);
    expect(t.shape).toBe("intervals");
    expect(t.customerIds).toEqual(["b", "a", "c", "d"]); // in order of first appearance
    expect(t.customerCount).toBe(4);
    expect(steps(t)).toEqual([
      ["b", "2024-02-01", "30"], ["b", "2024-04-01", "0"],
      ["a", "2024-01-01", "50"], ["a", "2024-02-01", "59.99"], ["a", "2024-02-15", "50"], ["a", "2024-03-01", "80"],
    ]);
    expect(t.length).toBe(6);
    expect(t.span).toEqual({ first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 3, 1) });
    expect(Object.isFrozen(t)).toBe(true);
    expect(subscriptionTable(t)).toBe(t);
  });

  it("turns change events into the same steps, dropping changes that change nothing", () => {
    const t = subscriptionTable([
      { customerId: "a", at: "2024-01-01", mrr: 50 },
      { customerId: "a", at: "2024-02-01", mrr: 50 },
      { customerId: "a", at: "2024-03-01", mrr: 0 },
      { customerId: "a", at: "2024-03-01", mrr: 0 }, // a duplicate agrees, so it is harmless
      { customerId: "b", at: "2024-01-01", mrr: 0 },
    ]);
    expect(t.shape).toBe("changes");
    expect(steps(t)).toEqual([["a", "2024-01-01", "50"], ["a", "2024-03-01", "0"]]);
    expect(() => subscriptionTable([{ customerId: "a", at: 1, mrr: 5 }, { customerId: "a", at: 1, mrr: 6 }])).toThrow(InconsistentDataError);
    // a bigint id is named as written, not lost to a TypeError from JSON.stringify
    const bigintConflict = () => subscriptionTable([{ customerId: 7n, at: 1, mrr: 5 }, { customerId: 7n, at: 1, mrr: 6 }]);
    expect(bigintConflict).toThrow(InconsistentDataError);
    expect(bigintConflict).toThrow(/^Customer 7n has two MRR changes at 1970-01-01T00:00:00.001Z with different MRRs \(5 and 6\)/);
  });

  it("sorts a customer's many changes given in any order", () => {
    const days = Array.from({ length: 45 }, (_, i) => i);
    const shuffled = days.map((d) => ({ d, key: (d * 7919) % 45 })).sort((x, y) => x.key - y.key).map((x) => x.d);
    const t = subscriptionTable(shuffled.map((d) => ({ customerId: "a", at: Date.UTC(2024, 0, 1 + d), mrr: (d % 5) + 1 })));
    const expected = days.filter((d) => d === 0 || (d % 5) + 1 !== ((d - 1) % 5) + 1).map((d) => [d, String((d % 5) + 1)]);
    expect([...t].map((c) => [(c.at.getTime() - Date.UTC(2024, 0, 1)) / 86_400_000, c.mrr.toString()])).toEqual(expected);
  });

  it("reads columns of either shape, typed or not", () => {
    const t = subscriptionTable({
      customerId: Int32Array.of(7, 8),
      start: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)),
      end: Float64Array.of(Date.UTC(2024, 1, 1), NaN),
      mrr: Float64Array.of(10, 20.5),
    });
    expect(steps(t)).toEqual([[7, "2024-01-01", "10"], [7, "2024-02-01", "0"], [8, "2024-01-02", "20.5"]]);
    const c = subscriptionTable({ customerId: ["x", "x"], at: ["2024-01-01", "2024-01-09T12:00:00+02:00"], mrr: ["1.50", 0] });
    expect(c.shape).toBe("changes");
    expect(steps(c)).toEqual([["x", "2024-01-01", "1.5"], ["x", "2024-01-09", "0"]]);
    const noEnd = subscriptionTable({ customerId: ["x"], start: ["2024-01-01"], mrr: [3] });
    expect(steps(noEnd)).toEqual([["x", "2024-01-01", "3"]]);
    expect(() => subscriptionTable({ customerId: ["x"], start: [1, 2], mrr: [1] })).toThrow(/columns.start/);
    expect(() => subscriptionTable({ customerId: ["x"], mrr: [1] } as never)).toThrow(InvalidInputError);
  });

  it("renames fields, with names or accessors, and takes the shape from them or the option", () => {
    const rows = [{ who: "a", since: "2024-01-01", until: null, price: 5 }];
    const t = subscriptionTable(rows, { fields: { customerId: "who", start: "since", end: "until", mrr: (r) => r.price * 2 } });
    expect(steps(t)).toEqual([["a", "2024-01-01", "10"]]);
    const c = subscriptionTable([{ who: "a", when: "2024-01-01", price: 5 }], { fields: { customerId: "who", at: "when", mrr: "price" } });
    expect(c.shape).toBe("changes");
    const forced = subscriptionTable([{ customerId: "a", at: "2024-01-01", start: "2023-01-01", mrr: 5 }], { shape: "changes" });
    expect(steps(forced)).toEqual([["a", "2024-01-01", "5"]]);
    expect(() => subscriptionTable([], { fields: { start: "s", at: "a" } })).toThrow(/fields/);
    expect(() => subscriptionTable([], { shape: "both" as "changes" })).toThrow(/shape/);
    expect(subscriptionTable([]).shape).toBe("intervals");
  });

  it("throws on the first bad row, naming the row, field and value", () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ customerId: "", start: "2024-01-01", mrr: 1 }, /Invalid customerId at row 0/],
      [{ customerId: "a", start: "2024-13-01", mrr: 1 }, /Invalid start at row 0: "2024-13-01"/],
      [{ customerId: "a", start: "2024-01-02", end: "2024-01-01", mrr: 1 }, /Invalid end at row 0.*not before the interval's start/],
      [{ customerId: "a", start: "2024-01-02", end: "nope", mrr: 1 }, /Invalid end at row 0/],
      [{ customerId: "a", start: "2024-01-01", mrr: -1 }, /Invalid mrr at row 0: -1; expected a monthly recurring revenue of at least 0/],
      [{ customerId: "a", start: "2024-01-01", mrr: "-1.00" }, /Invalid mrr at row 0/],
      [{ customerId: "a", start: "2024-01-01" }, /Invalid mrr at row 0: undefined/],
      [{ customerId: "a", start: "2024-01-01", mrr: 1.234 }, /at most 2 decimals/],
      [{ customerId: "a", start: "2024-01-01", mrr: Number.NaN }, /Invalid mrr/],
      [{ customerId: "a", mrr: 1 }, /Invalid start at row 0/],
    ];
    for (const [row, message] of cases) expect(() => subscriptionTable([row as never])).toThrow(message);
    expect(() => subscriptionTable({ customerId: ["a"], start: Float64Array.of(5), end: Float64Array.of(4), mrr: [1] })).toThrow(/Invalid end at row 0/);
    expect(() => subscriptionTable({ customerId: ["a"], at: Float64Array.of(Infinity), mrr: [1] })).toThrow(/Invalid at at row 0/);
    expect(() => subscriptionTable("rows" as never)).toThrow(InvalidInputError);
    expect(() => subscriptionTable([], { onInvalid: "ignore" as "skip" })).toThrow(/onInvalid/);
  });

  it("skips bad rows with onInvalid: 'skip' and reports them", () => {
    const t = subscriptionTable(
      [
        { customerId: "a", start: "2024-01-01", mrr: 10 },
        { customerId: null, start: "2024-01-01", mrr: 10 },
        { customerId: "b", start: "2024-01-05", end: "2024-01-01", mrr: 10 },
        { customerId: "c", start: "2024-01-05", mrr: -3 },
        { customerId: "d", start: "bad", mrr: 3 },
      ] as never[],
      { onInvalid: "skip" },
    );
    expect(steps(t)).toEqual([["a", "2024-01-01", "10"]]);
    expect(t.skipped.total).toBe(4);
    expect(t.skipped.byField).toEqual({ customerId: 1, start: 1, end: 1, canceledAt: 0, at: 0, mrr: 1 });
    expect(t.skipped.examples.map((e) => [e.row, e.field])).toEqual([[1, "customerId"], [2, "end"], [3, "mrr"], [4, "start"]]);
    const cols = subscriptionTable({ customerId: ["a", "b", "c"], at: [1, "x", 3], mrr: [1, 2, 1.005] }, { onInvalid: "skip" });
    expect(cols.skipped.byField).toEqual({ customerId: 0, start: 0, end: 0, canceledAt: 0, at: 1, mrr: 1 });
    expect(steps(cols).map((s) => s[0])).toEqual(["a"]);
    // A row whose shape cannot be told is bad; the first row that tells decides it.
    const mixed = subscriptionTable([{ customerId: "a", when: 1 }, { customerId: "a", at: 5, mrr: 1 }] as never[], { onInvalid: "skip" });
    expect([mixed.shape, mixed.length, mixed.skipped.byField.start]).toEqual(["changes", 1, 1]);
  });

  it("reads an async iterable into a Promise of the table", async () => {
    async function* rows() {
      yield { customerId: "a", at: "2024-01-01", mrr: 5 };
      yield { customerId: "a", at: "2024-02-01", mrr: 7 };
    }
    const t = await subscriptionTable(rows());
    expect(steps(t)).toEqual([["a", "2024-01-01", "5"], ["a", "2024-02-01", "7"]]);
  });

  it("reads wall-clock strings in the timeZone option", () => {
    const t = subscriptionTable([{ customerId: "a", at: "2024-03-01 00:00", mrr: 5 }], { timeZone: "America/New_York" });
    expect([...t][0]!.at.toISOString()).toBe("2024-03-01T05:00:00.000Z");
  });
});

describe("subscriptionTable: cancellation instants", () => {
  it("reads canceledAt from rows, plain columns and typed columns alike, and keeps the canceled view", () => {
    const rows = [
      { customerId: "a", start: "2024-01-01", end: "2024-03-01", canceledAt: "2024-01-20", mrr: 100 },
      { customerId: "b", start: "2024-01-05", canceledAt: null, mrr: 50 },
    ];
    const fromRows = subscriptionColumns(subscriptionTable(rows));
    const plainCols = subscriptionColumns(subscriptionTable({ customerId: ["a", "b"], start: ["2024-01-01", "2024-01-05"], end: ["2024-03-01", null], canceledAt: ["2024-01-20", undefined], mrr: [100, 50] }));
    const typed = subscriptionColumns(subscriptionTable({
      customerId: ["a", "b"],
      start: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 5)),
      end: Float64Array.of(Date.UTC(2024, 2, 1), NaN),
      canceledAt: Float64Array.of(Date.UTC(2024, 0, 20), NaN),
      mrr: [100, 50],
    }));
    for (const cols of [fromRows, plainCols, typed]) {
      expect(Array.from(cols.canceled!.time)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 20), Date.UTC(2024, 0, 5)]);
      expect(Array.from(cols.time)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 2, 1), Date.UTC(2024, 0, 5)]);
    }
    // Without any cancellation the table keeps no second view.
    expect(subscriptionColumns(subscriptionTable([{ customerId: "a", start: "2024-01-01", mrr: 1 }])).canceled).toBeNull();
  });

  it("refuses a cancellation before the start or after the end, naming the row, and a bad column", () => {
    const e = (() => { try { subscriptionTable({ customerId: ["a"], start: ["2024-01-10"], end: ["2024-02-01"], canceledAt: ["2024-01-01"], mrr: [5] }); } catch (x) { return x as InvalidInputError; } return null; })();
    expect(e).toBeInstanceOf(InvalidInputError);
    expect([e!.field, e!.row]).toEqual(["canceledAt", 0]);
    expect(e!.message).toMatch(/from the interval's start \(2024-01-10T00:00:00.000Z\) to its end/);
    expect(() => subscriptionTable({ customerId: ["a"], start: ["2024-01-10"], canceledAt: 5 as unknown as number[], mrr: [5] })).toThrow(/Invalid columns.canceledAt/);
  });
});
