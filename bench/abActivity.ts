/**
 * Before/after in one process: the activity analyses, periodSummary and cohortMatrix of an older
 * checkout of the library (its `src/` at `<base>`, e.g. made with `git archive <commit> | tar -x -C <base>`)
 * against this one's, run in alternation so that the machine's load weighs on both alike; results are
 * compared as JSON first. Each side has its own EventTable (tables belong to their copy of the code).
 * Run: `node --expose-gc --import tsx bench/abActivity.ts <base> [events] [runs]`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { growthOrders } from "./growthOrders.ts";

type Lib = { events: any; activity: any; cohorts: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function load(root: string): Promise<Lib> {
  const at = (p: string) => import(pathToFileURL(resolve(root, p)).href);
  return { events: await at("src/events/eventTable.ts"), activity: await at("src/activity/index.ts"), cohorts: await at("src/cohorts/cohortMatrix.ts") };
}

const [base, size = "1000000", count = "7"] = process.argv.slice(2);
if (base === undefined) throw new Error("usage: bench/abActivity.ts <base checkout> [events] [runs]");
const runs = Number(count);
const before = await load(base);
const after = await load(new URL("..", import.meta.url).pathname);
const o = growthOrders(Number(size));
const cols = { customerId: o.customerId, at: o.at, amount: o.amount };
const sides = [
  { lib: before, table: before.events.eventTable(cols), times: [] as number[] },
  { lib: after, table: after.events.eventTable(cols), times: [] as number[] },
];
const tasks: Array<[string, (l: Lib, t: unknown) => unknown]> = [
  ["lifecycle month", (l, t) => l.activity.lifecycle(t, { period: "month" })],
  ["activeUsers trailing UTC", (l, t) => l.activity.activeUsers(t)],
  ["activeUsers trailing America/New_York", (l, t) => l.activity.activeUsers(t, { timeZone: "America/New_York" })],
  ["lness L28", (l, t) => l.activity.lness(t)],
  ["periodSummary month", (l, t) => l.activity.periodSummary(t, { period: "month" })],
  ["cohortMatrix month customers classic", (l, t) => l.cohorts.cohortMatrix(t, { period: "month" })],
];
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1]!;
console.log(`before/after, ${o.at.length} events, ${o.customers} customers, ${runs} alternating runs each`);
for (const [name, task] of tasks) {
  if (JSON.stringify(task(before, sides[0]!.table)) !== JSON.stringify(task(after, sides[1]!.table))) throw new Error(`${name}: the results differ`);
  for (const s of sides) s.times.length = 0;
  for (let i = 0; i < runs; i++) {
    for (const s of sides) {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      task(s.lib, s.table);
      s.times.push(performance.now() - t0);
    }
  }
  const [b, a] = sides.map((s) => median(s.times)) as [number, number];
  console.log(`  ${name.padEnd(40)} before ${b.toFixed(1).padStart(8)} ms  after ${a.toFixed(1).padStart(8)} ms  after/before ${(a / b).toFixed(2)}  (minimums ${Math.min(...sides[0]!.times).toFixed(1)} / ${Math.min(...sides[1]!.times).toFixed(1)})`);
}
