/**
 * Events enough to cross the scans' 64K-row chunks of events and of
 * customers: 200,000 events of about 85,000 customers over 2024, sparse
 * integer ids, amounts in cents.
 */
import { mulberry32 } from "../../scripts/prng.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import type { EventTable } from "../../src/events/table.ts";

/** The events as typed columns. */
export function bigEvents(seed = 7) {
  const random = mulberry32(seed);
  const n = 200_000;
  const customerId = new Int32Array(n);
  const at = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    customerId[i] = Math.floor(random() * 90_000) * 3 + 1;
    at[i] = Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000);
    amount[i] = Math.floor(random() * 10_000) / 100;
  }
  return { customerId, at, amount };
}

/** The events in a table. */
export function bigTable(seed = 7): EventTable {
  return eventTable(bigEvents(seed));
}
