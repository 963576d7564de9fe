/**
 * `lifecycle` with `newBy: "createdAt"` in the warehouse equals the in-memory
 * function on every engine: creation instants before, at and after each
 * customer's first event (around local midnights and DST changes), a function
 * or a Map, both dormant conventions, a customer without a creation instant.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { lifecycle } from "../../src/activity/lifecycle.ts";
import { PERIOD_UNITS, type PeriodUnit } from "../../src/periods/index.ts";
import { warehouse } from "../../src/sql/index.ts";
import type { TestEvent } from "./engines.ts";
import { ANCHORS, CALENDAR, engineSuite, expectSame, HOUR, outcome } from "./parity.ts";

const engines = engineSuite("rm_lifecycle_creation_test");
const DAY = 24 * HOUR;
let table = 0;

const scenario = fc
  .record({
    ...CALENDAR,
    unit: fc.constantFrom(...PERIOD_UNITS),
    events: fc.array(fc.record({ c: fc.integer({ min: 0, max: 9 }), anchor: fc.nat(), shift: fc.integer({ min: -3 * HOUR, max: 3 * HOUR }) }), { maxLength: 50 }),
    // Per customer: days from their first event to their creation (negative: created before), or none.
    created: fc.array(fc.option(fc.integer({ min: -70, max: 20 }), { freq: 12 }), { minLength: 10, maxLength: 10 }),
    dormant: fc.constantFrom("transition" as const, "state" as const),
  })
  .map((s) => {
    const anchors = ANCHORS[s.timeZone]!;
    const at = (i: number) => anchors[i % anchors.length]!;
    const events: TestEvent[] = s.events.map((e) => ({ id: s.integerIds ? e.c * 7 - 20 : `c${e.c}`, ms: at(e.anchor) + e.shift, cents: null }));
    const first = new Map<string, number>();
    for (const e of events) first.set(String(e.id), Math.min(first.get(String(e.id)) ?? Infinity, e.ms));
    // Keyed by the id's text: pg returns BIGINT ids as strings, DuckDB as bigints.
    const created = new Map<string, number>();
    for (const [id, ms] of first) {
      const days = s.created[Math.abs(Number(id.replace("c", ""))) % 10];
      if (days !== null && days !== undefined) created.set(id, ms + days * DAY);
    }
    return { ...s, events, createdByText: created, fromMs: s.from === null ? undefined : at(s.from) + 1, toMs: s.to === null ? undefined : at(s.to) };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

async function check(s: Scenario): Promise<void> {
  const rows = s.events.map((e) => ({ customerId: e.id, at: e.ms }));
  const options = {
    period: s.unit as PeriodUnit,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    ...(s.fromMs === undefined ? {} : { from: new Date(s.fromMs) }),
    ...(s.toMs === undefined ? {} : { to: new Date(s.toMs) }),
    newBy: "createdAt" as const,
    createdAt: (id: string | number | bigint) => s.createdByText.get(String(id)),
    dormant: s.dormant,
  };
  const memory = outcome(() => lifecycle(rows, options));
  const name = `l${table++ % 4}`;
  for (const engine of engines) {
    await engine.load(name, s.events);
    const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: name, customerId: "user_id", at: "created_at" } });
    await expectSame(memory, () => wh.lifecycle(options), `${engine.dialect} lifecycle newBy createdAt`);
  }
}

describe("warehouse lifecycle newBy createdAt: parity with the in-memory function on every engine", () => {
  test.prop([scenario], { numRuns: 40, seed: 20261204 })("creation before, at and after the first event, both dormant conventions, every unit, a missing creation instant", check, 300_000);

  it("the in-memory @example's figures, with a Map, on each engine", async () => {
    const events: TestEvent[] = [
      { id: "a", ms: Date.parse("2024-01-05T00:00:00Z"), cents: null },
      { id: "b", ms: Date.parse("2024-01-06T00:00:00Z"), cents: null },
      { id: "a", ms: Date.parse("2024-02-05T00:00:00Z"), cents: null },
      { id: "b", ms: Date.parse("2024-03-05T00:00:00Z"), cents: null },
      { id: "c", ms: Date.parse("2024-01-07T00:00:00Z"), cents: null },
    ];
    const created = new Map([["a", "2024-01-01"], ["b", "2023-12-01"], ["c", "2024-01-07"]]);
    for (const engine of engines) {
      await engine.load("lifecycle_created", events);
      const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: "lifecycle_created", customerId: "user_id", at: "created_at" } });
      const rows = await wh.lifecycle({ newBy: "createdAt", createdAt: created, dormant: "state" });
      expect(rows.map((r) => [r.new, r.returning, r.resurrecting, r.dormant]), engine.dialect).toEqual([[2, 0, 1, 0], [0, 1, 0, -2], [0, 0, 1, -2]]);
      await expect(wh.lifecycle({ newBy: "createdAt", createdAt: new Map([["a", "2024-01-01"]]) }), engine.dialect).rejects.toMatchObject({ field: "createdAt", value: expect.stringMatching(/^[bc]$/) });
    }
  }, 60_000);
});
