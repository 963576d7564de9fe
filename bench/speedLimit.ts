/**
 * Issue #17's benchmark: cohortMatrix and periodSummary against the tuned
 * typed-array loops of bench/tunedLoops.ts (the yardstick), on the issue's data
 * shape (bench/growthOrders.ts) and on the existing generator
 * (bench/generate.ts), with the events already in an EventTable. Checks cell
 * for cell that the library and the yardstick agree before timing; times weekly
 * and daily periods in a DST zone per event against monthly ones (also with the
 * three units in alternation, the fair measure on a shared machine), and the
 * activity analyses (activeUsers, lness, lifecycle) for before/after
 * comparisons.
 * Run: `node --expose-gc --import tsx bench/speedLimit.ts [sizes...] [--only growth|uniform] [--monthly]`
 * (`--monthly`: leave out the weekly and daily runs).
 */
import { pathToFileURL } from "node:url";
import { cohortMatrix, lastCompletePeriod } from "../src/cohorts/cohortMatrix.ts";
import { cohortRows } from "../src/cohorts/assign.ts";
import { scanCohorts } from "../src/cohorts/scan.ts";
import { bucketEvents } from "../src/events/bucketEvents.ts";
import type { CohortMatrix } from "../src/cohorts/matrix.ts";
import { periodSummary, type PeriodSummaryRow } from "../src/activity/periodSummary.ts";
import { activeUsers } from "../src/activity/activeUsers.ts";
import { lness } from "../src/activity/lness.ts";
import { lifecycle } from "../src/activity/lifecycle.ts";
import { eventTable } from "../src/events/eventTable.ts";
import type { EventTable } from "../src/events/table.ts";
import type { PeriodOptions } from "../src/periods/options.ts";
import { syntheticOrders, type SyntheticOrders } from "./generate.ts";
import { growthOrders } from "./growthOrders.ts";
import { measure, report, type Measurement } from "./lib.ts";
import { alternate } from "./cohortOptions.ts";
import { tunedCohortGrid, tunedPeriodSummary, type TunedGrid, type TunedSummary } from "./tunedLoops.ts";

type Mode = "classic" | "unbounded";
type Measure = "customers" | "orders" | "revenue";

/** Throws unless every cell of the matrix equals the tuned grid's (counts exactly, revenue to the cent). */
export function checkCohorts(ours: CohortMatrix, theirs: TunedGrid, what: string): number {
  if (ours.cohorts.length !== theirs.rows || ours.offsets.length !== theirs.columns) {
    throw new Error(`${what}: shape ${ours.cohorts.length}x${ours.offsets.length} vs tuned ${theirs.rows}x${theirs.columns}`);
  }
  let cells = 0;
  ours.cohorts.forEach((row, r) => {
    if (row.size !== theirs.sizes[r]) throw new Error(`${what}: size of ${row.cohort} ${row.size} vs ${theirs.sizes[r]}`);
    row.values.forEach((v, k) => {
      const at = r * theirs.columns + k;
      const observed = theirs.observed[at]!;
      if (row.observed[k] !== observed) throw new Error(`${what}: observed ${row.cohort}+${k} ${row.observed[k]} vs ${observed}`);
      if (v === null) {
        if (observed !== 0) throw new Error(`${what}: ${row.cohort}+${k} censored, tuned observes ${observed}`);
        return;
      }
      const mine = typeof v === "number" ? v : Math.round(Number(v.toString()) * 100);
      if (mine !== theirs.values[at]) throw new Error(`${what}: ${row.cohort}+${k} ${mine} vs tuned ${theirs.values[at]}`);
      cells++;
    });
  });
  return cells;
}

/** Throws unless every period's counts and revenue equal the tuned summary's. */
export function checkSummary(ours: PeriodSummaryRow[], theirs: TunedSummary, what: string): number {
  ours.forEach((row, i) => {
    const p = theirs.first + i;
    const mine = [row.activeCustomers, row.newCustomers, row.customersAtStart, row.lostCustomers, row.reactivatedCustomers, row.orders, row.revenue.times(100).toNumber()];
    const other = [theirs.active[p], theirs.newCustomers[p], theirs.atStart[p], theirs.lost[p], theirs.reactivated[p], theirs.orders[p], theirs.revenue[p]];
    if (mine.join() !== other.join()) throw new Error(`${what}: ${row.period.key} ${mine.join()} vs tuned ${other.join()}`);
    if (row.repeatCustomerRate !== null && row.repeatCustomerRate !== theirs.repeat[p]! / theirs.active[p]!) throw new Error(`${what}: repeat rate of ${row.period.key}`);
  });
  return ours.length;
}

/**
 * cohortMatrix's steps up to the grid of raw sums (what the yardstick computes), without the assembly
 * into the result, whose cost is per cell (Decimals), not per event: 263K cells for days over two years.
 */
function cohortGrid(table: EventTable, options: PeriodOptions, mode: Mode, measure: Measure) {
  const b = bucketEvents(table, options)!;
  const lastComplete = lastCompletePeriod(b);
  return scanCohorts(b, cohortRows(b, undefined), { mode, measure, columns: Math.max(lastComplete - b.firstReported, 0) + 1, lastComplete });
}

/** The grid's cells against the tuned grid's. */
function checkGrid(ours: ReturnType<typeof cohortGrid>, theirs: TunedGrid, what: string): number {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);
  if (!same(ours.sizes, theirs.sizes) || !same(ours.values, theirs.values) || !same(ours.observed, theirs.observed)) throw new Error(`${what}: the grids differ`);
  return ours.values.length;
}

const MONTHLY: PeriodOptions = { period: "month" };
const WEEKLY_NY: PeriodOptions = { period: "week", timeZone: "America/New_York", weekStartsOn: 1 };
const DAILY_NY: PeriodOptions = { period: "day", timeZone: "America/New_York" };

/** Median of sorted-in-place times. */
function median(times: number[]): number {
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

/**
 * One library task against its yardstick, checked, then timed in alternation (ours, tuned, ours, ...)
 * after a warm-up, so that a busy spell of the shared machine weighs on both; returns [ours, tuned].
 */
async function pair(name: string, ours: () => unknown, tuned: () => unknown, check: () => number, runs: number): Promise<Measurement[]> {
  const compared = check();
  ours();
  tuned();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [task, times] of [[ours, a], [tuned, b]] as const) {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      task();
      times.push(performance.now() - t0);
    }
  }
  const of = (label: string, times: number[]): Measurement => ({ name: label, runs, minMs: Math.min(...times), maxMs: Math.max(...times), medianMs: median(times) });
  return [of(`${name} (${compared} cells agree)`, a), of("  tuned loop", b)];
}

export async function benchSpeedLimit(sizes = [1_000_000, 10_000_000], shapes: Array<"growth" | "uniform"> = ["growth", "uniform"], monthlyOnly = false): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (const shape of shapes) {
    for (const size of sizes) {
      let orders: SyntheticOrders | null = shape === "growth" ? growthOrders(size) : syntheticOrders(size);
      const label = `${shape === "growth" ? "issue #17 shape" : "bench/generate.ts"}, ${size / 1e6}M events, ${orders.customers} customers`;
      const table: EventTable = eventTable({ customerId: orders.customerId, at: orders.at, amount: orders.amount });
      orders = null;
      const runs = size > 2_000_000 ? 5 : 9;
      const cohort = (o: PeriodOptions, mode: Mode, m: Measure) => () => cohortMatrix(table, { ...o, mode, measure: m });
      const tunedCohort = (o: PeriodOptions, mode: Mode, m: Measure) => () => tunedCohortGrid(table, o, mode, m);
      const cohortPair = (name: string, o: PeriodOptions, mode: Mode, m: Measure) =>
        pair(name, cohort(o, mode, m), tunedCohort(o, mode, m), () => checkCohorts(cohort(o, mode, m)(), tunedCohort(o, mode, m)(), name), runs);
      // Warm both sides on every variant first, so that no figure pays for another's compilation.
      for (let i = 0; i < 2; i++) {
        for (const [mode, m] of [["classic", "customers"], ["unbounded", "customers"], ["classic", "orders"], ["classic", "revenue"]] as const) {
          cohort(MONTHLY, mode, m)();
          tunedCohort(MONTHLY, mode, m)();
        }
        periodSummary(table, MONTHLY);
        tunedPeriodSummary(table, MONTHLY);
      }
      const gridPair = (name: string, o: PeriodOptions) =>
        pair(name, () => cohortGrid(table, o, "classic", "customers"), tunedCohort(o, "classic", "customers"),
          () => checkGrid(cohortGrid(table, o, "classic", "customers"), tunedCohort(o, "classic", "customers")(), name), runs);
      const rows: Measurement[] = [
        ...(await cohortPair("cohortMatrix month, customers, classic", MONTHLY, "classic", "customers")),
        ...(await cohortPair("cohortMatrix month, customers, unbounded", MONTHLY, "unbounded", "customers")),
        ...(await cohortPair("cohortMatrix month, orders", MONTHLY, "classic", "orders")),
        ...(await cohortPair("cohortMatrix month, revenue", MONTHLY, "classic", "revenue")),
        ...(monthlyOnly ? [] : await cohortPair("cohortMatrix week America/New_York, customers", WEEKLY_NY, "classic", "customers")),
        ...(monthlyOnly ? [] : await cohortPair("cohortMatrix day America/New_York, customers", DAILY_NY, "classic", "customers")),
        ...(monthlyOnly ? [] : await gridPair("cohort grid only (scan, no assembly), month", MONTHLY)),
        ...(monthlyOnly ? [] : await gridPair("cohort grid only, week America/New_York", WEEKLY_NY)),
        ...(monthlyOnly ? [] : await gridPair("cohort grid only, day America/New_York", DAILY_NY)),
        ...(await pair("periodSummary month", () => periodSummary(table, MONTHLY), () => tunedPeriodSummary(table, MONTHLY),
          () => checkSummary(periodSummary(table, MONTHLY), tunedPeriodSummary(table, MONTHLY), "periodSummary month"), runs)),
        ...(monthlyOnly ? [] : await pair("periodSummary week America/New_York", () => periodSummary(table, WEEKLY_NY), () => tunedPeriodSummary(table, WEEKLY_NY),
          () => checkSummary(periodSummary(table, WEEKLY_NY), tunedPeriodSummary(table, WEEKLY_NY), "periodSummary week"), runs)),
        ...(monthlyOnly ? [] : await pair("periodSummary day America/New_York", () => periodSummary(table, DAILY_NY), () => tunedPeriodSummary(table, DAILY_NY),
          () => checkSummary(periodSummary(table, DAILY_NY), tunedPeriodSummary(table, DAILY_NY), "periodSummary day"), runs)),
      ];
      console.log(`\n${label}: ours vs the tuned loop`);
      for (let i = 0; i < rows.length; i += 2) {
        const a = rows[i]!;
        const b = rows[i + 1]!;
        console.log(
          `  ${a.name.padEnd(66)} ${a.medianMs.toFixed(1).padStart(8)} ms  tuned ${b.medianMs.toFixed(1).padStart(8)} ms  ratio ${(a.medianMs / b.medianMs).toFixed(2)}` +
            `  (min ${a.minMs.toFixed(1)} vs ${b.minMs.toFixed(1)}: ${(a.minMs / b.minMs).toFixed(2)}; ${a.runs} runs each)`,
        );
      }
      // #17's "same cost per event": the three units in alternation (month, week, day, month, ...), so that a
      // busy spell of the shared machine weighs on all three; the full matrix, and the scan alone.
      const units = monthlyOnly ? [] : alternate([
        ["cohortMatrix month", cohort(MONTHLY, "classic", "customers")],
        ["cohortMatrix week America/New_York", cohort(WEEKLY_NY, "classic", "customers")],
        ["cohortMatrix day America/New_York", cohort(DAILY_NY, "classic", "customers")],
        ["grid only month", () => cohortGrid(table, MONTHLY, "classic", "customers")],
        ["grid only week America/New_York", () => cohortGrid(table, WEEKLY_NY, "classic", "customers")],
        ["grid only day America/New_York", () => cohortGrid(table, DAILY_NY, "classic", "customers")],
      ], runs);
      if (units.length > 0) console.log(`\n${label}: per event, the units in alternation (customers, classic)`);
      units.forEach((u, i) => {
        const month = units[i < 3 ? 0 : 3]!.medianMs;
        console.log(`  ${u.name.padEnd(40)} ${u.medianMs.toFixed(1).padStart(8)} ms  ${((u.medianMs * 1e6) / size).toFixed(1).padStart(6)} ns/event  x${(u.medianMs / month).toFixed(2)} month  (min ${u.minMs.toFixed(1)})`);
      });
      const activity = [
        await measure(`lifecycle month`, () => lifecycle(table, MONTHLY), runs),
        await measure(`activeUsers (trailing, UTC)`, () => activeUsers(table), Math.min(runs, 5)),
        await measure(`activeUsers (trailing, America/New_York)`, () => activeUsers(table, { timeZone: "America/New_York" }), Math.min(runs, 5)),
        await measure(`lness L28`, () => lness(table), runs),
      ];
      report(`activity analyses, ${label}`, activity);
      all.push(...rows, ...units, ...activity);
    }
  }
  return all;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const only = args.indexOf("--only");
  const shapes = only >= 0 ? [args[only + 1] as "growth" | "uniform"] : undefined;
  const sizes = args.filter((a, i) => i !== only + 1 || only < 0).map(Number).filter((n) => n > 0);
  await benchSpeedLimit(sizes.length > 0 ? sizes : undefined, shapes, args.includes("--monthly"));
}
