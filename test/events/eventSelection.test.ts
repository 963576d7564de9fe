import { describe, expect, it } from "vitest";
import { eventTable } from "../../src/events/eventTable.ts";
import { eventSelection, nameMask, onReturnEvents, selectEvents } from "../../src/events/eventSelection.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { fc, test } from "../support/fc.ts";

const table = eventTable([
  { customerId: "a", at: 1, event: "visit", amount: 1 },
  { customerId: "b", at: 2, event: "buy", amount: 2 },
  { customerId: "a", at: 3, event: "buy", amount: 3 },
  { customerId: "c", at: 4, event: "signup", amount: 4 },
]);

describe("nameMask", () => {
  it("selects by a name, a list or a predicate", () => {
    expect(table.eventNames).toEqual(["buy", "signup", "visit"]);
    expect([...nameMask(table, "buy", "returnEvent")]).toEqual([1, 0, 0]);
    expect([...nameMask(table, ["visit", "buy", "buy"], "returnEvent")]).toEqual([1, 0, 1]);
    expect([...nameMask(table, (n: string) => n.startsWith("s"), "returnEvent")]).toEqual([0, 1, 0]);
  });

  it("refuses unknown names (listing those there are), tables without names and bad filters", () => {
    expectInvalid(() => nameMask(table, "purchase", "startEvent"), { field: "startEvent", value: "purchase", message: /expected one of the table's event names \(the names are "buy", "signup", "visit"\)/ });
    const many = eventTable(Array.from({ length: 30 }, (_, i) => ({ customerId: "a", at: i, event: `e${String(i).padStart(2, "0")}` })));
    expectInvalid(() => nameMask(many, "x", "startEvent"), { field: "startEvent", value: "x", message: /"e19", \.\.\. \(30 in all\)/ });
    expectInvalid(() => nameMask(eventTable([{ customerId: "a", at: 1 }]), "buy", "returnEvent"), { field: "returnEvent", value: "buy", message: /expected events with names for returnEvent/ });
    expectInvalid(() => nameMask(table, [1], "startEvent"), { field: "startEvent[0]", value: 1, message: /expected an event name, a non-empty string/ });
    expectInvalid(() => nameMask(table, () => "yes", "startEvent"), { field: 'startEvent("buy")', value: "yes", message: /expected true or false/ });
    expectInvalid(() => nameMask(table, null, "startEvent"), { field: "startEvent", value: null, message: /a list of names, or a predicate/ });
  });

  test.prop([fc.subarray(["buy", "signup", "visit"])])("a predicate and the equivalent list agree", (names) => {
    if (names.length === 0) return;
    expect(nameMask(table, (n: string) => names.includes(n), "x")).toEqual(nameMask(table, names, "x"));
  });
});

describe("selectEvents and onReturnEvents", () => {
  test.prop([fc.array(fc.record({ customerId: fc.constantFrom("a", "b", "c"), at: fc.integer({ min: 0, max: 99 }), event: fc.constantFrom("x", "y", "z"), amount: fc.integer({ min: 0, max: 9 }) }), { minLength: 1, maxLength: 40 }), fc.subarray(["x", "y", "z"], { minLength: 1 })])(
    "keep exactly the selected events, as a table of them alone would",
    (rows, names) => {
      const t = eventTable(rows);
      const mask = Uint8Array.from(t.eventNames, (n) => (names.includes(n) ? 1 : 0));
      const kept = selectEvents(t, mask);
      const alone = eventTable(rows.filter((r) => names.includes(r.event)));
      expect([...kept].map((r) => [r.customerId, r.at.getTime(), String(r.amount), r.event])).toEqual([...alone].map((r) => [r.customerId, r.at.getTime(), String(r.amount), r.event]));
      expect(kept.customerIds).toEqual(alone.customerIds);
    },
  );

  it("pins the data's bounds and refuses startEvent", () => {
    const { table: kept, options } = onReturnEvents(table, { returnEvent: "buy" } as { returnEvent: string; from?: number; to?: number }, "x");
    expect(kept.length).toBe(2);
    expect([options.from, options.to]).toEqual([1, 5]);
    expect(onReturnEvents(table, { returnEvent: "buy", to: 9 }, "x").options.to).toBe(9);
    expect(onReturnEvents(table, {}, "x").table).toBe(table);
    expectInvalid(() => onReturnEvents(table, { startEvent: "buy" }, "someAnalysis"), { field: "startEvent", value: "buy", message: /expected no startEvent with someAnalysis/ });
  });

  it("give no selection without options, and check only the form on an empty table", () => {
    expect(eventSelection(table, {})).toBeNull();
    expect(eventSelection(eventTable([]), { startEvent: "anything" })).toBeNull();
    expectInvalid(() => eventSelection(eventTable([]), { returnEvent: 3 as never }), { field: "returnEvent", value: 3, message: /a predicate on the name/ });
  });
});
