/**
 * Peak memory of a whole analysis over 10M events (issue #12, "Scale"): the input, then
 * `eventTable`, `cohortMatrix` and `periodSummary` (monthly) on the table, in a process of its
 * own, with the peak RSS read from Linux's counter (VmHWM) at the end, reset (`clear_refs`) once the
 * synthetic columns exist so that the generator's scratch memory does not count. Two inputs:
 *
 * - `columns`: typed columns (Int32 ids, Float64 epoch ms and amounts); the bar is a peak under 3x
 *   the input's columnar size (the input itself included);
 * - `rows`: the same events as row objects `{ customerId, at, amount }`, with Node's default heap
 *   (no --max-old-space-size): it must complete.
 *
 *   node --expose-gc --import tsx bench/pipelineMemory.ts columns|rows [events] [--dist]    (default 10,000,000)
 *
 * `--dist` runs the built package (dist/, after `npm run build`), as an application would, without
 * tsx's compiled sources in memory (about 120 MiB of the runtime's RSS).
 *
 * `/usr/bin/time -v` on the same command gives the same peak as "Maximum resident set size".
 */
import { readFileSync, writeFileSync } from "node:fs";
import { syntheticOrders } from "./generate.ts";

const MiB = 2 ** 20;
const peakRss = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;

const args = process.argv.slice(2).filter((a) => a !== "--dist");
const fromDist = process.argv.includes("--dist");
const mode = args[0] ?? "columns";
if (mode !== "columns" && mode !== "rows") throw new Error("usage: pipelineMemory.ts columns|rows [events] [--dist]");
const events = Number(args[1] ?? 10_000_000);
const { eventTable, cohortMatrix, periodSummary } = fromDist
  ? ((await import(new URL("../dist/index.js", import.meta.url).href)) as typeof import("../src/index.ts"))
  : await import("../src/index.ts");
// Only the three input columns stay (the generator's cents go), so that the RSS before is runtime + input.
const o = (({ customerId, at, amount }) => ({ customerId, at, amount }))(syntheticOrders(events));
(globalThis as { gc?: () => void }).gc?.();
const inputBytes = o.customerId.byteLength + o.at.byteLength + o.amount.byteLength;
const rssBefore = process.memoryUsage().rss; // the runtime (Node, tsx, the library) and the columns
writeFileSync("/proc/self/clear_refs", "5"); // reset the peak (VmHWM) to the current RSS
const started = performance.now();
const input = mode === "columns"
  ? { customerId: o.customerId, at: o.at, amount: o.amount }
  : Array.from({ length: events }, (_, i) => ({ customerId: o.customerId[i]!, at: o.at[i]!, amount: o.amount[i]! }));
const table = eventTable(input);
const matrix = cohortMatrix(table, { period: "month" });
const summary = periodSummary(table, { period: "month" });
const seconds = (performance.now() - started) / 1000;
const peak = peakRss();
console.log(
  `${mode}${fromDist ? " (dist)" : " (tsx)"}: ${events.toLocaleString("en-US")} events (${table.length} in the table), input ${(inputBytes / MiB).toFixed(0)} MiB as columns; ` +
    `${matrix.cohorts.length} cohorts, ${summary.length} periods; ${seconds.toFixed(1)} s; ` +
    `RSS ${(rssBefore / MiB).toFixed(0)} MiB before (runtime and columns), peak RSS ${(peak / MiB).toFixed(0)} MiB = ${(peak / inputBytes).toFixed(2)}x the columnar input ` +
    `(${((peak - rssBefore) / MiB).toFixed(0)} MiB = ${((peak - rssBefore) / inputBytes).toFixed(2)}x above the RSS before)`,
);
