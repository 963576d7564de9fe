import type { EventTable } from "../../src/events/table.ts";

/** What a table holds, comparable with toEqual. */
export function contents(t: EventTable) {
  return {
    length: t.length,
    ids: [...t.customerIds],
    times: Array.from(t.times()),
    customers: Array.from(t.customerIndexes()),
    amounts: t.amountsInMinorUnits() === null ? null : Array.from(t.amountsInMinorUnits()!),
    skipped: { total: t.skipped.total, byField: { ...t.skipped.byField }, rows: t.skipped.examples.map((e) => [e.row, e.field]) },
  };
}
