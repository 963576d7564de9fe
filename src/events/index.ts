/**
 * Event input: rows, iterables, columns, Arrow tables or DuckDB results normalised into an {@link EventTable}.
 *
 * @module events
 */
export { eventTable } from "./eventTable.ts";
export { EventTable } from "./table.ts";
export type { EventRecord, EventSpanMs } from "./table.ts";
export type { ArrowDataLike, ArrowDataTypeLike, ArrowTableLike } from "./arrow.ts";
export type { DuckDBColumnsLike, DuckDBColumnTypeLike, DuckDBDataChunkLike, DuckDBResultLike, DuckDBResultReaderLike, DuckDBVectorLike } from "./duckdb.ts";
export type { EpochUnit } from "./epoch.ts";
export type {
  ColumnarSourceOptions,
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
export type { EventNameFilter, ReturnEventOption, StartReturnOptions } from "./eventSelection.ts";
