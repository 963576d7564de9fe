/**
 * The pieces of the time sort that work on one stretch of the columns: one
 * pass over the instants (order, extremes, validity), the cut of a span into
 * groups of about a given size, and the in-group sorts (a radix sort of
 * 32-bit offsets, or comparisons for wide spans) that return the stable
 * permutation for the other columns. Shared by the sort into fresh arrays
 * (sort.ts) and the sort in place of a reader's own columns (sortInPlace.ts).
 *
 * @internal
 * @module
 */
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";

/** Histogram bins over the span (a 256 KiB count array). */
const BINS = 1 << 16;

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

export interface TimeGroups {
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
export function timeGroups(time: Float64Array, span: TimeSpan, groupSize: number): TimeGroups {
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

/** Working memory of the in-group sorts. */
export class Scratch {
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

/** Working memory for a stretch of `len` events: `s` when large enough, else a new one (at least `groupSize`). */
export function scratchFor(s: Scratch, len: number, groupSize: number): Scratch {
  return s.size >= len ? s : new Scratch(Math.max(len, groupSize));
}

/** A stretch larger than this many times the group size is cut into groups again rather than sorted whole. */
const SPLIT_FACTOR = 4;
/** How many times a stretch may be cut again (each cut narrows the bins up to 65,536-fold). */
const MAX_SPLITS = 3;

/** Whether a stretch's whole milliseconds fit the radix sort's 32-bit keys. */
export function isNarrow(span: TimeSpan): boolean {
  return Math.floor(span.max) - Math.floor(span.min) < 2 ** 32;
}

/**
 * Whether a stretch of `len` events is cut into groups by its own span before it is sorted: when it
 * is too large to sort whole, or too wide for the radix sort, and has not been cut too often.
 */
export function shouldSplit(len: number, span: TimeSpan, groupSize: number, splits: number): boolean {
  return (len > SPLIT_FACTOR * groupSize || !isNarrow(span)) && splits < MAX_SPLITS;
}

/** Reorders column[lo..lo+len) by a stretch's sorting permutation, through `buffer`. */
export function gatherInt32(column: Int32Array, lo: number, len: number, order: Uint32Array, buffer: Int32Array): void {
  for (let k = 0; k < len; k++) buffer[k] = column[lo + order[k]!]!;
  column.set(buffer.subarray(0, len), lo);
}

/** {@link gatherInt32} for a Float64Array column. */
export function gatherFloat64(column: Float64Array, lo: number, len: number, order: Uint32Array, buffer: Float64Array): void {
  for (let k = 0; k < len; k++) buffer[k] = column[lo + order[k]!]!;
  column.set(buffer.subarray(0, len), lo);
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
export function radixSort(time: Float64Array, lo: number, len: number, span: TimeSpan, s: Scratch): Uint32Array {
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
export function comparisonSort(time: Float64Array, lo: number, len: number, s: Scratch): Uint32Array {
  const order = s.order.subarray(0, len);
  for (let k = 0; k < len; k++) order[k] = k;
  order.sort((a, b) => time[lo + a]! - time[lo + b]! || a - b);
  gatherTimes(time, lo, len, order, s);
  return order;
}

/** Puts time[lo..lo+len) in the given order. */
export function gatherTimes(time: Float64Array, lo: number, len: number, order: Uint32Array, s: Scratch): void {
  const sorted = s.units;
  for (let k = 0; k < len; k++) sorted[k] = time[lo + order[k]!]!;
  time.set(sorted.subarray(0, len), lo);
}

