/**
 * Reading subscription rows and columns: field access, validation of each row
 * (customer id, instants, MRR) and the `onInvalid` policy. The valid rows come
 * out as plain columns (ids, instants in epoch ms, MRR in minor units) for
 * {@link buildSubscriptionTable}.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkId, fieldAccessor, GrowableFloat64, keptRows, minorUnits, type RowSettings, SkipLog } from "../events/rowReading.ts";
import type { CustomerId, FieldAccessor } from "../events/types.ts";
import { toEpochMs } from "../periods/index.ts";
import type {
  SkippedSubscriptionRows,
  SubscriptionField,
  SubscriptionFields,
  SubscriptionShape,
  SubscriptionTableOptions,
} from "./types.ts";

export { resolveRowSettings, type RowSettings } from "../events/rowReading.ts";

const SUBSCRIPTION_FIELDS: readonly SubscriptionField[] = ["customerId", "start", "end", "canceledAt", "at", "mrr"];

/**
 * Valid rows as columns: `a` is the start (intervals) or the instant (changes),
 * `b` the end of each interval (NaN while it runs; null for changes), `c` when
 * each interval's cancellation was made (NaN when it was not; null for changes
 * or when no row has one), `m` the MRR in minor units.
 */
export interface RawSubscriptions {
  readonly shape: SubscriptionShape;
  readonly ids: ArrayLike<CustomerId>;
  readonly a: Float64Array;
  readonly b: Float64Array | null;
  readonly c: Float64Array | null;
  readonly m: Float64Array;
  readonly skipped: SkippedSubscriptionRows;
}

/**
 * The MRR of a row in minor units: a finite amount of at least 0 with at most
 * `scale` decimals. The common case (a number) is inlined.
 */
export function mrrUnits(value: unknown, s: RowSettings, row: number): number {
  if (value === null || value === undefined) {
    throw new InvalidInputError({ field: "mrr", value, row, expected: "a monthly recurring revenue: a finite amount of at least 0" });
  }
  const u = minorUnits(value, s, row, "mrr");
  if (u < 0) throw new InvalidInputError({ field: "mrr", value, row, expected: "a monthly recurring revenue of at least 0" });
  return u;
}

/** The end of an interval in epoch ms, NaN while it runs; refused when before the start. */
export function endMs(value: unknown, start: number, s: RowSettings, row: number): number {
  if (value === null || value === undefined) return NaN;
  const end = toEpochMs(value, { field: "end", row, timeZone: s.timeZone });
  if (end < start) {
    throw new InvalidInputError({ field: "end", value, row, expected: `an instant not before the interval's start (${new Date(start).toISOString()})` });
  }
  return end;
}

/**
 * When an interval's cancellation was made, in epoch ms, NaN when it was not;
 * refused before the start or after the end (a cancellation takes effect at
 * the latest when the interval ends).
 */
export function canceledMs(value: unknown, start: number, end: number, s: RowSettings, row: number): number {
  if (value === null || value === undefined) return NaN;
  const at = toEpochMs(value, { field: "canceledAt", row, timeZone: s.timeZone });
  if (at < start || at > end) {
    const bounds = end === end ? `from the interval's start (${new Date(start).toISOString()}) to its end (${new Date(end).toISOString()})` : `not before the interval's start (${new Date(start).toISOString()})`;
    throw new InvalidInputError({ field: "canceledAt", value, row, expected: `an instant ${bounds}` });
  }
  return at;
}

/** The shape that a row's own properties suggest, or undefined. */
function shapeOfRow(row: unknown): SubscriptionShape | undefined {
  if (row === null || typeof row !== "object") return undefined;
  if ("start" in row) return "intervals";
  if ("at" in row) return "changes";
  return undefined;
}

/**
 * Reads, checks and collects rows one at a time (arrays, iterables, async
 * iterables). With no shape given, the first row with a `start` or an `at`
 * property decides it; rows before it are bad rows.
 */
export class SubscriptionRowReader<Row> {
  private readonly getId: FieldAccessor<Row>;
  private readonly getStart: FieldAccessor<Row>;
  private readonly getEnd: FieldAccessor<Row>;
  private readonly getCanceled: FieldAccessor<Row>;
  private readonly getAt: FieldAccessor<Row>;
  private readonly getMrr: FieldAccessor<Row>;
  private readonly ids: CustomerId[] = [];
  private readonly a = new GrowableFloat64();
  private readonly b = new GrowableFloat64();
  private readonly c = new GrowableFloat64();
  private anyCanceled = false;
  private readonly m = new GrowableFloat64();
  private readonly skipped = new SkipLog(SUBSCRIPTION_FIELDS);
  private row = 0;

  constructor(
    private readonly s: RowSettings,
    fields: SubscriptionFields<Row>,
    private shape: SubscriptionShape | undefined,
  ) {
    this.getId = fieldAccessor(fields.customerId, "customerId", "customerId");
    this.getStart = fieldAccessor(fields.start, "start", "start");
    this.getEnd = fieldAccessor(fields.end, "end", "end");
    this.getCanceled = fieldAccessor(fields.canceledAt, "canceledAt", "canceledAt");
    this.getAt = fieldAccessor(fields.at, "at", "at");
    this.getMrr = fieldAccessor(fields.mrr, "mrr", "mrr");
  }

  add(r: Row): void {
    const row = this.row++;
    let field: SubscriptionField = "customerId";
    try {
      const id = checkId(this.getId(r, row), row);
      if (this.shape === undefined) {
        const shape = shapeOfRow(r);
        if (shape === undefined) {
          field = "start";
          throw new InvalidInputError({ field: "start", value: r, row, expected: 'a row with a "start" (a priced interval) or an "at" (an MRR change), or the shape option' });
        }
        this.shape = shape;
      }
      if (this.shape === "intervals") {
        field = "start";
        const start = toEpochMs(this.getStart(r, row), { field: "start", row, timeZone: this.s.timeZone });
        field = "end";
        const end = endMs(this.getEnd(r, row), start, this.s, row);
        field = "canceledAt";
        const canceled = canceledMs(this.getCanceled(r, row), start, end, this.s, row);
        field = "mrr";
        const mrr = mrrUnits(this.getMrr(r, row), this.s, row);
        this.a.push(start);
        this.b.push(end);
        this.c.push(canceled);
        if (canceled === canceled) this.anyCanceled = true;
        this.m.push(mrr);
      } else {
        field = "at";
        const at = toEpochMs(this.getAt(r, row), { field: "at", row, timeZone: this.s.timeZone });
        field = "mrr";
        const mrr = mrrUnits(this.getMrr(r, row), this.s, row);
        this.a.push(at);
        this.m.push(mrr);
      }
      this.ids.push(id);
    } catch (e) {
      this.skipped.record(e, field, row, this.s.onInvalid);
    }
  }

  finish(): RawSubscriptions {
    const shape = this.shape ?? "intervals";
    const intervals = shape === "intervals";
    const c = intervals && this.anyCanceled ? this.c.result() : null;
    return { shape, ids: this.ids, a: this.a.result(), b: intervals ? this.b.result() : null, c, m: this.m.result(), skipped: this.skipped.report };
  }
}

/**
 * Columns of either shape, checked in one pass in input order (so errors name
 * the first bad row). Typed arrays of valid values are read in place.
 */
export function readSubscriptionColumns(
  ids: ArrayLike<CustomerId>,
  times: ArrayLike<unknown>,
  ends: ArrayLike<unknown> | null,
  mrr: ArrayLike<unknown>,
  shape: SubscriptionShape,
  s: RowSettings,
  cancels: ArrayLike<unknown> | null = null,
): RawSubscriptions {
  const n = ids.length;
  const timeField: SubscriptionField = shape === "intervals" ? "start" : "at";
  const named: Array<[string, ArrayLike<unknown> | null]> = [[timeField, times], ["end", ends], ["canceledAt", cancels], ["mrr", mrr]];
  for (const [name, col] of named) {
    if (col !== null && col.length !== n) {
      throw new InvalidInputError({ field: `columns.${name}`, value: `${col.length} values`, expected: `as many values as columns.customerId (${n})` });
    }
  }
  const a = times instanceof Float64Array ? times : new Float64Array(n);
  const b = ends === null ? null : ends instanceof Float64Array ? ends : new Float64Array(n);
  const m = new Float64Array(n);
  let c: Float64Array | null = cancels === null ? null : new Float64Array(n);
  let anyCanceled = false;
  const skipped = new SkipLog(SUBSCRIPTION_FIELDS);
  let keep: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    let field: SubscriptionField = "customerId";
    try {
      checkId(ids[i], i);
      field = timeField;
      let t: number;
      if (a === times) {
        t = a[i]!;
        if (!Number.isFinite(t)) toEpochMs(t, { field: timeField, row: i });
      } else {
        t = toEpochMs(times[i], { field: timeField, row: i, timeZone: s.timeZone });
        a[i] = t;
      }
      if (b !== null && ends !== null) {
        field = "end";
        if (b === ends) {
          const e = b[i]!;
          // NaN: still running; a finite end not before the start is fine; anything else is refused.
          if (e === e && !(e >= t && e <= 8.64e15)) endMs(e, t, s, i);
        } else {
          b[i] = endMs(ends[i], t, s, i);
        }
      }
      if (c !== null && cancels !== null) {
        field = "canceledAt";
        const v = cancels[i];
        // A NaN in a typed column means "not canceled", like null in a plain one.
        c[i] = typeof v === "number" && v !== v ? NaN : canceledMs(v, t, b === null ? NaN : b[i]!, s, i);
        if (c[i] === c[i]) anyCanceled = true;
      }
      field = "mrr";
      m[i] = mrrUnits(mrr[i], s, i);
    } catch (e) {
      skipped.record(e, field, i, s.onInvalid);
      keep ??= new Uint8Array(n).fill(1);
      keep[i] = 0;
    }
  }
  if (!anyCanceled) c = null;
  if (keep === null) return { shape, ids, a, b, c, m, skipped: skipped.report };
  const rows = keptRows(keep);
  return {
    shape,
    ids: rows.map((i) => ids[i]!),
    a: Float64Array.from(rows, (i) => a[i]!),
    b: b === null ? null : Float64Array.from(rows, (i) => b[i]!),
    c: c === null ? null : Float64Array.from(rows, (i) => c![i]!),
    m: Float64Array.from(rows, (i) => m[i]!),
    skipped: skipped.report,
  };
}
