/**
 * `subscriptionTable`: subscription rows, iterables, async iterables or columns
 * -> {@link SubscriptionTable}.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CustomerId } from "../events/types.ts";
import { isArrayLike, requireOneOf, requireOptions } from "../validate.ts";
import { type RawSubscriptions, readSubscriptionColumns, resolveRowSettings, type RowSettings, SubscriptionRowReader } from "./rows.ts";
import { buildSubscriptionTable } from "./steps.ts";
import { SubscriptionTable } from "./table.ts";
import type {
  MrrChangeColumns,
  SubscriptionColumns,
  SubscriptionFields,
  SubscriptionIntervalColumns,
  SubscriptionRow,
  SubscriptionShape,
  SubscriptionTableOptions,
} from "./types.ts";

/**
 * Normalises subscriptions once so that many analyses can share the work:
 * each customer's MRR becomes a step function of time, kept as its changes.
 *
 * Two shapes are accepted. Priced intervals `{ customerId, start, end?, mrr }`:
 * the customer pays `mrr` a month from `start` until `end` (exclusive; missing
 * or null while it runs). A customer's MRR at an instant is the sum of the
 * intervals running then, so overlapping intervals add up (a plan and an
 * add-on) and contiguous ones (one ends when the next starts) are a change of
 * price, not a cancellation and a new sale. Or MRR change events
 * `{ customerId, at, mrr }`: from `at` on the customer's MRR is `mrr` (0 ends
 * the subscription). Intervals may say when their cancellation was made
 * (`canceledAt`, between `start` and `end`): the table keeps that second view
 * of the MRR, ending each canceled interval then, for
 * `churnRecognition: "cancelDate"`. Each customer starts at 0. Both shapes give the same table
 * for the same step functions.
 *
 * Input: an array or iterable of rows (field names set by `fields`, as property
 * names or accessor functions), an async iterable of rows (then a Promise is
 * returned), columns `{ customerId, start, end?, mrr }` or `{ customerId, at,
 * mrr }` of plain or typed arrays, or an existing table (returned as is). The
 * shape is the `shape` option, or else read from `fields`, the columns present,
 * or the first row with a `start` or an `at` property.
 *
 * A row is bad when its customer id is missing (null, undefined, empty string,
 * non-finite number), an instant cannot be parsed, an interval ends before it
 * starts or was canceled before its start or after its end, or its MRR is missing, negative, not a finite amount or has more than
 * `currencyScale` decimals. With `onInvalid: "throw"` (default) the first bad
 * row throws; with `"skip"` bad rows are left out and counted in
 * `table.skipped`.
 *
 * @param input - rows, columns, an iterable or async iterable of rows, or a SubscriptionTable
 * @param options - `shape`, `fields`, `onInvalid` (default `"throw"`), `currencyScale` (default 2),
 *   `timeZone` for instants written without an offset (default `"UTC"`)
 * @returns the table (a Promise of it for an async iterable)
 * @throws {@link InvalidInputError} naming the row index, the field and the value of the first bad
 *   row (with `onInvalid: "throw"`), a bad option, columns of unequal lengths, or a shape that
 *   cannot be told
 * @throws {@link InconsistentDataError} when two change events of one customer at the same instant
 *   give different MRRs
 * @see [Monthly recurring revenue](../../docs/definitions.md#monthly-recurring-revenue) (each customer's MRR is a step function;
 *   contiguous intervals are a change of price).
 * @example
 * ```ts
 * import { subscriptionTable } from "retention-metrics";
 * const table = subscriptionTable(
 *   [
 *     { account: "acme", from: "2024-01-01", to: null, plan: "49.00" },
 *     { account: "acme", from: "2024-02-01", to: "2024-05-01", plan: "10.00" }, // an add-on
 *     { account: "initech", from: "2024-03-01", to: "2024-02-01", plan: 99 },  // ends before it starts
 *   ],
 *   { fields: { customerId: "account", start: "from", end: "to", mrr: "plan" }, onInvalid: "skip" },
 * );
 * console.log(table.length, table.skipped.total, table.skipped.byField.end); // 3 1 1
 * ```
 * @category Subscriptions
 */
export function subscriptionTable<Row = SubscriptionRow>(input: AsyncIterable<Row>, options?: SubscriptionTableOptions<Row>): Promise<SubscriptionTable>;
export function subscriptionTable<Row = SubscriptionRow>(
  input: SubscriptionTable | SubscriptionColumns | Iterable<Row>,
  options?: SubscriptionTableOptions<Row>,
): SubscriptionTable;
export function subscriptionTable<Row = SubscriptionRow>(
  input: SubscriptionTable | SubscriptionColumns | Iterable<Row> | AsyncIterable<Row>,
  options: SubscriptionTableOptions<Row> = {},
): SubscriptionTable | Promise<SubscriptionTable> {
  requireOptions(options, "options", '{ fields: { customerId: "account" }, onInvalid: "skip" }');
  requireOptions(options.fields, "fields", '{ customerId: "account", start: "from", end: "to", mrr: "plan" }');
  if (input instanceof SubscriptionTable) return input;
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError({ field: "subscriptions", value: input, expected: "an array or iterable of rows, columns, or a SubscriptionTable" });
  }
  const settings = resolveRowSettings(options);
  const fields = options.fields ?? {};
  const declared = declaredShape(options.shape, fields);
  if (Symbol.asyncIterator in input) {
    return (async () => {
      const reader = new SubscriptionRowReader<Row>(settings, fields, declared);
      for await (const row of input) reader.add(row);
      return build(reader.finish(), settings);
    })();
  }
  if (Symbol.iterator in input) {
    const reader = new SubscriptionRowReader<Row>(settings, fields, declared);
    for (const row of input) reader.add(row);
    return build(reader.finish(), settings);
  }
  const columns = input as Partial<SubscriptionIntervalColumns & MrrChangeColumns>;
  if (isArrayLike(columns.customerId) && isArrayLike(columns.mrr)) {
    const shape = declared ?? (isArrayLike(columns.start) ? "intervals" : isArrayLike(columns.at) ? "changes" : undefined);
    const times = shape === "intervals" ? columns.start : shape === "changes" ? columns.at : undefined;
    if (shape !== undefined && isArrayLike(times)) {
      const ends = shape === "intervals" && columns.end !== undefined ? columns.end : null;
      if (ends !== null && !isArrayLike(ends)) {
        throw new InvalidInputError({ field: "columns.end", value: ends, expected: "an array of instants (null while an interval runs)" });
      }
      const cancels = shape === "intervals" && columns.canceledAt !== undefined ? columns.canceledAt : null;
      if (cancels !== null && !isArrayLike(cancels)) {
        throw new InvalidInputError({ field: "columns.canceledAt", value: cancels, expected: "an array of instants (null where an interval was not canceled)" });
      }
      return build(readSubscriptionColumns(columns.customerId as ArrayLike<CustomerId>, times, ends, columns.mrr, shape, settings, cancels), settings);
    }
  }
  throw new InvalidInputError({
    field: "subscriptions",
    value: input,
    expected: "an array or iterable of rows, columns { customerId, start, end?, mrr } or { customerId, at, mrr }, or a SubscriptionTable",
  });
}

function build(raw: RawSubscriptions, settings: RowSettings): SubscriptionTable {
  return buildSubscriptionTable(raw, settings.scale);
}

/** The shape given by the option, or implied by the field names; undefined when neither tells. */
function declaredShape(shape: unknown, fields: SubscriptionFields<never> | SubscriptionFields<unknown>): SubscriptionShape | undefined {
  if (shape !== undefined) return requireOneOf(shape, "shape", ["intervals", "changes"] as const);
  const interval = fields.start !== undefined || fields.end !== undefined || fields.canceledAt !== undefined;
  const change = fields.at !== undefined;
  if (interval && change) {
    throw new InvalidInputError({ field: "fields", value: "start/end/canceledAt and at", expected: 'the fields of one shape, or the shape option ("intervals" or "changes")' });
  }
  return interval ? "intervals" : change ? "changes" : undefined;
}
