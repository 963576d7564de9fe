/**
 * The kernels of cohorts by period (src/cohorts/periodCohortScan.ts): the
 * scan equals a naive count cell by cell, by day, week and month in several
 * zones, for every measure and mode; the result does not depend on the order or the density of the ids; and a run
 * large enough to cross the 64K-row chunks, of events and of customers, equals
 * an independent count.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../../src/cohorts/matrix.ts";
import { scanPeriodCohorts, type PeriodCohortRequest } from "../../src/cohorts/periodCohortScan.ts";
import { lastCompletePeriod } from "../../src/cohorts/cohortMatrix.ts";
import { bucketEvents } from "../../src/events/bucketEvents.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import { mulberry32 } from "../../scripts/prng.ts";
import { eventsArb, naiveActivity, naiveCell } from "./naive.ts";
import { timeLimit } from "../support/timeout.ts";
import { bigEvents } from "./bigTable.ts";

const str = (xs: ReadonlyArray<unknown>) => xs.map((x) => (x === null ? null : String(x)));
const plain = (m: CohortMatrix) => m.cohorts.map((c) => ({ c: c.cohort, size: c.size, values: str(c.values), observed: c.observed, cum: str(c.cumulativeRevenuePerCustomer) }));
const requests: PeriodCohortRequest[] = [
  { unbounded: false, orders: false, customers: true, columns: 0, lastComplete: 0 },
  { unbounded: true, orders: false, customers: false, columns: 0, lastComplete: 0 },
  { unbounded: false, orders: true, customers: false, columns: 0, lastComplete: 0 },
  { unbounded: false, orders: false, customers: false, columns: 0, lastComplete: 0 },
];

describe("scanPeriodCohorts", () => {
  const unitArb = fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">;
  const zoneArb = fc.constantFrom("UTC", "America/New_York", "Europe/London");
  test.prop([eventsArb, unitArb, zoneArb, fc.integer({ min: 1, max: 60 })], { numRuns: 40 })(
    "equals a naive count, cell by cell, for every request",
    (events, unit, timeZone, columns) => {
      const to = Date.UTC(2025, 1, 1);
      const table = eventTable(events);
      const b = bucketEvents(table, { period: { unit, timeZone }, to });
      if (b === null) return;
      const lastComplete = lastCompletePeriod(b);
      const naive = naiveActivity(events, { unit, timeZone }, to);
      expect(b.bucketer.periods.length).toBe(naive.periods.length);
      for (const r of requests) {
        const got = scanPeriodCohorts(b, { ...r, columns, lastComplete });
        const rows = naive.periods.length;
        for (let c = 0; c < rows; c++) {
          expect(got.sizes[c]).toBe([...naive.customers.values()].filter((x) => x.first === c).length);
          for (let k = 0; k < columns; k++) {
            const cell = naiveCell(naive, c, k);
            const at = c * columns + k;
            // Censored cells (past the last complete period) hold nothing and are not observed.
            const done = c + k <= naive.lastComplete;
            const want = !done ? 0 : r.unbounded ? cell.unbounded : r.orders ? cell.orders : r.customers ? cell.customers : cell.cents; // amounts in minor units
            expect(got.values[at]).toBe(want);
            expect(got.observed[at]).toBe(done ? got.sizes[c] : 0);
            if (got.revenue !== null) expect(got.revenue[at]).toBe(done ? cell.cents : 0);
          }
        }
      }
    },
    60_000,
  );

  const measureArb = fc.constantFrom("customers", "orders", "revenue") as fc.Arbitrary<"customers" | "orders" | "revenue">;
  const modeArb = fc.constantFrom("classic", "unbounded") as fc.Arbitrary<"classic" | "unbounded">;
  test.prop([eventsArb, fc.integer(), measureArb, modeArb, fc.constantFrom("month", "week")], { numRuns: 40 })(
    "does not depend on the order of the ids or on their being dense",
    (events, seed, measure, mode, period) => {
      if (mode === "unbounded" && measure !== "customers") return;
      // The same customers under other ids: sparse integers in a random order, and strings.
      const random = mulberry32(seed);
      const names = [...new Set(events.map((e) => e.customerId))];
      const sparse = new Map(names.map((n, i) => [n, Math.floor(random() * 1e6) * 64 + i]));
      const dense = new Map(names.map((n, i) => [n, i]));
      const options = { to: Date.UTC(2025, 1, 1), measure, mode, period: period as "month" };
      const base = plain(cohortMatrix(events, options));
      const withIds = (ids: Map<string, number>) => ({
        customerId: Int32Array.from(events, (e) => ids.get(e.customerId)!),
        at: Float64Array.from(events, (e) => e.at),
        amount: Float64Array.from(events, (e) => e.amount),
      });
      expect(plain(cohortMatrix(withIds(sparse), options))).toEqual(base);
      expect(plain(cohortMatrix(withIds(dense), options))).toEqual(base);
      const reversed = [...events].reverse().map((e) => ({ ...e, customerId: `id-${sparse.get(e.customerId)}` }));
      expect(plain(cohortMatrix(reversed, options))).toEqual(base);
    },
    60_000,
  );

  it("crosses the 64K-row chunks of events and customers and equals an independent count", () => {
    // 200,000 events of 90,000 customers over 2024, months in UTC counted with getUTCMonth.
    const { customerId, at, amount } = bigEvents();
    const n = customerId.length;
    const to = Date.UTC(2024, 11, 1);
    const month = (t: number) => new Date(t).getUTCMonth();
    const first = new Map<number, number>();
    const times = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (at[i]! >= to) continue;
      const c = customerId[i]!;
      first.set(c, Math.min(first.get(c) ?? 99, month(at[i]!)));
      (times.get(c) ?? times.set(c, []).get(c)!).push(i);
    }
    const classic = Array.from({ length: 11 }, () => new Array<number>(11).fill(0));
    const unbounded = Array.from({ length: 11 }, () => new Array<number>(11).fill(0));
    const orders = Array.from({ length: 11 }, () => new Array<number>(11).fill(0));
    const cents = Array.from({ length: 11 }, () => new Array<number>(11).fill(0));
    for (const [c, rows] of times) {
      const f = first.get(c)!;
      const active = new Set(rows.map((i) => month(at[i]!)));
      for (const m of active) classic[f]![m - f]!++;
      const lastActive = Math.max(...active);
      for (let k = 0; k <= lastActive - f; k++) unbounded[f]![k]!++;
      for (const i of rows) {
        orders[f]![month(at[i]!) - f]!++;
        cents[f]![month(at[i]!) - f]! += Math.round(amount[i]! * 100);
      }
    }
    expect(first.size).toBeGreaterThan(65_536);
    const table = eventTable({ customerId, at, amount });
    const cells = (m: CohortMatrix) => m.cohorts.map((c) => c.values.map((v) => (v === null ? null : typeof v === "number" ? v : v.times(100).toNumber())));
    const want = (grid: number[][]) => grid.map((row, f) => row.map((v, k) => (f + k > 10 ? null : v)));
    expect(cells(cohortMatrix(table, { to }))).toEqual(want(classic));
    expect(cells(cohortMatrix(table, { to, mode: "unbounded" }))).toEqual(want(unbounded));
    expect(cells(cohortMatrix(table, { to, measure: "orders" }))).toEqual(want(orders));
    expect(cells(cohortMatrix(table, { to, measure: "revenue" }))).toEqual(want(cents));
    expect(cohortMatrix(table, { to }).cohorts.map((c) => c.size)).toEqual(Array.from({ length: 11 }, (_, f) => [...first.values()].filter((x) => x === f).length));
  }, timeLimit(60_000));
});
