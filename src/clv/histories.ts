/**
 * Purchase histories (frequency, recency, T) as the models read them: the
 * accepted summary shapes, their validation, and the grouping of identical
 * histories so each distinct one is evaluated once.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { isValidId } from "../events/rowReading.ts";
import type { CustomerId } from "../events/types.ts";
import type { MoneyInput } from "../money.ts";

/**
 * A customer's purchase history in a summary's time unit (see `rfmSummary`).
 *
 * @category Lifetime value
 */
export interface PurchaseHistory {
  /** x: repeat purchases (purchase days after the first), a non-negative integer. */
  frequency: number;
  /** t_x: time from the first to the last purchase, 0 when `frequency` is 0. */
  recency: number;
  /** T: time from the first purchase to the end of observation, at least `recency`. */
  T: number;
}

/**
 * A summary row as the models accept it: an `RfmRow`, or any object with these fields.
 *
 * @category Lifetime value
 */
export interface RfmRowLike extends PurchaseHistory {
  /** The customer's id, carried into per-customer results when present. */
  customerId?: CustomerId | undefined;
  /** Mean value of the repeat purchases (`null` when unknown); read by the spend model. */
  monetaryValue?: MoneyInput | null | undefined;
  /**
   * How many customers share this history (a warehouse's GROUP BY count): a non-negative integer,
   * default 1. A row with count k fits exactly as k copies of it.
   */
  count?: number | undefined;
}

/**
 * A summary as columns of equal length, the fastest input for large summaries.
 *
 * @category Lifetime value
 */
export interface RfmColumns {
  /** Repeat purchases per customer. */
  frequency: ArrayLike<number>;
  /** Recency per customer. */
  recency: ArrayLike<number>;
  /** T per customer. */
  T: ArrayLike<number>;
  /** Mean repeat-purchase value per customer (for the spend model). */
  monetaryValue?: ArrayLike<number> | undefined;
  /** Customer ids. */
  customerId?: ArrayLike<CustomerId> | undefined;
  /** How many customers share each row's history (non-negative integers; default 1 each). */
  count?: ArrayLike<number> | undefined;
}

/**
 * Every summary shape the models accept: rows (any iterable) or columns.
 *
 * @category Lifetime value
 */
export type RfmInput = Iterable<RfmRowLike> | RfmColumns;

/** Histories as parallel arrays. @internal */
export interface HistoryArrays {
  readonly count: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** How many customers each row stands for (its `count`), or `null` when every row is one customer. */
  readonly weight: Float64Array | null;
}

/** Whether the input is columns rather than rows. @internal */
export function isColumns(input: RfmInput): input is RfmColumns {
  return !(Symbol.iterator in (input as object)) && typeof (input as RfmColumns).frequency === "object";
}

/**
 * Checks one history and throws an {@link InvalidInputError} naming the row and
 * field when it is not one: frequency a non-negative integer, 0 <= recency <= T,
 * finite, and recency 0 when frequency is 0. @internal
 */
export function checkHistory(x: unknown, tx: unknown, T: unknown, row?: number): void {
  const at = row === undefined ? {} : { row };
  if (!(typeof x === "number" && Number.isSafeInteger(x) && x >= 0)) {
    throw new InvalidInputError({ field: "frequency", value: x, expected: "a non-negative integer (repeat purchases)", ...at });
  }
  if (!(typeof T === "number" && Number.isFinite(T) && T >= 0)) {
    throw new InvalidInputError({ field: "T", value: T, expected: "a finite number of at least 0", ...at });
  }
  if (!(typeof tx === "number" && tx >= 0 && tx <= T)) {
    throw new InvalidInputError({ field: "recency", value: tx, expected: `a number from 0 to T (${T})`, ...at });
  }
  if (x === 0 && tx !== 0) {
    throw new InvalidInputError({ field: "recency", value: tx, expected: "0 when frequency is 0 (no repeat purchase, no recency)", ...at });
  }
}

/**
 * A row's `count` (how many customers share its history): `undefined` for one, else a
 * non-negative safe integer, or an {@link InvalidInputError} naming the row. @internal
 */
export function checkCount(count: unknown, row: number): number {
  if (count === undefined) return 1;
  if (!(typeof count === "number" && Number.isSafeInteger(count) && count >= 0)) {
    throw new InvalidInputError({ field: "count", value: count, expected: "a non-negative integer (how many customers share this history), or none for one", row });
  }
  return count;
}

/**
 * The `customerId` of a summary row, to carry into a per-customer result: the id, `null` when the
 * row has none, and an {@link InvalidInputError} naming the row for one that is not an id (NaN, an
 * empty string, an object), which would otherwise be echoed. @internal
 */
export function summaryId(id: unknown, row: number): CustomerId | null {
  if (id === undefined || id === null) return null;
  if (!isValidId(id)) throw new InvalidInputError({ field: "customerId", value: id, expected: "an id (a non-empty string, a finite number or a bigint), or none", row });
  return id;
}

/** The rows of a summary given as rows or columns (columns become row objects). @internal */
export function summaryRows(input: RfmInput): readonly RfmRowLike[] {
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError({ field: "summary", value: input, expected: "an array of { frequency, recency, T } rows or columns of them" });
  }
  if (!isColumns(input)) return Array.isArray(input) ? (input as readonly RfmRowLike[]) : Array.from(input);
  const { frequency, recency, T, monetaryValue, customerId } = input;
  return Array.from({ length: frequency.length }, (_, i) => ({
    frequency: frequency[i]!,
    recency: recency[i]!,
    T: T[i]!,
    monetaryValue: monetaryValue === undefined ? undefined : monetaryValue[i],
    customerId: customerId === undefined ? undefined : customerId[i],
    ...(input.count === undefined ? {} : { count: input.count[i] }),
  }));
}

/** Reads and validates the histories of a summary. @internal */
export function readHistories(input: RfmInput): HistoryArrays {
  if (input === null || typeof input !== "object") {
    throw new InvalidInputError({ field: "summary", value: input, expected: "an array of { frequency, recency, T } rows or columns of them" });
  }
  if (isColumns(input)) {
    const n = input.frequency.length;
    if (input.recency.length !== n || input.T.length !== n) {
      throw new InvalidInputError({ field: "summary", value: `columns of ${n}, ${input.recency.length} and ${input.T.length}`, expected: "frequency, recency and T columns of equal length" });
    }
    const counts = input.count;
    if (counts !== undefined && (counts === null || typeof counts !== "object" || counts.length !== n)) {
      throw new InvalidInputError({ field: "count", value: counts, expected: `a column of ${n} counts, as long as frequency` });
    }
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    const weight = counts === undefined ? null : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = input.frequency[i]!;
      const txi = input.recency[i]!;
      const Ti = input.T[i]!;
      checkHistory(xi, txi, Ti, i);
      x[i] = xi;
      tx[i] = txi;
      T[i] = Ti;
      if (weight !== null) weight[i] = checkCount(counts![i], i);
    }
    return { count: n, x, tx, T, weight };
  }
  const rows = summaryRows(input);
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  let weight: Float64Array | null = null;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r === null || typeof r !== "object") {
      throw new InvalidInputError({ field: "summary", value: r, expected: "a { frequency, recency, T } row", row: i });
    }
    checkHistory(r.frequency, r.recency, r.T, i);
    x[i] = r.frequency;
    tx[i] = r.recency;
    T[i] = r.T;
    if (r.count !== undefined) {
      weight ??= new Float64Array(n).fill(1);
      weight[i] = checkCount(r.count, i);
    }
  }
  return { count: n, x, tx, T, weight };
}

/**
 * Distinct rows of up to three numeric columns, with how many times each
 * occurs, and an index of the distinct values of the first column. @internal
 */
export interface GroupedRows {
  /** Number of distinct rows. */
  readonly count: number;
  /** The distinct rows, column by column (unused columns are empty). */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  /** How many input rows each distinct row stands for. */
  readonly weight: Float64Array;
  /** Sum of the weights (the number of input rows). */
  readonly total: number;
  /** The distinct values of column `a`, and each distinct row's index into them. */
  readonly aValues: Float64Array;
  readonly aIndex: Int32Array;
}

const hashCell = new Float64Array(1);
const hashWords = new Uint32Array(hashCell.buffer);

function mix(h: number, v: number): number {
  hashCell[0] = v + 0; // -0 and 0 hash alike
  h = Math.imul(h ^ hashWords[0]!, 0x9e3779b1);
  h = Math.imul(h ^ hashWords[1]!, 0x85ebca77);
  return h ^ (h >>> 13);
}

/**
 * Groups identical rows of (a, b, c) with an open-addressing hash table: one
 * pass, no string keys, so a million histories group in tens of milliseconds.
 * Pass `null` for an unused column; `weights` (default 1 each) are how many customers each row
 * stands for, so a row of weight k groups exactly as k copies of it. @internal
 */
export function groupRows(a: Float64Array, b: Float64Array | null, c: Float64Array | null, weights: Float64Array | null = null): GroupedRows {
  const n = a.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const ga = new Float64Array(n);
  const gb = new Float64Array(b === null ? 0 : n);
  const gc = new Float64Array(c === null ? 0 : n);
  const weight = new Float64Array(n);
  let count = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    if (w === 0) continue; // stands for no customer: no group, so the groups are those of the repeated rows
    total += w;
    const va = a[i]!;
    const vb = b === null ? 0 : b[i]!;
    const vc = c === null ? 0 : c[i]!;
    let slot = mix(mix(mix(0x2545f491, va), vb), vc) & mask;
    for (;;) {
      const g = slots[slot]!;
      if (g < 0) {
        slots[slot] = count;
        ga[count] = va;
        if (b !== null) gb[count] = vb;
        if (c !== null) gc[count] = vc;
        weight[count] = w;
        count++;
        break;
      }
      if (ga[g] === va && (b === null || gb[g] === vb) && (c === null || gc[g] === vc)) {
        weight[g]! += w;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const values = new Map<number, number>();
  const aIndex = new Int32Array(count);
  for (let g = 0; g < count; g++) {
    const v = ga[g]!;
    let k = values.get(v);
    if (k === undefined) {
      k = values.size;
      values.set(v, k);
    }
    aIndex[g] = k;
  }
  return {
    count,
    a: ga.slice(0, count),
    b: gb.slice(0, b === null ? 0 : count),
    c: gc.slice(0, c === null ? 0 : count),
    weight: weight.slice(0, count),
    total,
    aValues: Float64Array.from(values.keys()),
    aIndex,
  };
}

/** Distinct histories: a = frequency, b = recency, c = T. @internal */
export function groupHistories(h: HistoryArrays): GroupedRows {
  return groupRows(h.x, h.tx, h.T, h.weight);
}
