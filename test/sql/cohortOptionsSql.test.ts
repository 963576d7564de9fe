/**
 * The cohort options of #15 in the warehouse (`mode: "bracket"` with
 * `brackets`, `minEvents`, `entry: "recurring"`, `window: "rolling"`) equal
 * the in-memory `cohortMatrix` field by field on every engine, alone and
 * combined, with every measure, `maxOffset`, `cohortBy`, random events around
 * local midnights and DST changes, events before `from` and after `to`.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { warehouse } from "../../src/sql/index.ts";
import type { TestEvent } from "./engines.ts";
import { ANCHORS, CALENDAR, engineSuite, expectSame, HOUR, outcome } from "./parity.ts";

const engines = engineSuite("rm_cohort_options_test");
let table = 0;

const scenario = fc
  .record({
    ...CALENDAR,
    unit: fc.constantFrom("day" as const, "week" as const, "month" as const, "quarter" as const),
    events: fc.array(
      fc.record({ c: fc.integer({ min: 0, max: 9 }), anchor: fc.nat(), shift: fc.integer({ min: -30 * HOUR, max: 30 * HOUR }), cents: fc.option(fc.integer({ min: -5000, max: 99_999 }), { freq: 8 }) }),
      { maxLength: 50 },
    ),
    mode: fc.constantFrom("classic" as const, "unbounded" as const, "bracket" as const),
    brackets: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }).map((b) => [...b].sort((x, y) => x - y)),
    measure: fc.constantFrom("customers" as const, "customers" as const, "orders" as const, "revenue" as const),
    minEvents: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 2 }),
    recurring: fc.boolean(),
    rolling: fc.boolean(),
    maxOffset: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 2 }),
    keyed: fc.boolean(),
    interval: fc.boolean(),
    // Several events of a customer in one period, for minEvents.
    again: fc.integer({ min: 0, max: 3 }),
  })
  .map((s) => {
    const anchors = ANCHORS[s.timeZone]!;
    const at = (i: number) => anchors[i % anchors.length]!;
    const events: TestEvent[] = s.events.map((e) => ({ id: s.integerIds ? e.c * 7 - 20 : `c${e.c}`, ms: at(e.anchor) + e.shift, cents: e.cents, key: ["fr", "de", "us"][e.c % 3]! }));
    for (let i = 0; i < s.again; i++) events.push(...events.slice(0, Math.ceil(events.length / 3)).map((e) => ({ ...e, ms: e.ms + (i + 1) * 60_000 })));
    if (events.length > 0 && events.every((e) => e.cents === null)) events[0]!.cents = 0;
    return { ...s, events, fromMs: s.from === null ? undefined : at(s.from) + 1, toMs: s.to === null ? undefined : at(s.to) };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** At least one option of #15, so that the per-membership query runs; invalid mixes are checked for the same error. */
function optionsOf(s: Scenario) {
  const measure = s.mode === "unbounded" || s.minEvents !== null ? "customers" : s.measure;
  const options = {
    period: s.unit,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    ...(s.fromMs === undefined ? {} : { from: new Date(s.fromMs) }),
    ...(s.toMs === undefined ? {} : { to: new Date(s.toMs) }),
    mode: s.mode,
    measure,
    interval: s.interval && measure === "customers",
    ...(s.mode === "bracket" ? { brackets: s.brackets } : s.maxOffset === null ? {} : { maxOffset: s.maxOffset }),
    ...(s.minEvents === null ? {} : { minEvents: s.minEvents }),
    ...(s.recurring ? { entry: "recurring" as const } : {}),
    ...(s.rolling ? { window: "rolling" as const } : {}),
  };
  // Without any option the default query runs (warehouse.test.ts covers it): take minEvents 1 then.
  const none = s.mode !== "bracket" && s.minEvents === null && !s.recurring && !s.rolling;
  return none ? { ...options, minEvents: 1 } : options;
}

async function check(s: Scenario): Promise<void> {
  const rows = s.events.map((e) => ({ customerId: e.id, at: e.ms, amount: e.cents === null ? null : e.cents / 100 }));
  const keyOf = new Map(s.events.map((e) => [e.id, e.key!]));
  const keyed = s.keyed && !s.recurring;
  const options = optionsOf(s);
  const memory = outcome(() => cohortMatrix(rows, { ...options, ...(keyed ? { cohortOf: (id) => keyOf.get(id as string | number)! } : {}) }));
  const name = `o${table++ % 4}`;
  for (const engine of engines) {
    await engine.load(name, s.events);
    const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: name, customerId: "user_id", at: "created_at", amount: "total" } });
    await expectSame(memory, () => wh.cohortMatrix({ ...options, ...(keyed ? { cohortBy: "country" } : {}) }), `${engine.dialect} cohortMatrix ${JSON.stringify(options)}`);
  }
}

describe("warehouse cohortMatrix options: parity with the in-memory matrix on every engine", () => {
  test.prop([scenario], { numRuns: 60, seed: 20261203 })("brackets, minEvents, recurring entry and rolling windows, alone and combined, every measure, cohortBy, maxOffset", check, 300_000);

  it("a worked example of each option, on each engine", async () => {
    const day = (d: number, h = 10) => Date.UTC(2024, 0, d, h);
    const events: TestEvent[] = [
      { id: "a", ms: day(1, 22), cents: 100 }, { id: "a", ms: day(2, 9), cents: 100 }, { id: "a", ms: day(3), cents: 100 }, { id: "a", ms: day(3, 11), cents: 100 },
      { id: "b", ms: day(1), cents: 100 }, { id: "b", ms: day(5), cents: 100 },
      { id: "c", ms: day(2), cents: 100 }, { id: "c", ms: day(3), cents: 100 },
    ];
    for (const engine of engines) {
      await engine.load("option_orders", events);
      const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: "option_orders", customerId: "user_id", at: "created_at", amount: "total" } });
      const base = { period: "day" as const, to: new Date(day(7, 0)) };
      // Day 1 cohort {a, b}: a is active on days 2 and 3 (offsets 1, 2), b on day 5 (offset 4).
      const bracket = await wh.cohortMatrix({ ...base, mode: "bracket", brackets: [2, 4] });
      expect(bracket.cohorts[0]!.values, engine.dialect).toEqual([2, 1, 1]);
      // Two events on day 3 make a the only member active at offset 2 with minEvents 2.
      const min = await wh.cohortMatrix({ ...base, minEvents: 2, maxOffset: 2 });
      expect(min.cohorts[0]!.values, engine.dialect).toEqual([2, 0, 1]);
      // Recurring: a and c join the day-2 cohort too; both are active the day after.
      const recurring = await wh.cohortMatrix({ ...base, entry: "recurring", maxOffset: 1 });
      expect(recurring.cohorts[1]!.values, engine.dialect).toEqual([2, 2]);
      // Rolling 24-hour windows from a's first event (day 1, 22:00): day 2 09:00 is still window 0.
      const rolling = await wh.cohortMatrix({ ...base, window: "rolling", maxOffset: 2 });
      expect(rolling.cohorts[0]!.values, engine.dialect).toEqual([2, 1, 0]);
    }
  }, 60_000);

  it("refuses recurring entry with cohortBy and rolling windows of quarters, naming the option", async () => {
    const wh = warehouse({ dialect: "duckdb", query: async () => [], events: { from: "orders", customerId: "user_id", at: "created_at" } });
    const range = { from: "2024-01-01", to: "2024-07-01" };
    expect(() => wh.compile.cohortMatrix({ ...range, entry: "recurring", cohortBy: "country" })).toThrow(expect.objectContaining({ field: "entry" }));
    expect(() => wh.compile.cohortMatrix({ ...range, period: "quarter", window: "rolling" })).toThrow(expect.objectContaining({ field: "window" }));
    expect(() => wh.compile.cohortMatrix({ ...range, mode: "bracket", brackets: [3, 2] })).toThrow(expect.objectContaining({ field: "brackets[1]" }));
    expect(() => wh.compile.cohortMatrix({ ...range, minEvents: 0 })).toThrow(expect.objectContaining({ field: "minEvents" }));
  });
});
