/**
 * Looking at values deeply: finding NaN, Infinity and Invalid Date anywhere in
 * a result, and taking an observable snapshot of the arguments to tell whether
 * a call changed them.
 *
 * The walk goes through arrays (holes included), plain objects (own string and
 * symbol keys, getters called), Maps, Sets, typed arrays and class instances:
 * their own fields, the getters of their prototypes and their zero-argument
 * methods (an EventTable's `times()`, an iterator from `[Symbol.iterator]()`).
 * On results it also calls zero-argument functions held by plain objects: a
 * cohort matrix's `toRows()`, a displayable's `[Symbol.for("Jupyter.display")]()`.
 * Decimals are read with `isFinite()`; strings holding SVG or HTML are checked
 * for "NaN"/"Infinity" in attribute values and text, other strings for the
 * words NaN, Infinity and "Invalid Date".
 */
import { isPlainObject, isTypedArray } from "./corpus.ts";

const MAX_NODES = 200_000;

/**
 * Result paths that echo an input value as given, by documented contract, and so may hold
 * NaN: the `value` (and the message quoting it) of a skipped row in `skipped.examples`
 * (SkippedRows / SkippedSubscriptionRows: "the value found").
 */
const ECHOES = /\.skipped\.examples\[\d+\]\.(value|message)$/;
const MAX_ITERATED = 10_000;
const MAX_STRING = 4_000_000;

export function isDecimalLike(x: unknown): x is { isFinite(): boolean; toString(): string } {
  if (x === null || typeof x !== "object") return false;
  const o = x as Record<string, unknown>;
  return typeof o.isFinite === "function" && typeof o.toFixed === "function" && "s" in o && "e" in o && "d" in o;
}

function isIterator(x: object): boolean {
  return typeof (x as { next?: unknown }).next === "function";
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === "object" || typeof x === "function") && typeof (x as { then?: unknown }).then === "function";
}

function keyLabel(k: PropertyKey): string {
  if (typeof k === "symbol") return `[${k.description ?? "symbol"}]`;
  const name = String(k);
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** Own and prototype-chain members of a class instance that the walk reads: getters and zero-argument methods. */
function instanceMembers(x: object): Array<{ key: PropertyKey; kind: "getter" | "method" }> {
  const out: Array<{ key: PropertyKey; kind: "getter" | "method" }> = [];
  const seen = new Set<PropertyKey>(Reflect.ownKeys(x));
  for (let p = Object.getPrototypeOf(x); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Reflect.ownKeys(p)) {
      if (k === "constructor" || seen.has(k)) continue;
      seen.add(k);
      const d = Object.getOwnPropertyDescriptor(p, k)!;
      if (d.get !== undefined) out.push({ key: k, kind: "getter" });
      else if (typeof d.value === "function" && d.value.length === 0) out.push({ key: k, kind: "method" });
    }
  }
  return out;
}

type Child = { label: string; get: () => unknown; owned?: boolean };

/** The children the walk visits under an object. `results`: also call zero-argument functions of plain objects. */
function childrenOf(x: object, results: boolean, owned: boolean): Child[] | "leaf" {
  if (x instanceof Date || isDecimalLike(x) || x instanceof RegExp || x instanceof Error || isThenable(x)) return "leaf";
  if (x instanceof ArrayBuffer || x instanceof DataView) return "leaf";
  if (isTypedArray(x)) return "leaf"; // read element-wise by the visitor
  if (typeof x === "function") return "leaf";
  const out: Child[] = [];
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const idx = i;
      out.push({ label: `[${idx}]`, get: () => (idx in x ? x[idx] : HOLE) });
    }
    for (const k of Reflect.ownKeys(x)) {
      if (k === "length" || (typeof k === "string" && /^\d+$/.test(k))) continue;
      out.push({ label: keyLabel(k), get: () => (x as unknown as Record<PropertyKey, unknown>)[k] });
    }
    return out;
  }
  if (x instanceof Map) {
    let i = 0;
    for (const [k, v] of x) {
      if (i >= MAX_ITERATED) break;
      out.push({ label: `<key ${i}>`, get: () => k }, { label: `<value ${i}>`, get: () => v });
      i++;
    }
    return out;
  }
  if (x instanceof Set) {
    let i = 0;
    for (const v of x) {
      if (i++ >= MAX_ITERATED) break;
      out.push({ label: `<member ${i - 1}>`, get: () => v });
    }
    return out;
  }
  if (isIterator(x)) {
    // An iterator the caller gave (a generator input) is left alone; one our walk made is drained.
    if (!owned) return "leaf";
    const items: unknown[] = [];
    const it = x as Iterator<unknown>;
    for (let i = 0; i < MAX_ITERATED; i++) {
      const r = it.next();
      if (isThenable(r)) return [{ label: "<async iterator>", get: () => r }];
      if (r.done) break;
      items.push(r.value);
    }
    return items.map((v, i) => ({ label: `<item ${i}>`, get: () => v }));
  }
  const plain = isPlainObject(x);
  for (const k of Reflect.ownKeys(x)) {
    const d = Object.getOwnPropertyDescriptor(x, k)!;
    if (d.get !== undefined) out.push({ label: keyLabel(k), get: () => (x as Record<PropertyKey, unknown>)[k] });
    else if (typeof d.value === "function") {
      if (results && d.value.length === 0) out.push({ label: `${keyLabel(k)}()`, get: () => (d.value as () => unknown).call(x), owned: true });
    } else out.push({ label: keyLabel(k), get: () => d.value });
  }
  if (!plain) {
    for (const m of instanceMembers(x)) {
      const label = m.kind === "getter" ? keyLabel(m.key) : `${keyLabel(m.key)}()`;
      out.push({ label, get: () => (m.kind === "getter" ? (x as Record<PropertyKey, unknown>)[m.key] : ((x as Record<PropertyKey, unknown>)[m.key] as () => unknown).call(x)), owned: m.kind === "method" });
    }
  }
  return out;
}

const HOLE: unique symbol = Symbol("hole");

/** What is wrong with a string of a result, or null. */
export function badInString(s: string): string | null {
  const t = s.length > MAX_STRING ? s.slice(0, MAX_STRING) : s;
  const word = /\bNaN\b|(?<![\w.])-?Infinity\b|Invalid Date/;
  if (/<[A-Za-z!?/]/.test(t)) {
    for (const m of t.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const v = m[2] ?? m[3] ?? "";
      if (/NaN|Infinity/.test(v)) return `markup attribute ${m[1]}="${v.length > 60 ? `${v.slice(0, 57)}...` : v}"`;
    }
    for (const m of t.matchAll(/>([^<]+)</g)) {
      const w = word.exec(m[1]!);
      if (w !== null) return `markup text "${context(m[1]!, w.index)}"`;
    }
    return null;
  }
  const w = word.exec(t);
  return w === null ? null : `text "${context(t, w.index)}"`;
}

function context(s: string, at: number): string {
  return s.slice(Math.max(0, at - 25), at + 25).replace(/\s+/g, " ");
}

/** A node of the walk; its path is built from the parent chain only when something is reported. */
interface Node {
  value: unknown;
  parent: Node | null;
  key: string;
  owned: boolean;
}

function labelOf(n: Node): string {
  const parts: string[] = [];
  for (let p: Node | null = n; p !== null; p = p.parent) parts.push(p.key);
  return parts.reverse().join("");
}

/** Walk budget per result: a result bigger than this is only partly read. */
const WALK_MS = 400;

/**
 * Every NaN, Infinity, Invalid Date (and non-finite Decimal) in a result, as "path: what" (at most
 * `max`). Reads at most MAX_NODES values, for at most WALK_MS of reading (a 650 x 650 cohort matrix is read in part).
 */
export interface WalkOptions {
  /** A zero-argument method (toRows(), a display bundle) slower than this is reported through onSlow. */
  slowMs?: number;
  onSlow?: (label: string, member: string, ms: number, cpuMs: number) => void;
  /** Members not to call (keys as in the labels, e.g. `[Jupyter.display]()`). */
  skip?: ReadonlySet<string>;
}

export async function findNonFinite(root: unknown, rootLabel = "result", max = 5, walk: WalkOptions = {}): Promise<string[]> {
  const issues: string[] = [];
  const seen = new Set<object>();
  const stack: Node[] = [{ value: root, parent: null, key: rootLabel, owned: true }];
  const deadline = performance.now() + WALK_MS;
  let nodes = 0;
  const number = (x: number, n: Node): void => {
    if (!Number.isFinite(x)) issues.push(`${labelOf(n)} = ${x}`);
  };
  while (stack.length > 0 && issues.length < max) {
    const node = stack.pop()!;
    let value = node.value;
    if ((node.key === ".value" || node.key === ".message") && ECHOES.test(labelOf(node))) continue;
    if (isThenable(value)) {
      try {
        value = await value;
      } catch (e) {
        issues.push(`${labelOf(node)}: rejected (${errorText(e)})`);
        continue;
      }
    }
    if (++nodes > MAX_NODES || ((nodes & 1023) === 0 && performance.now() > deadline)) break;
    if (typeof value === "number") {
      number(value, node);
      continue;
    }
    if (typeof value === "string") {
      const bad = badInString(value);
      if (bad !== null) issues.push(`${labelOf(node)}: ${bad}`);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      // The common case, read without a closure per element.
      for (let i = value.length - 1; i >= 0; i--) {
        if (!(i in value)) continue;
        const x: unknown = value[i];
        if (typeof x === "number") {
          if (!Number.isFinite(x)) number(x, { value: x, parent: node, key: `[${i}]`, owned: false });
        } else if (x !== null && (typeof x === "object" || typeof x === "string")) stack.push({ value: x, parent: node, key: `[${i}]`, owned: false });
      }
      for (const k of Object.keys(value)) {
        if (/^\d+$/.test(k)) continue;
        stack.push({ value: (value as unknown as Record<string, unknown>)[k], parent: node, key: keyLabel(k), owned: false });
      }
      continue;
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) issues.push(`${labelOf(node)} = Invalid Date`);
      continue;
    }
    if (isDecimalLike(value)) {
      if (!value.isFinite()) issues.push(`${labelOf(node)} = Decimal(${value.toString()})`);
      continue;
    }
    if (isTypedArray(value)) {
      if (value instanceof Float64Array || value instanceof Float32Array) {
        const n = Math.min(value.length, MAX_NODES);
        for (let i = 0; i < n; i++) {
          if (!Number.isFinite(value[i]!)) {
            issues.push(`${labelOf(node)}[${i}] = ${value[i]}`);
            break;
          }
        }
      }
      continue;
    }
    let kids: Child[] | "leaf";
    try {
      kids = childrenOf(value, true, node.owned);
    } catch (e) {
      issues.push(`${labelOf(node)}: reading it threw ${errorText(e)}`);
      continue;
    }
    if (kids === "leaf") continue;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (k.owned === true && walk.skip?.has(k.label)) continue;
      let child: unknown;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      try {
        child = k.get();
      } catch (e) {
        issues.push(`${labelOf(node)}${k.label}: threw ${errorText(e)}`);
        continue;
      }
      const ms = performance.now() - t0;
      // A quarter of the limit already: reported (the caller decides whether it is over the limit).
      if (k.owned === true && walk.slowMs !== undefined && ms > walk.slowMs / 4) walk.onSlow?.(`${labelOf(node)}${k.label}`, k.label, ms, cpuMsSince(cpu0));
      if (child === HOLE) continue;
      stack.push({ value: child, parent: node, key: k.label, owned: k.owned === true });
    }
  }
  return issues;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 200);
  try {
    return `a thrown ${typeof e}: ${String(e)}`.slice(0, 200);
  } catch {
    return `a thrown ${typeof e}`;
  }
}

function leafText(v: unknown): string {
  switch (typeof v) {
    case "number":
      return Object.is(v, -0) ? "n:-0" : `n:${v}`;
    case "string":
      return `s:${JSON.stringify(v.length > 200 ? `${v.slice(0, 100)}...(${v.length})...${v.slice(-100)}` : v)}`;
    case "bigint":
      return `big:${v}`;
    case "boolean":
      return `b:${v}`;
    case "symbol":
      return `sym:${v.description ?? ""}`;
    case "undefined":
      return "undefined";
    case "function":
      return `fn:${(v as { name?: string }).name ?? ""}`;
    default:
      return v === null ? "null" : "object";
  }
}

/**
 * An observable snapshot of a value as lines "path=value": what a caller can
 * see of it (fields, holes, getters, zero-argument methods of class instances,
 * Decimals by value, Dates by time, typed arrays by element, frozen/extensible
 * state of plain objects and arrays). Generators given as input are not consumed.
 */
export function snapshot(root: unknown, rootLabel = "args"): string[] {
  const lines: string[] = [];
  const seen = new Map<object, string>();
  const stack: Array<{ label: string; value: unknown; owned: boolean }> = [{ label: rootLabel, value: root, owned: false }];
  let nodes = 0;
  while (stack.length > 0) {
    const { label, value, owned } = stack.pop()!;
    if (++nodes > MAX_NODES) {
      lines.push(`${label}=<snapshot truncated>`);
      break;
    }
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      lines.push(`${label}=${leafText(value)}`);
      continue;
    }
    if (typeof value === "function") {
      lines.push(`${label}=${leafText(value)}`);
      continue;
    }
    const prior = seen.get(value);
    if (prior !== undefined) {
      lines.push(`${label}=<same as ${prior}>`);
      continue;
    }
    seen.set(value, label);
    if (value instanceof Date) {
      lines.push(`${label}=date:${value.getTime()}`);
      continue;
    }
    if (isDecimalLike(value)) {
      lines.push(`${label}=dec:${value.toString()}`);
      continue;
    }
    if (isTypedArray(value)) {
      const n = Math.min(value.length, MAX_NODES);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(String(value[i]));
      lines.push(`${label}=${value.constructor.name}(${value.length})[${parts.join(",")}]`);
      continue;
    }
    if (Array.isArray(value) || isPlainObject(value)) {
      if (!Object.isExtensible(value)) lines.push(`${label}#${Object.isFrozen(value) ? "frozen" : "sealed/non-extensible"}`);
      if (Array.isArray(value)) lines.push(`${label}.length=${value.length}`);
    }
    let kids: Child[] | "leaf";
    try {
      kids = childrenOf(value, false, owned);
    } catch (e) {
      lines.push(`${label}=<threw ${errorText(e)}>`);
      continue;
    }
    if (kids === "leaf") {
      lines.push(`${label}=${Object.prototype.toString.call(value)}`);
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      let child: unknown;
      try {
        child = k.get();
      } catch (e) {
        lines.push(`${label}${k.label}=<threw ${errorText(e)}>`);
        continue;
      }
      if (child === HOLE) {
        lines.push(`${label}${k.label}=<hole>`);
        continue;
      }
      stack.push({ label: `${label}${k.label}`, value: child, owned: k.owned === true });
    }
  }
  return lines;
}

/** The first difference between two snapshots, or null when they are equal. */
export function firstDifference(before: readonly string[], after: readonly string[]): string | null {
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] !== after[i]) {
      const b = before[i] ?? "<nothing>";
      const a = after[i] ?? "<nothing>";
      return `${b}  became  ${a}`.slice(0, 300);
    }
  }
  return null;
}

/**
 * CPU milliseconds of the whole process since `from` (process.cpuUsage). In a worker thread this
 * counts the other workers too, so it is at least the thread's own: a call whose wall time is over
 * a limit but whose process CPU time is not was slowed by a busy machine, not slow itself.
 */
export function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}
