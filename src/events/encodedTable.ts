/**
 * An {@link EventTable} from events whose customer ids a reader has already
 * dictionary-encoded (a CSV column, an Arrow dictionary, a DuckDB chunk):
 * codes into the reader's dictionary, instants in epoch ms, amounts in minor
 * units. The readers then keep one string per distinct customer, never one
 * per event, and the codes travel through the sort as the dense integer ids
 * they are. Event names come the same way: `eventCodes` into `eventNames`.
 *
 * @internal
 * @module
 */
import type { SkippedRows } from "./types.ts";
import type { CustomerId } from "./types.ts";
import { orderEvents } from "./sort.ts";
import { orderOwnedEvents } from "./sortInPlace.ts";
import { EventTable } from "./table.ts";

/** Valid events, encoded by a reader. */
export interface EncodedEvents {
  /** Per event, an index into `dictionary`. */
  readonly codes: Int32Array;
  /** The distinct ids, by reader code. */
  readonly dictionary: ArrayLike<CustomerId>;
  /** Per event, epoch ms (finite, within the Date range). */
  readonly time: Float64Array;
  /** Per event, integer minor units; null when the source had no amount column. */
  readonly minorUnits: Float64Array | null;
  /**
   * Per event, an index into `eventNames` (every one valid: a reader refuses or skips a row
   * without a name first); absent or null for a source without an event name column.
   */
  readonly eventCodes?: Int32Array | null | undefined;
  /** The distinct event names, by reader code (any order: the table sorts them). */
  readonly eventNames?: readonly string[] | undefined;
}

/**
 * Sorts encoded events by time and renumbers their customers in order of
 * first event, as {@link eventTable} does. The arrays become the table's own
 * and are sorted in place (the caller must not reuse them), unless `ownsTime`
 * is false (then they are read, not written: the sort writes fresh arrays).
 */
export function eventTableFromEncoded(events: EncodedEvents, currencyScale: number, skipped: SkippedRows, ownsTime = true): EventTable {
  const { codes, dictionary, time, minorUnits } = events;
  const event = events.eventCodes ?? null;
  const eventNames = events.eventNames ?? [];
  if (ownsTime) {
    // The reader's own columns: sorted where they lie (no second set of arrays to fault in).
    const ordered = orderOwnedEvents(codes, dictionary, time, minorUnits, undefined, event);
    return new EventTable({ customer: ordered.customer, time: ordered.time, amount: ordered.amount, ids: ordered.ids as CustomerId[], currencyScale, event: ordered.event, eventNames }, skipped);
  }
  // Reader codes are a dense integer range, so the sort codes them through its lookup array.
  const ordered = orderEvents(codes, time, minorUnits, 1, { ownsTime, event });
  // A plain loop: Array.from with a mapping function cost half a second for 1.8M ids.
  const order = ordered.ids as ArrayLike<number>;
  const ids = new Array<CustomerId>(order.length);
  for (let c = 0; c < order.length; c++) ids[c] = dictionary[order[c]!]!;
  return new EventTable({ customer: ordered.customer, time: ordered.time, amount: ordered.amount, ids, currencyScale, event: ordered.event, eventNames }, skipped);
}
