import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { aliveHistory } from "../../src/clv/aliveHistory.ts";
import { makeBgBbModel } from "../../src/clv/bgBb.ts";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowTransactions } from "./cdnow.ts";
import { cdnowBg, cdnowPareto, fitState } from "./helpers.ts";

describe("aliveHistory on CDNOW", () => {
  const transactions = cdnowTransactions();
  const summary = rfmSummary(transactions, { observationEnd: "1997-09-30", timeUnit: "week" });
  const model = fitBgNbd(summary);
  const row = summary.find((r) => r.customerId === 509)!;
  const days = transactions.filter((t) => t.customerId === 509 && t.at <= "1997-09-30").map((t) => t.at);

  it("at its end is the customer's row of rfmSummary: the same frequency, recency and P(alive)", () => {
    const h = aliveHistory(model, days, { T: row.T, timeUnit: "week" });
    const last = h.points.at(-1)!;
    expect(h.purchases).toHaveLength(row.frequency + 1);
    expect(last.t).toBe(row.T);
    expect(last.frequency).toBe(row.frequency);
    expect(last.recency).toBeCloseTo(row.recency, 12);
    expect(last.probabilityAlive).toBeCloseTo(model.probabilityAlive(row), 12);
  });

  it("BG/NBD: 1 until the first repeat purchase, then right after the k-th 1 / (1 + a / (b + k - 1))", () => {
    const h = aliveHistory(cdnowBg, [0, 2, 5, 6], { T: 20, steps: 40 });
    const { a, b } = cdnowBg.params;
    expect(h.points.filter((p) => p.frequency === 0).every((p) => p.probabilityAlive === 1)).toBe(true);
    for (const [k, t] of [[1, 2], [2, 5], [3, 6]] as const) {
      const at = h.points.filter((p) => p.t === t);
      expect(at.map((p) => p.frequency)).toEqual([k - 1, k]);
      expect(at[1]!.probabilityAlive).toBeCloseTo(1 / (1 + a / (b + k - 1)), 12);
    }
    expect(h.points).toHaveLength(41 + 3); // 41 steps, of which 3 at a purchase, and two points at each of the 3
  });

  it("Pareto/NBD: back to 1 at every purchase", () => {
    const h = aliveHistory(cdnowPareto, [10, 12, 15, 26], { T: 40 });
    expect(h.purchases).toEqual([0, 2, 5, 16]);
    for (const t of [2, 5, 16]) expect(h.points.filter((p) => p.t === t)[1]!.probabilityAlive).toBeCloseTo(1, 12);
  });

  it("instants: one purchase per calendar day in the zone, in days or weeks from the first", () => {
    const instants = ["2024-01-01T10:00:00Z", "2024-01-01T12:00:00Z", new Date("2024-01-08T00:00:00Z"), "2024-01-15T23:30:00Z"];
    expect(aliveHistory(cdnowBg, instants, { T: 30, steps: 1 }).purchases).toEqual([0, 7, 14]);
    expect(aliveHistory(cdnowBg, instants, { T: 3, steps: 1, timeUnit: "week" }).purchases).toEqual([0, 1, 2]);
    expect(aliveHistory(cdnowBg, instants, { T: 30, steps: 1, timeZone: "Asia/Tokyo" }).purchases).toEqual([0, 7, 15]);
  });
});

describe("aliveHistory: properties", () => {
  const history = fc.record({
    purchases: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
    extra: fc.double({ min: 0, max: 50, noNaN: true }),
    steps: fc.integer({ min: 1, max: 60 }),
  });
  test.prop([history, fc.constantFrom(cdnowBg, cdnowPareto)], { numRuns: 80 })(
    "P(alive) in [0, 1], t from 0 to T in order; it never rises between purchases and rises at each purchase after the first repeat one",
    ({ purchases, extra, steps }, model) => {
      const first = Math.min(...purchases);
      const T = Math.max(...purchases) - first + extra;
      const h = aliveHistory(model, purchases, { T, steps });
      expect(h.points[0]).toEqual({ t: 0, frequency: 0, recency: 0, probabilityAlive: 1 });
      expect(h.points.at(-1)!.t).toBe(T);
      for (const p of h.points) {
        expect(p.probabilityAlive).toBeGreaterThanOrEqual(0);
        expect(p.probabilityAlive).toBeLessThanOrEqual(1);
      }
      for (let i = 1; i < h.points.length; i++) {
        const [p, q] = [h.points[i - 1]!, h.points[i]!];
        expect(q.t).toBeGreaterThanOrEqual(p.t);
        if (q.frequency === p.frequency) expect(q.probabilityAlive).toBeLessThanOrEqual(p.probabilityAlive + 1e-12);
        else {
          expect([q.t, q.frequency]).toEqual([p.t, p.frequency + 1]);
          if (model === cdnowPareto || p.frequency >= 1) expect(q.probabilityAlive).toBeGreaterThanOrEqual(p.probabilityAlive - 1e-12);
        }
      }
      expect(h.points.at(-1)!.frequency).toBe(h.purchases.length - 1);
    },
  );
});

describe("aliveHistory: bad input", () => {
  it("names the field", () => {
    const bb = makeBgBbModel({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 }, fitState);
    expectInvalidInput(() => aliveHistory(bb as never, [0, 1], { T: 3 }), "model");
    expectInvalidInput(() => aliveHistory(cdnowBg, [0, 1], null as never), "options");
    expectInvalidInput(() => aliveHistory(cdnowBg, [], { T: 3 }), "purchases");
    expectInvalidInput(() => aliveHistory(cdnowBg, "2024-01-01" as never, { T: 3 }), "purchases");
    expectInvalidInput(() => aliveHistory(cdnowBg, [0, "2024-01-01"], { T: 3 }), "purchases[1]");
    expectInvalidInput(() => aliveHistory(cdnowBg, ["2024-01-01", 3], { T: 3 }), "purchases[1]");
    expectInvalidInput(() => aliveHistory(cdnowBg, [0, Number.NaN], { T: 3 }), "purchases[1]");
    expectInvalidInput(() => aliveHistory(cdnowBg, ["not a day"], { T: 3 }), "purchases[0]");
    expect(expectInvalidInput(() => aliveHistory(cdnowBg, [1, 5], { T: 3 }), "T").message).toContain("at least the last purchase's (4");
    expectInvalidInput(() => aliveHistory(cdnowBg, [0], { T: Infinity }), "T");
    for (const steps of [0, 1.5, 100_001]) expectInvalidInput(() => aliveHistory(cdnowBg, [0], { T: 3, steps }), "steps");
    expectInvalidInput(() => aliveHistory(cdnowBg, ["2024-01-01"], { T: 3, timeUnit: "month" as never }), "timeUnit");
    expectInvalidInput(() => aliveHistory(cdnowBg, ["2024-01-01"], { T: 3, timeZone: "Mars/Base" }), "timeZone");
  });
});
