import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { activeUsers } from "../../src/activity/activeUsers.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { activeIn, dataSpan, eventsArb, EVENT_NAMES, namedEventsArb, namesPresent, naivePeriods, returnOnly } from "./naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";

const e = (customerId: string, at: string) => ({ customerId, at });

describe("activeUsers: worked examples", () => {
  const events = [
    e("a", "2024-05-01T08:00:00Z"), e("b", "2024-05-02T08:00:00Z"), e("a", "2024-05-02T09:00:00Z"),
    e("c", "2024-05-09T08:00:00Z"), e("a", "2024-05-30T08:00:00Z"),
  ];

  it("counts trailing 7- and 28-day windows", () => {
    const { days, definition, weekWindow, monthWindow } = activeUsers(events);
    expect([definition, weekWindow, monthWindow]).toEqual(["trailing", 7, 28]);
    expect(days.map((d) => d.day.key)[0]).toBe("2024-05-01");
    expect(days).toHaveLength(30);
    const byKey = Object.fromEntries(days.map((d) => [d.day.key, [d.dau, d.wau, d.mau]]));
    expect(byKey["2024-05-02"]).toEqual([2, 2, 2]);
    expect(byKey["2024-05-08"]).toEqual([0, 2, 2]); // 2..8 May still holds a and b
    expect(byKey["2024-05-09"]).toEqual([1, 1, 3]); // b's 2 May left the 7-day window
    expect(byKey["2024-05-28"]).toEqual([0, 0, 3]); // 1..28 May
    expect(byKey["2024-05-29"]).toEqual([0, 0, 3]); // 2..29 May still holds a's and b's 2 May, and c
    expect(byKey["2024-05-30"]).toEqual([1, 1, 2]); // 3..30 May: c on the 9th, a on the 30th
    expect(days[1]!.stickiness).toBe(1);
    expect(days.find((d) => d.day.key === "2024-05-28")!.stickiness).toBe(0);
  });

  it("counts calendar weeks and months", () => {
    const { days, weekWindow } = activeUsers(events, { definition: "calendar" });
    expect(weekWindow).toBeNull();
    const may9 = days.find((d) => d.day.key === "2024-05-09")!; // week of Monday 6 May: only c
    expect([may9.dau, may9.wau, may9.mau]).toEqual([1, 1, 3]);
    const may2 = days.find((d) => d.day.key === "2024-05-02")!; // week of Monday 29 April: a, b
    expect([may2.wau, may2.mau]).toEqual([2, 3]);
  });

  it("uses local days of the time zone", () => {
    const { days } = activeUsers([e("a", "2024-05-02T02:00:00Z")], { timeZone: "America/Los_Angeles" });
    expect(days[0]!.day.key).toBe("2024-05-01");
  });

  it("refuses bad windows", () => {
    expect(() => activeUsers(events, { weekWindow: 0 })).toThrow(InvalidInputError);
    expect(() => activeUsers(events, { weekWindow: 30, monthWindow: 28 })).toThrow(/weekWindow/);
    expect(() => activeUsers(events, { definition: "rolling" as never })).toThrow(/definition/);
    expect(activeUsers([]).days).toEqual([]);
  });
});

describe("activeUsers: properties", () => {
  test.prop([eventsArb, fc.constantFrom("UTC", "America/New_York"), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 40 })], { numRuns: 40 })(
    "DAU <= WAU <= MAU and each equals a naive recount",
    (events, timeZone, week, extra) => {
      const month = week + extra;
      const to = Date.UTC(2025, 1, 1);
      const { days } = activeUsers(events, { timeZone, weekWindow: week, monthWindow: month, to });
      const naive = naivePeriods(events, { unit: "day", timeZone }, to);
      expect(days.map((d) => d.day.key)).toEqual(naive.map((p) => p.key));
      days.forEach((d, i) => {
        expect(d.dau).toBeLessThanOrEqual(d.wau);
        expect(d.wau).toBeLessThanOrEqual(d.mau);
        expect([d.dau, d.wau, d.mau]).toEqual([naive[i]!.active.size, activeIn(naive, i - week + 1, i).size, activeIn(naive, i - month + 1, i).size]);
        if (d.stickiness !== null) expect(d.stickiness).toBeLessThanOrEqual(1);
      });
    },
  );
});

describe("activeUsers: stickiness intervals", () => {
  test.prop([eventsArb, fc.constantFrom("trailing" as const, "calendar" as const)], { numRuns: 30 })(
    "interval: true adds the Wilson interval of DAU out of MAU to each day, and changes nothing else",
    (events, definition) => {
      const to = Date.UTC(2024, 2, 1);
      const from = Date.UTC(2024, 0, 1);
      const plainDays = activeUsers(events, { definition, from, to });
      const withCi = activeUsers(events, { definition, from, to, interval: true, confidence: 0.9 });
      expect(withCi.confidence).toBe(0.9);
      expect(withCi.days.map(({ stickinessInterval: _s, ...d }) => d)).toEqual(plainDays.days);
      for (const d of withCi.days) {
        if (d.mau === 0) expect(d.stickinessInterval).toBeNull();
        else expect(d.stickinessInterval).toEqual(wilsonInterval({ successes: d.dau, trials: d.mau }, { confidence: 0.9 }));
      }
    },
  );

  it("refuses bad interval options by name", () => {
    expect(() => activeUsers([e("a", "2024-05-01T08:00:00Z")], { interval: 1 as unknown as boolean })).toThrow(/Invalid interval/);
    expect(() => activeUsers([e("a", "2024-05-01T08:00:00Z")], { interval: true, confidence: 0 })).toThrow(/Invalid confidence/);
    expect(activeUsers([e("a", "2024-05-01T08:00:00Z")]).days[0]!.stickinessInterval).toBeUndefined();
  });
});

describe("activeUsers: returnEvent", () => {
  test.prop([namedEventsArb, fc.subarray([...EVENT_NAMES], { minLength: 1 }), fc.constantFrom("trailing", "calendar") as fc.Arbitrary<"trailing" | "calendar">], { numRuns: 30 })(
    "equals the active users of the return events alone over the data's days",
    (events, wanted, definition) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const { first, last } = dataSpan(events);
      const kept = returnOnly(events, names);
      const ours = activeUsers(events, { definition, returnEvent: names });
      expect(ours).toEqual(activeUsers(kept, { definition, from: first, to: last + 1 }));
      // The days are the data's, whatever the return events.
      expect(ours.days.map((d) => d.day.key)).toEqual(activeUsers(events, { definition }).days.map((d) => d.day.key));
    },
  );

  it("refuses startEvent and names on a table without them", () => {
    expectInvalid(() => activeUsers([{ customerId: "a", at: 0, event: "buy" }], { startEvent: "buy" } as never), { field: "startEvent", value: "buy", message: /expected no startEvent with activeUsers/ });
    expectInvalid(() => activeUsers([{ customerId: "a", at: 0 }], { returnEvent: "buy" }), { field: "returnEvent", value: "buy", message: /expected events with names for returnEvent/ });
  });
});
