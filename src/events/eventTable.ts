/**
 * `eventTable`: rows, iterables, async iterables or columns -> {@link EventTable}.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { toEpochMs } from "../periods/index.ts";
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";
import { isArrayLike, requireOptions } from "../validate.ts";
import { type ArrowTableLike, arrowEventTable, isArrowTable } from "./arrow.ts";
import type { SinkSettings } from "./columnSink.ts";
import { type DuckDBResultLike, type DuckDBResultReaderLike, duckdbEventTable, isDuckDBResult } from "./duckdb.ts";
import { checkEpochUnit, epochRangeError, instantToMs, int64Words, int64WordsToMs } from "./epoch.ts";
import { RowCollector } from "./rowCollector.ts";
import { checkId, isIntegerArray, keptRows, minorUnits, quickMinorUnits, resolveRowSettings, SkipLog } from "./rowReading.ts";
import { orderEvents, timeSpan, type TimeSpan } from "./sort.ts";
import { eventNameError, isEventName, NameCoder } from "./eventNames.ts";
import { EventTable } from "./table.ts";
import type { ColumnarSourceOptions, CustomerId, EventColumns, EventRow, EventTableOptions, SkippedRow, SkippedRows } from "./types.ts";

/**
 * Normalises events once so that many analyses can share the work: customer ids
 * are dictionary-encoded (in order of each customer's first event), instants are
 * parsed to epoch milliseconds and sorted, amounts become integer minor units.
 *
 * Accepts an array or iterable of rows (field names set by `fields`, as property
 * names or accessor functions), an async iterable of rows (then returns a
 * Promise), columns `{ customerId, at, amount? }` of plain or typed arrays, an
 * Apache Arrow `Table` or `RecordBatch` (read in place: single-batch Int32 and
 * Float64 columns without copying; Timestamp columns in any unit, Date32/Date64,
 * Dictionary, Utf8, Int64 and Decimal columns; several batches), a DuckDB result
 * from `@duckdb/node-api` (`DuckDBResult`, `DuckDBMaterializedResult` or
 * `DuckDBResultReader`, read chunk by chunk; then returns a Promise), or an
 * existing `EventTable` (returned as is). For Arrow and DuckDB, `fields` names
 * the columns (default `customerId`, `at`, and `amount` when there is one) and a
 * null amount is no amount.
 *
 * Customer ids are strings, numbers or bigints (int64 columns give bigints):
 * `1n`, `1` and `"1"` are three customers. Numbers and bigints given as instants
 * are epoch numbers in `epochUnit` (default ms); sub-millisecond parts are kept
 * as fractions of a millisecond. When rows lack the id or instant field
 * entirely, the error lists the keys the row has and suggests the `fields`
 * mapping.
 *
 * Events may have names (`"signup"`, `"purchase"`: what `startEvent` and
 * `returnEvent` select): the row key or column `event`, or the one `fields.event`
 * names, a Utf8 or dictionary Arrow column, a VARCHAR or ENUM DuckDB column. They
 * are dictionary-encoded (`eventNames`, in code-unit order, and a code per
 * event). A table has names when `fields.event` is given or any row has a name;
 * then every row needs one.
 *
 * A row is bad when its customer id is missing (null, undefined, empty string,
 * non-finite number), its instant cannot be parsed, its amount is not a
 * finite number or decimal string with at most `currencyScale` decimals, or, in
 * a table with names, its name is missing or not a non-empty string (a "no
 * name" would fall out of every selection by name, silently). A
 * missing amount (null or undefined) is not bad: it reads as 0. With
 * `onInvalid: "throw"` (default) the first bad row throws; with `"skip"` bad
 * rows are left out and counted in `table.skipped`.
 *
 * @param input - rows, columns, an iterable or async iterable of rows, an Arrow table or record
 *   batch, a DuckDB result or result reader, or an EventTable
 * @param options - `fields`, `onInvalid` (default `"throw"`), `currencyScale` (default 2),
 *   `timeZone` for instants written without an offset (default `"UTC"`), `epochUnit` of epoch
 *   numbers (default `"ms"`)
 * @returns the table (a Promise of it for an async iterable or a DuckDB result)
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
 * const named = eventTable([
 *   { customerId: "a", at: "2024-03-02T09:00:00Z", event: "purchase" },
 *   { customerId: "a", at: "2024-03-01T09:00:00Z", event: "signup" },
 * ]);
 * console.log(named.eventNames, named.row(0).event); // ["purchase","signup"] "signup"
 * ```
 * @category Events
 */
export function eventTable(input: ArrowTableLike, options?: ColumnarSourceOptions): EventTable;
export function eventTable<Row = EventRow>(input: EventTable | EventColumns | Iterable<Row>, options?: EventTableOptions<Row>): EventTable;
export function eventTable(input: DuckDBResultLike | DuckDBResultReaderLike, options?: ColumnarSourceOptions): Promise<EventTable>;
export function eventTable<Row = EventRow>(input: AsyncIterable<Row>, options?: EventTableOptions<Row>): Promise<EventTable>;
export function eventTable<Row = EventRow>(
  input: EventTable | EventColumns | Iterable<Row> | AsyncIterable<Row> | ArrowTableLike | DuckDBResultLike | DuckDBResultReaderLike,
  options: EventTableOptions<Row> | ColumnarSourceOptions = {},
): EventTable | Promise<EventTable> {
  requireOptions(options, "options", '{ fields: { customerId: "user_id" }, onInvalid: "skip" }');
  requireOptions(options.fields, "fields", '{ customerId: "user_id", at: "created_at", amount: "total" }');
  if (input instanceof EventTable) return input;
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError({ field: "events", value: input, expected: "an array or iterable of rows, columns, or an EventTable" });
  }
  const settings: SinkSettings = { ...resolveRowSettings(options), epochUnit: checkEpochUnit(options.epochUnit) };
  // Before the iterables: a DuckDB result is an async iterable of chunks, an Arrow table an iterable of row proxies.
  if (isDuckDBResult(input)) return duckdbEventTable(input, settings, options.fields as Record<string, unknown> | undefined);
  if (isArrowTable(input)) return arrowEventTable(input, settings, options.fields as Record<string, unknown> | undefined, (columns) => fromColumns(columns, settings));
  const fields = (options as EventTableOptions<Row>).fields ?? {};
  if (Symbol.asyncIterator in input) {
    return (async () => {
      const collector = new RowCollector<Row>(settings, fields);
      for await (const row of input as AsyncIterable<Row>) collector.add(row);
      return collector.finish();
    })();
  }
  if (Array.isArray(input)) {
    const collector = new RowCollector<Row>(settings, fields, input.length);
    collector.addAll(input as Row[]);
    return collector.finish();
  }
  if (Symbol.iterator in input) {
    const collector = new RowCollector<Row>(settings, fields);
    for (const row of input as Iterable<Row>) collector.add(row);
    return collector.finish();
  }
  if (isColumns(input)) return fromColumns(input, settings);
  throw new InvalidInputError({ field: "events", value: input, expected: "an array or iterable of rows, columns { customerId, at, amount? }, or an EventTable" });
}

function isColumns(x: object): x is EventColumns {
  const c = x as Partial<EventColumns>;
  return isArrayLike(c.customerId) && isArrayLike(c.at);
}

type EventField = SkippedRow["field"];
const EVENT_FIELDS: readonly EventField[] = ["customerId", "at", "amount"];
const NAMED_FIELDS: readonly EventField[] = [...EVENT_FIELDS, "event"];

/** Columns: checked in one pass in input order (so errors name the first bad row), then assembled. */
function fromColumns(columns: EventColumns, s: SinkSettings): EventTable {
  const n = columns.customerId.length;
  const amounts = columns.amount;
  if (amounts !== undefined && !isArrayLike(amounts)) {
    throw new InvalidInputError({ field: "columns.amount", value: amounts, expected: "an array (or typed array) of amounts, one per event, or no amount column" });
  }
  for (const [name, col] of [["at", columns.at], ["amount", amounts]] as const) {
    if (col !== undefined && col.length !== n) {
      throw new InvalidInputError({ field: `columns.${name}`, value: `${col.length} values`, expected: `as many values as columns.customerId (${n})` });
    }
  }
  const names = columns.event === undefined ? null : encodeNames(columns.event, n);
  const ids = columns.customerId;
  const at = columns.at;
  // A Float64Array of epoch ms is read as it is; anything else is parsed into one.
  const direct = at instanceof Float64Array && s.epochUnit === "ms";
  const time = direct ? at : new Float64Array(n);
  // Typed instants are read once here, and what that tells is handed on to the sort.
  const span = direct ? timeSpan(at) : undefined;
  // 64-bit integer instants are read from their 32-bit words, without a BigInt per value.
  const unsigned = at instanceof BigUint64Array;
  const words = at instanceof BigInt64Array || unsigned ? int64Words(at) : null;
  const suspect = span?.valid === true ? Math.min(firstSuspectRow(ids, amounts, s), names?.firstBad ?? n) : 0;
  // Amounts that all pass the quick test are converted while sorting; others are converted here.
  const quickAmounts = amounts instanceof Float64Array && suspect === n ? amounts : null;
  const units = amounts === undefined || quickAmounts !== null ? null : new Float64Array(n);
  for (let i = 0; i < suspect && units !== null; i++) units[i] = quickMinorUnits(amounts![i] as number, s.factor);
  const skipped = new SkipLog(names === null ? EVENT_FIELDS : NAMED_FIELDS);
  let keep: Uint8Array | null = null;
  for (let i = suspect; i < n; i++) {
    let field: EventField = "customerId";
    try {
      checkId(ids[i], i);
      field = "at";
      if (time === at) {
        const t = time[i]!;
        if (!(t >= -MAX_EPOCH_MS && t <= MAX_EPOCH_MS)) toEpochMs(t, { field: "at", row: i });
      } else if (words !== null) {
        const t = int64WordsToMs(words[2 * i]! >>> 0, unsigned ? words[2 * i + 1]! >>> 0 : words[2 * i + 1]!, s.epochUnit);
        if (!(t >= -MAX_EPOCH_MS && t <= MAX_EPOCH_MS)) throw epochRangeError(at[i], s.epochUnit, i);
        time[i] = t;
      } else {
        time[i] = instantToMs(at[i], s.epochUnit, s.timeZone, i);
      }
      field = "amount";
      const a = amounts?.[i];
      const u = a === null || a === undefined ? 0 : minorUnits(a, s, i);
      if (units !== null) units[i] = u;
      field = "event";
      if (names !== null && names.codes[i]! < 0) throw eventNameError(columns.event![i], i);
    } catch (e) {
      skipped.record(e, field, i, s.onInvalid);
      keep ??= new Uint8Array(n).fill(1);
      keep[i] = 0;
    }
  }
  if (keep === null) {
    const valid = quickAmounts === null ? { amounts: units, factor: 1 } : { amounts: quickAmounts, factor: s.factor };
    return assemble({ ids, time, ownsTime: time !== at, span, ...valid, names }, s, skipped.report);
  }
  const rows = keptRows(keep);
  return assemble(
    {
      ids: rows.map((i) => ids[i]!),
      time: Float64Array.from(rows, (i) => time[i]!),
      ownsTime: true,
      amounts: units === null ? null : Float64Array.from(rows, (i) => units[i]!),
      factor: 1,
      names: names === null ? null : { ...names, codes: Int32Array.from(rows, (i) => names.codes[i]!) },
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
  /** Event name codes per row (every one valid by now) and the names, or null without names. */
  names: EncodedNames | null;
}

/** An event name column, coded: -1 for a bad name. */
interface EncodedNames {
  codes: Int32Array;
  names: readonly string[];
  /** The first row with a bad name (the length when none). */
  firstBad: number;
}

/** Codes the names of a column of event names (one pass, one string per distinct name). */
function encodeNames(column: unknown, n: number): EncodedNames {
  if (!isArrayLike(column) || typeof column === "string") {
    throw new InvalidInputError({ field: "columns.event", value: column, expected: "an array of event names, one per event, or no event column" });
  }
  if (column.length !== n) throw new InvalidInputError({ field: "columns.event", value: `${column.length} values`, expected: `as many values as columns.customerId (${n})` });
  const coder = new NameCoder();
  const codes = new Int32Array(n);
  let firstBad = n;
  for (let i = 0; i < n; i++) {
    const name = column[i];
    if (isEventName(name)) codes[i] = coder.code(name);
    else {
      codes[i] = -1;
      if (firstBad === n) firstBad = i;
    }
  }
  return { codes, names: coder.names, firstBad };
}

/**
 * How far typed columns (the usual form of big inputs) whose instants are
 * all valid are certainly valid: the first row that needs the general check,
 * found by a tight loop that tests only what can go wrong in such arrays.
 * 0 for other columns.
 */
function firstSuspectRow(ids: ArrayLike<unknown>, amounts: ArrayLike<unknown> | undefined, s: SinkSettings): number {
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
function assemble({ ids, time, ownsTime, span, amounts, factor, names }: ValidRows, s: SinkSettings, skipped: SkippedRows): EventTable {
  const event = names?.codes ?? null;
  const ordered = orderEvents(ids, time, amounts, factor, span === undefined ? { ownsTime, event } : { ownsTime, span, event });
  return new EventTable({ ...ordered, currencyScale: s.scale, eventNames: names?.names ?? [] }, skipped);
}
