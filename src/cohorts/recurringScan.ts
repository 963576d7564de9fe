/**
 * The scan of recurring cohorts by calendar period (`entry: "recurring"`): a
 * customer is a member of the cohort of every period they are active in, with
 * offsets counted from each. At about the cost of the classic scan: one pass
 * over the events, one bitset of periods per customer, no sort.
 *
 * Why this shape (see `periodCohortScan.ts` for the classic one, and
 * `rollingScan.ts` for why allocation counts): the general scan of
 * `optionScan.ts` grouped the events by customer (a copy of 16-24 bytes an
 * event) and took 6-9x the classic matrix's time. Here:
 * - Each period's events are one range of the time-sorted table, so the
 *   event kernel runs per period and chunk with the period, its bit and its
 *   columns as constants, and looks up no period.
 * - Per customer a bitset of the reported periods, customer-major (the
 *   customer's words side by side): an event sets its period's bit, and its
 *   customer's memberships are the bits set so far within the columns' reach,
 *   read from one or two cache lines. The classic scan keeps its bits
 *   period-major, because it only ever reads one plane at a time; this one
 *   reads all of a customer's bits at each event.
 * - A cell of membership p0 at period k is (p0, k - p0): the event adds its
 *   order and amount to the cell of every membership it falls in, and the
 *   customer's first event in k counts them there (and makes the cohort of k
 *   one larger). The cells of one period are one per membership row, spread
 *   over the grid (a cache line each, at days over two years a 4 MiB grid),
 *   so the kernel adds into a small array per row, written into the grid once
 *   the period is done. With more than one word of bits, a customer's record
 *   also holds their first row, so that an event reads only the words from
 *   there. Unbounded: each membership is active as far as the customer's last
 *   active period, so one pass over customers afterwards.
 * - Cohorts of one period are observed as a whole, so sizes give the
 *   observed counts.
 * - Every hot loop is a kernel called per chunk of `CHUNK_ROWS` rows.
 * - Bounded memory: when customers x words would pass a budget, the caller
 *   takes the general scan.
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
import type { CohortRows } from "./assign.ts";
import { optionGrid } from "./gridSums.ts";
import type { CohortGrid, CohortMeasure } from "./matrix.ts";

/** What to scan for: the recurring requests of `scanCohortOptions` (calendar periods, single-offset columns, one event makes a period active). */
export interface RecurringScanRequest {
  readonly mode: "classic" | "unbounded";
  readonly measure: Exclude<CohortMeasure, "mrr">;
  /** Offsets 0..columns-1 are kept. */
  readonly columns: number;
  /** Index of the last period that ended by the data's end. */
  readonly lastComplete: number;
}

/** Per-customer bits beyond this many bytes (or 24 bytes an event, if more: the general scan's own copy) take the general scan. */
const STATE_BUDGET_BYTES = 64 * 2 ** 20;

/** What the event kernel reads and fills. */
interface Recurring {
  readonly customer: Int32Array;
  readonly amount: Float64Array | null;
  /** Per customer code c, at c * stride: `words` words of bits of rows, then (when words > 1) 1 + the first row set. */
  readonly bits: Int32Array;
  readonly words: number;
  readonly stride: number;
  readonly sizes: Float64Array;
  /** Per membership row p0, the period's customers (classic) or orders in p0's cell, else null; cleared per period. */
  readonly counts: Float64Array | null;
  readonly orders: boolean;
  /** Per membership row p0, the period's revenue in p0's cell, else null; cleared per period. */
  readonly revenue: Float64Array | null;
}

/**
 * Scans recurring cohorts by period; null when the bitsets would pass the budget (`budgetBytes`, default
 * 64 MiB or 24 bytes an event). Rows are the reported periods (recurring cohorts have no key).
 */
export function scanRecurringCohorts(b: BucketedEvents, rows: CohortRows, request: RecurringScanRequest, budgetBytes?: number): CohortGrid | null {
  const { mode, measure, columns, lastComplete } = request;
  const cols = tableColumns(b.table);
  const base = b.firstReported;
  const rowCount = rows.labels.length; // periods from base on
  const words = (rowCount + 31) >>> 5;
  const stride = words > 1 ? words + 1 : 1;
  const customers = cols.ids.length;
  if (4 * stride * customers > (budgetBytes ?? Math.max(STATE_BUDGET_BYTES, 24 * b.eventCount))) return null;
  const cells = rowCount * columns;
  const values = new Float64Array(cells);
  const revenue = cols.amount === null ? null : new Float64Array(cells);
  const unbounded = mode === "unbounded";
  const counted = (measure === "customers" && !unbounded) || measure === "orders";
  const w: Recurring = {
    customer: cols.customer, amount: cols.amount, bits: new Int32Array(stride * customers), words, stride,
    sizes: new Float64Array(rowCount), counts: counted ? new Float64Array(rowCount) : null,
    orders: measure === "orders", revenue: revenue === null ? null : new Float64Array(rowCount),
  };
  const starts = periodRanges(b);
  for (let k = base; k < starts.length - 1; k++) {
    const kr = k - base;
    const complete = k <= lastComplete;
    for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) recurringEvents(w, lo, Math.min(lo + CHUNK_ROWS, end), kr, columns, complete);
    // The period's sums, per membership row, into the cells (p0, kr - p0).
    if (complete) {
      for (let p0 = Math.max(0, kr - columns + 1); p0 <= kr; p0++) {
        const cell = p0 * columns + kr - p0;
        if (w.counts !== null) values[cell] = w.counts[p0]!;
        if (revenue !== null) revenue[cell] = w.revenue![p0]!;
      }
      w.counts?.fill(0);
      w.revenue?.fill(0);
    }
  }
  const last = lastComplete - base; // the last complete row
  const horizon = new Int32Array(rowCount);
  const observedUntil = new Float64Array(rowCount * (columns + 1));
  for (let r = 0; r < rowCount; r++) {
    const h = Math.min(last - r, columns - 1);
    horizon[r] = Math.max(h, -1);
    if (h >= 0) observedUntil[r * (columns + 1) + h] = w.sizes[r]!;
  }
  const activeUntil = unbounded ? new Float64Array(rowCount * (columns + 1)) : null;
  if (activeUntil !== null) {
    for (let c0 = 0; c0 < customers; c0 += CHUNK_ROWS) activeUntilHistogram(w.bits, words, stride, c0, Math.min(c0 + CHUNK_ROWS, customers), last, columns, activeUntil);
  }
  return optionGrid(b, rows, mode, measure, columns, { values, observedUntil, activeUntil, revenue, leaving: null, sizes: w.sizes, horizon });
}

/**
 * Event kernel: rows lo..hi-1 of row (period less the first reported) kr, into the sums of every
 * membership they fall in (`complete`: the period has ended, else only the bits and sizes).
 */
function recurringEvents(w: Recurring, lo: number, hi: number, kr: number, columns: number, complete: boolean): void {
  const { customer, amount, bits, words, stride, sizes, counts, orders, revenue } = w;
  const word = kr >>> 5;
  const mask = 1 << (kr & 31);
  const below = (mask << 1) - 1; // bits of periods up to kr in its word (all of them for bit 31)
  const lowest = Math.max(0, kr - columns + 1); // the earliest membership with kr within its columns
  for (let i = lo; i < hi; i++) {
    const at = customer[i]! * stride;
    const own = bits[at + word]!;
    const first = (own & mask) === 0; // the customer's first event in the period: a new membership, and active in the others
    if (first) {
      bits[at + word] = own | mask;
      sizes[kr]!++;
      if (words > 1 && bits[at + words] === 0) bits[at + words] = kr + 1;
    }
    if (!complete || (!first && !orders && revenue === null)) continue;
    const add = orders || first ? 1 : 0;
    const a = revenue === null ? 0 : amount![i]!;
    // Memberships: the rows set from the customer's first (or the columns' reach) up to kr.
    const from = words > 1 ? Math.max(lowest, bits[at + words]! - 1) : lowest;
    const lowWord = from >>> 5;
    for (let j = word; j >= lowWord; j--) {
      let set = j === word ? (own | mask) & below : bits[at + j]!;
      if (j === lowWord) set &= -1 << (from & 31);
      while (set !== 0) {
        const low = set & -set;
        const p0 = j * 32 + 31 - Math.clz32(low);
        if (counts !== null) counts[p0]! += add;
        if (revenue !== null) revenue[p0]! += a;
        set ^= low;
      }
    }
  }
}

/** Customer kernel, unbounded: each membership p0 of codes c0..c1-1 is active up to the customer's last active period (or its horizon). */
function activeUntilHistogram(bits: Int32Array, words: number, stride: number, c0: number, c1: number, last: number, columns: number, activeUntil: Float64Array): void {
  for (let c = c0; c < c1; c++) {
    const at = c * stride;
    let latest = -1;
    for (let j = words - 1; j >= 0 && latest < 0; j--) {
      const set = bits[at + j]!;
      if (set !== 0) latest = j * 32 + 31 - Math.clz32(set);
    }
    for (let j = 0; j < words && j * 32 <= last; j++) {
      let set = bits[at + j]!;
      while (set !== 0) {
        const low = set & -set;
        const p0 = j * 32 + 31 - Math.clz32(low);
        if (p0 > last) break;
        activeUntil[p0 * (columns + 1) + Math.min(latest - p0, last - p0, columns - 1)]!++;
        set ^= low;
      }
    }
  }
}
