import { describe, expect, it } from "vitest";
import { assembleCohortMatrix, type CohortGrid, type CohortMatrixRow } from "../../src/cohorts/matrix.ts";
import { periodOf, resolvePeriodSpec } from "../../src/periods/index.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";

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

  it("computes the realised value curve on first read, as an ordinary field: JSON, spreading, writing", () => {
    const cumulativeRevenue = Float64Array.of(3000, 5000, 8000, 1000, 1500, 0);
    const m = assembleCohortMatrix(grid({ measure: "customers", cumulativeRevenue, revenue: Float64Array.of(3000, 2000, 3000, 1000, 500, 0) }), { interval: false, confidence: 0.95 });
    const [first, second] = m.cohorts as [CohortMatrixRow, CohortMatrixRow];
    expect(Object.keys(first)).toEqual(["cohort", "size", "values", "rates", "observed", "cumulativeRevenuePerCustomer"]);
    // 3000 minor units over 2 observed customers = 15.00 per customer; the censored cell is null
    expect(second.cumulativeRevenuePerCustomer.map((v) => (v === null ? null : v.toFixed(2)))).toEqual(["10.00", "15.00", null]);
    expect(JSON.parse(JSON.stringify(first)).cumulativeRevenuePerCustomer).toEqual(["15", "25", "40"]);
    expect({ ...first }.cumulativeRevenuePerCustomer).toBe(first.cumulativeRevenuePerCustomer); // computed once, then kept
    first.cumulativeRevenuePerCustomer = [];
    expect(first.cumulativeRevenuePerCustomer).toEqual([]);
  });

  it("rates against a base in the values' units (MRR retention against the starting MRR)", () => {
    const base = Float64Array.of(10000, 10000, 10000, 5000, 5000, 0);
    const m = assembleCohortMatrix(grid({ rateBase: base }), { interval: true, confidence: 0.95 });
    expect(m.cohorts.map((c) => c.rates)).toEqual([[1, 1.2, 0.9], [1, 0, null]]);
    expect(m.average).toEqual([1, 12000 / 15000, 0.9]);
    expect(m.cohorts[0]!.intervals).toBeUndefined(); // Wilson intervals are for customers only
  });
});

describe("assembleCohortMatrix: null, never NaN, where a base is zero or a cohort empty (issue #12)", () => {
  const str = (xs: ReadonlyArray<unknown>) => xs.map((x) => (x === null ? null : String(x)));
  // Cohort A: 2 customers, 10.00 then 5.00; cohort B: empty. Offset 2 is censored for both.
  const money = grid({
    measure: "revenue",
    labels: ["A", "B"],
    sizes: [2, 0],
    horizon: [1, 1],
    values: Float64Array.of(1000, 500, 0, 0, 0, 0),
    observed: Float64Array.of(2, 2, 0, 0, 0, 0),
    revenue: Float64Array.of(1000, 500, 0, 0, 0, 0),
    cumulativeRevenue: Float64Array.of(1000, 1500, 0, 0, 0, 0),
  });

  it("rates and averages money per customer over the observed cohorts, the empty one null", () => {
    const m = assembleCohortMatrix(money, { interval: false, confidence: 0.95 });
    expect(m.cohorts.map((c) => str(c.values))).toEqual([["10", "5", null], ["0", "0", null]]);
    expect(m.cohorts.map((c) => c.rates)).toEqual([[5, 2.5, null], [null, null, null]]);
    expect(m.cohorts.map((c) => c.observed)).toEqual([[2, 2, 0], [0, 0, 0]]);
    expect(m.cohorts.map((c) => str(c.cumulativeRevenuePerCustomer))).toEqual([["5", "7.5", null], [null, null, null]]);
    expect(m.average).toEqual([5, 2.5, null]);
    expect(str(m.averageCumulativeRevenuePerCustomer)).toEqual(["5", "7.5", null]);
    expect(m.offsets).toEqual([0, 1, 2]);
    expect(m.measure).toBe("revenue");
    expect(m.cohorts[0]!.period).toBeUndefined();
    expect(m.averageIntervals).toBeUndefined();
    expect(m.confidence).toBeUndefined();
  });

  it("gives null averages, running revenue and intervals where only empty cohorts are observed", () => {
    const empty = grid({
      measure: "customers",
      labels: ["B"],
      sizes: [0],
      horizon: [1],
      columns: 2,
      values: Float64Array.of(0, 0),
      observed: Float64Array.of(0, 0),
      revenue: Float64Array.of(0, 0),
      cumulativeRevenue: Float64Array.of(0, 0),
    });
    for (const mean of ["weighted", "simple"] as const) {
      const m = assembleCohortMatrix(empty, { interval: mean === "weighted", confidence: 0.9, mean });
      expect(m.average).toEqual([null, null]);
      expect(m.averageCumulativeRevenuePerCustomer).toEqual([null, null]);
      expect(m.cohorts[0]!.rates).toEqual([null, null]);
      expect(m.cohorts[0]!.cumulativeRevenuePerCustomer).toEqual([null, null]);
      if (mean === "weighted") {
        expect(m.cohorts[0]!.intervals).toEqual([null, null]);
        expect(m.averageIntervals).toEqual([null, null]);
        expect(m.confidence).toBe(0.9);
        expect(m.toRows()).toEqual([
          { cohort: "B", offset: 0, value: 0, rate: null, lower: null, upper: null },
          { cohort: "B", offset: 1, value: 0, rate: null, lower: null, upper: null },
        ]);
      }
    }
  });

  it("keeps the running revenue null once an offset has no observed customer", () => {
    const gap = grid({
      measure: "revenue",
      labels: ["A"],
      sizes: [1],
      horizon: [2],
      values: Float64Array.of(100, 0, 100),
      observed: Float64Array.of(1, 0, 1),
      revenue: Float64Array.of(100, 0, 100),
      cumulativeRevenue: Float64Array.of(100, 100, 200),
    });
    const m = assembleCohortMatrix(gap, { interval: false, confidence: 0.95 });
    expect(str(m.averageCumulativeRevenuePerCustomer)).toEqual(["1", null, null]);
    expect(m.average).toEqual([1, null, 1]);
  });

  it("rates against a zero base as null, and averages only the rows seen at an offset", () => {
    const base = Float64Array.of(10000, 0, 0, 0, 0, 0);
    const m = assembleCohortMatrix(grid({ rateBase: base, horizon: [1, 0] }), { interval: false, confidence: 0.95 });
    expect(m.cohorts.map((c) => c.rates)).toEqual([[1, null, null], [null, null, null]]);
    expect(m.average).toEqual([15000 / 10000, null, null]);
  });

  it("takes the simple mean of the rates that are not null", () => {
    const m = assembleCohortMatrix(grid({ measure: "customers", values: Float64Array.of(2, 1, 1, 1, 0, 0), sizes: [2, 1] }), { interval: false, confidence: 0.95, mean: "simple" });
    expect(m.cohorts.map((c) => c.rates)).toEqual([[1, 0.5, 0.5], [1, 0, null]]);
    expect(m.average).toEqual([1, 0.25, 0.5]);
  });
});

describe("assembleCohortMatrix: customers, periods, intervals and the long table (mutation survivors)", () => {
  const months = [periodOf(Date.UTC(2024, 0, 5), { unit: "month" }), periodOf(Date.UTC(2024, 1, 5), { unit: "month" })];
  const customers = grid({ measure: "customers", periods: months, values: Float64Array.of(2, 1, 1, 1, 0, 0), sizes: [2, 1] });

  it("carries the rows' periods, averages counts by size and adds Wilson intervals at the level asked", () => {
    const m = assembleCohortMatrix(customers, { interval: true, confidence: 0.9 });
    expect(m.cohorts.map((c) => c.period)).toEqual(months);
    expect(m.average).toEqual([1, 1 / 3, 0.5]);
    const w = (x: number, n: number) => wilsonInterval({ successes: x, trials: n }, { confidence: 0.9 });
    expect(m.cohorts[0]!.intervals).toEqual([w(2, 2), w(1, 2), w(1, 2)]);
    expect(m.cohorts[1]!.intervals).toEqual([w(1, 1), w(0, 1), null]);
    expect(m.averageIntervals).toEqual([w(3, 3), w(1, 3), w(1, 2)]);
    expect(m.cohorts[0]!.intervals![1]).not.toEqual(wilsonInterval({ successes: 1, trials: 2 }));
    const rows = m.toRows();
    expect(rows[1]).toEqual({ cohort: "2024-01", offset: 1, value: 1, rate: 0.5, lower: w(1, 2).lower, upper: w(1, 2).upper });
    expect(rows[5]).toEqual({ cohort: "2024-02", offset: 2, value: null, rate: null, lower: null, upper: null });
  });

  it("gives the long table without interval fields when there are none", () => {
    const rows = assembleCohortMatrix(customers, { interval: false, confidence: 0.95 }).toRows();
    expect(rows).toEqual([
      { cohort: "2024-01", offset: 0, value: 2, rate: 1 },
      { cohort: "2024-01", offset: 1, value: 1, rate: 0.5 },
      { cohort: "2024-01", offset: 2, value: 1, rate: 0.5 },
      { cohort: "2024-02", offset: 0, value: 1, rate: 1 },
      { cohort: "2024-02", offset: 1, value: 0, rate: 0 },
      { cohort: "2024-02", offset: 2, value: null, rate: null },
    ]);
  });
});
