/**
 * mrrMovements by month over 1M subscription changes (target: under 1 s),
 * from change-event columns and from the same subscriptions as priced
 * intervals, with and without the normalisation; mrrCohorts on the table.
 * Checks that both shapes give the same movements before timing.
 * Run: `node --expose-gc --import tsx bench/mrr.ts [changes...]`.
 */
import { pathToFileURL } from "node:url";
import { mrrCohorts } from "../src/cohorts/mrrCohorts.ts";
import { mrrMovements } from "../src/revenue/mrrMovements.ts";
import { subscriptionTable } from "../src/subscriptions/subscriptionTable.ts";
import { prng } from "./generate.ts";
import { measure, report, type Measurement } from "./lib.ts";

const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const PLANS = [29, 49, 99, 199, 499];

/** Subscription changes as columns, grouped by customer, plus the same step functions as intervals. */
export interface SyntheticSubscriptions {
  changes: { customerId: Int32Array; at: Float64Array; mrr: Float64Array };
  intervals: { customerId: Int32Array; start: Float64Array; end: Float64Array; mrr: Float64Array };
  customers: number;
}

/**
 * Customers arrive uniformly over 2023-2024 on one of five plans; every month
 * each one upgrades (8%), downgrades (4%) or cancels (5%); a cancelled customer
 * comes back after some months one time in three. Stops at exactly `count`
 * changes. Deterministic for a seed.
 */
export function syntheticSubscriptions(count: number, seed = 7): SyntheticSubscriptions {
  const random = prng(seed);
  const customerId = new Int32Array(count);
  const at = new Float64Array(count);
  const mrr = new Float64Array(count);
  let n = 0;
  let c = 0;
  while (n < count) {
    c++;
    let t = START + Math.floor(random() * (END - START));
    let plan = Math.floor(random() * 3);
    const push = (value: number) => {
      customerId[n] = c;
      at[n] = t;
      mrr[n++] = value;
    };
    push(PLANS[plan]!);
    while (n < count) {
      t += Math.floor((20 + random() * 20) * DAY);
      if (t >= END) break;
      const u = random();
      if (u < 0.08 && plan < PLANS.length - 1) push(PLANS[++plan]!);
      else if (u < 0.12 && plan > 0) push(PLANS[--plan]!);
      else if (u < 0.17) {
        push(0);
        if (random() > 1 / 3) break;
        t += Math.floor((60 + random() * 120) * DAY);
        if (t >= END || n >= count) break;
        push(PLANS[plan]!);
      }
    }
  }
  return { changes: { customerId, at, mrr }, intervals: toIntervals(customerId, at, mrr), customers: c };
}

/** Each positive MRR runs until the customer's next change (contiguous intervals for price changes). */
function toIntervals(customerId: Int32Array, at: Float64Array, mrr: Float64Array) {
  const n = customerId.length;
  const ids: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++) {
    if (mrr[i]! === 0) continue;
    const sameNext = i + 1 < n && customerId[i + 1] === customerId[i];
    ids.push(customerId[i]!);
    start.push(at[i]!);
    end.push(sameNext ? at[i + 1]! : NaN);
    value.push(mrr[i]!);
  }
  return { customerId: Int32Array.from(ids), start: Float64Array.from(start), end: Float64Array.from(end), mrr: Float64Array.from(value) };
}

function fingerprint(rows: ReturnType<typeof mrrMovements>): string {
  return rows.map((r) => [r.period.key, r.startingMrr, r.newMrr, r.expansionMrr, r.contractionMrr, r.churnedMrr, r.reactivationMrr, r.endingMrr, r.customersAtEnd].join()).join("|");
}

export async function benchMrr(sizes: number[] = [1_000_000]): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (const size of sizes) {
    const data = syntheticSubscriptions(size);
    const label = `${size / 1e6}M changes, ${data.customers} customers`;
    const options = { period: "month" as const, to: END };
    const table = subscriptionTable(data.changes);
    const fromChanges = mrrMovements(data.changes, options);
    if (fingerprint(fromChanges) !== fingerprint(mrrMovements(data.intervals, options))) throw new Error("intervals and change events disagree");
    for (const r of fromChanges) {
      const sum = r.startingMrr.plus(r.newMrr).plus(r.expansionMrr).plus(r.reactivationMrr).minus(r.contractionMrr).minus(r.churnedMrr);
      if (!sum.equals(r.endingMrr)) throw new Error(`the MRR bridge does not add up in ${r.period.key}`);
    }
    const dec = fromChanges.at(-1)!;
    console.log(`  ${label}: ${data.intervals.start.length} intervals; ${table.length} steps; December 2024 ending MRR ${dec.endingMrr.toFixed(2)}, NRR ${dec.netRevenueRetention?.toFixed(4)}`);
    const rows = [
      await measure(`mrrMovements by month, change-event columns (${label})`, () => mrrMovements(data.changes, options)),
      await measure(`mrrMovements by month, interval columns (${label})`, () => mrrMovements(data.intervals, options)),
      await measure(`subscriptionTable, change-event columns (${label})`, () => subscriptionTable(data.changes)),
      await measure(`mrrMovements by month, prebuilt table (${label})`, () => mrrMovements(table, options)),
      await measure(`mrrCohorts by month, prebuilt table (${label})`, () => mrrCohorts(table, options)),
    ];
    report(`MRR movements, ${label} (ratios against the first row)`, rows);
    all.push(...rows);
  }
  return all;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await benchMrr(sizes.length > 0 ? sizes : undefined);
}
