/**
 * Deterministic synthetic orders of issue #17's shape: customers acquired over
 * 24 months (2023-2024) at a rate growing 3% a month, each staying on from one
 * month to the next with probability 0.8 and buying Poisson(1.2) times in each
 * month they stay (a month may have no purchase; a customer with none at all is
 * not in the data), amounts in whole cents. Customer ids are the dense integers
 * 1..customers in random order (a shuffled permutation, not acquisition order),
 * and rows come out grouped by customer. Generation stops at exactly `events`
 * orders (the last customers of the last months are cut; the acquisition rate is
 * chosen so that the cut is small).
 */
import { mulberry32 } from "../scripts/prng.ts";
import type { SyntheticOrders } from "./generate.ts";

const START = Date.UTC(2023, 0, 1);
const MONTHS = 24;
const GROWTH = 1.03;
const STAY = 0.8;
const RATE = 1.2;

/** Month m's start, epoch ms (UTC). */
function monthStart(m: number): number {
  return Date.UTC(2023, m, 1);
}

/** Expected orders of a customer acquired in month m (stays at most until the data's end). */
function expectedOrders(m: number): number {
  let sum = 0;
  for (let j = 0; j < MONTHS - m; j++) sum += RATE * STAY ** j;
  return sum;
}

/** A Poisson(RATE) draw by inversion (RATE is small, so a few steps). */
function poisson(random: () => number): number {
  const limit = Math.exp(-RATE);
  let k = 0;
  let p = random();
  while (p > limit && k < 50) {
    k++;
    p *= random();
  }
  return k;
}

/** Orders of issue #17's shape; `customers` counts those with at least one order. */
export function growthOrders(events: number, seed = 17): SyntheticOrders {
  const random = mulberry32(seed);
  let weight = 0;
  for (let m = 0; m < MONTHS; m++) weight += GROWTH ** m * expectedOrders(m);
  // 0.5% more acquisitions than the expectation, so that the cut at `events` rarely leaves it short.
  const base = (events / weight) * 1.005;
  const customerId = new Int32Array(events);
  const at = new Float64Array(events);
  const cents = new Int32Array(events);
  let n = 0;
  let customers = 0;
  for (let m = 0; m < MONTHS && n < events; m++) {
    const acquired = Math.round(base * GROWTH ** m);
    for (let a = 0; a < acquired && n < events; a++) {
      const basket = 1000 + random() * 6000;
      const before = n;
      for (let month = m; month < MONTHS && n < events; month++) {
        const from = monthStart(month);
        const span = monthStart(month + 1) - from;
        const count = poisson(random);
        // Times within the month in increasing order, so a customer's rows read like a history.
        let t = from;
        for (let j = 0; j < count && n < events; j++) {
          t += random() * (from + span - t) * (1 / (count - j + 1));
          customerId[n] = customers; // replaced by a random id below
          at[n] = Math.floor(t);
          cents[n] = Math.max(99, Math.round(basket * (0.5 + random())));
          n++;
        }
        if (random() >= STAY) break;
      }
      if (n > before) customers++;
    }
  }
  if (n < events) throw new Error(`growthOrders: only ${n} orders for ${events}; raise the acquisition margin`);
  // Dense ids 1..customers, in random order: a Fisher-Yates shuffle of the acquisition order.
  const idOf = new Int32Array(customers);
  for (let c = 0; c < customers; c++) idOf[c] = c + 1;
  for (let c = customers - 1; c > 0; c--) {
    const j = Math.floor(random() * (c + 1));
    const x = idOf[c]!;
    idOf[c] = idOf[j]!;
    idOf[j] = x;
  }
  for (let i = 0; i < events; i++) customerId[i] = idOf[customerId[i]!]!;
  const amount = new Float64Array(events);
  for (let i = 0; i < events; i++) amount[i] = cents[i]! / 100;
  return { customerId, at, amount, cents, customers };
}
