/**
 * `wh.rfmSummary` and `wh.rfmHistories` equal the in-memory `rfmSummary` (and
 * its rows grouped by history) on every engine, on random events around local
 * midnights and DST changes, for every groupBy, time unit, week start,
 * observation and calibration end; the models fitted on the histories are the
 * models fitted on the per-customer summary.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "../support/fc.ts";
import { rfmSummary, type RfmRow } from "../../src/clv/rfmSummary.ts";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { fitModifiedBgNbd } from "../../src/clv/modifiedBgNbd.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { warehouse, type RfmHistory } from "../../src/sql/index.ts";
import type { TestEvent } from "./engines.ts";
import { ANCHORS, engineSuite, HOUR, outcome, ZONES } from "./parity.ts";

const engines = engineSuite("rm_warehouse_rfm");
let table = 0;

const EVENTS = { customerId: "user_id", at: "created_at", amount: "total" } as const;

const scenario = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    groupBy: fc.constantFrom("day" as const, "day" as const, "week" as const, "isoWeek" as const, "month" as const, "quarter" as const, "year" as const),
    timeUnit: fc.option(fc.constantFrom("day" as const, "week" as const), { freq: 2 }),
    // Rarely a time unit beside another groupBy, or a calibration end after the observation end: refused on both
    // sides (the parity of the error is checked too).
    refused: fc.integer({ min: 0, max: 9 }),
    twin: fc.boolean(),
    weekStartsOn: fc.integer({ min: 0, max: 6 }),
    integerIds: fc.boolean(),
    events: fc.array(
      // Often on the anchor itself, so that customers share first instants (their order is then by id).
      fc.record({ c: fc.integer({ min: 0, max: 11 }), anchor: fc.nat({ max: 150 }), shift: fc.oneof(fc.constant(0), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })), cents: fc.option(fc.integer({ min: -5000, max: 99_999 }), { freq: 8 }) }),
      { maxLength: 60 },
    ),
    end: fc.option(fc.nat(), { freq: 2 }),
    endAsDay: fc.boolean(),
    calibration: fc.option(fc.nat(), { freq: 2 }),
    monetaryValue: fc.boolean(),
  })
  .map((s) => {
    const anchors = ANCHORS[s.timeZone]!;
    const at = (i: number) => anchors[i % anchors.length]!;
    const events: TestEvent[] = s.events.map((e) => ({ id: s.integerIds ? e.c * 7 - 20 : `c${e.c}`, ms: at(e.anchor) + e.shift, cents: e.cents }));
    // An amount column of NULLs only is a table with amounts (of 0) in the engine, and none in memory.
    if (events.length > 0 && events.every((e) => e.cents === null)) events[0]!.cents = 0;
    // A second customer whose first purchase is at the same instant as the first customer's.
    const earliest = events.reduce((m, e) => (e.ms < m.ms ? e : m), events[0] ?? { id: "", ms: 0, cents: 0 });
    const other = events.find((e) => e.id !== earliest.id);
    if (s.twin && other !== undefined) events.push({ ...other, ms: earliest.ms });
    // The end as an instant, or as the "YYYY-MM-DD" day it falls in (in the zone).
    const day = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
    const end = s.end === null ? undefined : s.endAsDay ? day(at(s.end) + HOUR) : new Date(at(s.end) + HOUR);
    const calibration = s.calibration === null ? null : s.end === null || s.refused === 1 ? at(s.calibration) : Math.min(at(s.calibration), at(s.end));
    const calibrationEnd = calibration === null ? undefined : new Date(calibration - HOUR);
    const timeUnit = s.groupBy === "day" || s.refused === 0 ? s.timeUnit : null;
    return { ...s, events, end, calibrationEnd, timeUnit };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** The options of a scenario, the same for both sides. */
function optionsOf(s: Scenario) {
  return {
    groupBy: s.groupBy,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn as 0 | 1 | 2 | 3 | 4 | 5 | 6,
    ...(s.timeUnit === null ? {} : { timeUnit: s.timeUnit }),
    ...(s.end === undefined ? {} : { observationEnd: s.end }),
    ...(s.calibrationEnd === undefined ? {} : { calibrationEnd: s.calibrationEnd }),
  };
}

/** Orders ids as the engines do: integers by value, strings by code unit (the test server's C collation). */
const byId = (a: string | number, b: string | number) => (typeof a === "number" && typeof b === "number" ? a - b : a < b ? -1 : a > b ? 1 : 0);

/**
 * The in-memory input: the events by instant, ties by id, so that customers whose first purchases
 * are at the same instant come in id order (the warehouse's order; in memory it is input order).
 */
function memoryRows(events: readonly TestEvent[]) {
  return [...events]
    .sort((x, y) => x.ms - y.ms || byId(x.id, y.id))
    .map((e) => ({ customerId: e.id, at: e.ms, amount: e.cents === null ? null : e.cents / 100 }));
}

/** Rows as JSON, with ids as text (engines give integer ids as bigints, strings or numbers). */
const plain = (rows: readonly RfmRow[]) => JSON.parse(JSON.stringify(rows.map((r) => ({ ...r, customerId: String(r.customerId) }))));

/** The in-memory rows grouped by history (and monetary value), with their counts, in the warehouse's order. */
function grouped(rows: readonly RfmRow[], monetary: boolean): RfmHistory[] {
  const groups = new Map<string, RfmHistory>();
  for (const r of rows) {
    const key = [r.frequency, r.recency, r.T, monetary ? String(r.monetaryValue) : ""].join("|");
    const g = groups.get(key);
    if (g !== undefined) g.count++;
    else groups.set(key, { frequency: r.frequency, recency: r.recency, T: r.T, count: 1, ...(monetary ? { monetaryValue: r.monetaryValue } : {}) });
  }
  return [...groups.values()].sort((a, b) => a.frequency - b.frequency || a.recency - b.recency || a.T - b.T || (monetary ? a.monetaryValue!.comparedTo(b.monetaryValue!) : 0));
}

/** The same typed error (class and field) on both sides. */
async function sameError(error: unknown, remote: Promise<unknown>, label: string) {
  expect(error, label).toBeInstanceOf(InvalidInputError);
  const got = await remote.then(() => undefined, (e: unknown) => e);
  expect(got, label).toBeInstanceOf(InvalidInputError);
  expect((got as InvalidInputError).field, label).toBe((error as InvalidInputError).field);
}

async function check(s: Scenario): Promise<void> {
  const options = optionsOf(s);
  const memory = outcome(() => rfmSummary(memoryRows(s.events), options));
  const name = `r${table++ % 4}`;
  for (const engine of engines) {
    await engine.load(name, s.events);
    const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: name, ...EVENTS } });
    const label = `${engine.dialect} ${JSON.stringify(options)}`;
    // The stream, through the engine's streaming adapter: the same rows one at a time, the same leftOut once read.
    const streamed = warehouse({ dialect: engine.dialect, query: engine.query, queryStream: engine.queryStream, events: { from: name, ...EVENTS } }).rfmSummary({ ...options, stream: true });
    const readAll = async () => {
      const out: RfmRow[] = [];
      for await (const row of streamed) out.push(row);
      return out;
    };
    if ("error" in memory) {
      await sameError(memory.error, wh.rfmSummary(options), `${label} rfmSummary`);
      await sameError(memory.error, wh.rfmHistories(options), `${label} rfmHistories`);
      await sameError(memory.error, readAll(), `${label} rfmSummary stream`);
      expect(streamed.leftOut, label).toBeNull();
      continue;
    }
    const rows = await wh.rfmSummary(options);
    expect(plain(rows), `${label} rfmSummary`).toEqual(plain(memory.value));
    expect(rows.leftOut, `${label} rfmSummary leftOut`).toEqual(memory.value.leftOut);
    expect(streamed.leftOut, label).toBeNull();
    expect(plain(await readAll()), `${label} rfmSummary stream`).toEqual(plain(memory.value));
    expect(streamed.leftOut, `${label} rfmSummary stream leftOut`).toEqual(memory.value.leftOut);
    const histories = await wh.rfmHistories({ ...options, monetaryValue: s.monetaryValue });
    expect(JSON.parse(JSON.stringify(histories)), `${label} rfmHistories`).toEqual(JSON.parse(JSON.stringify(grouped(memory.value, s.monetaryValue))));
    expect(histories.leftOut, `${label} rfmHistories leftOut`).toEqual(memory.value.leftOut);
  }
}

describe("warehouse rfmSummary and rfmHistories: parity with the in-memory rfmSummary on every engine", () => {
  test.prop([scenario], { numRuns: 25, seed: 20261203 })("random events around local midnights and DST: every groupBy, time unit, week start, end and calibration end", check, 300_000);

  it("a worked example: rows, holdout columns, histories and what was left out, on each engine", async () => {
    const events: TestEvent[] = [
      { id: 11, ms: Date.parse("2024-01-01T09:00:00Z"), cents: 1000 },
      { id: 11, ms: Date.parse("2024-01-01T18:00:00Z"), cents: 500 }, // same day: one purchase of 15
      { id: 11, ms: Date.parse("2024-01-08T10:00:00Z"), cents: 2000 },
      { id: 11, ms: Date.parse("2024-01-15T10:00:00Z"), cents: 3000 },
      { id: 22, ms: Date.parse("2024-01-10T10:00:00Z"), cents: 800 },
      { id: 33, ms: Date.parse("2024-01-10T10:00:00Z"), cents: 1200 },
      { id: 33, ms: Date.parse("2024-01-25T10:00:00Z"), cents: 900 }, // holdout
      { id: 44, ms: Date.parse("2024-01-20T10:00:00Z"), cents: 700 }, // first purchase after the calibration end
      { id: 22, ms: Date.parse("2024-02-03T10:00:00Z"), cents: 100 }, // after the observation end
    ];
    for (const engine of engines) {
      await engine.load("rfm_guide", events);
      const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: "rfm_guide", ...EVENTS } });
      const rows = await wh.rfmSummary({ observationEnd: "2024-01-31" });
      expect(rows.map((r) => [String(r.customerId), r.frequency, r.recency, r.T, r.monetaryValue!.toString()]), engine.dialect).toEqual([
        ["11", 2, 14, 30, "25"],
        ["22", 0, 0, 21, "0"],
        ["33", 1, 15, 21, "9"],
        ["44", 0, 0, 11, "0"],
      ]);
      // Ids as the driver gives a BIGINT column: DuckDB a bigint, pg a string, chdb's JSON a number.
      expect(typeof rows[0]!.customerId, engine.dialect).toBe({ duckdb: "bigint", postgres: "string", clickhouse: "number" }[engine.dialect]);
      expect(rows.leftOut, engine.dialect).toEqual({ customers: 0, events: 1, skipped: { total: 0, byField: { customerId: 0, at: 0, amount: 0 }, examples: [] } });
      const holdout = await wh.rfmSummary({ observationEnd: "2024-01-31", calibrationEnd: "2024-01-15" });
      expect(holdout.map((r) => [String(r.customerId), r.frequency, r.T, r.frequencyHoldout, r.monetaryValueHoldout!.toString(), r.durationHoldout]), engine.dialect).toEqual([
        ["11", 2, 14, 0, "0", 16],
        ["22", 0, 5, 0, "0", 16],
        ["33", 0, 5, 1, "9", 16],
      ]);
      expect(holdout.leftOut.customers, engine.dialect).toBe(1);
      expect(holdout.leftOut.events, engine.dialect).toBe(2);
      const histories = await wh.rfmHistories({ observationEnd: "2024-01-31" });
      expect(histories, engine.dialect).toEqual([
        { frequency: 0, recency: 0, T: 11, count: 1 },
        { frequency: 0, recency: 0, T: 21, count: 1 },
        { frequency: 1, recency: 15, T: 21, count: 1 },
        { frequency: 2, recency: 14, T: 30, count: 1 },
      ]);
      const weeks = await wh.rfmHistories({ observationEnd: "2024-01-31", groupBy: "week" });
      expect(weeks.map((h) => [h.frequency, h.recency, h.T, h.count]), engine.dialect).toEqual([[0, 0, 2, 1], [0, 0, 3, 1], [1, 2, 3, 1], [2, 2, 4, 1]]);
    }
  }, 60_000);
});

/**
 * A deterministic random purchase log as BG/NBD tells it: each customer buys at a rate of their own
 * (exponential gaps) from a first day in the first months of 2024, and after each purchase drops
 * out with a probability of their own.
 */
function purchaseLog(customers: number, seed: number): TestEvent[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const events: TestEvent[] = [];
  const start = Date.UTC(2024, 0, 1);
  const day = 86_400_000;
  for (let c = 0; c < customers; c++) {
    const rate = 0.005 + 0.1 * random() ** 2;
    const dropout = 0.6 * random();
    const spend = 1000 + Math.floor(random() * 4000);
    let t = Math.floor(random() * 90 * day);
    for (;;) {
      events.push({ id: `u${c}`, ms: start + t, cents: spend + Math.floor(random() * 2000) });
      if (random() < dropout) break;
      t += Math.floor((-Math.log(1 - random()) / rate) * day);
      if (t >= 366 * day) break;
    }
  }
  return events;
}

describe("warehouse rfmHistories: the models fitted on them are the models fitted on the summary", () => {
  it("BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma, on each engine", async () => {
    const events = purchaseLog(400, 7);
    const summary = rfmSummary(memoryRows(events), { observationEnd: "2024-12-31", groupBy: "week" });
    expect(summary.length).toBe(400);
    const fits = (histories: readonly RfmHistory[], spend: readonly RfmHistory[] | typeof summary) => ({
      bgNbd: fitBgNbd(histories).params,
      paretoNbd: fitParetoNbd(histories).params,
      modifiedBgNbd: fitModifiedBgNbd(histories).params,
      gammaGamma: fitGammaGamma(spend).params,
    });
    const perCustomer = fits(summary as never, summary);
    // The same weighted rows, grouped in memory: the fits are the same to the last bit.
    const sameRows = fits(grouped(summary, false), grouped(summary, true));
    for (const engine of engines) {
      await engine.load("rfm_fit", events);
      const wh = warehouse({ dialect: engine.dialect, query: engine.query, events: { from: "rfm_fit", ...EVENTS } });
      const histories = await wh.rfmHistories({ observationEnd: "2024-12-31", groupBy: "week" });
      expect(histories.length, engine.dialect).toBeLessThan(summary.length);
      expect(histories.reduce((n, h) => n + h.count, 0), engine.dialect).toBe(summary.length);
      const spend = await wh.rfmHistories({ observationEnd: "2024-12-31", groupBy: "week", monetaryValue: true });
      const got = fits(histories, spend);
      expect(got, engine.dialect).toEqual(sameRows);
      // Against one row per customer, the likelihood's terms are added in another order: equal to the optimizer's tolerance.
      for (const [model, params] of Object.entries(got)) {
        for (const [name, value] of Object.entries(params)) {
          const want = (perCustomer as Record<string, Record<string, number>>)[model]![name]!;
          expect(Math.abs(value - want) / want, `${engine.dialect} ${model}.${name}: ${value} vs ${want}`).toBeLessThan(1e-7);
        }
      }
    }
  }, 120_000);
});
