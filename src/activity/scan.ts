/**
 * One pass over time-sorted, bucketed events that yields every per-period
 * count the activity analyses need. It works on "activations": the first event
 * of a customer in a period, seen together with the customer's previous active
 * period. With an activity window of w periods, a customer is current at the
 * end of period p when active in any of p-w+1..p; so an activation at k after
 * one at prev leaves a gap (a loss at prev+w, a reactivation at k) exactly when
 * k > prev + w, and every customer is lost w periods after their last activity.
 *
 * Why this shape: per event the one cost that cannot go is a random access to
 * the customer's state, so each event does only that: one Int32 per customer
 * holds the last active period and a "2+ events" flag (2k + flag), and the
 * events of each period, one range of the time-sorted table
 * (`periodRanges`), go through a small kernel per 64K-row chunk with the
 * period index a constant. No period lookup or time read per event (a day in a
 * DST zone costs what a month does), orders per period are the range's length,
 * revenue a sequential sum. A bitset of periods per customer (as the cohort
 * scan keeps) was not taken here: daily analyses over years (activeUsers)
 * would need tens of words per customer and a pass over all of them, where
 * this state stays one word whatever the period count.
 *
 * @internal
 * @module
 */
import type { BucketedEvents } from "../events/bucketEvents.ts";
import { tableColumns } from "../events/table.ts";
import { CHUNK_ROWS, periodRanges } from "../events/periodRanges.ts";

/** Counts for one activity window. */
export interface WindowCounts {
  /** The window, in periods. */
  readonly window: number;
  /** Customers current at each period's end (E). */
  readonly current: Float64Array;
  /** Customers current at the start (S = previous period's E) and not at the end. */
  readonly lost: Float64Array;
  /** Customers current at the end, not at the start, and not new. */
  readonly reactivated: Float64Array;
}

/** Per-period and per-customer results of {@link scanActivity}. */
export interface ActivityScan {
  readonly periods: number;
  readonly active: Float64Array;
  readonly newCustomers: Float64Array;
  readonly orders: Float64Array;
  /** Revenue in minor units. */
  readonly revenue: Float64Array;
  /** Customers with 2+ events in the period. */
  readonly repeat: Float64Array;
  readonly windows: readonly WindowCounts[];
  /** Distinct active periods per customer code (empty unless asked for). */
  readonly activePeriods: Int32Array;
}

/**
 * Scans the bucketed events once for the given activity windows (each >= 1);
 * with `countActivePeriods`, also counts each customer's active periods.
 */
export function scanActivity(b: BucketedEvents, windows: readonly number[], countActivePeriods = false): ActivityScan {
  const cols = tableColumns(b.table);
  const n = b.bucketer.periods.length;
  const customer = cols.customer;
  const amount = cols.amount;
  const active = new Float64Array(n);
  const newCustomers = new Float64Array(n);
  const orders = new Float64Array(n);
  const revenue = new Float64Array(n);
  const repeat = new Float64Array(n);
  const customers = cols.ids.length;
  // Per customer, in one int so that an event costs one random access: the last active
  // period k and whether the customer had 2+ events in it, as 2k + flag (-2: never active).
  const state = new Int32Array(customers).fill(-2);
  const activePeriods = new Int32Array(countActivePeriods ? customers : 0);
  const w = Int32Array.from(windows);
  // Per window j, period p at j * n + p. E needs no array of its own: it changes by
  // new + reactivated - lost from one period to the next.
  const lost = new Float64Array(w.length * n);
  const reactivated = new Float64Array(w.length * n);

  // Each period's events are one range of the time-sorted table: a kernel per period and chunk, with the
  // period index a constant, so no event is bucketed and a day costs what a month does.
  const starts = periodRanges(b);
  const tally = new Float64Array(3);
  for (let k = 0; k < n; k++) {
    const lo = starts[k]!;
    const end = starts[k + 1]!;
    orders[k] = end - lo;
    tally.fill(0);
    for (let i = lo; i < end; i += CHUNK_ROWS) {
      const hi = Math.min(i + CHUNK_ROWS, end);
      activations(customer, i, hi, k, state, w, n, lost, reactivated, countActivePeriods ? activePeriods : null, tally);
      if (amount !== null) revenue[k]! += sumRange(amount, i, hi);
    }
    active[k] = tally[0]!;
    newCustomers[k] = tally[1]!;
    repeat[k] = tally[2]!;
  }

  for (let c = 0; c < customers; c++) {
    const l = state[c]! >> 1;
    if (l < 0) continue;
    for (let j = 0; j < w.length; j++) {
      const gapAt = l + w[j]!;
      if (gapAt < n) lost[j * n + gapAt]!++;
    }
  }

  const windowCounts = windows.map((window, j) => {
    const windowLost = lost.subarray(j * n, (j + 1) * n);
    const windowReactivated = reactivated.subarray(j * n, (j + 1) * n);
    const current = new Float64Array(n);
    let running = 0;
    for (let p = 0; p < n; p++) {
      running += newCustomers[p]! + windowReactivated[p]! - windowLost[p]!;
      current[p] = running;
    }
    return { window, current, lost: windowLost, reactivated: windowReactivated };
  });
  return { periods: n, active, newCustomers, orders, revenue, repeat, windows: windowCounts, activePeriods };
}

/**
 * Event kernel of one period k: the first event of a customer in the period is an activation (active,
 * new or, after a gap longer than a window, a loss and a reactivation), the second marks a repeat
 * customer. Adds active, new and repeat counts to tally[0..2].
 */
function activations(
  customer: Int32Array, lo: number, hi: number, k: number, state: Int32Array, w: Int32Array, n: number,
  lost: Float64Array, reactivated: Float64Array, activePeriods: Int32Array | null, tally: Float64Array,
): void {
  const here = k << 1;
  let active = 0;
  let fresh = 0;
  let repeat = 0;
  for (let i = lo; i < hi; i++) {
    const c = customer[i]!;
    const s = state[c]!;
    if (s >> 1 === k) {
      if (s === here) {
        state[c] = here | 1;
        repeat++;
      }
      continue;
    }
    state[c] = here;
    active++;
    if (activePeriods !== null) activePeriods[c]!++;
    if (s < 0) {
      fresh++;
      continue;
    }
    const prev = s >> 1;
    for (let j = 0; j < w.length; j++) {
      const gapAt = prev + w[j]!;
      if (k > gapAt) {
        lost[j * n + gapAt]!++;
        reactivated[j * n + k]!++;
      }
    }
  }
  tally[0]! += active;
  tally[1]! += fresh;
  tally[2]! += repeat;
}

/** Sum of amount[lo..hi-1]. */
function sumRange(amount: Float64Array, lo: number, hi: number): number {
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += amount[i]!;
  return sum;
}
