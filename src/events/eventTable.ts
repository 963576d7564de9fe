/**
 * `eventTable`: rows, iterables, async iterables or columns -> {@link EventTable}.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toEpochMs } from "../periods/index.ts";
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";
import { checkId, fieldAccessor, GrowableFloat64, isIntegerArray, keptRows, minorUnits, quickMinorUnits, resolveRowSettings, type RowSettings, SkipLog } from "./rowReading.ts";
import { orderEvents, timeSpan, type TimeSpan } from "./sort.ts";
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
    return assemble({ ids: this.ids, time: this.time.result(), ownsTime: false, amounts: this.anyAmount ? this.amount.result() : null, factor: 1 }, this.s, this.skipped.report);
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
  // Typed instants are read once here, and what that tells is handed on to the sort.
  const span = at instanceof Float64Array ? timeSpan(at) : undefined;
  const suspect = span?.valid === true ? firstSuspectRow(ids, amounts, s) : 0;
  // Amounts that all pass the quick test are converted while sorting; others are converted here.
  const quickAmounts = amounts instanceof Float64Array && suspect === n ? amounts : null;
  const units = amounts === undefined || quickAmounts !== null ? null : new Float64Array(n);
  for (let i = 0; i < suspect && units !== null; i++) units[i] = quickMinorUnits(amounts![i] as number, s.factor);
  const skipped = new SkipLog(EVENT_FIELDS);
  let keep: Uint8Array | null = null;
  for (let i = suspect; i < n; i++) {
    let field: EventField = "customerId";
    try {
      checkId(ids[i], i);
      field = "at";
      if (time === at) {
        const t = time[i]!;
        if (!(t >= -MAX_EPOCH_MS && t <= MAX_EPOCH_MS)) toEpochMs(t, { field: "at", row: i });
      } else {
        time[i] = toEpochMs(at[i], { field: "at", row: i, timeZone: s.timeZone });
      }
      field = "amount";
      const a = amounts?.[i];
      const u = a === null || a === undefined ? 0 : minorUnits(a, s, i);
      if (units !== null) units[i] = u;
    } catch (e) {
      skipped.record(e, field, i, s.onInvalid);
      keep ??= new Uint8Array(n).fill(1);
      keep[i] = 0;
    }
  }
  if (keep === null) {
    const valid = quickAmounts === null ? { amounts: units, factor: 1 } : { amounts: quickAmounts, factor: s.factor };
    return assemble({ ids, time, ownsTime: time !== at, span, ...valid }, s, skipped.report);
  }
  const rows = keptRows(keep);
  return assemble(
    {
      ids: rows.map((i) => ids[i]!),
      time: Float64Array.from(rows, (i) => time[i]!),
      ownsTime: true,
      amounts: units === null ? null : Float64Array.from(rows, (i) => units[i]!),
      factor: 1,
    },
    s,
    skipped.report,
  );
}

interface ValidRows {
  ids: ArrayLike<CustomerId>;
  /** Epoch ms per row. */
  time: Float64Array;
  /** Whether `time` is the builder's own array (else the caller's, which must not be kept). */
  ownsTime: boolean;
  /** `timeSpan(time)`, if read already. */
  span?: TimeSpan | undefined;
  /** Amounts that pass the quick conversion to minor units with `factor` (1: minor units already), or null. */
  amounts: Float64Array | null;
  factor: number;
}

/**
 * How far typed columns (the usual form of big inputs) whose instants are
 * all valid are certainly valid: the first row that needs the general check,
 * found by a tight loop that tests only what can go wrong in such arrays.
 * 0 for other columns.
 */
function firstSuspectRow(ids: ArrayLike<unknown>, amounts: ArrayLike<unknown> | undefined, s: RowSettings): number {
  const integerIds = isIntegerArray(ids);
  if (!(integerIds || ids instanceof Float64Array) || !(amounts === undefined || amounts instanceof Float64Array)) return 0;
  const n = ids.length;
  const factor = s.factor;
  for (let i = 0; i < n; i++) {
    if (!integerIds && !Number.isFinite(ids[i])) return i;
    if (amounts !== undefined && Number.isNaN(quickMinorUnits(amounts[i]!, factor))) return i;
  }
  return n;
}

/**
 * Sorts valid rows by time and writes the table's own arrays: customer codes
 * numbered in order of first event, instants, minor units.
 */
function assemble({ ids, time, ownsTime, span, amounts, factor }: ValidRows, s: RowSettings, skipped: SkippedRows): EventTable {
  const { customer, time: sortedTime, amount, ids: codeIds } = orderEvents(ids, time, amounts, factor, span === undefined ? { ownsTime } : { ownsTime, span });
  return new EventTable({ customer, time: sortedTime, amount, ids: codeIds, currencyScale: s.scale }, skipped);
}
