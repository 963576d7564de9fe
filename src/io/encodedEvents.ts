/**
 * Collects the events a file reader finds, one field value at a time, into
 * encoded columns (customer codes into a dictionary, epoch ms, minor units),
 * checking each value as `eventTable` does and following `onInvalid`; then
 * sorts them into an {@link EventTable}. One string per distinct customer is
 * kept, never one per event.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { eventTableFromEncoded } from "../events/encodedTable.ts";
import { GrowableArray, GrowableFloat64, minorUnits, type RowSettings, SkipLog } from "../events/rowReading.ts";
import type { EventTable } from "../events/table.ts";
import type { CustomerId, SkippedRow } from "../events/types.ts";
import { epochToMs, type EpochUnit } from "../events/epoch.ts";
import { eventNameError, isEventName } from "../events/eventNames.ts";
import { toEpochMs } from "../periods/index.ts";
import { MAX_EPOCH_MS } from "../periods/zoneOffset.ts";

// The epoch units and their conversion live in events/ (eventTable takes `epochUnit` too).
export { epochToMs, type EpochUnit, MS_PER_EPOCH_UNIT } from "../events/epoch.ts";

type Field = SkippedRow["field"];
const FIELDS: readonly Field[] = ["customerId", "at", "amount"];
const NAMED_FIELDS: readonly Field[] = ["customerId", "at", "amount", "event"];

/** Where a reader is: the data row (0-based) and, for text, its 1-based line. */
export interface Place {
  readonly row: number;
  readonly line?: number | undefined;
}

/** Ids -> codes 0, 1, 2, ... in order of first use, and the ids by code at the end. */
export interface IdCoder {
  codeOf(id: CustomerId): number;
  ids(): ArrayLike<CustomerId>;
}

/** The {@link IdCoder} of any ids: a Map. */
export class MapIdCoder implements IdCoder {
  private readonly map = new Map<CustomerId, number>();
  private readonly list: CustomerId[] = [];

  codeOf(id: CustomerId): number {
    let code = this.map.get(id);
    if (code === undefined) {
      code = this.list.length;
      this.map.set(id, code);
      this.list.push(id);
    }
    return code;
  }

  ids(): CustomerId[] {
    return this.list;
  }
}

/** Event names -> codes 0, 1, 2, ... (a source's event column), and the names by code at the end. */
export interface NameCodes {
  codeOf(name: string): number;
  ids(): readonly string[];
}

/** Collects checked events from a reader. */
export class EncodedCollector {
  private readonly codes: GrowableArray<Int32Array>;
  private readonly time: GrowableFloat64;
  private readonly amount: GrowableFloat64;
  /** Per event, its name's code in `names`; null for a source without an event column. */
  private readonly events: GrowableArray<Int32Array> | null;
  private readonly skipped: SkipLog<Field>;
  private anyAmount = false;

  /**
   * @param s - the checked table options
   * @param source - the file's name, for messages
   * @param hasAmounts - whether the source has an amount column at all
   * @param epochUnit - unit of numeric instants (and of digit-only text instants, when given)
   * @param coder - codes the ids (a reader that codes ids itself shares its coder, so both paths agree)
   * @param capacity - rows expected, when the reader knows (the columns are then allocated once)
   * @param names - codes the event names, when the source has an event column (then every row needs one)
   */
  constructor(
    private readonly s: RowSettings,
    private readonly source: string,
    private readonly hasAmounts: boolean,
    private readonly epochUnit: EpochUnit | undefined,
    private readonly coder: IdCoder = new MapIdCoder(),
    capacity = 1024,
    private readonly names: NameCodes | null = null,
  ) {
    this.codes = new GrowableArray((n) => new Int32Array(n), capacity);
    this.time = new GrowableFloat64(capacity);
    this.amount = new GrowableFloat64(hasAmounts ? capacity : 16);
    this.events = names === null ? null : new GrowableArray((n) => new Int32Array(n), capacity);
    this.skipped = new SkipLog(names === null ? FIELDS : NAMED_FIELDS);
  }

  private kept = 0;

  /** Rows kept so far. */
  get rows(): number {
    return this.kept;
  }

  /**
   * Adds one event; a bad value throws (naming the source, row, line and field) or is counted, per
   * `onInvalid`. An empty or missing amount is no amount; the event name (read only with an event
   * column) must be a non-empty string.
   */
  add(id: unknown, at: unknown, amount: unknown, place: Place, event?: unknown): void {
    let field: Field = "customerId";
    try {
      const key = this.id(id, place);
      field = "at";
      const t = this.instant(at, place);
      field = "amount";
      const given = amount !== null && amount !== undefined && amount !== "";
      const u = given ? this.minor(amount, place) : 0;
      // As eventTable: a valid amount gives the table amounts, even on a row then refused for its name.
      this.anyAmount ||= given;
      let name = -1;
      if (this.names !== null) {
        field = "event";
        // A number is a name the reader has coded itself (through this collector's name coder).
        if (typeof event === "number") name = event;
        else if (isEventName(event)) name = this.names.codeOf(event);
        else this.fail("event", event, eventNameError(event, place.row).expected, place);
      }
      this.addCoded(this.coder.codeOf(key), t, u, given, name);
    } catch (e) {
      this.skipped.record(e, field, place.row, this.s.onInvalid);
    }
  }

  /**
   * Adds one event a reader has checked and coded itself: the code of its id (from the coder this
   * collector was given), epoch ms, minor units, whether the amount was given and, with an event
   * column, the code of its name (from the collector's name coder).
   */
  addCoded(code: number, t: number, u: number, given: boolean, name = -1): void {
    this.anyAmount ||= given;
    this.codes.push(code);
    this.time.push(t);
    if (this.hasAmounts) this.amount.push(u);
    if (this.events !== null) this.events.push(name);
    this.kept++;
  }

  /**
   * The next `n` rows' slots of the three columns, for a reader to decode into in place (no copy
   * of its own arrays); {@link EncodedCollector.commitColumns} keeps them. The amounts slot holds
   * minor units once committed; null without an amount column. `events` takes the name codes (null
   * without an event column).
   */
  reserveColumns(n: number): { codes: Int32Array; time: Float64Array; units: Float64Array | null; events: Int32Array | null } {
    return { codes: this.codes.reserve(n), time: this.time.reserve(n), units: this.hasAmounts ? this.amount.reserve(n) : null, events: this.events === null ? null : this.events.reserve(n) };
  }

  /** Keeps the `n` rows written into the slots of {@link EncodedCollector.reserveColumns}, `given` telling whether any amount was given. */
  commitColumns(n: number, given: boolean): void {
    this.anyAmount ||= given;
    this.codes.commit(n);
    this.time.commit(n);
    if (this.hasAmounts) this.amount.commit(n);
    if (this.events !== null) this.events.commit(n);
    this.kept += n;
  }

  /** The table of the events collected. */
  finish(): EventTable {
    const minor = this.hasAmounts && this.anyAmount ? this.amount.take() : null;
    const named = this.events === null ? {} : withoutEmptyName(this.events.take(), this.names!.ids());
    return eventTableFromEncoded({ codes: this.codes.take(), dictionary: this.coder.ids(), time: this.time.take(), minorUnits: minor, ...named }, this.s.scale, this.skipped.report);
  }

  private fail(field: Field, value: unknown, expected: string, place: Place): never {
    throw new InvalidInputError({ field, value, expected, row: place.row, source: this.source, line: place.line });
  }

  private id(id: unknown, place: Place): CustomerId {
    // A bigint id (an int64 column) stays a bigint: 1n, 1 and "1" are three customers.
    if (typeof id === "string") {
      if (id === "") this.fail("customerId", id, "a customer id (the field is empty)", place);
      return id;
    }
    if (typeof id === "number" && Number.isFinite(id)) return id;
    if (typeof id === "bigint") return id;
    return this.fail("customerId", id, "a non-empty string, a finite number or a bigint", place);
  }

  private instant(at: unknown, place: Place): number {
    const unit = this.epochUnit;
    if (typeof at === "bigint" || typeof at === "number" || (unit !== undefined && typeof at === "string" && /^-?\d+(\.\d+)?$/.test(at))) {
      const ms = epochToMs(at as number | bigint | string, unit ?? "ms");
      if (!(ms >= -MAX_EPOCH_MS && ms <= MAX_EPOCH_MS)) this.fail("at", at, `an epoch number in ${unit ?? "ms"} within the range of Date (±8.64e15 ms)`, place);
      return ms;
    }
    try {
      return toEpochMs(at, { field: "at", row: place.row, timeZone: this.s.timeZone });
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      const hint = typeof at === "string" && /^-?\d+$/.test(at) ? ` (for epoch numbers, pass epochUnit: "s", "ms", "us" or "ns")` : "";
      return this.fail("at", at, e.expected + hint, place);
    }
  }

  private minor(amount: unknown, place: Place): number {
    try {
      return minorUnits(typeof amount === "bigint" ? Number(amount) : amount, this.s, place.row);
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      return this.fail("amount", amount, e.expected, place);
    }
  }
}

/**
 * The name codes and names without the empty name, which a reader that codes a whole column first
 * (Parquet pages) may have coded for rows it then refused or skipped: no kept row has it.
 */
function withoutEmptyName(codes: Int32Array, names: readonly string[]): { eventCodes: Int32Array; eventNames: readonly string[] } {
  const empty = names.indexOf("");
  if (empty < 0) return { eventCodes: codes, eventNames: names };
  for (let i = 0; i < codes.length; i++) if (codes[i]! > empty) codes[i] = codes[i]! - 1;
  return { eventCodes: codes, eventNames: names.filter((_, k) => k !== empty) };
}
