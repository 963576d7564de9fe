/**
 * Event input: rows, iterables or columns normalised into an {@link EventTable}.
 *
 * @module events
 */
export { eventTable } from "./eventTable.ts";
export { EventTable } from "./table.ts";
export type { EventRecord, EventSpanMs } from "./table.ts";
export type {
  CustomerId,
  EventColumns,
  EventFields,
  EventRow,
  EventsInput,
  EventTableOptions,
  FieldAccessor,
  OnInvalid,
  SkippedCounts,
  SkippedRow,
  SkippedRows,
} from "./types.ts";
export type { EventAnalysisOptions, EventsArgument, PeriodOptions } from "./bucketEvents.ts";
