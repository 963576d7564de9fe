import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/stats/normalQuantile.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";
import { expectInconsistent, expectInvalidInput, invalidCount } from "../metrics/helpers.ts";

/** The 97.5% normal quantile, for hand computations at 95%. */
const Z95 = 1.959963984540054;

/** The textbook form of the Wilson bounds, written independently of the implementation's algebra. */
function textbook(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [centre - half, centre + half];
}

/** successes <= trials, trials >= 1 */
const proportion = fc.integer({ min: 1, max: 10 ** 9 }).chain((trials) => fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }));
const confidence = fc.double({ min: 0.001, max: 0.9999, noNaN: true });

describe("wilsonInterval", () => {
  it("gives [0, z^2 / (n + z^2)] for 0 of 10 at 95%", () => {
    const ci = wilsonInterval({ successes: 0, trials: 10 });
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo((Z95 * Z95) / (10 + Z95 * Z95), 14); // 0.27753279986...
    expect(ci.upper).toBeCloseTo(0.2775327998628892, 14);
    expect(ci.confidence).toBe(0.95);
  });

  it("gives [0.2366, 0.7634] for 5 of 10 at 95%, symmetric about 1/2", () => {
    const ci = wilsonInterval({ successes: 5, trials: 10 });
    const [lower, upper] = textbook(5, 10, Z95);
    expect(ci.lower).toBeCloseTo(lower, 14);
    expect(ci.upper).toBeCloseTo(upper, 14);
    expect(ci.lower).toBeCloseTo(0.236593090512564, 14);
    expect(ci.lower + ci.upper).toBeCloseTo(1, 15);
  });

  it("gives an upper bound of exactly 1 for 10 of 10, and the mirror of 0 of 10", () => {
    const ci = wilsonInterval({ successes: 10, trials: 10 });
    expect(ci.upper).toBe(1);
    expect(ci.lower).toBeCloseTo(1 - (Z95 * Z95) / (10 + Z95 * Z95), 14);
  });

  it("uses the confidence asked for", () => {
    const ci = wilsonInterval({ successes: 930, trials: 1000 }, { confidence: 0.99 });
    const [lower, upper] = textbook(930, 1000, 2.5758293035489004);
    expect(ci).toEqual({ lower: expect.closeTo(lower, 13), upper: expect.closeTo(upper, 13), confidence: 0.99 });
  });

  it("refuses more successes than trials, zero trials and a bad confidence", () => {
    expectInconsistent(() => wilsonInterval({ successes: 11, trials: 10 }), { successes: 11, trials: 10 });
    expectInvalidInput(() => wilsonInterval({ successes: 0, trials: 0 }), "trials");
    for (const c of [0, 1, 95, -0.5, Number.NaN]) expectInvalidInput(() => wilsonInterval({ successes: 1, trials: 2 }, { confidence: c }), "confidence");
  });

  test.prop([proportion, confidence])("contains the point estimate and lies in [0, 1]", (counts, c) => {
    const { lower, upper } = wilsonInterval(counts, { confidence: c });
    const p = counts.successes / counts.trials;
    expect(0 <= lower && lower <= p && p <= upper && upper <= 1).toBe(true);
  });

  test.prop([proportion.filter((c) => c.trials < 10 ** 6), confidence])("matches the textbook formula", (counts, c) => {
    const z = normalQuantile(1 - (1 - c) / 2);
    const [lower, upper] = textbook(counts.successes, counts.trials, z);
    const ci = wilsonInterval(counts, { confidence: c });
    expect(ci.lower).toBeCloseTo(Math.max(0, lower), 9);
    expect(ci.upper).toBeCloseTo(Math.min(1, upper), 9);
  });

  test.prop([proportion, confidence, confidence])("a higher confidence gives a wider interval that contains the narrower one", (counts, a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const narrow = wilsonInterval(counts, { confidence: lo });
    const wide = wilsonInterval(counts, { confidence: hi });
    expect(wide.lower).toBeLessThanOrEqual(narrow.lower + 1e-15);
    expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper - 1e-15);
  });

  test.prop([proportion])("mirrors: the interval of n - x is 1 minus the interval of x", ({ successes, trials }) => {
    const ci = wilsonInterval({ successes, trials });
    const mirror = wilsonInterval({ successes: trials - successes, trials });
    expect(mirror.lower).toBeCloseTo(1 - ci.upper, 9);
    expect(mirror.upper).toBeCloseTo(1 - ci.lower, 9);
  });

  test.prop([invalidCount])("refuses invalid counts, naming the field", (bad) => {
    expectInvalidInput(() => wilsonInterval({ successes: bad as number, trials: 10 }), "successes");
    expectInvalidInput(() => wilsonInterval({ successes: 1, trials: bad as number }), "trials");
  });
});
