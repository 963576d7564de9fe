/**
 * Cohort assignment: which row of a cohort table each customer belongs to,
 * by the period of the first event (the default) or by a key the caller gives.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CustomerId } from "../events/types.ts";
import { tableColumns } from "../events/table.ts";
import type { BucketedEvents } from "../events/bucketEvents.ts";
import type { Period } from "../periods/index.ts";
import type { EventSelection } from "../events/eventSelection.ts";

/**
 * A caller's cohort key of a customer.
 *
 * @category Cohorts
 */
export type CohortKey = (customerId: CustomerId) => string;

/** The rows of a cohort table. */
export interface CohortRows {
  /** Row names. */
  readonly labels: readonly string[];
  /** Row periods (cohorts of first-activity periods), else null. */
  readonly periods: readonly Period[] | null;
  /**
   * Row of each customer code with cohorts by key (-1: not in any row), else
   * null: the row is then the first period's index less the first reported one.
   */
  readonly rowOf: Int32Array | null;
}

/**
 * The rows: every reported period (from the one holding `from` to the last),
 * or the distinct keys of the customers whose first event falls in a reported
 * period, in code-unit order.
 *
 * With `events`, a customer's first period is that of their first start event.
 *
 * @throws {@link InvalidInputError} when `cohortOf` returns something other than a string (its own errors pass through)
 */
export function cohortRows(b: BucketedEvents, cohortOf: CohortKey | undefined, events: EventSelection | null = null): CohortRows {
  if (cohortOf === undefined) {
    const periods = b.bucketer.periods.slice(b.firstReported);
    return { labels: periods.map((p) => p.key), periods, rowOf: null };
  }
  const cols = tableColumns(b.table);
  const first = firstPeriods(b, events);
  const keyOf: Array<string | undefined> = new Array(cols.ids.length);
  const keys = new Set<string>();
  for (let c = 0; c < first.length; c++) {
    if (first[c]! < b.firstReported) continue;
    const id = cols.ids[c]!;
    const key = cohortOf(id);
    if (typeof key !== "string") {
      throw new InvalidInputError({ field: `cohortOf(${JSON.stringify(id)})`, value: key, expected: "a string cohort key" });
    }
    keyOf[c] = key;
    keys.add(key);
  }
  const labels = [...keys].sort();
  const index = new Map(labels.map((key, r) => [key, r]));
  const rowOf = new Int32Array(first.length).fill(-1);
  for (let c = 0; c < first.length; c++) {
    const key = keyOf[c];
    if (key !== undefined) rowOf[c] = index.get(key)!;
  }
  return { labels, periods: null, rowOf };
}

/** The period index of each customer's first event (first start event, with `events`) before `to` (-1: none). */
export function firstPeriods(b: BucketedEvents, events: EventSelection | null = null): Int32Array {
  const cols = tableColumns(b.table);
  const first = new Int32Array(cols.ids.length).fill(-1);
  const customer = cols.customer;
  for (let i = b.firstEvent; i < b.eventCount; i++) {
    if (events !== null && events.start[events.codes[i]!] === 0) continue;
    const c = customer[i]!;
    if (first[c]! < 0) first[c] = b.bucket[i]!;
  }
  return first;
}
