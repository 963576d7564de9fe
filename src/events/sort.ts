/**
 * Puts valid event columns in time order while writing the table's own
 * arrays.
 *
 * Why this shape: at millions of rows the costs that matter are not
 * comparisons but memory. Reading a column at random positions (a gather after
 * an argsort) misses the cache and the TLB on nearly every read, and every
 * fresh page costs a fault on first write. So the events are split by time
 * into groups of a few tens of thousands (a histogram of up to 65,536 bins over
 * the span, cut into groups of about `groupSize` events), each event is
 * written once, straight into its group's stretch of the three output arrays
 * (a few hundred sequential write streams), and each group is then sorted
 * where it lies, small enough to stay in cache (an LSD radix sort of 32-bit
 * offsets). Groups are in time order, so the whole is sorted; writes into a
 * group follow input order and the in-group sort is stable, so equal instants
 * keep their input order.
 *
 * Customer codes must follow first events. Integer ids of a dense range are
 * carried through the sort as offsets into the encoder's lookup array and
 * coded group by group as the groups are sorted, that is in time order; other
 * ids are coded in input order and renumbered at the end. Event name codes,
 * when the table has them, move with their events as the amounts do.
 *
 * @internal
 * @module
 */
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";
import { IdEncoder } from "./idEncoder.ts";
import type { CustomerId } from "./types.ts";

/** Events per group: a group's columns (20 bytes an event, 640 KiB) then stay in cache while sorted. */
const GROUP_SIZE = 1 << 15;
/** Histogram bins over the span (a 256 KiB count array). */
const BINS = 1 << 16;

/** The table's arrays, in time order. */
export interface OrderedEvents {
  /** Customer code per event, numbered in order of first event. */
  customer: Int32Array;
  /** Epoch ms, ascending. */
  time: Float64Array;
  /** Minor units per event, or null without amounts. */
  amount: Float64Array | null;
  /** The id of each customer code. */
  ids: ArrayLike<CustomerId>;
  /** Event name code per event (the `event` option, in time order), or null without names. */
  event: Int32Array | null;
}

/** Options of {@link orderEvents}. */
export interface OrderOptions {
  /** Whether `time` may become the table's own array (else it is copied when already sorted). */
  ownsTime?: boolean;
  /** `timeSpan(time)`, when the caller has it already. */
  span?: TimeSpan;
  /** Target events per group (tests make it small to exercise many groups). */
  groupSize?: number;
  /** Event name codes per row, carried through the sort (the array may become the table's own). */
  event?: Int32Array | null;
}

/**
 * Sorts valid events by time, stably, and encodes their customer ids.
 *
 * @param ids - customer id per row, every one valid
 * @param time - finite epoch ms per row
 * @param amounts - amounts per row known to pass `quickMinorUnits` with `factor`, or null for a table without amounts
 * @param factor - 10^currencyScale, or 1 when `amounts` are minor units already
 * @param options - see {@link OrderOptions}
 */
export function orderEvents(
  ids: ArrayLike<CustomerId>,
  time: Float64Array,
  amounts: Float64Array | null,
  factor: number,
  { ownsTime = false, span = timeSpan(time), groupSize = GROUP_SIZE, event = null }: OrderOptions = {},
): OrderedEvents {
  const n = time.length;
  const encoder = new IdEncoder(ids);
  // Column by column (each loop writes one fresh array in sequence) measured
  // a third faster here than one loop; the scattering below is the other way round.
  if (span.sorted) {
    const own = tableArrays(n, !ownsTime, amounts !== null);
    const amount = own.amount;
    for (let i = 0; i < n && amount !== null; i++) amount[i] = toUnits(amounts![i]!, factor);
    if (own.time !== null) own.time.set(time);
    return { customer: encoder.codes(ids, own.customer), time: own.time ?? time, amount, ids: encoder.ids(), event };
  }
  const groups = timeGroups(time, span, Math.max(1, groupSize));
  const { time: out, customer, amount } = tableArrays(n, true, amounts !== null) as { time: Float64Array; customer: Int32Array; amount: Float64Array | null };
  const names = event === null ? null : new Int32Array(n);
  const cursor = new GroupCursor(groups, span.min);
  // Integer ids of a dense range travel as slots and are coded once in time
  // order; other ids are coded now, in input order, and renumbered after.
  const base = encoder.slotBase;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    const at = cursor.place(t);
    out[at] = t;
    customer[at] = base !== null ? (ids[i] as number) - base : encoder.code(ids[i]!);
    if (amount !== null) amount[at] = toUnits(amounts![i]!, factor);
    if (names !== null) names[at] = event![i]!;
  }
  const sorter = new GroupSorter(out, customer, amount, base === null ? null : encoder, groupSize, names);
  for (let g = 0; g + 1 < groups.starts.length; g++) sorter.sort(groups.starts[g]!, groups.starts[g + 1]!, 0);
  if (base !== null) return { customer, time: out, amount, ids: encoder.ids(), event: names };
  return { customer, time: out, amount, ids: renumber(customer, encoder.ids()), event: names };
}

/**
 * The table's arrays, in one ArrayBuffer: V8 may start a full garbage
 * collection at each large allocation of memory outside its heap, and with
 * millions of row objects in the heap each one costs more than the sort.
 */
function tableArrays(n: number, withTime: boolean, withAmount: boolean): { time: Float64Array | null; customer: Int32Array; amount: Float64Array | null } {
  const buffer = new ArrayBuffer(n * ((withTime ? 8 : 0) + (withAmount ? 8 : 0) + 4));
  const time = withTime ? new Float64Array(buffer, 0, n) : null;
  const amount = withAmount ? new Float64Array(buffer, withTime ? 8 * n : 0, n) : null;
  return { time, amount, customer: new Int32Array(buffer, n * ((withTime ? 8 : 0) + (withAmount ? 8 : 0)), n) };
}

/** Minor units of an amount known to pass `quickMinorUnits` (so the rounding is exact); + 0 turns -0 into 0. */
function toUnits(amount: number, factor: number): number {
  return Math.round(amount * factor) + 0;
}

/** The next output position for an instant: the next free slot of its group, in input order. */
class GroupCursor {
  private readonly next: Int32Array;

  constructor(
    private readonly groups: TimeGroups,
    private readonly min: number,
  ) {
    this.next = groups.starts.slice(0, -1);
  }

  place(t: number): number {
    return this.next[this.groups.groupOf[Math.floor((t - this.min) * this.groups.scale)]!]!++;
  }
}

/** What one pass over the instants tells. */
export interface TimeSpan {
  /** Ascending (ties allowed). */
  sorted: boolean;
  /** Whole milliseconds only. */
  integral: boolean;
  min: number;
  max: number;
  /** Every instant is a number within the range of Date (no NaN). */
  valid: boolean;
}

/** Reads the instants once: order, whole ms, extremes, validity. */
export function timeSpan(time: Float64Array): TimeSpan {
  let sorted = true;
  let integral = true;
  let nan = false;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (i > 0 && time[i - 1]! > t) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
    if (t !== Math.floor(t)) integral = false;
    if (t !== t) nan = true;
  }
  return { sorted, integral, min, max, valid: !nan && min >= -MAX_EPOCH_MS && max <= MAX_EPOCH_MS };
}

interface TimeGroups {
  /** bin = floor((t - min) * scale), in 0..bins-1 (monotone in t, so groups are contiguous in time). */
  scale: number;
  /** The group of each bin. */
  groupOf: Int32Array;
  /** Group g holds output positions starts[g]..starts[g+1]-1. */
  starts: Int32Array;
}

/** Groups narrower than this (ms) are sorted by a radix sort of 32-bit offsets. */
const MAX_GROUP_WIDTH = 2 ** 31;

/**
 * Counts events per bin and cuts the bins into groups of about `groupSize`
 * events and at most MAX_GROUP_WIDTH ms wide (unless one bin is wider).
 */
function timeGroups(time: Float64Array, span: TimeSpan, groupSize: number): TimeGroups {
  const bins = Math.min(BINS, 2 ** Math.ceil(Math.log2(time.length / 16 + 1)));
  // Epoch ms are within +-8.64e15, so the width is finite; a span so narrow
  // that the scale overflows (subnormal differences) puts everything in bin 0.
  const widthScale = (bins - 1) / (span.max - span.min);
  const scale = Number.isFinite(widthScale) ? widthScale : 0;
  const binsPerGroup = Math.max(1, Math.floor(MAX_GROUP_WIDTH * scale) - 1);
  const counts = new Int32Array(bins);
  for (let i = 0; i < time.length; i++) counts[Math.floor((time[i]! - span.min) * scale)]!++;
  const groupOf = new Int32Array(bins);
  const starts = [0];
  let filled = 0;
  let firstBin = 0;
  for (let b = 0; b < bins; b++) {
    groupOf[b] = starts.length - 1;
    filled += counts[b]!;
    if (filled - starts[starts.length - 1]! >= groupSize || b + 1 - firstBin >= binsPerGroup || b === bins - 1) {
      starts.push(filled);
      firstBin = b + 1;
    }
  }
  return { scale, groupOf, starts: Int32Array.from(starts) };
}

/** A group larger than this many times `groupSize` is split again rather than sorted whole. */
const SPLIT_FACTOR = 4;
/** How many times a group may be split again (each split narrows the bins up to 65,536-fold). */
const MAX_SPLITS = 3;

/**
 * Sorts the groups of the table's arrays where they lie. Groups come in time
 * order, so coding id slots group by group hands out codes by first event.
 */
class GroupSorter {
  private scratch = new Scratch(0);

  constructor(
    private readonly time: Float64Array,
    private readonly customer: Int32Array,
    private readonly amount: Float64Array | null,
    private readonly slots: IdEncoder | null,
    private readonly groupSize: number,
    private readonly event: Int32Array | null = null,
  ) {}

  /** Sorts positions lo..hi-1 by time, stably; `splits`: how many times this stretch was split already. */
  sort(lo: number, hi: number, splits: number): void {
    const span = timeSpan(this.time.subarray(lo, hi));
    if (span.sorted) {
      for (let i = lo; i < hi && this.slots !== null; i++) this.customer[i] = this.slots.codeOfSlot(this.customer[i]!);
      return;
    }
    const narrow = Math.floor(span.max) - Math.floor(span.min) < 2 ** 32;
    if ((hi - lo > SPLIT_FACTOR * this.groupSize || !narrow) && splits < MAX_SPLITS) this.split(lo, hi, span, splits);
    else if (narrow) this.permute(lo, hi, radixSort(this.time, lo, hi - lo, span, this.scratchFor(hi - lo)));
    else this.permute(lo, hi, comparisonSort(this.time, lo, hi - lo, this.scratchFor(hi - lo)));
  }

  /**
   * Cuts a stretch too large or too wide to sort whole (a lone far-off
   * instant makes wide bins, many events in one bin a large group) into
   * groups by its own span, and sorts those.
   */
  private split(lo: number, hi: number, span: TimeSpan, splits: number): void {
    const time = this.time.slice(lo, hi);
    const customer = this.customer.slice(lo, hi);
    const amount = this.amount?.slice(lo, hi) ?? null;
    const event = this.event?.slice(lo, hi) ?? null;
    const groups = timeGroups(time, span, this.groupSize);
    const cursor = new GroupCursor(groups, span.min);
    for (let i = 0; i < time.length; i++) {
      const at = lo + cursor.place(time[i]!);
      this.time[at] = time[i]!;
      this.customer[at] = customer[i]!;
      if (amount !== null) this.amount![at] = amount[i]!;
      if (event !== null) this.event![at] = event[i]!;
    }
    for (let g = 0; g + 1 < groups.starts.length; g++) this.sort(lo + groups.starts[g]!, lo + groups.starts[g + 1]!, splits + 1);
  }

  /** Applies the sorting permutation of a stretch (whose instants are sorted already) to its customers and amounts. */
  private permute(lo: number, hi: number, order: Uint32Array): void {
    const len = hi - lo;
    const customer = this.customer;
    const codes = this.scratch.codes;
    if (this.slots === null) for (let k = 0; k < len; k++) codes[k] = customer[lo + order[k]!]!;
    else for (let k = 0; k < len; k++) codes[k] = this.slots.codeOfSlot(customer[lo + order[k]!]!);
    customer.set(codes.subarray(0, len), lo);
    const amount = this.amount;
    if (amount !== null) {
      const units = this.scratch.units;
      for (let k = 0; k < len; k++) units[k] = amount[lo + order[k]!]!;
      amount.set(units.subarray(0, len), lo);
    }
    const event = this.event;
    if (event !== null) {
      for (let k = 0; k < len; k++) codes[k] = event[lo + order[k]!]!;
      event.set(codes.subarray(0, len), lo);
    }
  }

  /** Working memory for a stretch of `len` events, reused from stretch to stretch. */
  private scratchFor(len: number): Scratch {
    if (this.scratch.size < len) this.scratch = new Scratch(Math.max(len, this.groupSize));
    return this.scratch;
  }
}

/** Working memory of the in-group sorts. */
class Scratch {
  /** Two halves of radix keys. */
  readonly words: Uint32Array;
  readonly codes: Int32Array;
  readonly units: Float64Array;
  readonly order: Uint32Array;
  readonly order2: Uint32Array;
  /** One histogram per radix digit (32-bit keys take at most three). */
  readonly counts = new Uint32Array(3 << MAX_DIGIT_BITS);

  constructor(readonly size: number) {
    this.words = new Uint32Array(2 * size);
    this.codes = new Int32Array(size);
    this.units = new Float64Array(size);
    this.order = new Uint32Array(size);
    this.order2 = new Uint32Array(size);
  }
}

/** Digits of the in-group radix sort: 2^11 counters stay in L1 cache. */
const MAX_DIGIT_BITS = 11;

/**
 * Sorts time[lo..lo+len) in place and returns the stable sorting
 * permutation, for the other columns: an LSD radix sort of each instant's
 * whole milliseconds since floor(min) (less than 2^32), one counting pass
 * making every digit's histogram; for fractional instants, runs of equal
 * whole milliseconds are then put in exact order.
 */
function radixSort(time: Float64Array, lo: number, len: number, span: TimeSpan, s: Scratch): Uint32Array {
  const low = Math.floor(span.min);
  const keyBits = Math.max(1, Math.ceil(Math.log2(Math.floor(span.max) - low + 1)));
  const passes = Math.ceil(keyBits / MAX_DIGIT_BITS);
  const digitBits = Math.ceil(keyBits / passes);
  const radix = 1 << digitBits;
  const mask = radix - 1;
  // Keys and indexes ping-pong between the two halves of the scratch words and the two orders.
  let keys = s.words.subarray(0, len);
  let nextKeys = s.words.subarray(len, 2 * len);
  let order = s.order;
  let nextOrder = s.order2;
  const counts = s.counts; // digit p's counters are counts[p * radix ..]
  counts.fill(0, 0, passes * radix);
  for (let k = 0; k < len; k++) {
    const key = Math.floor(time[lo + k]!) - low;
    keys[k] = key;
    order[k] = k;
    for (let p = 0, shift = 0; p < passes; p++, shift += digitBits) counts[p * radix + ((key >>> shift) & mask)]!++;
  }
  for (let p = 0; p < passes; p++) {
    let sum = 0;
    for (let d = p * radix; d < (p + 1) * radix; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
  }
  for (let p = 0, shift = 0; p < passes; p++, shift += digitBits) {
    const base = p * radix;
    for (let k = 0; k < len; k++) {
      const key = keys[k]!;
      const at = counts[base + ((key >>> shift) & mask)]!++;
      nextKeys[at] = key;
      nextOrder[at] = order[k]!;
    }
    [keys, nextKeys] = [nextKeys, keys];
    [order, nextOrder] = [nextOrder, order];
  }
  if (span.integral) {
    for (let k = 0; k < len; k++) time[lo + k] = low + keys[k]!;
    return order;
  }
  orderTies(time, lo, keys, order.subarray(0, len));
  gatherTimes(time, lo, len, order, s);
  return order;
}

/** Orders each run of equal keys (whole milliseconds) by the exact instants, stably. */
function orderTies(time: Float64Array, lo: number, keys: Uint32Array, order: Uint32Array): void {
  let start = 0;
  for (let k = 1; k <= order.length; k++) {
    if (k < order.length && keys[k] === keys[start]) continue;
    if (k - start > 1) order.subarray(start, k).sort((a, b) => time[lo + a]! - time[lo + b]! || a - b);
    start = k;
  }
}

/** Sorts time[lo..lo+len) in place by comparisons (spans too wide for the radix sort) and returns the stable sorting permutation. */
function comparisonSort(time: Float64Array, lo: number, len: number, s: Scratch): Uint32Array {
  const order = s.order.subarray(0, len);
  for (let k = 0; k < len; k++) order[k] = k;
  order.sort((a, b) => time[lo + a]! - time[lo + b]! || a - b);
  gatherTimes(time, lo, len, order, s);
  return order;
}

/** Puts time[lo..lo+len) in the given order. */
function gatherTimes(time: Float64Array, lo: number, len: number, order: Uint32Array, s: Scratch): void {
  const sorted = s.units;
  for (let k = 0; k < len; k++) sorted[k] = time[lo + order[k]!]!;
  time.set(sorted.subarray(0, len), lo);
}

/** Renumbers codes in order of first appearance in `customer` (now time order), in place; returns the ids in the new order. */
function renumber(customer: Int32Array, ids: ArrayLike<CustomerId>): CustomerId[] {
  const code = new Int32Array(ids.length).fill(-1);
  const renumbered: CustomerId[] = [];
  for (let i = 0; i < customer.length; i++) {
    const old = customer[i]!;
    let c = code[old]!;
    if (c < 0) {
      c = code[old] = renumbered.length;
      renumbered.push(ids[old]!);
    }
    customer[i] = c;
  }
  return renumbered;
}
