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
 * - Per customer one slot for the first period and a bitset of the periods
 *   active (one 32-bit word for up to 32 periods), side by side so that an
 *   event touches one cache line: the event kernel only ORs a bit (and, with
 *   amounts or the orders measure, adds to the cell of the customer's
 *   cohort). Distinct customers per cell are counted afterwards, in one pass
 *   over customers, one cell per set bit.
 * - First periods need no event pass: customer codes are numbered in order of
 *   first event, so the customers new in period k are the codes from
 *   (largest code seen before k) + 1 to the largest code seen by k's end; the
 *   slots are filled per range, and cohort sizes and horizons come per row.
 * - Bounded memory: when customers x words would pass a budget (days over
 *   decades), the periods are scanned in windows of as many words as fit,
 *   each window's bits cleared by the pass that reads them.
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

/** Per-customer state beyond this many bytes (or 8 bytes an event, if more) is scanned in windows of periods. */
const STATE_BUDGET_BYTES = 64 * 2 ** 20;

/**
 * Scans cohorts by period; needs the events from the table's first
 * (`b.firstEvent === 0`), so that codes follow first events within the scan.
 * `budgetBytes` bounds the per-customer state (default: 64 MiB or 8 bytes an event).
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
  const budget = budgetBytes ?? Math.max(STATE_BUDGET_BYTES, 8 * b.eventCount); // tests pass a small one
  const windowWords = Math.max(1, Math.min(totalWords, Math.floor(budget / (4 * Math.max(seen, 1))) - 1));
  const stride = 1 + windowWords;
  const state = new Int32Array(seen * stride);
  for (let k = 0; k < n; k++) fillFirst(state, stride, codeStart[k]!, codeStart[k + 1]!, k);

  const cells = rows * columns;
  const values = new Float64Array(cells);
  const revenue = amount === null ? null : new Float64Array(cells);
  const orderCells = request.orders ? values : null;
  const classic = request.customers ? values : null;
  const windows = Math.ceil(totalWords / windowWords);
  // Unbounded: each customer's last active period, kept across windows only when there are several.
  const last = request.unbounded && windows > 1 ? new Int32Array(seen).fill(-1) : null;
  const activeUntil = request.unbounded ? new Float64Array(rows * (columns + 1)) : null;

  for (let w = 0; w < windows; w++) {
    const p0 = w * windowWords * 32;
    const p1 = Math.min(n, p0 + windowWords * 32);
    for (let k = p0; k < p1; k++) {
      const at = 1 + ((k - p0) >>> 5);
      const mask = 1 << (k & 31);
      // Cells of period k: (f - base) * columns + (k - f) = f * (columns - 1) + k - base * columns, for cohorts f
      // from `minFirst` (reported, and k - f within the columns); none past the last complete period.
      const counted = k <= lastComplete && (orderCells !== null || revenue !== null);
      const minFirst = Math.max(base, k - columns + 1);
      const cellBase = k - base * columns;
      for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) {
        const hi = Math.min(lo + CHUNK_ROWS, end);
        if (counted) markAndAdd(customer, amount, lo, hi, state, stride, at, mask, minFirst, columns - 1, cellBase, orderCells, revenue);
        else mark(customer, lo, hi, state, stride, at, mask);
      }
    }
    const more = w + 1 < windows;
    const present = codeStart[p1]!; // later codes have no event yet
    for (let c0 = 0; c0 < present; c0 += CHUNK_ROWS) {
      const c1 = Math.min(c0 + CHUNK_ROWS, present);
      if (classic !== null) countCustomers(state, stride, windowWords, c0, c1, p0, base, lastComplete, columns, classic, more);
      else if (activeUntil !== null) lastActive(state, stride, windowWords, c0, c1, p0, base, lastComplete, columns, last, activeUntil, more);
      else if (more) clearBits(state, stride, windowWords, c0, c1);
    }
  }
  if (last !== null) {
    for (let c0 = 0; c0 < seen; c0 += CHUNK_ROWS) untilHistogram(state, stride, last, c0, Math.min(c0 + CHUNK_ROWS, seen), base, lastComplete, columns, activeUntil!);
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
function firstCodes(customer: Int32Array, starts: Int32Array): Int32Array {
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

/** The first-period slot of codes c0..c1-1. */
function fillFirst(state: Int32Array, stride: number, c0: number, c1: number, k: number): void {
  for (let c = c0; c < c1; c++) state[c * stride] = k;
}

/** Event kernel: sets the period's bit of each row's customer. */
function mark(customer: Int32Array, lo: number, hi: number, state: Int32Array, stride: number, at: number, mask: number): void {
  for (let i = lo; i < hi; i++) state[customer[i]! * stride + at]! |= mask;
}

/** Event kernel: sets the bit, and adds the row's order and amount to its cohort's cell. */
function markAndAdd(
  customer: Int32Array, amount: Float64Array | null, lo: number, hi: number, state: Int32Array, stride: number, at: number, mask: number,
  minFirst: number, step: number, cellBase: number, orders: Float64Array | null, revenue: Float64Array | null,
): void {
  for (let i = lo; i < hi; i++) {
    const s = customer[i]! * stride;
    state[s + at]! |= mask;
    const f = state[s]!;
    if (f < minFirst) continue;
    const cell = f * step + cellBase;
    if (orders !== null) orders[cell]!++;
    if (revenue !== null) revenue[cell]! += amount![i]!;
  }
}

/** Customer kernel, classic customers: one cell per active period of a window; clears the bits when `clear`. */
function countCustomers(
  state: Int32Array, stride: number, words: number, c0: number, c1: number, p0: number, base: number, lastComplete: number,
  columns: number, values: Float64Array, clear: boolean,
): void {
  for (let c = c0; c < c1; c++) {
    const s = c * stride;
    const f = state[s]!;
    const row = (f - base) * columns - f; // cell of period k: row + k
    const stop = Math.min(lastComplete, f + columns - 1);
    for (let j = 0; j < words; j++) {
      let bits = state[s + 1 + j]!;
      if (bits === 0) continue;
      if (clear) state[s + 1 + j] = 0;
      if (f < base) continue;
      const k0 = p0 + 32 * j;
      while (bits !== 0) {
        const low = bits & -bits;
        const k = k0 + 31 - Math.clz32(low);
        if (k > stop) break;
        values[row + k]!++;
        bits ^= low;
      }
    }
  }
}

/**
 * Customer kernel, unbounded: the last active period of each customer, into `last` (several windows) or
 * straight into the histogram of last offsets (one window); clears the bits when `clear`.
 */
function lastActive(
  state: Int32Array, stride: number, words: number, c0: number, c1: number, p0: number, base: number, lastComplete: number,
  columns: number, last: Int32Array | null, activeUntil: Float64Array, clear: boolean,
): void {
  for (let c = c0; c < c1; c++) {
    const s = c * stride;
    let top = -1;
    for (let j = words - 1; j >= 0; j--) {
      const bits = state[s + 1 + j]!;
      if (bits === 0) continue;
      if (top < 0) top = p0 + 32 * j + 31 - Math.clz32(bits);
      if (clear) state[s + 1 + j] = 0;
    }
    if (top < 0) continue;
    if (last !== null) {
      last[c] = top;
      continue;
    }
    const f = state[s]!;
    if (f < base || f > lastComplete) continue;
    const until = Math.min(top, lastComplete) - f;
    activeUntil[(f - base) * (columns + 1) + Math.min(until, columns)]!++;
  }
}

/** The histogram of last offsets from the last active periods of several windows. */
function untilHistogram(
  state: Int32Array, stride: number, last: Int32Array, c0: number, c1: number, base: number, lastComplete: number,
  columns: number, activeUntil: Float64Array,
): void {
  for (let c = c0; c < c1; c++) {
    const f = state[c * stride]!;
    if (f < base || f > lastComplete) continue;
    const until = Math.min(last[c]!, lastComplete) - f;
    activeUntil[(f - base) * (columns + 1) + Math.min(until, columns)]!++;
  }
}

/** Clears a window's bits of codes c0..c1-1. */
function clearBits(state: Int32Array, stride: number, words: number, c0: number, c1: number): void {
  for (let c = c0; c < c1; c++) state.fill(0, c * stride + 1, c * stride + 1 + words);
}
