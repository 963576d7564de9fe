import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { simulateBgNbd, simulateParetoNbd } from "../../src/clv/simulate.ts";
import { seededRandom } from "../../src/clv/random.ts";

describe("simulated summaries", () => {
  it("draw gamma and beta variates with the right means", () => {
    const random = seededRandom(42);
    const n = 100_000;
    let g = 0;
    let small = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      g += random.gamma(2.5, 4) / n;
      small += random.gamma(0.3, 2) / n;
      b += random.beta(0.8, 2.4) / n;
    }
    expect(g).toBeCloseTo(2.5 / 4, 2);
    expect(small).toBeCloseTo(0.15, 2);
    expect(b).toBeCloseTo(0.25, 2);
  });

  it("let a fit recover the BG/NBD and Gamma-Gamma parameters they were drawn from", () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const summary = simulateBgNbd(truth, { customers: 20_000, T: Array.from({ length: 20_000 }, (_, i) => 27 + (i % 12)), seed: 11, spend: { p: 6, q: 4, gamma: 15 } });
    const fitted = fitBgNbd(summary).params;
    expect(fitted.r / truth.r).toBeCloseTo(1, 1);
    expect(fitted.alpha / truth.alpha).toBeCloseTo(1, 1);
    // a and b are the least precise (their ratio much more than each): the mean drop-out probability a / (a + b)
    expect(Math.abs(fitted.a / (fitted.a + fitted.b) / (truth.a / (truth.a + truth.b)) - 1)).toBeLessThan(0.1);
    expect(Math.abs(fitted.a / truth.a - 1)).toBeLessThan(0.35);
    expect(Math.abs(fitted.b / truth.b - 1)).toBeLessThan(0.35);
    const spend = fitGammaGamma(summary).params;
    expect(Math.abs(spend.q / 4 - 1)).toBeLessThan(0.2);
    expect(Math.abs((spend.gamma * spend.p) / (spend.q - 1) / 30 - 1)).toBeLessThan(0.05); // population mean spend 15 x 6 / 3
  });

  it("are deterministic for a seed, well formed, and carry a holdout", () => {
    const a = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 500, T: 39, holdout: 39, seed: 3 });
    const b = simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 500, T: 39, holdout: 39, seed: 3 });
    expect(a).toEqual(b);
    for (const c of a) {
      expect(Number.isInteger(c.frequency) && c.recency >= 0 && c.recency <= c.T).toBe(true);
      if (c.frequency === 0) expect(c.recency).toBe(0);
      expect([c.durationHoldout, c.monetaryValue]).toEqual([39, null]);
    }
    expect(a.some((c) => c.frequencyHoldout > 0)).toBe(true);
    expect(() => simulateBgNbd({ r: 1, alpha: 1, a: 1, b: 1 }, { customers: 2, T: [1] })).toThrow(/T/);
    expect(() => simulateBgNbd({ r: 0, alpha: 1, a: 1, b: 1 }, { customers: 2, T: 1 })).toThrow(/r/);
  });
});
