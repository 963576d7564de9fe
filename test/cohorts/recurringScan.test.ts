/**
 * The kernels of recurring cohorts (src/cohorts/recurringScan.ts): a worked
 * example by hand, and the same grid as the general per-customer walk of
 * optionScan.ts (itself checked against a naive recomputation in
 * optionScan.test.ts) for every measure and mode, units, zones and a later
 * `from`, with bits of many words; at a size that crosses the 64K-row chunks
 * of events and of customers; and the budget that sends large bitsets to the
 * walk.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { cohortMatrix, lastCompletePeriod } from "../../src/cohorts/cohortMatrix.ts";
import { cohortRows } from "../../src/cohorts/assign.ts";
import { scanRecurringCohorts } from "../../src/cohorts/recurringScan.ts";
import { walkCohortOptions } from "../../src/cohorts/optionScan.ts";
import { bucketEvents } from "../../src/events/bucketEvents.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";
import type { CohortGrid } from "../../src/cohorts/matrix.ts";
import { eventsArb } from "./naive.ts";
import { bigTable } from "./bigTable.ts";
import { timeLimit } from "../support/timeout.ts";

type Measure = "customers" | "orders" | "revenue";
type Mode = "classic" | "unbounded";

/**
 * A grid without its cumulative revenue past each row's horizon: the walk takes the members' revenue out
 * there, the kernel need not (every member of a row stops being observed at once), and no result reads it.
 */
function observedPart(grid: CohortGrid | null) {
  if (grid === null) return null;
  const cum = grid.cumulativeRevenue?.map((x, at) => (at % grid.columns <= grid.horizon[Math.floor(at / grid.columns)]! ? x : 0)) ?? null;
  return { ...grid, cumulativeRevenue: cum };
}

/** The kernel's grid and the walk's for one request (null when there is nothing to report). */
function both(table: EventTable, unit: "day" | "week" | "month", timeZone: string, mode: Mode, measure: Measure, columns: number, from?: number, budget?: number) {
  const b = bucketEvents(table, { period: { unit, timeZone }, ...(from === undefined ? {} : { from }) });
  if (b === null) return null;
  const rows = cohortRows(b, undefined);
  const lastComplete = lastCompletePeriod(b);
  const ends = Array.from({ length: columns }, (_, k) => k);
  return {
    fast: observedPart(scanRecurringCohorts(b, rows, { mode, measure, columns, lastComplete }, budget)),
    walk: observedPart(walkCohortOptions(b, rows, { mode, measure, ends, minEvents: 1, recurring: true, window: null, lastComplete })),
  };
}

describe("scanRecurringCohorts", () => {
  it("puts a customer in the cohort of every period they are active in, with orders and revenue, by hand", () => {
    // Months. a: Jan (2 orders), Feb, Apr; b: Feb, Mar. `to` 1 May.
    const e = (customerId: string, at: string, amount: number) => ({ customerId, at: `${at}T12:00:00Z`, amount });
    const events = [e("a", "2024-01-05", 1), e("a", "2024-01-06", 2), e("a", "2024-02-05", 4), e("b", "2024-02-06", 8), e("b", "2024-03-01", 16), e("a", "2024-04-03", 32)];
    const options = { to: "2024-05-01T00:00:00Z", entry: "recurring" } as const;
    const m = cohortMatrix(events, options);
    expect(m.cohorts.map((c) => [c.cohort, c.size, c.values])).toEqual([
      ["2024-01", 1, [1, 1, 0, 1]], ["2024-02", 2, [2, 1, 1, null]], ["2024-03", 1, [1, 0, null, null]], ["2024-04", 1, [1, null, null, null]],
    ]);
    // February's members a and b: orders and revenue of each in February, March and April.
    expect(cohortMatrix(events, { ...options, measure: "orders" }).cohorts[1]!.values).toEqual([2, 1, 1, null]);
    expect(cohortMatrix(events, { ...options, measure: "revenue" }).cohorts[1]!.values.map(String)).toEqual(["12", "16", "32", "null"]);
    expect(cohortMatrix(events, { ...options, measure: "revenue" }).cohorts[0]!.values.map(String)).toEqual(["3", "4", "0", "32"]);
    expect(m.cohorts[1]!.cumulativeRevenuePerCustomer.map(String)).toEqual(["6", "14", "30", "null"]);
    // Unbounded: February's a is active again in April (offset 2), b not after March.
    expect(cohortMatrix(events, { ...options, mode: "unbounded" }).cohorts[1]!.values).toEqual([2, 2, 1, null]);
  });

  const unitArb = fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">;
  const zoneArb = fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata");
  const measureArb = fc.constantFrom("customers", "orders", "revenue") as fc.Arbitrary<Measure>;
  const modeArb = fc.constantFrom("classic", "unbounded") as fc.Arbitrary<Mode>;
  test.prop([eventsArb, unitArb, zoneArb, modeArb, measureArb, fc.integer({ min: 1, max: 80 }), fc.option(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 6, 1) }))], { numRuns: 120 })(
    "gives the general walk's grid, for every measure, mode, unit and from",
    (events, unit, timeZone, mode, m, columns, from) => {
      const grids = both(eventTable(events), unit, timeZone, mode, mode === "unbounded" ? "customers" : m, columns, from ?? undefined);
      if (grids !== null) expect(grids.fast).toEqual(grids.walk);
    },
    60_000,
  );

  it("crosses the 64K-row chunks of events and customers and gives the general walk's grid", () => {
    const table = bigTable();
    for (const [unit, mode, measure] of [["day", "classic", "customers"], ["month", "unbounded", "customers"], ["week", "classic", "orders"], ["day", "classic", "revenue"]] as const) {
      const grids = both(table, unit, "America/New_York", mode, measure, unit === "day" ? 400 : 60)!;
      expect(grids.fast).toEqual(grids.walk);
      expect(grids.fast!.sizes[0]).toBeGreaterThan(0);
    }
    expect(table.customerCount).toBeGreaterThan(65_536);
  }, timeLimit(60_000));

  it("leaves bitsets past the budget to the general walk", () => {
    const table = eventTable([{ customerId: "a", at: "2024-01-01T00:00:00Z" }, { customerId: "b", at: "2024-03-01T00:00:00Z" }]);
    // 61 days: two words for each of two customers, 16 bytes.
    expect(both(table, "day", "UTC", "classic", "customers", 10, undefined, 15)!.fast).toBeNull();
    expect(both(table, "day", "UTC", "classic", "customers", 10, undefined, 16)!.fast).not.toBeNull();
    // 306 days (ten words): spans, one word for each customer, with two words of where each lies and the total: 28 bytes.
    const later = eventTable([{ customerId: "a", at: "2024-01-01T00:00:00Z" }, { customerId: "b", at: "2024-11-01T00:00:00Z" }]);
    expect(both(later, "day", "UTC", "classic", "customers", 10, undefined, 27)!.fast).toBeNull();
    expect(both(later, "day", "UTC", "classic", "customers", 10, undefined, 28)!.fast).not.toBeNull();
  });
});
