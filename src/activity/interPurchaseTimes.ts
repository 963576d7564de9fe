/**
 * `interPurchaseTimes`: the gaps between a customer's consecutive purchases.
 *
 * @module
 */
import { quantileSorted } from "../stats/quantile.ts";
import { requireFractionList, requireIntegerIn, requireOneOf, requireOptions, requirePositiveCount, requireSynchronous } from "../validate.ts";
import { tableColumns } from "../events/table.ts";
import { resolveSpan, type EventsArgument, type PeriodOptions } from "../events/bucketEvents.ts";
import type { EventRow, EventTableOptions } from "../events/types.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * Units of {@link interPurchaseTimes}: fixed lengths of elapsed time (a day is 24 hours).
 *
 * @category Activity
 */
export type GapUnit = "minute" | "hour" | "day" | "week";

const UNIT_MS: Record<GapUnit, number> = { minute: 60e3, hour: 3600e3, day: 86400e3, week: 7 * 86400e3 };

/**
 * Options of {@link interPurchaseTimes}.
 *
 * @category Activity
 */
export interface InterPurchaseTimesOptions<Row = EventRow> extends EventTableOptions<Row>, Pick<PeriodOptions, "from" | "to">, ReturnEventOption {
  /** Unit of the gaps; default `"day"`. */
  unit?: GapUnit;
  /** Probabilities of the quantiles reported; default [0.1, 0.25, 0.5, 0.75, 0.9]. */
  quantiles?: readonly number[];
  /** Equal-width histogram bins from 0 to the largest gap; default 20. */
  bins?: number;
}

/**
 * One quantile of a distribution.
 *
 * @category Activity
 */
export interface QuantileValue {
  /** The probability, 0..1. */
  q: number;
  /** The quantile, `null` when there are no values. */
  value: number | null;
}

/**
 * Summary statistics of a set of gaps.
 *
 * @category Activity
 */
export interface GapStatistics {
  /** Number of values summarised. */
  count: number;
  /** Mean, `null` when there are none. */
  mean: number | null;
  /** Median, `null` when there are none. */
  median: number | null;
  /** The requested quantiles (type 7), `null` values when there are none. */
  quantiles: QuantileValue[];
}

/**
 * One bin of the gap histogram, [from, to) (the last bin includes its end).
 *
 * @category Activity
 */
export interface GapBin {
  /** Lower edge, in the unit. */
  from: number;
  /** Upper edge, in the unit. */
  to: number;
  /** Gaps in the bin. */
  count: number;
}

/**
 * The result of {@link interPurchaseTimes}.
 *
 * @category Activity
 */
export interface InterPurchaseTimesResult {
  /** The unit of every figure. */
  unit: GapUnit;
  /** Statistics over all gaps of all customers. */
  gaps: GapStatistics;
  /** Statistics over the customers' own mean gaps (customers with 2+ purchases), so heavy buyers do not dominate. */
  customerMeans: GapStatistics;
  /** Customers with at least two purchases (at least one gap). */
  repeatCustomers: number;
  /** Histogram of all gaps. */
  histogram: GapBin[];
}

/**
 * The times between consecutive purchases of each customer: their mean, median,
 * quantiles and histogram, over all gaps and over each customer's mean gap.
 *
 * Definition ([time between purchases](../../docs/definitions.md#time-between-purchases)): for a customer with purchases at
 * t1 <= t2 <= ... <= tm, the gaps are t2 - t1, ..., tm - t(m-1), in `unit`
 * (elapsed time: a day is 24 hours, whatever the time zone). Two purchases at
 * the same instant make a gap of 0. Only events in [from, to) are used.
 *
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), the gaps are those between a customer's return events (the purchases). `startEvent` is
 * refused: this analysis forms no cohorts.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - `unit` (default `"day"`), `quantiles`, `bins` (default 20), `from`, `to`,
 *   and the {@link eventTable} options for rows
 * @returns the statistics and histogram; `null` statistics when no customer bought twice
 * @throws {@link InvalidInputError} for bad rows or options
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
 * @example
 * ```ts
 * import { interPurchaseTimes } from "retention-metrics";
 * const r = interPurchaseTimes([
 *   { customerId: "a", at: "2024-01-01T00:00:00Z" },
 *   { customerId: "a", at: "2024-01-11T00:00:00Z" },
 *   { customerId: "a", at: "2024-01-15T00:00:00Z" },
 * ]);
 * console.log(r.gaps.mean, r.gaps.median); // 7 7
 * ```
 * @category Activity
 */
export function interPurchaseTimes<Row = EventRow>(events: EventsArgument<Row>, options: InterPurchaseTimesOptions<Row> = {}): InterPurchaseTimesResult {
  requireOptions(options, "options", '{ unit: "day" }');
  const unit = requireOneOf(options.unit ?? "day", "unit", ["minute", "hour", "day", "week"] as const);
  const probabilities = requireFractionList(options.quantiles ?? [0.1, 0.25, 0.5, 0.75, 0.9], "quantiles", "[0.5, 0.9]");
  const binCount = requireIntegerIn(options.bins ?? 20, "bins", 1, 100_000);
  requireSynchronous(events, "events", "eventTable");
  // With returnEvent, the gaps are between a customer's return events (purchases).
  const { table, options: o } = onReturnEvents(eventTable(events, options), options, "interPurchaseTimes");
  const span = resolveSpan(table, o, options.timeZone);
  const cols = tableColumns(table);
  const lastTime = new Float64Array(cols.ids.length).fill(Number.NaN);
  const gapSum = new Float64Array(cols.ids.length);
  const gapCount = new Int32Array(cols.ids.length);
  const gaps: number[] = [];
  const perMs = 1 / UNIT_MS[unit];
  for (let i = span?.firstEvent ?? 0; i < (span?.eventCount ?? 0); i++) {
    const c = cols.customer[i]!;
    const t = cols.time[i]!;
    const before = lastTime[c]!;
    lastTime[c] = t;
    if (Number.isNaN(before)) continue;
    const gap = (t - before) * perMs;
    gaps.push(gap);
    gapSum[c]! += gap;
    gapCount[c]!++;
  }
  const means: number[] = [];
  for (let c = 0; c < gapCount.length; c++) if (gapCount[c]! > 0) means.push(gapSum[c]! / gapCount[c]!);
  const sortedGaps = Float64Array.from(gaps).sort();
  return displayable({
    unit,
    gaps: describe(sortedGaps, probabilities),
    customerMeans: describe(Float64Array.from(means).sort(), probabilities),
    repeatCustomers: means.length,
    histogram: histogram(sortedGaps, binCount),
  });
}

function describe(sorted: Float64Array, probabilities: readonly number[]): GapStatistics {
  let sum = 0;
  for (const x of sorted) sum += x;
  return {
    count: sorted.length,
    mean: sorted.length > 0 ? sum / sorted.length : null,
    median: quantileSorted(sorted, 0.5),
    quantiles: probabilities.map((q) => ({ q, value: quantileSorted(sorted, q) })),
  };
}

function histogram(sorted: Float64Array, bins: number): GapBin[] {
  if (sorted.length === 0) return [];
  const max = sorted[sorted.length - 1]!;
  const width = max > 0 ? max / bins : 1;
  const out: GapBin[] = Array.from({ length: bins }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }));
  for (const g of sorted) out[Math.min(bins - 1, Math.floor(g / width))]!.count++;
  return out;
}
