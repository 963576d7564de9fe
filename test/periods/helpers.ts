/**
 * Shared arbitraries and independent oracles for the periods tests. The
 * oracles read local dates with Intl.DateTimeFormat, not with @date-fns/tz, so
 * they check the library against a second source of time zone truth.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { PERIOD_UNITS, type PeriodSpec, type WeekStartsOn } from "../../src/periods/index.ts";
import { InvalidInputError } from "../../src/errors.ts";

/**
 * A property test: `prop([arbs], params)(name, predicate)` runs `predicate` on
 * generated values with fast-check. Plain fast-check rather than
 * @fast-check/vitest, whose import loads a second copy of vitest (seconds per file).
 */
export function prop<Ts extends [unknown, ...unknown[]]>(arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, params: fc.Parameters<[Ts]> = {}) {
  return (name: string, predicate: (...args: Ts) => void): void => {
    it(name, () => {
      fc.assert(
        fc.property(fc.tuple<Ts>(...arbs), (args) => predicate(...args)),
        params,
      );
    });
  };
}

/** Zones with DST in either hemisphere, half-hour and 45-minute offsets, a 30-minute DST, and none. */
export const ZONES = [
  "UTC",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Europe/London",
  "America/Sao_Paulo",
  "Asia/Kathmandu",
] as const;

/**
 * Zones whose clocks did odd things: an offset with seconds less than an hour
 * west of UTC (Monrovia until 1972), changes at midnight (Havana, Santiago,
 * Cairo, Beirut, Kathmandu in 1986), a jump over midnight from 23:30 (Toronto,
 * 1919), a skipped date (Apia, 2011-12-30), and local mean time with seconds
 * before 1900 almost everywhere.
 */
export const ODD_ZONES = [
  "Africa/Monrovia",
  "America/Havana",
  "America/Santiago",
  "Africa/Cairo",
  "Asia/Beirut",
  "Asia/Kathmandu",
  "Pacific/Apia",
  "Europe/Amsterdam",
  "America/St_Johns",
  "America/Toronto",
] as const;

export const MIN_MS = Date.UTC(1990, 0, 1);
export const MAX_MS = Date.UTC(2060, 0, 1);

/** Integer epoch ms in 1990..2060. */
export const instantArb = fc.integer({ min: MIN_MS, max: MAX_MS });
export const zoneArb = fc.constantFrom(...ZONES);
export const unitArb = fc.constantFrom(...PERIOD_UNITS);
export const weekStartsOnArb = fc.constantFrom<WeekStartsOn>(0, 1, 2, 3, 4, 5, 6);
export const specArb: fc.Arbitrary<PeriodSpec> = fc.record({ unit: unitArb, timeZone: zoneArb, weekStartsOn: weekStartsOnArb });

/** Instants from 1850 to 2040, in the odd zones, with any unit and week start. */
export const historicInstantArb = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2040, 0, 1) });
export const oddSpecArb: fc.Arbitrary<PeriodSpec> = fc.record({
  unit: fc.constantFrom(...PERIOD_UNITS),
  timeZone: fc.constantFrom(...ODD_ZONES),
  weekStartsOn: fc.constantFrom<WeekStartsOn>(0, 1, 2, 3, 4, 5, 6),
});

/** Instants near a DST change of the test zones (March/April, October/November), where bugs live. */
export const dstEdgeInstantArb = fc
  .record({
    year: fc.integer({ min: 1995, max: 2055 }),
    month: fc.constantFrom(2, 3, 8, 9, 10),
    day: fc.integer({ min: 0, max: 30 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  })
  .map(({ year, month, day, minute }) => Date.UTC(year, month, 1 + day, 0, minute));

/** Either kind of instant, half the time near a DST change. */
export const anyInstantArb = fc.oneof(instantArb, dstEdgeInstantArb);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock fields of `t` in `timeZone`, by Intl. */
export function localFields(t: number, timeZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number; weekday: number } {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(t))) parts[p.type] = p.value;
  const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    s: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? ""),
  };
}

/** `"YYYY-MM-DDTHH:MM:SS"` wall clock of `t` in `timeZone`, by Intl. */
export function wallClockString(t: number, timeZone: string): string {
  const { y, m, d, h, mi, s } = localFields(t, timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${String(y).padStart(4, "0")}-${p(m)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}`;
}

const p2 = (n: number) => String(n).padStart(2, "0");

/**
 * The key of the period holding `t`, computed from Intl's local date with plain
 * UTC-date arithmetic (an independent route to the library's keys).
 */
export function expectedKey(t: number, spec: FullSpec): string {
  const { y, m, d, weekday } = localFields(t, spec.timeZone);
  switch (spec.unit) {
    case "day":
      return `${y}-${p2(m)}-${p2(d)}`;
    case "week": {
      const back = (weekday - spec.weekStartsOn + 7) % 7;
      const first = new Date(Date.UTC(y, m - 1, d - back));
      return first.toISOString().slice(0, 10);
    }
    case "isoWeek": {
      // Ordinal-date method: week = floor((ordinal - isoWeekday + 10) / 7), then wrap.
      const isoWeekday = weekday === 0 ? 7 : weekday;
      const ordinal = (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
      let week = Math.floor((ordinal - isoWeekday + 10) / 7);
      let year = y;
      const weeksIn = (yy: number) => {
        const dec31 = new Date(Date.UTC(yy, 11, 31)).getUTCDay();
        const jan1 = new Date(Date.UTC(yy, 0, 1)).getUTCDay();
        return jan1 === 4 || dec31 === 4 ? 53 : 52;
      };
      if (week < 1) {
        year = y - 1;
        week = weeksIn(year);
      } else if (week > weeksIn(y)) {
        year = y + 1;
        week = 1;
      }
      return `${year}-W${p2(week)}`;
    }
    case "month":
      return `${y}-${p2(m)}`;
    case "quarter":
      return `${y}-Q${Math.ceil(m / 3)}`;
    case "year":
      return String(y);
  }
}

/** A spec with every field given. */
export interface FullSpec {
  unit: PeriodSpec["unit"];
  timeZone: string;
  weekStartsOn: WeekStartsOn;
}

/** Fills the defaults of a spec the way the library documents them. */
export function fullSpec(spec: PeriodSpec): FullSpec {
  return {
    unit: spec.unit,
    timeZone: spec.timeZone ?? "UTC",
    weekStartsOn: spec.unit === "isoWeek" ? 1 : (spec.weekStartsOn ?? 1),
  };
}

const DAY_MS = 86_400_000;
/** Longest span drawn per unit, so a range holds at most a few hundred periods. */
const MAX_SPAN_MS = { day: 200 * DAY_MS, week: 3 * 365 * DAY_MS, isoWeek: 3 * 365 * DAY_MS, month: 20 * 365 * DAY_MS, quarter: 40 * 365 * DAY_MS, year: 60 * 365 * DAY_MS };

/** A spec and two ordered instants no more than a few hundred of its periods apart. */
export const rangeArb = specArb.chain((spec) =>
  fc
    .tuple(anyInstantArb, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * DAY_MS }), fc.integer({ min: 0, max: MAX_SPAN_MS[spec.unit] })))
    .map(([from, span]) => ({ spec, from, to: from + span })),
);

/** The InvalidInputError that `f` throws (fails the test when it throws nothing or something else). */
export function errorOf(f: () => unknown): InvalidInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return e as InvalidInputError;
  }
  throw new Error("expected an InvalidInputError");
}

/** The field named by the InvalidInputError that `f` throws. */
export function fieldOf(f: () => unknown): string {
  return errorOf(f).field;
}
