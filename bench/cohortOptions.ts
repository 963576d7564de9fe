/**
 * Issue #15's speed bar: `cohortMatrix` with `window: "rolling"` and with
 * `entry: "recurring"` against the classic matrix, by month, week and day
 * (America/New_York), on the issue #17 data shape (bench/growthOrders.ts), with
 * the events already in an EventTable. The three run in alternation (classic,
 * rolling, recurring, classic, ...) after a warm-up, so that a busy spell of the
 * shared machine weighs on all of them; each figure is a median, and the ratio
 * is the option's median over the classic one.
 * Run: `node --expose-gc --import tsx bench/cohortOptions.ts [sizes...] [--units month,week,day] [--runs n]`
 */
import { pathToFileURL } from "node:url";
import { loadavg } from "node:os";
import { cohortMatrix, type CohortMatrixOptions } from "../src/cohorts/cohortMatrix.ts";
import { eventTable } from "../src/events/eventTable.ts";
import type { EventTable } from "../src/events/table.ts";
import { growthOrders } from "./growthOrders.ts";
import type { Measurement } from "./lib.ts";

type Unit = "month" | "week" | "day";

const PERIODS: Record<Unit, CohortMatrixOptions> = {
  month: { period: "month" },
  week: { period: "week", timeZone: "America/New_York", weekStartsOn: 1 },
  day: { period: "day", timeZone: "America/New_York" },
};

/** Median of sorted-in-place times. */
function median(times: number[]): number {
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

/** Times the tasks in alternation, `runs` rounds after one warm-up round; one measurement per task. */
export function alternate(tasks: ReadonlyArray<readonly [string, () => unknown]>, runs: number): Measurement[] {
  for (const [, task] of tasks) task();
  const times = tasks.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    tasks.forEach(([, task], t) => {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      task();
      times[t]!.push(performance.now() - t0);
    });
  }
  return tasks.map(([name], t) => ({ name, runs, minMs: Math.min(...times[t]!), maxMs: Math.max(...times[t]!), medianMs: median(times[t]!) }));
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

export function benchCohortOptions(sizes = [1_000_000, 10_000_000], units: readonly Unit[] = ["month", "week", "day"], runsOverride?: number): Measurement[] {
  const all: Measurement[] = [];
  for (const size of sizes) {
    const orders = growthOrders(size);
    const table: EventTable = eventTable({ customerId: orders.customerId, at: orders.at, amount: orders.amount });
    const runs = runsOverride ?? (size > 2_000_000 ? 5 : 9);
    console.log(`\nissue #17 shape, ${size / 1e6}M events, ${orders.customers} customers (load ${load()} at start)`);
    for (const unit of units) {
      const o = PERIODS[unit];
      const rows = alternate([
        [`${unit} classic`, () => cohortMatrix(table, o)],
        [`${unit} window: "rolling"`, () => cohortMatrix(table, { ...o, window: "rolling" })],
        [`${unit} entry: "recurring"`, () => cohortMatrix(table, { ...o, entry: "recurring" })],
      ], runs);
      const classic = rows[0]!.medianMs;
      for (const r of rows) {
        console.log(
          `  ${r.name.padEnd(28)} median ${r.medianMs.toFixed(1).padStart(8)} ms  (min ${r.minMs.toFixed(1)}, max ${r.maxMs.toFixed(1)}, ${r.runs} runs)` +
            `  x${(r.medianMs / classic).toFixed(2)} classic  ${((r.medianMs * 1e6) / size).toFixed(1)} ns/event`,
        );
      }
      console.log(`  (load ${load()})`);
      all.push(...rows);
    }
  }
  return all;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const units = flag("--units")?.split(",") as Unit[] | undefined;
  const runs = flag("--runs") === undefined ? undefined : Number(flag("--runs"));
  const sizes = args.filter((a, i) => !args[i - 1]?.startsWith("--") && !a.startsWith("--")).map(Number).filter((n) => n > 0);
  benchCohortOptions(sizes.length > 0 ? sizes : undefined, units, runs);
}
