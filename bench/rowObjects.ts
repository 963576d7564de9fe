/**
 * eventTable from row objects against the same events as typed columns: the
 * row path must stay within a constant factor of the columns (under 4x at 10M
 * events), that is, linear in the rows. The columns are timed before the row
 * objects exist (with millions of objects in the heap, every full garbage
 * collection marks them all, which is the row path's own cost to bear), and
 * again with the rows in the heap, for reference.
 *
 *   node --expose-gc --import tsx bench/rowObjects.ts [events...] [--runs N]   (default 1,000,000 and 10,000,000)
 */
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { eventTable } from "../src/events/eventTable.ts";
import { syntheticOrders } from "./generate.ts";
import { measure, type Measurement, report } from "./lib.ts";

export async function benchRowObjects(sizes: number[] = [1_000_000, 10_000_000], runsAsked?: number): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (const events of sizes) {
    const runs = runsAsked ?? (events >= 5_000_000 ? 3 : 5);
    console.log(`\nload average: ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
    const o = syntheticOrders(events);
    const columns = { customerId: o.customerId, at: o.at, amount: o.amount };
    const rows: Measurement[] = [await measure("eventTable(typed columns)", () => eventTable(columns), runs)];
    let objects: Array<{ customerId: number | string; at: number | Date; amount: number }> = Array.from({ length: events }, (_, i) => ({ customerId: o.customerId[i]!, at: o.at[i]!, amount: o.amount[i]! }));
    rows.push(await measure("eventTable(row objects: number ids, epoch ms)", () => eventTable(objects), runs));
    rows.push(await measure("eventTable(typed columns), the rows in the heap", () => eventTable(columns), runs));
    objects = [];
    objects = Array.from({ length: events }, (_, i) => ({ customerId: `C${o.customerId[i]!}`, at: new Date(o.at[i]!), amount: o.amount[i]! }));
    rows.push(await measure("eventTable(row objects: string ids, Dates)", () => eventTable(objects), runs));
    objects = [];
    report(`Row objects into a table (${events.toLocaleString("en-US")} events; target: number rows under x4.00)`, rows);
    all.push(...rows);
  }
  return all;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt < 0 ? undefined : Number(args[runsAt + 1]);
  const sizes = args.filter((_, i) => runsAt < 0 || (i !== runsAt && i !== runsAt + 1)).map(Number).filter((n) => n > 0);
  await benchRowObjects(sizes.length > 0 ? sizes : undefined, runs);
}
