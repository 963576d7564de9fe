import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { PERIOD_UNITS, type PeriodSpec, resolvePeriodSpec } from "../../src/periods/index.ts";
import { fieldOf, prop, specArb } from "./helpers.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { periodSummary } from "../../src/activity/periodSummary.ts";


describe("resolvePeriodSpec", () => {
  it("fills the defaults for a bare unit", () => {
    expect(resolvePeriodSpec("month")).toEqual({ unit: "month", timeZone: "UTC", weekStartsOn: 1 });
    expect(resolvePeriodSpec({ unit: "week" })).toEqual({ unit: "week", timeZone: "UTC", weekStartsOn: 1 });
  });

  it("keeps the spec's own fields", () => {
    expect(resolvePeriodSpec({ unit: "week", timeZone: "Asia/Kolkata", weekStartsOn: 0 })).toEqual({
      unit: "week",
      timeZone: "Asia/Kolkata",
      weekStartsOn: 0,
    });
  });

  it("lets defined overrides replace the spec's fields, and ignores undefined ones", () => {
    expect(resolvePeriodSpec("week", { timeZone: "Europe/London", weekStartsOn: 6 })).toEqual({
      unit: "week",
      timeZone: "Europe/London",
      weekStartsOn: 6,
    });
    expect(resolvePeriodSpec({ unit: "day", timeZone: "Asia/Kolkata", weekStartsOn: 3 }, { timeZone: "UTC" })).toEqual({
      unit: "day",
      timeZone: "UTC",
      weekStartsOn: 3,
    });
    expect(resolvePeriodSpec({ unit: "day", timeZone: "Asia/Kolkata" }, { timeZone: undefined, weekStartsOn: undefined })).toEqual({
      unit: "day",
      timeZone: "Asia/Kolkata",
      weekStartsOn: 1,
    });
  });

  it("always gives weekStartsOn 1 for ISO weeks, but still validates the given value", () => {
    expect(resolvePeriodSpec({ unit: "isoWeek", weekStartsOn: 0 }).weekStartsOn).toBe(1);
    expect(fieldOf(() => resolvePeriodSpec({ unit: "isoWeek", weekStartsOn: 9 as 0 }))).toBe("weekStartsOn");
  });

  it("returns a frozen object", () => {
    expect(Object.isFrozen(resolvePeriodSpec("day"))).toBe(true);
  });

  it("rejects unknown units naming the unit field", () => {
    expect(fieldOf(() => resolvePeriodSpec("fortnight" as "day"))).toBe("unit");
    expect(fieldOf(() => resolvePeriodSpec({ unit: "Month" as "month" }))).toBe("unit");
    expect(fieldOf(() => resolvePeriodSpec({} as PeriodSpec))).toBe("unit");
    expect(() => resolvePeriodSpec("fortnight" as "day")).toThrow(/"day", "week", "isoWeek", "month", "quarter", "year"/);
  });

  it.each([7, 1.5, -1, Number.NaN, "1"])("rejects weekStartsOn %j naming the field", (w) => {
    expect(fieldOf(() => resolvePeriodSpec({ unit: "week", weekStartsOn: w as 0 }))).toBe("weekStartsOn");
    expect(fieldOf(() => resolvePeriodSpec("week", { weekStartsOn: w as number }))).toBe("weekStartsOn");
  });

  it("refuses a bad field of the spec even when an override replaces it", () => {
    expectInvalid(() => resolvePeriodSpec({ unit: "week", weekStartsOn: 9 as 0 }, { weekStartsOn: 1 }), {
      field: "weekStartsOn",
      value: 9,
      message: /expected an integer from 0 to 6\.$/,
    });
    expectInvalid(() => resolvePeriodSpec({ unit: "week", timeZone: "Mars/Base" }, { timeZone: "UTC" }), {
      field: "timeZone",
      value: "Mars/Base",
      message: /expected an IANA time zone name such as "UTC"/,
    });
    // The same through an analysis's options: { period: spec, timeZone }.
    expectInvalid(() => periodSummary([{ customerId: 1, at: 0 }], { period: { unit: "week", timeZone: "Mars/Base" }, timeZone: "UTC" }), {
      field: "timeZone",
      value: "Mars/Base",
      message: /expected an IANA time zone name/,
    });
    // A valid field overridden stays overridden.
    expect(resolvePeriodSpec({ unit: "week", weekStartsOn: 0, timeZone: "Asia/Kolkata" }, { weekStartsOn: 3, timeZone: "UTC" })).toEqual({ unit: "week", timeZone: "UTC", weekStartsOn: 3 });
  });

  it("rejects unknown time zones naming the timeZone field", () => {
    expect(fieldOf(() => resolvePeriodSpec({ unit: "day", timeZone: "Mars/Base" }))).toBe("timeZone");
    expect(fieldOf(() => resolvePeriodSpec("day", { timeZone: "Europe/Londres" }))).toBe("timeZone");
  });

  it.each([null, undefined, 3, ["month"]])("rejects a spec that is neither a unit nor an object (%j)", (spec) => {
    expect(fieldOf(() => resolvePeriodSpec(spec as unknown as PeriodSpec))).toBe("period");
  });

  prop([specArb])("accepts every valid spec and keeps its fields", (spec) => {
    const r = resolvePeriodSpec(spec);
    expect(r.unit).toBe(spec.unit);
    expect(r.timeZone).toBe(spec.timeZone);
    expect(r.weekStartsOn).toBe(spec.unit === "isoWeek" ? 1 : spec.weekStartsOn);
  });

  prop([fc.string(), fc.anything()])("rejects anything but the six units", (unit, weekStartsOn) => {
    fc.pre(!(PERIOD_UNITS as readonly string[]).includes(unit));
    expect(() => resolvePeriodSpec({ unit: unit as "day", weekStartsOn: weekStartsOn as 0 })).toThrow(InvalidInputError);
  });
});
