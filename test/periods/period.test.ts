import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { type PeriodSpec, periodOf } from "../../src/periods/index.ts";
import { anyInstantArb, expectedKey, fullSpec, localFields, specArb } from "./helpers.ts";

const T = "2024-03-15T10:00:00Z"; // a Friday; 06:00 EDT in New York
const HOUR = 3_600_000;

function bounds(at: string | number, spec: PeriodSpec | PeriodSpec["unit"]): [string, string, string] {
  const p = periodOf(at, spec);
  return [p.key, p.start.toISOString(), p.end.toISOString()];
}

function hours(at: string, spec: PeriodSpec): number {
  const p = periodOf(at, spec);
  return (p.end.getTime() - p.start.getTime()) / HOUR;
}

describe("periodOf: worked examples", () => {
  it.each([
    ["day", "2024-03-15", "2024-03-15T00:00:00.000Z", "2024-03-16T00:00:00.000Z"],
    ["week", "2024-03-11", "2024-03-11T00:00:00.000Z", "2024-03-18T00:00:00.000Z"],
    ["isoWeek", "2024-W11", "2024-03-11T00:00:00.000Z", "2024-03-18T00:00:00.000Z"],
    ["month", "2024-03", "2024-03-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z"],
    ["quarter", "2024-Q1", "2024-01-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z"],
    ["year", "2024", "2024-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"],
  ] as const)("UTC %s: key %s, [%s, %s)", (unit, key, start, end) => {
    expect(bounds(T, unit)).toEqual([key, start, end]);
    expect(bounds(T, { unit, timeZone: "UTC" })).toEqual([key, start, end]);
  });

  it.each([
    ["day", "2024-03-15", "2024-03-15T04:00:00.000Z", "2024-03-16T04:00:00.000Z"],
    ["week", "2024-03-11", "2024-03-11T04:00:00.000Z", "2024-03-18T04:00:00.000Z"],
    ["isoWeek", "2024-W11", "2024-03-11T04:00:00.000Z", "2024-03-18T04:00:00.000Z"],
    ["month", "2024-03", "2024-03-01T05:00:00.000Z", "2024-04-01T04:00:00.000Z"],
    ["quarter", "2024-Q1", "2024-01-01T05:00:00.000Z", "2024-04-01T04:00:00.000Z"],
    ["year", "2024", "2024-01-01T05:00:00.000Z", "2025-01-01T05:00:00.000Z"],
  ] as const)("America/New_York %s: key %s, [%s, %s)", (unit, key, start, end) => {
    expect(bounds(T, { unit, timeZone: "America/New_York" })).toEqual([key, start, end]);
  });

  it("gives a New York day of 23 hours at spring-forward and 25 at fall-back", () => {
    const ny = { unit: "day", timeZone: "America/New_York" } as const;
    expect(bounds("2024-03-10T12:00:00Z", ny)).toEqual(["2024-03-10", "2024-03-10T05:00:00.000Z", "2024-03-11T04:00:00.000Z"]);
    expect(hours("2024-03-10T12:00:00Z", ny)).toBe(23);
    expect(bounds("2024-11-03T12:00:00Z", ny)).toEqual(["2024-11-03", "2024-11-03T04:00:00.000Z", "2024-11-04T05:00:00.000Z"]);
    expect(hours("2024-11-03T12:00:00Z", ny)).toBe(25);
    expect(hours("2024-03-11T12:00:00Z", ny)).toBe(24);
    // The week holding the change is an hour short or long too.
    expect(hours("2024-03-10T12:00:00Z", { unit: "week", timeZone: "America/New_York", weekStartsOn: 0 })).toBe(167);
    expect(hours("2024-11-03T12:00:00Z", { unit: "isoWeek", timeZone: "America/New_York" })).toBe(169);
  });

  it("gives Lord Howe's half-hour DST days of 24.5 and 23.5 hours", () => {
    expect(hours("2024-04-07T06:00:00Z", { unit: "day", timeZone: "Australia/Lord_Howe" })).toBe(24.5);
    expect(hours("2024-10-06T06:00:00Z", { unit: "day", timeZone: "Australia/Lord_Howe" })).toBe(23.5);
  });

  it("bounds Asia/Kolkata months at local midnight (+05:30)", () => {
    const kol = { unit: "month", timeZone: "Asia/Kolkata" } as const;
    expect(bounds("2024-03-15T10:00:00Z", kol)).toEqual(["2024-03", "2024-02-29T18:30:00.000Z", "2024-03-31T18:30:00.000Z"]);
    expect(periodOf("2024-03-31T18:29:59.999Z", kol).key).toBe("2024-03");
    expect(periodOf("2024-03-31T18:30:00Z", kol).key).toBe("2024-04");
    expect(periodOf("2024-03-31T19:00:00Z", "month").key).toBe("2024-03"); // still March in UTC
    expect(bounds("2024-12-31T20:00:00Z", { unit: "year", timeZone: "Asia/Kolkata" })[0]).toBe("2025");
  });

  it("puts an instant in the month and quarter of its zone, not of UTC", () => {
    expect(periodOf("2024-03-01T02:00:00Z", { unit: "month", timeZone: "America/New_York" }).key).toBe("2024-02");
    expect(periodOf("2025-01-01T03:00:00Z", { unit: "quarter", timeZone: "America/New_York" }).key).toBe("2024-Q4");
    expect(periodOf("2025-01-01T03:00:00Z", { unit: "year", timeZone: "America/New_York" }).key).toBe("2024");
    expect(periodOf("2024-07-01T00:00:00Z", "quarter").key).toBe("2024-Q3");
    expect(periodOf("2024-12-31T23:59:59.999Z", "quarter").key).toBe("2024-Q4");
  });

  it("starts weeks on weekStartsOn", () => {
    const sunday = "2024-03-17T12:00:00Z";
    expect(bounds(sunday, { unit: "week", weekStartsOn: 1 })).toEqual(["2024-03-11", "2024-03-11T00:00:00.000Z", "2024-03-18T00:00:00.000Z"]);
    expect(bounds(sunday, { unit: "week", weekStartsOn: 0 })).toEqual(["2024-03-17", "2024-03-17T00:00:00.000Z", "2024-03-24T00:00:00.000Z"]);
    expect(periodOf(sunday, { unit: "week", weekStartsOn: 6 }).key).toBe("2024-03-16");
    expect(periodOf(sunday, "week").key).toBe("2024-03-11"); // default Monday
    // A week's key is the local date of its first day, which may be in the previous month or year.
    expect(periodOf("2025-01-01T12:00:00Z", { unit: "week", weekStartsOn: 0 }).key).toBe("2024-12-29");
  });

  it("uses ISO week-years for isoWeek and ignores weekStartsOn", () => {
    expect(periodOf("2024-12-30", "isoWeek").key).toBe("2025-W01");
    expect(periodOf("2021-01-03", "isoWeek").key).toBe("2020-W53");
    expect(periodOf("2021-01-04", "isoWeek").key).toBe("2021-W01");
    expect(periodOf("2027-01-01", "isoWeek").key).toBe("2026-W53");
    expect(periodOf("2026-01-01", "isoWeek").key).toBe("2026-W01");
    const p = periodOf("2024-12-30", { unit: "isoWeek", weekStartsOn: 0 });
    expect([p.key, p.start.toISOString(), p.weekStartsOn]).toEqual(["2025-W01", "2024-12-30T00:00:00.000Z", 1]);
  });

  it("reads a string without an offset in the spec's zone", () => {
    const p = periodOf("2024-03-15", { unit: "day", timeZone: "America/New_York" });
    expect([p.key, p.start.toISOString()]).toEqual(["2024-03-15", "2024-03-15T04:00:00.000Z"]);
    expect(periodOf("2024-03-15T23:30", { unit: "day", timeZone: "Asia/Kolkata" }).key).toBe("2024-03-15");
  });

  it("accepts Dates and epoch ms and returns a frozen period with its spec", () => {
    const t = Date.parse(T);
    expect(periodOf(new Date(t), "day")).toEqual(periodOf(t, "day"));
    const p = periodOf(t, { unit: "week", timeZone: "Asia/Kolkata", weekStartsOn: 3 });
    expect(p).toMatchObject({ unit: "week", key: "2024-03-13", timeZone: "Asia/Kolkata", weekStartsOn: 3 });
    expect(Object.isFrozen(p)).toBe(true);
    expect(p.start).toBeInstanceOf(Date);
  });
});

describe("periodOf: errors", () => {
  function fieldOf(f: () => unknown): string | undefined {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      return (e as InvalidInputError).field;
    }
    return undefined;
  }

  it("names the field of what was wrong", () => {
    expect(fieldOf(() => periodOf("2024-02-30", "day"))).toBe("at");
    expect(fieldOf(() => periodOf("yesterday", "day"))).toBe("at");
    expect(fieldOf(() => periodOf(Number.NaN, "day"))).toBe("at");
    expect(fieldOf(() => periodOf(new Date("x"), "day"))).toBe("at");
    expect(fieldOf(() => periodOf(T, "fortnight" as "day"))).toBe("unit");
    expect(fieldOf(() => periodOf(T, { unit: "day", timeZone: "America/Nowhere" }))).toBe("timeZone");
    expect(fieldOf(() => periodOf(T, { unit: "week", weekStartsOn: 7 as 0 }))).toBe("weekStartsOn");
    expect(fieldOf(() => periodOf(T, { unit: "week", weekStartsOn: 1.5 as 0 }))).toBe("weekStartsOn");
  });

  it("refuses a period that would end outside the Date range", () => {
    expect(fieldOf(() => periodOf(8.64e15, "day"))).toBe("at");
    expect(fieldOf(() => periodOf(-8.64e15, "year"))).toBe("at");
    expect(() => periodOf(8.64e15, "day")).toThrow(/Date range/);
  });
});

describe("periodOf: properties", () => {
  test.prop([anyInstantArb, specArb], { numRuns: 400 })("the period holds the instant: start <= t < end", (t, spec) => {
    const p = periodOf(t, spec);
    expect(p.start.getTime()).toBeLessThanOrEqual(t);
    expect(t).toBeLessThan(p.end.getTime());
  });

  test.prop([anyInstantArb, specArb], { numRuns: 400 })("the key matches an independent computation from Intl's local date", (t, spec) => {
    expect(periodOf(t, spec).key).toBe(expectedKey(t, fullSpec(spec)));
  });

  test.prop([anyInstantArb, specArb], { numRuns: 300 })(
    "start and end are local day starts, and the period's first and last instants share its key",
    (t, spec) => {
      const p = periodOf(t, spec);
      const s = p.start.getTime();
      const e = p.end.getTime();
      for (const edge of [s, e]) {
        const a = localFields(edge, spec.timeZone ?? "UTC");
        const b = localFields(edge - 1, spec.timeZone ?? "UTC");
        expect([a.y, a.m, a.d]).not.toEqual([b.y, b.m, b.d]);
      }
      expect(periodOf(s, spec).key).toBe(p.key);
      expect(periodOf(e - 1, spec).key).toBe(p.key);
      expect(periodOf(e, spec).key).not.toBe(p.key);
    },
  );

  const nominalDays = { day: 1, week: 7, isoWeek: 7, month: [28, 31], quarter: [90, 92], year: [365, 366] } as const;
  test.prop([anyInstantArb, specArb], { numRuns: 300 })("a period lasts its nominal length, give or take one DST change", (t, spec) => {
    const p = periodOf(t, spec);
    const days = (p.end.getTime() - p.start.getTime()) / 86_400_000;
    const n = nominalDays[spec.unit];
    const [lo, hi] = typeof n === "number" ? [n, n] : n;
    expect(days).toBeGreaterThanOrEqual(lo - 1 / 24);
    expect(days).toBeLessThanOrEqual(hi + 1 / 24);
  });
});
