import { describe, expect, it } from "vitest";
import { legendTicks, niceCeil, niceDomain, tickStep, ticks } from "../../src/render/ticks.ts";
import { fc, test } from "../support/fc.ts";

/** Whether a step is 1, 2 or 5 times a power of ten. */
function isRound(step: number): boolean {
  const p = 10 ** Math.floor(Math.log10(step) + 1e-12);
  return [1, 2, 5, 10].some((m) => Math.abs(step - m * p) <= 1e-9 * step);
}

describe("ticks", () => {
  it("gives the round ticks of the worked examples", () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(0, 0.4137, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(ticks(0, 79.29, 6)).toEqual([0, 20, 40, 60]);
    expect(ticks(0, 3, 5, 1)).toEqual([0, 1, 2, 3]); // whole offsets: no 0.5
    expect(ticks(-2, 3, 5, 1)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(ticks(5, 5)).toEqual([5]);
    expect(niceDomain(-2, 3.2)).toEqual([-2, 4]);
    expect(niceCeil(0.41)).toBe(0.5);
    expect(niceCeil(Number.NaN)).toBe(1);
    expect(tickStep(Infinity, 5)).toBe(1);
    expect(legendTicks(0, 0.5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(legendTicks(0, 10.09)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(45035996273.70491, 45035996273.70491 + 4.2e-5, 10)).toHaveLength(2); // not a thousand ticks lost in rounding
  });

  const span = fc.tuple(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: 1e-6, max: 1e12, noNaN: true }));
  test.prop([span, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 1)])("lie in [lo, hi], equally spaced by a round step, no more than about `count` intervals", ([lo, width], count, minStep) => {
    const hi = lo + width;
    if (!(hi > lo)) return true;
    const t = ticks(lo, hi, count, minStep);
    // A span near float precision: no promise of equal steps, but a few finite ticks, never a thousand.
    if (Math.abs(lo) / width > 1e9) return t.length <= Math.max(count, 1) * 2.5 + 2 && t.every(Number.isFinite);
    const step = tickStep(hi - lo, count, minStep);
    const tol = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
    return (
      isRound(step) &&
      step >= minStep &&
      t.every((v) => v >= lo - tol && v <= hi + tol) &&
      t.every((v, i) => i === 0 || Math.abs(v - t[i - 1]! - step) <= tol + 1e-9 * step) &&
      t.length <= Math.max(count, 1) * 2.5 + 2 &&
      (t.length === 0 || t[0]! - lo < step + tol)
    );
  });

  test.prop([span])("niceDomain holds [lo, hi] and ends on ticks", ([lo, width]) => {
    const hi = lo + width;
    if (!(hi > lo)) return true;
    const [a, b] = niceDomain(lo, hi);
    const step = tickStep(hi - lo, 5);
    const tol = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
    return a <= lo + tol && b >= hi - tol && Math.abs(a / step - Math.round(a / step)) < 1e-6 && b - a <= hi - lo + 2 * step + tol;
  });

  test.prop([fc.double({ min: 1e-9, max: 1e12, noNaN: true })])("niceCeil is round, at least x and less than twice x", (x) => {
    const c = niceCeil(x);
    return c >= x * (1 - 1e-12) && c < 2 * x;
  });
});
