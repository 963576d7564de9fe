/**
 * Obviously-correct recomputations of MRR movements over plain intervals, for
 * the property tests: a customer's MRR at an instant is the sum of the
 * intervals covering it, every instant where an interval starts or ends is
 * looked at, and every change is placed with periodOf. Nothing here shares code
 * with the one-pass implementation.
 */
import { fc } from "../support/fc.ts";
import { periodOf, periodRange, type PeriodSpec } from "../../src/periods/index.ts";

export interface PlainInterval {
  customerId: string;
  start: number;
  end?: number;
  /** MRR in currency units with at most 2 decimals. */
  mrr: number;
}

export interface PlainChange {
  customerId: string;
  at: number;
  mrr: number;
}

const T0 = Date.UTC(2023, 11, 1);
const T1 = Date.UTC(2025, 1, 1);
const customerArb = fc.constantFrom("a", "b", "c", "d", "e", "__proto__");
const centsArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50000 }), fc.constantFrom(1000, 2000, 4900));
const timeArb = fc.oneof(
  fc.integer({ min: T0, max: T1 }),
  // Period edges and a few shared instants, so changes at the same instant and at period starts happen often.
  fc.constantFrom(Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 10), Date.UTC(2024, 3, 1)),
);

/** Independent intervals (overlaps, gaps, contiguity by chance). */
const looseArb = fc.record({
  customerId: customerArb,
  start: timeArb,
  length: fc.option(fc.integer({ min: 0, max: 200 * 86_400_000 }), { nil: undefined }),
  cents: centsArb,
}).map(({ customerId, start, length, cents }): PlainInterval => ({ customerId, start, ...(length === undefined ? {} : { end: start + length }), mrr: cents / 100 }));

/** A chain of contiguous intervals of one customer (price changes), open or closed at the end. */
const chainArb = fc.record({
  customerId: customerArb,
  start: timeArb,
  steps: fc.array(fc.record({ length: fc.integer({ min: 1, max: 90 * 86_400_000 }), cents: centsArb }), { minLength: 1, maxLength: 4 }),
  open: fc.boolean(),
}).map(({ customerId, start, steps, open }) => {
  const out: PlainInterval[] = [];
  let t = start;
  steps.forEach((s, i) => {
    const last = i === steps.length - 1;
    out.push({ customerId, start: t, ...(last && open ? {} : { end: t + s.length }), mrr: s.cents / 100 });
    t += s.length;
  });
  return out;
});

/** Small random interval sets over ~14 months. */
export const intervalsArb = fc.array(fc.oneof(looseArb.map((i) => [i]), chainArb), { maxLength: 12 }).map((xs) => xs.flat());

/** Small random change-event sets, at most one change per customer and instant. */
export const changesArb = fc
  .uniqueArray(fc.record({ customerId: customerArb, at: timeArb, cents: centsArb }), { selector: (c) => `${c.customerId}|${c.at}`, maxLength: 25 })
  .map((xs) => xs.map(({ customerId, at, cents }): PlainChange => ({ customerId, at, mrr: cents / 100 })));

/** Period specs worth checking: months in two zones, Sunday weeks, quarters. */
export const specArb = fc.constantFrom<PeriodSpec>(
  { unit: "month" },
  { unit: "month", timeZone: "America/New_York" },
  { unit: "week", weekStartsOn: 0 },
  { unit: "quarter", timeZone: "Asia/Kolkata" },
);

const cents = (x: number) => Math.round(x * 100);

/** MRR of a customer at instant t, in cents: the intervals with start <= t < end. */
export function levelAt(intervals: PlainInterval[], customerId: string, t: number): number {
  let sum = 0;
  for (const i of intervals) if (i.customerId === customerId && i.start <= t && (i.end === undefined || t < i.end)) sum += cents(i.mrr);
  return sum;
}

/** The step functions of intervals as change events: one per customer and instant where an interval starts or ends. */
export function intervalsToChanges(intervals: PlainInterval[]): PlainChange[] {
  const out: PlainChange[] = [];
  for (const id of new Set(intervals.map((i) => i.customerId))) {
    const times = new Set<number>();
    for (const i of intervals) if (i.customerId === id) times.add(i.start), i.end === undefined || times.add(i.end);
    for (const t of times) out.push({ customerId: id, at: t, mrr: levelAt(intervals, id, t) / 100 });
  }
  return out;
}

/** Change events as contiguous intervals: each positive level runs until the customer's next change. */
export function changesToIntervals(changes: PlainChange[]): PlainInterval[] {
  const out: PlainInterval[] = [];
  for (const id of new Set(changes.map((c) => c.customerId))) {
    const mine = changes.filter((c) => c.customerId === id).sort((x, y) => x.at - y.at);
    mine.forEach((c, k) => {
      const next = mine[k + 1];
      if (c.mrr > 0) out.push({ customerId: id, start: c.at, ...(next === undefined ? {} : { end: next.at }), mrr: c.mrr });
    });
  }
  return out;
}

export interface NaiveMovement {
  key: string;
  complete: boolean;
  start: number;
  fresh: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
  end: number;
  customersAtStart: number;
  newCustomers: number;
  churnedCustomers: number;
  reactivatedCustomers: number;
  customersAtEnd: number;
}

/** Movements in cents by period, from the one holding `from` to the one holding `to - 1`. */
export function naiveMovements(intervals: PlainInterval[], spec: PeriodSpec, from: number, to: number): NaiveMovement[] {
  const periods = periodRange(from, to - 1, spec);
  const rows = periods.map((p): NaiveMovement => {
    const s = p.start.getTime();
    const e = Math.min(p.end.getTime(), to);
    const ids = [...new Set(intervals.map((i) => i.customerId))];
    return {
      key: p.key,
      complete: p.end.getTime() <= to,
      start: ids.reduce((sum, id) => sum + levelAt(intervals, id, s - 1), 0),
      end: ids.reduce((sum, id) => sum + levelAt(intervals, id, e - 1), 0),
      customersAtStart: ids.filter((id) => levelAt(intervals, id, s - 1) > 0).length,
      customersAtEnd: ids.filter((id) => levelAt(intervals, id, e - 1) > 0).length,
      fresh: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0, newCustomers: 0, churnedCustomers: 0, reactivatedCustomers: 0,
    };
  });
  const index = new Map(rows.map((r, i) => [r.key, i]));
  for (const id of new Set(intervals.map((i) => i.customerId))) {
    const times = [...new Set(intervals.filter((i) => i.customerId === id).flatMap((i) => (i.end === undefined ? [i.start] : [i.start, i.end])))].sort((x, y) => x - y);
    let before = 0;
    let everPaid = false;
    for (const t of times) {
      if (t >= to) break;
      const after = levelAt(intervals, id, t);
      const k = index.get(periodOf(t, spec).key);
      const r = k === undefined ? undefined : rows[k];
      if (r !== undefined && after !== before) {
        if (before === 0 && !everPaid) (r.fresh += after), r.newCustomers++;
        else if (before === 0) (r.reactivation += after), r.reactivatedCustomers++;
        else if (after === 0) (r.churned += before), r.churnedCustomers++;
        else if (after > before) r.expansion += after - before;
        else r.contraction += before - after;
      }
      if (after > 0) everPaid = true;
      before = after;
    }
  }
  return rows;
}
