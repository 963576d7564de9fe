import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { toEpochMs } from "../../src/periods/index.ts";
import { ODD_ZONES, anyInstantArb, errorOf, historicInstantArb, prop, wallClockString, zoneArb } from "./helpers.ts";

const T = Date.UTC(2024, 2, 15, 10); // 2024-03-15T10:00:00Z


describe("toEpochMs: valid instants", () => {
  it("reads Dates and epoch milliseconds as they are", () => {
    expect(toEpochMs(new Date(T))).toBe(T);
    expect(toEpochMs(T)).toBe(T);
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs(-1)).toBe(-1);
    expect(toEpochMs(8.64e15)).toBe(8.64e15);
  });

  it.each([
    ["2024-03-15T10:00:00Z", T],
    ["2024-03-15T10:00:00z", T],
    ["2024-03-15t10:00:00Z", T],
    ["2024-03-15 10:00:00Z", T],
    ["2024-03-15T10:00Z", T],
    ["2024-03-15T10:00:00.123Z", T + 123],
    ["2024-03-15T10:00:00.1Z", T + 100],
    ["2024-03-15T10:00:00.12Z", T + 120],
    ["2024-03-15T10:00:00.123456789Z", T + 123],
    ["2024-03-15T10:00:00.999999Z", T + 999],
    ["2024-03-15T10:00:00.123+05:30", T + 123 - 5.5 * 3_600_000],
    ["2024-03-15T15:30:00+05:30", T],
    ["2024-03-15T15:30:00+0530", T],
    ["2024-03-15T15:00:00+05", T],
    ["2024-03-15T05:00:00-05:00", T],
    ["2024-03-15T10:00:00+00:00", T],
    ["2024-03-15T10:00:00-00:00", T],
    ["2024-03-16T00:15:00+14:15", T],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["1969-12-31T23:59:59.999Z", -1],
    ["9999-12-31T23:59:59.999Z", Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ])("parses %s exactly", (s, expected) => {
    expect(toEpochMs(s)).toBe(expected);
    expect(toEpochMs(s, { timeZone: "America/New_York" })).toBe(expected); // an offset wins over the zone
  });

  it.each([
    ["+002024-03-15T10:00:00Z", T],
    ["+002024-03-15T15:30:00+05:30", T],
    ["+002024-03-15", Date.UTC(2024, 2, 15)],
    ["+010000-01-01T00:00:00Z", Date.parse("+010000-01-01T00:00:00Z")],
    ["-000001-03-15T00:00:00Z", Date.parse("-000001-03-15T00:00:00Z")],
    ["-000004-02-29T12:00:00Z", Date.parse("-000004-02-29T12:00:00Z")],
    ["+275760-09-13T00:00:00.000Z", 8.64e15],
    ["-271821-04-20T00:00:00.000Z", -8.64e15],
  ])("parses the expanded year of %s as Date.parse does", (s, expected) => {
    expect(Number.isFinite(expected)).toBe(true);
    expect(toEpochMs(s)).toBe(expected);
  });

  it("reads an expanded-year string without an offset in options.timeZone", () => {
    expect(toEpochMs("+002024-03-15", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 2, 15, 4));
  });

  it("reads a string without an offset as wall-clock time in UTC by default", () => {
    expect(toEpochMs("2024-03-15")).toBe(Date.UTC(2024, 2, 15));
    expect(toEpochMs("2024-03-15T10:00")).toBe(T);
    expect(toEpochMs("2024-03-15 10:00:00")).toBe(T);
    expect(toEpochMs("2024-03-15T10:00:00.250")).toBe(T + 250);
  });

  it("reads a string without an offset as wall-clock time in options.timeZone", () => {
    expect(toEpochMs("2024-03-15", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 2, 15, 4));
    expect(toEpochMs("2024-01-15", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 0, 15, 5));
    expect(toEpochMs("2024-03-15 06:00", { timeZone: "America/New_York" })).toBe(T);
    expect(toEpochMs("2024-03-15T15:30:00", { timeZone: "Asia/Kolkata" })).toBe(T);
    expect(toEpochMs("2024-03-15T23:45", { timeZone: "Pacific/Chatham" })).toBe(T);
  });

  it("moves a wall-clock time skipped by spring-forward ahead by the gap", () => {
    // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
    expect(toEpochMs("2024-03-10T02:30", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 2, 10, 7, 30)); // 03:30 EDT
    expect(toEpochMs("2024-03-10T01:59", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 2, 10, 6, 59));
    expect(toEpochMs("2024-03-10T03:00", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 2, 10, 7));
    // Lord Howe, 2024-10-06: 02:00 +10:30 jumps to 02:30 +11:00.
    expect(toEpochMs("2024-10-06T02:15", { timeZone: "Australia/Lord_Howe" })).toBe(Date.UTC(2024, 9, 5, 15, 45)); // 02:45 +11
  });

  it("takes the earlier of a repeated wall-clock time at fall-back", () => {
    // New York, 2024-11-03: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice.
    expect(toEpochMs("2024-11-03T01:30", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 10, 3, 5, 30)); // EDT
    expect(toEpochMs("2024-11-03T00:30", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 10, 3, 4, 30));
    expect(toEpochMs("2024-11-03T02:30", { timeZone: "America/New_York" })).toBe(Date.UTC(2024, 10, 3, 7, 30));
    // London, 2024-10-27: 02:00 BST falls back to 01:00 GMT.
    expect(toEpochMs("2024-10-27 01:30", { timeZone: "Europe/London" })).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });
});

describe("toEpochMs: invalid instants", () => {
  const bad: unknown[] = [
    new Date(Number.NaN),
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    8.64e15 + 1,
    null,
    undefined,
    {},
    [],
    true,
    10n,
    "",
    "garbage",
    "2024",
    "2024-03",
    "2024-3-15",
    "2024/03/15",
    "15-03-2024",
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-04-31",
    "2024-03-15T24:00",
    "2024-03-15T10:60",
    "2024-03-15T10:00:60",
    "2024-03-15T10",
    "2024-03-15T1:00",
    "2024-03-15T10:00:00.",
    "2024-03-15T10:00:00.1234567890Z",
    "2024-03-15Z",
    "2024-03-15T10:00:00ZZ",
    "2024-03-15T10:00:00+5:30",
    "2024-03-15T10:00:00+05:3",
    "2024-03-15T10:00:00+24:00",
    "2024-03-15T10:00:00+05:60",
    "2024-03-15T10:00:00 +05:00",
    " 2024-03-15",
    "2024-03-15 ",
    "2024-03-15X10:00",
    "Fri Mar 15 2024",
    // Expanded years: six digits and a sign, no year "-0", and within the Date range.
    "+02024-03-15",
    "+0020240-03-15",
    "002024-03-15",
    "-000000-01-01T00:00:00Z",
    "+275760-09-13T00:00:00.001Z",
    "-271821-04-19T23:59:59.999Z",
    "+275760-09-13T00:00:00-00:01",
  ];

  it.each(bad.map((v) => [v]))("rejects %s with InvalidInputError naming the field", (value) => {
    const e = errorOf(() => toEpochMs(value));
    expect(e.field).toBe("at");
    expect(e.value).toBe(value);
    expect(e.row).toBeUndefined();
    expect(e.message).toMatch(/^Invalid at: .*; expected an instant/);
  });

  it("names the given field and row", () => {
    const e = errorOf(() => toEpochMs("2024-02-30", { field: "created_at", row: 41 }));
    expect(e.field).toBe("created_at");
    expect(e.row).toBe(41);
    expect(e.message).toContain('Invalid created_at at row 41: "2024-02-30"');
  });

  it.each([[null], ["UTC"], [5], [[]]])("refuses options %j that are not an object, naming options", (options) => {
    const e = errorOf(() => toEpochMs(T, options as never));
    expect(e.field).toBe("options");
    expect(e.value).toBe(options);
    expect(e.message).toContain("expected an object of options");
  });

  it("rejects an unknown time zone, even for instants that do not need it", () => {
    expect(errorOf(() => toEpochMs("2024-03-15", { timeZone: "Mars/Base" })).field).toBe("timeZone");
    expect(errorOf(() => toEpochMs(T, { timeZone: "Mars/Base" })).field).toBe("timeZone");
  });
});

describe("toEpochMs: properties", () => {
  const dateArb = fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true });

  prop([dateArb])("parses Date#toISOString() back to the same instant", (d) => {
    expect(toEpochMs(d.toISOString())).toBe(d.getTime());
    expect(toEpochMs(d)).toBe(d.getTime());
  });

  prop([dateArb, fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })])(
    "an offset string is the instant its wall clock and offset describe",
    (d, offsetMin) => {
      const shifted = new Date(d.getTime() + offsetMin * 60_000).toISOString().slice(0, 23);
      const a = Math.abs(offsetMin);
      const off = `${offsetMin < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
      fc.pre(!shifted.startsWith("-") && !shifted.startsWith("+"));
      expect(toEpochMs(shifted + off)).toBe(d.getTime());
      expect(toEpochMs(shifted + off.replace(":", ""))).toBe(d.getTime());
    },
  );

  prop([fc.date({ noInvalidDate: true })])("parses Date#toISOString() back over the whole Date range (expanded years too)", (d) => {
    expect(toEpochMs(d.toISOString())).toBe(d.getTime());
  });

  prop([dateArb])("agrees with Date.parse on Z strings of every precision", (d) => {
    const iso = d.toISOString();
    for (const s of [iso, iso.slice(0, 19) + "Z", iso.slice(0, 16) + "Z"]) expect(toEpochMs(s)).toBe(Date.parse(s));
  });

  prop([anyInstantArb, zoneArb], { numRuns: 300 })(
    "a wall-clock string read in a zone shows that wall clock there, at the first time it does",
    (t0, zone) => {
      const t = t0 - (t0 % 1000); // the string carries whole seconds
      const wall = wallClockString(t, zone);
      const r = toEpochMs(wall, { timeZone: zone });
      expect(wallClockString(r, zone)).toBe(wall);
      expect(r).toBeLessThanOrEqual(t);
      // Only a repeated hour at fall-back (at most 1 hour in these zones) separates them.
      expect(t - r).toBeLessThanOrEqual(3_600_000);
    },
  );

  prop([historicInstantArb, fc.constantFrom(...ODD_ZONES)], { numRuns: 300 })(
    "the same in zones with odd historical clocks (offsets with seconds, changes at midnight)",
    (t0, zone) => {
      const t = t0 - (t0 % 1000);
      const wall = wallClockString(t, zone);
      const r = toEpochMs(wall, { timeZone: zone });
      expect(wallClockString(r, zone)).toBe(wall);
      expect(r).toBeLessThanOrEqual(t);
      expect(t - r).toBeLessThanOrEqual(2 * 3_600_000);
    },
  );
});
