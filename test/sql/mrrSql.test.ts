/**
 * The warehouse's subscription methods (`mrrMovements`, `cohortMatrix` with
 * `measure: "mrr"`) equal the in-memory functions field by field on every
 * engine, with every convention of #15 (movements, churnRecognition with
 * canceledAt, groupWithin, reactivationGap), intervals and change events,
 * string and integer ids, instants around local midnights and DST changes.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { mrrMovements } from "../../src/revenue/mrrMovements.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { warehouse, type WarehouseSkipped } from "../../src/sql/index.ts";
import type { TestSubscription } from "./engines.ts";
import { ANCHORS, CALENDAR, engineSuite, HOUR, outcome } from "./parity.ts";

const engines = engineSuite("rm_mrr_test");
const DAY = 24 * HOUR;
let table = 0;

const scenario = fc
  .record({
    ...CALENDAR,
    unit: fc.constantFrom("day" as const, "week" as const, "month" as const, "quarter" as const),
    shape: fc.constantFrom("intervals" as const, "changes" as const),
    rows: fc.array(
      fc.record({
        c: fc.integer({ min: 0, max: 7 }),
        anchor: fc.nat(),
        shift: fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
        days: fc.option(fc.integer({ min: 0, max: 120 }), { freq: 4 }),
        cancel: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 2 }),
        cents: fc.integer({ min: 0, max: 20_000 }),
      }),
      { maxLength: 25 },
    ),
    bad: fc.boolean(),
    movements: fc.constantFrom("events" as const, "snapshot" as const),
    churnRecognition: fc.constantFrom("periodEnd" as const, "cancelDate" as const),
    groupWithin: fc.constantFrom(0, HOUR, 3 * DAY),
    reactivationGap: fc.constantFrom(0, DAY, 30 * DAY),
  })
  .map((s) => {
    const anchors = ANCHORS[s.timeZone]!;
    const at = (i: number) => anchors[i % anchors.length]!;
    const subs: TestSubscription[] = s.rows.map((r) => {
      const start = at(r.anchor) + r.shift;
      const end = r.days === null || s.shape === "changes" ? null : start + r.days * DAY;
      // A cancellation between the start and the end (or after the start of one that runs).
      const canceledAt = r.cancel === null || s.shape === "changes" ? null : Math.round(start + r.cancel * (end === null ? 60 * DAY : end - start));
      return { id: s.integerIds ? r.c * 5 - 13 : `s${r.c}`, start, end, canceledAt, cents: r.cents };
    });
    // A row without MRR: refused with onInvalid "throw", left out and reported with "skip".
    if (s.bad && subs.length > 0) subs.push({ ...subs[0]!, cents: null });
    return { ...s, subs, fromMs: s.from === null ? undefined : at(s.from) + 1, toMs: s.to === null ? undefined : at(s.to) };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The in-memory rows of the scenario. */
function memoryRows(s: Scenario): Array<Record<string, unknown>> {
  const mrr = (c: number | null) => (c === null ? null : c / 100);
  return s.shape === "intervals"
    ? s.subs.map((r) => ({ customerId: r.id, start: r.start, end: r.end, canceledAt: r.canceledAt, mrr: mrr(r.cents) }))
    : s.subs.map((r) => ({ customerId: r.id, at: r.start, mrr: mrr(r.cents) }));
}

/** Same value, or an error of the same class on both sides. */
async function expectSameOutcome<T>(memory: { value: T } | { error: unknown }, remote: () => Promise<T>, label: string) {
  if ("error" in memory) {
    const error = await remote().then(() => null, (e: unknown) => e);
    expect(error, label).not.toBeNull();
    expect((error as Error).constructor, label).toBe((memory.error as Error).constructor);
    return;
  }
  expect(JSON.parse(JSON.stringify(await remote())), label).toEqual(JSON.parse(JSON.stringify(memory.value)));
}

async function check(s: Scenario): Promise<void> {
  const rows = memoryRows(s);
  const onInvalid = s.bad ? ("skip" as const) : ("throw" as const);
  const period = {
    period: s.unit,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    ...(s.fromMs === undefined ? {} : { from: new Date(s.fromMs) }),
    ...(s.toMs === undefined ? {} : { to: new Date(s.toMs) }),
  };
  const conventions = { churnRecognition: s.churnRecognition, groupWithin: s.groupWithin, reactivationGap: s.reactivationGap };
  const movementOptions = { ...period, ...conventions, movements: s.movements, onInvalid };
  const cohortOptions = { ...period, ...conventions, measure: "mrr" as const, onInvalid };
  const memoryMovements = outcome(() => mrrMovements(rows, movementOptions));
  const memoryCohorts = outcome(() => cohortMatrix(rows, cohortOptions));
  const memorySkipped = s.subs.filter((r) => r.cents === null).length;
  const name = `s${table++ % 4}`;
  for (const engine of engines) {
    await engine.loadSubscriptions(name, s.subs);
    const skipped: WarehouseSkipped[] = [];
    const columns = s.shape === "intervals" ? { start: "starts_at", end: "ends_at", canceledAt: "canceled_at" } : { at: "starts_at" };
    const wh = warehouse({
      dialect: engine.dialect,
      query: engine.query,
      events: { from: "unused_events", customerId: "user_id", at: "created_at" },
      subscriptions: { from: name, customerId: "user_id", mrr: "mrr", ...columns },
      onSkipped: (x) => skipped.push(x),
    });
    await expectSameOutcome(memoryMovements, () => wh.mrrMovements(movementOptions), `${engine.dialect} mrrMovements`);
    await expectSameOutcome(memoryCohorts, () => wh.cohortMatrix(cohortOptions), `${engine.dialect} cohortMatrix mrr`);
    if ("value" in memoryMovements) {
      expect(skipped.length, engine.dialect).toBe(2 * Math.sign(memorySkipped));
      for (const x of skipped) expect([x.total, x.byField.amount, x.subscriptions?.byField.mrr], engine.dialect).toEqual([1, 1, 1]);
    }
  }
}

describe("warehouse subscriptions: parity with mrrMovements and the MRR cohort matrix on every engine", () => {
  test.prop([scenario], { numRuns: 30, seed: 20261202 })("movements, churnRecognition, groupWithin, reactivationGap; intervals and changes; random subscriptions around local midnights and DST", check, 300_000);

  it("the guide's worked example, on each engine", async () => {
    const ms = (iso: string) => Date.parse(iso);
    const subs: TestSubscription[] = [
      { id: "a", start: ms("2024-01-01T00:00:00Z"), end: ms("2024-02-10T00:00:00Z"), canceledAt: null, cents: 10_000 },
      { id: "a", start: ms("2024-02-10T00:00:00Z"), end: null, canceledAt: null, cents: 15_000 },
      { id: "b", start: ms("2024-01-15T00:00:00Z"), end: ms("2024-02-20T00:00:00Z"), canceledAt: ms("2024-01-25T00:00:00Z"), cents: 5_000 },
      { id: "c", start: ms("2024-02-05T00:00:00Z"), end: null, canceledAt: null, cents: 3_000 },
    ];
    for (const engine of engines) {
      await engine.loadSubscriptions("guide_subscriptions", subs);
      const wh = warehouse({
        dialect: engine.dialect,
        query: engine.query,
        events: { from: "guide_orders", customerId: "user_id", at: "created_at" },
        subscriptions: { from: "guide_subscriptions", customerId: "user_id", start: "starts_at", end: "ends_at", canceledAt: "canceled_at", mrr: "mrr" },
      });
      const feb = (await wh.mrrMovements({ period: "month", to: "2024-03-01" }))[1]!;
      expect([feb.startingMrr, feb.expansionMrr, feb.churnedMrr, feb.endingMrr].map(String), engine.dialect).toEqual(["150", "50", "50", "180"]);
      // Churn booked when b cancelled (January), not when the interval ends.
      const jan = (await wh.mrrMovements({ period: "month", to: "2024-03-01", churnRecognition: "cancelDate" }))[0]!;
      expect([jan.newMrr, jan.churnedMrr, jan.newCancelledCustomers].map(String), engine.dialect).toEqual(["150", "50", "1"]);
      const m = await wh.cohortMatrix({ period: "month", measure: "mrr", to: "2024-03-01" });
      expect(m.cohorts.map((c) => [c.cohort, c.startingMrr.toString(), c.rates]), engine.dialect).toEqual([["2024-01", "150", [1, 1]], ["2024-02", "30", [1, null]]]);
    }
  }, 60_000);

  it("refuses a method without the subscriptions setting, bad settings and the reading options, by name", async () => {
    const wh = warehouse({ dialect: "duckdb", query: async () => [], events: { from: "orders", customerId: "user_id", at: "created_at" } });
    await expect(wh.mrrMovements()).rejects.toMatchObject({ field: "subscriptions" });
    await expect(wh.cohortMatrix({ measure: "mrr" })).rejects.toMatchObject({ field: "subscriptions" });
    const settings = (subscriptions: unknown) => ({ dialect: "duckdb" as const, query: async () => [], events: { from: "orders", customerId: "user_id", at: "created_at" }, subscriptions: subscriptions as never });
    expect(() => warehouse(settings({ from: "subs", customerId: "id", mrr: "mrr" }))).toThrow(expect.objectContaining({ field: "subscriptions.start" }));
    expect(() => warehouse(settings({ from: "subs", customerId: "id", start: "s", at: "a", mrr: "mrr" }))).toThrow(expect.objectContaining({ field: "subscriptions.at" }));
    expect(() => warehouse(settings({ from: "subs", customerId: "id", at: "a", end: "e", mrr: "mrr" }))).toThrow(expect.objectContaining({ field: "subscriptions.end" }));
    expect(() => warehouse(settings({ from: "", customerId: "id", at: "a", mrr: "mrr" }))).toThrow(expect.objectContaining({ field: "subscriptions.from" }));
    const ok = warehouse(settings({ from: 'subs"; DROP TABLE subs; --', customerId: "id", start: "s", mrr: "mrr" }));
    expect(ok.compile.mrrMovements().sql).toContain('FROM "subs""; DROP TABLE subs; --"');
    for (const option of ["fields", "shape", "epochUnit"]) {
      await expect(ok.mrrMovements({ [option]: "x" } as never)).rejects.toMatchObject({ field: option });
    }
    // The in-memory function's own option errors, before any query.
    await expect(ok.mrrMovements({ movements: "daily" as never })).rejects.toMatchObject({ field: "movements" });
    await expect(ok.cohortMatrix({ measure: "mrr", brackets: [1] } as never)).rejects.toMatchObject({ field: "brackets" });
    await expect(ok.cohortMatrix({ measure: "mrr", cohortBy: "plan" } as never)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("names the missing table and column of the subscriptions", async () => {
    const engine = engines[0]!;
    await engine.loadSubscriptions("subs_present", []);
    const base = { dialect: engine.dialect, query: engine.query, events: { from: "orders", customerId: "user_id", at: "created_at" } };
    const missing = warehouse({ ...base, subscriptions: { from: "subs_absent", customerId: "user_id", start: "starts_at", mrr: "mrr" } });
    await expect(missing.mrrMovements()).rejects.toMatchObject({ field: "subscriptions.from" });
    const column = warehouse({ ...base, subscriptions: { from: "subs_present", customerId: "user_id", start: "starts_at", end: "no_such_end", mrr: "mrr" } });
    await expect(column.mrrMovements()).rejects.toMatchObject({ field: "subscriptions.end" });
  });
});
