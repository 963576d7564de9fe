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
 *   reads all of a customer's bits at each event. Up to 32 periods the bits
 *   are one word a customer; from `SPAN_WORDS` words, each customer's bits
 *   span only their first to last active period (one pass over the events finds the last,
 *   the order of codes gives the first), laid end to end: by day over two
 *   years a bitset of every period was 23 words and a first-row slot, 96
 *   bytes a customer (171 MiB of fresh pages at 10M events, at about 5 ms a
 *   MiB); the spans are a few words a customer.
 * - A cell of membership p0 at period k is (p0, k - p0): the event adds its
 *   order and amount to the cell of every membership it falls in, and the
 *   customer's first event in k counts them there (and makes the cohort of k
 *   one larger). The cells of one period are one per membership row, spread
 *   over the grid (a cache line each, at days over two years a 4 MiB grid),
 *   so the kernel adds into a small array per row, written into the grid once
 *   the period is done. Unbounded: each membership is active as far as the
 *   customer's last active period, so one pass over customers afterwards.
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
import { firstCodes } from "./periodCohortScan.ts";
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

/**
 * From this many words of bits a customer (224 periods and more), each customer's bits cover their span
 * only. Below, the pass that finds the spans and a second random read per event (where the customer's
 * words lie) cost more than they save: by week at 10M events the scan took 2.45 s with spans against
 * 1.67 s without, by day 3.52 s against 3.90 s (1M: 232 against 353 ms), load 2.6 to 3.2.
 */
const SPAN_WORDS = 8;

/** What the event kernels read and fill. */
interface Recurring {
  readonly customer: Int32Array;
  readonly amount: Float64Array | null;
  /**
   * Without spans, `width` words per customer code c from c * width, at bit = row (one word: one plane).
   * With spans, per code c its words from `span[2c]` on, bit b of them the row span[2c + 1] + b.
   */
  readonly bits: Int32Array;
  readonly width: number;
  /** Spans only: per code c, [2c] its first word in `bits`, [2c + 1] its first period from the first reported; [2 * codes] the words in all. */
  readonly span: Int32Array | null;
  readonly sizes: Float64Array;
  /** Per membership row p0, the period's customers (classic) or orders in p0's cell, else null; cleared per period. */
  readonly counts: Float64Array | null;
  readonly orders: boolean;
  /** Per membership row p0, the period's revenue in p0's cell, else null; cleared per period. */
  readonly revenue: Float64Array | null;
  /** Scratch of a chunk: per row, its customer's first word and first row. */
  readonly where: Int32Array;
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
  const customers = cols.ids.length;
  const starts = periodRanges(b);
  const width = (rowCount + 31) >>> 5;
  const span = width >= SPAN_WORDS ? customerSpans(cols.customer, starts, base, customers) : null;
  const words = span === null ? width * customers : span[2 * customers]!;
  if (4 * ((span?.length ?? 0) + words) > (budgetBytes ?? Math.max(STATE_BUDGET_BYTES, 24 * b.eventCount))) return null;
  const cells = rowCount * columns;
  const values = new Float64Array(cells);
  const revenue = cols.amount === null ? null : new Float64Array(cells);
  const unbounded = mode === "unbounded";
  const counted = (measure === "customers" && !unbounded) || measure === "orders";
  const w: Recurring = {
    customer: cols.customer, amount: cols.amount, bits: new Int32Array(words), width, span,
    sizes: new Float64Array(rowCount), counts: counted ? new Float64Array(rowCount) : null,
    orders: measure === "orders", revenue: revenue === null ? null : new Float64Array(rowCount),
    where: new Int32Array(span === null ? 0 : 2 * CHUNK_ROWS),
  };
  for (let k = base; k < starts.length - 1; k++) {
    const kr = k - base;
    const complete = k <= lastComplete;
    for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) {
      const hi = Math.min(lo + CHUNK_ROWS, end);
      if (width === 1) recurringEvents(w, lo, hi, kr, columns, complete);
      else spanEvents(w, lo, hi, kr, columns, complete);
    }
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
    for (let c0 = 0; c0 < customers; c0 += CHUNK_ROWS) activeUntilHistogram(w, c0, Math.min(c0 + CHUNK_ROWS, customers), last, columns, activeUntil);
  }
  return optionGrid(b, rows, mode, measure, columns, { values, observedUntil, activeUntil, revenue, leaving: null, sizes: w.sizes, horizon });
}

/**
 * The spans of bits: per code, from its first reported period to its last, in words laid end to end
 * (see `Recurring.span`); one pass over the events for the last periods, the first ones from the codes'
 * order of first event (`firstCodes`).
 */
function customerSpans(customer: Int32Array, starts: Int32Array, base: number, customers: number): Int32Array {
  const span = new Int32Array(2 * customers + 1);
  const codeStart = firstCodes(customer, starts);
  // The first reported period of each code, as [2c] (codes before codeStart[base] start at base, or have no event from there).
  for (let k = base; k < starts.length - 1; k++) {
    for (let c = codeStart[k]!, end = codeStart[k + 1]!; c < end; c++) span[2 * c] = k - base;
    for (let lo = starts[k]!, end = starts[k + 1]!; lo < end; lo += CHUNK_ROWS) lastPeriods(customer, lo, Math.min(lo + CHUNK_ROWS, end), span, k - base + 1);
  }
  for (let c0 = 0; c0 < customers; c0 += CHUNK_ROWS) spanWords(span, c0, Math.min(c0 + CHUNK_ROWS, customers));
  return span;
}

/** Event kernel: [2c + 1] = `period` (one more than the row) for each row's customer c. */
function lastPeriods(customer: Int32Array, lo: number, hi: number, span: Int32Array, period: number): void {
  for (let i = lo; i < hi; i++) span[2 * customer[i]! + 1] = period;
}

/**
 * Customer kernel: from ([2c] first row, [2c + 1] 1 + last row, 0: none) to ([2c] first word, [2c + 1] first
 * row), the words of codes c0..c1-1 laid end to end after those before (the total so far in [2 * codes]).
 */
function spanWords(span: Int32Array, c0: number, c1: number): void {
  const total = span.length - 1;
  let at = span[total]!;
  for (let c = c0; c < c1; c++) {
    const first = span[2 * c]!;
    const end = span[2 * c + 1]!;
    span[2 * c] = at;
    span[2 * c + 1] = first;
    if (end > first) at += ((end - 1 - first) >>> 5) + 1;
  }
  span[total] = at;
}

/**
 * Event kernel, one plane: rows lo..hi-1 of row (period less the first reported) kr, into the sums of every
 * membership they fall in (`complete`: the period has ended, else only the bits and sizes).
 */
function recurringEvents(w: Recurring, lo: number, hi: number, kr: number, columns: number, complete: boolean): void {
  const { customer, amount, bits, sizes, counts, orders, revenue } = w;
  const mask = 1 << kr;
  const below = (mask << 1) - 1; // bits of rows up to kr (all of them for bit 31)
  const reach = below & (-1 << Math.max(0, kr - columns + 1)); // and from the earliest membership with kr within its columns
  for (let i = lo; i < hi; i++) {
    const c = customer[i]!;
    const own = bits[c]!;
    const first = (own & mask) === 0; // the customer's first event in the period: a new membership, and active in the others
    if (first) {
      bits[c] = own | mask;
      sizes[kr]!++;
    }
    if (!complete || (!first && !orders && revenue === null)) continue;
    addToMemberships((own | mask) & reach, 0, first || orders ? 1 : 0, revenue === null ? 0 : amount![i]!, counts, revenue);
  }
}

/** Adds `add` and `a` to the sums of the rows row0 + (each set bit of `set`). */
function addToMemberships(set: number, row0: number, add: number, a: number, counts: Float64Array | null, revenue: Float64Array | null): void {
  while (set !== 0) {
    const low = set & -set;
    const p0 = row0 + 31 - Math.clz32(low);
    if (counts !== null) counts[p0]! += add;
    if (revenue !== null) revenue[p0]! += a;
    set ^= low;
  }
}

/**
 * Event kernel, more than one word a customer: as `recurringEvents`, with each customer's words at
 * c * width or (spans) from their first row. Why spans: bits for every period per customer (days over
 * two years: 23 words, and a first-row slot, 96 bytes a customer) made 171 MiB of fresh pages at 10M
 * events, where a customer's span from first to last active period is a few words.
 */
function spanEvents(w: Recurring, lo: number, hi: number, kr: number, columns: number, complete: boolean): void {
  const { customer, amount, bits, sizes, counts, orders, revenue } = w;
  const { span, width } = w;
  const lowest = Math.max(0, kr - columns + 1); // the earliest membership with kr within its columns
  // With spans, where each customer's words lie first, in a loop of independent loads, so that their cache
  // misses overlap (by day at 10M events 2.4 s against 3.0 s when the second load waited on the first).
  const where = w.where;
  if (span !== null) {
    for (let i = lo; i < hi; i++) {
      const c = customer[i]!;
      where[2 * (i - lo)] = span[2 * c]!;
      where[2 * (i - lo) + 1] = span[2 * c + 1]!;
    }
  }
  for (let i = lo; i < hi; i++) {
    const at = span === null ? customer[i]! * width : where[2 * (i - lo)]!;
    const f = span === null ? 0 : where[2 * (i - lo) + 1]!; // the row of bit 0
    const rel = kr - f;
    const top = at + (rel >>> 5);
    const mask = 1 << (rel & 31);
    const own = bits[top]!;
    const first = (own & mask) === 0;
    if (first) {
      bits[top] = own | mask;
      sizes[kr]!++;
    }
    if (!complete || (!first && !orders && revenue === null)) continue;
    const add = orders || first ? 1 : 0;
    const a = revenue === null ? 0 : amount![i]!;
    // Memberships: the bits set from the columns' reach (relative `from`) up to rel.
    const from = Math.max(0, lowest - f);
    const low = at + (from >>> 5);
    for (let j = top; j >= low; j--) {
      let set = j === top ? (own | mask) & ((mask << 1) - 1) : bits[j]!;
      if (j === low) set &= -1 << (from & 31);
      addToMemberships(set, f + 32 * (j - at), add, a, counts, revenue);
    }
  }
}

/** Customer kernel, unbounded: each membership p0 of codes c0..c1-1 is active up to the customer's last active period (or its horizon). */
function activeUntilHistogram(w: Recurring, c0: number, c1: number, last: number, columns: number, activeUntil: Float64Array): void {
  const { bits, span, width } = w;
  for (let c = c0; c < c1; c++) {
    // The customer's words, and the row of their bit 0.
    const at = span === null ? c * width : span[2 * c]!;
    const end = span === null ? at + width : span[2 * c + 2]!; // the next code's first word, or the total
    const row0 = span === null ? 0 : span[2 * c + 1]!;
    let latest = -1;
    for (let j = end - 1; j >= at && latest < 0; j--) {
      const set = bits[j]!;
      if (set !== 0) latest = row0 + 32 * (j - at) + 31 - Math.clz32(set);
    }
    for (let j = at; j < end && row0 + 32 * (j - at) <= last; j++) {
      let set = bits[j]!;
      while (set !== 0) {
        const low = set & -set;
        const p0 = row0 + 32 * (j - at) + 31 - Math.clz32(low);
        if (p0 > last) break;
        activeUntil[p0 * (columns + 1) + Math.min(latest - p0, last - p0, columns - 1)]!++;
        set ^= low;
      }
    }
  }
}
