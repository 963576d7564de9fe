/**
 * The scan of first-time cohorts in rolling windows (`window: "rolling"`), at
 * about the cost of the classic scan: one pass over the time-sorted events
 * with one 16-byte record per customer, no sort and no per-event copy.
 *
 * Why this shape (see `periodCohortScan.ts` for the classic one): on this kind
 * of machine the first write to fresh memory costs a page fault per 4 KiB
 * (about 5 ms a MiB), so what a scan allocates weighs as much as what it
 * reads; the general scan of `optionScan.ts` grouped the events by customer
 * (a copy of 16-24 bytes an event) and took 9x the classic matrix's time.
 * Here:
 * - A customer's membership starts at their first event, and customer codes
 *   are numbered in order of first event, so a code above the largest seen so
 *   far is a first event: no "seen" flag to initialise.
 * - The event kernel runs per period and chunk (each period's events are one
 *   range of the time-sorted table), so a first event's period, which is the
 *   cohort row (or the key's row with `cohortOf`), is a constant.
 * - Per customer one record of 16 bytes, so that an event touches one cache
 *   line of state: the row, the last column counted, and the first event's
 *   instant, the windows' origin. Offsets never decrease along a customer's
 *   events, so a column other than the last counted is a new active one.
 * - A member is observed up to the last window ended by `to`; everything that
 *   depends on that alone (size, observed counts, offset 0, unbounded
 *   histograms) is done in one pass over customers after the events.
 * - Every hot loop is a kernel called per chunk of `CHUNK_ROWS` rows.
 *
 * Censoring and counting are those of `optionScan.ts`'s walk (which the tests
 * compare with a naive recomputation): offsets past the last observed column
 * add to no cell, except that unbounded activity later counts in the last
 * observed column.
 *
 * @internal
 * @module
 */
import type { BucketedEvents } from "../events/bucketEvents.ts";
import { CHUNK_ROWS, periodRanges } from "../events/periodRanges.ts";
import { tableColumns } from "../events/table.ts";
import type { CohortRows } from "./assign.ts";
import { optionGrid } from "./gridSums.ts";
import type { CohortGrid, CohortMeasure, CohortMode } from "./matrix.ts";
import { columnHorizon } from "./columnHorizon.ts";

/** What to scan for: the rolling requests of `scanCohortOptions` (first-time entry, one event makes a window active). */
export interface RollingScanRequest {
  readonly mode: CohortMode;
  readonly measure: Exclude<CohortMeasure, "mrr">;
  /** Per column, its last offset (0, 1, 2... without brackets; 0 then the brackets' upper ends). */
  readonly ends: readonly number[];
  /** The rolling window in ms. */
  readonly window: number;
}

/** The most columns the records hold: 16 bits for the last column counted, and for 1 + the last observed (179 years of days). */
const MAX_COLUMNS = 0xfffe;

/** What the kernels read and fill. */
interface Rolling {
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly amount: Float64Array | null;
  readonly to: number;
  readonly window: number;
  readonly columns: number;
  readonly ends: readonly number[];
  /** Columns are single offsets (no brackets): column = offset. */
  readonly single: boolean;
  readonly unbounded: boolean;
  readonly rowOf: Int32Array | null;
  /**
   * Per code c, 4 words: [4c] its row (-1: not a member), [4c + 1] the last column counted (low 16 bits) and
   * 1 + the last column observed (high 16 bits, 0: none); as doubles, [2c + 1] the windows' origin.
   */
  readonly record: Int32Array;
  readonly origin: Float64Array;
  /** The cells that count customers (classic and bracket) or orders, else null. */
  readonly customers: Float64Array | null;
  readonly orders: Float64Array | null;
  readonly revenue: Float64Array | null;
  readonly leaving: Float64Array | null;
}

/**
 * Scans rolling windows from each customer's first event; needs the events from the table's first (`b.firstEvent === 0`).
 * Null past `MAX_COLUMNS` columns (two columns per customer share a 32-bit word).
 */
export function scanRollingCohorts(b: BucketedEvents, rows: CohortRows, request: RollingScanRequest): CohortGrid | null {
  const { mode, measure, ends, window } = request;
  const cols = tableColumns(b.table);
  const columns = ends.length;
  if (columns > MAX_COLUMNS) return null;
  const rowCount = rows.labels.length;
  const cells = rowCount * columns;
  const unbounded = mode === "unbounded";
  const revenue = cols.amount === null ? null : new Float64Array(cells);
  const values = new Float64Array(cells);
  const records = new ArrayBuffer(16 * cols.ids.length);
  const w: Rolling = {
    customer: cols.customer, time: cols.time, amount: cols.amount, to: b.to, window, columns, ends,
    single: ends[columns - 1] === columns - 1, unbounded, rowOf: rows.rowOf, record: new Int32Array(records), origin: new Float64Array(records),
    customers: measure === "customers" && !unbounded ? values : null, orders: measure === "orders" ? values : null,
    revenue, leaving: revenue === null ? null : new Float64Array(cells),
  };
  const starts = periodRanges(b);
  let top = -1;
  for (let k = 0; k < starts.length - 1; k++) {
    const row = k < b.firstReported ? -1 : k - b.firstReported;
    for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) top = rollingEvents(w, lo, Math.min(lo + CHUNK_ROWS, end), row, top);
  }
  const sizes = new Float64Array(rowCount);
  const horizon = new Int32Array(rowCount).fill(-1);
  const observedUntil = new Float64Array(rowCount * (columns + 1));
  const activeUntil = unbounded ? new Float64Array(rowCount * (columns + 1)) : null;
  for (let c0 = 0; c0 <= top; c0 += CHUNK_ROWS) rollingMembers(w, c0, Math.min(c0 + CHUNK_ROWS, top + 1), sizes, horizon, observedUntil, activeUntil);
  return optionGrid(b, rows, mode, measure, columns, { values, observedUntil, activeUntil, revenue, leaving: w.leaving, sizes, horizon });
}

/** The last column a member whose windows start at t0 is observed in (-1 or less: none): that of the last window ended by `to`. */
function lastColumn(w: Rolling, t0: number): number {
  const h = Math.floor((w.to - t0) / w.window) - 1;
  return Math.min(w.single ? h : columnHorizon(w.ends, h), w.columns - 1);
}

/**
 * Event kernel: rows lo..hi-1, all in the period of row `row` (-1: before the first reported), into the
 * cells of their customers' memberships; returns the largest code seen.
 */
function rollingEvents(w: Rolling, lo: number, hi: number, row: number, top: number): number {
  const { customer, time, amount, window, columns, ends, single, unbounded, rowOf, record, origin, customers, orders, revenue, leaving } = w;
  for (let i = lo; i < hi; i++) {
    const c = customer[i]!;
    if (c > top) {
      // A first event: the membership's row and the windows' origin.
      top = c;
      record[4 * c] = row < 0 || rowOf === null ? row : rowOf[c]!;
      origin[2 * c + 1] = time[i]!;
      // The last observed column, once per member rather than a division per event.
      record[4 * c + 1] = Math.max(lastColumn(w, time[i]!) + 1, 0) << 16;
    }
    const r = record[4 * c]!;
    if (r < 0) continue;
    const d = Math.floor((time[i]! - origin[2 * c + 1]!) / window);
    const packed = record[4 * c + 1]!;
    const last = (packed >>> 16) - 1;
    if (last < 0 || d > (single ? last : ends[last]!)) {
      // Past the last observed window: only unbounded retention counts it, in the last observed column.
      if (unbounded && last >= 0) record[4 * c + 1] = ((packed >>> 16) << 16) | last;
      continue;
    }
    const col = single ? d : columnHorizon(ends, d - 1) + 1;
    const cell = r * columns + col;
    if (col !== (packed & 0xffff)) {
      record[4 * c + 1] = ((packed >>> 16) << 16) | col;
      if (customers !== null) customers[cell]!++;
    }
    if (orders !== null) orders[cell]!++;
    if (revenue !== null) {
      const a = amount![i]!;
      revenue[cell]! += a;
      if (last + 1 < columns) leaving![r * columns + last + 1]! += a;
    }
  }
  return top;
}

/** Customer kernel: sizes, horizons, observed and unbounded histograms, and offset 0, of codes c0..c1-1. */
function rollingMembers(w: Rolling, c0: number, c1: number, sizes: Float64Array, horizon: Int32Array, observedUntil: Float64Array, activeUntil: Float64Array | null): void {
  const { columns, record, customers } = w;
  for (let c = c0; c < c1; c++) {
    const r = record[4 * c]!;
    if (r < 0) continue;
    sizes[r]!++;
    const packed = record[4 * c + 1]!;
    const last = (packed >>> 16) - 1;
    if (last > horizon[r]!) horizon[r] = last;
    if (last < 0) continue;
    observedUntil[r * (columns + 1) + last]!++;
    // Offset 0 is always active (the kernel counts only columns after the first).
    if (customers !== null) customers[r * columns]!++;
    if (activeUntil !== null) activeUntil[r * (columns + 1) + (packed & 0xffff)]!++;
  }
}
