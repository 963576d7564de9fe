/**
 * The scan of cohorts by period of first event (the default cohorts), at the
 * speed of a hand-tuned typed-array loop.
 *
 * Why this shape: at millions of events the cost is one random access per
 * event into per-customer state, plus whatever is done per event besides. So:
 * - No period lookup per event: events are sorted by time, so each period's
 *   events are one range (found by binary search, `periodRanges`), and a
 *   kernel runs per period and chunk with the period index, its bit and its
 *   cell offsets as constants.
 * - Per customer a first period and a bitset of the periods active, the bits
 *   stored word-major: one plane of 32-bit words (one word per customer) per
 *   32 periods, and the first periods in an array of their own. Events come in
 *   period order, so the event kernel writes to one plane at a time, which at
 *   200K customers is 0.8 MB and stays in cache, however many periods there
 *   are; side by side per customer (stride 1 + words), days over two years
 *   made every event a miss into 18 MB, two lines apart from its first period.
 *   The event kernel only ORs a bit (and, with amounts or the orders measure,
 *   adds to the cell of the customer's cohort). Distinct customers per cell
 *   are counted afterwards, plane by plane in one sequential pass each, one
 *   cell per set bit; a plane is read only up to the last code seen by its
 *   periods' end (later customers have no bit there).
 * - First periods need no event pass: customer codes are numbered in order of
 *   first event, so the customers new in period k are the codes from
 *   (largest code seen before k) + 1 to the largest code seen by k's end; the
 *   slots are filled per range, and cohort sizes and horizons come per row.
 * - One plane at a time: the periods are scanned in windows of 32 (one
 *   plane of bits, cleared between windows), since each period's events are
 *   read once whatever the window, and the count reads one plane at a time
 *   anyway. Why: on this kind of machine the first write to fresh memory costs
 *   a page fault per 4 KiB (about 5 ms a MiB), and days over two years as 23
 *   planes made the bits 17 MiB at 1M events (173 MiB at 10M); windows of one
 *   plane took the daily scan from 67 to 51 ms at 1M and 1.31 to 0.86 s at
 *   10M (medians, load 6). Tests pass a larger budget to check that windows
 *   change nothing.
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
 * `budgetBytes` bounds the per-customer state (default: 8 bytes a customer, the first period and one plane).
 */
export function scanPeriodCohorts(b: BucketedEvents, request: PeriodCohortRequest, budgetBytes?: number): PeriodCohortCells {
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

  const totalWords = (n + 31) >>> 5;
  const budget = budgetBytes ?? 8 * Math.max(seen, 1); // tests pass a larger one
  const windowWords = Math.max(1, Math.min(totalWords, Math.floor(budget / (4 * Math.max(seen, 1))) - 1));
  const first = new Int32Array(seen);
  for (let k = 0; k < n; k++) first.fill(k, codeStart[k]!, codeStart[k + 1]!);
  const bits = new Int32Array(seen * windowWords); // plane j of a window: bits[j * seen + code]

  const cells = rows * columns;
  const values = new Float64Array(cells);
  const revenue = amount === null ? null : new Float64Array(cells);
  const orderCells = request.orders ? values : null;
  const classic = request.customers ? values : null;
  const windows = Math.ceil(totalWords / windowWords);
  // Unbounded: each customer's last active period (a later plane overwrites an earlier one's).
  const last = request.unbounded ? new Int32Array(seen).fill(-1) : null;

  for (let w = 0; w < windows; w++) {
    const p0 = w * windowWords * 32;
    const p1 = Math.min(n, p0 + windowWords * 32);
    for (let k = p0; k < p1; k++) {
      const at = ((k - p0) >>> 5) * seen;
      const mask = 1 << (k & 31);
      // Cells of period k: (f - base) * columns + (k - f) = f * (columns - 1) + k - base * columns, for cohorts f
      // from `minFirst` (reported, and k - f within the columns); none past the last complete period.
      const counted = k <= lastComplete && (orderCells !== null || revenue !== null);
      const minFirst = Math.max(base, k - columns + 1);
      const cellBase = k - base * columns;
      for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) {
        const hi = Math.min(lo + CHUNK_ROWS, end);
        if (counted) markAndAdd(customer, amount, lo, hi, bits, first, at, mask, minFirst, columns - 1, cellBase, orderCells, revenue);
        else mark(customer, lo, hi, bits, at, mask);
      }
    }
    for (let j = 0; j * 32 < p1 - p0; j++) {
      const k0 = p0 + 32 * j;
      const present = codeStart[Math.min(p1, k0 + 32)]!; // later codes have no bit in this plane
      for (let c0 = 0; c0 < present; c0 += CHUNK_ROWS) {
        const c1 = Math.min(c0 + CHUNK_ROWS, present);
        if (classic !== null) countCustomers(bits, first, j * seen, k0, c0, c1, base, lastComplete, columns, classic);
        else if (last !== null) lastActive(bits, j * seen, k0, c0, c1, last);
      }
    }
    if (w + 1 < windows) bits.fill(0);
  }
  const activeUntil = last === null ? null : new Float64Array(rows * (columns + 1));
  if (last !== null) {
    for (let c0 = 0; c0 < seen; c0 += CHUNK_ROWS) untilHistogram(first, last, c0, Math.min(c0 + CHUNK_ROWS, seen), base, lastComplete, columns, activeUntil!);
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

/** Event kernel: sets the period's bit of each row's customer in the period's plane (from `at`). */
function mark(customer: Int32Array, lo: number, hi: number, bits: Int32Array, at: number, mask: number): void {
  for (let i = lo; i < hi; i++) bits[at + customer[i]!]! |= mask;
}

/** Event kernel: sets the bit, and adds the row's order and amount to its cohort's cell. */
function markAndAdd(
  customer: Int32Array, amount: Float64Array | null, lo: number, hi: number, bits: Int32Array, first: Int32Array, at: number, mask: number,
  minFirst: number, step: number, cellBase: number, orders: Float64Array | null, revenue: Float64Array | null,
): void {
  for (let i = lo; i < hi; i++) {
    const c = customer[i]!;
    bits[at + c]! |= mask;
    const f = first[c]!;
    if (f < minFirst) continue;
    const cell = f * step + cellBase;
    if (orders !== null) orders[cell]!++;
    if (revenue !== null) revenue[cell]! += amount![i]!;
  }
}

/** Customer kernel, classic customers: one cell per active period of the plane at `at` (periods k0..k0+31). */
function countCustomers(
  bits: Int32Array, first: Int32Array, at: number, k0: number, c0: number, c1: number, base: number, lastComplete: number,
  columns: number, values: Float64Array,
): void {
  for (let c = c0; c < c1; c++) {
    let word = bits[at + c]!;
    if (word === 0) continue;
    const f = first[c]!;
    if (f < base) continue;
    const row = (f - base) * columns - f; // cell of period k: row + k
    const stop = Math.min(lastComplete, f + columns - 1);
    while (word !== 0) {
      const low = word & -word;
      const k = k0 + 31 - Math.clz32(low);
      if (k > stop) break;
      values[row + k]!++;
      word ^= low;
    }
  }
}

/** Customer kernel, unbounded: the last active period in the plane at `at` (periods k0..k0+31), into `last`. */
function lastActive(bits: Int32Array, at: number, k0: number, c0: number, c1: number, last: Int32Array): void {
  for (let c = c0; c < c1; c++) {
    const word = bits[at + c]!;
    if (word !== 0) last[c] = k0 + 31 - Math.clz32(word);
  }
}

/** The histogram of last offsets from the last active periods. */
function untilHistogram(
  first: Int32Array, last: Int32Array, c0: number, c1: number, base: number, lastComplete: number,
  columns: number, activeUntil: Float64Array,
): void {
  for (let c = c0; c < c1; c++) {
    const f = first[c]!;
    if (f < base || f > lastComplete) continue;
    const until = Math.min(last[c]!, lastComplete) - f;
    activeUntil[(f - base) * (columns + 1) + Math.min(until, columns)]!++;
  }
}
