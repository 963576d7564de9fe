import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { periodBucketer, periodOf, periodRange } from "../../src/periods/index.ts";
import { prop, rangeArb } from "./helpers.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("periodBucketer: worked examples", () => {
  const b = periodBucketer("2024-01-01", "2024-03-31", { unit: "month", timeZone: "America/New_York" });

  it("holds the periods of the range and their edges", () => {
    expect(b.spec).toEqual({ unit: "month", timeZone: "America/New_York", weekStartsOn: 1 });
    expect(b.periods.map((p) => p.key)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(Array.from(b.boundaries, (t) => new Date(t).toISOString())).toEqual([
      "2024-01-01T05:00:00.000Z",
      "2024-02-01T05:00:00.000Z",
      "2024-03-01T05:00:00.000Z",
      "2024-04-01T04:00:00.000Z",
    ]);
    expect(Object.isFrozen(b.periods)).toBe(true);
  });

  it("maps instants to period indexes, -1 outside the range", () => {
    const t = (s: string) => Date.parse(s);
    expect(b.indexOf(t("2024-01-01T04:59:59.999Z"))).toBe(-1);
    expect(b.indexOf(t("2024-01-01T05:00:00Z"))).toBe(0);
    expect(b.indexOf(t("2024-03-01T03:00:00Z"))).toBe(1); // 22:00 on Feb 29 in New York
    expect(b.indexOf(t("2024-03-31T23:00:00Z"))).toBe(2);
    expect(b.indexOf(t("2024-04-01T04:00:00Z"))).toBe(-1);
    expect(b.indexOf(Number.NaN)).toBe(-1);
    expect(b.indexOf(Number.POSITIVE_INFINITY)).toBe(-1);
    const times = Float64Array.of(t("2023-12-31T12:00:00Z"), t("2024-01-10T00:00:00Z"), t("2024-02-10T00:00:00Z"), t("2024-02-11T00:00:00Z"), t("2024-03-05T00:00:00Z"), t("2024-05-01T00:00:00Z"));
    expect(Array.from(b.bucket(times))).toEqual([-1, 0, 1, 1, 2, -1]);
    expect(Array.from(b.bucket(Array.from(times).reverse()))).toEqual([-1, 2, 1, 1, 0, -1]);
    expect(Array.from(b.bucket([Number.NaN, t("2024-02-10T00:00:00Z")]))).toEqual([-1, 1]);
    expect(b.bucket([])).toHaveLength(0);
  });

  it("writes into a given buffer, returning a view of the used part when it is longer", () => {
    const out = new Int32Array(5).fill(9);
    const times = [Date.parse("2024-02-10T00:00:00Z"), Date.parse("2024-03-10T00:00:00Z")];
    const r = b.bucket(times, out);
    expect(Array.from(r)).toEqual([1, 2]);
    expect(r.buffer).toBe(out.buffer);
    expect(Array.from(out)).toEqual([1, 2, 9, 9, 9]);
    const exact = new Int32Array(2);
    expect(b.bucket(times, exact)).toBe(exact);
  });

  it("rejects an output buffer that is too short or not an Int32Array", () => {
    expect(() => b.bucket([1, 2, 3], new Int32Array(2))).toThrow(InvalidInputError);
    expect(() => b.bucket([1], new Float64Array(1) as unknown as Int32Array)).toThrow(/Invalid out/);
  });

  it.each([[null], [undefined], [5], ["2024"]])("refuses times %j that are not an array, naming times", (times) => {
    expectInvalid(() => b.bucket(times as never), { field: "times", value: times, message: /expected an array \(or Float64Array\) of epoch milliseconds\.$/ });
  });

  it("keeps working when the caller writes to its boundaries", () => {
    const c = periodBucketer("2024-01-01", "2024-03-31", "month");
    c.boundaries.fill(0);
    expect(c.indexOf(Date.parse("2024-02-10T00:00:00Z"))).toBe(1);
  });

  it("validates like periodRange", () => {
    expect(() => periodBucketer("2024-03-01", "2024-01-01", "month")).toThrow(InvalidInputError);
    expect(() => periodBucketer("2024-03-01", "nope", "month")).toThrow(/Invalid to/);
    expect(() => periodBucketer("2024-01-01", "2024-03-01", { unit: "month", timeZone: "Mars/Base" })).toThrow(/Invalid timeZone/);
  });

  it("has one period when from and to share it", () => {
    const one = periodBucketer("2024-03-15T10:00:00Z", "2024-03-15T10:00:00Z", "day");
    expect(one.boundaries).toHaveLength(2);
    expect(Array.from(one.bucket([Date.parse("2024-03-15T00:00:00Z"), Date.parse("2024-03-16T00:00:00Z")]))).toEqual([0, -1]);
  });
});

describe("periodBucketer: properties", () => {
  /** A range, and instants from a little before it to a little after it. */
  const caseArb = rangeArb.chain(({ spec, from, to }) => {
    const first = periodOf(from, spec).start.getTime();
    const last = periodOf(to, spec).end.getTime();
    const margin = Math.max(86_400_000, (last - first) / 10);
    const inside = fc.integer({ min: first, max: last - 1 });
    const edge = fc.constantFrom(first, first - 1, last, last - 1);
    const around = fc.integer({ min: Math.floor(first - margin), max: Math.ceil(last + margin) });
    return fc.record({
      spec: fc.constant(spec),
      from: fc.constant(from),
      to: fc.constant(to),
      times: fc.array(fc.oneof(inside, around, edge), { minLength: 0, maxLength: 200 }),
    });
  });

  prop([caseArb], { numRuns: 100 })("agrees with periodOf on every instant, sorted or not, and gives -1 outside", ({ spec, from, to, times }) => {
    const b = periodBucketer(from, to, spec);
    const range = periodRange(from, to, spec);
    expect(b.periods).toEqual(range);
    expect(b.boundaries).toHaveLength(range.length + 1);
    const first = b.boundaries[0]!;
    const last = b.boundaries[range.length]!;
    const sorted = Float64Array.from(times).sort();
    for (const input of [times, sorted]) {
      const got = b.bucket(input);
      for (let i = 0; i < input.length; i++) {
        const t = input[i]!;
        const k = got[i]!;
        expect(k).toBe(b.indexOf(t));
        if (t < first || t >= last) {
          expect(k).toBe(-1);
        } else {
          expect(k).toBeGreaterThanOrEqual(0);
          expect(b.periods[k]!.key).toBe(periodOf(t, spec).key);
        }
      }
    }
  });

  prop([rangeArb], { numRuns: 60 })("boundaries are the periods' starts then the last end, strictly increasing", ({ spec, from, to }) => {
    const b = periodBucketer(from, to, spec);
    b.periods.forEach((p, i) => {
      expect(b.boundaries[i]).toBe(p.start.getTime());
      expect(b.boundaries[i + 1]).toBe(p.end.getTime());
    });
    for (let i = 1; i < b.boundaries.length; i++) expect(b.boundaries[i]!).toBeGreaterThan(b.boundaries[i - 1]!);
  });
});
