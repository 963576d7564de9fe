/**
 * cohortMatrix (monthly, classic) against DuckDB (same data already in a
 * DuckDB table) at 1M and 10M events and arquero 7 at 1M, and the revenue
 * measure against the customers measure. Checks that the tools agree on every
 * complete cell before timing.
 * Run: `node --expose-gc --import tsx bench/cohortMatrix.ts [sizes...]`.
 */
import { pathToFileURL } from "node:url";
import { cohortMatrix } from "../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../src/cohorts/matrix.ts";
import { eventTable } from "../src/events/eventTable.ts";
import type { EventTable } from "../src/events/table.ts";
import { syntheticOrders } from "./generate.ts";
import { measure, report, type Measurement } from "./lib.ts";
import { arqueroWith, duckdbWith } from "./peers.ts";
import { arqueroCohortMatrix, COHORT_MATRIX_SQL } from "./cohortPeers.ts";

const customers = (table: EventTable) => cohortMatrix(table, { period: "month" });
const revenue = (table: EventTable) => cohortMatrix(table, { period: "month", measure: "revenue" });
const unbounded = (table: EventTable) => cohortMatrix(table, { period: "month", mode: "unbounded" });
// The product settings (issue #15), on the per-customer scan.
const recurring = (table: EventTable) => cohortMatrix(table, { period: "month", entry: "recurring" });
const rolling = (table: EventTable) => cohortMatrix(table, { period: "month", window: "rolling" });

/** Checks every complete cell of ours against a tidy (cohort, k, customers) table; returns the cells compared. */
export function checkAgree(ours: CohortMatrix, theirs: ReadonlyArray<Record<string, unknown>>, tool: string): number {
  const cells = new Map(theirs.map((r) => [`${r.cohort}/${Number(r.k)}`, Number(r.customers)]));
  let compared = 0;
  for (const row of ours.cohorts) {
    row.values.forEach((v, k) => {
      if (v === null) return;
      const other = cells.get(`${row.cohort}/${k}`) ?? 0;
      if (v !== other) throw new Error(`${tool} disagrees with cohortMatrix at ${row.cohort} + ${k}: ${String(v)} vs ${other}`);
      compared++;
    });
  }
  return compared;
}

/** arquero's months (year * 12 + month) as our keys. */
function arqueroRows(table: ReturnType<typeof arqueroCohortMatrix>) {
  return (table.objects() as Array<{ cohort: number; k: number; customers: number }>).map((r) => {
    const m = Number(r.cohort);
    return { cohort: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`, k: r.k, customers: r.customers };
  });
}

export async function benchCohortMatrix(sizes: number[] = [1_000_000, 10_000_000]): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (const size of sizes) {
    const orders = syntheticOrders(size);
    const label = `${size / 1e6}M events, ${orders.customers} customers`;
    const table = eventTable({ customerId: orders.customerId, at: orders.at, amount: orders.amount });
    // Steady state: let the JIT optimise the shared scan for every measure before timing any of them,
    // so the first one measured does not pay for the others' warm-up.
    for (let i = 0; i < 5; i++) for (const run of [customers, revenue, unbounded, recurring, rolling]) run(table);
    // Nine runs of ours (each a fraction of a peer's run) so the median stands up to a busy machine.
    const rows: Measurement[] = [await measure(`cohortMatrix customers, classic (${label})`, () => customers(table), 9)];
    const duck = await duckdbWith(orders);
    const duckRows = (await duck.connection.runAndReadAll(COHORT_MATRIX_SQL)).getRowObjectsJS();
    const compared = checkAgree(customers(table), duckRows as Array<Record<string, unknown>>, "DuckDB");
    rows.push(await measure(`DuckDB SQL, same data in a table (${label})`, () => duck.connection.runAndReadAll(COHORT_MATRIX_SQL)));
    duck.close();
    if (size <= 1_000_000) {
      const aqTable = arqueroWith(orders);
      checkAgree(customers(table), arqueroRows(arqueroCohortMatrix(aqTable)), "arquero");
      rows.push(await measure(`arquero 7 verbs (${label})`, () => arqueroCohortMatrix(aqTable), 3));
    }
    report(`cohortMatrix by month, ${label}: ${compared} complete cells agree (ratios against cohortMatrix)`, rows);
    const measures = [
      rows[0]!,
      await measure(`cohortMatrix revenue, classic (${label})`, () => revenue(table), 9),
      await measure(`cohortMatrix customers, unbounded (${label})`, () => unbounded(table), 9),
      await measure(`cohortMatrix customers, recurring entry (${label})`, () => recurring(table), 9),
      await measure(`cohortMatrix customers, rolling 30-day windows (${label})`, () => rolling(table), 9),
    ];
    report(`cohortMatrix measures, ${label} (ratios against customers)`, measures);
    all.push(...rows, ...measures.slice(1));
  }
  return all;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await benchCohortMatrix(sizes.length > 0 ? sizes : undefined);
}
