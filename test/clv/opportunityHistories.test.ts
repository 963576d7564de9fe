import { fc, test } from "../support/fc.ts";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { opportunityHistories } from "../../src/clv/opportunityHistories.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { sharedDataUrl } from "../../scripts/sharedData.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";

/** The paper's 22 distinct donation histories (lifetimes' donations.csv, read in place; see its README). */
function donations(): Array<{ frequency: number; recency: number; periods: number; count: number }> {
  const text = readFileSync(new URL("donations.csv", sharedDataUrl("donations")), "utf8");
  return text.trim().split(/\r?\n/).slice(1).map((line) => {
    const [frequency, recency, periods, count] = line.split(",").map(Number) as [number, number, number, number];
    return { frequency, recency, periods, count };
  });
}

describe("opportunityHistories", () => {
  it("rebuilds the 22 histories of the 11,104 donors of Fader, Hardie & Shang (2010) from yearly events", () => {
    // Events: each donor's first gift in 1995, one in year 1995 + recency, and frequency - 1 more in the years before it.
    const published = donations();
    const events: Array<{ customerId: number; at: string }> = [];
    let id = 0;
    for (const h of published) {
      for (let k = 0; k < h.count; k++) {
        id++;
        events.push({ customerId: id, at: "1995-06-15" });
        for (let j = 1; j < h.frequency; j++) events.push({ customerId: id, at: `${1995 + j}-03-01` });
        if (h.frequency > 0) events.push({ customerId: id, at: `${1995 + h.recency}-11-30` });
      }
    }
    events.sort((a, b) => a.at.localeCompare(b.at));
    const summary = rfmSummary(events, { groupBy: "year", observationEnd: "2001-12-31" });
    expect(summary).toHaveLength(11_104);
    const rows = opportunityHistories(summary);
    expect(rows).toHaveLength(22);
    const key = (r: { frequency: number; recency: number; periods: number; count: number }) => `${r.frequency},${r.recency},${r.periods},${r.count}`;
    expect(new Set(rows.map(key))).toEqual(new Set(published.map(key)));
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(11_104);
    expect(rows[0]).toEqual({ frequency: 6, recency: 6, periods: 6, count: 1203 });
  });

  test.prop([fc.array(fc.record({ frequency: fc.integer({ min: 0, max: 4 }), extra: fc.integer({ min: 0, max: 3 }), periods: fc.integer({ min: 4, max: 6 }), count: fc.integer({ min: 0, max: 3 }) }), { maxLength: 30 })])(
    "counts add up: each history's count is the sum of its rows' counts, and order is periods, frequency, recency descending",
    (raw) => {
      const input = raw.map((r) => ({ frequency: r.frequency, recency: r.frequency === 0 ? 0 : Math.min(r.periods, r.frequency + r.extra), T: r.periods, count: r.count }));
      const rows = opportunityHistories(input);
      const total = (f: (r: (typeof input)[number]) => boolean) => input.filter(f).reduce((s, r) => s + r.count, 0);
      for (const h of rows) {
        expect(h.count).toBe(total((r) => r.frequency === h.frequency && r.recency === h.recency && r.T === h.periods));
        expect(h.count).toBeGreaterThan(0);
      }
      expect(rows.reduce((s, r) => s + r.count, 0)).toBe(total(() => true));
      for (let i = 1; i < rows.length; i++) {
        const [p, q] = [rows[i - 1]!, rows[i]!];
        expect(p.periods - q.periods || p.frequency - q.frequency || p.recency - q.recency).toBeGreaterThan(0);
      }
    },
  );

  it("refuses fractional periods, more purchases than opportunities and bad counts, naming row and field", () => {
    expect(expectInvalidInput(() => opportunityHistories([{ frequency: 1, recency: 1.5, T: 3 }]), "recency", 0).message).toContain("groupBy");
    expectInvalidInput(() => opportunityHistories([{ frequency: 0, recency: 0, T: 3 }, { frequency: 1, recency: 2, T: 2.5 }]), "T", 1);
    expectInvalidInput(() => opportunityHistories([{ frequency: 4, recency: 3, T: 3 }]), "frequency", 0);
    expectInvalidInput(() => opportunityHistories([{ frequency: 1, recency: 4, T: 3 }]), "recency", 0);
    expectInvalidInput(() => opportunityHistories([{ frequency: 1, recency: 1, T: 3, count: -2 }]), "count", 0);
    expectInvalidInput(() => opportunityHistories([{ frequency: 1, recency: 1, T: 3, count: 0.5 }]), "count", 0);
    expectInvalidInput(() => opportunityHistories(null as never), "summary");
    expect(opportunityHistories([])).toEqual([]);
  });
});
