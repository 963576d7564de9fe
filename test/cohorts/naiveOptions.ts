/**
 * An obviously-correct recomputation of the cohort options (brackets,
 * minEvents, recurring entry, rolling windows) over plain objects: every
 * membership and every cell is counted by filtering the events again. Slow on
 * purpose, sharing nothing with `optionScan.ts`.
 */
import { periodOf, periodRange, type PeriodSpec } from "../../src/periods/index.ts";
import type { PlainEvent } from "./naive.ts";

export interface NaiveOptions {
  spec: PeriodSpec & { unit: "day" | "week" | "month" | "quarter" | "year" };
  to: number;
  /** Upper ends; absent: one column per offset, `columns` of them. */
  brackets?: number[];
  columns?: number;
  unbounded?: boolean;
  minEvents?: number;
  recurring?: boolean;
  rolling?: boolean;
  /** startEvent / returnEvent, as predicates on the event (default: every event). */
  isStart?: (e: PlainEvent) => boolean;
  isReturn?: (e: PlainEvent) => boolean;
}

export interface NaiveCohortCell {
  value: number | null;
  observed: number;
}

const WINDOW = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as Record<string, number>;

/** Rows by calendar period key: per column, the members counted active and the members observed. */
export function naiveOptionCells(events: readonly PlainEvent[], o: NaiveOptions): Map<string, { size: number; cells: NaiveCohortCell[] }> {
  const kept = events.filter((e) => e.at < o.to).sort((x, y) => x.at - y.at);
  const out = new Map<string, { size: number; cells: NaiveCohortCell[] }>();
  if (kept.length === 0) return out;
  const periods = periodRange(kept[0]!.at, o.to - 1, o.spec);
  const index = new Map(periods.map((p, i) => [p.key, i]));
  const periodIndex = (at: number) => index.get(periodOf(at, o.spec).key)!;
  const columns = o.brackets === undefined ? o.columns! : o.brackets.length + 1;
  // Column j covers offsets [first[j], last[j]].
  const last = o.brackets === undefined ? Array.from({ length: columns }, (_, k) => k) : [0, ...o.brackets];
  const first = last.map((_, j) => (j === 0 ? 0 : last[j - 1]! + 1));
  for (const p of periods) out.set(p.key, { size: 0, cells: Array.from({ length: columns }, () => ({ value: 0, observed: 0 })) });
  const min = o.minEvents ?? 1;
  const byCustomer = new Map<string, PlainEvent[]>();
  for (const e of kept) byCustomer.set(e.customerId, [...(byCustomer.get(e.customerId) ?? []), e]);
  for (const own of byCustomer.values()) {
    // Memberships: the first (start) event, or the first start event of each period with any.
    const startEvents = own.filter(o.isStart ?? (() => true));
    const returns = own.filter(o.isReturn ?? (() => true));
    const starts = startEvents.filter((e, i) => i === 0 || (o.recurring === true && periodIndex(e.at) !== periodIndex(startEvents[i - 1]!.at)));
    for (const s of starts) {
      const row = out.get(periodOf(s.at, o.spec).key)!;
      row.size++;
      const p0 = periodIndex(s.at);
      // Offset of an event, events at each offset, and whether an offset has ended by `to`.
      const offsetOf = (e: PlainEvent) => (o.rolling ? Math.floor((e.at - s.at) / WINDOW[o.spec.unit]!) : periodIndex(e.at) - p0);
      const eventsAt = (d: number) => returns.filter((e) => e.at >= s.at && offsetOf(e) === d).length;
      const ended = (d: number) => (o.rolling ? s.at + (d + 1) * WINDOW[o.spec.unit]! <= o.to : p0 + d < periods.length && periods[p0 + d]!.end.getTime() <= o.to);
      const active = (d: number) => d === 0 || eventsAt(d) >= min;
      for (let j = 0; j < columns; j++) {
        if (!ended(last[j]!)) continue;
        row.cells[j]!.observed++;
        let yes = false;
        // Unbounded: active at any offset from the column's on, the events of a period not ended included.
        if (o.unbounded) yes = first[j] === 0 || returns.some((x) => x.at >= s.at && offsetOf(x) >= first[j]! && active(offsetOf(x)));
        else for (let d = first[j]!; d <= last[j]!; d++) yes ||= active(d);
        if (yes) row.cells[j]!.value!++;
      }
    }
  }
  periods.forEach((p, r) => {
    // A calendar cohort is observed as a whole (empty or not) once the column's last period has ended;
    // with rolling windows, a cell is null only when no member's window has ended.
    out.get(p.key)!.cells.forEach((c, j) => {
      const censored = o.rolling ? c.observed === 0 : !(r + last[j]! < periods.length && periods[r + last[j]!]!.end.getTime() <= o.to);
      if (censored) c.value = null;
    });
  });
  return out;
}
