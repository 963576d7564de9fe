/**
 * Dictionary encoding of customer ids: each distinct id gets a code 0, 1, 2,
 * ... in order of first use, shared by the event and subscription tables.
 *
 * @internal
 * @module
 */
import { isIntegerArray } from "./rowReading.ts";
import type { CustomerId } from "./types.ts";

/**
 * Customer id -> code, numbered in order of first use. Integer ids in a range
 * not much wider than their count use a lookup array instead of a Map (a Map
 * lookup costs tens of nanoseconds, an array read one), and are listed in a
 * Float64Array (a million pushes onto a JS array cost a tenth of a second).
 */
export class IdEncoder {
  private readonly list: CustomerId[] = [];
  private readonly map = new Map<CustomerId, number>();
  private readonly dense: Int32Array | null = null;
  private readonly denseIds: Float64Array | null = null;
  private readonly offset: number = 0;
  private denseCount = 0;

  /** @param all - every id that will be encoded, to decide between the lookup array and the Map */
  constructor(all: ArrayLike<CustomerId>) {
    const n = all.length;
    let min = Infinity;
    let max = -Infinity;
    // Integer typed arrays (the usual typed id column) hold safe integers only: no need to test each.
    const checked = !isIntegerArray(all);
    for (let i = 0; i < n; i++) {
      const id = all[i] as number;
      if (checked && (typeof id !== "number" || !Number.isSafeInteger(id))) return;
      if (id < min) min = id;
      if (id > max) max = id;
    }
    if (n > 0 && max - min <= 4 * n + 1024) {
      this.dense = new Int32Array(max - min + 1).fill(-1);
      this.denseIds = new Float64Array(Math.min(n, max - min + 1));
      this.offset = min;
    }
  }

  /** How many distinct ids have been encoded. */
  get count(): number {
    return this.dense === null ? this.list.length : this.denseCount;
  }

  /** The ids in code order (a Float64Array for the lookup-array path). */
  ids(): ArrayLike<CustomerId> {
    return this.denseIds === null ? this.list : this.denseIds.subarray(0, this.denseCount);
  }

  /** The code of every id, in one pass (into `out`, when given). */
  codes(all: ArrayLike<CustomerId>, out: Int32Array = new Int32Array(all.length)): Int32Array {
    for (let i = 0; i < all.length; i++) out[i] = this.code(all[i]!);
    return out;
  }

  /**
   * For the lookup-array path, the smallest id: id - base is the id's slot,
   * which {@link IdEncoder.codeOfSlot} codes (so ids can be carried as slots
   * and coded later, in another order). Null on the Map path.
   */
  get slotBase(): number | null {
    return this.dense === null ? null : this.offset;
  }

  /** The code of the id in a slot (lookup-array path only). */
  codeOfSlot(slot: number): number {
    const dense = this.dense!;
    let c = dense[slot]!;
    if (c < 0) {
      c = this.denseCount++;
      dense[slot] = c;
      this.denseIds![c] = slot + this.offset;
    }
    return c;
  }

  code(id: CustomerId): number {
    if (this.dense !== null) return this.codeOfSlot((id as number) - this.offset);
    let c = this.map.get(id);
    if (c === undefined) {
      c = this.list.length;
      this.map.set(id, c);
      this.list.push(id);
    }
    return c;
  }
}
