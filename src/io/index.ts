/**
 * Reading events from files and streams: CSV, TSV, Parquet, NDJSON and JSON
 * (gzipped or not) from a path, URL, Blob, bytes or stream, into the
 * {@link EventTable} every analysis takes; and the detection of the id, time
 * and amount columns from their common names.
 *
 * @module io
 */
export { readEvents } from "./readEvents.ts";
export type { EventFileFormat, FileFields, ReadEventsOptions, ReadProgress } from "./readEvents.ts";
export type { EventSource } from "./source.ts";
export type { EpochUnit } from "./encodedEvents.ts";
export { COMMON_FIELD_NAMES, detectEventFields } from "../events/fieldNames.ts";
export type { EventFieldName } from "../events/fieldNames.ts";
