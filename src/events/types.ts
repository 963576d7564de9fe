/**
 * Input shapes accepted by {@link eventTable} and by every event analysis.
 *
 * @module
 */
import type { MoneyInput } from "../money.ts";
import type { EpochUnit } from "./epoch.ts";
import type { Instant } from "../periods/index.ts";
import type { EventTable } from "./table.ts";

/**
 * A customer's id: a string, a number, or a bigint (an int64 from a database
 * or an Arrow/Parquet column). `1`, `1n` and `"1"` are three different
 * customers; bigint ids above 2^53 stay exact and never merge.
 * @category Events
 */
export type CustomerId = string | number | bigint;

/**
 * One event (an order, a visit): who, when, and optionally how much.
 *
 * @category Events
 */
export interface EventRow {
  /** The customer's id. */
  customerId: CustomerId;
  /** When it happened (a number or bigint is an epoch number in the `epochUnit` option, default ms). */
  at: Instant | bigint;
  /** The amount paid, if any. */
  amount?: MoneyInput | null | undefined;
  /**
   * The event's name or type (`"signup"`, `"purchase"`), if the events have names: a non-empty
   * string. Once any row of a table has one, every row needs one (see {@link eventTable}).
   */
  event?: string | null | undefined;
}

/**
 * Reads one field of a row of any shape; `index` is the row's position in the input.
 *
 * @category Events
 */
export type FieldAccessor<Row> = (row: Row, index: number) => unknown;

/**
 * Where each field lives in a row: a property name or an accessor function.
 *
 * @category Events
 */
export interface EventFields<Row> {
  /** Property name or accessor of the customer id; default `"customerId"`. */
  customerId?: string | FieldAccessor<Row>;
  /** Property name or accessor of the instant; default `"at"`. */
  at?: string | FieldAccessor<Row>;
  /** Property name or accessor of the amount; default `"amount"`. */
  amount?: string | FieldAccessor<Row>;
  /**
   * Property name or accessor of the event's name; default `"event"`. Given, every row must have a
   * name; by default, names are read when some row has one.
   */
  event?: string | FieldAccessor<Row>;
}

/**
 * Events as columns of equal length; `at` may be epoch milliseconds in a `Float64Array`
 * (or epoch numbers in `epochUnit`, in any typed array, `BigInt64Array` included).
 *
 * @category Events
 */
export interface EventColumns {
  /** Customer ids, one per event. */
  customerId: ArrayLike<CustomerId>;
  /** Instants, one per event (a `Float64Array` of epoch ms is the fastest). */
  at: Float64Array | ArrayLike<Instant | bigint>;
  /** Amounts, one per event, in currency units (not minor units). */
  amount?: ArrayLike<number | string | null | undefined> | undefined;
  /** Event names, one per event (non-empty strings), stored dictionary-encoded. */
  event?: ArrayLike<string | null | undefined> | undefined;
}

/**
 * Everything an analysis accepts as events, synchronously.
 *
 * @category Events
 */
export type EventsArgument<Row = EventRow> = EventTable | EventColumns | Iterable<Row>;

/**
 * The same type as {@link EventsArgument}.
 *
 * @deprecated since 0.2.0: use {@link EventsArgument}; this alias will be removed in 1.0.
 * @category Events
 */
export type EventsInput<Row = EventRow> = EventsArgument<Row>;

/**
 * What to do with a bad row: throw (the default) or skip it and report it.
 *
 * @category Events
 */
export type OnInvalid = "throw" | "skip";

/**
 * Options of {@link eventTable}.
 *
 * @category Events
 */
export interface EventTableOptions<Row = EventRow> {
  /** Field names or accessors, for rows that do not use `customerId`, `at`, `amount`. */
  fields?: EventFields<Row>;
  /** `"throw"` (default): a bad row throws an InvalidInputError; `"skip"`: it is left out and counted in `skipped`. */
  onInvalid?: OnInvalid;
  /** Decimals of the currency's minor unit (default 2); an amount with more decimals is a bad row. */
  currencyScale?: number;
  /** Zone of instants written without an offset, such as `"2024-03-15"` (default `"UTC"`). */
  timeZone?: string;
  /**
   * Unit of instants given as epoch numbers (numbers or bigints, in rows, columns and
   * integer or floating-point Arrow and DuckDB columns): `"s"`, `"ms"` (default), `"us"` or
   * `"ns"`. Sub-millisecond parts are kept as fractions of a millisecond. Arrow and DuckDB
   * timestamp and date columns carry their own unit.
   */
  epochUnit?: EpochUnit;
}

/**
 * Options of {@link eventTable} for an Arrow table or a DuckDB result: the same as for rows,
 * except that `fields` names columns (accessor functions have no rows to read).
 *
 * @category Events
 */
export interface ColumnarSourceOptions extends Omit<EventTableOptions, "fields"> {
  /** Column names of the three fields; defaults `"customerId"`, `"at"` and, when there is such a column, `"amount"`. */
  fields?: {
    /** Column of the customer id. */
    customerId?: string;
    /** Column of the instant. */
    at?: string;
    /** Column of the amount; without it and without an `"amount"` column, the table has no amounts. */
    amount?: string;
    /** Column of the event's name (text or a dictionary of text); without it and without an `"event"` column, the table has no names. */
    event?: string;
  };
}

/**
 * One skipped row, as an example in {@link SkippedRows}.
 *
 * @category Events
 */
export interface SkippedRow {
  /** The row's index in the input. */
  row: number;
  /** The field that was wrong. */
  field: "customerId" | "at" | "amount" | "event";
  /** The value found. */
  value: unknown;
  /** Why it was refused. */
  message: string;
}

/**
 * Rows skipped, by the field that was wrong.
 *
 * @category Events
 */
export interface SkippedCounts {
  /** Rows with a missing or invalid customer id. */
  customerId: number;
  /** Rows with an unparseable instant. */
  at: number;
  /** Rows with an invalid or over-precise amount. */
  amount: number;
  /** Rows with a missing or invalid event name: present only for a table with names. */
  event?: number;
}

/**
 * The rows left out with `onInvalid: "skip"`: how many, by field, and the first few.
 *
 * @category Events
 */
export interface SkippedRows {
  /** Rows skipped in all. */
  total: number;
  /** Rows skipped, by the first bad field of each. */
  byField: SkippedCounts;
  /** The first (up to 5) skipped rows. */
  examples: SkippedRow[];
}
