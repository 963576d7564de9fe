/**
 * The normalised, immutable form of a list of events that every analysis reads.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { Decimal } from "../money.ts";
import { fromMinorUnits } from "../money.ts";
import { sortNameCodes } from "./eventNames.ts";
import type { CustomerId, SkippedRows } from "./types.ts";

/** The raw columns of an {@link EventTable}, for the library's analyses only. @internal */
export interface EventColumnsData {
  /** Customer code per event, 0..customerCount-1, numbered in order of first event. */
  readonly customer: Int32Array;
  /** Epoch ms per event, ascending. */
  readonly time: Float64Array;
  /** Amount per event in minor units, or null when the input had no amounts. */
  readonly amount: Float64Array | null;
  /** The id of each customer code (a Float64Array when every id is an integer of a dense range). */
  readonly ids: ArrayLike<CustomerId>;
  /** Decimals of the minor unit. */
  readonly currencyScale: number;
  /** Event name code per event (an index into `eventNames`), or absent/null for a table without names. */
  readonly event?: Int32Array | null | undefined;
  /** The distinct event names by code, in code-unit order (with `event`). */
  readonly eventNames?: readonly string[] | undefined;
}

const columnsOf = new WeakMap<EventTable, EventColumnsData>();
/** {@link EventTable.customerIds}, made on first use: most analyses never need ids as a JS array. */
const idArrayOf = new WeakMap<EventTable, readonly CustomerId[]>();

/**
 * The first and last instant of a table, in epoch milliseconds.
 *
 * @category Events
 */
export interface EventSpanMs {
  /** The earliest instant. */
  first: number;
  /** The latest instant. */
  last: number;
}

/**
 * One event as read back from an {@link EventTable}.
 *
 * @category Events
 */
export interface EventRecord {
  /** The customer's id as given. */
  customerId: CustomerId;
  /** The instant. */
  at: Date;
  /** The amount, or `null` when the table has no amounts. */
  amount: Decimal | null;
  /** The event's name; only on a table with names. */
  event?: string;
}

/**
 * Events normalised once for many analyses: customer ids dictionary-encoded,
 * instants as epoch milliseconds sorted ascending, amounts as integer minor
 * units, event names (when the input has them) dictionary-encoded like the
 * ids. Immutable: its accessors return copies. Make one with
 * {@link eventTable}; every analysis accepts it in place of rows or columns.
 *
 * @example
 * ```ts
 * import { EventTable, eventTable } from "retention-metrics";
 * const table = eventTable([
 *   { customerId: "a", at: "2024-01-05T10:00:00Z", amount: 12.5 },
 *   { customerId: "b", at: "2024-01-02T09:00:00Z", amount: 8 },
 * ]);
 * console.log(table instanceof EventTable, table.length, table.customerCount); // true 2 2
 * // the rows are sorted by time
 * console.log(table.row(0).customerId); // "b"
 * ```
 * @category Events
 */
export class EventTable {
  /** Number of events. */
  readonly length: number;
  /** Number of distinct customers. */
  readonly customerCount: number;
  /** Decimals of the currency's minor unit. */
  readonly currencyScale: number;
  /** Whether the input had amounts (otherwise every amount reads as `null`). */
  readonly hasAmounts: boolean;
  /** Rows left out by `onInvalid: "skip"` (all zero otherwise). */
  readonly skipped: Readonly<SkippedRows>;
  /** Whether the events have names (an `event` field): what `startEvent` and `returnEvent` select. */
  readonly hasEventNames: boolean;
  /** The distinct event names, in code-unit order (empty for a table without names). */
  readonly eventNames: readonly string[];

  /** @internal Use {@link eventTable}. Takes the arrays as its own (name codes are renumbered in place). */
  constructor(data: EventColumnsData, skipped: SkippedRows) {
    this.length = data.time.length;
    this.customerCount = data.ids.length;
    this.currencyScale = data.currencyScale;
    this.hasAmounts = data.amount !== null;
    const codes = data.event ?? null;
    this.hasEventNames = codes !== null;
    // Renumbered here, once for every reader: a table's names do not depend on the input's order.
    this.eventNames = codes === null ? Object.freeze([]) : sortNameCodes(codes, data.eventNames ?? []);
    if (codes !== null) data = { ...data, eventNames: this.eventNames };
    this.skipped = Object.freeze({ ...skipped, byField: Object.freeze({ ...skipped.byField }), examples: Object.freeze([...skipped.examples]) as SkippedRows["examples"] });
    columnsOf.set(this, data);
    Object.freeze(this);
  }

  /** The distinct customer ids, in order of their first event. */
  get customerIds(): readonly CustomerId[] {
    let ids = idArrayOf.get(this);
    if (ids === undefined) {
      ids = Object.freeze(Array.from(columnsOf.get(this)!.ids));
      idArrayOf.set(this, ids);
    }
    return ids;
  }

  /** The first and last instant (epoch ms), or `null` for an empty table. */
  get span(): EventSpanMs | null {
    const t = columnsOf.get(this)!.time;
    return t.length === 0 ? null : { first: t[0]!, last: t[t.length - 1]! };
  }

  /** A copy of the instants, epoch ms, ascending. */
  times(): Float64Array {
    return columnsOf.get(this)!.time.slice();
  }

  /** A copy of each event's customer index into {@link EventTable.customerIds}. */
  customerIndexes(): Int32Array {
    return columnsOf.get(this)!.customer.slice();
  }

  /** A copy of each event's code into {@link EventTable.eventNames}, or `null` for a table without names. */
  eventCodes(): Int32Array | null {
    return columnsOf.get(this)!.event?.slice() ?? null;
  }

  /** A copy of the amounts in integer minor units, or `null` when the table has no amounts. */
  amountsInMinorUnits(): Float64Array | null {
    return columnsOf.get(this)!.amount?.slice() ?? null;
  }

  /**
   * The event at a position (0 = earliest).
   *
   * @param index - position, 0..length-1
   * @throws {@link InvalidInputError} when the index is not an integer inside the table
   */
  row(index: number): EventRecord {
    const d = columnsOf.get(this)!;
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new InvalidInputError({ field: "index", value: index, expected: `an integer from 0 to ${this.length - 1}` });
    }
    const record: EventRecord = {
      customerId: d.ids[d.customer[index]!]!,
      at: new Date(d.time[index]!),
      amount: d.amount === null ? null : fromMinorUnits(d.amount[index]!, d.currencyScale),
    };
    if (this.hasEventNames) record.event = this.eventNames[d.event![index]!]!;
    return record;
  }

  /** The events in time order. */
  *[Symbol.iterator](): IterableIterator<EventRecord> {
    for (let i = 0; i < this.length; i++) yield this.row(i);
  }
}

/** The raw columns of a table, without copying. @internal */
export function tableColumns(table: EventTable): EventColumnsData {
  return columnsOf.get(table)!;
}
