/**
 * Writes the bundled subscription sample, deterministically (same seed, same bytes):
 *   subscriptions.csv  customer_id, start, end, mrr: one row per priced interval of a
 *                      small SaaS's customers in 2024 (dates are UTC days; `end` is the
 *                      first day without the interval, empty while it runs; mrr in
 *                      dollars a month)
 *
 * Customers sign up through 2024 on one of three plans. At each monthly billing
 * date a customer may upgrade, downgrade or cancel; a price change closes one
 * interval and opens the next on the same day (contiguous intervals), some
 * customers buy an add-on that overlaps their plan, and some of those who
 * cancel come back months later. Run: `npx tsx examples/data/generate-subscriptions.ts`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 as prng } from "../../scripts/prng.ts";


const PLANS = ["29.00", "79.00", "199.00"];
const ADD_ON = "15.00";
const END = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const random = prng(20240601);
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The same day of the month `months` later (clamped to the month's last day). */
function addMonths(t: number, months: number): number {
  const d = new Date(t);
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0)).getUTCDate();
  return target + (Math.min(d.getUTCDate(), last) - 1) * DAY;
}

const rows: Array<[string, number, number | null, string]> = [];
const customers = 60;
for (let c = 1; c <= customers; c++) {
  const id = `cus_${String(c).padStart(3, "0")}`;
  let start = Date.UTC(2024, 0, 1) + Math.floor(random() * 335) * DAY;
  let plan = random() < 0.6 ? 0 : random() < 0.75 ? 1 : 2;
  let comeBacks = 0;
  for (;;) {
    let t = start;
    let cancelled = false;
    for (;;) {
      const next = addMonths(t, 1);
      if (next >= END) break;
      const u = random();
      if (u < 0.07 && plan < 2) {
        rows.push([id, start, next, PLANS[plan]!]);
        plan++;
        start = next;
      } else if (u < 0.1 && plan > 0) {
        rows.push([id, start, next, PLANS[plan]!]);
        plan--;
        start = next;
      } else if (u < 0.16) {
        rows.push([id, start, next, PLANS[plan]!]);
        cancelled = true;
        t = next;
        break;
      } else if (u < 0.19) {
        const months = 2 + Math.floor(random() * 4);
        const until = addMonths(next, months);
        rows.push([id, next, until < END ? until : null, ADD_ON]);
      }
      t = next;
    }
    if (!cancelled) {
      rows.push([id, start, null, PLANS[plan]!]);
      break;
    }
    if (comeBacks > 0 || random() > 0.35) break;
    comeBacks++;
    start = addMonths(t, 2 + Math.floor(random() * 3));
    if (start >= END) break;
  }
}

rows.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
const csv = ["customer_id,start,end,mrr", ...rows.map(([id, s, e, mrr]) => `${id},${day(s)},${e === null ? "" : day(e)},${mrr}`)].join("\n");
const out = fileURLToPath(new URL("./subscriptions.csv", import.meta.url));
writeFileSync(out, `${csv}\n`);
console.log(`wrote ${rows.length} intervals of ${customers} customers to ${out}`);
