/**
 * The shape of a fuzz spec: for each export of the package, how to build the
 * arguments of its documented `@example` (the same arguments as its TSDoc in
 * src/) and which arguments or fields to mutate, one at a time.
 *
 * Specs live in `test/fuzz/specs/<layer>.ts`, one file per layer entry
 * (`retention-metrics/<layer>`); `fuzz.test.ts` fails when an export of any
 * entry has no spec, or a spec names no export.
 *
 * Mutation paths: the first segment is the argument's index; then property
 * names separated by dots; `[]` is one element of an array (which one is drawn
 * by fast-check), `[3]` a given one. Examples: `"0"` (the first argument
 * itself), `"0.customersAtStart"`, `"0[].at"` (the `at` of one row),
 * `"1.timeZone"` (an option that the example leaves out is added), `"0.cohorts[].rates[]"`.
 */

/** The package's root entry (`dist/index.js`): what the spec builders use to make fixtures. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Lib = Record<string, any>;

/** Memoises an expensive fixture (a fitted model, say) per worker; dropped when a call is seen to mutate its input. */
export type Fixtures = <T>(key: string, build: () => T) => T;

/** Builds the arguments of a call, fresh on every call (or from memoised fixtures). */
export type ArgsBuilder = (lib: Lib, fx: Fixtures) => unknown[];

/** One call to fuzz: its example arguments and the paths to mutate. */
export interface CallSpec {
  /** The `@example`'s arguments. */
  args: ArgsBuilder;
  /** Paths of arguments and fields to mutate, one at a time (see the module comment). */
  mutate: readonly string[];
  /** Where the example comes from when not the export's own @example (e.g. a result's method). */
  note?: string;
  /**
   * For calls that take long on the example's data (model fits on 2,000 customers): the CI test
   * runs a seeded sample of this many cases of the grid; `run.ts` always walks the whole grid.
   */
  ciSample?: number;
}

/** A function export: called with its example arguments and their mutations. */
export interface FunctionSpec extends CallSpec {
  kind: "function";
  /**
   * Methods of the example's result to fuzz too (a fitted model's `probabilityAlive`, say):
   * the receiver is the result of the example call.
   */
  methods?: Readonly<Record<string, CallSpec>>;
}

/** A class export. */
export interface ClassSpec {
  kind: "class";
  /** `new` the class with these arguments (public constructors, such as the error classes). */
  construct?: CallSpec;
  /** The documented way to get an instance (for classes with an internal constructor). Its getters are checked. */
  instance?: (lib: Lib, fx: Fixtures) => object;
  /** Methods of `instance` to fuzz. */
  methods?: Readonly<Record<string, CallSpec>>;
  /** Why the constructor is not fuzzed (an internal constructor). */
  note?: string;
}

/** A constant: deep-checked for NaN/Infinity. */
export interface ValueSpec {
  kind: "value";
}

export type ExportSpec = FunctionSpec | ClassSpec | ValueSpec;

/** The specs of one layer file: which entry (package.json `exports` key) its exports come from. */
export interface LayerSpecs {
  /** The `exports` key of package.json, e.g. `"./metrics"` or `"."`. */
  entry: string;
  specs: Readonly<Record<string, ExportSpec>>;
}

/** A function export's spec. */
export function fn(args: ArgsBuilder, mutate: readonly string[], more: Partial<Omit<FunctionSpec, "kind" | "args" | "mutate">> = {}): FunctionSpec {
  return { kind: "function", args, mutate, ...more };
}

/** A method's (or constructor's) call spec. */
export function call(args: ArgsBuilder, mutate: readonly string[], note?: string, more: Partial<CallSpec> = {}): CallSpec {
  return { args, mutate, ...(note === undefined ? {} : { note }), ...more };
}

/** A constant's spec. */
export const value: ValueSpec = { kind: "value" };

/** The paths of an options object's keys, as mutation paths of argument `arg`. */
export function optionPaths(arg: number, keys: readonly string[]): string[] {
  return [String(arg), ...keys.map((k) => `${arg}.${k}`)];
}

/** The paths of a list of rows with these fields (the list, one row, and one row's fields). */
export function rowPaths(arg: number | string, fields: readonly string[]): string[] {
  return [String(arg), `${arg}[]`, ...fields.map((f) => `${arg}[].${f}`)];
}

/** Period options every event and subscription analysis takes (DESIGN.md). */
export const PERIOD_OPTIONS = ["period", "timeZone", "weekStartsOn", "from", "to"] as const;
/** eventTable's options that event analyses take too. */
export const EVENT_TABLE_OPTIONS = ["fields", "onInvalid", "currencyScale"] as const;
