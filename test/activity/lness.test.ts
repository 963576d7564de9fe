import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { lness } from "../../src/activity/lness.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { periodOf } from "../../src/periods/index.ts";
import { dataSpan, eventsArb, EVENT_NAMES, namedEventsArb, namesPresent, returnOnly } from "./naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("lness", () => {
  it("counts users by distinct active days in the window", () => {
    const days = (id: string, ...d: number[]) => d.map((n) => ({ customerId: id, at: `2024-02-${String(n).padStart(2, "0")}T12:00:00Z` }));
    const r = lness([...days("a", 1, 1, 2, 3), ...days("b", 5), ...days("c", 7, 28, 29), { customerId: "d", at: "2024-01-31T12:00:00Z" }], { days: 28, end: "2024-02-28" });
    expect(r.start.toISOString()).toBe("2024-02-01T00:00:00.000Z");
    expect(r.end.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(r.activeUsers).toBe(3); // d is before the window, c's 29th after it
    expect(r.histogram).toHaveLength(28);
    expect(r.histogram.filter((b) => b.users > 0).map((b) => [b.days, b.users])).toEqual([[1, 1], [2, 1], [3, 1]]);
    expect(r.meanActiveDays).toBe(2);
    expect(r.histogram[0]!.share).toBeCloseTo(1 / 3, 12);
  });

  it("defaults the end to the last event's day, in the time zone", () => {
    const r = lness([{ customerId: "a", at: "2024-03-01T03:00:00Z" }], { days: 7, timeZone: "America/New_York" });
    expect(r.end.toISOString()).toBe("2024-03-01T05:00:00.000Z"); // the window ends with 29 February, New York
    expect(r.histogram[0]!.users).toBe(1);
  });

  it("refuses a bad window and reports nobody with null shares", () => {
    expect(() => lness([], { days: 0 })).toThrow(InvalidInputError);
    // A window of more days than the bound of every grid, named as days (it was reported as "n").
    expectInvalid(() => lness([], { days: 1e9 }), {
      field: "days",
      value: 1e9,
      message: /expected at most 1,000,000 cells, not a window of 1,000,000,000 days = 1,000,000,000 cells; use a shorter window/,
    });
    const r = lness([], { days: 3, end: "2024-01-03" });
    expect([r.activeUsers, r.meanActiveDays, r.histogram[0]!.share]).toEqual([0, null, null]);
  });

  test.prop([eventsArb, fc.integer({ min: 1, max: 60 })], { numRuns: 40 })("sums to the users active in the window, each counted once by distinct days", (events, n) => {
    const r = lness(events, { days: n, end: "2024-06-30" });
    const inWindow = events.filter((x) => x.at >= r.start.getTime() && x.at < r.end.getTime());
    const perUser = new Map<string, Set<string>>();
    for (const x of inWindow) perUser.set(x.customerId, (perUser.get(x.customerId) ?? new Set()).add(periodOf(x.at, "day").key));
    expect(r.histogram.reduce((s, b) => s + b.users, 0)).toBe(r.activeUsers);
    expect(r.activeUsers).toBe(perUser.size);
    for (const b of r.histogram) expect(b.users).toBe([...perUser.values()].filter((s) => s.size === b.days).length);
  });
});

describe("lness: returnEvent", () => {
  test.prop([namedEventsArb, fc.subarray([...EVENT_NAMES], { minLength: 1 }), fc.integer({ min: 1, max: 60 })], { numRuns: 40 })(
    "equals the L-ness of the return events alone, the window ending on the data's last day",
    (events, wanted, days) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const kept = returnOnly(events, names);
      expect(lness(events, { days, returnEvent: names })).toEqual(lness(kept, { days, end: dataSpan(events).last }));
    },
  );

  it("refuses startEvent", () => {
    expectInvalid(() => lness([{ customerId: "a", at: 0, event: "buy" }], { startEvent: "buy" } as never), { field: "startEvent", value: "buy", message: /expected no startEvent with lness/ });
  });
});
