/**
 * What the parity tests of the warehouse share: the zones and the instants
 * events cluster around (local midnights around DST changes, month starts),
 * and the comparison of a warehouse result with the in-memory one.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { fc } from "../support/fc.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { periodRange } from "../../src/periods/index.ts";
import { clickhouseEngine, duckdbEngine, type Engine, postgresEngine, postgresUrl } from "./engines.ts";

/**
 * The engines of a test file, opened before its tests and closed after them: DuckDB and ClickHouse
 * always, PostgreSQL (in its own schema) when PG_URL is set.
 */
export function engineSuite(schema: string): Engine[] {
  const engines: Engine[] = [];
  beforeAll(async () => {
    engines.push(await duckdbEngine(), await clickhouseEngine());
    const url = postgresUrl();
    if (url !== undefined) engines.push(await postgresEngine(url, schema));
  }, 60_000);
  afterAll(async () => {
    for (const e of engines) await e.close();
  });
  return engines;
}

/** The zones of the random events: UTC, DST zones of both hemispheres, a half-hour DST shift, a 45-minute offset. */
export const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kathmandu"];

/** Instants near which events are drawn: local midnights of days around each zone's DST changes, and month starts. */
export const ANCHORS: Record<string, number[]> = Object.fromEntries(
  ZONES.map((timeZone) => {
    const days = (a: string, b: string) => periodRange(a, b, { unit: "day", timeZone }).map((p) => p.start.getTime());
    const months = periodRange("2023-11-01", "2025-02-01", { unit: "month", timeZone }).map((p) => p.start.getTime());
    return [timeZone, [...days("2024-03-07", "2024-04-09"), ...days("2024-09-05", "2024-11-06"), ...months]];
  }),
);

export const HOUR = 3_600_000;

/** The in-memory result, or the error it throws. */
export function outcome<T>(f: () => T): { value: T } | { error: unknown } {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

/** Same value as the in-memory function (JSON: Decimals as their exact strings, Periods' dates), or the same typed error. */
export async function expectSame<T>(memory: { value: T } | { error: unknown }, remote: () => Promise<T>, label: string) {
  if ("error" in memory) {
    expect(memory.error, label).toBeInstanceOf(InvalidInputError);
    await expect(remote(), label).rejects.toBeInstanceOf(InvalidInputError);
    return;
  }
  const got = await remote();
  expect(JSON.parse(JSON.stringify(got)), label).toEqual(JSON.parse(JSON.stringify(memory.value)));
}


/** The calendar settings every parity scenario draws: a zone, a week start, string or integer ids, and anchors of from and to. */
export const CALENDAR = {
  timeZone: fc.constantFrom(...ZONES),
  weekStartsOn: fc.integer({ min: 0, max: 6 }),
  integerIds: fc.boolean(),
  from: fc.option(fc.nat(), { freq: 2 }),
  to: fc.option(fc.nat(), { freq: 2 }),
};
