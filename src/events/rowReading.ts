/**
 * The row-reading kit every reader of rows shares: `eventTable` here, and
 * `subscriptionTable` (subscriptions/) and the file readers (io/), which import
 * it from this file by design: checked table options, field accessors,
 * customer id checks, fast money-to-minor-units, growable columns and the log
 * of skipped rows. Id encoding is `idEncoder.ts`.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkCurrencyScale, toMinorUnits, type MoneyInput } from "../money.ts";
import { checkTimeZone } from "../periods/index.ts";
import { requireOneOf } from "../validate.ts";
import type { CustomerId, FieldAccessor, OnInvalid } from "./types.ts";

/** How many skipped rows are kept as examples. */
const MAX_EXAMPLES = 5;

/** The options every row reader takes, checked once. */
export interface RowSettings {
  readonly scale: number;
  readonly factor: number;
  readonly onInvalid: OnInvalid;
  readonly timeZone: string;
}

/** Checks `currencyScale`, `onInvalid` and `timeZone`. */
export function resolveRowSettings(options: { currencyScale?: number | undefined; onInvalid?: OnInvalid | undefined; timeZone?: string | undefined }): RowSettings {
  const scale = checkCurrencyScale(options.currencyScale);
  return {
    scale,
    factor: 10 ** scale,
    onInvalid: requireOneOf(options.onInvalid ?? "throw", "onInvalid", ["throw", "skip"] as const),
    timeZone: checkTimeZone(options.timeZone ?? "UTC"),
  };
}

/** A property name or accessor function, as a function. */
export function fieldAccessor<Row>(field: string | FieldAccessor<Row> | undefined, fallback: string, name: string): FieldAccessor<Row> {
  const f = field ?? fallback;
  if (typeof f === "function") return f;
  if (typeof f !== "string") throw new InvalidInputError({ field: `fields.${name}`, value: f, expected: "a property name or an accessor function" });
  return (row) => (row === null || typeof row !== "object" ? undefined : (row as Record<string, unknown>)[f]);
}

/** Typed arrays of integers: every element is a safe integer, so a valid customer id. */
const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array];

/** Whether `x` is a typed array of integers (see INTEGER_ARRAYS). */
export function isIntegerArray(x: unknown): boolean {
  return INTEGER_ARRAYS.some((type) => x instanceof type);
}

/** Whether a value is an acceptable customer id: a non-empty string, a finite number or a bigint. */
export function isValidId(id: unknown): id is CustomerId {
  return (typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id)) || typeof id === "bigint";
}

/** The id itself, or an InvalidInputError naming the row. */
export function checkId(id: unknown, row: number): CustomerId {
  if (!isValidId(id)) throw new InvalidInputError({ field: "customerId", value: id, row, expected: "a non-empty string, a finite number or a bigint" });
  return id;
}

/**
 * Minor units of an amount. The common case (a number with at most `scale`
 * decimals) is inlined; anything else goes through toMinorUnits, which also
 * builds the error naming `field` and `row`.
 */
export function minorUnits(amount: unknown, s: RowSettings, row: number, field = "amount"): number {
  if (typeof amount === "number") {
    const u = quickMinorUnits(amount, s.factor);
    if (u === u) return u;
  }
  if (typeof amount === "bigint") {
    // An int64 amount (from a database) is exact: whole currency units, within 2^53 minor units.
    const u = amount * BigInt(s.factor);
    if (u >= -MAX_SAFE_BIGINT && u <= MAX_SAFE_BIGINT) return Number(u);
    throw new InvalidInputError({ field, value: amount, row, expected: "an amount within 2^53 minor units" });
  }
  return toMinorUnits(amount as MoneyInput, s.scale, field, row);
}

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

/** Minor units of a number with at most log10(factor) decimals, or NaN when the quick test cannot tell. */
export function quickMinorUnits(amount: number, factor: number): number {
  const u = Math.round(amount * factor);
  return u / factor === amount && Number.isSafeInteger(u) ? (u === 0 ? 0 : u) : Number.NaN;
}

/** The report of rows skipped with `onInvalid: "skip"`, for a reader whose fields are `F`. */
export interface SkipReport<F extends string> {
  total: number;
  byField: Record<F, number>;
  examples: Array<{ row: number; field: F; value: unknown; message: string }>;
}

/** Bad rows seen with onInvalid "skip": counted by field, the first few kept as examples. */
export class SkipLog<F extends string> {
  readonly report: SkipReport<F>;

  constructor(fields: readonly F[]) {
    this.report = { total: 0, byField: Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>, examples: [] };
  }

  /** Records a bad row, or rethrows when skipping is not allowed or the error is not ours. */
  record(e: unknown, field: F, row: number, onInvalid: OnInvalid): void {
    if (onInvalid === "throw" || !(e instanceof InvalidInputError)) throw e;
    this.report.total++;
    this.report.byField[field]++;
    if (this.report.examples.length < MAX_EXAMPLES) this.report.examples.push({ row, field, value: e.value, message: e.message });
  }
}

/**
 * A typed array of unknown final length, for rows of unknown count (no JS arrays of boxed numbers).
 * It fills blocks (the first of the capacity asked, later ones growing to 1M values) and joins them
 * once, at the end: a doubling array would hold the old and the new buffer at each doubling, and
 * end up to twice the size needed, which at ten million rows decided the reader's peak memory.
 */
export class GrowableArray<A extends Float64Array | Int32Array> {
  private data: A;
  private fill = 0;
  private readonly full: A[] = [];
  private total = 0;

  /** @param capacity - values expected (more go into further blocks) */
  constructor(
    private readonly make: (length: number) => A,
    capacity = 1024,
  ) {
    this.data = make(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.fill === this.data.length) this.next();
    this.data[this.fill++] = v;
    this.total++;
  }

  /** Pushes every value of `values`. */
  pushAll(values: Int32Array | Float64Array): void {
    let at = 0;
    while (at < values.length) {
      if (this.fill === this.data.length) this.next();
      const n = Math.min(values.length - at, this.data.length - this.fill);
      this.data.set(values.subarray(at, at + n), this.fill);
      this.fill += n;
      at += n;
    }
    this.total += values.length;
  }

  /**
   * The next `n` slots, to be written in place (a reader decodes straight into them), then kept
   * with {@link GrowableArray.commit}; a later reserve or push overwrites what was not committed.
   */
  reserve(n: number): A {
    if (this.data.length - this.fill < n) this.next(n);
    return this.data.subarray(this.fill, this.fill + n) as A;
  }

  /** Keeps the first `n` reserved slots. */
  commit(n: number): void {
    this.fill += n;
    this.total += n;
  }

  private next(atLeast = 0): void {
    if (this.fill > 0) this.full.push(this.data.subarray(0, this.fill) as A);
    this.data = this.make(Math.max(atLeast, Math.min(1 << 20, Math.max(1024, this.total))));
    this.fill = 0;
  }

  /** Joins the blocks into one (once). */
  private join(): void {
    if (this.full.length === 0) return;
    const all = this.make(this.total);
    let at = 0;
    for (const block of this.full) {
      all.set(block, at);
      at += block.length;
    }
    all.set(this.data.subarray(0, this.fill), at);
    this.full.length = 0;
    this.data = all;
    this.fill = this.total;
  }

  /** The values pushed, as a view of the buffer. */
  result(): A {
    this.join();
    return this.data.subarray(0, this.fill) as A;
  }

  /**
   * The values pushed in an array of their own: the buffer itself when at least three quarters
   * full (a view of its first values: a reader that sized it from an estimate leaves some unused,
   * which costs less than a copy next to it), else a copy.
   */
  take(): A {
    this.join();
    if (this.data.length - this.fill <= this.data.length >>> 2) return this.data.subarray(0, this.fill) as A;
    return this.data.slice(0, this.fill) as A;
  }
}

/** A growable Float64Array (instants, minor units). */
export class GrowableFloat64 extends GrowableArray<Float64Array> {
  constructor(capacity?: number) {
    super((n) => new Float64Array(n), capacity);
  }
}

/** The indexes of the rows to keep, from a mask (1 = keep). */
export function keptRows(keep: Uint8Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i] === 1) rows.push(i);
  return rows;
}
