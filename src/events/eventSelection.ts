/**
 * `startEvent` and `returnEvent`: which events of a table with names form
 * cohorts and which count as activity (PostHog's and Amplitude's "start
 * event" and "return event"). A filter is checked once against the table's
 * names and becomes a mask over the name codes, so an analysis reads one
 * byte per event, never a string. Shared by the activity, cohort and
 * lifetime-value analyses, hence here.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { EventSpanMs } from "./table.ts";
import { EventTable, tableColumns } from "./table.ts";

/**
 * Which events an option selects, by their name: one name, a list of names (any of them), or a
 * predicate on the name (called once per distinct name, it must return a boolean).
 *
 * @category Events
 */
export type EventNameFilter = string | readonly string[] | ((name: string) => boolean);

/**
 * The option of the analyses that count activity: which events count.
 *
 * @category Events
 */
export interface ReturnEventOption {
  /**
   * The events that count as activity (PostHog's and Amplitude's "return event"); default: every
   * event. Needs a table with names (an `event` field); a name the table does not have is an error.
   */
  returnEvent?: EventNameFilter;
}

/**
 * The options of the analyses that form cohorts: which events start a customer's cohort
 * membership and which count as activity after it.
 *
 * @category Events
 */
export interface StartReturnOptions extends ReturnEventOption {
  /**
   * The events that form cohorts (PostHog's and Amplitude's "start event"): a customer joins the
   * cohort of their first such event; default: every event. Needs a table with names; a name the
   * table does not have is an error.
   */
  startEvent?: EventNameFilter;
}

/** Start and return masks over a table's name codes. @internal */
export interface EventSelection {
  /** Name code per event (the table's own array). */
  readonly codes: Int32Array;
  /** Per name code, 1 when its events start cohort memberships. */
  readonly start: Uint8Array;
  /** Per name code, 1 when its events count as activity. */
  readonly ret: Uint8Array;
}

/** At most this many names are listed in an error. */
const LISTED = 20;

/** The table's names, for messages. */
function namesThere(names: readonly string[]): string {
  if (names.length === 0) return "the table has no events";
  const shown = names.slice(0, LISTED).map((n) => JSON.stringify(n)).join(", ");
  return `the names are ${shown}${names.length > LISTED ? `, ... (${names.length} in all)` : ""}`;
}

/**
 * The mask over the table's name codes that a filter selects.
 *
 * @throws {@link InvalidInputError} naming `field` for a table without names, a name or list
 *   element that is not a non-empty string or not among the table's names (listing them), an empty
 *   list, or a predicate that returns something other than a boolean @internal
 */
export function nameMask(table: EventTable, filter: unknown, field: string): Uint8Array {
  // No events, no names to check against: only the filter's form is checked (an empty input is no error).
  const names = table.length === 0 ? null : table.eventNames;
  if (names !== null && !table.hasEventNames) {
    throw new InvalidInputError({ field, value: filter, expected: `events with names for ${field}: give the events an "event" field or column (or map one with fields: { event: "..." }), or leave ${field} out` });
  }
  const mask = new Uint8Array(names?.length ?? 0);
  const select = (name: unknown, at: string): void => {
    if (typeof name !== "string" || name === "") throw new InvalidInputError({ field: at, value: name, expected: "an event name, a non-empty string" });
    if (names === null) return;
    const k = names.indexOf(name);
    if (k < 0) throw new InvalidInputError({ field: at, value: name, expected: `one of the table's event names (${namesThere(names)})` });
    mask[k] = 1;
  };
  if (typeof filter === "function") {
    for (let k = 0; k < mask.length; k++) {
      const keep: unknown = filter(names![k]);
      if (typeof keep !== "boolean") throw new InvalidInputError({ field: `${field}(${JSON.stringify(names![k])})`, value: keep, expected: "true or false" });
      if (keep) mask[k] = 1;
    }
  } else if (Array.isArray(filter)) {
    if (filter.length === 0) throw new InvalidInputError({ field, value: filter, expected: `at least one event name, or no ${field} for every event` });
    // A plain loop: a hole in a sparse array is refused too.
    for (let i = 0; i < filter.length; i++) select(filter[i], `${field}[${i}]`);
  } else if (typeof filter === "string") {
    select(filter, field);
  } else {
    throw new InvalidInputError({ field, value: filter, expected: "an event name, a list of names, or a predicate on the name" });
  }
  return mask;
}

/**
 * The start and return masks of the options, or null when neither is given (every event is both:
 * the default path).
 *
 * @throws {@link InvalidInputError} as {@link nameMask} @internal
 */
export function eventSelection(table: EventTable, options: StartReturnOptions): EventSelection | null {
  const { startEvent, returnEvent } = options;
  if (startEvent === undefined && returnEvent === undefined) return null;
  if (table.length === 0) {
    for (const [field, filter] of [["startEvent", startEvent], ["returnEvent", returnEvent]] as const) if (filter !== undefined) nameMask(table, filter, field);
    return null;
  }
  const every = (): Uint8Array => new Uint8Array(table.eventNames.length).fill(1);
  const start = startEvent === undefined ? every() : nameMask(table, startEvent, "startEvent");
  const ret = returnEvent === undefined ? every() : nameMask(table, returnEvent, "returnEvent");
  return { codes: tableColumns(table).event!, start, ret };
}

/**
 * Refuses `startEvent` on an analysis that forms no cohorts.
 *
 * @throws {@link InvalidInputError} when `startEvent` is given @internal
 */
export function refuseStartEvent(options: object, analysis: string): void {
  const value = (options as { startEvent?: unknown }).startEvent;
  if (value !== undefined) {
    throw new InvalidInputError({
      field: "startEvent",
      value,
      expected: `no startEvent with ${analysis}, which forms no cohorts (returnEvent chooses the events that count as activity; cohortMatrix and survivalCurve take startEvent)`,
    });
  }
}

/** The default bounds of a period analysis, `from` the first event and `to` just after the last. @internal */
export function spanBounds(span: EventSpanMs): { from: number; to: number } {
  return { from: span.first, to: span.last + 1 };
}

/**
 * An analysis that counts activity only, on its return events: the table of those events, and the
 * options with the defaults that depend on the data (`pin`, default `from` and `to`) taken from the
 * whole table, so that the periods (or window, or observation end) are those of the data, not of
 * its first and last return event. Without `returnEvent`, the table and options as they are.
 *
 * @throws {@link InvalidInputError} for `startEvent`, or as {@link nameMask} @internal
 */
export function onReturnEvents<O extends object>(
  table: EventTable,
  options: O,
  analysis: string,
  pin: (span: EventSpanMs) => object = spanBounds,
): { table: EventTable; options: O } {
  refuseStartEvent(options, analysis);
  const filter = (options as ReturnEventOption).returnEvent;
  if (filter === undefined) return { table, options };
  const mask = nameMask(table, filter, "returnEvent");
  if (table.length === 0) return { table, options };
  const span = table.span;
  const pinned: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  if (span !== null) for (const [key, value] of Object.entries(pin(span))) if (pinned[key] === undefined) pinned[key] = value;
  return { table: selectEvents(table, mask), options: pinned as O };
}

/**
 * The table of the events whose name code is selected by `mask`: customers renumbered in order of
 * their first event kept (customers with none left out), everything else as it was. @internal
 */
export function selectEvents(table: EventTable, mask: Uint8Array): EventTable {
  const d = tableColumns(table);
  const codes = d.event!;
  const n = codes.length;
  let kept = 0;
  for (let i = 0; i < n; i++) kept += mask[codes[i]!]!;
  const customer = new Int32Array(kept);
  const time = new Float64Array(kept);
  const amount = d.amount === null ? null : new Float64Array(kept);
  const event = new Int32Array(kept);
  const renumbered = new Int32Array(d.ids.length).fill(-1);
  const ids: Array<(typeof d.ids)[number]> = [];
  for (let i = 0, k = 0; i < n; i++) {
    const name = codes[i]!;
    if (mask[name] === 0) continue;
    const old = d.customer[i]!;
    let c = renumbered[old]!;
    if (c < 0) {
      c = renumbered[old] = ids.length;
      ids.push(d.ids[old]!);
    }
    customer[k] = c;
    time[k] = d.time[i]!;
    if (amount !== null) amount[k] = d.amount![i]!;
    event[k++] = name;
  }
  return new EventTable({ customer, time, amount, ids, currencyScale: d.currencyScale, event, eventNames: d.eventNames ?? [] }, table.skipped);
}
