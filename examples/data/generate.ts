/**
 * Writes the bundled sample data set, deterministically (same seed, same bytes):
 *   orders.csv     customer_id, ordered_at (ISO 8601, UTC), amount (dollars, 2 decimals)
 *   survey.csv     customer_id, score (0..10, a "how likely are you to recommend us" answer)
 *   marketing.json acquisition and retention spend, e-mail campaign counts and
 *                  membership renewals for the year
 *
 * Customers arrive through 2024, each stays a geometric number of months and
 * buys a Poisson number of times per month while they stay, the textbook
 * "buy till you die" story. Run: `npx tsx examples/data/generate.ts`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 as prng } from "../../scripts/prng.ts";


function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

const random = prng(20240101);
const year = 2024;
const end = Date.UTC(year + 1, 0, 1);
const customers = 240;
const orders: string[] = ["customer_id,ordered_at,amount"];
const rows: Array<[string, number, string]> = [];

for (let c = 1; c <= customers; c++) {
  const id = `C${String(c).padStart(4, "0")}`;
  const firstMonth = Math.floor(random() * 12);
  const rate = 0.4 + random() * 1.6; // purchases per month while active
  const basket = 15 + random() * 60; // the customer's typical order value
  let t = Date.UTC(year, firstMonth, 1) + Math.floor(random() * 28 * 86400e3);
  const push = (at: number) => {
    const cents = Math.max(199, Math.round(basket * (0.5 + random()) * 100));
    rows.push([id, at, (cents / 100).toFixed(2)]);
  };
  push(t);
  for (let month = firstMonth; month < 12; month++) {
    if (month > firstMonth && random() < 0.18) break; // churned
    const monthStart = Math.max(t + 3600e3, Date.UTC(year, month, 1));
    const monthEnd = Date.UTC(year, month + 1, 1);
    for (let k = poisson(random, rate); k > 0; k--) {
      const at = monthStart + Math.floor(random() * (monthEnd - monthStart));
      if (at < end) push(at);
    }
  }
}

rows.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
for (const [id, at, amount] of rows) orders.push(`${id},${new Date(at).toISOString()},${amount}`);

const survey: string[] = ["customer_id,score"];
for (let c = 1; c <= customers; c += 2) {
  const u = random();
  const score = u < 0.45 ? 9 + Math.floor(random() * 2) : u < 0.75 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7);
  survey.push(`C${String(c).padStart(4, "0")},${score}`);
}

const marketing = {
  year,
  acquisitionSpend: "8450.00",
  retentionSpend: "2100.00",
  email: { delivered: 5200, opened: 1716, clicked: 312 },
  memberships: { dueForRenewal: 120, renewed: 111 },
};

const dir = fileURLToPath(new URL(".", import.meta.url));
writeFileSync(`${dir}orders.csv`, `${orders.join("\n")}\n`);
writeFileSync(`${dir}survey.csv`, `${survey.join("\n")}\n`);
writeFileSync(`${dir}marketing.json`, `${JSON.stringify(marketing, null, 2)}\n`);
console.log(`wrote ${rows.length} orders of ${customers} customers, ${survey.length - 1} survey answers`);
