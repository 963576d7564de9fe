/**
 * A stable argsort of float64 keys by LSD radix sort over their bit patterns:
 * four passes of 16 bits, linear in n, several times faster than a comparison
 * sort of an index array at millions of events.
 *
 * @internal
 * @module
 */

/**
 * Returns the permutation that sorts `keys` ascending, stably, or `null` when
 * the keys are already sorted (the common case of time-ordered logs, which then
 * costs one pass).
 */
export function argsortFloat64(keys: Float64Array): Uint32Array | null {
  const n = keys.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return null;

  // Map each double to two uint32 words whose unsigned order is the numeric
  // order: flip all bits of negatives, only the sign bit of the others.
  const words = new Uint32Array(keys.buffer, keys.byteOffset, n * 2).slice();
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + 1]!;
    if (hi & 0x80000000) {
      words[2 * i + 1] = ~hi >>> 0;
      words[2 * i] = ~words[2 * i]! >>> 0;
    } else {
      words[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }

  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((words[2 * i + word]! >>> shift) & 0xffff) + 1]!++;
    // A pass where every key has the same digit changes nothing: skip it.
    let trivial = false;
    for (let d = 1; d <= 65536; d++) {
      if (counts[d] === n) {
        trivial = true;
        break;
      }
      if (counts[d] !== 0) break;
    }
    if (trivial) continue;
    for (let d = 1; d <= 65536; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const idx = order[i]!;
      const digit = (words[2 * idx + word]! >>> shift) & 0xffff;
      next[counts[digit]!++] = idx;
    }
    const swap = order;
    order = next;
    next = swap;
  }
  return order;
}
