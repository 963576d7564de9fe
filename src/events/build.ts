/**
 * `eventTable`: rows, iterables, async iterables or columns -> {@link EventTable}.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toEpochMs } from "../periods/index.ts";
import { checkId, fieldAccessor, GrowableFloat64, IdEncoder, keptRows, minorUnits, resolveRowSettings, type RowSettings, SkipLog } from "./rows.ts";
import { argsortTimes } from "./sort.ts";
import { EventTable } from "./table.ts";
import type { CustomerId, EventColumns, EventRow, EventTableOptions, FieldAccessor, SkippedRow, SkippedRows } from "./types.ts";

/**
 * Normalises events once so that many analyses can share the work: customer ids
 * are dictionary-encoded (in order of each customer's first event), instants are
 * parsed to epoch milliseconds and sorted, amounts become integer minor units.
 *
 * Accepts an array or iterable of rows (field names set by `fields`, as property
 * names or accessor functions), an async iterable of rows (then returns a
 * Promise), columns `{ customerId, at, amount? }` of plain or typed arrays, or an
 * existing `EventTable` (returned as is).
 *
 * A row is bad when its customer id is missing (null, undefined, empty string,
 * non-finite number), its instant cannot be parsed, or its amount is not a
 * finite number or decimal string with at most `currencyScale` decimals. A
 * missing amount (null or undefined) is not bad: it reads as 0. With
 * `onInvalid: "throw"` (default) the first bad row throws; with `"skip"` bad
 * rows are left out and counted in `table.skipped`.
 *
 * @param input - rows, columns, an iterable or async iterable of rows, or an EventTable
 * @param options - `fields`, `onInvalid` (default `"throw"`), `currencyScale` (default 2),
 *   `timeZone` for instants written without an offset (default `"UTC"`)
 * @returns the table (a Promise of it for an async iterable)
 * @throws {@link InvalidInputError} naming the row index, the field and the value of the first
 *   bad row (with `onInvalid: "throw"`), or a bad option, or columns of unequal lengths
 * @example
 * ```ts
 * import { eventTable } from "retention-metrics";
 * const table = eventTable(
 *   [{ user: 42, ts: "2024-03-01T12:00:00Z", total: "19.99" }, { user: 7, ts: "bad", total: 1 }],
 *   { fields: { customerId: "user", at: "ts", amount: "total" }, onInvalid: "skip" },
 * );
 * console.log(table.length, table.skipped.total); // 1 1
 * ```
 */
export function eventTable<Row = EventRow>(input: AsyncIterable<Row>, options?: EventTableOptions<Row>): Promise<EventTable>;
export function eventTable<Row = EventRow>(input: EventTable | EventColumns | Iterable<Row>, options?: EventTableOptions<Row>): EventTable;
export function eventTable<Row = EventRow>(
  input: EventTable | EventColumns | Iterable<Row> | AsyncIterable<Row>,
  options: EventTableOptions<Row> = {},
): EventTable | Promise<EventTable> {
  if (input instanceof EventTable) return input;
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError({ field: "events", value: input, expected: "an array or iterable of rows, columns, or an EventTable" });
  }
  const settings = resolveRowSettings(options);
  if (Symbol.asyncIterator in input) {
    return (async () => {
      const collector = new RowCollector(settings, options.fields ?? {});
      for await (const row of input) collector.add(row);
      return collector.finish();
    })();
  }
  if (Symbol.iterator in input) {
    const collector = new RowCollector(settings, options.fields ?? {});
    for (const row of input) collector.add(row);
    return collector.finish();
  }
  if (isColumns(input)) return fromColumns(input, settings);
  throw new InvalidInputError({ field: "events", value: input, expected: "an array or iterable of rows, columns { customerId, at, amount? }, or an EventTable" });
}

function isColumns(x: object): x is EventColumns {
  const c = x as Partial<EventColumns>;
  return isArrayLike(c.customerId) && isArrayLike(c.at);
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return x !== null && typeof x === "object" && typeof (x as ArrayLike<unknown>).length === "number";
}

type EventField = SkippedRow["field"];
const EVENT_FIELDS: readonly EventField[] = ["customerId", "at", "amount"];

/** Reads, checks and collects rows one at a time (arrays, iterables, async iterables). */
class RowCollector<Row> {
  private readonly getId: FieldAccessor<Row>;
  private readonly getAt: FieldAccessor<Row>;
  private readonly getAmount: FieldAccessor<Row>;
  private readonly ids: CustomerId[] = [];
  private readonly time = new GrowableFloat64();
  private readonly amount = new GrowableFloat64();
  private readonly skipped = new SkipLog(EVENT_FIELDS);
  private anyAmount = false;
  private row = 0;

  constructor(
    private readonly s: RowSettings,
    fields: NonNullable<EventTableOptions<Row>["fields"]>,
  ) {
    this.getId = fieldAccessor(fields.customerId, "customerId", "customerId");
    this.getAt = fieldAccessor(fields.at, "at", "at");
    this.getAmount = fieldAccessor(fields.amount, "amount", "amount");
  }

  add(r: Row): void {
    const row = this.row++;
    let field: EventField = "customerId";
    try {
      const id = checkId(this.getId(r, row), row);
      field = "at";
      const t = toEpochMs(this.getAt(r, row), { field: "at", row, timeZone: this.s.timeZone });
      field = "amount";
      const amount = this.getAmount(r, row);
      const given = amount !== null && amount !== undefined;
      const u = given ? minorUnits(amount, this.s, row) : 0;
      this.anyAmount ||= given;
      this.ids.push(id);
      this.time.push(t);
      this.amount.push(u);
    } catch (e) {
      this.skipped.record(e, field, row, this.s.onInvalid);
    }
  }

  finish(): EventTable {
    return assemble(this.ids, this.time.result(), this.anyAmount ? this.amount.result() : null, true, this.s, this.skipped.report);
  }
}

/** Columns: checked in one pass in input order (so errors name the first bad row), then assembled. */
function fromColumns(columns: EventColumns, s: RowSettings): EventTable {
  const n = columns.customerId.length;
  const amounts = columns.amount;
  for (const [name, col] of [["at", columns.at], ["amount", amounts]] as const) {
    if (col !== undefined && col.length !== n) {
      throw new InvalidInputError({ field: `columns.${name}`, value: `${col.length} values`, expected: `as many values as columns.customerId (${n})` });
    }
  }
  const ids = columns.customerId;
  const at = columns.at;
  // A Float64Array of epoch ms is read as it is; anything else is parsed into one.
  const time = at instanceof Float64Array ? at : new Float64Array(n);
  const skipped = new SkipLog(EVENT_FIELDS);
  let keep: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    let field: EventField = "customerId";
    try {
      checkId(ids[i], i);
      field = "at";
      if (time === at) {
        if (!Number.isFinite(time[i])) toEpochMs(time[i], { field: "at", row: i });
      } else {
        time[i] = toEpochMs(at[i], { field: "at", row: i, timeZone: s.timeZone });
      }
      field = "amount";
      const a = amounts?.[i];
      if (a !== null && a !== undefined) minorUnits(a, s, i);
    } catch (e) {
      skipped.record(e, field, i, s.onInvalid);
      keep ??= new Uint8Array(n).fill(1);
      keep[i] = 0;
    }
  }
  if (keep === null) return assemble(ids, time, amounts ?? null, false, s, skipped.report);
  const rows = keptRows(keep);
  return assemble(
    rows.map((i) => ids[i]!),
    Float64Array.from(rows, (i) => time[i]!),
    amounts === undefined ? null : rows.map((i) => amounts[i]),
    false,
    s,
    skipped.report,
  );
}

/**
 * Sorts valid columns by time and writes the table's own arrays: customer
 * codes numbered in order of first event, instants, minor units. `amounts` are
 * minor units already (`inUnits`) or amounts still to convert; null or
 * undefined amounts read as 0.
 */
function assemble(
  ids: ArrayLike<CustomerId>,
  time: Float64Array,
  amounts: ArrayLike<unknown> | null,
  inUnits: boolean,
  s: RowSettings,
  skipped: SkippedRows,
): EventTable {
  const n = time.length;
  const sort = argsortTimes(time);
  const order = sort?.order ?? null;
  const sortedTime = sort?.sorted ?? time.slice();
  const encoder = new IdEncoder(ids);
  const customer = new Int32Array(n);
  const minor = amounts === null ? null : new Float64Array(n);
  // One loop for both gathers: their random reads overlap in memory.
  for (let i = 0; i < n; i++) {
    const src = order === null ? i : order[i]!;
    customer[i] = encoder.code(ids[src]!);
    if (minor !== null) {
      const a = amounts![src];
      minor[i] = inUnits ? (a as number) : a === null || a === undefined ? 0 : minorUnits(a, s, src);
    }
  }
  return new EventTable({ customer, time: sortedTime, amount: minor, ids: Object.freeze(encoder.ids), currencyScale: s.scale }, skipped);
}
