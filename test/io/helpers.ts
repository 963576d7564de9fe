import type { EventTable } from "../../src/events/table.ts";

/** What a table holds, comparable with toEqual. */
export function contents(t: EventTable) {
  return {
    length: t.length,
    ids: [...t.customerIds],
    times: Array.from(t.times()),
    customers: Array.from(t.customerIndexes()),
    amounts: t.amountsInMinorUnits() === null ? null : Array.from(t.amountsInMinorUnits()!),
    // Each event's name (null for a table without names) and the table's list of names.
    events: t.eventCodes() === null ? null : Array.from(t.eventCodes()!, (c) => t.eventNames[c]),
    eventNames: [...t.eventNames],
    skipped: { total: t.skipped.total, byField: { ...t.skipped.byField }, rows: t.skipped.examples.map((e) => [e.row, e.field]) },
  };
}
