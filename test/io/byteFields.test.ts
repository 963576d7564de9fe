import { describe, expect, it } from "vitest";
import { decimalMinorUnitsBytes, isoInstantBytes } from "../../src/io/byteFields.ts";
import { toMinorUnits } from "../../src/money.ts";
import { toEpochMs } from "../../src/periods/index.ts";
import { fc, test } from "../support/fc.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
/** The fast parser on `s` placed inside other bytes (so it must respect start and end). */
const iso = (s: string, utc = true) => isoInstantBytes(bytes(`x,${s},y`), 2, 2 + bytes(s).length, utc);
const units = (s: string, scale = 2) => decimalMinorUnitsBytes(bytes(`x,${s},y`), 2, 2 + bytes(s).length, scale);
/** What the general parser gives, or NaN when it refuses. */
const general = (f: () => number) => {
  try {
    return f();
  } catch {
    return Number.NaN;
  }
};

describe("isoInstantBytes", () => {
  it("reads the instants exports write, as toEpochMs does", () => {
    expect(iso("2024-03-15T09:45:51.205Z")).toBe(Date.UTC(2024, 2, 15, 9, 45, 51, 205));
    expect(iso("2024-03-15 09:45:51+01:00")).toBe(Date.UTC(2024, 2, 15, 8, 45, 51));
    expect(iso("2024-02-29T23:59:59.123456789-05:30")).toBe(Date.UTC(2024, 2, 1, 5, 29, 59, 123));
    expect(iso("2024-03-15T09:45:51")).toBe(Date.UTC(2024, 2, 15, 9, 45, 51));
  });

  it("leaves every other shape to the general parser (NaN)", () => {
    for (const s of ["2024-03-15", "2024-03-15T09:45Z", "2023-02-29T00:00:00Z", "2024-03-15T24:00:00Z", "2024-03-15T09:45:51+0100", "+002024-03-15T09:45:51Z", "2024-03-15T09:45:51.Z", "2024-03-15T09:45:51Zx", "2024-3-15T09:45:51Z", ""]) {
      expect(iso(s)).toBeNaN();
    }
    // Without an offset the instant is a wall-clock time in the zone: only UTC is read here.
    expect(iso("2024-03-15T09:45:51", false)).toBeNaN();
  });

  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
  const instant = fc
    .record({
      y: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
      mo: two(13),
      d: two(32),
      sep: fc.constantFrom("T", "t", " ", "_"),
      h: two(24),
      mi: two(60),
      s: two(60),
      frac: fc.constantFrom("", ".", ".1", ".12", ".123", ".1234", ".123456789", ".1234567890"),
      zone: fc.constantFrom("", "Z", "z", "+01:00", "-23:59", "+24:00", "+01:60", "+0100", "+01", "Zz"),
    })
    .map((p) => `${p.y}-${p.mo}-${p.d}${p.sep}${p.h}:${p.mi}:${p.s}${p.frac}${p.zone}`);

  test.prop([instant, fc.boolean()])("gives what toEpochMs gives, or NaN (then toEpochMs decides)", (s, utc) => {
    const fast = iso(s, utc);
    const slow = general(() => toEpochMs(s, { timeZone: utc ? "UTC" : "Europe/Paris" }));
    if (!Number.isNaN(fast)) expect(fast).toBe(slow);
    // It reads every valid instant with an offset (and, in UTC, without one) of its shape.
    else if (!Number.isNaN(slow) && /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d{1,9})?([Zz]|[+-]\d\d:\d\d)$/.test(s)) expect.unreachable(s);
  });
});

describe("decimalMinorUnitsBytes", () => {
  it("reads plain decimals as toMinorUnits does", () => {
    expect(units("49.90")).toBe(4990);
    expect(units("-3")).toBe(-300);
    expect(units("+0.5")).toBe(50);
    expect(units("7.")).toBe(700);
    expect(Object.is(units("-0.00"), 0)).toBe(true);
    expect(units("12.345", 3)).toBe(12345);
  });

  it("leaves every other text to toMinorUnits (NaN)", () => {
    for (const s of ["", "-", ".5", "1.234", "1e3", " 1", "1 ", "1,5", "0x10", "1234567890123456", "--1", "1.2.3"]) expect(units(s)).toBeNaN();
  });

  const decimal = fc
    .tuple(fc.constantFrom("", "-", "+", " "), fc.stringMatching(/^\d{0,17}$/), fc.constantFrom("", ".", ".5", ".05", ".50", ".123", ".100", "e2"))
    .map(([sign, whole, fraction]) => `${sign}${whole}${fraction}`);

  test.prop([decimal, fc.integer({ min: 0, max: 4 })])("gives what toMinorUnits gives, or NaN (then toMinorUnits decides)", (s, scale) => {
    const fast = units(s, scale);
    const slow = general(() => toMinorUnits(s, scale));
    if (!Number.isNaN(fast)) expect(Object.is(fast, slow)).toBe(true);
  });
});
