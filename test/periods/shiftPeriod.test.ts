import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Period, periodOf, periodRange, shiftPeriod } from "../../src/periods/index.ts";
import { anyInstantArb, fieldOf, prop, specArb } from "./helpers.ts";

const same = (p: Period) => [p.key, p.start.getTime(), p.end.getTime(), p.unit, p.timeZone, p.weekStartsOn];

describe("shiftPeriod: worked examples", () => {
  const march = periodOf("2024-03-15T12:00:00Z", "month");

  it("moves by whole periods either way", () => {
    expect(shiftPeriod(march, 1).key).toBe("2024-04");
    expect(shiftPeriod(march, -3).key).toBe("2023-12");
    expect(shiftPeriod(march, 12).key).toBe("2025-03");
    expect(same(shiftPeriod(march, 0))).toEqual(same(march));
    expect(shiftPeriod(periodOf("2024-11-20", "quarter"), 1).key).toBe("2025-Q1");
    expect(shiftPeriod(periodOf("2024-12-30", "isoWeek"), -1).key).toBe("2024-W52");
    expect(shiftPeriod(periodOf("2020-12-31", "isoWeek"), 1).key).toBe("2021-W01"); // from 2020-W53
    expect(shiftPeriod(periodOf("2024-03-17", { unit: "week", weekStartsOn: 0 }), 2).key).toBe("2024-03-31");
  });

  it("follows the local calendar across DST, not fixed milliseconds", () => {
    const ny = { unit: "day", timeZone: "America/New_York" } as const;
    const sat = periodOf("2024-03-09T12:00:00Z", ny);
    const sun = shiftPeriod(sat, 1);
    expect([sun.key, sun.start.toISOString(), sun.end.toISOString()]).toEqual(["2024-03-10", "2024-03-10T05:00:00.000Z", "2024-03-11T04:00:00.000Z"]);
    const nov = shiftPeriod(sat, 239);
    expect([nov.key, nov.start.toISOString(), nov.end.toISOString()]).toEqual(["2024-11-03", "2024-11-03T04:00:00.000Z", "2024-11-04T05:00:00.000Z"]);
    const kolkata = shiftPeriod(periodOf("2024-01-10", { unit: "month", timeZone: "Asia/Kolkata" }), 2);
    expect([kolkata.key, kolkata.start.toISOString()]).toEqual(["2024-03", "2024-02-29T18:30:00.000Z"]);
  });

  it("keeps the period's zone and week start", () => {
    const p = periodOf("2024-03-15", { unit: "week", timeZone: "Pacific/Chatham", weekStartsOn: 4 });
    const q = shiftPeriod(p, 5);
    expect([q.unit, q.timeZone, q.weekStartsOn]).toEqual(["week", "Pacific/Chatham", 4]);
    expect(q).toEqual(periodOf(q.start, { unit: "week", timeZone: "Pacific/Chatham", weekStartsOn: 4 }));
  });

  it("shifts a hand-made period whose start is inside its period", () => {
    const hand: Period = { unit: "month", key: "2024-03", start: new Date("2024-03-15T00:00:00Z"), end: new Date("2024-04-01T00:00:00Z"), timeZone: "UTC", weekStartsOn: 1 };
    expect(shiftPeriod(hand, 1).start.toISOString()).toBe("2024-04-01T00:00:00.000Z");
  });
});

describe("shiftPeriod: errors", () => {
  const day = periodOf("2024-03-15", "day");

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "1"])("rejects n = %j", (n) => {
    expect(fieldOf(() => shiftPeriod(day, n as number))).toBe("n");
  });

  it("rejects what is not a period", () => {
    expect(fieldOf(() => shiftPeriod(null as unknown as Period, 1))).toBe("period");
    expect(fieldOf(() => shiftPeriod({ ...day, unit: "hour" as "day" }, 1))).toBe("unit");
    expect(fieldOf(() => shiftPeriod({ ...day, timeZone: "Nowhere" }, 1))).toBe("timeZone");
    expect(fieldOf(() => shiftPeriod({ ...day, start: new Date(Number.NaN) }, 1))).toBe("period.start");
  });

  it("refuses a shift past the Date range", () => {
    expect(fieldOf(() => shiftPeriod(day, 200_000_000))).toBe("n");
  });
});

describe("shiftPeriod: properties", () => {
  const nArb = fc.integer({ min: -400, max: 400 });

  prop([anyInstantArb, specArb, nArb], { numRuns: 200 })("shifting by n then -n gives the period back", (t, spec, n) => {
    const p = periodOf(t, spec);
    expect(same(shiftPeriod(shiftPeriod(p, n), -n))).toEqual(same(p));
  });

  prop([anyInstantArb, specArb], { numRuns: 200 })("the next period starts where this one ends, and the previous ends where it starts", (t, spec) => {
    const p = periodOf(t, spec);
    expect(shiftPeriod(p, 1).start.getTime()).toBe(p.end.getTime());
    expect(shiftPeriod(p, -1).end.getTime()).toBe(p.start.getTime());
  });

  prop([anyInstantArb, specArb, fc.integer({ min: 0, max: 30 })], { numRuns: 100 })(
    "shifting by n lands on the n-th period of a range",
    (t, spec, n) => {
      const p = periodOf(t, spec);
      const q = shiftPeriod(p, n);
      const range = periodRange(p.start, q.start, spec);
      expect(range).toHaveLength(n + 1);
      expect(range[n]).toEqual(q);
      expect(q).toEqual(periodOf(q.start, spec));
    },
  );
});
