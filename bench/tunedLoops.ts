/**
 * The yardstick of issue #17: the cohort matrix and the period summary as one
 * would write them by hand for speed in JavaScript, straight on a table's typed
 * columns. Per customer a bitset of periods (ceil(periods / 32) words); one
 * pass over the events sets bits, with each event's period read from a
 * day-to-period table built once from the boundaries (a UTC day's period, moved
 * on while the instant is at or past the next boundary, so any zone and unit
 * works); one pass over customers turns the bits into cells (the cohort is the
 * lowest set bit, each set bit one cell). Every hot loop is a small function
 * called once per chunk of 64K rows, so V8 optimises it whole rather than
 * through on-stack replacement. Nothing here relies on the table being sorted.
 *
 * They compute the same raw grid as the library (values, observed, sizes,
 * revenue per cell when there are amounts) so that the two can be compared
 * cell for cell, and are the denominators of the benchmark's ratios.
 */
import { bucketEvents } from "../src/events/bucketEvents.ts";
import { tableColumns, type EventTable } from "../src/events/table.ts";
import { lastCompletePeriod } from "../src/cohorts/cohortMatrix.ts";
import type { PeriodOptions } from "../src/periods/options.ts";

const CHUNK = 1 << 16;
const DAY = 86_400_000;

/** Period boundaries and a day-to-period table over them. */
interface Periods {
  edges: Float64Array;
  count: number;
  origin: number;
  dayTable: Int32Array;
  base: number;
  lastComplete: number;
}

function periodsOf(table: EventTable, options: PeriodOptions): Periods {
  const b = bucketEvents(table, options)!;
  const edges = b.bucketer.boundaries;
  const count = edges.length - 1;
  const origin = Math.floor(edges[0]! / DAY) * DAY;
  const days = Math.ceil((edges[count]! - origin) / DAY) + 1;
  const dayTable = new Int32Array(days);
  let k = 0;
  for (let d = 0; d < days; d++) {
    const t = origin + d * DAY;
    while (k + 1 < count && t >= edges[k + 1]!) k++;
    dayTable[d] = k;
  }
  return { edges, count, origin, dayTable, base: b.firstReported, lastComplete: lastCompletePeriod(b) };
}

/** Sets bit k of customer c's words for the events lo..hi-1. */
function setBits(customer: Int32Array, time: Float64Array, lo: number, hi: number, p: Periods, bits: Int32Array, words: number): void {
  const { edges, dayTable, origin } = p;
  for (let i = lo; i < hi; i++) {
    const t = time[i]!;
    let k = dayTable[((t - origin) / DAY) | 0]!;
    while (t >= edges[k + 1]!) k++;
    bits[customer[i]! * words + (k >>> 5)]! |= 1 << (k & 31);
  }
}

/** Lowest set bit of a customer's words, -1 when none. */
function lowestBit(bits: Int32Array, from: number, words: number): number {
  for (let j = 0; j < words; j++) {
    const w = bits[from + j]!;
    if (w !== 0) return j * 32 + 31 - Math.clz32(w & -w);
  }
  return -1;
}

/** The raw grid of a classic or unbounded monthly cohort matrix. */
export interface TunedGrid {
  rows: number;
  columns: number;
  sizes: Float64Array;
  values: Float64Array;
  observed: Float64Array;
  revenue: Float64Array | null;
}

type Measure = "customers" | "orders" | "revenue";

/** Customer pass: cohort, size, horizon and (customers measure) one cell per set bit. */
function customerCells(
  bits: Int32Array, words: number, c0: number, c1: number, first: Int32Array, p: Periods, columns: number,
  sizes: Float64Array, observedUntil: Float64Array, values: Float64Array | null, activeUntil: Float64Array | null,
): void {
  const { base, lastComplete } = p;
  for (let c = c0; c < c1; c++) {
    const from = c * words;
    const f = lowestBit(bits, from, words);
    first[c] = f;
    if (f < base) continue;
    const r = f - base;
    sizes[r]!++;
    const h = lastComplete - f;
    if (h < 0) continue;
    observedUntil[r * (columns + 1) + (h < columns ? h : columns)]!++;
    if (values !== null) {
      for (let j = f >>> 5; j < words; j++) {
        let w = bits[from + j]!;
        while (w !== 0) {
          const k = j * 32 + 31 - Math.clz32(w & -w);
          w &= w - 1;
          const offset = k - f;
          if (k > lastComplete || offset >= columns) break;
          values[r * columns + offset]!++;
        }
      }
    }
    if (activeUntil !== null) {
      // Active in c + k or any later period before `to`, the incomplete last one included.
      let last = -1;
      for (let j = words - 1; j >= 0 && last < 0; j--) {
        const w = bits[from + j]!;
        if (w !== 0) last = j * 32 + 31 - Math.clz32(w);
      }
      if (last > lastComplete) last = lastComplete;
      const until = last - f;
      activeUntil[r * (columns + 1) + (until < columns ? until : columns)]!++;
    }
  }
}

/** Second event pass for orders and revenue: each event's cell from its customer's cohort. */
function eventCells(
  customer: Int32Array, time: Float64Array, amount: Float64Array | null, lo: number, hi: number, p: Periods, first: Int32Array,
  columns: number, orders: Float64Array | null, revenue: Float64Array | null,
): void {
  const { edges, dayTable, origin, base, lastComplete } = p;
  for (let i = lo; i < hi; i++) {
    const t = time[i]!;
    let k = dayTable[((t - origin) / DAY) | 0]!;
    while (t >= edges[k + 1]!) k++;
    const f = first[customer[i]!]!;
    const offset = k - f;
    if (f < base || k > lastComplete || offset >= columns) continue;
    const at = (f - base) * columns + offset;
    if (orders !== null) orders[at]!++;
    if (revenue !== null) revenue[at]! += amount![i]!;
  }
}

/** Number of events before `to` (the table is in time order; the tuned loop only needs the count). */
function countBefore(time: Float64Array, to: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < to) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tuned cohort matrix grid: classic or unbounded customers, orders or revenue; revenue cells whenever there are amounts. */
export function tunedCohortGrid(table: EventTable, options: PeriodOptions, mode: "classic" | "unbounded", measure: Measure): TunedGrid {
  const { customer, time, amount } = tableColumns(table);
  const p = periodsOf(table, options);
  const events = countBefore(time, p.edges[p.count]!);
  const customers = table.customerCount;
  const words = (p.count + 31) >>> 5;
  const rows = p.count - p.base;
  const columns = Math.max(p.lastComplete - p.base, 0) + 1;
  const bits = new Int32Array(customers * words);
  for (let i = 0; i < events; i += CHUNK) setBits(customer, time, i, Math.min(i + CHUNK, events), p, bits, words);
  const first = new Int32Array(customers);
  const sizes = new Float64Array(rows);
  const observedUntil = new Float64Array(rows * (columns + 1));
  const cells = new Float64Array(rows * columns);
  const activeUntil = mode === "unbounded" ? new Float64Array(rows * (columns + 1)) : null;
  const classic = measure === "customers" && mode === "classic" ? cells : null;
  for (let c = 0; c < customers; c += CHUNK) {
    customerCells(bits, words, c, Math.min(c + CHUNK, customers), first, p, columns, sizes, observedUntil, classic, activeUntil);
  }
  const revenue = amount === null ? null : new Float64Array(rows * columns);
  const orders = measure === "orders" ? cells : null;
  if (revenue !== null || orders !== null) {
    for (let i = 0; i < events; i += CHUNK) eventCells(customer, time, amount, i, Math.min(i + CHUNK, events), p, first, columns, orders, revenue);
  }
  const observed = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    suffix(observedUntil, r * (columns + 1), columns, observed, r * columns);
    if (activeUntil !== null) suffix(activeUntil, r * (columns + 1), columns, cells, r * columns);
  }
  return { rows, columns, sizes, values: measure === "revenue" ? revenue! : cells, observed, revenue };
}

function suffix(hist: Float64Array, from: number, columns: number, out: Float64Array, to: number): void {
  let running = hist[from + columns]!;
  for (let k = columns - 1; k >= 0; k--) {
    running += hist[from + k]!;
    out[to + k] = running;
  }
}

/** The tuned period summary: per period active, new, retained, lost, reactivated, orders, revenue (minor units), repeat. */
export interface TunedSummary {
  first: number;
  active: Float64Array;
  newCustomers: Float64Array;
  atStart: Float64Array;
  lost: Float64Array;
  reactivated: Float64Array;
  orders: Float64Array;
  revenue: Float64Array;
  repeat: Float64Array;
}

/**
 * One pass: per event its period's orders and revenue, and the customer's bit of the period; a second
 * event of the customer in the period sets the "repeat" bit. Per customer, `words` words of active bits
 * then `words` of repeat bits, side by side (one cache line an event).
 */
function summaryEvents(
  customer: Int32Array, time: Float64Array, amount: Float64Array | null, lo: number, hi: number, p: Periods,
  bits: Int32Array, words: number, orders: Float64Array, revenue: Float64Array,
): void {
  const { edges, dayTable, origin } = p;
  const stride = 2 * words;
  for (let i = lo; i < hi; i++) {
    const t = time[i]!;
    let k = dayTable[((t - origin) / DAY) | 0]!;
    while (t >= edges[k + 1]!) k++;
    orders[k]!++;
    if (amount !== null) revenue[k]! += amount[i]!;
    const at = customer[i]! * stride + (k >>> 5);
    const m = 1 << (k & 31);
    const w = bits[at]!;
    bits[at + words]! |= w & m;
    bits[at] = w | m;
  }
}

/** Customer pass of the summary: each set bit an active period, gaps of more than `window` a loss and a reactivation. */
function summaryCustomers(
  bits: Int32Array, words: number, c0: number, c1: number, n: number, window: number,
  active: Float64Array, fresh: Float64Array, repeat: Float64Array, lost: Float64Array, reactivated: Float64Array,
): void {
  for (let c = c0; c < c1; c++) {
    const from = c * 2 * words;
    let prev = -1;
    for (let j = 0; j < words; j++) {
      let w = bits[from + j]!;
      if (w === 0) continue;
      const rw = bits[from + words + j]!;
      while (w !== 0) {
        const low = w & -w;
        const k = j * 32 + 31 - Math.clz32(low);
        w ^= low;
        active[k]!++;
        if ((rw & low) !== 0) repeat[k]!++;
        if (prev < 0) fresh[k]!++;
        else if (k > prev + window) {
          lost[prev + window]!++;
          reactivated[k]!++;
        }
        prev = k;
      }
    }
    if (prev >= 0 && prev + window < n) lost[prev + window]!++;
  }
}

export function tunedPeriodSummary(table: EventTable, options: PeriodOptions, window = 1): TunedSummary {
  const { customer, time, amount } = tableColumns(table);
  const p = periodsOf(table, options);
  const n = p.count;
  const events = countBefore(time, p.edges[n]!);
  const customers = table.customerCount;
  const words = (n + 31) >>> 5;
  const bits = new Int32Array(customers * 2 * words);
  const orders = new Float64Array(n);
  const revenue = new Float64Array(n);
  for (let i = 0; i < events; i += CHUNK) summaryEvents(customer, time, amount, i, Math.min(i + CHUNK, events), p, bits, words, orders, revenue);
  const active = new Float64Array(n);
  const newCustomers = new Float64Array(n);
  const repeat = new Float64Array(n);
  const lost = new Float64Array(n);
  const reactivated = new Float64Array(n);
  for (let c = 0; c < customers; c += CHUNK) {
    summaryCustomers(bits, words, c, Math.min(c + CHUNK, customers), n, window, active, newCustomers, repeat, lost, reactivated);
  }
  const atStart = new Float64Array(n);
  let current = 0;
  for (let k = 0; k < n; k++) {
    atStart[k] = current;
    current += newCustomers[k]! + reactivated[k]! - lost[k]!;
  }
  return { first: p.base, active, newCustomers, atStart, lost, reactivated, orders, revenue, repeat };
}
