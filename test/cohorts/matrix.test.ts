import { describe, expect, it } from "vitest";
import { assembleCohortMatrix, type CohortGrid } from "../../src/cohorts/matrix.ts";
import { resolvePeriodSpec } from "../../src/periods/index.ts";

/** A grid as a measure outside the events (MRR from subscriptions) would hand it over. */
const grid = (overrides: Partial<CohortGrid> = {}): CohortGrid => ({
  mode: "classic",
  measure: "mrr",
  spec: resolvePeriodSpec("month"),
  cohortBy: "period",
  labels: ["2024-01", "2024-02"],
  periods: null,
  sizes: [2, 1],
  horizon: [2, 1],
  columns: 3,
  values: Float64Array.of(10000, 12000, 9000, 5000, 0, 0),
  observed: Float64Array.of(2, 2, 2, 1, 1, 0),
  revenue: null,
  cumulativeRevenue: null,
  currencyScale: 2,
  ...overrides,
});

describe("assembleCohortMatrix, the extension point of the measures", () => {
  it("turns money in minor units into Decimals, censors past each row's horizon, and rates per customer", () => {
    const m = assembleCohortMatrix(grid(), { interval: false, confidence: 0.95 });
    expect(m.cohorts.map((c) => c.values.map((v) => (v === null ? null : String(v))))).toEqual([["100", "120", "90"], ["50", "0", null]]);
    expect(m.cohorts[0]!.rates).toEqual([50, 60, 45]);
    expect(m.average).toEqual([150 / 3, 120 / 3, 45]);
    expect(m.averageCumulativeRevenuePerCustomer).toEqual([null, null, null]);
    expect(m.toRows()).toHaveLength(6);
  });

  it("rates against a base in the values' units (MRR retention against the starting MRR)", () => {
    const base = Float64Array.of(10000, 10000, 10000, 5000, 5000, 0);
    const m = assembleCohortMatrix(grid({ rateBase: base }), { interval: true, confidence: 0.95 });
    expect(m.cohorts.map((c) => c.rates)).toEqual([[1, 1.2, 0.9], [1, 0, null]]);
    expect(m.average).toEqual([1, 12000 / 15000, 0.9]);
    expect(m.cohorts[0]!.intervals).toBeUndefined(); // Wilson intervals are for customers only
  });
});
