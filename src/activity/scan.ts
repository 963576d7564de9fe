/**
 * One pass over time-sorted, bucketed events that yields every per-period
 * count the activity analyses need. It works on "activations": the first event
 * of a customer in a period, seen together with the customer's previous active
 * period. With an activity window of w periods, a customer is current at the
 * end of period p when active in any of p-w+1..p; so an activation at k after
 * one at prev leaves a gap (a loss at prev+w, a reactivation at k) exactly when
 * k > prev + w, and every customer is lost w periods after their last activity.
 *
 * @internal
 * @module
 */
import type { BucketedEvents } from "../events/bucketEvents.ts";
import { tableColumns } from "../events/table.ts";

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
  const time = cols.time;
  const edges = b.bucketer.boundaries;
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

  // Events are sorted by time, so the period index only moves forward: sweep the
  // boundaries instead of bucketing every event.
  let k = b.firstEvent < b.eventCount ? b.bucketer.indexOf(time[b.firstEvent]!) : 0;
  let next = edges[k + 1]!;
  for (let i = b.firstEvent; i < b.eventCount; i++) {
    const t = time[i]!;
    while (t >= next) next = edges[++k + 1]!;
    const c = customer[i]!;
    orders[k]!++;
    if (amount !== null) revenue[k]! += amount[i]!;
    const s = state[c]!;
    const prev = s >> 1;
    if (prev === k) {
      if ((s & 1) === 0) {
        state[c] = s | 1;
        repeat[k]!++;
      }
      continue;
    }
    state[c] = k << 1;
    if (countActivePeriods) activePeriods[c]!++;
    active[k]!++;
    if (prev < 0) {
      newCustomers[k]!++;
      continue;
    }
    for (let j = 0; j < w.length; j++) {
      const gapAt = prev + w[j]!;
      if (k > gapAt) {
        lost[j * n + gapAt]!++;
        reactivated[j * n + k]!++;
      }
    }
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
