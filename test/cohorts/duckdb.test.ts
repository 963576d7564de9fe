/**
 * Reference test: the cohort matrix equals the one DuckDB computes with SQL on
 * the same generated data, cell for cell (monthly and ISO-weekly, UTC, with
 * the data's end in the middle of a period so the censored triangle is there).
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../../src/cohorts/matrix.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";
import { mulberry32 as prng } from "../../scripts/prng.ts";


/** ~30,000 orders of ~6,000 customers over 2023-2024: arrivals uniform, geometric lifetimes, exponential gaps. */
function generate() {
  const random = prng(7);
  const start = Date.UTC(2023, 0, 1);
  const end = Date.UTC(2025, 0, 1);
  const customerId: number[] = [];
  const at: number[] = [];
  const cents: number[] = [];
  for (let c = 1; at.length < 30_000; c++) {
    let t = start + random() * (end - start);
    while (t < end) {
      customerId.push(c);
      at.push(Math.floor(t));
      cents.push(99 + Math.floor(random() * 20_000));
      if (random() < 0.2) break;
      t += -Math.log(1 - random()) * 25 * 86400e3;
    }
  }
  return { customerId, at, cents };
}

const data = generate();
const TO = Date.UTC(2024, 9, 17, 8, 30); // mid-October (and mid-ISO-week)
let connection: DuckDBConnection;
let table: EventTable;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run("CREATE TABLE raw (customer_id INTEGER, at_ms BIGINT, cents BIGINT)");
  const appender = await connection.createAppender("raw");
  for (let i = 0; i < data.at.length; i++) {
    appender.appendInteger(data.customerId[i]!);
    appender.appendBigInt(BigInt(data.at[i]!));
    appender.appendBigInt(BigInt(data.cents[i]!));
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`CREATE VIEW events AS SELECT customer_id, make_timestamp(at_ms * 1000) AS ts, cents FROM raw WHERE at_ms < ${TO}`);
  table = eventTable({ customerId: data.customerId, at: Float64Array.from(data.at), amount: data.cents.map((c) => c / 100) });
}, 30_000);

afterAll(() => connection?.closeSync());

/** Cohort cells and sizes in SQL: `unit` is DuckDB's date_trunc part, `key` the strftime of our period keys. */
function cohortSql(unit: "month" | "week", key: string, lastComplete: string): string {
  return `
WITH periods AS (
  SELECT customer_id, date_trunc('${unit}', ts) AS p, count(*) AS orders, sum(cents) AS cents FROM events GROUP BY ALL
), customers AS (
  SELECT customer_id, min(p) AS cohort, max(p) AS last_p FROM periods GROUP BY customer_id
), classic AS (
  SELECT c.cohort, datediff('${unit}', c.cohort, p.p) AS k,
    count(*) AS customers, sum(p.orders) AS orders, sum(p.cents) AS cents
  FROM periods p JOIN customers c USING (customer_id) GROUP BY ALL
), unbounded AS (
  SELECT cohort, k, count(*) AS unbounded FROM (
    SELECT cohort, unnest(range(0, datediff('${unit}', cohort, least(last_p, TIMESTAMP '${lastComplete}')) + 1)) AS k
    FROM customers WHERE cohort <= TIMESTAMP '${lastComplete}'
  ) GROUP BY ALL
), sizes AS (SELECT cohort, count(*) AS size FROM customers GROUP BY cohort)
SELECT strftime(s.cohort, '${key}') AS cohort, s.size, coalesce(c.k, u.k) AS k,
  coalesce(c.customers, 0) AS customers, coalesce(c.orders, 0) AS orders, coalesce(c.cents, 0) AS cents,
  coalesce(u.unbounded, 0) AS unbounded
FROM sizes s
LEFT JOIN (classic c FULL JOIN unbounded u USING (cohort, k)) ON s.cohort = coalesce(c.cohort, u.cohort)
ORDER BY 1, 3`;
}

interface SqlCell {
  size: number;
  customers: number;
  orders: number;
  cents: number;
  unbounded: number;
}

async function sqlCells(unit: "month" | "week", key: string, lastComplete: string): Promise<Map<string, Map<number, SqlCell>>> {
  const rows = (await connection.runAndReadAll(cohortSql(unit, key, lastComplete))).getRowObjectsJS();
  const out = new Map<string, Map<number, SqlCell>>();
  for (const r of rows) {
    const cohort = String(r.cohort);
    if (!out.has(cohort)) out.set(cohort, new Map());
    if (r.k === null) continue;
    out.get(cohort)!.set(Number(r.k), { size: Number(r.size), customers: Number(r.customers), orders: Number(r.orders), cents: Number(r.cents), unbounded: Number(r.unbounded) });
  }
  return out;
}

function compare(ours: { classic: CohortMatrix; unbounded: CohortMatrix; orders: CohortMatrix; revenue: CohortMatrix }, sql: Map<string, Map<number, SqlCell>>, periodEnds: (cohort: string, k: number) => number): number {
  let checked = 0;
  const nonEmpty = ours.classic.cohorts.filter((c) => c.size > 0);
  expect(nonEmpty.map((c) => c.cohort)).toEqual([...sql.keys()]);
  for (const [r, row] of ours.classic.cohorts.entries()) {
    const cells = sql.get(row.cohort);
    if (row.size === 0) {
      expect(cells).toBeUndefined();
      continue;
    }
    expect(row.size).toBe([...cells!.values()][0]!.size);
    for (const k of ours.classic.offsets) {
      const cell = cells!.get(k);
      if (periodEnds(row.cohort, k) > TO) {
        // Censored here, whatever SQL counted in the unfinished period.
        for (const m of [ours.classic, ours.unbounded, ours.orders, ours.revenue]) expect(m.cohorts[r]!.values[k]).toBeNull();
        continue;
      }
      expect(row.values[k]).toBe(cell?.customers ?? 0);
      expect(ours.unbounded.cohorts[r]!.values[k]).toBe(cell?.unbounded ?? 0);
      expect(ours.orders.cohorts[r]!.values[k]).toBe(cell?.orders ?? 0);
      expect(String(ours.revenue.cohorts[r]!.values[k])).toBe(String((cell?.cents ?? 0) / 100));
      checked++;
    }
  }
  return checked;
}

function matrices(period: "month" | "isoWeek") {
  const options = { period, to: TO } as const;
  return {
    classic: cohortMatrix(table, options),
    unbounded: cohortMatrix(table, { ...options, mode: "unbounded" }),
    orders: cohortMatrix(table, { ...options, measure: "orders" }),
    revenue: cohortMatrix(table, { ...options, measure: "revenue" }),
  };
}

describe("cohortMatrix against DuckDB SQL", () => {
  it("agrees cell for cell by month", async () => {
    const ours = matrices("month");
    expect(ours.classic.offsets.length).toBe(21); // January 2023 to September 2024
    const sql = await sqlCells("month", "%Y-%m", "2024-09-01");
    const monthEnd = (cohort: string, k: number) => {
      const [y, m] = cohort.split("-").map(Number);
      return Date.UTC(y!, m! - 1 + k + 1, 1);
    };
    expect(compare(ours, sql, monthEnd)).toBe((21 * 22) / 2);
  });

  it("agrees cell for cell by ISO week", async () => {
    const ours = matrices("isoWeek");
    // Our ISO week keys are 2024-W11; DuckDB's %G-W%V writes the same.
    const sql = await sqlCells("week", "%G-W%V", "2024-10-07");
    const weekEnd = new Map(ours.classic.cohorts.map((c) => [c.cohort, c.period!.end.getTime()]));
    const checked = compare(ours, sql, (cohort, k) => weekEnd.get(cohort)! + k * 7 * 86400e3);
    expect(ours.classic.cohorts[0]!.cohort).toBe("2022-W52"); // 1 January 2023 is a Sunday
    expect(checked).toBe((94 * 95) / 2); // 94 complete weeks, to 2024-W41
  });
});
