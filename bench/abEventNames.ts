/**
 * Before/after for issue #15's event names: what the default path (no names, no startEvent or
 * returnEvent) costs against an older checkout's `src/` (`git archive <commit> src | tar -x -C <base>`),
 * run in alternation so that the load weighs on both alike, results compared as JSON first:
 * building a table from columns and from row objects, and the cohort scans the options route
 * through. Run: `node --expose-gc --import tsx bench/abEventNames.ts <base> [events] [runs] [name filter]`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { growthOrders } from "./growthOrders.ts";

type Lib = { events: any; activity: any; cohorts: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function load(root: string): Promise<Lib> {
  const at = (p: string) => import(pathToFileURL(resolve(root, p)).href);
  return { events: await at("src/events/eventTable.ts"), activity: await at("src/activity/index.ts"), cohorts: await at("src/cohorts/cohortMatrix.ts") };
}

const [base, size = "1000000", count = "5", only = ""] = process.argv.slice(2);
if (base === undefined) throw new Error("usage: bench/abEventNames.ts <base checkout> [events] [runs]");
const runs = Number(count);
const before = await load(base);
const after = await load(new URL("..", import.meta.url).pathname);
const o = growthOrders(Number(size));
const cols = { customerId: o.customerId, at: o.at, amount: o.amount };
const rows = Array.from({ length: o.at.length }, (_, i) => ({ customerId: `c${o.customerId[i]}`, at: o.at[i]!, amount: o.amount[i]! }));
const tables = [before.events.eventTable(cols), after.events.eventTable(cols)];
const digest = (t: { length: number; customerIds: readonly unknown[]; times(): Float64Array; customerIndexes(): Int32Array }) => [t.length, t.customerIds.length, t.times()[t.length >> 1], t.customerIndexes()[t.length >> 1]];
const tasks: Array<[string, (l: Lib, side: number) => unknown]> = [
  ["eventTable columns", (l) => digest(l.events.eventTable(cols))],
  ["eventTable rows (string ids)", (l) => digest(l.events.eventTable(rows))],
  ["cohortMatrix month classic", (l, s) => l.cohorts.cohortMatrix(tables[s], { period: "month" })],
  ["cohortMatrix week rolling", (l, s) => l.cohorts.cohortMatrix(tables[s], { period: "week", window: "rolling" })],
  ["cohortMatrix month recurring", (l, s) => l.cohorts.cohortMatrix(tables[s], { period: "month", entry: "recurring" })],
  ["periodSummary month", (l, s) => l.activity.periodSummary(tables[s], { period: "month" })],
];
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1]!;
console.log(`before/after, ${o.at.length} events, ${o.customers} customers, ${runs} alternating runs each`);
for (const [name, task] of tasks.filter(([name]) => name.includes(only))) {
  if (JSON.stringify(task(before, 0)) !== JSON.stringify(task(after, 1))) throw new Error(`${name}: the results differ`);
  const times: number[][] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [side, lib] of [before, after].entries()) {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      task(lib, side);
      times[side]!.push(performance.now() - t0);
    }
  }
  const [b, a] = times.map(median) as [number, number];
  console.log(`  ${name.padEnd(32)} before ${b.toFixed(1).padStart(8)} ms  after ${a.toFixed(1).padStart(8)} ms  after/before ${(a / b).toFixed(2)}  (minimums ${Math.min(...times[0]!).toFixed(1)} / ${Math.min(...times[1]!).toFixed(1)})`);
}
