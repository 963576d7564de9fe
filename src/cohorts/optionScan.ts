/**
 * The scan of the cohort options that the default kernels do not know:
 * brackets, a minimum of events per active period, recurring cohorts and
 * rolling windows. Deliberately a simpler path than `periodCohortScan.ts`, so
 * that the default one stays as it is: the events are grouped by customer
 * (one counting sort of the codes), then each customer is walked on their own.
 *
 * A customer's events become "items": one per period with its event count and
 * amount (calendar periods), or one per event (rolling windows, whose offsets
 * depend on the start instant). A membership is the customer in one cohort
 * row, from a start item: the first one (first-time entry) or the first of each
 * period (recurring entry). From its start the walk reads the items in time
 * order, so offsets never decrease, and:
 * - offset d of an item: its period less the start period, or
 *   floor((time - start time) / window) with rolling windows;
 * - the membership is observed up to offset h: the last complete period less
 *   the start period, or the last window ended by `to`; column j is observed
 *   when its last offset `ends[j]` is at most h;
 * - an offset is active when it holds at least `minEvents` events, offset 0
 *   always (the cohort's size); a column is active when any of its offsets is;
 *   unbounded, when any offset from the column's on is, up to `to`.
 *
 * Observed counts, unbounded values and cumulative revenue come from
 * per-row histograms as in `scan.ts`.
 *
 * @internal
 * @module
 */
import { tableColumns } from "../events/table.ts";
import type { BucketedEvents } from "../events/bucketEvents.ts";
import type { CohortGrid, CohortMeasure, CohortMode } from "./matrix.ts";
import type { CohortRows } from "./assign.ts";
import { cumulate, suffixSums } from "./gridSums.ts";

/** What to scan for. */
export interface OptionScanRequest {
  readonly mode: CohortMode;
  readonly measure: Exclude<CohortMeasure, "mrr">;
  /** Per column, its last offset (0, 1, 2... without brackets; 0 then the brackets' upper ends). */
  readonly ends: readonly number[];
  /** Events a period (or window) needs to count as active, beyond offset 0. */
  readonly minEvents: number;
  /** A membership per period with activity (else one per customer, from the first). */
  readonly recurring: boolean;
  /** The rolling window in ms, or null for calendar periods. */
  readonly window: number | null;
  /** Index of the last period that ended by the data's end. */
  readonly lastComplete: number;
}

/** The last column observed at offset horizon h: the largest j with ends[j] <= h (-1: none). */
export function columnHorizon(ends: readonly number[], h: number): number {
  let lo = 0;
  let hi = ends.length; // answer in [lo - 1, hi - 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= h) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Scans the events customer by customer and returns the grid of raw sums. */
export function scanCohortOptions(b: BucketedEvents, rows: CohortRows, request: OptionScanRequest): CohortGrid {
  const { mode, measure, ends, minEvents, recurring, window, lastComplete } = request;
  const cols = tableColumns(b.table);
  const { customer, time, amount } = cols;
  const bucket = b.bucket;
  const customers = cols.ids.length;
  const base = b.firstReported;
  const columns = ends.length;
  const rowCount = rows.labels.length;
  const cells = rowCount * columns;
  const rowOf = rows.rowOf;
  const unbounded = mode === "unbounded";
  const countCustomers = measure === "customers" && !unbounded;
  const countOrders = measure === "orders";

  // Events grouped by customer, in time order within each (a counting sort of the codes).
  const start = new Int32Array(customers + 1);
  for (let i = b.firstEvent; i < b.eventCount; i++) start[customer[i]! + 1]!++;
  let most = 0;
  for (let c = 0; c < customers; c++) {
    most = Math.max(most, start[c + 1]!);
    start[c + 1]! += start[c]!;
  }
  const order = new Int32Array(start[customers]!);
  const cursor = start.slice(0, customers);
  for (let i = b.firstEvent; i < b.eventCount; i++) order[cursor[customer[i]!]!++] = i;

  const itemPeriod = new Int32Array(most);
  const itemTime = new Float64Array(most);
  const itemCount = new Int32Array(most);
  const itemAmount = new Float64Array(most);

  const values = new Float64Array(cells);
  const revenue = amount === null ? null : new Float64Array(cells);
  const leaving = revenue === null ? null : new Float64Array(cells);
  const sizes = new Float64Array(rowCount);
  const horizon = new Int32Array(rowCount);
  // Cohorts of one calendar period are observed as a whole, empty or not; others as far as their furthest member.
  const shared = rowOf === null && window === null;
  for (let r = 0; r < rowCount; r++) horizon[r] = shared ? columnHorizon(ends, lastComplete - base - r) : -1;
  const observedUntil = new Float64Array(rowCount * (columns + 1));
  const activeUntil = unbounded ? new Float64Array(rowCount * (columns + 1)) : null;

  for (let c = 0; c < customers; c++) {
    const lo = start[c]!;
    const hi = start[c + 1]!;
    if (lo === hi) continue;
    // The customer's items.
    let items = 0;
    for (let e = lo; e < hi; e++) {
      const i = order[e]!;
      const p = bucket[i]!;
      if (window === null && items > 0 && itemPeriod[items - 1] === p) {
        itemCount[items - 1]!++;
        if (amount !== null) itemAmount[items - 1]! += amount[i]!;
        continue;
      }
      itemPeriod[items] = p;
      itemTime[items] = time[i]!;
      itemCount[items] = 1;
      itemAmount[items] = amount === null ? 0 : amount[i]!;
      items++;
    }
    for (let s = 0; s < items; s++) {
      const p0 = itemPeriod[s]!;
      if (s > 0 && (!recurring || itemPeriod[s - 1] === p0)) {
        if (!recurring) break;
        continue;
      }
      if (p0 < base) continue;
      const r = rowOf === null ? p0 - base : rowOf[c]!;
      if (r < 0) continue;
      sizes[r]!++;
      const t0 = itemTime[s]!;
      const h = window === null ? lastComplete - p0 : Math.floor((b.to - t0) / window) - 1;
      const top = Math.min(columnHorizon(ends, h), columns - 1);
      if (top > horizon[r]!) horizon[r] = top;
      if (top < 0) continue;
      observedUntil[r * (columns + 1) + top]!++;
      // Unbounded looks at every event before `to`, as the default scan does (active later, even in a
      // period or window not ended yet, counts in every observed column); the rest stops at the last.
      const limit = unbounded ? Infinity : ends[top]!;
      const cellRow = r * columns;
      let j = 0; // the column of offset d
      let d = -1; // the offset of the run being counted
      let run = 0; // events in it
      let counted = -1; // the last column counted active
      let own = 0;
      for (let t = s; t <= items; t++) {
        const next = t === items ? Infinity : window === null ? itemPeriod[t]! - p0 : Math.floor((itemTime[t]! - t0) / window);
        if (next !== d) {
          if (d >= 0 && (d === 0 || run >= minEvents)) {
            // Unbounded activity past the member's last observed column counts in every column they are observed in.
            const col = d > ends[top]! ? top : j;
            if (countCustomers && col !== counted) values[cellRow + col]!++;
            counted = col;
          }
          if (next > limit || next === Infinity) break;
          d = next;
          run = 0;
          while (j < columns && ends[j]! < d) j++;
        }
        run += itemCount[t]!;
        if (d > ends[top]!) continue;
        if (countOrders) values[cellRow + j]! += itemCount[t]!;
        if (revenue !== null) {
          revenue[cellRow + j]! += itemAmount[t]!;
          own += itemAmount[t]!;
        }
      }
      if (activeUntil !== null) activeUntil[r * (columns + 1) + counted]!++;
      if (leaving !== null && top + 1 < columns) leaving[cellRow + top + 1]! += own;
    }
  }

  const observed = new Float64Array(cells);
  for (let r = 0; r < rowCount; r++) {
    suffixSums(observedUntil, r * (columns + 1), columns, observed, r * columns);
    if (activeUntil !== null) suffixSums(activeUntil, r * (columns + 1), columns, values, r * columns);
  }
  if (measure === "revenue" && revenue !== null) values.set(revenue);
  return {
    mode,
    measure,
    spec: b.spec,
    cohortBy: rowOf === null ? "period" : "key",
    labels: rows.labels,
    periods: rows.periods,
    sizes,
    horizon,
    columns,
    values,
    observed,
    revenue,
    cumulativeRevenue: revenue === null ? null : cumulate(revenue, leaving, rowCount, columns),
    currencyScale: cols.currencyScale,
  };
}
