/**
 * Fast instant-to-period mapping for millions of events: period boundaries are
 * computed once from the zone's calendar, then each instant is placed by
 * arithmetic and comparisons on a Float64Array of edges, with no Date per instant.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireArrayLike } from "../validate.ts";
import { type Instant, toEpochMs } from "./instant.ts";
import type { Period } from "./period.ts";
import { periodsBetween } from "./periodRange.ts";
import { type PeriodSpec, type PeriodUnit, type ResolvedPeriodSpec, resolvePeriodSpec } from "./spec.ts";

/**
 * Maps epoch-millisecond instants to the index of their period within a fixed range.
 *
 * @category Periods
 */
export interface PeriodBucketer {
  /** The resolved spec of the periods. */
  readonly spec: ResolvedPeriodSpec;
  /** The periods, oldest first (as {@link periodRange} returns them). */
  readonly periods: readonly Period[];
  /**
   * `periods.length + 1` edges in epoch ms: every period's start, then the last
   * period's end. Read it, do not write it (the bucketer works on its own copy).
   */
  readonly boundaries: Float64Array;
  /**
   * Index in `periods` of the period holding `t` (epoch ms), or -1 when `t` is
   * before the first start, at or after the last end, or NaN.
   */
  indexOf(t: number): number;
  /**
   * `indexOf` of every instant, written to `out` (a new Int32Array when not
   * given; when given it needs at least `times.length` elements, and the first
   * `times.length` are used). Sorted input costs one or two comparisons per
   * instant; unsorted input falls back to a guess from the mean period length
   * and a step or two.
   */
  bucket(times: ArrayLike<number>, out?: Int32Array): Int32Array;
}

/**
 * Index of the period holding `t` in `edges[0..count]`, assuming
 * `edges[0] <= t < edges[count]`. Calendar periods of one unit have nearly
 * equal lengths (a month is 28 to 31 days, a DST day 23 to 25 hours), so
 * `(t - edges[0]) / meanLength` lands on the right period or next to it: a
 * guess and a short walk beat a binary search, whose every step is a branch
 * the CPU cannot predict on unsorted input.
 */
function locate(edges: Float64Array, count: number, perMs: number, t: number): number {
  let k = Math.floor((t - edges[0]!) * perMs);
  if (k > count - 1) k = count - 1;
  else if (k < 0) k = 0;
  while (t < edges[k]!) k -= 1;
  while (t >= edges[k + 1]!) k += 1;
  return k;
}

class Bucketer implements PeriodBucketer {
  readonly spec: ResolvedPeriodSpec;
  readonly periods: readonly Period[];
  readonly boundaries: Float64Array;
  /** Private copy of the edges plus a sentinel equal to the last edge, so "the next period" needs no bounds test. */
  readonly #edges: Float64Array;
  readonly #count: number;
  /** Periods per millisecond on average, for the first guess of {@link locate}. */
  readonly #perMs: number;

  constructor(spec: ResolvedPeriodSpec, periods: Period[]) {
    const count = periods.length;
    const edges = new Float64Array(count + 2);
    for (let i = 0; i < count; i++) edges[i] = periods[i]!.start.getTime();
    edges[count] = periods[count - 1]!.end.getTime();
    edges[count + 1] = edges[count]!;
    this.spec = spec;
    this.periods = Object.freeze(periods);
    this.boundaries = edges.slice(0, count + 1);
    this.#edges = edges;
    this.#count = count;
    this.#perMs = count / (edges[count]! - edges[0]!);
  }

  indexOf(t: number): number {
    if (typeof t !== "number") throw new InvalidInputError({ field: "t", value: t, expected: "an instant in epoch milliseconds (a number)" });
    const edges = this.#edges;
    const count = this.#count;
    if (!(t >= edges[0]! && t < edges[count]!)) return -1;
    return locate(edges, count, this.#perMs, t);
  }

  bucket(times: ArrayLike<number>, out?: Int32Array): Int32Array {
    const n = requireArrayLike(times, "times", "an array (or Float64Array) of epoch milliseconds").length;
    if (out !== undefined && !(out instanceof Int32Array && out.length >= n)) {
      throw new InvalidInputError({ field: "out", value: out, expected: `an Int32Array of at least ${n} elements` });
    }
    const result = out ?? new Int32Array(n);
    const edges = this.#edges;
    const count = this.#count;
    const first = edges[0]!;
    const last = edges[count]!;
    const perMs = this.#perMs;
    // The last period found and its edges: a sorted input stays in it or moves to the next.
    let k = 0;
    let lo = first;
    let hi = edges[1]!;
    for (let i = 0; i < n; i++) {
      const t = times[i]!;
      if (t >= lo && t < hi) {
        result[i] = k;
      } else if (t >= hi && t < edges[k + 2]!) {
        k += 1;
        lo = hi;
        hi = edges[k + 1]!;
        result[i] = k;
      } else if (t >= first && t < last) {
        k = locate(edges, count, perMs, t);
        lo = edges[k]!;
        hi = edges[k + 1]!;
        result[i] = k;
      } else {
        result[i] = -1;
      }
    }
    return out === undefined || out.length === n ? result : result.subarray(0, n);
  }
}

/**
 * Builds a bucketer over the periods from the one holding `from` through the one holding `to`.
 *
 * Rule: the periods are `periodRange(from, to, spec)` and `boundaries` their
 * edges; `indexOf(t)` is the `i` with `boundaries[i] <= t < boundaries[i + 1]`,
 * or -1 outside `[boundaries[0], boundaries[periods.length])`. Equal to
 * `periodOf(t)` for every `t` inside, at a fraction of the cost: no Date is
 * made per instant, and `bucket` over time-sorted instants is a linear sweep
 * (about one comparison each); unsorted ones cost a guess from the mean period
 * length and a step or two.
 *
 * @param from - an instant in the first period
 * @param to - an instant in the last period, not before `from`
 * @param spec - a unit such as `"month"`, or a {@link PeriodSpec}
 * @returns the bucketer
 * @throws {@link InvalidInputError} as {@link periodRange} does; `bucket` throws it when `times` is not an array
 *   (or typed array) or `out` is too short
 * @example
 * ```ts
 * import { periodBucketer } from "retention-metrics/periods";
 * const b = periodBucketer("2024-01-01", "2024-03-31", { unit: "month", timeZone: "America/New_York" });
 * console.log(b.periods.map((p) => p.key)); // ["2024-01","2024-02","2024-03"]
 * // 03:00Z on March 1 is still February in New York; 2025 is outside the range.
 * const times = Float64Array.of(Date.UTC(2024, 0, 10), Date.UTC(2024, 2, 1, 3), Date.UTC(2024, 2, 1, 6), Date.UTC(2025, 0, 1));
 * console.log(Array.from(b.bucket(times))); // [0,1,2,-1]
 * console.log(b.indexOf(Date.UTC(2024, 1, 14))); // 1
 * ```
 * @category Periods
 */
export function periodBucketer(from: Instant, to: Instant, spec: PeriodSpec | PeriodUnit): PeriodBucketer {
  const resolved = resolvePeriodSpec(spec);
  const fromMs = toEpochMs(from, { field: "from", timeZone: resolved.timeZone });
  const toMs = toEpochMs(to, { field: "to", timeZone: resolved.timeZone });
  return new Bucketer(resolved, periodsBetween(fromMs, toMs, resolved, from, to));
}
