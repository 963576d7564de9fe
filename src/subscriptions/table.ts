/**
 * The normalised, immutable form of subscriptions that every subscription
 * analysis reads: each customer's MRR as a step function of time.
 *
 * @module
 */
import type { CustomerId } from "../events/types.ts";
import { fromMinorUnits } from "../money.ts";
import type { SkippedSubscriptionRows, SubscriptionChange, SubscriptionShape } from "./types.ts";
import type { EventSpanMs } from "../events/table.ts";

/**
 * The priced intervals of an interval-shaped input, for renewal analyses:
 * intervals with MRR above 0 and an end after their start (or no end), grouped
 * by customer and sorted by start. @internal
 */
export interface ContractsData {
  /** Customer c's intervals are `offsets[c]` .. `offsets[c + 1] - 1`. */
  readonly offsets: Int32Array;
  /** Start of each interval, epoch ms, ascending within a customer. */
  readonly start: Float64Array;
  /** End of each interval, epoch ms; NaN while it runs. */
  readonly end: Float64Array;
}

/** Each customer's MRR as a step function: its changes grouped by customer. @internal */
export interface MrrSteps {
  /** Customer c's changes are `offsets[c]` .. `offsets[c + 1] - 1` (length customerCount + 1). */
  readonly offsets: Int32Array;
  /** Instant of each change, epoch ms, ascending within a customer. */
  readonly time: Float64Array;
  /** The customer's MRR after each change, in minor units; consecutive levels differ. */
  readonly level: Float64Array;
}

/** The raw columns of a {@link SubscriptionTable}, for the library's analyses only. @internal */
export interface SubscriptionColumnsData {
  /** Customer c's changes are `offsets[c]` .. `offsets[c + 1] - 1` (length customerCount + 1). */
  readonly offsets: Int32Array;
  /** Instant of each change, epoch ms, ascending within a customer. */
  readonly time: Float64Array;
  /**
   * The customer's MRR after each change, in minor units. Consecutive levels of
   * a customer differ, and a customer's first level is above 0 (the step
   * function starts at 0 and only real changes are kept).
   */
  readonly level: Float64Array;
  /** The id of each customer code. */
  readonly ids: readonly CustomerId[];
  /** Decimals of the minor unit. */
  readonly currencyScale: number;
  /** The input's shape. */
  readonly shape: SubscriptionShape;
  /** The intervals, for an interval-shaped input; null for change events. */
  readonly contracts: ContractsData | null;
  /**
   * The step functions with each canceled interval ending at its `canceledAt`, when some interval
   * has one; null otherwise (then that view is the same as the main one).
   */
  readonly canceled: MrrSteps | null;
}

const columnsOf = new WeakMap<SubscriptionTable, SubscriptionColumnsData>();

/**
 * Subscriptions normalised once for many analyses: each customer's MRR is a
 * step function of time, kept as its changes (instant, new MRR in minor units)
 * grouped by customer. Overlapping intervals of a customer have been added up,
 * contiguous ones merged into a change of price, and changes that change
 * nothing dropped, so intervals and the equivalent change events give the same
 * table. Immutable. Make one with {@link subscriptionTable}; every subscription
 * analysis accepts it in place of rows or columns.
 *
 * @example
 * ```ts
 * import { SubscriptionTable, subscriptionTable } from "retention-metrics";
 * const table = subscriptionTable([
 *   { customerId: "a", start: "2024-01-01", end: "2024-03-01", mrr: 50 },
 *   { customerId: "a", start: "2024-03-01", mrr: 80 },
 * ]);
 * console.log(table instanceof SubscriptionTable, table.length, table.customerCount); // true 2 1
 * console.log([...table].map((c) => c.mrr.toString())); // ["50","80"]
 * ```
 * @category Subscriptions
 */
export class SubscriptionTable {
  /** Number of MRR changes (steps of the customers' MRR). */
  readonly length: number;
  /** Number of distinct customers in the valid rows (with or without MRR). */
  readonly customerCount: number;
  /** Decimals of the currency's minor unit. */
  readonly currencyScale: number;
  /** Whether the input was priced intervals or MRR change events. */
  readonly shape: SubscriptionShape;
  /** Rows left out by `onInvalid: "skip"` (all zero otherwise). */
  readonly skipped: Readonly<SkippedSubscriptionRows>;
  /** The first and last MRR change (epoch ms), or `null` when no customer ever had MRR. */
  readonly span: Readonly<EventSpanMs> | null;

  /** @internal Use {@link subscriptionTable}. */
  constructor(data: SubscriptionColumnsData, skipped: SkippedSubscriptionRows) {
    this.length = data.time.length;
    this.customerCount = data.ids.length;
    this.currencyScale = data.currencyScale;
    this.shape = data.shape;
    this.skipped = Object.freeze({
      total: skipped.total,
      byField: Object.freeze({ ...skipped.byField }),
      examples: Object.freeze(skipped.examples.map((e) => Object.freeze({ ...e }))) as SkippedSubscriptionRows["examples"],
    });
    // Changes are in time order within a customer: the span is among their first and last ones.
    let first = Infinity;
    let last = -Infinity;
    for (let c = 0; c < data.ids.length; c++) {
      const lo = data.offsets[c]!;
      const hi = data.offsets[c + 1]!;
      if (lo === hi) continue;
      if (data.time[lo]! < first) first = data.time[lo]!;
      if (data.time[hi - 1]! > last) last = data.time[hi - 1]!;
    }
    this.span = data.time.length === 0 ? null : Object.freeze({ first, last });
    columnsOf.set(this, data);
    Object.freeze(this);
  }

  /** The distinct customer ids, in order of first appearance in the input. */
  get customerIds(): readonly CustomerId[] {
    return columnsOf.get(this)!.ids;
  }

  /** The MRR changes, customer by customer (in the order of {@link SubscriptionTable.customerIds}), each in time order. */
  *[Symbol.iterator](): IterableIterator<SubscriptionChange> {
    const d = columnsOf.get(this)!;
    for (let c = 0; c < d.ids.length; c++) {
      for (let i = d.offsets[c]!; i < d.offsets[c + 1]!; i++) {
        yield { customerId: d.ids[c]!, at: new Date(d.time[i]!), mrr: fromMinorUnits(d.level[i]!, d.currencyScale) };
      }
    }
  }
}

/** The raw columns of a table, without copying. @internal */
export function subscriptionColumns(table: SubscriptionTable): SubscriptionColumnsData {
  return columnsOf.get(table)!;
}
