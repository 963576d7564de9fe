/**
 * The scan of cohorts by period of first event (the default cohorts), at the
 * speed of a hand-tuned typed-array loop, at the same cost per event for days
 * as for months.
 *
 * Why this shape: at millions of events the cost is one random access per
 * event into per-customer state, plus whatever is done per event besides. So:
 * - No period lookup per event: events are sorted by time, so each period's
 *   events are one range (found by binary search, `periodRanges`), and a
 *   kernel runs per period and chunk with the period index and its cell
 *   offsets as constants.
 * - Per customer two 32-bit slots side by side, in one cache line: the last
 *   period the customer was counted in, and the first period. Events come in
 *   time order, so a customer's events of one period are all seen before any
 *   of a later period: "counted in this period already" is one comparison
 *   with the "counted" slot, and a customer's first event in a period adds one
 *   to the cell of (first period, this period), both read from the same line.
 *   In the unbounded mode every event writes its period there, so after the
 *   scan it holds each customer's last active period. No bitset: an earlier version kept
 *   one bit per customer and period, in planes of 32 periods, and counted the
 *   set bits afterwards; by day over two years that is 23 planes of the
 *   customers to clear and read, and the scan took 32-38 ns an event by month
 *   and 38-54 by day at 10M events against 20 and 22 here (medians of 7,
 *   .scratch experiment of 2026-12-02, the two interleaved in one run).
 * - First periods need no event pass: customer codes are numbered in order of
 *   first event, so the customers new in period k are the codes from
 *   (largest code seen before k) + 1 to the largest code seen by k's end; the
 *   slots are filled per range, and cohort sizes and horizons come per row.
 * - Every hot loop is a small function called per chunk of `CHUNK_ROWS` rows
 *   (see there why).
 *
 * Censoring as in `scan.ts`: events of a period not ended by `to` add to no
 * cell; a cohort is observed up to offset lastComplete - its period.
 *
 * @internal
 * @module
 */
import type { BucketedEvents } from "../events/bucketEvents.ts";
import { CHUNK_ROWS, periodRanges } from "../events/periodRanges.ts";
import { tableColumns } from "../events/table.ts";
import { cumulate, suffixSums } from "./gridSums.ts";

/** The grid cells and per-row figures of a scan of cohorts by period. */
export interface PeriodCohortCells {
  readonly sizes: Float64Array;
  readonly horizon: Int32Array;
  readonly values: Float64Array;
  readonly observed: Float64Array;
  readonly revenue: Float64Array | null;
  readonly cumulativeRevenue: Float64Array | null;
}

/** What to count: the mode and measure of `ScanRequest`, decoded. */
export interface PeriodCohortRequest {
  readonly unbounded: boolean;
  /** Count orders per cell (else customers, or revenue only). */
  readonly orders: boolean;
  /** Count distinct customers per cell (classic customers measure). */
  readonly customers: boolean;
  readonly columns: number;
  readonly lastComplete: number;
}


/**
 * Scans cohorts by period; needs the events from the table's first
 * (`b.firstEvent === 0`), so that codes follow first events within the scan.
 */
export function scanPeriodCohorts(b: BucketedEvents, request: PeriodCohortRequest): PeriodCohortCells {
  const { columns, lastComplete } = request;
  const cols = tableColumns(b.table);
  const customer = cols.customer;
  const amount = cols.amount;
  const n = b.bucketer.periods.length;
  const base = b.firstReported;
  const rows = n - base;
  const starts = periodRanges(b);
  const codeStart = firstCodes(customer, starts);
  const seen = codeStart[n]!; // customers with an event before `to`: codes 0..seen-1

  // state[2c]: the last period customer c was counted in (-1: none yet); state[2c + 1]: their first period.
  const state = new Int32Array(2 * seen);
  for (let k = 0; k < n; k++) fillFirst(state, codeStart[k]!, codeStart[k + 1]!, k);

  const cells = rows * columns;
  const values = new Float64Array(cells);
  const revenue = amount === null ? null : new Float64Array(cells);
  const orderCells = request.orders ? values : null;
  const classic = request.customers ? values : null;
  const last = request.unbounded;
  // Periods past the last complete one add to no cell: only the unbounded mode reads them (a last active period).
  const scanned = last ? n : Math.min(n, lastComplete + 1);
  for (let k = 0; k < scanned; k++) {
    // Cells of period k: (f - base) * columns + (k - f) = f * (columns - 1) + k - base * columns, for cohorts f
    // from `minFirst` (reported, and k - f within the columns); none past the last complete period.
    const minFirst = k <= lastComplete ? Math.max(base, k - columns + 1) : n;
    const cellBase = k - base * columns;
    for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) {
      const hi = Math.min(lo + CHUNK_ROWS, end);
      if (last) markLast(customer, lo, hi, state, k, amount, minFirst, columns - 1, cellBase, revenue);
      else countEvents(customer, amount, lo, hi, state, k, minFirst, columns - 1, cellBase, classic, orderCells, revenue);
    }
  }
  const activeUntil = last ? new Float64Array(rows * (columns + 1)) : null;
  if (last) {
    for (let c0 = 0; c0 < seen; c0 += CHUNK_ROWS) untilHistogram(state, c0, Math.min(c0 + CHUNK_ROWS, seen), base, lastComplete, columns, activeUntil!);
  }

  // Sizes and horizons per row: every customer of a row shares its first period.
  const sizes = new Float64Array(rows);
  const horizon = new Int32Array(rows);
  const observed = new Float64Array(cells);
  for (let r = 0; r < rows; r++) {
    const size = codeStart[base + r + 1]! - codeStart[base + r]!;
    sizes[r] = size;
    const h = Math.max(lastComplete - base - r, -1);
    horizon[r] = h;
    for (let k = 0; k <= h && k < columns; k++) observed[r * columns + k] = size;
    if (activeUntil !== null) suffixSums(activeUntil, r * (columns + 1), columns, values, r * columns);
  }
  if (!request.orders && !request.customers && !request.unbounded && revenue !== null) values.set(revenue);
  return { sizes, horizon, values, observed, revenue, cumulativeRevenue: revenue === null ? null : cumulate(revenue, null, rows, columns) };
}

/**
 * codeStart[k] = first customer code whose first event is in period k, for k = 0..periods: one more than the
 * largest code among the events before period k (codes are numbered in order of first event).
 */
export function firstCodes(customer: Int32Array, starts: Int32Array): Int32Array {
  const n = starts.length - 1;
  const codeStart = new Int32Array(n + 1);
  let top = -1;
  for (let k = 0; k < n; k++) {
    for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) top = maxCode(customer, lo, Math.min(lo + CHUNK_ROWS, end), top);
    codeStart[k + 1] = top + 1;
  }
  return codeStart;
}

/** The largest of `top` and the codes of rows lo..hi-1. */
function maxCode(customer: Int32Array, lo: number, hi: number, top: number): number {
  for (let i = lo; i < hi; i++) {
    const c = customer[i]!;
    top = c > top ? c : top;
  }
  return top;
}

/** Fills the first-period slots of codes c0..c1-1 with k, and marks them counted in no period yet. */
function fillFirst(state: Int32Array, c0: number, c1: number, k: number): void {
  for (let c = c0; c < c1; c++) {
    state[2 * c] = -1;
    state[2 * c + 1] = k;
  }
}

/**
 * Event kernel, classic mode: adds each row's order and amount to its cohort's cell of period k, and the
 * customer's first row in period k counts them once there (classic customers).
 */
function countEvents(
  customer: Int32Array, amount: Float64Array | null, lo: number, hi: number, state: Int32Array, k: number,
  minFirst: number, step: number, cellBase: number, customers: Float64Array | null, orders: Float64Array | null, revenue: Float64Array | null,
): void {
  for (let i = lo; i < hi; i++) {
    const at = customer[i]! << 1;
    const f = state[at + 1]!;
    if (f < minFirst) continue;
    const cell = f * step + cellBase;
    if (revenue !== null) revenue[cell]! += amount![i]!;
    if (orders !== null) orders[cell]!++;
    if (customers !== null && state[at] !== k) {
      state[at] = k;
      customers[cell]!++;
    }
  }
}

/** Event kernel, unbounded mode: period k is each row's customer's last active period so far; amounts as classic. */
function markLast(
  customer: Int32Array, lo: number, hi: number, state: Int32Array, k: number,
  amount: Float64Array | null, minFirst: number, step: number, cellBase: number, revenue: Float64Array | null,
): void {
  for (let i = lo; i < hi; i++) {
    const at = customer[i]! << 1;
    state[at] = k;
    if (revenue === null) continue;
    const f = state[at + 1]!;
    if (f >= minFirst) revenue[f * step + cellBase]! += amount![i]!;
  }
}

/** The histogram of last offsets from the last active periods (the counted slots after an unbounded scan). */
function untilHistogram(
  state: Int32Array, c0: number, c1: number, base: number, lastComplete: number, columns: number, activeUntil: Float64Array,
): void {
  for (let c = c0; c < c1; c++) {
    const f = state[2 * c + 1]!;
    if (f < base || f > lastComplete) continue;
    const until = Math.min(state[2 * c]!, lastComplete) - f;
    activeUntil[(f - base) * (columns + 1) + Math.min(until, columns)]!++;
  }
}
