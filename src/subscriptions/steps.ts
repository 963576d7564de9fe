/**
 * From valid rows to each customer's MRR step function: intervals become +mrr
 * at the start and -mrr at the end, change events set the level; the points
 * are grouped by customer (a counting sort), sorted by time within each
 * customer, and the points of one instant are applied together, so that
 * contiguous intervals are one change of price and overlapping ones add up.
 * Only real changes of a customer's level are kept.
 *
 * @internal
 * @module
 */
import { InconsistentDataError } from "../errors.ts";
import { IdEncoder } from "../events/idEncoder.ts";
import type { CustomerId } from "../events/types.ts";
import { fromMinorUnits } from "../money.ts";
import type { RawSubscriptions } from "./rows.ts";
import { type ContractsData, type MrrSteps, SubscriptionTable } from "./table.ts";

/**
 * Builds the table from valid rows.
 *
 * @throws {@link InconsistentDataError} when two change events of one customer at the same instant
 *   give different MRRs (no order of the rows could tell which one holds)
 */
export function buildSubscriptionTable(raw: RawSubscriptions, scale: number): SubscriptionTable {
  const steps = stepFunctions(raw, scale, true);
  // The view with each canceled interval ending at its cancellation, for churnRecognition "cancelDate".
  let canceled: MrrSteps | null = null;
  if (raw.c !== null && raw.b !== null) {
    const c = raw.c;
    const b = Float64Array.from(raw.b, (end, r) => (c[r]! === c[r]! ? c[r]! : end));
    canceled = stepFunctions({ ...raw, b }, scale, false);
  }
  return new SubscriptionTable(
    {
      offsets: steps.offsets,
      time: steps.time,
      level: steps.level,
      ids: Object.freeze(Array.from(steps.ids)),
      currencyScale: scale,
      shape: raw.shape,
      contracts: steps.contracts,
      canceled,
    },
    raw.skipped,
  );
}

/** Step functions of the rows, and (when asked, for intervals) the priced intervals in start order. */
function stepFunctions(raw: RawSubscriptions, scale: number, withContracts: boolean): MrrSteps & { ids: ArrayLike<CustomerId>; contracts: ContractsData | null } {
  const { a, b, m, ids } = raw;
  const n = a.length;
  const intervals = raw.shape === "intervals";

  // 1. Customer codes in order of first appearance, and each customer's number of points:
  //    every row's start (or instant), and the end of each closed interval with MRR.
  const encoder = new IdEncoder(ids);
  const rowCode = encoder.codes(ids);
  const customers = encoder.count;
  const counts = new Int32Array(customers + 1);
  const hasEnd = intervals && b !== null ? new Uint8Array(n) : null;
  for (let r = 0; r < n; r++) {
    let k = 1;
    if (hasEnd !== null && b![r]! === b![r]! && m[r]! > 0) {
      hasEnd[r] = 1;
      k = 2;
    }
    counts[rowCode[r]! + 1]! += k;
  }
  const offsets = counts;
  for (let c = 0; c < customers; c++) offsets[c + 1]! += offsets[c]!;

  // 2. The points grouped by customer (a counting sort), then each group sorted by time.
  const count = offsets[customers]!;
  const time = new Float64Array(count);
  const ref = new Int32Array(count); // row index for a start, ~row for an end
  const fill = offsets.slice(0, customers);
  for (let r = 0; r < n; r++) {
    const c = rowCode[r]!;
    let k = fill[c]!++;
    time[k] = a[r]!;
    ref[k] = r;
    if (hasEnd !== null && hasEnd[r] === 1) {
      k = fill[c]!++;
      time[k] = b![r]!;
      ref[k] = ~r;
    }
  }
  for (let c = 0; c < customers; c++) sortGroup(time, ref, offsets[c]!, offsets[c + 1]!);

  // 3. Each customer's step function, applying the points of one instant together. The
  //    changes overwrite the points in place (a customer never has more changes than points).
  //    For intervals, also the priced intervals in start order.
  const level = new Float64Array(count);
  const contracts = intervals && withContracts ? new ContractCollector(customers, n) : null;
  let out = 0;
  let first = 0;
  for (let c = 0; c < customers; c++) {
    let current = 0;
    const last = offsets[c + 1]!;
    for (let k = first; k < last; ) {
      const t = time[k]!;
      let next = current;
      let set = -1;
      for (; k < last && time[k]! === t; k++) {
        const r = ref[k]!;
        if (!intervals) {
          const v = m[r]!;
          if (set >= 0 && v !== set) throw conflict(ids[r]!, t, set, v, scale);
          set = v;
          next = v;
        } else if (r >= 0) {
          next += m[r]!;
          if (contracts !== null && m[r]! > 0 && !(b !== null && b[r] === a[r])) contracts.add(a[r]!, b === null ? NaN : b[r]!);
        } else {
          next -= m[~r]!;
        }
      }
      if (next !== current) {
        time[out] = t;
        level[out++] = next;
        current = next;
      }
    }
    first = last;
    offsets[c + 1] = out; // from here on, offsets index the changes
    contracts?.close(c);
  }

  return {
    offsets,
    time: out === count ? time : time.slice(0, out),
    level: out === count ? level : level.slice(0, out),
    ids: encoder.ids(),
    contracts: contracts?.result() ?? null,
  };
}

/**
 * Sorts `time[lo..hi)` ascending, moving `ref` along. A customer has few
 * points, usually in order already: insertion sort, which costs one
 * comparison a point then; a long group is sorted by index instead.
 */
function sortGroup(time: Float64Array, ref: Int32Array, lo: number, hi: number): void {
  if (hi - lo > 32) {
    const idx = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((x, y) => time[x]! - time[y]! || x - y);
    const t = idx.map((i) => time[i]!);
    const r = idx.map((i) => ref[i]!);
    time.set(t, lo);
    ref.set(r, lo);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const t = time[i]!;
    if (t >= time[i - 1]!) continue;
    const x = ref[i]!;
    let j = i - 1;
    while (j >= lo && time[j]! > t) {
      time[j + 1] = time[j]!;
      ref[j + 1] = ref[j]!;
      j--;
    }
    time[j + 1] = t;
    ref[j + 1] = x;
  }
}

/** Priced intervals in (customer, start) order, as the grouped walk meets them. */
class ContractCollector {
  private readonly offsets: Int32Array;
  private readonly start: Float64Array;
  private readonly end: Float64Array;
  private length = 0;

  constructor(customers: number, capacity: number) {
    this.offsets = new Int32Array(customers + 1);
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
  }

  add(start: number, end: number): void {
    this.start[this.length] = start;
    this.end[this.length++] = end;
  }

  close(customer: number): void {
    this.offsets[customer + 1] = this.length;
  }

  result(): ContractsData {
    return { offsets: this.offsets, start: this.start.slice(0, this.length), end: this.end.slice(0, this.length) };
  }
}

/** The error of two different MRRs at one instant; a bigint id is shown as written (`7n`), which JSON.stringify cannot. */
function conflict(id: CustomerId, t: number, x: number, y: number, scale: number): InconsistentDataError {
  const [lo, hi] = x < y ? [x, y] : [y, x];
  return new InconsistentDataError(
    `Customer ${typeof id === "bigint" ? `${id}n` : JSON.stringify(id)} has two MRR changes at ${new Date(t).toISOString()} with different MRRs ` +
      `(${fromMinorUnits(lo, scale).toString()} and ${fromMinorUnits(hi, scale).toString()}): keep one change per customer and instant.`,
    { customerId: id, at: new Date(t).toISOString(), mrr: [fromMinorUnits(lo, scale).toString(), fromMinorUnits(hi, scale).toString()] },
  );
}
