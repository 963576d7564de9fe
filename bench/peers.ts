/**
 * The peer tools of the benchmarks, loaded with the same synthetic orders:
 * DuckDB (through a CSV file, so the load is not timed) and arquero 7.
 */
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import * as aq from "arquero";
import type { SyntheticOrders } from "./generate.ts";

/** Loads the orders into a DuckDB table `events(customer_id INTEGER, ordered_at TIMESTAMP, amount DECIMAL(18,2))`. */
export async function duckdbWith(orders: SyntheticOrders): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "rm-bench-"));
  const file = join(dir, "events.csv");
  const chunk: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < orders.at.length; i++) {
    chunk.push(`${orders.customerId[i]},${orders.at[i]},${orders.cents[i]}`);
    if (chunk.length === 100_000) parts.push(chunk.splice(0).join("\n"));
  }
  parts.push(chunk.join("\n"));
  writeFileSync(file, `customer_id,at_ms,cents\n${parts.join("\n")}\n`);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE events AS SELECT customer_id::INTEGER AS customer_id, make_timestamp(at_ms::BIGINT * 1000) AS ordered_at,
       (cents::BIGINT / 100)::DECIMAL(18,2) AS amount
     FROM read_csv('${file}', header = true, columns = {'customer_id': 'INTEGER', 'at_ms': 'BIGINT', 'cents': 'BIGINT'})`,
  );
  rmSync(dir, { recursive: true, force: true });
  return { connection, close: () => connection.closeSync() };
}

/** The monthly period summary (activeWindow 1, UTC) in SQL. */
export const PERIOD_SUMMARY_SQL = `
WITH cm AS (
  SELECT customer_id, date_trunc('month', ordered_at) AS m, count(*) AS n, sum(amount) AS rev
  FROM events GROUP BY ALL
), lagged AS (
  SELECT *, lag(m) OVER (PARTITION BY customer_id ORDER BY m) AS prev_m FROM cm
), per_month AS (
  SELECT m,
    count(*) AS active,
    count(*) FILTER (WHERE prev_m IS NULL) AS new_customers,
    count(*) FILTER (WHERE prev_m = m - INTERVAL 1 MONTH) AS retained,
    count(*) FILTER (WHERE prev_m < m - INTERVAL 1 MONTH) AS reactivated,
    sum(n) AS orders, sum(rev) AS revenue,
    count(*) FILTER (WHERE n >= 2) AS repeat_customers
  FROM lagged GROUP BY m
)
SELECT m, active, new_customers, retained, reactivated,
  coalesce(lag(active) OVER (ORDER BY m), 0) AS at_start,
  coalesce(lag(active) OVER (ORDER BY m), 0) - retained AS lost,
  orders, revenue, repeat_customers
FROM per_month ORDER BY m`;

/** Loads the orders into an arquero table. */
export function arqueroWith(orders: SyntheticOrders): aq.ColumnTable {
  return aq.table({ customer_id: orders.customerId, at: orders.at, cents: orders.cents });
}

/** lag()'s default for a customer's first month; arquero's typings want the field name's type, hence the cast. */
const NO_MONTH = -1 as unknown as "m";

/** The monthly period summary in arquero verbs. */
export function arqueroPeriodSummary(table: aq.ColumnTable): aq.ColumnTable {
  const op = aq.op;
  return table
    .derive({ m: (d: { at: number }) => op.utcyear(d.at) * 12 + op.utcmonth(d.at) })
    .groupby("customer_id", "m")
    .rollup({ n: op.count(), rev: op.sum("cents") })
    .groupby("customer_id")
    .orderby("m")
    .derive({ prev: op.lag("m", 1, NO_MONTH) })
    .ungroup()
    .derive({
      isNew: (d: { prev: number }) => (d.prev < 0 ? 1 : 0),
      isRetained: (d: { prev: number; m: number }) => (d.prev === d.m - 1 ? 1 : 0),
      isReactivated: (d: { prev: number; m: number }) => (d.prev >= 0 && d.prev < d.m - 1 ? 1 : 0),
      isRepeat: (d: { n: number }) => (d.n >= 2 ? 1 : 0),
    })
    .groupby("m")
    .rollup({
      active: op.count(),
      new_customers: op.sum("isNew"),
      retained: op.sum("isRetained"),
      reactivated: op.sum("isReactivated"),
      orders: op.sum("n"),
      revenue: op.sum("rev"),
      repeat_customers: op.sum("isRepeat"),
    })
    .orderby("m");
}
