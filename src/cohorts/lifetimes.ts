/**
 * Customers' lifetimes in whole periods, in one pass over bucketed events:
 * from the first active period to the last one before a gap of `churnAfter`
 * inactive periods, right-censored when that gap has not elapsed by the last
 * complete period.
 *
 * @internal
 * @module
 */
import { tableColumns } from "../events/table.ts";
import type { BucketedEvents } from "../events/bucketEvents.ts";
import type { EventSelection } from "../events/eventSelection.ts";

/** Per customer code: first period, last period alive, and whether the lifetime is known to have ended. */
export interface Lifetimes {
  /** First active period (-1: no event before `to`). */
  readonly first: Int32Array;
  /** Last active period of the (first) lifetime. */
  readonly last: Int32Array;
  /** 1 when the lifetime ended (a gap of `churnAfter` periods followed it), 0 when censored. */
  readonly ended: Uint8Array;
}

/**
 * Scans complete periods only (indexes up to `lastComplete`): a customer is
 * alive from the first active period F through the last active period L
 * before the first gap of at least `churnAfter` inactive periods; the lifetime
 * ended when such a gap follows L (within the data, or reaching past
 * lastComplete), and is censored otherwise. Activity after a gap (a
 * reactivation) does not extend the first lifetime. With `events`, F is the
 * period of the first start event and only return events are activity after it.
 */
export function scanLifetimes(b: BucketedEvents, churnAfter: number, lastComplete: number, events: EventSelection | null = null): Lifetimes {
  const cols = tableColumns(b.table);
  const customer = cols.customer;
  const bucket = b.bucket;
  const n = cols.ids.length;
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const ended = new Uint8Array(n);
  for (let i = b.firstEvent; i < b.eventCount; i++) {
    const k = bucket[i]!;
    if (k > lastComplete) break; // time-sorted: the rest is in the incomplete period
    const c = customer[i]!;
    const l = last[c]!;
    if (events !== null && (l < 0 ? events.start : events.ret)[events.codes[i]!] === 0) continue;
    if (l < 0) {
      first[c] = k;
      last[c] = k;
    } else if (ended[c] === 0 && k > l) {
      if (k - l > churnAfter) ended[c] = 1;
      else last[c] = k;
    }
  }
  for (let c = 0; c < n; c++) if (first[c]! >= 0 && lastComplete - last[c]! >= churnAfter) ended[c] = 1;
  return { first, last, ended };
}
