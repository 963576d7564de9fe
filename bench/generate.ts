/**
 * Deterministic synthetic orders for the benchmarks: customers acquired
 * uniformly over 24 months (2023-2024), each staying a geometric number of
 * months (monthly churn 0.25) and buying a Poisson number of times per month
 * while they stay (mean 1.2), with amounts in whole cents. Generation stops at
 * exactly `events` orders. Rows come out grouped by customer, not by time, as
 * a customer-keyed export would give them.
 */
import { mulberry32 } from "../scripts/prng.ts";

/** The benchmarks' seeded PRNG (mulberry32). */
export const prng = mulberry32;
export interface SyntheticOrders {
  customerId: Int32Array;
  /** Epoch ms. */
  at: Float64Array;
  /** Currency units with 2 decimals (cents / 100). */
  amount: Float64Array;
  /** The same amounts in cents. */
  cents: Int32Array;
  customers: number;
}


const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2025, 0, 1);
const MONTH_MS = (END - START) / 24;

export function syntheticOrders(events: number, seed = 42): SyntheticOrders {
  const random = prng(seed);
  const customerId = new Int32Array(events);
  const at = new Float64Array(events);
  const cents = new Int32Array(events);
  let n = 0;
  let c = 0;
  while (n < events) {
    c++;
    let t = START + random() * (END - START);
    const basket = 1000 + random() * 6000;
    while (n < events && t < END) {
      customerId[n] = c;
      at[n] = Math.floor(t);
      cents[n] = Math.max(99, Math.round(basket * (0.5 + random())));
      n++;
      if (random() < 0.25 / 1.2) break; // geometric lifetime: churn per purchase ~ churn per month / rate
      t += -Math.log(1 - random()) * (MONTH_MS / 1.2); // Poisson process: exponential gaps
    }
  }
  const amount = new Float64Array(events);
  for (let i = 0; i < events; i++) amount[i] = cents[i]! / 100;
  return { customerId, at, amount, cents, customers: c };
}
