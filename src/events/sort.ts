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
 * Columns a reader built itself are sorted in place instead (sortInPlace.ts),
 * which spares the second set of arrays; this sort serves the caller's arrays.
 *
 * @internal
 * @module
 */
import { comparisonSort, gatherFloat64, gatherInt32, isNarrow, radixSort, Scratch, scratchFor, shouldSplit, timeGroups, type TimeGroups, timeSpan, type TimeSpan } from "./groupSort.ts";
import { IdEncoder } from "./idEncoder.ts";
import type { CustomerId } from "./types.ts";

// The instants' span and groups and the in-group sorts are shared with the in-place sort of owned columns.
export { timeSpan, type TimeSpan } from "./groupSort.ts";

/** Events per group: a group's columns (20 bytes an event, 640 KiB) then stay in cache while sorted. */
export const GROUP_SIZE = 1 << 15;

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
    if (shouldSplit(hi - lo, span, this.groupSize, splits)) this.split(lo, hi, span, splits);
    else {
      const s = (this.scratch = scratchFor(this.scratch, hi - lo, this.groupSize));
      this.permute(lo, hi, isNarrow(span) ? radixSort(this.time, lo, hi - lo, span, s) : comparisonSort(this.time, lo, hi - lo, s));
    }
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
    if (this.amount !== null) gatherFloat64(this.amount, lo, len, order, this.scratch.units);
    if (this.event !== null) gatherInt32(this.event, lo, len, order, codes);
  }
}

/** Renumbers codes in order of first appearance in `customer` (now time order), in place; returns the ids in the new order. */
export function renumber(customer: Int32Array, ids: ArrayLike<CustomerId>): CustomerId[] {
  const code = new Int32Array(ids.length).fill(-1);
  // The old code of each new one, then the ids in one go: pushing a million ids onto an array cost more.
  const oldOf = new Int32Array(ids.length);
  let count = 0;
  for (let i = 0; i < customer.length; i++) {
    const old = customer[i]!;
    let c = code[old]!;
    if (c < 0) {
      c = code[old] = count;
      oldOf[count++] = old;
    }
    customer[i] = c;
  }
  const renumbered = new Array<CustomerId>(count);
  for (let c = 0; c < count; c++) renumbered[c] = ids[oldOf[c]!]!;
  return renumbered;
}
