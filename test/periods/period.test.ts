import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addQuarters, addWeeks, addYears, startOfDay, startOfISOWeek, startOfMonth, startOfQuarter, startOfWeek, startOfYear } from "date-fns";
import { describe, expect, it } from "vitest";
import { type PeriodSpec, periodOf, periodRange, type ResolvedPeriodSpec, resolvePeriodSpec } from "../../src/periods/index.ts";
import { anyInstantArb, expectedKey, fieldOf, fullSpec, historicInstantArb, localFields, oddSpecArb, prop, specArb } from "./helpers.ts";

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

describe("periodOf: odd clocks, where a day does not start at 00:00 or lasts an odd time", () => {
  const days = (from: string, to: string, timeZone: string) =>
    periodRange(from, to, { unit: "day", timeZone }).map((p) => [p.key, p.start.toISOString(), (p.end.getTime() - p.start.getTime()) / HOUR]);

  it("handles an offset of less than an hour west of UTC, with seconds (Liberia until 1972)", () => {
    expect(bounds("1960-05-17T08:17:00Z", { unit: "day", timeZone: "Africa/Monrovia" })).toEqual([
      "1960-05-17",
      "1960-05-17T00:44:30.000Z",
      "1960-05-18T00:44:30.000Z",
    ]);
    // 1972-01-07 00:00 -00:44:30 became 00:44:30 GMT: that day starts at 00:44:30 local.
    expect(days("1972-01-06T12:00:00Z", "1972-01-08T12:00:00Z", "Africa/Monrovia")).toEqual([
      ["1972-01-06", "1972-01-06T00:44:30.000Z", 24],
      ["1972-01-07", "1972-01-07T00:44:30.000Z", 24 - 44.5 / 60],
      ["1972-01-08", "1972-01-08T00:00:00.000Z", 24],
    ]);
  });

  it("handles a change of offset at midnight (Nepal, +05:30 to +05:45 on 1986-01-01)", () => {
    expect(bounds("1985-12-15T13:17:00Z", { unit: "month", timeZone: "Asia/Kathmandu" })).toEqual([
      "1985-12",
      "1985-11-30T18:30:00.000Z",
      "1985-12-31T18:30:00.000Z",
    ]);
    expect(hours("1986-01-01T12:00:00Z", { unit: "day", timeZone: "Asia/Kathmandu" })).toBe(23.75);
  });

  it("starts a day whose midnight DST skips at the first instant after it (Sao Paulo, 2018-11-04)", () => {
    expect(days("2018-11-03T12:00", "2018-11-05T12:00", "America/Sao_Paulo")).toEqual([
      ["2018-11-03", "2018-11-03T03:00:00.000Z", 24],
      ["2018-11-04", "2018-11-04T03:00:00.000Z", 23], // 01:00 -02:00
      ["2018-11-05", "2018-11-05T02:00:00.000Z", 24],
    ]);
  });

  it("starts a day whose midnight DST skips, in a jump from 23:30 to 00:30, at 00:30 (Toronto, 1919-03-31)", () => {
    expect(days("1919-03-30T12:00:00Z", "1919-04-01T12:00:00Z", "America/Toronto")).toEqual([
      ["1919-03-30", "1919-03-30T05:00:00.000Z", 23.5],
      ["1919-03-31", "1919-03-31T04:30:00.000Z", 23.5],
      ["1919-04-01", "1919-04-01T04:00:00.000Z", 24],
    ]);
  });

  it("starts a day whose midnight happens twice at the first one (Havana, 2024-11-03)", () => {
    expect(days("2024-11-02T12:00", "2024-11-04T12:00", "America/Havana")).toEqual([
      ["2024-11-02", "2024-11-02T04:00:00.000Z", 24],
      ["2024-11-03", "2024-11-03T04:00:00.000Z", 25],
      ["2024-11-04", "2024-11-04T05:00:00.000Z", 24],
    ]);
  });

  it("keeps periods contiguous where clocks went back across midnight (Goose Bay, 1988-10-30 00:01 to 1988-10-29 22:01)", () => {
    expect(days("1988-10-29T12:00:00Z", "1988-10-31T12:00:00Z", "America/Goose_Bay")).toEqual([
      ["1988-10-29", "1988-10-29T02:00:00.000Z", 24],
      ["1988-10-30", "1988-10-30T02:00:00.000Z", 26],
      ["1988-10-31", "1988-10-31T04:00:00.000Z", 24],
    ]);
    // 02:30Z shows 22:30 on the 29th again, but the 29th's period has ended: it belongs to the 30th.
    expect(periodOf("1988-10-30T02:30:00Z", { unit: "day", timeZone: "America/Goose_Bay" }).key).toBe("1988-10-30");
  });

  it("leaves out a date the zone skipped (Samoa had no 2011-12-30)", () => {
    expect(days("2011-12-28T12:00", "2011-12-31T12:00", "Pacific/Apia")).toEqual([
      ["2011-12-28", "2011-12-28T10:00:00.000Z", 24],
      ["2011-12-29", "2011-12-29T10:00:00.000Z", 24],
      ["2011-12-31", "2011-12-30T10:00:00.000Z", 24],
    ]);
  });
});

describe("periodOf: properties in odd zones, 1850..2040", () => {
  prop([historicInstantArb, oddSpecArb], { numRuns: 300 })("holds the instant, has the Intl key, and starts and ends at local day starts", (t, spec) => {
    const p = periodOf(t, spec);
    const s = p.start.getTime();
    const e = p.end.getTime();
    expect(s).toBeLessThanOrEqual(t);
    expect(t).toBeLessThan(e);
    expect(p.key).toBe(expectedKey(t, fullSpec(spec)));
    for (const edge of [s, e]) {
      const a = localFields(edge, spec.timeZone ?? "UTC");
      const b = localFields(edge - 1, spec.timeZone ?? "UTC");
      expect([a.y, a.m, a.d]).not.toEqual([b.y, b.m, b.d]);
    }
  });
});

describe("periodOf: errors", () => {

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
  prop([anyInstantArb, specArb], { numRuns: 400 })("the period holds the instant: start <= t < end", (t, spec) => {
    const p = periodOf(t, spec);
    expect(p.start.getTime()).toBeLessThanOrEqual(t);
    expect(t).toBeLessThan(p.end.getTime());
  });

  prop([anyInstantArb, specArb], { numRuns: 400 })("the key matches an independent computation from Intl's local date", (t, spec) => {
    expect(periodOf(t, spec).key).toBe(expectedKey(t, fullSpec(spec)));
  });

  prop([anyInstantArb, specArb], { numRuns: 300 })(
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
  prop([anyInstantArb, specArb], { numRuns: 300 })("a period lasts its nominal length, give or take one DST change", (t, spec) => {
    const p = periodOf(t, spec);
    const days = (p.end.getTime() - p.start.getTime()) / 86_400_000;
    const n = nominalDays[spec.unit];
    const [lo, hi] = typeof n === "number" ? [n, n] : n;
    expect(days).toBeGreaterThanOrEqual(lo - 1 / 24);
    expect(days).toBeLessThanOrEqual(hi + 1 / 24);
  });
});

/** The boundaries date-fns computes on @date-fns/tz dates: a second, independent implementation. */
function dateFnsBounds(t: number, spec: ResolvedPeriodSpec): [number, number] {
  const d = new TZDate(t, spec.timeZone);
  const { weekStartsOn } = spec;
  switch (spec.unit) {
    case "day":
      return [+startOfDay(d), +startOfDay(addDays(startOfDay(d), 1))];
    case "week":
      return [+startOfWeek(d, { weekStartsOn }), +startOfWeek(addWeeks(startOfWeek(d, { weekStartsOn }), 1), { weekStartsOn })];
    case "isoWeek":
      return [+startOfISOWeek(d), +startOfISOWeek(addWeeks(startOfISOWeek(d), 1))];
    case "month":
      return [+startOfMonth(d), +startOfMonth(addMonths(startOfMonth(d), 1))];
    case "quarter":
      return [+startOfQuarter(d), +startOfQuarter(addQuarters(startOfQuarter(d), 1))];
    case "year":
      return [+startOfYear(d), +startOfYear(addYears(startOfYear(d), 1))];
  }
}

describe("periodOf: agreement with date-fns", () => {
  // @date-fns/tz is right for these zones in 1990..2060 (it is not for some historical offsets, see above).
  prop([anyInstantArb, specArb], { numRuns: 150 })("boundaries equal date-fns' startOf* on a TZDate", (t, spec) => {
    const p = periodOf(t, spec);
    expect([p.start.getTime(), p.end.getTime()]).toEqual(dateFnsBounds(t, resolvePeriodSpec(spec)));
  });
});
