/**
 * Rows (arrays, iterables, async iterables) -> {@link EventTable}, one row at
 * a time, in time and memory proportional to the rows.
 *
 * Why this shape: at ten million rows the row objects fill the heap, and
 * every full garbage collection marks them all, so the cost that grows
 * faster than the rows is not the reading but collections started by what
 * the reading allocates. So a row allocates nothing: field values are read
 * by property name in place (no accessor closure unless the caller gave
 * one), instants and amounts are converted inline, and ids are written to
 * typed arrays (numbers as they are; other ids as codes into a dictionary of
 * the distinct ids), never to a JS array of a slot per row whose growth
 * would fill the old generation and start collection after collection. An
 * array's length is known, so its columns are allocated once, at their size.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";
import type { SinkSettings } from "./columnSink.ts";
import { eventTableFromEncoded } from "./encodedTable.ts";
import { instantToMs } from "./epoch.ts";
import { missingFieldHint } from "./fieldNames.ts";
import { eventNameError, isEventName, NameCoder } from "./eventNames.ts";
import { checkId, fieldAccessor, minorUnits, SkipLog, type SkipReport } from "./rowReading.ts";
import { orderEvents } from "./sort.ts";
import { StringCodes } from "./stringCodes.ts";
import { EventTable } from "./table.ts";
import type { CustomerId, EventFields, FieldAccessor, SkippedRow } from "./types.ts";

type EventField = SkippedRow["field"];
const EVENT_FIELDS: readonly EventField[] = ["customerId", "at", "amount", "event"];

/** A field read by property name (`key`), or by the caller's accessor. */
interface FieldReader<Row> {
  readonly key: string | null;
  readonly get: FieldAccessor<Row> | null;
}

function fieldReader<Row>(field: string | FieldAccessor<Row> | undefined, name: EventField): FieldReader<Row> {
  const f = field ?? name;
  if (typeof f === "string") return { key: f, get: null };
  return { key: null, get: fieldAccessor(f, name, name) };
}

/** Reads, checks and collects rows one at a time. */
export class RowCollector<Row> {
  private readonly id: FieldReader<Row>;
  private readonly at: FieldReader<Row>;
  private readonly amount: FieldReader<Row>;
  private readonly event: FieldReader<Row>;
  /**
   * Name codes per row, once the table has names (from the start with `fields.event`, else from
   * the first row with a name); rows read before that hold -1 (no name).
   */
  private eventCodes: Int32Array | null = null;
  private readonly names = new NameCoder();
  /** Rows kept without a name before names began (all rows kept by then): how many, and the first few. */
  private nameless = 0;
  /** The first few rows kept (input row, name read): the examples of nameless rows, should names begin. */
  private readonly firstRows: Array<{ row: number; value: unknown }> = [];
  // The three columns share one ArrayBuffer (time | units | ids), allocated once for an array:
  // each large allocation outside the heap may start a full collection.
  private time!: Float64Array;
  private units!: Float64Array;
  /** Ids while every id is a number; null once another id has come. */
  private numbers: Float64Array | null = null;
  /** Codes into `dictionary`, once an id is not a number (in the same bytes as `numbers` were). */
  private codes: Int32Array | null = null;
  /** Codes of number and bigint ids, once codes are used. */
  private codeOf: Map<CustomerId, number> | null = null;
  /** Codes of string ids (most of them, when ids are not numbers), once codes are used. */
  private stringCodes: StringCodes | null = null;
  private readonly dictionary: CustomerId[] = [];
  /** The last id coded, and its code: consecutive rows of one customer skip the lookup. */
  private lastId: CustomerId | undefined = undefined;
  private lastCode = -1;
  private readonly skipped = new SkipLog(EVENT_FIELDS);
  private anyAmount = false;
  private size = 0;
  private row = 0;

  /**
   * @param capacity - rows expected (an array's length); the columns grow beyond it as needed
   */
  constructor(
    private readonly s: SinkSettings,
    fields: EventFields<Row>,
    capacity = 1024,
  ) {
    this.id = fieldReader(fields.customerId, "customerId");
    this.at = fieldReader(fields.at, "at");
    this.amount = fieldReader(fields.amount, "amount");
    this.event = fieldReader(fields.event, "event");
    this.allocate(Math.max(capacity, 16));
    if (fields.event !== undefined) this.eventCodes = new Int32Array(this.time.length);
  }

  /** (Re)allocates the columns for `n` rows, keeping the rows read. */
  private allocate(n: number): void {
    const buffer = new ArrayBuffer(24 * n);
    const time = new Float64Array(buffer, 0, n);
    const units = new Float64Array(buffer, 8 * n, n);
    const size = this.size;
    if (size > 0) {
      time.set(this.time.subarray(0, size));
      units.set(this.units.subarray(0, size));
    }
    this.time = time;
    this.units = units;
    if (this.eventCodes !== null) {
      const names = new Int32Array(n);
      names.set(this.eventCodes.subarray(0, size));
      this.eventCodes = names;
    }
    if (this.codes === null) {
      const numbers = new Float64Array(buffer, 16 * n, n);
      if (size > 0) numbers.set(this.numbers!.subarray(0, size));
      this.numbers = numbers;
    } else {
      const codes = new Int32Array(buffer, 16 * n, n);
      codes.set(this.codes.subarray(0, size));
      this.codes = codes;
    }
  }

  /** Reads every row of an array. */
  addAll(rows: ArrayLike<Row>): void {
    for (let i = 0; i < rows.length; i++) this.add(rows[i]!);
  }

  /** Reads one row; a bad row throws or is counted, per `onInvalid`. */
  add(r: Row): void {
    const row = this.row++;
    const o = typeof r === "object" && r !== null ? (r as Record<string, unknown>) : null;
    let field: EventField = "customerId";
    try {
      const idKey = this.id.key;
      const id = idKey !== null ? (o === null ? undefined : o[idKey]) : this.id.get!(r, row);
      if (!((typeof id === "number" && id - id === 0) || (typeof id === "string" && id !== "") || typeof id === "bigint")) this.badField(id, o, "customerId", idKey, row);
      field = "at";
      const atKey = this.at.key;
      const at = atKey !== null ? (o === null ? undefined : o[atKey]) : this.at.get!(r, row);
      let t: number;
      if (typeof at === "number" && this.s.epochUnit === "ms" && at >= -MAX_EPOCH_MS && at <= MAX_EPOCH_MS) t = at;
      else if (at instanceof Date && at.getTime() === at.getTime()) t = at.getTime();
      else if (at === undefined && atKey !== null && o !== null && !(atKey in o)) t = this.badField(at, o, "at", atKey, row);
      else t = instantToMs(at, this.s.epochUnit, this.s.timeZone, row);
      field = "amount";
      const amountKey = this.amount.key;
      const amount = amountKey !== null ? (o === null ? undefined : o[amountKey]) : this.amount.get!(r, row);
      let u = 0;
      if (amount !== null && amount !== undefined) {
        u = typeof amount === "number" ? quick(amount, this.s.factor) : Number.NaN;
        if (u !== u) u = minorUnits(amount, this.s, row);
        this.anyAmount = true;
      }
      field = "event";
      const code = this.nameOf(r, o, row);
      this.push(id as CustomerId, t, u);
      if (this.eventCodes !== null) this.eventCodes[this.size - 1] = code;
    } catch (e) {
      this.skipped.record(e, field, row, this.s.onInvalid);
    }
  }

  /**
   * The name code of a row about to be kept; -1 for no name while the table has none (then, if
   * names begin later, every row kept so far is nameless: the first few are noted as examples).
   * Its own method, so that the row loop stays small enough for V8 to inline `push`.
   */
  private nameOf(r: Row, o: Record<string, unknown> | null, row: number): number {
    const key = this.event.key;
    const name = key !== null ? (o === null ? undefined : o[key]) : this.event.get!(r, row);
    if ((name === undefined || name === null) && this.eventCodes === null) {
      if (this.size < 5) this.firstRows.push({ row, value: name });
      return -1;
    }
    return this.nameCode(name, row);
  }

  /** The code of a row's name; a bad name (or a missing one, once the table has names) throws. */
  private nameCode(name: unknown, row: number): number {
    if (!isEventName(name)) throw eventNameError(name, row);
    if (this.eventCodes === null) {
      // The first name: the rows kept before it had none, and are bad rows (thrown now, or skipped at the end).
      this.nameless = this.size;
      if (this.nameless > 0 && this.s.onInvalid === "throw") throw eventNameError(this.firstRows[0]!.value, this.firstRows[0]!.row);
      this.eventCodes = new Int32Array(this.time.length).fill(-1, 0, this.size);
    }
    return this.names.code(name);
  }

  /** Leaves out the rows kept without a name before names began (onInvalid "skip"), and reports them. */
  private dropNameless(report: SkipReport<EventField>): void {
    const codes = this.eventCodes!;
    let k = 0;
    for (let i = 0; i < this.size; i++) {
      if (codes[i]! < 0) continue;
      this.time[k] = this.time[i]!;
      this.units[k] = this.units[i]!;
      if (this.numbers !== null) this.numbers[k] = this.numbers[i]!;
      else this.codes![k] = this.codes![i]!;
      codes[k++] = codes[i]!;
    }
    this.size = k;
    report.total += this.nameless;
    report.byField.event += this.nameless;
    const examples = [...report.examples, ...this.firstRows.map(({ row, value }) => ({ row, field: "event" as const, value, message: eventNameError(value, row).message }))];
    report.examples = examples.sort((a, b) => a.row - b.row).slice(0, 5);
  }

  /** The table of the rows read. */
  finish(): EventTable {
    const report = this.skipped.report;
    if (this.eventCodes === null) delete (report.byField as Partial<Record<EventField, number>>).event;
    else if (this.nameless > 0) this.dropNameless(report);
    const n = this.size;
    // Integer ids: the sort writes the table's own arrays (the columns here are let go). Coded ids: the
    // columns here become the table's, sorted in place (no second set of arrays to fault in).
    const time = this.time.subarray(0, n);
    const units = this.anyAmount ? this.units.subarray(0, n) : null;
    const event = this.eventCodes?.subarray(0, n) ?? null;
    if (this.numbers !== null) {
      const ordered = orderEvents(this.numbers.subarray(0, n), time, units, 1, { ownsTime: false, event });
      return new EventTable({ ...ordered, currencyScale: this.s.scale, eventNames: this.names.names }, report);
    }
    return eventTableFromEncoded({ codes: this.codes!.subarray(0, n), dictionary: this.dictionary, time, minorUnits: units, eventCodes: event, eventNames: this.names.names }, this.s.scale, report);
  }

  /**
   * Throws the error of a bad id or a missing instant: when the row lacks the
   * field's key entirely, the message lists the keys it has and suggests the
   * `fields` mapping.
   */
  private badField(value: unknown, o: Record<string, unknown> | null, field: "customerId" | "at", key: string | null, row: number): never {
    if (value === undefined && key !== null && o !== null && !(key in o)) {
      throw new InvalidInputError({ field, value, row, expected: missingFieldHint(field, key, Object.keys(o)) });
    }
    if (field === "customerId") checkId(value, row);
    return instantToMs(value, this.s.epochUnit, this.s.timeZone, row) as never;
  }

  private push(id: CustomerId, t: number, u: number): void {
    const i = this.size;
    if (i === this.time.length) this.grow();
    this.time[i] = t;
    this.units[i] = u;
    const numbers = this.numbers;
    if (numbers !== null && typeof id === "number") numbers[i] = id;
    else {
      const c = this.code(id); // may switch to codes first
      this.codes![i] = c;
    }
    this.size = i + 1;
  }

  /** The code of a non-number id (switching from numbers to codes on the first one). */
  private code(id: CustomerId): number {
    let codeOf = this.codeOf;
    if (codeOf === null) {
      codeOf = this.codeOf = new Map();
      // The codes take the ids' bytes: code k (bytes 4k..) never overwrites an id not yet read (bytes 8k..).
      const numbers = this.numbers!;
      const codes = (this.codes = new Int32Array(numbers.buffer, numbers.byteOffset, numbers.length));
      for (let k = 0; k < this.size; k++) codes[k] = this.code(numbers[k]!);
      this.numbers = null;
    }
    if (id === this.lastId) return this.lastCode;
    let c: number;
    const next = this.dictionary.length;
    if (typeof id === "string") {
      c = (this.stringCodes ??= new StringCodes(this.dictionary)).codeOf(id, next);
      if (c === next) this.dictionary.push(id);
    } else {
      const known = codeOf.get(id);
      if (known === undefined) {
        c = next;
        codeOf.set(id, c);
        this.dictionary.push(id);
      } else c = known;
    }
    this.lastId = id;
    this.lastCode = c;
    return c;
  }

  private grow(): void {
    this.allocate(this.time.length * 2);
  }
}

/** Minor units of a number with at most log10(factor) decimals, or NaN when the quick test cannot tell. */
function quick(amount: number, factor: number): number {
  const u = Math.round(amount * factor);
  return u / factor === amount && u <= Number.MAX_SAFE_INTEGER && u >= -Number.MAX_SAFE_INTEGER ? u + 0 : Number.NaN;
}
