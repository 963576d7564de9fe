/**
 * The warehouse methods equal the in-memory functions field by field, on
 * every engine: DuckDB and ClickHouse (chdb) always, PostgreSQL at PG_URL.
 * Random events cluster around local midnights and DST changes of several
 * zones; every unit and week start; string and integer ids; cents; events
 * before `from` and after `to`.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { lifecycle } from "../../src/activity/lifecycle.ts";
import { activeUsers } from "../../src/activity/activeUsers.ts";
import { lness } from "../../src/activity/lness.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { PERIOD_UNITS, type PeriodUnit } from "../../src/periods/index.ts";
import { warehouse, type Warehouse } from "../../src/sql/index.ts";
import type { TestEvent } from "./engines.ts";
import { ANCHORS, engineSuite, expectSame, HOUR, outcome, ZONES } from "./parity.ts";

const engines = engineSuite("rm_warehouse_test");
let table = 0;

/** Events of up to 12 customers, each instant an anchor of the zone plus up to +-3 hours. */
const scenario = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    unit: fc.constantFrom(...PERIOD_UNITS),
    weekStartsOn: fc.integer({ min: 0, max: 6 }),
    integerIds: fc.boolean(),
    events: fc.array(
      fc.record({ c: fc.integer({ min: 0, max: 11 }), anchor: fc.nat(), shift: fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), cents: fc.option(fc.integer({ min: -5000, max: 99_999 }), { freq: 8 }) }),
      { maxLength: 60 },
    ),
    from: fc.option(fc.nat(), { freq: 2 }),
    to: fc.option(fc.nat(), { freq: 2 }),
    activeWindow: fc.integer({ min: 1, max: 3 }),
    mode: fc.constantFrom("classic" as const, "unbounded" as const),
    measure: fc.constantFrom("customers" as const, "orders" as const, "revenue" as const),
    maxOffset: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 3 }),
    keyed: fc.boolean(),
    interval: fc.boolean(),
    mean: fc.constantFrom("weighted" as const, "weighted" as const, "simple" as const),
    summaryInterval: fc.boolean(),
    confidence: fc.option(fc.constantFrom(0.5, 0.8, 0.99), { freq: 2 }),
    dormant: fc.constantFrom("transition" as const, "state" as const),
    definition: fc.constantFrom("trailing" as const, "calendar" as const),
    // A week window longer than the month window is refused on both sides.
    weekWindow: fc.integer({ min: 1, max: 8 }),
    monthWindow: fc.integer({ min: 6, max: 31 }),
    lnessDays: fc.integer({ min: 1, max: 40 }),
    // Second purchases a minute after the first ones: several events of a customer on one day.
    again: fc.boolean(),
    churnAfter: fc.integer({ min: 1, max: 3 }),
    byCohort: fc.boolean(),
  })
  .map((s) => {
    const anchors = ANCHORS[s.timeZone]!;
    const at = (i: number) => anchors[i % anchors.length]!;
    const events: TestEvent[] = s.events.map((e) => ({
      id: s.integerIds ? e.c * 7 - 20 : `c${e.c}`,
      ms: at(e.anchor) + e.shift,
      cents: e.cents,
      key: ["fr", "de", "us"][e.c % 3]!,
    }));
    // An amount column of NULLs only is a table with amounts (of 0) in the engine, and none in memory.
    if (s.again) events.push(...events.slice(0, Math.ceil(events.length / 2)).map((e) => ({ ...e, ms: e.ms + 60_000 })));
    if (events.length > 0 && events.every((e) => e.cents === null)) events[0]!.cents = 0;
    return { ...s, events, fromMs: s.from === null ? undefined : at(s.from) + 1, toMs: s.to === null ? undefined : at(s.to) };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function periodOptions(s: Scenario) {
  return {
    period: s.unit as PeriodUnit,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    ...(s.fromMs === undefined ? {} : { from: new Date(s.fromMs) }),
    ...(s.toMs === undefined ? {} : { to: new Date(s.toMs) }),
  };
}

async function check(s: Scenario): Promise<void> {
  const rows = s.events.map((e) => ({ customerId: e.id, at: e.ms, amount: e.cents === null ? null : e.cents / 100 }));
  const keyOf = new Map(s.events.map((e) => [e.id, e.key!]));
  const p = periodOptions(s);
  const measure = s.mode === "unbounded" ? "customers" : s.measure;
  const interval = s.interval && measure === "customers";
  // mean "simple" with interval is refused on both sides (the parity of the error is checked too).
  const cohort = { ...p, mode: s.mode, measure, interval, mean: s.mean, ...(s.maxOffset === null ? {} : { maxOffset: s.maxOffset }) };
  const summary = { ...p, activeWindow: s.activeWindow, interval: s.summaryInterval, ...(s.confidence === null ? {} : { confidence: s.confidence }) };
  const life = { ...p, dormant: s.dormant };
  const memoryCohorts = outcome(() => cohortMatrix(rows, { ...cohort, ...(s.keyed ? { cohortOf: (id) => keyOf.get(id as string | number)! } : {}) }));
  const memorySummary = outcome(() => periodSummary(rows, summary));
  const memoryLifecycle = outcome(() => lifecycle(rows, life));
  const active = { ...p, definition: s.definition, weekWindow: s.weekWindow, monthWindow: s.monthWindow, interval: s.summaryInterval, ...(s.confidence === null ? {} : { confidence: s.confidence }) };
  const memoryActive = outcome(() => activeUsers(rows, active));
  const lnessOptions = { days: s.lnessDays, timeZone: s.timeZone, ...(s.toMs === undefined ? {} : { end: new Date(s.toMs) }) };
  const memoryLness = outcome(() => lness(rows, lnessOptions));
  const survival = { ...p, churnAfter: s.churnAfter, ...(s.confidence === null ? {} : { confidence: s.confidence }), ...(s.byCohort ? { groupBy: "cohort" as const } : {}) };
  const memorySurvival = outcome(() => survivalCurve(rows, survival));
  const name = `t${table++ % 4}`;
  for (const engine of engines) {
    await engine.load(name, s.events);
    const wh: Warehouse = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: name, customerId: "user_id", at: "created_at", amount: "total" } });
    await expectSame(memoryCohorts, () => wh.cohortMatrix({ ...cohort, ...(s.keyed ? { cohortBy: "country" } : {}) }), `${engine.dialect} cohortMatrix`);
    await expectSame(memorySummary, () => wh.periodSummary(summary), `${engine.dialect} periodSummary`);
    await expectSame(memoryLifecycle, () => wh.lifecycle(life), `${engine.dialect} lifecycle`);
    await expectSame(memoryActive, () => wh.activeUsers(active), `${engine.dialect} activeUsers`);
    // With no events and no end, the window ends today on both sides.
    await expectSame(memoryLness, () => wh.lness(lnessOptions), `${engine.dialect} lness`);
    await expectSame(memorySurvival, () => wh.survivalCurve(survival), `${engine.dialect} survivalCurve`);
  }
}

describe("warehouse: parity with the in-memory functions on every engine", () => {
  test.prop([scenario], { numRuns: 40, seed: 20261202 })("cohortMatrix (mean, interval), periodSummary (interval, confidence), lifecycle (dormant), activeUsers (definition, windows, interval), lness (days, end) and survivalCurve (churnAfter, groupBy cohort), random events around local midnights and DST", check, 300_000);

  it("the guide's worked example, on each engine", async () => {
    const events: TestEvent[] = [
      { id: "a", ms: Date.parse("2024-01-03T10:00:00Z"), cents: 2000 },
      { id: "b", ms: Date.parse("2024-01-20T10:00:00Z"), cents: 3000 },
      { id: "a", ms: Date.parse("2024-02-11T10:00:00Z"), cents: 1500 },
      { id: "c", ms: Date.parse("2024-02-15T10:00:00Z"), cents: 4000 },
      { id: "c", ms: Date.parse("2024-03-02T10:00:00Z"), cents: 1000 },
    ];
    for (const engine of engines) {
      await engine.load("guide_orders", events);
      const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: "guide_orders", customerId: "user_id", at: "created_at", amount: "total" } });
      const m = await wh.cohortMatrix({ period: "month", to: "2024-03-15T00:00:00Z" });
      expect(m.cohorts.map((c) => [c.cohort, c.size, c.rates]), engine.dialect).toEqual([["2024-01", 2, [1, 0.5]], ["2024-02", 1, [1, null]], ["2024-03", 0, [null, null]]]);
      expect(m.cohorts[0]!.cumulativeRevenuePerCustomer.map(String), engine.dialect).toEqual(["25", "32.5"]);
      const months = await wh.periodSummary({ period: "month", to: "2024-03-01T00:00:00Z" });
      expect(months.map((r) => [r.period.key, r.customersAtStart, r.retentionRate, r.revenue.toString()]), engine.dialect).toEqual([
        ["2024-01", 0, null, "50"],
        ["2024-02", 2, 0.5, "55"],
      ]);
    }
  }, 60_000);
});
