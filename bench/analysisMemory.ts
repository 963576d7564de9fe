/**
 * Peak memory of the analyses over an EventTable of 10M events of issue #17's
 * shape: each analysis in a process of its own (freed buffers of an earlier one
 * would otherwise be reused unseen), where after the table is built and a
 * garbage collection Linux's peak-RSS counter is reset (`clear_refs`), the
 * analysis runs, and the peak above the memory in use before it is reported as
 * a multiple of the table's columnar size (20 bytes an event: customer code,
 * instant, amount).
 * Run: `node --expose-gc --import tsx bench/analysisMemory.ts [events]`.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cohortMatrix } from "../src/cohorts/cohortMatrix.ts";
import { periodSummary } from "../src/activity/periodSummary.ts";
import { activeUsers } from "../src/activity/activeUsers.ts";
import { lifecycle } from "../src/activity/lifecycle.ts";
import { lness } from "../src/activity/lness.ts";
import { eventTable } from "../src/events/eventTable.ts";
import { growthOrders } from "./growthOrders.ts";

const events = Number(process.argv[2] ?? 10_000_000);
const only = process.argv[3];
let orders: ReturnType<typeof growthOrders> | null = only === undefined ? null : growthOrders(events);
const table = orders === null ? eventTable([]) : eventTable({ customerId: orders.customerId, at: orders.at, amount: orders.amount });
orders = null;
const columnar = events * 20;
const tasks: Array<[string, () => unknown]> = [
  ["cohortMatrix month, customers, classic", () => cohortMatrix(table, { period: "month" })],
  ["cohortMatrix month, customers, unbounded", () => cohortMatrix(table, { period: "month", mode: "unbounded" })],
  ["cohortMatrix month, revenue", () => cohortMatrix(table, { period: "month", measure: "revenue" })],
  ["cohortMatrix day America/New_York, customers", () => cohortMatrix(table, { period: "day", timeZone: "America/New_York" })],
  ["periodSummary month", () => periodSummary(table, { period: "month" })],
  ["periodSummary day America/New_York", () => periodSummary(table, { period: "day", timeZone: "America/New_York" })],
  ["lifecycle month", () => lifecycle(table, { period: "month" })],
  ["activeUsers (trailing)", () => activeUsers(table)],
  ["lness L28", () => lness(table)],
];
if (only === undefined) {
  console.log(`\nPeak memory above the table, ${events / 1e6}M events of issue #17's shape (each analysis in a fresh process); table columns ${(columnar / 2 ** 20).toFixed(0)} MiB`);
  const script = fileURLToPath(import.meta.url);
  for (let i = 0; i < tasks.length; i++) {
    process.stdout.write(execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", script, String(events), String(i)], { encoding: "utf8" }));
  }
} else {
  const [name, task] = tasks[Number(only)]!;
  // Large buffers are released after a collection, not during it: collect, wait, collect, then reset the peak.
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 500));
  globalThis.gc?.();
  const hwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;
  writeFileSync("/proc/self/clear_refs", "5"); // reset the peak (VmHWM) to the current RSS
  const before = hwm();
  task();
  const peak = hwm();
  const extra = peak - before;
  console.log(`  ${name.padEnd(48)} ${(extra / 2 ** 20).toFixed(0).padStart(5)} MiB = ${(extra / columnar).toFixed(2)}x the columnar input`);
}
