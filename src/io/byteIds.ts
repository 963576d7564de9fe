/**
 * Customer ids of a text file, coded by their UTF-8 bytes: each distinct id
 * gets a code 0, 1, 2, ... in order of first appearance, and becomes a string
 * once, at the end, not once per row.
 *
 * Why this shape: the ids of a 10M-row export repeat (a customer buys again
 * and again), and a `Map` keyed by string needs a string per row to look up,
 * which is an allocation and a hash of a fresh string every time. Here the
 * bytes are hashed where they lie (FNV-1a) into an open-addressing table of
 * codes, and compared with the one stored copy of each id's bytes. Each slot
 * holds the code and the hash side by side: with a million distinct ids the
 * tables outgrow the cache, and a probe then costs one miss, not two.
 *
 * Most exports number their customers: `12345`, `C12345`, `user_12345`. An
 * id that is the first id's prefix followed by a number written the one way
 * `String(n)` writes it (no sign, no leading zero) below 2^23 is looked up in
 * an array indexed by that number instead: a read into a few megabytes where
 * the hash table's probe misses the cache, and no bytes kept. Whether an id
 * takes that path depends on its bytes and the first id only, so the same id
 * always finds the same code.
 *
 * @internal
 * @module
 */
import type { CustomerId } from "../events/types.ts";

const encoder = new TextEncoder();
/** Numbers below this take the lookup array (of at most 32 MiB), larger ones the hash table. */
const NUMBERED_LIMIT = 1 << 23;
const DIGIT_0 = 48;
const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** Byte strings -> codes in order of first use; the ids as strings at the end. */
export class ByteIdDictionary {
  /** Per table slot, two numbers: code + 1 (0 when empty) and the code's hash. */
  private table = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  /** Per code: its hash, and where its bytes are in `pool`. */
  private hashes = new Int32Array(1 << 12);
  private offsets = new Int32Array((1 << 12) + 1);
  private pool = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;
  /** Codes in the hash table (the others are numbered). */
  private hashed = 0;
  private ascii = true;
  /** The first id's bytes before its final digits (null until the first id). */
  private prefix: Uint8Array | null = null;
  /** Per number below NUMBERED_LIMIT (as far as grown): code + 1, or 0. */
  private numbered = new Int32Array(0);
  /** Per code: the number after the prefix, or -1 for an id kept as bytes. */
  private numbers = new Int32Array(1 << 12);

  /** @param fatal - whether bytes that are not UTF-8 throw (text files, checked already) or become U+FFFD (Parquet, as hyparquet decodes) */
  constructor(private readonly fatal = true) {}

  /** How many distinct ids have been coded. */
  get size(): number {
    return this.count;
  }

  /** The code of the id whose UTF-8 bytes are b[start, end). */
  codeOfBytes(b: Uint8Array, start: number, end: number): number {
    const n = this.numberOf(b, start, end);
    if (n >= 0) {
      const numbered = n < this.numbered.length ? this.numbered : this.growNumbered(n);
      const entry = numbered[n]!;
      if (entry !== 0) return entry - 1;
      const code = this.newCode(0);
      numbered[n] = code + 1;
      this.numbers[code] = n;
      return code;
    }
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const table = this.table;
    const mask = this.mask;
    const length = end - start;
    let slot = h & mask;
    for (;;) {
      const entry = table[2 * slot]!;
      if (entry === 0) break;
      const code = entry - 1;
      if (table[2 * slot + 1] === h) {
        const at = this.offsets[code]!;
        if (this.offsets[code + 1]! - at === length && this.sameBytes(b, start, at, length)) return code;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(b, start, end, h, slot);
  }

  /** Whether the id of `code` is the empty string (a reader that codes every value, names included, checks it after). */
  isEmpty(code: number): boolean {
    return this.numbers[code]! < 0 && this.offsets[code + 1] === this.offsets[code];
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
    const numbers = this.numbers;
    const out = new Array<string>(n);
    const utf8 = this.fatal ? strict : lenient;
    const prefix = this.prefix === null ? "" : utf8.decode(this.prefix);
    if (this.ascii) {
      // One string of all the bytes, cut into ids (slices share it; no decoding per id).
      const all = latin1(this.pool, this.used);
      for (let c = 0; c < n; c++) out[c] = numbers[c]! >= 0 ? prefix + numbers[c]! : all.slice(offsets[c]!, offsets[c + 1]!);
    } else {
      for (let c = 0; c < n; c++) out[c] = numbers[c]! >= 0 ? prefix + numbers[c]! : utf8.decode(this.pool.subarray(offsets[c]!, offsets[c + 1]!));
    }
    return out;
  }

  /**
   * The number n when b[start, end) is the prefix followed by `String(n)` with n < NUMBERED_LIMIT,
   * else -1. The first id sets the prefix: its bytes before its final digits.
   */
  private numberOf(b: Uint8Array, start: number, end: number): number {
    let p = end;
    while (p > start && b[p - 1]! - DIGIT_0 >= 0 && b[p - 1]! - DIGIT_0 <= 9) p--;
    let prefix = this.prefix;
    if (prefix === null) prefix = this.prefix = b.slice(start, p);
    const digits = end - p;
    if (digits === 0 || digits > 7 || p - start !== prefix.length || (b[p] === DIGIT_0 && digits > 1)) return -1;
    for (let k = 0; k < prefix.length; k++) if (b[start + k] !== prefix[k]) return -1;
    let n = 0;
    for (let i = p; i < end; i++) n = n * 10 + (b[i]! - DIGIT_0);
    return n < NUMBERED_LIMIT ? n : -1;
  }

  /** The lookup array grown to hold number n (to the next power of two, at most NUMBERED_LIMIT). */
  private growNumbered(n: number): Int32Array {
    const bigger = new Int32Array(Math.min(NUMBERED_LIMIT, Math.max(1 << 16, 2 ** Math.ceil(Math.log2(n + 1)))));
    bigger.set(this.numbered);
    this.numbered = bigger;
    return bigger;
  }

  /** A new code for an id whose bytes (`length` of them, 0 for a numbered id) are appended to the pool next. */
  private newCode(length: number): number {
    const code = this.count++;
    if (this.count + 1 > this.hashes.length) {
      // Four times larger: each growth copies what is there, and memory is paid for when first
      // written, so a larger step costs fewer copies and nothing for the part not yet used.
      this.hashes = grow(this.hashes, this.hashes.length * 4);
      this.offsets = grow(this.offsets, this.offsets.length * 4);
      this.numbers = grow(this.numbers, this.numbers.length * 4);
    }
    this.numbers[code] = -1;
    this.offsets[code] = this.used;
    this.offsets[code + 1] = this.used + length;
    return code;
  }

  private sameBytes(b: Uint8Array, start: number, at: number, length: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < length; k++) if (b[start + k] !== pool[at + k]) return false;
    return true;
  }

  private insert(b: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const length = end - start;
    const code = this.newCode(length);
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
    this.used += length;
    this.table[2 * slot] = code + 1;
    this.table[2 * slot + 1] = h;
    // Kept under half full, so probes stay short.
    if (2 * ++this.hashed > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = 2 * (this.mask + 1);
    const table = new Int32Array(2 * size);
    const mask = size - 1;
    const hashes = this.hashes;
    const numbers = this.numbers;
    for (let code = 0; code < this.count; code++) {
      if (numbers[code]! >= 0) continue;
      const h = hashes[code]!;
      let slot = h & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = code + 1;
      table[2 * slot + 1] = h;
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
