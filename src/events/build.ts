/**
 * `eventTable`: rows, iterables, async iterables or columns -> {@link EventTable}.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkCurrencyScale, toMinorUnits } from "../money.ts";
import { checkTimeZone, toEpochMs } from "../periods/index.ts";
import { requireOneOf } from "../validate.ts";
import { argsortFloat64 } from "./sort.ts";
import { EventTable } from "./table.ts";
import type {
  CustomerId,
  EventColumns,
  EventRow,
  EventTableOptions,
  FieldAccessor,
  SkippedRow,
  SkippedRows,
} from "./types.ts";

const MAX_EXAMPLES = 5;

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
  const builder = new TableBuilder<Row>(options);
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError({ field: "events", value: input, expected: "an array or iterable of rows, columns, or an EventTable" });
  }
  if (Symbol.asyncIterator in input) {
    return (async () => {
      for await (const row of input) builder.addRow(row);
      return builder.finish();
    })();
  }
  if (Symbol.iterator in input) {
    for (const row of input) builder.addRow(row);
    return builder.finish();
  }
  if (isColumns(input)) return builder.addColumns(input).finish();
  throw new InvalidInputError({ field: "events", value: input, expected: "an array or iterable of rows, columns { customerId, at, amount? }, or an EventTable" });
}

function isColumns(x: object): x is EventColumns {
  const c = x as Partial<EventColumns>;
  return isArrayLike(c.customerId) && isArrayLike(c.at);
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return x !== null && typeof x === "object" && typeof (x as ArrayLike<unknown>).length === "number";
}

function accessor<Row>(field: string | FieldAccessor<Row> | undefined, fallback: string, name: string): FieldAccessor<Row> {
  const f = field ?? fallback;
  if (typeof f === "function") return f;
  if (typeof f !== "string") throw new InvalidInputError({ field: `fields.${name}`, value: f, expected: "a property name or an accessor function" });
  return (row) => (row === null || typeof row !== "object" ? undefined : (row as Record<string, unknown>)[f]);
}

/** A Float64Array that doubles when full, so rows of unknown count need no JS arrays of boxed numbers. */
class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  result(): Float64Array {
    return this.data.length === this.length ? this.data : this.data.slice(0, this.length);
  }
}

class TableBuilder<Row> {
  private readonly scale: number;
  private readonly onInvalid: "throw" | "skip";
  private readonly timeZone: string;
  private readonly getId: FieldAccessor<Row>;
  private readonly getAt: FieldAccessor<Row>;
  private readonly getAmount: FieldAccessor<Row>;
  private readonly codes = new Map<CustomerId, number>();
  private readonly ids: CustomerId[] = [];
  private readonly customer = new GrowableFloat64();
  private readonly time = new GrowableFloat64();
  private readonly amount = new GrowableFloat64();
  private anyAmount = false;
  private rowIndex = 0;
  private readonly skipped: SkippedRows = { total: 0, byField: { customerId: 0, at: 0, amount: 0 }, examples: [] };

  constructor(options: EventTableOptions<Row>) {
    this.scale = checkCurrencyScale(options.currencyScale);
    this.onInvalid = requireOneOf(options.onInvalid ?? "throw", "onInvalid", ["throw", "skip"] as const);
    this.timeZone = checkTimeZone(options.timeZone ?? "UTC");
    const fields = options.fields ?? {};
    this.getId = accessor(fields.customerId, "customerId", "customerId");
    this.getAt = accessor(fields.at, "at", "at");
    this.getAmount = accessor(fields.amount, "amount", "amount");
  }

  addRow(row: Row): void {
    const index = this.rowIndex++;
    this.add(index, this.getId(row, index), this.getAt(row, index), this.getAmount(row, index));
  }

  addColumns(columns: EventColumns): this {
    const n = columns.customerId.length;
    const amounts = columns.amount;
    for (const [name, col] of [["at", columns.at], ["amount", amounts]] as const) {
      if (col !== undefined && col.length !== n) {
        throw new InvalidInputError({ field: `columns.${name}`, value: `${col.length} values`, expected: `as many values as columns.customerId (${n})` });
      }
    }
    const ids = columns.customerId;
    const at = columns.at;
    if (at instanceof Float64Array && (amounts === undefined || amounts instanceof Float64Array) && this.onInvalid === "throw") {
      return this.addNumericColumns(ids, at, amounts);
    }
    for (let i = 0; i < n; i++) this.add(i, ids[i], at[i], amounts?.[i]);
    this.rowIndex = n;
    return this;
  }

  /** The fast path for typed columns: no per-row closures, no try/catch. */
  private addNumericColumns(ids: ArrayLike<CustomerId>, at: Float64Array, amounts: Float64Array | undefined): this {
    const n = at.length;
    for (let i = 0; i < n; i++) {
      const t = at[i]!;
      if (!Number.isFinite(t)) toEpochMs(t, { field: "at", row: i }); // throws the standard message
      this.time.push(t);
      this.customer.push(this.code(ids[i], i));
      this.amount.push(amounts === undefined ? 0 : toMinorUnits(amounts[i]!, this.scale, "amount", i));
    }
    this.anyAmount = amounts !== undefined;
    this.rowIndex = n;
    return this;
  }

  private add(index: number, id: unknown, at: unknown, amount: unknown): void {
    let field: SkippedRow["field"] = "customerId";
    try {
      const code = this.code(id, index);
      field = "at";
      const t = toEpochMs(at, { field: "at", row: index, timeZone: this.timeZone });
      field = "amount";
      let units = 0;
      if (amount !== null && amount !== undefined) {
        units = toMinorUnits(amount as number, this.scale, "amount", index);
        this.anyAmount = true;
      }
      this.customer.push(code);
      this.time.push(t);
      this.amount.push(units);
    } catch (e) {
      if (this.onInvalid === "throw" || !(e instanceof InvalidInputError)) throw e;
      this.skipped.total++;
      this.skipped.byField[field]++;
      if (this.skipped.examples.length < MAX_EXAMPLES) {
        this.skipped.examples.push({ row: index, field, value: e.value, message: e.message });
      }
    }
  }

  /** The provisional code of an id, assigned in input order (renumbered by first event in `finish`). */
  private code(id: unknown, row: number): number {
    let code = this.codes.get(id as CustomerId);
    if (code === undefined) {
      const valid = (typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id));
      if (!valid) throw new InvalidInputError({ field: "customerId", value: id, row, expected: "a non-empty string or a finite number" });
      code = this.ids.length;
      this.codes.set(id as CustomerId, code);
      this.ids.push(id as CustomerId);
    }
    return code;
  }

  finish(): EventTable {
    const time = this.time.result();
    const provisional = this.customer.result();
    const minor = this.anyAmount ? this.amount.result() : null;
    const order = argsortFloat64(time);
    const n = time.length;
    const sortedTime = order === null ? time : new Float64Array(n);
    const sortedAmount = minor === null ? null : order === null ? minor : new Float64Array(n);
    // Renumber customers by first event so that code order is first-purchase order.
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: CustomerId[] = [];
    const customer = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const src = order === null ? i : order[i]!;
      const old = provisional[src]!;
      let c = renumber[old]!;
      if (c < 0) {
        c = ids.length;
        renumber[old] = c;
        ids.push(this.ids[old]!);
      }
      customer[i] = c;
      if (order !== null) {
        sortedTime[i] = time[src]!;
        if (sortedAmount !== null) sortedAmount[i] = minor![src]!;
      }
    }
    Object.freeze(ids);
    return new EventTable({ customer, time: sortedTime, amount: sortedAmount, ids, currencyScale: this.scale }, this.skipped);
  }
}
