/**
 * Obviously-correct recomputations over plain objects for the property tests:
 * every event is placed with periodOf, every count is a Set. Slow on purpose,
 * and sharing nothing with the one-pass scans.
 */
import { fc } from "../support/fc.ts";
import { periodOf, periodRange, type PeriodSpec } from "../../src/periods/index.ts";

import { plainEventsArb, type PlainEvent } from "../activity/naive.ts";

export type { PlainEvent };

/** Events of seven customers and one whose id is "__proto__". */
export const eventsArb = plainEventsArb(["a", "b", "c", "d", "e", "f", "g", "__proto__"]);

/** One customer as the naive count sees them. */
export interface NaiveCustomer {
  /** Index of the first period. */
  first: number;
  /** Period index -> orders and revenue in cents. */
  periods: Map<number, { orders: number; cents: number }>;
}

/** The periods from the earliest event (or `from`) to the one holding `to - 1`, and each customer's activity. */
export function naiveActivity(events: readonly PlainEvent[], spec: PeriodSpec, to: number, from?: number) {
  const kept = events.filter((e) => e.at < to);
  const start = Math.min(from ?? Infinity, ...kept.map((e) => e.at));
  const periods = Number.isFinite(start) ? periodRange(start, to - 1, spec) : [];
  const index = new Map(periods.map((p, i) => [p.key, i]));
  const customers = new Map<string, NaiveCustomer>();
  for (const e of kept) {
    const k = index.get(periodOf(e.at, spec).key)!;
    let c = customers.get(e.customerId);
    if (c === undefined) customers.set(e.customerId, (c = { first: k, periods: new Map() }));
    c.first = Math.min(c.first, k);
    const cell = c.periods.get(k) ?? { orders: 0, cents: 0 };
    cell.orders++;
    cell.cents += Math.round(e.amount * 100);
    c.periods.set(k, cell);
  }
  const lastComplete = periods.length > 0 && periods[periods.length - 1]!.end.getTime() <= to ? periods.length - 1 : periods.length - 2;
  const firstReported = from === undefined ? 0 : periods.findIndex((p) => p.end.getTime() > from);
  return { periods, customers, lastComplete, firstReported };
}

/** A cohort cell counted naively: customers, orders and revenue (cents) of cohort period `c` at offset `k`. */
export function naiveCell(activity: ReturnType<typeof naiveActivity>, c: number, k: number) {
  let customers = 0;
  let unbounded = 0;
  let orders = 0;
  let cents = 0;
  for (const cust of activity.customers.values()) {
    if (cust.first !== c) continue;
    const here = cust.periods.get(c + k);
    if (here !== undefined) {
      customers++;
      orders += here.orders;
      cents += here.cents;
    }
    if ([...cust.periods.keys()].some((p) => p >= c + k)) unbounded++;
  }
  return { customers, unbounded, orders, cents };
}
