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
import type { BucketedEvents } from "../events/window.ts";
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
  /** Distinct active periods per customer code. */
  readonly activePeriods: Int32Array;
}

/** Scans the bucketed events once for the given activity windows (each >= 1). */
export function scanActivity(b: BucketedEvents, windows: readonly number[]): ActivityScan {
  const cols = tableColumns(b.table);
  const n = b.bucketer.periods.length;
  const customer = cols.customer;
  const amount = cols.amount;
  const bucket = b.bucket;
  const active = new Float64Array(n);
  const newCustomers = new Float64Array(n);
  const orders = new Float64Array(n);
  const revenue = new Float64Array(n);
  const repeat = new Float64Array(n);
  const last = new Int32Array(cols.ids.length).fill(-1);
  const inPeriod = new Int32Array(cols.ids.length);
  const activePeriods = new Int32Array(cols.ids.length);
  const w = Int32Array.from(windows);
  const delta = windows.map(() => new Float64Array(n + 1));
  const lost = windows.map(() => new Float64Array(n));
  const reactivated = windows.map(() => new Float64Array(n));

  for (let i = b.firstEvent; i < b.eventCount; i++) {
    const k = bucket[i]!;
    const c = customer[i]!;
    orders[k]!++;
    if (amount !== null) revenue[k]! += amount[i]!;
    const prev = last[c]!;
    if (prev === k) {
      if (++inPeriod[c]! === 2) repeat[k]!++;
      continue;
    }
    last[c] = k;
    inPeriod[c] = 1;
    activePeriods[c]!++;
    active[k]!++;
    if (prev < 0) {
      newCustomers[k]!++;
      for (let j = 0; j < w.length; j++) delta[j]![k]!++;
      continue;
    }
    for (let j = 0; j < w.length; j++) {
      const gapAt = prev + w[j]!;
      if (k > gapAt) {
        lost[j]![gapAt]!++;
        delta[j]![gapAt]!--;
        reactivated[j]![k]!++;
        delta[j]![k]!++;
      }
    }
  }

  for (let c = 0; c < last.length; c++) {
    const l = last[c]!;
    if (l < 0) continue;
    for (let j = 0; j < w.length; j++) {
      const gapAt = l + w[j]!;
      if (gapAt < n) {
        lost[j]![gapAt]!++;
        delta[j]![gapAt]!--;
      }
    }
  }

  const windowCounts = windows.map((window, j) => {
    const current = new Float64Array(n);
    let running = 0;
    for (let p = 0; p < n; p++) {
      running += delta[j]![p]!;
      current[p] = running;
    }
    return { window, current, lost: lost[j]!, reactivated: reactivated[j]! };
  });
  return { periods: n, active, newCustomers, orders, revenue, repeat, windows: windowCounts, activePeriods };
}
