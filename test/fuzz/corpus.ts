/**
 * The mutation corpus: what replaces one argument or field at a time. Values
 * are made fresh for every call (functions, symbols, generators and Dates are
 * not shared between calls). Three families:
 *
 * - values, for any path: non-finite and extreme numbers, -0, wrong types,
 *   null/undefined, a missing key, an unknown time zone, invalid and extreme
 *   dates, `__proto__`/`constructor` as ids;
 * - sequences, for a path holding an array or typed array: unsorted, with a
 *   duplicate, doubled, empty, sparse, frozen, a one-shot generator, an async generator;
 * - objects, for a path holding a plain object: frozen (deeply).
 *
 * Money fields also get non-finite Decimals (a `Decimal` is a valid money type).
 *
 * The random run (`run.ts --runs N`) adds values drawn by fast-check (`fc:`).
 */

import { Decimal } from "decimal.js";

/** Returned by a mutation to delete the key (or leave an argument out). */
export const DELETE: unique symbol = Symbol("delete");

export interface MutationContext {
  /** Uniform in [0, 1), drawn from the case's fast-check `pick`. */
  rand: () => number;
}

export interface Mutation {
  /** Stable id, as reported and as matched by known.ts. */
  id: string;
  /** Whether it applies to the value found at the path (`exists`: the key is present). */
  applies: (current: unknown, exists: boolean) => boolean;
  /** The replacement (or DELETE). */
  make: (current: unknown, ctx: MutationContext) => unknown;
}

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

export function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

export function isPlainObject(x: unknown): x is Record<PropertyKey, unknown> {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

const always = (): boolean => true;
const isSequence = (x: unknown): x is unknown[] | TypedArray => Array.isArray(x) || isTypedArray(x);

function val(id: string, make: () => unknown): Mutation {
  return { id, applies: always, make };
}

function seq(id: string, make: (a: unknown[] | TypedArray, ctx: MutationContext) => unknown, applies: (a: unknown[] | TypedArray) => boolean = () => true): Mutation {
  return { id, applies: (c) => isSequence(c) && applies(c), make: (c, ctx) => make(c as unknown[] | TypedArray, ctx) };
}

/** A deep copy of plain objects and arrays, frozen at every level (class instances are kept, not frozen). */
export function deepFrozenCopy(x: unknown, seen = new Map<unknown, unknown>()): unknown {
  if (x === null || typeof x !== "object") return x;
  if (seen.has(x)) return seen.get(x);
  if (Array.isArray(x)) {
    const out: unknown[] = new Array(x.length);
    seen.set(x, out);
    for (const k of Object.keys(x)) (out as unknown as Record<string, unknown>)[k] = deepFrozenCopy((x as unknown as Record<string, unknown>)[k], seen);
    return Object.freeze(out);
  }
  if (!isPlainObject(x)) return x;
  const out = Object.create(Object.getPrototypeOf(x)) as Record<PropertyKey, unknown>;
  seen.set(x, out);
  for (const k of Reflect.ownKeys(x)) {
    const d = Object.getOwnPropertyDescriptor(x, k)!;
    Object.defineProperty(out, k, "value" in d ? { ...d, value: deepFrozenCopy(d.value, seen) } : d);
  }
  return Object.freeze(out);
}

function copySeq(a: unknown[] | TypedArray): unknown[] | TypedArray {
  return a.slice();
}

function withElements(a: unknown[] | TypedArray, elements: unknown[]): unknown[] | TypedArray {
  if (isTypedArray(a)) {
    const C = a.constructor as new (xs: unknown[]) => TypedArray;
    return new C(elements);
  }
  return elements;
}

function elementsOf(a: unknown[] | TypedArray): unknown[] {
  return Array.from(a as ArrayLike<unknown>);
}

/** The fixed corpus, in the order the CI grid walks it. */
export const CORPUS: readonly Mutation[] = [
  // numbers
  val("NaN", () => NaN),
  val("Infinity", () => Infinity),
  val("-Infinity", () => -Infinity),
  val("1e308", () => 1e308),
  val("-1e308", () => -1e308),
  val("2**53+1", () => 2 ** 53 + 1),
  val("-0", () => -0),
  val("-1", () => -1),
  val("0", () => 0),
  val("0.5", () => 0.5),
  // wrong types
  val("string", () => "fuzz"),
  val("empty string", () => ""),
  val("boolean", () => true),
  val("bigint", () => 10n),
  val("symbol", () => Symbol("fuzz")),
  val("function", () => function fuzz() { return 1; }),
  val("array", () => [1, 2, 3]),
  val("object", () => ({})),
  val("Decimal(NaN)", () => new Decimal(NaN)),
  val("Decimal(-Infinity)", () => new Decimal(-Infinity)),
  val("null-prototype object", () => Object.create(null)),
  val("null", () => null),
  val("undefined", () => undefined),
  { id: "missing", applies: (_c, exists) => exists, make: () => DELETE },
  // time zones, dates, ids
  val("Mars/Olympus", () => "Mars/Olympus"),
  val("Invalid Date", () => new Date(NaN)),
  val("0000-00-00", () => "0000-00-00"),
  val("2024-02-30", () => "2024-02-30"),
  val("+275760-09-13T00:00:00Z", () => "+275760-09-13T00:00:00Z"),
  val("8.64e15+1", () => 8.64e15 + 1),
  val("max Date", () => new Date(8.64e15)),
  val("__proto__", () => "__proto__"),
  val("constructor", () => "constructor"),
  // sequences
  seq("unsorted", (a) => withElements(a, elementsOf(a).reverse()), (a) => a.length >= 2),
  seq("duplicated", (a, ctx) => {
    const xs = elementsOf(a);
    const i = Math.floor(ctx.rand() * xs.length);
    xs.splice(i, 0, xs[i]);
    return withElements(a, xs);
  }, (a) => a.length >= 1),
  seq("doubled", (a) => withElements(a, [...elementsOf(a), ...elementsOf(a)]), (a) => a.length >= 1),
  seq("empty", (a) => withElements(a, []), (a) => a.length >= 1),
  seq("sparse", (a, ctx) => {
    const xs = copySeq(a) as unknown[];
    delete xs[Math.floor(ctx.rand() * xs.length)];
    return xs;
  }, (a) => Array.isArray(a) && a.length >= 1),
  seq("plain array", (a) => Array.from(a as ArrayLike<unknown>), (a) => isTypedArray(a)),
  seq("generator", (a) => {
    const xs = elementsOf(a);
    return (function* fuzzGenerator() { yield* xs; })();
  }),
  seq("async generator", (a) => {
    const xs = elementsOf(a);
    return (async function* fuzzAsyncGenerator() { for (const x of xs) yield x; })();
  }),
  { id: "frozen", applies: (c) => Array.isArray(c) || isPlainObject(c), make: (c) => deepFrozenCopy(c) },
];

export const CORPUS_BY_ID: ReadonlyMap<string, Mutation> = new Map(CORPUS.map((m) => [m.id, m]));

/** A value drawn by fast-check in the random run, as a mutation. */
export function drawnValue(value: unknown): Mutation {
  return { id: `fc:${describe(value)}`, applies: always, make: () => value };
}

/** A short rendering of a value for reports. */
export function describe(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol" || typeof value === "function") return typeof value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : `Date(${value.toISOString()})`;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
