/**
 * Bad input on every engine: each gets a typed error naming what was wrong
 * (an unknown dialect, a missing table or column, a column of the wrong type,
 * amounts with too many decimals, NULL ids and instants per onInvalid), and a
 * table name built to inject SQL is only ever a name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { warehouse, type WarehouseEvents, type WarehouseSkipped } from "../../src/sql/index.ts";
import { clickhouseEngine, duckdbEngine, type Engine, postgresEngine, postgresUrl } from "./engines.ts";

const engines: Engine[] = [];

/** The InvalidInputError `fn` throws. */
function expectThrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error("expected an InvalidInputError, got none");
}

/** Column types per dialect: text, double, bigint, timestamp with time zone. */
const TYPES = {
  duckdb: { text: "VARCHAR", double: "DOUBLE", bigint: "BIGINT", ts: "TIMESTAMPTZ", engine: "" },
  postgres: { text: "TEXT", double: "DOUBLE PRECISION", bigint: "BIGINT", ts: "TIMESTAMPTZ", engine: "" },
  clickhouse: { text: "Nullable(String)", double: "Nullable(Float64)", bigint: "Nullable(Int64)", ts: "Nullable(DateTime64(3, 'UTC'))", engine: " ENGINE = Memory" },
} as const;

/** Epoch ms -> the dialect's timestamp expression. */
const TS = {
  duckdb: (ms: number) => `make_timestamptz(${ms * 1000})`,
  postgres: (ms: number) => `to_timestamp(${ms} / 1000.0)`,
  clickhouse: (ms: number) => `fromUnixTimestamp64Milli(toInt64(${ms}))`,
} as const;

const ROWS = [
  { id: "a", ms: Date.UTC(2024, 0, 3, 10), amount: 20.5 as number | null },
  { id: "b", ms: Date.UTC(2024, 0, 20, 10), amount: 1.234 },
  { id: null, ms: Date.UTC(2024, 1, 11, 10), amount: 15 },
  { id: "c", ms: null, amount: 40 },
  { id: "a", ms: Date.UTC(2024, 2, 2, 10), amount: null },
] as const;

beforeAll(async () => {
  engines.push(await duckdbEngine(), await clickhouseEngine());
  const url = postgresUrl();
  if (url !== undefined) engines.push(await postgresEngine(url, "rm_warehouse_errors"));
  for (const e of engines) {
    const t = TYPES[e.dialect];
    await e.exec(`DROP TABLE IF EXISTS odd`);
    await e.exec(`CREATE TABLE odd (user_id ${t.text}, created_at ${t.ts}, total ${t.double}, at_ms ${t.bigint}, label ${t.text})${t.engine}`);
    const values = ROWS.map((r) => `(${r.id === null ? "NULL" : `'${r.id}'`}, ${r.ms === null ? "NULL" : TS[e.dialect](r.ms)}, ${r.amount ?? "NULL"}, ${r.ms ?? "NULL"}, 'x')`);
    await e.exec(`INSERT INTO odd VALUES ${values.join(", ")}`);
    await e.exec(`DROP TABLE IF EXISTS orders`);
    await e.exec(`CREATE TABLE orders (user_id ${t.text}, created_at ${t.ts}, total ${t.double}, at_ms ${t.bigint}, label ${t.text})${t.engine}`);
    await e.exec(`INSERT INTO orders SELECT * FROM odd WHERE user_id IS NOT NULL AND created_at IS NOT NULL AND user_id <> 'b'`);
  }
}, 60_000);

afterAll(async () => {
  for (const e of engines) await e.close();
});

const EVENTS: WarehouseEvents = { from: "odd", customerId: "user_id", at: "created_at", amount: "total" };

/** The rejection of a promise, which must be an InvalidInputError naming `field`. */
async function invalid(p: Promise<unknown>, field: string, message?: RegExp): Promise<InvalidInputError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(InvalidInputError);
  const error = e as InvalidInputError;
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`Invalid ${field}: `), error.message).toBe(true);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
}

describe("warehouse: settings", () => {
  it("refuses an unknown dialect, a missing query function and a bad events setting", () => {
    const query = async () => [];
    expect(() => warehouse({ dialect: "mysql" as never, query, events: EVENTS })).toThrow(/Invalid dialect: "mysql"; expected one of "duckdb", "postgres", "clickhouse"/);
    expect(() => warehouse({ dialect: "duckdb", query: "SELECT" as never, events: EVENTS })).toThrow(/Invalid query/);
    expect(() => warehouse({ dialect: "duckdb", query, events: { ...EVENTS, from: "" } })).toThrow(/Invalid events.from/);
    expect(() => warehouse({ dialect: "duckdb", query, events: { ...EVENTS, at: 3 as never } })).toThrow(/Invalid events.at: 3/);
    expect(() => warehouse({ dialect: "duckdb", query, events: { ...EVENTS, epochUnit: "us" as never } })).toThrow(/Invalid events.epochUnit: "us"/);
    // A subscriptions setting is read (mrrMovements, the mrr measure); a bad one is refused by field.
    const subscriptions = { from: "subscriptions", customerId: "user_id", at: "changed_at", mrr: "mrr" };
    expect(warehouse({ dialect: "duckdb", query, events: EVENTS, subscriptions }).compile.mrrMovements().sql).toContain('"changed_at"');
    expect(() => warehouse({ dialect: "duckdb", query, events: EVENTS, subscriptions: { ...subscriptions, mrr: 3 as never } })).toThrow(/Invalid subscriptions.mrr: 3/);
  });

  it("compile needs explicit from and to, binds every value and quotes every name", () => {
    const query = async () => [];
    const wh = warehouse({ dialect: "postgres", query, events: { from: "analytics.orders", customerId: 'id"; DROP TABLE x; --', at: "at", amount: "total" } });
    expect(() => wh.compile.cohortMatrix({ period: "month" })).toThrow(/Invalid from: undefined; expected an explicit from and to for compile.cohortMatrix/);
    const { sql, params } = wh.compile.cohortMatrix({ period: "month", timeZone: "Europe/Paris", from: "2024-01-01", to: "2024-04-01" });
    expect(sql).toContain('FROM "analytics"."orders"');
    expect(sql).toContain('"id""; DROP TABLE x; --" AS cid');
    expect(sql).not.toContain("2024");
    expect(sql).not.toContain("Europe/Paris");
    expect(Array.isArray(params)).toBe(true);
    // The period edges of Paris: January starts at 23:00Z on December 31.
    const edges = [Date.UTC(2023, 11, 31, 23), Date.UTC(2024, 0, 31, 23), Date.UTC(2024, 1, 29, 23), Date.UTC(2024, 2, 31, 22)].join(",");
    expect((params as unknown[]).some((p) => typeof p === "string" && p.includes(edges)), String(params)).toBe(true);
    const ch = warehouse({ dialect: "clickhouse", query, events: { from: "orders", customerId: "id`x", at: "at" } }).compile.periodSummary({ from: "2024-01-01", to: "2024-02-01" });
    expect(ch.sql).toContain("`id\\`x` AS cid");
    expect(Object.keys(ch.params).every((k) => /^p\d+$/.test(k))).toBe(true);
    expect(ch.sql).toMatch(/\{p0:Int64\}/);
  });
});

describe("warehouse: options that need per-event work", () => {
  it("lifecycle checks newBy and createdAt as in memory; the final-step options compile to the same SQL", async () => {
    const query = async () => [];
    const wh = warehouse({ dialect: "postgres", query, events: EVENTS });
    const range = { from: "2024-01-01", to: "2024-04-01" };
    // New by creation compiles to the per-customer query of active periods (lifecycleCreationSql.test.ts checks its figures).
    expect(wh.compile.lifecycle({ ...range, newBy: "createdAt", createdAt: new Map() }).sql).toContain("string_agg");
    expect(() => wh.compile.lifecycle({ ...range, newBy: "createdAt" })).toThrow(/^Invalid createdAt: undefined; expected with newBy: "createdAt", a function/);
    expect(() => wh.compile.lifecycle({ ...range, newBy: "signup" } as never)).toThrow(/^Invalid newBy: "signup"; expected one of "firstEvent", "createdAt"/);
    expect(() => wh.compile.lifecycle({ ...range, createdAt: new Map() })).toThrow(/^Invalid createdAt: /);
    expect(() => wh.compile.lifecycle({ ...range, dormant: "always" as never })).toThrow(/^Invalid dormant: "always"/);
    // The final-step options compile (they change nothing in the SQL).
    expect(wh.compile.lifecycle({ ...range, dormant: "state" }).sql).toBe(wh.compile.lifecycle(range).sql);
    expect(wh.compile.periodSummary({ ...range, interval: true, confidence: 0.9 }).sql).toBe(wh.compile.periodSummary(range).sql);
    expect(wh.compile.cohortMatrix({ ...range, mean: "simple" }).sql).toBe(wh.compile.cohortMatrix(range).sql);
    expect(() => wh.compile.periodSummary({ ...range, confidence: 1 })).toThrow(/^Invalid confidence: 1/);
    expect(() => wh.compile.cohortMatrix({ ...range, mean: "simple", interval: true })).toThrow(/^Invalid mean: "simple"/);
    // The cohort options of #15 compile to the per-membership query (cohortOptionsSql.test.ts checks their figures).
    for (const options of [{ mode: "bracket", brackets: [7, 14] }, { minEvents: 2 }, { entry: "recurring" }, { window: "rolling" }]) {
      expect(wh.compile.cohortMatrix({ ...range, ...options } as never).sql).toContain("JOIN");
    }
    // Start and return events are not computed by the warehouse yet: refused by name, never ignored.
    for (const field of ["startEvent", "returnEvent"]) {
      const error = expectThrown(() => wh.compile.cohortMatrix({ ...range, [field]: "signup" } as never));
      expect([error.field, error.value]).toEqual([field, "signup"]);
      expect(() => wh.compile.periodSummary({ ...range, [field]: "signup" } as never)).toThrow(new RegExp(`^Invalid ${field}: "signup"`));
    }
    for (const e of engines) {
      const remote = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: "orders" } });
      await invalid(remote.lifecycle({ newBy: "createdAt" }), "createdAt");
    }
  }, 60_000);
});

describe("warehouse: activeUsers options", () => {
  it("compile needs from and to; bad windows and definitions are refused, naming the option; period is ignored as in memory", async () => {
    const wh = warehouse({ dialect: "duckdb", query: async () => [], events: EVENTS });
    const range = { from: "2024-01-01", to: "2024-03-01" };
    expect(() => wh.compile.activeUsers({ to: "2024-03-01" })).toThrow(/^Invalid from: undefined; expected an explicit from and to for compile.activeUsers/);
    expect(() => wh.compile.activeUsers({ ...range, weekWindow: 0 })).toThrow(/^Invalid weekWindow: 0/);
    expect(() => wh.compile.activeUsers({ ...range, weekWindow: 30 })).toThrow(/^Invalid weekWindow: 30; expected at most monthWindow \(28\)/);
    expect(() => wh.compile.activeUsers({ ...range, definition: "rolling" as never })).toThrow(/^Invalid definition: "rolling"/);
    expect(() => wh.compile.activeUsers({ ...range, fields: {} } as never)).toThrow(/^Invalid fields: /);
    expect(wh.compile.activeUsers({ ...range, period: "month" } as never).sql).toBe(wh.compile.activeUsers(range).sql);
    expect(wh.compile.activeUsers({ ...range, definition: "calendar" }).sql).toContain("count(DISTINCT cid)");
    for (const e of engines) {
      const remote = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: "orders" } });
      await invalid(remote.activeUsers({ monthWindow: 2.5 }), "monthWindow");
      const got = await remote.activeUsers({ from: "2024-03-01", to: "2024-03-03", interval: true });
      expect(got.days.map((d) => [d.day.key, d.dau, d.wau, d.mau]), e.dialect).toEqual([["2024-03-01", 0, 0, 0], ["2024-03-02", 1, 1, 1]]);
      expect(got.confidence, e.dialect).toBe(0.95);
    }
  }, 60_000);
});

describe("warehouse: survivalCurve options", () => {
  it("a groupBy function is refused, naming groupBy; compile needs from and to; bad churnAfter is refused", async () => {
    const wh = warehouse({ dialect: "clickhouse", query: async () => [], events: EVENTS });
    const range = { from: "2024-01-01", to: "2024-04-01" };
    expect(() => wh.compile.survivalCurve({ ...range, groupBy: ((id: string) => id) as never })).toThrow(/^Invalid groupBy: "a function"; expected "cohort" or none from a warehouse/);
    expect(() => wh.compile.survivalCurve({ ...range, groupBy: "country" as never })).toThrow(/^Invalid groupBy: "country"/);
    expect(() => wh.compile.survivalCurve({ from: "2024-01-01" })).toThrow(/^Invalid to: undefined; expected an explicit from and to for compile.survivalCurve/);
    expect(() => wh.compile.survivalCurve({ ...range, churnAfter: 0 })).toThrow(/^Invalid churnAfter: 0/);
    expect(wh.compile.survivalCurve({ ...range, groupBy: "cohort", confidence: 0.9 }).sql).toBe(wh.compile.survivalCurve(range).sql);
    for (const e of engines) {
      const remote = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: "orders" } });
      await invalid(remote.survivalCurve({ groupBy: (() => "x") as never }), "groupBy", /cannot run in the engine/);
      const curve = await remote.survivalCurve({ to: "2024-04-01" });
      expect([curve.customers, curve.churned, curve.censored, curve.points.map((p) => p.survival)], e.dialect).toEqual([1, 1, 0, [1, 0]]);
    }
  }, 60_000);
});

describe("warehouse: lness options", () => {
  it("compile needs an end and binds the window; a bad window length is refused, naming days", async () => {
    const wh = warehouse({ dialect: "postgres", query: async () => [], events: EVENTS });
    expect(() => wh.compile.lness({ days: 7 })).toThrow(/^Invalid end: undefined; expected an explicit end for compile.lness/);
    expect(() => wh.compile.lness({ days: 0, end: "2024-03-31" })).toThrow(/^Invalid days: 0/);
    expect(() => wh.compile.lness({ end: "2024-03-31", epochUnit: "ms" } as never)).toThrow(/^Invalid epochUnit: "ms"/);
    const { sql, params } = wh.compile.lness({ days: 7, end: "2024-03-31", timeZone: "Europe/Paris" });
    expect(sql).not.toContain("2024");
    // The window: from March 25 to April 1 in Paris (after the change to summer time on March 31).
    expect(params).toContain(String(Date.UTC(2024, 2, 24, 23)));
    expect(params).toContain(String(Date.UTC(2024, 2, 31, 22)));
    for (const e of engines) {
      const remote = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: "orders" } });
      await invalid(remote.lness({ days: -1 }), "days");
      const got = await remote.lness({ days: 60 });
      expect([got.activeUsers, got.meanActiveDays, got.histogram[1]!.users, got.end.toISOString()], e.dialect).toEqual([1, 2, 1, "2024-03-03T00:00:00.000Z"]);
    }
  }, 60_000);
});

describe("warehouse: rfmSummary and rfmHistories options", () => {
  it("compile needs observationEnd and firstEvent and binds them; options the engine cannot honour are refused, naming them", async () => {
    const query = async () => [];
    const wh = warehouse({ dialect: "postgres", query, events: EVENTS });
    expect(() => wh.compile.rfmSummary({ observationEnd: "2024-03-31" } as never)).toThrow(/^Invalid firstEvent: undefined; expected an explicit observationEnd and firstEvent for compile.rfmSummary/);
    expect(() => wh.compile.rfmHistories({ firstEvent: "2024-01-01" } as never)).toThrow(/^Invalid observationEnd: undefined; expected an explicit observationEnd and firstEvent for compile.rfmHistories/);
    const { sql, params } = wh.compile.rfmHistories({ observationEnd: "2024-03-31", firstEvent: "2024-01-03T10:00:00Z", timeZone: "Europe/Paris", monetaryValue: true });
    expect(sql).not.toContain("2024");
    expect(sql).not.toContain("Europe/Paris");
    expect(sql).toContain("GROUP BY cal_periods, last_cal - first_k, first_k, repeat_a");
    // The end of March 31 in Paris is bound (as text: pg takes every BIGINT as a string).
    expect((params as unknown[]).includes(String(Date.UTC(2024, 2, 31, 22))), String(params)).toBe(true);
    expect(() => wh.compile.rfmSummary({ observationEnd: "2024-03-31", firstEvent: "2024-01-01", fields: { customerId: "id" } } as never)).toThrow(/^Invalid fields: .*the warehouse's events setting names the columns/);
    expect(() => wh.compile.periodSummary({ from: "2024-01-01", to: "2024-02-01", epochUnit: "s" } as never)).toThrow(/^Invalid epochUnit: "s"; expected no epochUnit in a warehouse method's options/);
    // A stream runs the same query; stream must be a boolean, and rfmHistories has none.
    const summaryOptions = { observationEnd: "2024-03-31", firstEvent: "2024-01-01" };
    expect(wh.compile.rfmSummary({ ...summaryOptions, stream: true } as never).sql).toBe(wh.compile.rfmSummary(summaryOptions).sql);
    expect(() => wh.compile.rfmSummary({ ...summaryOptions, stream: "yes" } as never)).toThrow(/^Invalid stream: "yes"; expected true or false/);
    expect(() => wh.compile.rfmHistories({ ...summaryOptions, stream: true } as never)).toThrow(/^Invalid stream: true; expected no stream from wh.rfmHistories/);
    expect(() => wh.compile.rfmSummary({ observationEnd: "2024-03-31", firstEvent: "2024-01-01", groupBy: "hour" } as never)).toThrow(/^Invalid groupBy: "hour"/);
    expect(() => wh.compile.rfmHistories({ observationEnd: "2024-03-31", firstEvent: "2024-01-01", monetaryValue: "yes" } as never)).toThrow(/^Invalid monetaryValue: "yes"; expected true or false/);
    const noAmounts = warehouse({ dialect: "duckdb", query, events: { from: "odd", customerId: "user_id", at: "created_at" } });
    expect(() => noAmounts.compile.rfmHistories({ observationEnd: "2024-03-31", firstEvent: "2024-01-01", monetaryValue: true })).toThrow(/^Invalid monetaryValue: true; expected events with an amount column/);
    for (const e of engines) {
      const remote = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: "orders" } });
      const error = await invalid(remote.rfmSummary({ firstEvent: "2024-01-01" } as { stream?: false }), "firstEvent", /only compile.rfmSummary takes it/);
      expect(error.value, e.dialect).toBe("2024-01-01");
      await invalid(remote.rfmHistories({ observationEnd: "2023-12-31" }), "observationEnd", /a day on or after the first purchase \(2024-01-03T10:00:00.000Z\)/);
      await invalid(remote.rfmSummary({ observationEnd: "2024-01-31", calibrationEnd: "2024-02-01" }), "calibrationEnd", /a day no later than observationEnd/);
    }
  }, 60_000);

  it("onInvalid: rows with a NULL id or instant or an over-precise amount are named, or skipped and reported in leftOut", async () => {
    for (const e of engines) {
      const wh = warehouse({ dialect: e.dialect, query: e.query, events: EVENTS });
      await invalid(wh.rfmSummary(), "events.customerId (user_id)", /1 of 5 rows break this/);
      const rows = await wh.rfmSummary({ onInvalid: "skip" });
      expect(rows.map((r) => [r.customerId, r.frequency, r.recency, r.T, r.monetaryValue!.toString()]), e.dialect).toEqual([["a", 1, 59, 59, "0"]]);
      expect(rows.leftOut, e.dialect).toEqual({ customers: 0, events: 0, skipped: { total: 3, byField: { customerId: 1, at: 1, amount: 1 }, examples: [] } });
      const memory = rfmSummary(ROWS.map((r) => ({ customerId: r.id, at: r.ms, amount: r.amount })) as never, { onInvalid: "skip" });
      expect(JSON.stringify(rows), e.dialect).toBe(JSON.stringify(memory));
      expect({ ...rows.leftOut.skipped, examples: [] }, e.dialect).toEqual({ ...memory.leftOut.skipped, examples: [] });
      const histories = await wh.rfmHistories({ onInvalid: "skip" });
      expect(histories, e.dialect).toEqual([{ frequency: 1, recency: 59, T: 59, count: 1 }]);
      expect(histories.leftOut, e.dialect).toEqual(rows.leftOut);
    }
  }, 60_000);
});

describe("warehouse: bad data on each engine", () => {
  it("wraps a missing table, a missing column and a mistyped column, naming the field", async () => {
    for (const e of engines) {
      const wh = (events: Partial<WarehouseEvents>) => warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, ...events } });
      const table = await invalid(wh({ from: "no_such_table" }).cohortMatrix(), "events.from", /the engine said/);
      expect(table.value, e.dialect).toBe("no_such_table");
      const column = await invalid(wh({ customerId: "no_such_column" }).periodSummary(), "events.customerId", /the engine said/);
      expect(column.value, e.dialect).toBe("no_such_column");
      const type = await invalid(wh({ from: "orders", at: "label" }).periodSummary(), "events.at", /a timestamp column/);
      expect(type.value, e.dialect).toBe("label");
      const key = await invalid(wh({ from: "orders" }).cohortMatrix({ cohortBy: "no_key" }), "cohortBy", /the engine said/);
      expect(key.value, e.dialect).toBe("no_key");
    }
  }, 60_000);

  it("onInvalid throw names the NULL id, the NULL instant and the over-precise amount; skip reports them", async () => {
    for (const e of engines) {
      const skipped: WarehouseSkipped[] = [];
      const wh = warehouse({ dialect: e.dialect, query: e.query, events: EVENTS, onSkipped: (s) => skipped.push(s) });
      await invalid(wh.periodSummary(), "events.customerId (user_id)", /no NULL customer ids \(1 of 5 rows break this\); onInvalid: "skip" leaves them out/);
      const noIds = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: { sql: "SELECT * FROM odd WHERE user_id IS NOT NULL" } } });
      await invalid(noIds.cohortMatrix(), "events.at (created_at)", /no NULL instants \(1 of 4 rows/);
      const precise = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: { sql: "SELECT * FROM odd WHERE user_id IS NOT NULL AND created_at IS NOT NULL" } } });
      await invalid(precise.cohortMatrix(), "events.amount (total)", /currencyScale is 2/);
      // At a scale of 3, 1.234 is exact.
      const months = await precise.periodSummary({ currencyScale: 3 });
      expect(months.map((m) => m.revenue.toString()), e.dialect).toEqual(["21.734", "0", "0"]);

      const got = await wh.periodSummary({ onInvalid: "skip" });
      expect(skipped, e.dialect).toEqual([{ total: 3, byField: { customerId: 1, at: 1, amount: 1 } }]);
      const memory = periodSummary(
        ROWS.map((r) => ({ customerId: r.id, at: r.ms, amount: r.amount })) as never,
        { onInvalid: "skip" },
      );
      expect(JSON.parse(JSON.stringify(got)), e.dialect).toEqual(JSON.parse(JSON.stringify(memory)));
    }
  }, 60_000);

  it("epoch-number columns: at_ms with epochUnit ms gives the same matrix as the timestamp column", async () => {
    for (const e of engines) {
      const base = { from: "orders", customerId: "user_id", amount: "total" };
      const byTs = await warehouse({ dialect: e.dialect, query: e.query, events: { ...base, at: "created_at" } }).cohortMatrix({ timeZone: "America/Los_Angeles" });
      const byMs = await warehouse({ dialect: e.dialect, query: e.query, events: { ...base, at: "at_ms", epochUnit: "ms" } }).cohortMatrix({ timeZone: "America/Los_Angeles" });
      expect(JSON.stringify(byMs), e.dialect).toBe(JSON.stringify(byTs));
      const memory = cohortMatrix([{ customerId: "a", at: Date.UTC(2024, 0, 3, 10), amount: 20.5 }, { customerId: "a", at: Date.UTC(2024, 2, 2, 10) }], { timeZone: "America/Los_Angeles" });
      expect(JSON.stringify(byTs), e.dialect).toBe(JSON.stringify(memory));
    }
  }, 60_000);

  it("a table name built to inject SQL is a name: refused as missing, and the table is still there", async () => {
    for (const e of engines) {
      const evil = 'orders"; DROP TABLE orders; --';
      const wh = warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: evil } });
      const error = await invalid(wh.cohortMatrix(), "events.from");
      expect(error.value).toBe(evil);
      const evilTick = "orders`; DROP TABLE orders; --";
      await invalid(warehouse({ dialect: e.dialect, query: e.query, events: { ...EVENTS, from: evilTick } }).periodSummary(), "events.from");
      const left = await e.query("SELECT count(*) AS n FROM orders", e.dialect === "clickhouse" ? {} : []);
      expect(Number(left[0]!.n), e.dialect).toBe(2);
    }
  }, 60_000);
});
