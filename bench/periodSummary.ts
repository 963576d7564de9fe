/**
 * periodSummary by month against DuckDB (same data already in a DuckDB table)
 * at 1M and 10M events, and against arquero 7 at 1M; eventTable from 10M
 * columns with its memory. Checks that the three tools agree before timing.
 * Run: `node --expose-gc --import tsx bench/periodSummary.ts [sizes...]`.
 */
import { pathToFileURL } from "node:url";
import { eventTable } from "../src/events/eventTable.ts";
import type { EventTable } from "../src/events/table.ts";
import { periodSummary } from "../src/activity/periodSummary.ts";
import { syntheticOrders } from "./generate.ts";
import { measure, report, type Measurement } from "./lib.ts";
import { arqueroPeriodSummary, arqueroWith, duckdbWith, PERIOD_SUMMARY_SQL } from "./peers.ts";

/** The same orders sorted by time, as an order log would list them. */
function timeOrderedCopy(orders: ReturnType<typeof syntheticOrders>) {
  const order = Array.from(orders.at.keys()).sort((a, b) => orders.at[a]! - orders.at[b]!);
  return {
    customerId: Int32Array.from(order, (i) => orders.customerId[i]!),
    at: Float64Array.from(order, (i) => orders.at[i]!),
    amount: Float64Array.from(order, (i) => orders.amount[i]!),
  };
}

function summaryOf(table: EventTable) {
  return periodSummary(table, { period: "month" });
}

export function checkAgree(ours: ReturnType<typeof summaryOf>, theirs: Array<Record<string, unknown>>, tool: string): void {
  const mine = ours.map((r) => [r.activeCustomers, r.newCustomers, r.retainedCustomers, r.reactivatedCustomers, r.lostCustomers, r.orders, r.revenue.toFixed(2)].join());
  const other = theirs.map((r) => [r.active, r.new_customers, r.retained, r.reactivated, r.lost, r.orders, Number(r.revenue).toFixed(2)].join());
  if (mine.join("|") !== other.join("|")) {
    throw new Error(`${tool} disagrees with periodSummary:\n${mine.slice(0, 3).join("\n")}\nvs\n${other.slice(0, 3).join("\n")}`);
  }
}

export async function benchPeriodSummary(sizes: number[] = [1_000_000, 10_000_000]): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (const size of sizes) {
    const orders = syntheticOrders(size);
    const label = `${size / 1e6}M events, ${orders.customers} customers`;
    const columns = { customerId: orders.customerId, at: orders.at, amount: orders.amount };
    const timeOrdered = timeOrderedCopy(orders);
    const buildGrouped = await measure(`eventTable, columns grouped by customer (${label})`, () => eventTable(columns), 3);
    const buildSorted = await measure(`eventTable, columns in time order (${label})`, () => eventTable(timeOrdered), 3);
    // Two inputs that defeat a naive bucketing: one instant in microseconds among milliseconds, and fractional ms.
    const outlier = { ...columns, at: orders.at.slice() };
    outlier.at[1] = orders.at[1]! * 1000;
    const buildOutlier = await measure(`eventTable, grouped, one instant in µs (${label})`, () => eventTable(outlier), 3);
    const fractional = { ...columns, at: orders.at.map((t) => t + 0.25) };
    const buildFractional = await measure(`eventTable, grouped, fractional ms (${label})`, () => eventTable(fractional), 3);
    const table = eventTable(columns);
    const rows: Measurement[] = [await measure(`periodSummary by month (${label})`, () => summaryOf(table))];
    const duck = await duckdbWith(orders);
    const duckRows = (await duck.connection.runAndReadAll(PERIOD_SUMMARY_SQL)).getRowObjectsJS();
    checkAgree(summaryOf(table), duckRows as Array<Record<string, unknown>>, "DuckDB");
    rows.push(await measure(`DuckDB SQL, same data in a table (${label})`, () => duck.connection.runAndReadAll(PERIOD_SUMMARY_SQL)));
    duck.close();
    if (size <= 1_000_000) {
      const aqTable = arqueroWith(orders);
      const aqRows = (arqueroPeriodSummary(aqTable).objects() as Array<Record<string, unknown>>).map((r) => ({ ...r, revenue: Number(r.revenue) / 100, lost: 0 }));
      checkAgree(summaryOf(table).map((r) => ({ ...r, lostCustomers: 0 })), aqRows, "arquero");
      rows.push(await measure(`arquero 7 verbs (${label})`, () => arqueroPeriodSummary(aqTable), 3));
    }
    report(`periodSummary by month, ${label} (ratios against periodSummary)`, rows);
    report(`eventTable, ${label}`, [buildSorted, buildGrouped, buildOutlier, buildFractional]);
    all.push(buildSorted, buildGrouped, buildOutlier, buildFractional, ...rows);
  }
  return all;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await benchPeriodSummary(sizes.length > 0 ? sizes : undefined);
}
