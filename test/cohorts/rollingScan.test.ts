/**
 * The kernels of rolling windows (src/cohorts/rollingScan.ts): a worked
 * example by hand, and the same grid as the general per-customer walk of
 * optionScan.ts (itself checked against a naive recomputation in
 * optionScan.test.ts) for every measure, mode, brackets, cohorts by key and a
 * later `from`; and at a size that crosses the 64K-row chunks of events and of
 * customers.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { cohortMatrix, lastCompletePeriod } from "../../src/cohorts/cohortMatrix.ts";
import { cohortRows } from "../../src/cohorts/assign.ts";
import { scanRollingCohorts } from "../../src/cohorts/rollingScan.ts";
import { walkCohortOptions } from "../../src/cohorts/optionScan.ts";
import { bucketEvents } from "../../src/events/bucketEvents.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";
import { eventsArb } from "./naive.ts";
import { bigTable } from "./bigTable.ts";
import { timeLimit } from "../support/timeout.ts";

const DAY = 86_400_000;
type Measure = "customers" | "orders" | "revenue";
type Mode = "classic" | "unbounded" | "bracket";

/** The kernel's grid and the walk's for one request (null when there is nothing to report). */
function both(table: EventTable, unit: "day" | "week" | "month", timeZone: string, mode: Mode, measure: Measure, ends: number[], keyed: boolean, from?: number) {
  const b = bucketEvents(table, { period: { unit, timeZone }, ...(from === undefined ? {} : { from }) });
  if (b === null) return null;
  const rows = cohortRows(b, keyed ? (id) => (String(id) < "c" ? "early" : "late") : undefined);
  const window = { day: DAY, week: 7 * DAY, month: 30 * DAY }[unit];
  const request = { mode, measure, ends, minEvents: 1, recurring: false, window, lastComplete: lastCompletePeriod(b) };
  return { fast: scanRollingCohorts(b, rows, request), walk: walkCohortOptions(b, rows, request) };
}

describe("scanRollingCohorts", () => {
  it("counts each member's windows from their first event, with orders and revenue, by hand", () => {
    // a: 1 Jan 18:00, 2 Jan 10:00 (window 0), 3 Jan 20:00 (window 2); b: 1 Jan 06:00, 2 Jan 07:00 (window 1), 9 Jan (window 8).
    const events = [
      { customerId: "b", at: "2024-01-01T06:00:00Z", amount: 10 }, { customerId: "a", at: "2024-01-01T18:00:00Z", amount: 1 },
      { customerId: "b", at: "2024-01-02T07:00:00Z", amount: 20 }, { customerId: "a", at: "2024-01-02T10:00:00Z", amount: 2 },
      { customerId: "a", at: "2024-01-03T20:00:00Z", amount: 4 }, { customerId: "b", at: "2024-01-09T07:00:00Z", amount: 40 },
    ];
    const to = "2024-01-04T12:00:00Z"; // b's window 2 has ended, a's has not; b's 9 Jan event is after `to`
    const options = { period: "day", to, window: "rolling" } as const;
    expect(cohortMatrix(events, options).cohorts[0]!.values).toEqual([2, 1, 0]);
    expect(cohortMatrix(events, { ...options, measure: "orders" }).cohorts[0]!.values).toEqual([3, 1, 0]);
    expect(cohortMatrix(events, { ...options, measure: "revenue" }).cohorts[0]!.values.map(String)).toEqual(["13", "20", "0"]);
    // Cumulative revenue per observed member: 13/2, then (13 + 20)/2, then b alone (observed in window 2): 30/1.
    expect(cohortMatrix(events, options).cohorts[0]!.cumulativeRevenuePerCustomer.map(String)).toEqual(["6.5", "16.5", "30"]);
    // Unbounded: a is active in window 2 (not ended: counted in a's last observed window, 1); b not after window 1.
    expect(cohortMatrix(events, { ...options, mode: "unbounded" }).cohorts[0]!.values).toEqual([2, 2, 0]);
  });

  const unitArb = fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">;
  const zoneArb = fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata");
  const measureArb = fc.constantFrom("customers", "orders", "revenue") as fc.Arbitrary<Measure>;
  const modeArb = fc.constantFrom("classic", "unbounded", "bracket") as fc.Arbitrary<Mode>;
  test.prop([eventsArb, unitArb, zoneArb, modeArb, measureArb, fc.integer({ min: 1, max: 14 }), fc.boolean(), fc.option(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 6, 1) }))], { numRuns: 120 })(
    "gives the general walk's grid, for every measure, mode, brackets, cohorts by key and from",
    (events, unit, timeZone, mode, m, width, keyed, from) => {
      const measure = mode === "unbounded" ? "customers" : m;
      const ends = mode === "bracket" ? [0, 1, 3, 3 + width] : Array.from({ length: width }, (_, k) => k);
      const grids = both(eventTable(events), unit, timeZone, mode, measure, ends, keyed, from ?? undefined);
      if (grids !== null) expect(grids.fast).toEqual(grids.walk);
    },
    60_000,
  );

  it("crosses the 64K-row chunks of events and customers and gives the general walk's grid", () => {
    const table = bigTable();
    for (const [mode, measure] of [["classic", "customers"], ["unbounded", "customers"], ["classic", "orders"], ["bracket", "revenue"]] as const) {
      const ends = mode === "bracket" ? [0, 2, 7, 20] : Array.from({ length: 40 }, (_, k) => k);
      const grids = both(table, "week", "America/New_York", mode, measure, ends, false)!;
      expect(grids.fast).toEqual(grids.walk);
      expect(Array.from(grids.fast!.sizes).reduce((s: number, x: number) => s + x, 0)).toBeGreaterThan(65_536);
    }
  }, timeLimit(60_000));

  it("leaves more columns than its records hold to the general walk", () => {
    const table = eventTable([{ customerId: "a", at: "2024-01-01T00:00:00Z" }, { customerId: "a", at: "2024-01-03T00:00:00Z" }]);
    const ends = (n: number) => Array.from({ length: n }, (_, k) => k);
    expect(both(table, "day", "UTC", "classic", "customers", ends(0xfffe), false)!.fast).not.toBeNull();
    expect(both(table, "day", "UTC", "classic", "customers", ends(0xffff), false)!.fast).toBeNull();
  });
});
