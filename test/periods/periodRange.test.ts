import { describe, expect, it } from "vitest";
import { MAX_PERIODS, periodOf, periodRange } from "../../src/periods/index.ts";
import { errorOf, prop, rangeArb } from "./helpers.ts";

const keys = (...args: Parameters<typeof periodRange>) => periodRange(...args).map((p) => p.key);

describe("periodRange: worked examples", () => {
  it("covers from the period of `from` through the period of `to`, inclusive", () => {
    expect(keys("2024-01-15", "2024-04-02", "month")).toEqual(["2024-01", "2024-02", "2024-03", "2024-04"]);
    expect(keys("2024-12-28", "2025-01-06", "isoWeek")).toEqual(["2024-W52", "2025-W01", "2025-W02"]);
    expect(keys("2023-11-15", "2024-05-01", "quarter")).toEqual(["2023-Q4", "2024-Q1", "2024-Q2"]);
    expect(keys("2020-06-01", "2023-01-01", "year")).toEqual(["2020", "2021", "2022", "2023"]);
    expect(keys("2024-02-27", "2024-03-01", "day")).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(keys("2024-03-01", "2024-03-20", { unit: "week", weekStartsOn: 0 })).toEqual(["2024-02-25", "2024-03-03", "2024-03-10", "2024-03-17"]);
  });

  it("gives one period when from and to share it, including from === to", () => {
    expect(keys("2024-03-15T10:00:00Z", "2024-03-15T10:00:00Z", "day")).toEqual(["2024-03-15"]);
    expect(keys("2024-03-01", "2024-03-31T23:59:59.999Z", "month")).toEqual(["2024-03"]);
  });

  it("includes the period that starts exactly at `to`", () => {
    expect(keys("2024-03-01", "2024-04-01", "month")).toEqual(["2024-03", "2024-04"]);
  });

  it("steps over DST changes by local midnights", () => {
    const days = periodRange("2024-03-09", "2024-03-11", { unit: "day", timeZone: "America/New_York" });
    expect(days.map((p) => p.key)).toEqual(["2024-03-09", "2024-03-10", "2024-03-11"]);
    expect(days.map((p) => (p.end.getTime() - p.start.getTime()) / 3_600_000)).toEqual([24, 23, 24]);
    expect(days[0]!.start.toISOString()).toBe("2024-03-09T05:00:00.000Z");
    expect(days[2]!.start.toISOString()).toBe("2024-03-11T04:00:00.000Z");
  });

  it("reads strings without an offset in the spec's zone", () => {
    const months = periodRange("2024-01-01", "2024-03-01", { unit: "month", timeZone: "Asia/Kolkata" });
    expect(months.map((p) => p.key)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(months[0]!.start.toISOString()).toBe("2023-12-31T18:30:00.000Z");
  });
});

describe("periodRange: errors", () => {

  it("rejects `to` before `from`", () => {
    const e = errorOf(() => periodRange("2024-03-15", "2024-03-14", "day"));
    expect(e.field).toBe("to");
    expect(e.message).toContain("at or after from (2024-03-15T00:00:00.000Z)");
  });

  it("names the bad bound", () => {
    expect(errorOf(() => periodRange("soon", "2024-03-14", "day")).field).toBe("from");
    expect(errorOf(() => periodRange("2024-03-14", "2024-02-30", "day")).field).toBe("to");
    expect(errorOf(() => periodRange("2024-03-14", "2024-03-15", "hour" as "day")).field).toBe("unit");
  });

  it("refuses ranges of more than a million periods, quickly", () => {
    const started = performance.now();
    const e = errorOf(() => periodRange("0001-01-01", "9999-12-31", "day"));
    expect(e.field).toBe("to");
    expect(e.message).toContain(`at most ${MAX_PERIODS.toLocaleString("en-US")} day periods`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => periodRange(-8e15, 8e15, "week")).toThrow(/at most 1,000,000/);
    // Long units span the same dates easily.
    expect(periodRange("0001-01-01", "9999-12-31", "year")).toHaveLength(9999);
  });
});

describe("periodRange: properties", () => {
  prop([rangeArb], { numRuns: 150 })("periods are contiguous, ordered and non-overlapping", ({ spec, from, to }) => {
    const periods = periodRange(from, to, spec);
    expect(periods.length).toBeGreaterThan(0);
    for (let i = 0; i < periods.length; i++) {
      const p = periods[i]!;
      expect(p.start.getTime()).toBeLessThan(p.end.getTime());
      const next = periods[i + 1];
      if (next !== undefined) expect(next.start.getTime()).toBe(p.end.getTime());
    }
    expect(new Set(periods.map((p) => p.key)).size).toBe(periods.length);
  });

  prop([rangeArb], { numRuns: 150 })("the first holds `from`, the last holds `to`, and each is periodOf its start", ({ spec, from, to }) => {
    const periods = periodRange(from, to, spec);
    const first = periods[0]!;
    const last = periods[periods.length - 1]!;
    expect(first).toEqual(periodOf(from, spec));
    expect(last).toEqual(periodOf(to, spec));
    expect(first.start.getTime()).toBeLessThanOrEqual(from);
    expect(to).toBeLessThan(last.end.getTime());
    const step = Math.max(1, Math.floor(periods.length / 5));
    for (let i = 0; i < periods.length; i += step) expect(periodOf(periods[i]!.start, spec)).toEqual(periods[i]);
  });
});
