import { describe, expect, it } from "vitest";
import { checkEpochUnit, type EpochUnit, epochToMs, instantToMs, int64WordsToMs, int64Words } from "../../src/events/epoch.ts";
import { fc, test } from "../support/fc.ts";

const UNITS: EpochUnit[] = ["s", "ms", "us", "ns"];
const int64 = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
  fc.bigInt({ min: -5000n, max: 5000n }),
);

/** The words of one int64, read as the column readers read them. */
function words(v: bigint): [number, number] {
  const w = int64Words(new BigInt64Array([v]))!;
  return [w[0]! >>> 0, w[1]!];
}

describe("epochToMs", () => {
  it("keeps sub-millisecond parts as fractions of a millisecond", () => {
    expect(epochToMs(1710496800123456789n, "ns")).toBe(1710496800123 + 456789 / 1e6);
    expect(epochToMs(1710496800123456n, "us")).toBe(1710496800123 + 456 / 1000);
    expect(epochToMs(-1n, "ns")).toBe(-1e-6);
    expect(epochToMs(1710496800n, "s")).toBe(1710496800000);
    expect(epochToMs("1710496800123456789", "ns")).toBe(epochToMs(1710496800123456789n, "ns"));
    expect(epochToMs(1.5, "us")).toBe(0.0015);
  });

  test.prop([int64, fc.constantFrom(...UNITS)])("reads the two 32-bit words of an int64 exactly as the bigint, bit for bit", (v, unit) => {
    const [lo, hi] = words(v);
    expect(Object.is(int64WordsToMs(lo, hi, unit), epochToMs(v, unit))).toBe(true);
  });

  test.prop([fc.maxSafeInteger(), fc.constantFrom(...UNITS)])("gives a safe integer number and its bigint the same instant", (n, unit) => {
    expect(Object.is(epochToMs(n, unit), epochToMs(BigInt(n), unit))).toBe(true);
  });

  it("checks the unit option", () => {
    expect(checkEpochUnit(undefined)).toBe("ms");
    expect(checkEpochUnit("ns")).toBe("ns");
    expect(() => checkEpochUnit("sec")).toThrow(/epochUnit.*"s", "ms", "us", "ns"/);
  });

  it("prints an out-of-range epoch as it was given", () => {
    expect(() => instantToMs(99999999999999999999n, "ms", "UTC", 3)).toThrow("Invalid at at row 3: 99999999999999999999n; expected an epoch number in ms within the range of Date");
    expect(() => instantToMs(9e15, "ms", "UTC", 0)).toThrow("Invalid at at row 0: 9000000000000000; expected an instant");
    expect(() => instantToMs(9e18, "us", "UTC", 0)).toThrow(/9000000000000000000; expected an epoch number in us/);
  });
});
