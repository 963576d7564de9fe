import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { lifecycle } from "../../src/activity/lifecycle.ts";
import { activeIn, dataSpan, eventsArb, EVENT_NAMES, namedEventsArb, namesPresent, naivePeriods, newIn, returnOnly } from "./naive.ts";
import { periodOf } from "../../src/periods/index.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("lifecycle", () => {
  it("splits active customers into new, returning and resurrecting", () => {
    const rows = lifecycle([
      { customerId: "a", at: "2024-01-05T00:00:00Z" },
      { customerId: "b", at: "2024-01-06T00:00:00Z" },
      { customerId: "a", at: "2024-02-05T00:00:00Z" },
      { customerId: "b", at: "2024-03-05T00:00:00Z" },
    ]);
    expect(rows.map((r) => [r.period.key, r.new, r.returning, r.resurrecting, r.dormant, r.quickRatio])).toEqual([
      ["2024-01", 2, 0, 0, 0, null],
      ["2024-02", 0, 1, 0, -1, 0],
      ["2024-03", 0, 0, 1, -1, 1],
    ]);
  });

  test.prop([eventsArb, fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">], { numRuns: 40 })(
    "new + returning + resurrecting = active, and each equals a naive recount",
    (events, unit) => {
      const to = Date.UTC(2025, 1, 1);
      const rows = lifecycle(events, { period: unit, to });
      const naive = naivePeriods(events, { unit }, to);
      rows.forEach((r, i) => {
        const now = naive[i]!.active;
        const before = i > 0 ? naive[i - 1]!.active : new Set<string>();
        const fresh = newIn(naive, i);
        expect(r.new + r.returning + r.resurrecting).toBe(r.active);
        expect(r.active).toBe(now.size);
        expect(r.new).toBe(fresh.size);
        expect(r.returning).toBe([...now].filter((c) => before.has(c)).length);
        expect(Math.abs(r.dormant)).toBe([...before].filter((c) => !now.has(c)).length);
        if (i > 0) expect(r.active - rows[i - 1]!.active).toBe(r.new + r.resurrecting + r.dormant);
      });
    },
  );
});

describe("lifecycle: newBy and dormant", () => {
  const ids = ["a", "b", "c", "d", "e", "f", "__proto__"];
  const createdArb = fc.tuple(...ids.map(() => fc.integer({ min: Date.UTC(2023, 9, 1), max: Date.UTC(2025, 2, 1) })));
  const to = Date.UTC(2025, 1, 1);

  test.prop([eventsArb, createdArb, fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">, fc.boolean(), fc.constantFrom("transition" as const, "state" as const)], { numRuns: 60 })(
    "each count equals a naive recount from sets, with creation times as a Map or a function",
    (events, times, unit, asMap, dormant) => {
      const created = new Map(ids.map((id, k) => [id, times[k]!]));
      const createdAt = asMap ? created : (id: unknown) => created.get(String(id));
      const rows = lifecycle(events, { period: unit, to, newBy: "createdAt", createdAt, dormant });
      const naive = naivePeriods(events, { unit }, to);
      rows.forEach((r, i) => {
        const now = naive[i]!.active;
        const before = i > 0 ? naive[i - 1]!.active : new Set<string>();
        const ever = activeIn(naive, 0, i - 1);
        const key = naive[i]!.key;
        const fresh = [...now].filter((c) => periodOf(created.get(c)!, { unit }).key === key);
        const returning = [...now].filter((c) => before.has(c) && !fresh.includes(c));
        expect([r.active, r.new, r.returning, r.resurrecting]).toEqual([now.size, fresh.length, returning.length, now.size - fresh.length - returning.length]);
        const dormantSet = dormant === "state" ? [...ever].filter((c) => !now.has(c)) : [...before].filter((c) => !now.has(c));
        expect(Math.abs(r.dormant)).toBe(dormantSet.length);
        expect(r.dormant).toBeLessThanOrEqual(0);
        const transitions = [...before].filter((c) => !now.has(c)).length;
        expect(r.quickRatio).toBe(transitions > 0 ? (r.new + r.resurrecting) / transitions : null);
      });
    },
  );

  test.prop([eventsArb, fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">], { numRuns: 40 })(
    "the defaults are today's counts; creation at the first event gives them too; state dormancy is never smaller",
    (events, unit) => {
      const today = lifecycle(events, { period: unit, to });
      expect(lifecycle(events, { period: unit, to, newBy: "firstEvent", dormant: "transition" })).toEqual(today);
      const first = new Map<string, number>();
      for (const e of [...events].sort((x, y) => x.at - y.at)) if (!first.has(e.customerId) && e.at < to) first.set(e.customerId, e.at);
      expect(lifecycle(events, { period: unit, to, newBy: "createdAt", createdAt: first })).toEqual(today);
      const state = lifecycle(events, { period: unit, to, dormant: "state" });
      state.forEach((r, i) => {
        expect(r.dormant).toBeLessThanOrEqual(today[i]!.dormant);
        expect({ ...r, dormant: today[i]!.dormant }).toEqual(today[i]);
      });
    },
  );

  it("by hand: a customer created before their first event is resurrecting then", () => {
    const events = [
      { customerId: "a", at: "2024-01-05T00:00:00Z" },
      { customerId: "b", at: "2024-02-06T00:00:00Z" },
      { customerId: "b", at: "2024-03-06T00:00:00Z" },
    ];
    const rows = lifecycle(events, { newBy: "createdAt", createdAt: new Map([["a", "2024-01-01"], ["b", "2024-01-20"]]), dormant: "state" });
    expect(rows.map((r) => [r.period.key, r.new, r.returning, r.resurrecting, r.dormant])).toEqual([
      ["2024-01", 1, 0, 0, 0],
      ["2024-02", 0, 0, 1, -1],
      ["2024-03", 0, 1, 0, -1],
    ]);
  });

  it("refuses bad options with typed errors naming them", () => {
    const events = [{ customerId: "a", at: "2024-01-05T00:00:00Z" }, { customerId: "b", at: "2024-01-06T00:00:00Z" }];
    expectInvalid(() => lifecycle(events, { newBy: "signup" as "createdAt" }), { field: "newBy", value: "signup", message: /one of "firstEvent", "createdAt"/ });
    expectInvalid(() => lifecycle(events, { dormant: "always" as "state" }), { field: "dormant", value: "always", message: /one of "transition", "state"/ });
    expectInvalid(() => lifecycle(events, { newBy: "createdAt" }), { field: "createdAt", value: undefined, message: /a function from a customer id to an instant, or a Map/ });
    const map = new Map([["a", "2024-01-01"]]);
    expectInvalid(() => lifecycle(events, { createdAt: map }), { field: "createdAt", value: map, message: /unless newBy is "createdAt"/ });
    expectInvalid(() => lifecycle(events, { newBy: "createdAt", createdAt: map }), { field: "createdAt", value: "b", message: /^Invalid createdAt: "b"; expected a creation instant for every customer with events/ });
    expect(() => lifecycle(events, { newBy: "createdAt", createdAt: () => "yesterday" })).toThrow(InvalidInputError);
    // A bigint id is named in the error too (no serialisation failure).
    expectInvalid(() => lifecycle([{ customerId: 7n, at: "2024-01-05T00:00:00Z" }], { newBy: "createdAt", createdAt: new Map() }), { field: "createdAt", value: 7n, message: /"?7n"?|7n/ });
  });
});

describe("lifecycle: returnEvent", () => {
  const unitArb = fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">;
  test.prop([namedEventsArb, unitArb, fc.subarray([...EVENT_NAMES], { minLength: 1 }), fc.constantFrom("transition", "state") as fc.Arbitrary<"transition" | "state">], { numRuns: 50 })(
    "equals the lifecycle of the return events alone over the data's span",
    (events, unit, wanted, dormant) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const to = Date.UTC(2025, 1, 1);
      const kept = returnOnly(events, names);
      expect(lifecycle(events, { period: unit, to, dormant, returnEvent: (x) => names.includes(x) })).toEqual(lifecycle(kept, { period: unit, to, dormant, from: dataSpan(events).first }));
    },
  );

  it("refuses startEvent", () => {
    const start = ["buy"];
    expectInvalid(() => lifecycle([{ customerId: "a", at: 0, event: "buy" }], { startEvent: start } as never), { field: "startEvent", value: start as never, message: /expected no startEvent with lifecycle/ });
  });
});
