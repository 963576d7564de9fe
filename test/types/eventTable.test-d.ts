/** The return types of the overloads of src/events/eventTable.ts: an async iterable gives a Promise. */
import { describe, expectTypeOf, it } from "vitest";
import { type EventTable, eventTable } from "../../src/index.ts";

const rows = [{ customerId: "a", at: "2024-01-03T10:00:00Z" }];
async function* stream() {
  yield* rows;
}
function* generator() {
  yield* rows;
}

describe("eventTable", () => {
  it("returns a Promise of a table on an async iterable", () => {
    expectTypeOf(eventTable(stream())).toEqualTypeOf<Promise<EventTable>>();
    expectTypeOf(eventTable(stream(), { onInvalid: "skip" })).toEqualTypeOf<Promise<EventTable>>();
  });

  it("returns a table on an array, a sync iterable, columns or a table", () => {
    expectTypeOf(eventTable(rows)).toEqualTypeOf<EventTable>();
    expectTypeOf(eventTable(generator())).toEqualTypeOf<EventTable>();
    expectTypeOf(eventTable({ customerId: ["a"], at: [0] })).toEqualTypeOf<EventTable>();
    expectTypeOf(eventTable(eventTable(rows))).toEqualTypeOf<EventTable>();
  });
});
