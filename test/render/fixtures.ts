/** Shared inputs of the render tests: a small shop's orders, and 24 monthly cohorts. */
import { mulberry32 as prng } from "../../scripts/prng.ts";


const e = (customerId: string, day: string, amount: number) => ({ customerId, at: `${day}T12:00:00Z`, amount });

/** Four customers over four months (the worked example of the cohort tests). */
export const small = [
  e("a", "2024-01-02", 10), e("b", "2024-01-05", 20), e("c", "2024-01-20", 30),
  e("a", "2024-02-03", 15), e("a", "2024-02-04", 5), e("d", "2024-02-10", 40),
  e("a", "2024-03-01", 25), e("b", "2024-03-15", 10), e("d", "2024-04-10", 8),
];

/** Orders of ~3,000 customers arriving over 25 months: 24 complete monthly cohorts and offsets, one censored. */
export function twoYears(): Array<{ customerId: number; at: number; amount: number }> {
  const random = prng(3);
  const start = Date.UTC(2023, 0, 1);
  const end = Date.UTC(2025, 1, 1);
  const rows: Array<{ customerId: number; at: number; amount: number }> = [];
  for (let c = 0; c < 3000; c++) {
    let t = start + random() * (end - start);
    while (t < end) {
      rows.push({ customerId: c, at: Math.floor(t), amount: Math.round(1000 + random() * 9000) / 100 });
      if (random() < 0.15) break;
      t += -Math.log(1 - random()) * 40 * 86400e3;
    }
  }
  return rows;
}

/**
 * Subscriptions of five customers over three months (the worked example of the MRR tests): an
 * upgrade, a downgrade, a cancellation, a win-back and a new sale in March 2024.
 */
export const subscriptions = [
  { customerId: "a", start: "2024-01-01", end: "2024-03-10", mrr: 100 }, { customerId: "a", start: "2024-03-10", mrr: 150 },
  { customerId: "b", start: "2024-02-01", end: "2024-03-05", mrr: 200 }, { customerId: "b", start: "2024-03-05", mrr: 120 },
  { customerId: "c", start: "2024-01-01", end: "2024-03-20", mrr: 50 },
  { customerId: "d", start: "2024-01-01", end: "2024-02-01", mrr: 80 }, { customerId: "d", start: "2024-03-15", mrr: 90 },
  { customerId: "e", start: "2024-03-03", mrr: 40 },
];
