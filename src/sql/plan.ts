/**
 * What every warehouse method shares: the checked settings, the analysis
 * span [from, to) resolved as the in-memory code resolves it (defaults from
 * the data's first and last valid instant), and the periods in TypeScript.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { checkCurrencyScale } from "../money.ts";
import { type PeriodOptions, resolveBounds, resolveSpec } from "../periods/options.ts";
import type { ResolvedPeriodSpec } from "../periods/index.ts";
import { Binder, type Dialect } from "./dialect.ts";
import type { EventSource } from "./source.ts";

/** A query with its bound values, ready for the caller's driver. */
export interface CompiledQuery {
  /** The SQL text: every value a placeholder, every name a quoted identifier. */
  readonly sql: string;
  /** The values: an array for DuckDB and PostgreSQL, an object of named values for ClickHouse. */
  readonly params: unknown[] | Record<string, unknown>;
}

/** The data's valid span, from the span query (null: no valid event). @internal */
export interface DataSpan {
  readonly first: number;
  readonly last: number;
}

/** The settings every method reads from its options. @internal */
export interface MethodSettings {
  readonly spec: ResolvedPeriodSpec;
  readonly currencyScale: number;
  readonly onInvalid: "throw" | "skip";
}

/** Reads the options every method shares. @internal */
export function methodSettings(options: PeriodOptions & { currencyScale?: number; onInvalid?: unknown }): MethodSettings {
  refuseReadingOptions(options);
  const onInvalid = options.onInvalid ?? "throw";
  if (onInvalid !== "throw" && onInvalid !== "skip") throw new InvalidInputError({ field: "onInvalid", value: onInvalid, expected: '"throw" or "skip"' });
  return { spec: resolveSpec(options), currencyScale: checkCurrencyScale(options.currencyScale ?? 2), onInvalid };
}

/**
 * Refuses the options of `eventTable` that say how to read rows in memory: in a warehouse the
 * `events` setting says it (`customerId`, `at`, `amount`, `epochUnit`), and an option silently
 * ignored would give other figures than the caller asked for.
 *
 * Also refuses `startEvent` and `returnEvent` (named events), not computed in the engine yet.
 *
 * @throws {@link InvalidInputError} naming `fields`, `epochUnit`, `startEvent` or `returnEvent` when given
 */
function refuseReadingOptions(options: object): void {
  // Named events (#15's startEvent and returnEvent) need an event column the warehouse does not read yet.
  for (const option of ["startEvent", "returnEvent"] as const) {
    const value = (options as Record<string, unknown>)[option];
    if (value !== undefined) {
      throw new InvalidInputError({ field: option, value, expected: `no ${option} in a warehouse method's options (named events are not computed in the engine yet; use the in-memory function)` });
    }
  }
  for (const option of ["fields", "epochUnit"] as const) {
    const value = (options as Record<string, unknown>)[option];
    if (value === undefined) continue;
    throw new InvalidInputError({
      field: option,
      value,
      expected: `no ${option} in a warehouse method's options (the warehouse's events setting names the columns${option === "epochUnit" ? " and events.epochUnit the unit of an epoch-number column" : ""})`,
    });
  }
}

/**
 * The span [from, to) of an analysis, as the in-memory functions resolve it;
 * null when there is nothing to report. `data` is the data's span, or
 * `undefined` when it was not read (compile: both bounds must then be given).
 *
 * @throws {@link InvalidInputError} when `to` is not after `from`, or (data not read) a bound is missing
 */
export function analysisBounds(options: PeriodOptions, spec: ResolvedPeriodSpec, data: DataSpan | null | undefined, method: string): { from: number; to: number } | null {
  if (data === undefined && (options.from === undefined || options.to === undefined)) {
    throw new InvalidInputError({
      field: options.from === undefined ? "from" : "to",
      value: undefined,
      expected: `an explicit from and to for compile.${method} (the periods' boundaries are bound values; wh.${method} reads the data's span first)`,
    });
  }
  return resolveBounds(data ?? null, options, spec.timeZone);
}

/** The options among `names` that are given (not undefined), to pass on. @internal */
export function presentOptions(options: object, names: readonly string[]): Record<string, unknown> {
  const o = options as Record<string, unknown>;
  return Object.fromEntries(names.filter((n) => o[n] !== undefined).map((n) => [n, o[n]]));
}

/** The options every method reads and refuses as the engine reads them: currencyScale, onInvalid, fields, epochUnit. @internal */
export const READING_OPTIONS = ["currencyScale", "onInvalid", "fields", "epochUnit", "startEvent", "returnEvent"] as const;

/** A binder for a dialect. @internal */
export function binderOf(dialect: Dialect): Binder {
  return new Binder(dialect);
}

/** The compiled query of a binder's values. @internal */
export function compiled(sql: string, binder: Binder): CompiledQuery {
  return { sql, params: binder.params() };
}

/** The settings of the source and dialect, passed to every method's compiler. @internal */
export interface WarehouseContext {
  readonly dialect: Dialect;
  readonly source: EventSource;
}
