/**
 * Typed errors. Every failure a caller can cause is one of these classes, with a
 * stable `code` to branch on and a message that says what was wrong and what
 * would be right.
 *
 * @module errors
 */

/**
 * Stable machine-readable codes of {@link RetentionMetricsError} and its subclasses.
 *
 * @category Errors
 */
export type RetentionMetricsErrorCode =
  | "INVALID_INPUT"
  | "INCONSISTENT_DATA"
  | "CONVERGENCE";

/**
 * Base class of every error this library throws on purpose.
 *
 * @example
 * ```ts
 * import { churnRate, RetentionMetricsError } from "retention-metrics";
 * try {
 *   churnRate({ customersAtStart: 0, customersLost: 0 });
 * } catch (e) {
 *   if (e instanceof RetentionMetricsError) console.log(e.code); // "INVALID_INPUT"
 * }
 * ```
 * @category Errors
 */
export class RetentionMetricsError extends Error {
  /** Stable machine-readable code. */
  readonly code: RetentionMetricsErrorCode;

  /**
   * @param code - the error's stable code
   * @param message - what was wrong and what would be right
   */
  constructor(code: RetentionMetricsErrorCode, message: string) {
    // A message is the point of these errors: one left out (or not a string) still says which error it is.
    super(typeof message === "string" && message !== "" ? message : `${new.target.name} (${String(code)})`);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Where an invalid value was found, and what was expected instead.
 *
 * @category Errors
 */
export interface InvalidInputDetails {
  /** The argument or field name, e.g. `"customersAtStart"` or `"at"`. */
  field: string;
  /** The offending value, as given. */
  value: unknown;
  /** What a valid value looks like, e.g. `"a non-negative integer"`. */
  expected: string;
  /** The row index, when the value came from a row of a table or list. */
  row?: number | undefined;
  /** The file or source the value was read from, when a reader read it. */
  source?: string | undefined;
  /** The 1-based line of a text file the value was read from. */
  line?: number | undefined;
}

/**
 * A value that is not acceptable on its own: a negative count, an unparseable
 * instant, an unknown time zone, an amount with more decimals than the currency
 * scale. The message names the row (when there is one), the field and the value.
 *
 * @example
 * ```ts
 * import { InvalidInputError } from "retention-metrics";
 * const e = new InvalidInputError({ field: "orders", value: -1, expected: "a non-negative integer" });
 * console.log(e.message); // "Invalid orders: -1; expected a non-negative integer."
 * ```
 * @category Errors
 */
export class InvalidInputError extends RetentionMetricsError {
  /** The argument or field name. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** What a valid value looks like. */
  readonly expected: string;
  /** The row index, when the value came from a row. */
  readonly row: number | undefined;
  /** The file or source, when a reader read the value. */
  readonly source: string | undefined;
  /** The 1-based line of a text file, when a reader read the value from one. */
  readonly line: number | undefined;

  /** @param details - where the value was found and what was expected */
  constructor(details: InvalidInputDetails) {
    if (details === null || typeof details !== "object") details = { field: "value", value: details, expected: "a valid value" };
    const place = [details.source === undefined ? undefined : safeString(details.source), details.line === undefined ? undefined : `line ${safeString(details.line)}`]
      .filter((x) => x !== undefined)
      .join(", ");
    const where = (details.row === undefined ? "" : ` at row ${safeString(details.row)}`) + (place === "" ? "" : ` (${place})`);
    super(
      "INVALID_INPUT",
      `Invalid ${safeString(details.field)}${where}: ${describeValue(details.value)}; expected ${safeString(details.expected)}.`,
    );
    this.field = details.field;
    this.value = details.value;
    this.expected = details.expected;
    this.row = details.row;
    this.source = details.source;
    this.line = details.line;
  }
}

/**
 * Aggregates that are each valid but cannot all be true together, such as more
 * customers lost than there were at the start, or more daily than monthly
 * active users.
 *
 * @example
 * ```ts
 * import { stickiness, InconsistentDataError } from "retention-metrics";
 * try {
 *   stickiness({ dailyActive: 4000, monthlyActive: 2000 });
 * } catch (e) {
 *   console.log(e instanceof InconsistentDataError); // true
 * }
 * ```
 * @category Errors
 */
export class InconsistentDataError extends RetentionMetricsError {
  /** The values that contradict each other, by name. */
  readonly values: Readonly<Record<string, unknown>>;

  /**
   * @param message - which values contradict each other and why
   * @param values - the contradicting values, by name
   */
  constructor(message: string, values: Record<string, unknown> = {}) {
    super("INCONSISTENT_DATA", message);
    this.values = Object.freeze({ ...(values !== null && typeof values === "object" ? values : {}) });
  }
}

/**
 * The last state of an iterative fit that stopped without converging.
 *
 * @category Errors
 */
export interface ConvergenceState {
  /** Iterations done. */
  iterations: number;
  /** Parameters at the last iteration, by name. */
  params: Readonly<Record<string, number>>;
  /** Objective (log-likelihood) at the last iteration. */
  logLikelihood: number;
}

/**
 * A model fit that did not converge. Carries the fit's last state so the caller
 * can inspect it or start again from it.
 *
 * @example
 * ```ts
 * import { ConvergenceError } from "retention-metrics";
 * const e = new ConvergenceError("BG/NBD fit did not converge in 500 iterations",
 *   { iterations: 500, params: { r: 0.2 }, logLikelihood: -9600 });
 * console.log(e.state.iterations); // 500
 * ```
 * @category Errors
 */
export class ConvergenceError extends RetentionMetricsError {
  /** The fit's last state. */
  readonly state: ConvergenceState;

  /**
   * @param message - which fit failed and after how many iterations
   * @param state - the fit's last state
   */
  constructor(message: string, state: ConvergenceState) {
    super("CONVERGENCE", message);
    this.state = state;
  }
}

/** A short, unambiguous rendering of a bad value for an error message. */
function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return `a function${value.name ? ` ${value.name}` : ""}`;
  return safeString(value);
}

/** String(x), or a description when x cannot be turned into a string (a null-prototype object, a throwing toString). */
function safeString(x: unknown): string {
  try {
    return typeof x === "symbol" ? x.toString() : String(x);
  } catch {
    return Object.getPrototypeOf(x) === null ? "an object without a prototype" : "an object that cannot be shown as text";
  }
}
