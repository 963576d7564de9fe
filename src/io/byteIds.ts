/**
 * Customer ids of a text file, coded by their UTF-8 bytes: each distinct id
 * gets a code 0, 1, 2, ... in order of first appearance, and becomes a string
 * once, at the end, not once per row.
 *
 * Why this shape: the ids of a 10M-row export repeat (a customer buys again
 * and again), and a `Map` keyed by string needs a string per row to look up,
 * which is an allocation and a hash of a fresh string every time. Here the
 * bytes are hashed where they lie (FNV-1a) into an open-addressing table of
 * codes, and compared with the one stored copy of each id's bytes.
 *
 * @internal
 * @module
 */
import type { CustomerId } from "../events/types.ts";

const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** Byte strings -> codes in order of first use; the ids as strings at the end. */
export class ByteIdDictionary {
  /** Per table slot: code + 1, or 0 when empty. */
  private table = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  /** Per code: its hash, and where its bytes are in `pool`. */
  private hashes = new Int32Array(1 << 12);
  private offsets = new Int32Array((1 << 12) + 1);
  private pool = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;
  private ascii = true;

  /** @param fatal - whether bytes that are not UTF-8 throw (text files, checked already) or become U+FFFD (Parquet, as hyparquet decodes) */
  constructor(private readonly fatal = true) {}

  /** How many distinct ids have been coded. */
  get size(): number {
    return this.count;
  }

  /** The code of the id whose UTF-8 bytes are b[start, end). */
  codeOfBytes(b: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const table = this.table;
    const mask = this.mask;
    const length = end - start;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === h) {
        const at = this.offsets[code]!;
        if (this.offsets[code + 1]! - at === length && this.sameBytes(b, start, at, length)) return code;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(b, start, end, h, slot);
  }

  /** The code of an id given as text (one that came quoted, or through the general path); text ids only. */
  codeOf(id: CustomerId): number {
    const bytes = encoder.encode(id as string);
    return this.codeOfBytes(bytes, 0, bytes.length);
  }

  /** The ids as strings, by code. */
  ids(): string[] {
    const n = this.count;
    const offsets = this.offsets;
    const out = new Array<string>(n);
    if (this.ascii) {
      // One string of all the bytes, cut into ids (slices share it; no decoding per id).
      const all = latin1(this.pool, this.used);
      for (let c = 0; c < n; c++) out[c] = all.slice(offsets[c]!, offsets[c + 1]!);
    } else {
      const utf8 = this.fatal ? strict : lenient;
      for (let c = 0; c < n; c++) out[c] = utf8.decode(this.pool.subarray(offsets[c]!, offsets[c + 1]!));
    }
    return out;
  }

  private sameBytes(b: Uint8Array, start: number, at: number, length: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < length; k++) if (b[start + k] !== pool[at + k]) return false;
    return true;
  }

  private insert(b: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const code = this.count++;
    const length = end - start;
    if (this.count + 1 > this.hashes.length) {
      this.hashes = grow(this.hashes, this.hashes.length * 2);
      this.offsets = grow(this.offsets, this.offsets.length * 2);
    }
    if (this.used + length > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.used + length));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    const pool = this.pool;
    for (let k = 0; k < length; k++) {
      const c = b[start + k]!;
      if (c > 0x7f) this.ascii = false;
      pool[this.used + k] = c;
    }
    this.hashes[code] = h;
    this.offsets[code] = this.used;
    this.used += length;
    this.offsets[code + 1] = this.used;
    this.table[slot] = code + 1;
    // Kept under half full, so probes stay short.
    if (2 * this.count > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let code = 0; code < this.count; code++) {
      let slot = this.hashes[code]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = code + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

function grow(a: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}

/** The bytes as one string of char codes 0..255 (ASCII here), in pieces small enough for fromCharCode. */
function latin1(bytes: Uint8Array, length: number): string {
  const parts: string[] = [];
  for (let at = 0; at < length; at += 8192) parts.push(String.fromCharCode.apply(null, bytes.subarray(at, Math.min(length, at + 8192)) as unknown as number[]));
  return parts.join("");
}
