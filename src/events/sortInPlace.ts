/**
 * Puts a reader's own event columns (customer codes, epoch ms, minor units)
 * in time order where they lie, stably, and numbers the customers in order of
 * first event.
 *
 * Why this shape: the sort into fresh arrays (sort.ts) writes every event
 * into a second set of columns, and on the machines measured here memory
 * touched for the first time costs more than the sort itself: about 9 ms a
 * MiB in page faults, so 1.8 s for the 200 MiB of ten million events, which
 * is as long as the rest of the sort. A reader owns its columns, so they are
 * sorted in place: the events are moved into their time groups (the groups
 * of sort.ts) by following cycles of swaps (an American flag sort), each
 * event moved once, and each group is then sorted where it lies by the
 * in-group sorts of sort.ts. Moving by cycles does not keep the input order,
 * so each event carries its input position (4 bytes instead of 20), and runs
 * of equal instants are put back in input order after the group's sort: the
 * result is exactly the stable sort's.
 *
 * @internal
 * @module
 */
import type { CustomerId } from "./types.ts";
import { comparisonSort, gatherFloat64, gatherInt32, isNarrow, radixSort, Scratch, scratchFor, shouldSplit, timeGroups, timeSpan, type TimeSpan } from "./groupSort.ts";
import { GROUP_SIZE, type OrderedEvents, renumber } from "./sort.ts";


/**
 * Sorts the columns by time in place, stably, and renumbers the codes in
 * order of first event.
 *
 * @param codes - per event, an index into `dictionary` (overwritten with the table's codes)
 * @param dictionary - the distinct ids, by reader code
 * @param time - finite epoch ms per event
 * @param amount - integer minor units per event, or null
 * @param groupSize - target events per group (tests make it small to exercise many groups)
 * @param event - event name codes per event (they move with their events), or null
 */
export function orderOwnedEvents(
  codes: Int32Array,
  dictionary: ArrayLike<CustomerId>,
  time: Float64Array,
  amount: Float64Array | null,
  groupSize = GROUP_SIZE,
  event: Int32Array | null = null,
): OrderedEvents & { event: Int32Array | null } {
  const span = timeSpan(time);
  // A reader may mark "no amount" with -0; in the table it is 0, as the sort into fresh arrays writes it.
  if (amount !== null) for (let i = 0; i < amount.length; i++) amount[i]! += 0;
  if (!span.sorted) new InPlaceSorter(codes, time, amount, event, Math.max(1, groupSize)).sort(0, time.length, span, 0);
  return { customer: codes, time, amount, ids: renumber(codes, dictionary), event };
}

/** The in-place sort of one set of columns, with its input positions and working memory. */
class InPlaceSorter {
  /** Per event, its input position (it moves with the event). */
  private readonly origin: Int32Array;
  private scratch = new Scratch(0);

  constructor(
    private readonly codes: Int32Array,
    private readonly time: Float64Array,
    private readonly amount: Float64Array | null,
    private readonly event: Int32Array | null,
    private readonly groupSize: number,
  ) {
    const n = time.length;
    this.origin = new Int32Array(n);
    for (let i = 0; i < n; i++) this.origin[i] = i;
  }

  /** Sorts positions lo..hi-1 (whose instants span `span`), stably by input position; `splits`: cuts made above. */
  sort(lo: number, hi: number, span: TimeSpan, splits: number): void {
    if (span.sorted) {
      // In time order already, but equal instants may have been swapped on their way into the group.
      this.restoreInputOrderOfTies(lo, hi);
      return;
    }
    if (shouldSplit(hi - lo, span, this.groupSize, splits)) {
      const time = this.time.subarray(lo, hi);
      const groups = timeGroups(time, span, this.groupSize);
      // One group holding everything (a single bin) cannot be cut further: sort it whole.
      if (groups.starts.length > 2) {
        this.moveIntoGroups(lo, groups.starts, groups.groupOf, groups.scale, span.min);
        for (let g = 0; g + 1 < groups.starts.length; g++) {
          const from = lo + groups.starts[g]!;
          const to = lo + groups.starts[g + 1]!;
          if (to - from > 1) this.sort(from, to, timeSpan(this.time.subarray(from, to)), splits + 1);
        }
        return;
      }
    }
    const s = (this.scratch = scratchFor(this.scratch, hi - lo, this.groupSize));
    const order = isNarrow(span) ? radixSort(this.time, lo, hi - lo, span, s) : comparisonSort(this.time, lo, hi - lo, s);
    this.follow(lo, hi, order);
    this.restoreInputOrderOfTies(lo, hi);
  }

  /**
   * Moves every event of lo.. into its group (group g holds lo + starts[g] ..
   * lo + starts[g+1] - 1), by cycles of swaps: each event is moved once.
   */
  private moveIntoGroups(lo: number, starts: Int32Array, groupOf: Int32Array, scale: number, min: number): void {
    const { codes, time, amount, event, origin } = this;
    const groups = starts.length - 1;
    const next = new Int32Array(groups);
    for (let g = 0; g < groups; g++) next[g] = lo + starts[g]!;
    for (let g = 0; g < groups; g++) {
      const end = lo + starts[g + 1]!;
      while (next[g]! < end) {
        const i = next[g]!;
        let t = time[i]!;
        let h = groupOf[Math.floor((t - min) * scale)]!;
        if (h === g) {
          next[g]!++;
          continue;
        }
        let c = codes[i]!;
        let a = amount === null ? 0 : amount[i]!;
        let o = origin[i]!;
        let e = event === null ? 0 : event[i]!;
        // Carry the event to its group, taking the one found there, until one belongs at i.
        while (h !== g) {
          const j = next[h]!++;
          const tj = time[j]!;
          const cj = codes[j]!;
          const oj = origin[j]!;
          time[j] = t;
          codes[j] = c;
          origin[j] = o;
          if (amount !== null) {
            const aj = amount[j]!;
            amount[j] = a;
            a = aj;
          }
          if (event !== null) {
            const ej = event[j]!;
            event[j] = e;
            e = ej;
          }
          t = tj;
          c = cj;
          o = oj;
          h = groupOf[Math.floor((t - min) * scale)]!;
        }
        time[i] = t;
        codes[i] = c;
        origin[i] = o;
        if (amount !== null) amount[i] = a;
        if (event !== null) event[i] = e;
        next[g]!++;
      }
    }
  }

  /** Applies a stretch's sorting permutation (its instants are sorted already) to its codes, amounts and positions. */
  private follow(lo: number, hi: number, order: Uint32Array): void {
    const len = hi - lo;
    const s = this.scratch;
    gatherInt32(this.codes, lo, len, order, s.codes);
    gatherInt32(this.origin, lo, len, order, s.codes);
    if (this.event !== null) gatherInt32(this.event, lo, len, order, s.codes);
    if (this.amount !== null) gatherFloat64(this.amount, lo, len, order, s.units);
  }

  /** Puts each run of equal instants of a sorted stretch back in input order (runs are rare and short). */
  private restoreInputOrderOfTies(lo: number, hi: number): void {
    const time = this.time;
    let start = lo;
    for (let k = lo + 1; k <= hi; k++) {
      if (k < hi && time[k] === time[start]) continue;
      if (k - start > 1) this.orderRunByOrigin(start, k);
      start = k;
    }
  }

  private orderRunByOrigin(from: number, to: number): void {
    const { codes, amount, event, origin } = this;
    const run = Array.from({ length: to - from }, (_, k) => from + k).sort((x, y) => origin[x]! - origin[y]!);
    const c = run.map((i) => codes[i]!);
    const o = run.map((i) => origin[i]!);
    const a = amount === null ? null : run.map((i) => amount[i]!);
    const e = event === null ? null : run.map((i) => event[i]!);
    for (let k = 0; k < run.length; k++) {
      codes[from + k] = c[k]!;
      origin[from + k] = o[k]!;
      if (a !== null) amount![from + k] = a[k]!;
      if (e !== null) event![from + k] = e[k]!;
    }
  }
}
