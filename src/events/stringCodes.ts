/**
 * String customer ids -> codes, for the row path: an open-addressing hash
 * table in one Int32Array, instead of a `Map<string, number>`.
 *
 * Why this shape: at millions of distinct ids a Map lookup is a chain of
 * cache misses (bucket, entry, key), and its backing store is a few million
 * slots of the JS heap that every full garbage collection walks while the
 * row objects fill the heap. Here a slot holds the id's hash and its code
 * side by side (one cache line per probe), so a probe compares the full id
 * (`===`) only when the hashes match, and the table lives in an ArrayBuffer,
 * outside what the collector marks. The ids themselves stay in the caller's
 * dictionary (code -> id), the one array of them there is.
 *
 * @internal
 * @module
 */
import type { CustomerId } from "./types.ts";

/** FNV-1a over the string's UTF-16 code units. */
export function stringHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Codes of string ids, looked up against `dictionary` (code -> id), which the caller appends to. */
export class StringCodes {
  /** Per slot, two ints: the hash, then code + 1 (0 when the slot is empty). */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /**
   * @param dictionary - the ids by code; every code this table holds is a string there
   * @param capacity - slots to start with (a power of two, at least 2); the table doubles past half full
   * @param hash - the hash of an id (a parameter so tests can force collisions)
   */
  constructor(
    private readonly dictionary: readonly CustomerId[],
    capacity = 1 << 12,
    private readonly hash: (s: string) => number = stringHash,
  ) {
    this.slots = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
  }

  /** The code of `s`; when `s` is new it gets `next` (the caller then appends `s` to the dictionary as that code). */
  codeOf(s: string, next: number): number {
    const h = this.hash(s) | 0;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const entry = slots[2 * slot + 1]!;
      if (entry === 0) break;
      if (slots[2 * slot] === h && this.dictionary[entry - 1] === s) return entry - 1;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = h;
    slots[2 * slot + 1] = next + 1;
    // Kept under half full, so probes stay short (and always end at an empty slot).
    if (2 * ++this.count > mask) this.rehash();
    return next;
  }

  /** Doubles the table, placing each entry by its stored hash (no id is hashed again). */
  private rehash(): void {
    const old = this.slots;
    const size = old.length; // twice the old slot count: the new slot count
    const slots = new Int32Array(2 * size);
    const mask = size - 1;
    for (let k = 0; k < old.length; k += 2) {
      const entry = old[k + 1]!;
      if (entry === 0) continue;
      let slot = old[k]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[k]!;
      slots[2 * slot + 1] = entry;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
