/**
 * JSON and NDJSON -> {@link EventTable}: NDJSON is one row object per line,
 * parsed as the lines arrive; JSON is an array of row objects, an object of
 * columns (`{ customerId: [...], at: [...], amount: [...] }`), or an object
 * whose `data`, `events` or `rows` property is one of those. The rows then go
 * through {@link eventTable}, with its `fields`, `onInvalid`, `currencyScale`
 * and `timeZone`; errors also name the source and line.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { eventTable } from "../events/eventTable.ts";
import type { EventTable } from "../events/table.ts";
import type { EventTableOptions } from "../events/types.ts";
import type { OpenedSource } from "./source.ts";

/** Reads NDJSON rows into a table. */
export async function readNdjson(source: OpenedSource, options: EventTableOptions<Record<string, unknown>>, onProgress: ((rows: number) => void) | undefined): Promise<EventTable> {
  // Line of each row, kept only once a blank line makes rows and lines differ.
  let lines: number[] | null = null;
  let rows = 0;
  async function* parsed(): AsyncIterable<Record<string, unknown>> {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let carry = "";
    let line = 0;
    const take = function* (text: string): Iterable<Record<string, unknown>> {
      line++;
      const trimmed = text.trim();
      if (trimmed === "") {
        lines ??= Array.from({ length: rows }, (_, i) => i + 1);
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (e) {
        throw new InvalidInputError({ field: "line", value: trimmed, expected: `a JSON object (${e instanceof Error ? e.message : String(e)})`, source: source.name, line, row: rows });
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new InvalidInputError({ field: "line", value: trimmed, expected: "a JSON object: one event per line", source: source.name, line, row: rows });
      }
      lines?.push(line);
      rows++;
      if (onProgress !== undefined && rows % 100_000 === 0) onProgress(rows);
      yield value as Record<string, unknown>;
    };
    for await (const chunk of source.chunks) {
      const text = carry + decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
        yield* take(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    carry += decoder.decode();
    if (carry.trim() !== "") yield* take(carry);
  }
  try {
    const table = await eventTable(parsed(), options);
    onProgress?.(rows);
    return table;
  } catch (e) {
    throw located(e, source.name, (row) => (lines === null ? row + 1 : lines[row]));
  }
}

/** Reads a JSON document into a table. */
export async function readJson(source: OpenedSource, options: EventTableOptions<Record<string, unknown>>): Promise<EventTable> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text = "";
  for await (const chunk of source.chunks) text += decoder.decode(chunk, { stream: true });
  text += decoder.decode();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError({ field: "source", value: source.name, expected: `a JSON document (${e instanceof Error ? e.message : String(e)})`, source: source.name });
  }
  const data = unwrap(value);
  if (data === undefined) {
    throw new InvalidInputError({
      field: "source",
      value: source.name,
      expected: "JSON holding an array of event objects, an object of columns, or an object whose data, events or rows property is one",
      source: source.name,
    });
  }
  try {
    return eventTable(data as Iterable<Record<string, unknown>>, options);
  } catch (e) {
    throw located(e, source.name, () => undefined);
  }
}

function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== "object") return undefined;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.customerId) || (typeof o.customerId === "object" && o.customerId !== null && Array.isArray(o.at))) return o;
  for (const key of ["data", "events", "rows"]) if (key in o) return unwrap(o[key]);
  return Object.values(o).some(Array.isArray) ? o : undefined;
}

/** The error again, naming the source (and the line of its row, when known). */
function located(e: unknown, source: string, lineOf: (row: number) => number | undefined): unknown {
  if (!(e instanceof InvalidInputError) || e.source !== undefined) return e;
  return new InvalidInputError({ field: e.field, value: e.value, expected: e.expected, row: e.row, source, line: e.row === undefined ? undefined : lineOf(e.row) });
}
