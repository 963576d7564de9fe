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

/** An interval that may carry when its cancellation was made. */
export interface CancelableInterval extends PlainInterval {
  canceledAt?: number;
}

/** Intervals, some canceled before their end (or while running): canceledAt between start and end. */
export const cancelableArb = intervalsArb.chain((xs) =>
  fc.tuple(...xs.map((i) => fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }).map((f): CancelableInterval => {
    if (f === undefined) return i;
    const span = (i.end ?? i.start + 120 * 86_400_000) - i.start;
    return { ...i, canceledAt: i.start + Math.floor(f * span) };
  }))),
);

export interface NaiveOptions {
  movements: "events" | "snapshot";
  churnRecognition: "periodEnd" | "cancelDate";
  groupWithin: number;
  reactivationGap: number;
}

export interface NaiveMovementWith extends NaiveMovement {
  newCancelled: number;
  /** MRR at the end of the customers paying at the start, in cents. */
  baseEnd: number;
  /** Contraction and churn of the customers paying at the start, in cents. */
  baseLosses: number;
}

interface Step {
  t: number;
  l: number;
}

/** A customer's changes before `to`: every instant where an interval starts or ends, with the level after it. */
function customerSteps(intervals: PlainInterval[], id: string, to: number): Step[] {
  const times = [...new Set(intervals.filter((i) => i.customerId === id).flatMap((i) => (i.end === undefined ? [i.start] : [i.start, i.end])))].filter((t) => t < to).sort((x, y) => x - y);
  return dropNoOps(times.map((t) => ({ t, l: levelAt(intervals, id, t) })));
}

function dropNoOps(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (const s of steps) if (s.l !== (out.at(-1)?.l ?? 0)) out.push(s);
  return out;
}

/** The level after the last step at or before t (0 before the first). */
function levelOf(steps: Step[], t: number): number {
  let l = 0;
  for (const s of steps) if (s.t <= t) l = s.l;
  return l;
}

/** Movements under the options, recomputed from each customer's level at every instant of interest. */
export function naiveMovementsWith(input: CancelableInterval[], spec: PeriodSpec, from: number, to: number, o: NaiveOptions): NaiveMovementWith[] {
  const intervals: PlainInterval[] = input.map((i) => {
    const { canceledAt, ...rest } = i;
    return o.churnRecognition === "cancelDate" && canceledAt !== undefined ? { ...rest, end: canceledAt } : rest;
  });
  const ids = [...new Set(intervals.map((i) => i.customerId))];
  const stepsOf = new Map<string, Step[]>();
  for (const id of ids) {
    let steps = customerSteps(intervals, id, to);
    if (o.groupWithin > 0) {
      const grouped: Step[] = [];
      for (let i = 0; i < steps.length; ) {
        let j = i;
        while (j + 1 < steps.length && steps[j + 1]!.t - steps[i]!.t < o.groupWithin) j++;
        grouped.push({ t: steps[i]!.t, l: steps[j]!.l });
        i = j + 1;
      }
      steps = dropNoOps(grouped);
    }
    if (o.reactivationGap > 0) {
      const raw = steps;
      // At each change to 0: if a change back above 0 follows less than the gap later, the level before the fall holds.
      steps = dropNoOps(raw.map((s, k) => {
        if (s.l !== 0 || k === 0) return s;
        const back = raw[k + 1];
        return back !== undefined && back.t - s.t < o.reactivationGap ? { t: s.t, l: raw[k - 1]!.l } : s;
      }));
    }
    stepsOf.set(id, steps);
  }
  const periods = periodRange(from, to - 1, spec);
  const earliest = Math.min(from, ...[...stepsOf.values()].flatMap((s) => s.map((x) => x.t)));
  const history = periodRange(earliest, to - 1, spec);
  return periods.map((p): NaiveMovementWith => {
    const s = p.start.getTime();
    const e = Math.min(p.end.getTime(), to);
    const row: NaiveMovementWith = {
      key: p.key, complete: p.end.getTime() <= to, start: 0, end: 0, customersAtStart: 0, customersAtEnd: 0,
      fresh: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0, newCustomers: 0, churnedCustomers: 0, reactivatedCustomers: 0,
      newCancelled: 0, baseEnd: 0, baseLosses: 0,
    };
    for (const id of ids) {
      const steps = stepsOf.get(id)!;
      const a = levelOf(steps, s - 1);
      const b = levelOf(steps, e - 1);
      row.start += a;
      row.end += b;
      if (a > 0) row.customersAtStart++;
      if (b > 0) row.customersAtEnd++;
      const inside = steps.filter((x) => x.t >= s && x.t < e);
      const firstPaid = steps[0]?.t;
      if (firstPaid !== undefined && firstPaid >= s && firstPaid < e && inside.some((x) => x.l === 0)) row.newCancelled++;
      const book = (before: number, after: number, paidBefore: boolean) => {
        if (before === 0 && !paidBefore) (row.fresh += after), row.newCustomers++;
        else if (before === 0) (row.reactivation += after), row.reactivatedCustomers++;
        else if (after === 0) (row.churned += before), row.churnedCustomers++;
        else if (after > before) row.expansion += after - before;
        else row.contraction += before - after;
      };
      if (o.movements === "events") {
        let before = a;
        for (const x of inside) {
          book(before, x.l, steps.some((y) => y.t < x.t && y.l > 0));
          if (a > 0 && x.l < before) row.baseLosses += before - x.l;
          before = x.l;
        }
      } else {
        // Paid at the end of some earlier period (the history before `from` included)?
        const paidAtAnEnd = history.some((q) => q.end.getTime() <= s && levelOf(steps, q.end.getTime() - 1) > 0);
        if (a !== b) book(a, b, paidAtAnEnd);
        if (a > 0) row.baseLosses += Math.max(0, a - b);
      }
      if (a > 0) row.baseEnd += b;
    }
    return row;
  });
}
