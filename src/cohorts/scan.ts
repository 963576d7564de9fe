/**
 * The scan that fills a {@link CohortGrid} for the customers, orders and
 * revenue measures. Cohorts by period (the default) go to the kernels of
 * `periodCohortScan.ts`; cohorts by key, whose members' horizons and revenue
 * differ customer by customer, take the general pass below: one pass over
 * time-sorted, bucketed events. Per customer it keeps two
 * typed "seen" slots, the period of the first event and the last active
 * period; a cell is (row, period - first period). No Set, no Date per event.
 *
 * Censoring is done by not counting: events in a period that has not ended by
 * the data's end (only the last period can be such) add to no cell, and each
 * customer is observed up to offset lastComplete - first. So a cell of a
 * cohort of one period is complete or censored as a whole, and a cohort by
 * key counts only the members observed that far.
 *
 * @internal
 * @module
 */
import { tableColumns } from "../events/table.ts";
import type { BucketedEvents } from "../events/bucketEvents.ts";
import type { CohortGrid, CohortMeasure, CohortMode } from "./matrix.ts";
import type { CohortRows } from "./assign.ts";
import { optionGrid } from "./gridSums.ts";
import { scanPeriodCohorts } from "./periodCohortScan.ts";

/** What to scan for. */
export interface ScanRequest {
  readonly mode: CohortMode;
  readonly measure: Exclude<CohortMeasure, "mrr">;
  /** Offsets 0..columns-1 are kept. */
  readonly columns: number;
  /** Index of the last period that ended by the data's end (may be below the first reported). */
  readonly lastComplete: number;
}

/** Scans the events once and returns the grid of raw sums. */
export function scanCohorts(b: BucketedEvents, rows: CohortRows, request: ScanRequest): CohortGrid {
  const { mode, measure, columns, lastComplete } = request;
  const cols = tableColumns(b.table);
  if (rows.rowOf === null && b.firstEvent === 0) {
    const cells = scanPeriodCohorts(b, {
      unbounded: mode === "unbounded",
      orders: measure === "orders",
      customers: measure === "customers" && mode === "classic",
      columns,
      lastComplete,
    });
    return { mode, measure, spec: b.spec, cohortBy: "period", labels: rows.labels, periods: rows.periods, columns, currencyScale: cols.currencyScale, ...cells };
  }
  const customer = cols.customer;
  const bucket = b.bucket;
  const amount = cols.amount;
  const customers = cols.ids.length;
  const base = b.firstReported;
  const keyed = rows.rowOf !== null;
  const rowOf = rows.rowOf ?? new Int32Array(0);
  const rowCount = rows.labels.length;
  const cells = rowCount * columns;

  // Per customer code c: seen[2c] = first period, seen[2c + 1] = last active period (-1: none yet),
  // side by side so that an event touches one cache line of them.
  const seen = new Int32Array(2 * customers).fill(-1);
  const values = new Float64Array(cells);
  const revenue = amount === null ? null : new Float64Array(cells);
  // With cohorts by key, each customer's revenue in complete periods, to take out of the
  // cumulative sums past the offsets the customer is observed at.
  const ownRevenue = keyed && amount !== null ? new Float64Array(customers) : null;
  const countCustomers = measure === "customers" && mode === "classic";
  const countOrders = measure === "orders";

  for (let i = b.firstEvent; i < b.eventCount; i++) {
    const k = bucket[i]!;
    const c = 2 * customer[i]!;
    let f = seen[c]!;
    if (f < 0) seen[c] = f = k;
    const prev = seen[c + 1]!;
    seen[c + 1] = k;
    if (f < base || k > lastComplete) continue;
    const offset = k - f;
    if (offset >= columns) continue;
    const at = (keyed ? rowOf[c >> 1]! : f - base) * columns + offset;
    if (revenue !== null) {
      const a = amount![i]!;
      revenue[at]! += a;
      if (ownRevenue !== null) ownRevenue[c >> 1]! += a;
    }
    if (countCustomers) {
      if (prev !== k) values[at]!++;
    } else if (countOrders) {
      values[at]!++;
    }
  }

  // Sizes, observation horizons, and (unbounded) each customer's last observed offset, as histograms.
  const sizes = new Float64Array(rowCount);
  // A cohort of one period is observed as a whole, empty or not; a cohort by key as far as its earliest member.
  const horizon = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) horizon[r] = keyed ? -1 : Math.max(lastComplete - base - r, -1);
  const observedUntil = new Float64Array(rowCount * (columns + 1));
  const activeUntil = mode === "unbounded" ? new Float64Array(rowCount * (columns + 1)) : null;
  const leaving = revenue !== null && ownRevenue !== null ? new Float64Array(cells) : null;
  for (let c = 0; c < customers; c++) {
    const f = seen[2 * c]!;
    if (f < base) continue; // before `from`, or no event before `to`
    const r = keyed ? rowOf[c]! : f - base;
    sizes[r]!++;
    const h = lastComplete - f;
    if (h < 0) continue;
    if (h > horizon[r]!) horizon[r] = h;
    observedUntil[r * (columns + 1) + Math.min(h, columns)]!++;
    if (activeUntil !== null) activeUntil[r * (columns + 1) + Math.min(Math.min(seen[2 * c + 1]!, lastComplete) - f, columns)]!++;
    if (leaving !== null && h + 1 < columns) leaving[r * columns + h + 1]! += ownRevenue![c]!;
  }

  return optionGrid(b, rows, mode, measure, columns, { values, observedUntil, activeUntil, revenue, leaving, sizes, horizon });
}
