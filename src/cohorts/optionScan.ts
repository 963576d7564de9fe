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
 * per-row histograms as in `scan.ts` (`optionGrid`).
 *
 * With `startEvent` / `returnEvent` (`request.events`), only start events
 * begin memberships (a start item is one holding a start event; the rolling
 * start is the start event's instant) and only return events count: an item's
 * count and amount are its return events'. Offset 0 stays the cohort's size.
 * Events that are neither are left out as they are grouped.
 *
 * @internal
 * @module
 */
import { tableColumns } from "../events/table.ts";
import type { BucketedEvents } from "../events/bucketEvents.ts";
import type { CohortGrid, CohortMeasure, CohortMode } from "./matrix.ts";
import type { CohortRows } from "./assign.ts";
import { optionGrid } from "./gridSums.ts";
import { CHUNK_ROWS } from "../events/periodRanges.ts";
import { columnHorizon } from "./columnHorizon.ts";
import { scanRollingCohorts } from "./rollingScan.ts";
import { scanRecurringCohorts } from "./recurringScan.ts";
import type { EventSelection } from "../events/eventSelection.ts";

export { columnHorizon };

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
  /** The start and return events (`startEvent`, `returnEvent`), or absent/null: every event is both. */
  readonly events?: EventSelection | null;
}

/** What the customer kernel reads and fills. */
interface Walk {
  readonly request: OptionScanRequest;
  readonly to: number;
  readonly base: number;
  readonly columns: number;
  readonly rowOf: Int32Array | null;
  readonly unbounded: boolean;
  readonly countCustomers: boolean;
  readonly countOrders: boolean;
  /** Per customer code c, its events' periods, times and amounts at start[c]..start[c + 1] - 1, in time order. */
  readonly start: Int32Array;
  readonly period: Int32Array;
  readonly time: Float64Array;
  readonly amount: Float64Array | null;
  /** Per grouped event, 1 (start) | 2 (return), or null: every event is both. */
  readonly kind: Uint8Array | null;
  /** Scratch, with `kind`: whether each item holds a start event. */
  readonly itemStart: Uint8Array;
  /** Scratch: the items of one customer. */
  readonly itemPeriod: Int32Array;
  readonly itemTime: Float64Array;
  readonly itemCount: Int32Array;
  readonly itemAmount: Float64Array;
  readonly values: Float64Array;
  readonly revenue: Float64Array | null;
  readonly leaving: Float64Array | null;
  readonly sizes: Float64Array;
  readonly horizon: Int32Array;
  readonly observedUntil: Float64Array;
  readonly activeUntil: Float64Array | null;
}

/**
 * The grid of raw sums of the cohort options: rolling windows and recurring cohorts (with one event making
 * a period active) take the kernels of `rollingScan.ts` and `recurringScan.ts`; the rest, the walk below.
 */
export function scanCohortOptions(b: BucketedEvents, rows: CohortRows, request: OptionScanRequest): CohortGrid {
  const fast = fastOptionScan(b, rows, request);
  return fast ?? walkCohortOptions(b, rows, request);
}

/** The kernels' grid for the requests they cover, else null. */
function fastOptionScan(b: BucketedEvents, rows: CohortRows, request: OptionScanRequest): CohortGrid | null {
  const { mode, measure, ends, minEvents, recurring, window, lastComplete } = request;
  // Both rely on codes being numbered in order of first event, as the scan sees them (no history left out).
  // Start and return events are the walk's alone (the kernels count every event).
  if (minEvents !== 1 || b.firstEvent !== 0 || (request.events ?? null) !== null) return null;
  if (window !== null && !recurring) return scanRollingCohorts(b, rows, { mode, measure, ends, window });
  const single = ends[ends.length - 1] === ends.length - 1; // no brackets
  if (window === null && recurring && single && mode !== "bracket" && rows.rowOf === null) {
    return scanRecurringCohorts(b, rows, { mode, measure, columns: ends.length, lastComplete });
  }
  return null;
}

/** Scans the events customer by customer and returns the grid of raw sums: every request, and the tests' reference for the kernels. */
export function walkCohortOptions(b: BucketedEvents, rows: CohortRows, request: OptionScanRequest): CohortGrid {
  const { mode, measure, ends, window, lastComplete } = request;
  const cols = tableColumns(b.table);
  const customers = cols.ids.length;
  const base = b.firstReported;
  const columns = ends.length;
  const rowCount = rows.labels.length;
  const cells = rowCount * columns;
  const rowOf = rows.rowOf;
  const unbounded = mode === "unbounded";

  // Events grouped by customer, in time order within each (a counting sort of the codes).
  const start = new Int32Array(customers + 1);
  for (let lo = b.firstEvent; lo < b.eventCount; lo += CHUNK_ROWS) countCodes(cols.customer, lo, Math.min(lo + CHUNK_ROWS, b.eventCount), start);
  let most = 0;
  for (let c = 0; c < customers; c++) {
    most = Math.max(most, start[c + 1]!);
    start[c + 1]! += start[c]!;
  }
  const events = start[customers]!;
  const period = new Int32Array(events);
  const time = new Float64Array(window === null ? 0 : events);
  const amount = cols.amount === null ? null : new Float64Array(events);
  const cursor = start.slice(0, customers);
  for (let lo = b.firstEvent; lo < b.eventCount; lo += CHUNK_ROWS) {
    scatter(cols.customer, b.bucket, cols.time, cols.amount, lo, Math.min(lo + CHUNK_ROWS, b.eventCount), cursor, period, window === null ? null : time, amount);
  }
  const selection = request.events ?? null;
  const kind = selection === null ? null : eventKinds(cols.customer, selection, b.firstEvent, b.eventCount, start);

  const horizon = new Int32Array(rowCount);
  // Cohorts of one calendar period are observed as a whole, empty or not; others as far as their furthest member.
  const shared = rowOf === null && window === null;
  for (let r = 0; r < rowCount; r++) horizon[r] = shared ? columnHorizon(ends, lastComplete - base - r) : -1;
  const revenue = amount === null ? null : new Float64Array(cells);
  const walk: Walk = {
    request, to: b.to, base, columns, rowOf, unbounded,
    countCustomers: measure === "customers" && !unbounded,
    countOrders: measure === "orders",
    start, period, time, amount, kind, itemStart: new Uint8Array(kind === null ? 0 : most),
    itemPeriod: new Int32Array(most), itemTime: new Float64Array(most), itemCount: new Int32Array(most), itemAmount: new Float64Array(most),
    values: new Float64Array(cells), revenue, leaving: revenue === null ? null : new Float64Array(cells),
    sizes: new Float64Array(rowCount), horizon,
    observedUntil: new Float64Array(rowCount * (columns + 1)),
    activeUntil: unbounded ? new Float64Array(rowCount * (columns + 1)) : null,
  };
  // Chunks of customers of about CHUNK_ROWS events each, so that each kernel call is short.
  for (let c0 = 0; c0 < customers;) {
    let c1 = c0 + 1;
    while (c1 < customers && start[c1]! - start[c0]! < CHUNK_ROWS) c1++;
    walkCustomers(walk, c0, c1);
    c0 = c1;
  }

  const { values, sizes, observedUntil, activeUntil, leaving } = walk;
  return optionGrid(b, rows, mode, measure, columns, { values, observedUntil, activeUntil, revenue, leaving, sizes, horizon });
}

/** Events per customer code, into slot code + 1. */
function countCodes(customer: Int32Array, lo: number, hi: number, start: Int32Array): void {
  for (let i = lo; i < hi; i++) start[customer[i]! + 1]!++;
}

/** Each event's period, time (rolling windows) and amount, into its customer's next slot. */
function scatter(
  customer: Int32Array, bucket: Int32Array, time: Float64Array, amount: Float64Array | null, lo: number, hi: number, cursor: Int32Array,
  outPeriod: Int32Array, outTime: Float64Array | null, outAmount: Float64Array | null,
): void {
  for (let i = lo; i < hi; i++) {
    const at = cursor[customer[i]!]!++;
    outPeriod[at] = bucket[i]!;
    if (outTime !== null) outTime[at] = time[i]!;
    if (outAmount !== null) outAmount[at] = amount![i]!;
  }
}

/**
 * Per event grouped by customer (in the order `scatter` wrote them), 1 when it is a start event plus
 * 2 when it is a return event.
 */
function eventKinds(customer: Int32Array, s: EventSelection, lo: number, hi: number, start: Int32Array): Uint8Array {
  const kind = new Uint8Array(start[start.length - 1]!);
  const cursor = start.slice(0, start.length - 1);
  const { codes, start: isStart, ret } = s;
  for (let i = lo; i < hi; i++) {
    const name = codes[i]!;
    kind[cursor[customer[i]!]!++] = isStart[name]! | (ret[name]! << 1);
  }
  return kind;
}

/** The customer kernel: the items and memberships of codes c0..c1-1, into the walk's sums. */
function walkCustomers(w: Walk, c0: number, c1: number): void {
  const { ends, minEvents, recurring, window, lastComplete } = w.request;
  const { to, base, columns, rowOf, countCustomers, countOrders, start, period, time, amount, kind, itemStart } = w;
  const { itemPeriod, itemTime, itemCount, itemAmount, values, revenue, leaving, sizes, horizon, observedUntil, activeUntil } = w;
  for (let c = c0; c < c1; c++) {
    const lo = start[c]!;
    const hi = start[c + 1]!;
    if (lo === hi) continue;
    // The customer's items: one per period (calendar) or per event (rolling).
    let items = 0;
    for (let e = lo; e < hi && kind !== null; e++) {
      // Start and return events: an item holds the return events' count and amount, and whether a start event is in it.
      const k = kind[e]!;
      if (k === 0) continue;
      const p = period[e]!;
      const counted = k >> 1;
      const units = amount === null || counted === 0 ? 0 : amount[e]!;
      if (window === null && items > 0 && itemPeriod[items - 1] === p) {
        itemCount[items - 1]! += counted;
        itemAmount[items - 1]! += units;
        itemStart[items - 1]! |= k & 1;
        continue;
      }
      itemPeriod[items] = p;
      itemTime[items] = window === null ? 0 : time[e]!;
      itemCount[items] = counted;
      itemAmount[items] = units;
      itemStart[items] = k & 1;
      items++;
    }
    for (let e = lo; e < hi && kind === null; e++) {
      const p = period[e]!;
      if (window === null && items > 0 && itemPeriod[items - 1] === p) {
        itemCount[items - 1]!++;
        if (amount !== null) itemAmount[items - 1]! += amount[e]!;
        continue;
      }
      itemPeriod[items] = p;
      itemTime[items] = window === null ? 0 : time[e]!;
      itemCount[items] = 1;
      itemAmount[items] = amount === null ? 0 : amount[e]!;
      items++;
    }
    let started = -1; // with start events: the period of the last membership begun
    for (let s = 0; s < items; s++) {
      const p0 = itemPeriod[s]!;
      if (kind !== null) {
        // A membership begins at the first start item (of each period, recurring).
        if (itemStart[s] === 0) continue;
        if (started >= 0 && (!recurring || started === p0)) {
          if (!recurring) break;
          continue;
        }
        started = p0;
      } else if (s > 0 && (!recurring || itemPeriod[s - 1] === p0)) {
        if (!recurring) break;
        continue;
      }
      if (p0 < base) continue;
      const r = rowOf === null ? p0 - base : rowOf[c]!;
      if (r < 0) continue;
      sizes[r]!++;
      const t0 = itemTime[s]!;
      const h = window === null ? lastComplete - p0 : Math.floor((to - t0) / window) - 1;
      const top = Math.min(columnHorizon(ends, h), columns - 1);
      if (top > horizon[r]!) horizon[r] = top;
      if (top < 0) continue;
      observedUntil[r * (columns + 1) + top]!++;
      const last = ends[top]!;
      // Unbounded looks at every event before `to`, as the default scan does (active later, even in a
      // period or window not ended yet, counts in every observed column); the rest stops at the last.
      const limit = activeUntil !== null ? Infinity : last;
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
            const col = d > last ? top : j;
            if (countCustomers && col !== counted) values[cellRow + col]!++;
            counted = col;
          }
          if (next > limit || next === Infinity) break;
          d = next;
          run = 0;
          while (j < columns && ends[j]! < d) j++;
        }
        run += itemCount[t]!;
        if (d > last) continue;
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
}
