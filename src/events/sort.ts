/**
 * A stable argsort of instants: an LSD radix sort of their offsets from the
 * minimum, 12 bits a pass (three passes cover 2^36 ms, about two years),
 * with the keys travelling alongside their indexes so that every pass reads
 * memory in order. Fresh memory is the main cost at millions of rows (every
 * new page faults on first write), so the scratch is two key and two index
 * buffers, and the last key buffer becomes the sorted output.
 *
 * @internal
 * @module
 */

const DIGIT_BITS = 12;
const RADIX = 1 << DIGIT_BITS;
const MASK = RADIX - 1;
/** Beyond this span (about 8,900 years of ms) or for fractional ms, a comparison sort is used. */
const MAX_RADIX_RANGE = 2 ** 48;

/** The result of {@link argsortTimes}: the permutation and the sorted values. */
export interface SortedTimes {
  /** order[i] = index of the i-th smallest value (stable: equal values keep their input order). */
  order: Uint32Array;
  /** The values in ascending order. */
  sorted: Float64Array;
}

/**
 * Sorts finite `times` ascending, stably. Returns `null` when they are already
 * sorted (the common case of time-ordered logs, which then costs one pass).
 */
export function argsortTimes(times: Float64Array): SortedTimes | null {
  const n = times.length;
  let sorted = true;
  let integral = true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (i > 0 && times[i - 1]! > t) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
    if (t !== Math.floor(t)) integral = false;
  }
  if (sorted) return null;
  // Offsets from the minimum must be exact integers for the integer sorts.
  if (!integral || max - min > Number.MAX_SAFE_INTEGER) return comparisonArgsort(times);
  const indexBits = Math.max(1, Math.ceil(Math.log2(n)));
  if (indexBits <= 31 && max - min < 2 ** (64 - indexBits)) return packedArgsort(times, min, indexBits);
  return max - min < MAX_RADIX_RANGE ? radixArgsort(times, min, max - min) : comparisonArgsort(times);
}

/**
 * Packs each instant's offset from the minimum and its index into one unsigned
 * 64-bit integer, (offset << indexBits) | index, and lets the engine's native
 * BigUint64Array sort order them: no comparator calls, no BigInt objects (the
 * words are written through a Uint32Array view), and the index in the low bits
 * makes equal instants keep their input order. The sorted keys are unpacked in
 * place into the output Float64Array, so the only other memory is the order.
 */
function packedArgsort(times: Float64Array, min: number, indexBits: number): SortedTimes {
  const n = times.length;
  const buffer = new ArrayBuffer(n * 8);
  const words = new Uint32Array(buffer);
  const lowBits = 32 - indexBits; // the offset's bits that share the low word with the index
  const lowSpan = 2 ** lowBits;
  const indexSpan = 2 ** indexBits;
  // Little-endian words: the low word of element i is words[2i].
  for (let i = 0; i < n; i++) {
    const offset = times[i]! - min;
    const high = Math.floor(offset / lowSpan);
    words[2 * i] = (offset - high * lowSpan) * indexSpan + i;
    words[2 * i + 1] = high;
  }
  new BigUint64Array(buffer).sort();
  const order = new Uint32Array(n);
  const sorted = new Float64Array(buffer);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i]!;
    const high = words[2 * i + 1]!;
    order[i] = low % indexSpan;
    sorted[i] = min + high * lowSpan + Math.floor(low / indexSpan); // overwrites the two words just read
  }
  return { order, sorted };
}

function radixArgsort(times: Float64Array, min: number, range: number): SortedTimes {
  const n = times.length;
  let passes = 1;
  while (2 ** (passes * DIGIT_BITS) <= range) passes++;
  let keys = new Float64Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = times[i]! - min;
    order[i] = i;
  }
  let nextKeys = new Float64Array(n);
  let nextOrder = new Uint32Array(n);
  const counts = new Uint32Array(RADIX);
  for (let p = 0, divisor = 1; p < passes; p++, divisor *= RADIX) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(keys[i]! / divisor) & MASK]!++;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const at = counts[Math.floor(k / divisor) & MASK]!++;
      nextKeys[at] = k;
      nextOrder[at] = order[i]!;
    }
    [keys, nextKeys] = [nextKeys, keys];
    [order, nextOrder] = [nextOrder, order];
  }
  for (let i = 0; i < n; i++) keys[i]! += min;
  return { order, sorted: keys };
}

/** For fractional milliseconds or enormous spans: a comparison sort of indexes, ties by index. */
function comparisonArgsort(times: Float64Array): SortedTimes {
  const order = new Uint32Array(times.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => times[a]! - times[b]! || a - b);
  const sorted = new Float64Array(times.length);
  for (let i = 0; i < order.length; i++) sorted[i] = times[order[i]!]!;
  return { order, sorted };
}
