/**
 * Peak memory of eventTable over 10M events, measured in a process of its own
 * with Linux's peak-RSS counter reset just before the build (`clear_refs`): the
 * extra memory at the peak,
 * beyond the input columns, as a multiple of the input's columnar size.
 * Run: `node --expose-gc --import tsx bench/eventTableMemory.ts [sorted|grouped] [events]`,
 * or through `benchEventTableMemory()`, which runs both orders.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { eventTable } from "../src/events/eventTable.ts";
import { syntheticOrders } from "./generate.ts";

function measureHere(order: string, events: number): void {
  const orders = syntheticOrders(events);
  let columns = { customerId: orders.customerId, at: orders.at, amount: orders.amount };
  if (order === "sorted") {
    const idx = Array.from(orders.at.keys()).sort((a, b) => orders.at[a]! - orders.at[b]!);
    columns = {
      customerId: Int32Array.from(idx, (i) => orders.customerId[i]!),
      at: Float64Array.from(idx, (i) => orders.at[i]!),
      amount: Float64Array.from(idx, (i) => orders.amount[i]!),
    };
  }
  const inputBytes = columns.customerId.byteLength + columns.at.byteLength + columns.amount.byteLength;
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  writeFileSync("/proc/self/clear_refs", "5"); // reset the peak (VmHWM) to the current RSS
  const table = eventTable(columns);
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;
  const extra = peak - before;
  console.log(
    `  ${order === "sorted" ? "in time order" : "grouped by customer"}: input ${(inputBytes / 2 ** 20).toFixed(0)} MiB; ` +
      `peak ${(extra / 2 ** 20).toFixed(0)} MiB above the memory in use before the build = ${(extra / inputBytes).toFixed(2)}x the input's columnar size` +
      ` (${table.length} events)`,
  );
}

/** Runs the measurement for time-ordered and customer-grouped input, each in a fresh process. */
export async function benchEventTableMemory(events = 10_000_000): Promise<void> {
  console.log(`\neventTable peak memory, ${events / 1e6}M events (each in a fresh process)`);
  const script = fileURLToPath(import.meta.url);
  for (const order of ["sorted", "grouped"]) {
    process.stdout.write(execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", script, order, String(events)], { encoding: "utf8" }));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [order = "grouped", events = "10000000"] = process.argv.slice(2);
  measureHere(order, Number(events));
}
