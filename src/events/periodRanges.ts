/**
 * Where each period's events lie in a time-sorted table: the events of period
 * k are the positions starts[k]..starts[k + 1] - 1. One binary search per
 * boundary replaces a period lookup per event, so a scan can run a kernel per
 * period with the period index a constant: the cost per event is then the
 * same for days in a zone with DST as for months, and no per-event array of
 * period indexes is written (at 10M events that array alone is 40 MB of fresh
 * pages).
 *
 * @internal
 * @module
 */
import { type BucketedEvents, countBelow } from "./bucketEvents.ts";
import { tableColumns } from "./table.ts";

/**
 * Rows per kernel call. Why: V8 optimises a small function called many times
 * as a whole, with its loop's bounds and arrays fixed per call; one loop over
 * millions of rows is optimised mid-loop (on-stack replacement) and was seen to
 * deoptimise and restart at 10M events. 64K rows amortise the call to nothing.
 */
export const CHUNK_ROWS = 1 << 16;

/**
 * The first event of each period: `starts[k]` for k = 0..periods (the last
 * entry is `b.eventCount`), clipped to the bucketed events.
 */
export function periodRanges(b: BucketedEvents): Int32Array {
  const time = tableColumns(b.table).time;
  const edges = b.bucketer.boundaries;
  const n = edges.length - 1;
  const starts = new Int32Array(n + 1);
  let lo = b.firstEvent;
  for (let k = 0; k < n; k++) {
    lo = countBelow(time, edges[k]!, lo, b.eventCount);
    starts[k] = lo;
  }
  starts[n] = b.eventCount;
  return starts;
}
