/**
 * Obviously-correct recomputations over plain objects, for the property tests:
 * every event is placed with periodOf, every count is a Set. Slow, and that is
 * the point: nothing here shares code with the one-pass implementation.
 */
import { fc } from "../support/fc.ts";
import { periodOf, periodRange, type PeriodSpec } from "../../src/periods/index.ts";

export interface PlainEvent {
  customerId: string;
  at: number;
  amount: number;
}

/** Small random event sets of the given customers over ~14 months, amounts in whole cents. */
export function plainEventsArb(ids: readonly string[]): fc.Arbitrary<PlainEvent[]> {
  return fc.array(
    fc.record({
      customerId: fc.constantFrom(...ids),
      at: fc.integer({ min: Date.UTC(2023, 11, 1), max: Date.UTC(2025, 1, 1) }),
      amount: fc.integer({ min: 0, max: 50000 }).map((c) => c / 100),
    }),
    { maxLength: 40 },
  );
}

/** Events of six customers and one whose id is "__proto__". */
export const eventsArb = plainEventsArb(["a", "b", "c", "d", "e", "f", "__proto__"]);

export interface NaivePeriod {
  key: string;
  active: Set<string>;
  orders: number;
  revenueCents: number;
  counts: Map<string, number>;
}

/** Periods from the earliest event (or from) to the last instant before `to`, with each period's events. */
export function naivePeriods(events: PlainEvent[], spec: PeriodSpec, to: number, from?: number): NaivePeriod[] {
  const kept = events.filter((e) => e.at < to);
  if (kept.length === 0 && from === undefined) return [];
  const start = Math.min(from ?? Infinity, ...kept.map((e) => e.at));
  const periods = periodRange(start, to - 1, spec).map((p) => ({ key: p.key, active: new Set<string>(), orders: 0, revenueCents: 0, counts: new Map<string, number>() }));
  const index = new Map(periods.map((p, i) => [p.key, i]));
  for (const e of kept) {
    const p = periods[index.get(periodOf(e.at, spec).key)!]!;
    p.active.add(e.customerId);
    p.orders++;
    p.revenueCents += Math.round(e.amount * 100);
    p.counts.set(e.customerId, (p.counts.get(e.customerId) ?? 0) + 1);
  }
  return periods;
}

/** Customers active in periods lo..hi (clamped). */
export function activeIn(periods: NaivePeriod[], lo: number, hi: number): Set<string> {
  const out = new Set<string>();
  for (let i = Math.max(0, lo); i <= hi && i < periods.length; i++) for (const c of periods[i]!.active) out.add(c);
  return out;
}

/** The customers whose first period is i. */
export function newIn(periods: NaivePeriod[], i: number): Set<string> {
  const before = activeIn(periods, 0, i - 1);
  return new Set([...periods[i]!.active].filter((c) => !before.has(c)));
}

/** An event with a name, for startEvent and returnEvent. */
export type NamedEvent = PlainEvent & { event: string };

/** The names {@link namedEventsArb} draws from. */
export const EVENT_NAMES = ["signup", "visit", "buy"] as const;

/** {@link eventsArb} with a name on each event. */
export const namedEventsArb: fc.Arbitrary<NamedEvent[]> = eventsArb.chain((events) =>
  fc.array(fc.constantFrom(...EVENT_NAMES), { minLength: events.length, maxLength: events.length }).map((names) => events.map((e, i) => ({ ...e, event: names[i]! }))),
);

/** A non-empty list of names that the events have (null when they have none of `wanted`). */
export function namesPresent(events: readonly NamedEvent[], wanted: readonly string[]): string[] | null {
  const there = wanted.filter((name) => events.some((e) => e.event === name));
  return there.length === 0 ? null : there;
}

/** The earliest and latest instants of the events (the data's span, which returnEvent keeps). */
export function dataSpan(events: readonly PlainEvent[]): { first: number; last: number } {
  return { first: Math.min(...events.map((e) => e.at)), last: Math.max(...events.map((e) => e.at)) };
}

/** The events with one of `names`, without their names: what a table of the return events alone holds. */
export function returnOnly(events: readonly NamedEvent[], names: readonly string[]): PlainEvent[] {
  return events.filter((e) => names.includes(e.event)).map(({ event: _event, ...rest }) => rest);
}
