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
 * ids are coded in input order and renumbered at the end.
 *
 * @internal
 * @module
 */
import { IdEncoder } from "./rows.ts";
import type { CustomerId } from "./types.ts";

/** Events per group: a group's columns (20 bytes an event) then fit in a core's L2 cache. */
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
}

/**
 * Sorts valid events by time, stably, and encodes their customer ids.
 *
 * @param ids - customer id per row, every one valid
 * @param time - finite epoch ms per row
 * @param amounts - amounts per row known to pass `quickMinorUnits` with `factor`, or null for a table without amounts
 * @param factor - 10^currencyScale, or 1 when `amounts` are minor units already
 * @param ownsTime - whether `time` may become the table's own array (else it is copied when already sorted)
 * @param groupSize - target events per group (tests make it small to exercise many groups)
 */
export function orderEvents(
  ids: ArrayLike<CustomerId>,
  time: Float64Array,
  amounts: Float64Array | null,
  factor: number,
  ownsTime = false,
  groupSize = GROUP_SIZE,
): OrderedEvents {
  const n = time.length;
  const encoder = new IdEncoder(ids);
  const span = timeSpan(time);
  // Column by column (each loop writes one fresh array in sequence) measured
  // a third faster here than one loop; the scattering below is the other way round.
  if (span.sorted) {
    const amount = amounts === null ? null : new Float64Array(n);
    for (let i = 0; i < n && amount !== null; i++) amount[i] = toUnits(amounts![i]!, factor);
    return { customer: encoder.codes(ids), time: ownsTime ? time : time.slice(), amount, ids: encoder.ids() };
  }
  const groups = timeGroups(time, span, Math.max(1, groupSize));
  const out = new Float64Array(n);
  const customer = new Int32Array(n);
  const amount = amounts === null ? null : new Float64Array(n);
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
  }
  const scratch = new Scratch(groups.largest);
  for (let g = 0; g + 1 < groups.starts.length; g++) {
    sortGroup(out, customer, amount, groups.starts[g]!, groups.starts[g + 1]!, scratch, span.integral, base === null ? null : encoder);
  }
  if (base !== null) return { customer, time: out, amount, ids: encoder.ids() };
  return { customer, time: out, amount, ids: renumber(customer, encoder.ids()) };
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

interface TimeSpan {
  sorted: boolean;
  integral: boolean;
  min: number;
  max: number;
}

function timeSpan(time: Float64Array): TimeSpan {
  let sorted = true;
  let integral = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (i > 0 && time[i - 1]! > t) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
    if (t !== Math.floor(t)) integral = false;
  }
  return { sorted, integral, min, max };
}

interface TimeGroups {
  /** bin = floor((t - min) * scale), in 0..bins-1 (monotone in t, so groups are contiguous in time). */
  scale: number;
  /** The group of each bin. */
  groupOf: Int32Array;
  /** Group g holds output positions starts[g]..starts[g+1]-1. */
  starts: Int32Array;
  /** Events in the largest group. */
  largest: number;
}

/** Counts events per bin and cuts the bins into groups of at least `groupSize` events (the last may be smaller). */
function timeGroups(time: Float64Array, span: TimeSpan, groupSize: number): TimeGroups {
  // Not sorted, so max > min. Epoch ms are within +-8.64e15, so the width is finite.
  const bins = Math.min(BINS, 2 ** Math.ceil(Math.log2(time.length / 16 + 1)));
  // A span so narrow that the scale overflows (subnormal differences) puts everything in bin 0.
  const widthScale = (bins - 1) / (span.max - span.min);
  const scale = Number.isFinite(widthScale) ? widthScale : 0;
  const counts = new Int32Array(bins);
  for (let i = 0; i < time.length; i++) counts[Math.floor((time[i]! - span.min) * scale)]!++;
  const groupOf = new Int32Array(bins);
  const starts = [0];
  let filled = 0;
  let largest = 0;
  for (let b = 0; b < bins; b++) {
    groupOf[b] = starts.length - 1;
    filled += counts[b]!;
    const size = filled - starts[starts.length - 1]!;
    if (size >= groupSize || b === bins - 1) {
      largest = Math.max(largest, size);
      starts.push(filled);
    }
  }
  return { scale, groupOf, starts: Int32Array.from(starts), largest };
}

/** Reused per-group working memory, sized for the largest group. */
class Scratch {
  /** Two halves of radix keys. */
  readonly words: Uint32Array;
  readonly codes: Int32Array;
  readonly units: Float64Array;
  readonly order: Uint32Array;
  readonly order2: Uint32Array;
  /** One histogram per radix digit (32-bit keys take at most three). */
  readonly counts = new Uint32Array(3 << MAX_DIGIT_BITS);

  constructor(size: number) {
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
 * Sorts positions lo..hi-1 of the three columns by time, stably: by an LSD
 * radix sort of 32-bit offsets when the instants are integers less than 2^32
 * ms (49 days) apart, as a group of a large table nearly always is; else by
 * a comparison sort of indexes. Ties keep their index order either way.
 */
function sortGroup(
  time: Float64Array,
  customer: Int32Array,
  amount: Float64Array | null,
  lo: number,
  hi: number,
  s: Scratch,
  integral: boolean,
  slots: IdEncoder | null,
): void {
  const len = hi - lo;
  let sorted = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = lo; i < hi; i++) {
    const t = time[i]!;
    if (i > lo && time[i - 1]! > t) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (sorted) {
    // Groups come in time order, so coding slots group by group hands out codes by first event.
    for (let i = lo; i < hi && slots !== null; i++) customer[i] = slots.codeOfSlot(customer[i]!);
    return;
  }
  const order = integral && max - min < 2 ** 32 ? radixSort(time, lo, len, min, max - min, s) : comparisonSort(time, lo, len, s);
  const codes = s.codes;
  if (slots === null) for (let k = 0; k < len; k++) codes[k] = customer[lo + order[k]!]!;
  else for (let k = 0; k < len; k++) codes[k] = slots.codeOfSlot(customer[lo + order[k]!]!);
  customer.set(codes.subarray(0, len), lo);
  if (amount !== null) {
    const units = s.units;
    for (let k = 0; k < len; k++) units[k] = amount[lo + order[k]!]!;
    amount.set(units.subarray(0, len), lo);
  }
}

/**
 * Sorts time[lo..lo+len) in place by an LSD radix sort of offsets from `min`
 * (< 2^32) and returns the stable sorting permutation, for the other columns.
 * One counting pass makes every digit's histogram.
 */
function radixSort(time: Float64Array, lo: number, len: number, min: number, range: number, s: Scratch): Uint32Array {
  const bits = Math.max(1, Math.ceil(Math.log2(range + 1)));
  const passes = Math.ceil(bits / MAX_DIGIT_BITS);
  const digitBits = Math.ceil(bits / passes);
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
    const key = time[lo + k]! - min;
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
  for (let k = 0; k < len; k++) time[lo + k] = min + keys[k]!;
  return order;
}

/** Sorts time[lo..lo+len) in place by comparisons (fractional ms or wide spans) and returns the stable sorting permutation. */
function comparisonSort(time: Float64Array, lo: number, len: number, s: Scratch): Uint32Array {
  const order = s.order.subarray(0, len);
  for (let k = 0; k < len; k++) order[k] = k;
  order.sort((a, b) => time[lo + a]! - time[lo + b]! || a - b);
  const sorted = s.units;
  for (let k = 0; k < len; k++) sorted[k] = time[lo + order[k]!]!;
  time.set(sorted.subarray(0, len), lo);
  return order;
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
