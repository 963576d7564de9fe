/**
 * The period options of an event analysis resolved once against a table: the
 * reported span [from, to), the events inside it, and a bucketer whose periods
 * also cover the history before `from` (so "new" and "active in the previous
 * period" see all earlier events). The options themselves are
 * `periods/options.ts`'s.
 *
 * @module
 */
import type { PeriodBucketer, ResolvedPeriodSpec } from "../periods/index.ts";
import { periodBucketer } from "../periods/index.ts";
import { type PeriodOptions, resolveBounds, resolveSpec } from "../periods/options.ts";
import type { EventTable } from "./table.ts";
import { tableColumns } from "./table.ts";
import type { EventRow, EventsArgument, EventTableOptions } from "./types.ts";

export type { PeriodOptions };
/**
 * Options of an analysis that takes events: period options plus {@link eventTable}'s options.
 * The one `timeZone` serves both: calendar periods, and instants written without an offset.
 * @category Events
 */
export type EventAnalysisOptions<Row = EventRow> = PeriodOptions & Omit<EventTableOptions<Row>, "timeZone">;

export type { EventsArgument };

/** A table with its periods and each in-span event's period index. @internal */
export interface BucketedEvents {
  readonly table: EventTable;
  readonly spec: ResolvedPeriodSpec;
  /** Epoch ms: the reported span is [from, to). */
  readonly from: number;
  readonly to: number;
  readonly bucketer: PeriodBucketer;
  /** Period index of each event 0..eventCount-1 (events at or after `to` are not bucketed); computed on first read. */
  readonly bucket: Int32Array;
  /** Index of the first event bucketed (0 unless history before `from` is left out). */
  readonly firstEvent: number;
  /** Events before this index are the ones before `to`. */
  readonly eventCount: number;
  /** Index of the first reported period (the one containing `from`). */
  readonly firstReported: number;
}

/** The span [from, to) of an analysis in epoch ms and the events inside it. @internal */
export interface EventSpan {
  readonly from: number;
  readonly to: number;
  /** Index of the first event at or after `from`. */
  readonly firstEvent: number;
  /** Index just after the last event before `to`. */
  readonly eventCount: number;
}

/** The span [from, to) of an analysis and the events inside it, or null when there is nothing to report. @internal */
export function resolveSpan(table: EventTable, options: Pick<PeriodOptions, "from" | "to">, timeZone = "UTC"): EventSpan | null {
  const bounds = resolveBounds(table.span, options, timeZone);
  if (bounds === null) return null;
  const time = tableColumns(table).time;
  return { ...bounds, firstEvent: countBelow(time, bounds.from), eventCount: countBelow(time, bounds.to) };
}

/**
 * Resolves the period options and buckets the events. With `history` (the
 * default) the periods start at the earliest event, before `from` if need be;
 * without it they start at `from` and earlier events are left out. Returns null
 * when there is nothing to report. @internal
 */
export function bucketEvents(table: EventTable, options: PeriodOptions, history = true): BucketedEvents | null {
  const spec = resolveSpec(options);
  const span = resolveSpan(table, options, spec.timeZone);
  if (span === null) return null;
  const { from, to, eventCount } = span;
  const time = tableColumns(table).time;
  const firstEvent = history ? 0 : span.firstEvent;
  const start = history && eventCount > 0 ? Math.min(time[0]!, from) : from;
  const bucketer = periodBucketer(start, to - 1, spec);
  const firstReported = bucketer.indexOf(from);
  let bucket: Int32Array | undefined;
  return {
    table, spec, from, to, bucketer, firstEvent, eventCount, firstReported,
    // Made on first use: a scan that sweeps the sorted times itself never pays for this array.
    get bucket(): Int32Array {
      if (bucket === undefined) {
        // Indexes line up with event positions; entries before firstEvent are unused.
        bucket = new Int32Array(eventCount);
        bucketer.bucket(time.subarray(firstEvent, eventCount), bucket.subarray(firstEvent));
      }
      return bucket;
    },
  };
}

/** Number of sorted values strictly below `x` (with `lo`, `hi`: the index in lo..hi of the first value at or above `x`). @internal */
export function countBelow(sorted: Float64Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
