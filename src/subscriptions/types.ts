/**
 * Input shapes accepted by {@link subscriptionTable} and by every subscription
 * analysis: priced intervals or MRR change events, as rows or columns.
 *
 * @module
 */
import type { CustomerId, FieldAccessor, OnInvalid } from "../events/types.ts";
import type { Decimal, MoneyInput } from "../money.ts";
import type { Instant } from "../periods/index.ts";
import type { SubscriptionTable } from "./table.ts";

/**
 * One priced interval of a subscription: the customer pays `mrr` a month from
 * `start` (inclusive) until `end` (exclusive: the first instant without it),
 * or for good when `end` is missing.
 * @category Subscriptions
 */
export interface SubscriptionIntervalRow {
  /** The customer's id. */
  customerId: CustomerId;
  /** First instant of the interval. */
  start: Instant;
  /** First instant after the interval; `null` or missing while it runs. */
  end?: Instant | null | undefined;
  /**
   * When the cancellation was made, if it was (not before `start`, not after `end`); `null` or
   * missing otherwise. Read by `churnRecognition: "cancelDate"`, which books the churn then.
   */
  canceledAt?: Instant | null | undefined;
  /** Monthly recurring revenue during the interval, at least 0. */
  mrr: MoneyInput;
}

/**
 * One change of a customer's MRR: from `at` on, the customer pays `mrr` a month (0 ends the subscription).
 *
 * @category Subscriptions
 */
export interface MrrChangeRow {
  /** The customer's id. */
  customerId: CustomerId;
  /** When the new MRR takes effect. */
  at: Instant;
  /** The customer's MRR from `at` on, at least 0. */
  mrr: MoneyInput;
}

/**
 * A subscription row of either shape.
 *
 * @category Subscriptions
 */
export type SubscriptionRow = SubscriptionIntervalRow | MrrChangeRow;

/**
 * Which shape the subscription rows have: priced intervals, or MRR change events.
 *
 * @category Subscriptions
 */
export type SubscriptionShape = "intervals" | "changes";

/**
 * Priced intervals as columns of equal length.
 *
 * @category Subscriptions
 */
export interface SubscriptionIntervalColumns {
  /** Customer ids, one per interval. */
  customerId: ArrayLike<CustomerId>;
  /** Starts (a `Float64Array` of epoch ms is the fastest). */
  start: Float64Array | ArrayLike<Instant>;
  /** Ends; `null`/`undefined` (or NaN in a `Float64Array`) while the interval runs. */
  end?: Float64Array | ArrayLike<Instant | null | undefined> | undefined;
  /** When each interval's cancellation was made; `null`/`undefined` (or NaN) when it was not. */
  canceledAt?: Float64Array | ArrayLike<Instant | null | undefined> | undefined;
  /** MRR of each interval, in currency units (not minor units). */
  mrr: ArrayLike<MoneyInput>;
}

/**
 * MRR change events as columns of equal length.
 *
 * @category Subscriptions
 */
export interface MrrChangeColumns {
  /** Customer ids, one per change. */
  customerId: ArrayLike<CustomerId>;
  /** Instants of the changes (a `Float64Array` of epoch ms is the fastest). */
  at: Float64Array | ArrayLike<Instant>;
  /** The new MRR of each change, in currency units. */
  mrr: ArrayLike<MoneyInput>;
}

/**
 * Subscription columns of either shape.
 *
 * @category Subscriptions
 */
export type SubscriptionColumns = SubscriptionIntervalColumns | MrrChangeColumns;

/**
 * Where each field lives in a subscription row: a property name or an accessor function.
 *
 * @category Subscriptions
 */
export interface SubscriptionFields<Row> {
  /** Property name or accessor of the customer id; default `"customerId"`. */
  customerId?: string | FieldAccessor<Row>;
  /** Intervals: property name or accessor of the start; default `"start"`. */
  start?: string | FieldAccessor<Row>;
  /** Intervals: property name or accessor of the end; default `"end"`. */
  end?: string | FieldAccessor<Row>;
  /** Intervals: property name or accessor of the cancellation instant; default `"canceledAt"`. */
  canceledAt?: string | FieldAccessor<Row>;
  /** Changes: property name or accessor of the instant; default `"at"`. */
  at?: string | FieldAccessor<Row>;
  /** Property name or accessor of the MRR; default `"mrr"`. */
  mrr?: string | FieldAccessor<Row>;
}

/**
 * Options of {@link subscriptionTable}.
 *
 * @category Subscriptions
 */
export interface SubscriptionTableOptions<Row = SubscriptionRow> {
  /**
   * `"intervals"` or `"changes"`. Default: read from `fields` (`start`/`end` or `at`), from the
   * columns present, or from the first row that has a `start` or an `at` property.
   */
  shape?: SubscriptionShape;
  /** Field names or accessors, for rows that do not use the default names. */
  fields?: SubscriptionFields<Row>;
  /** `"throw"` (default): a bad row throws an InvalidInputError; `"skip"`: it is left out and counted in `skipped`. */
  onInvalid?: OnInvalid;
  /** Decimals of the currency's minor unit (default 2); an MRR with more decimals is a bad row. */
  currencyScale?: number;
  /** Zone of instants written without an offset, such as `"2024-03-15"` (default `"UTC"`). */
  timeZone?: string;
}

/**
 * The fields of a subscription row that can be wrong.
 *
 * @category Subscriptions
 */
export type SubscriptionField = "customerId" | "start" | "end" | "canceledAt" | "at" | "mrr";

/**
 * One skipped row, as an example in {@link SkippedSubscriptionRows}.
 *
 * @category Subscriptions
 */
export interface SkippedSubscriptionRow {
  /** The row's index in the input. */
  row: number;
  /** The first field that was wrong. */
  field: SubscriptionField;
  /** The value found. */
  value: unknown;
  /** Why it was refused. */
  message: string;
}

/**
 * The rows left out with `onInvalid: "skip"`: how many, by field, and the first few.
 *
 * @category Subscriptions
 */
export interface SkippedSubscriptionRows {
  /** Rows skipped in all. */
  total: number;
  /** Rows skipped, by the first bad field of each. */
  byField: Record<SubscriptionField, number>;
  /** The first (up to 5) skipped rows. */
  examples: SkippedSubscriptionRow[];
}

/**
 * Subscriptions in any accepted synchronous form.
 *
 * @category Subscriptions
 */
export type SubscriptionsArgument<Row = SubscriptionRow> = SubscriptionTable | SubscriptionColumns | Iterable<Row>;

/**
 * One change of a customer's MRR, as read back from a {@link SubscriptionTable}.
 *
 * @category Subscriptions
 */
export interface SubscriptionChange {
  /** The customer's id as given. */
  customerId: CustomerId;
  /** When the change takes effect. */
  at: Date;
  /** The customer's total MRR from `at` on (0: no longer subscribed). */
  mrr: Decimal;
}
