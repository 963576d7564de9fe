/**
 * Mutation paths (see spec.ts): parsing, and applying one mutation at a path
 * copy-on-write, so that the example's arguments and memoised fixtures are
 * never changed by the harness itself.
 */
import { DELETE, isPlainObject, isTypedArray, type Mutation, type MutationContext } from "./corpus.ts";
import { mulberry32 } from "../../scripts/prng.ts";

export type Segment = { kind: "key"; key: string | number } | { kind: "elem"; index: number | null };

/** Parses `"0[].at"`, `"1.period.timeZone"`, `"0.cohorts[2].rates[]"`. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d*)\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(path)) !== null) {
    last = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "key", key: /^\d+$/.test(m[1]) ? Number(m[1]) : m[1] });
    else if (m[2] !== undefined) out.push({ kind: "elem", index: m[2] === "" ? null : Number(m[2]) });
    if (re.lastIndex === path.length) break;
  }
  if (last !== path.length || out.length === 0 || out[0]!.kind !== "key" || typeof (out[0] as { key: unknown }).key !== "number") {
    throw new Error(`bad mutation path ${JSON.stringify(path)}: it starts with an argument index, then .key, [] or [n]`);
  }
  return out;
}

/** A seeded uniform generator (the project's one mulberry32) from a fast-check `pick`. */
export function randFrom(seed: number): () => number {
  return mulberry32(seed);
}

/** A copy of a plain object or array that can be written (frozen originals included); null for anything else. */
function writableCopy(x: unknown): Record<PropertyKey, unknown> | unknown[] | null {
  if (Array.isArray(x)) {
    const a: unknown[] = new Array(x.length);
    for (const k of Object.keys(x)) (a as unknown as Record<string, unknown>)[k] = (x as unknown as Record<string, unknown>)[k];
    return a;
  }
  if (!isPlainObject(x)) return null;
  const o = Object.create(Object.getPrototypeOf(x)) as Record<PropertyKey, unknown>;
  for (const k of Reflect.ownKeys(x)) {
    const d = Object.getOwnPropertyDescriptor(x, k)!;
    Object.defineProperty(o, k, "value" in d ? { ...d, writable: true, configurable: true } : { ...d, configurable: true });
  }
  return o;
}

function setKey(container: Record<PropertyKey, unknown> | unknown[], key: string | number, v: unknown): void {
  Object.defineProperty(container, key, { value: v, writable: true, enumerable: true, configurable: true });
}

/** What a path finds in the arguments: the value and whether its key exists. */
export interface Resolved {
  exists: boolean;
  current: unknown;
}

/** Why a path cannot take a mutation in these arguments (a missing array, an empty one, a class instance in the way). */
export class NotApplicable extends Error {}

/**
 * Applies `mutation` at `segments` of `args`, copy-on-write; returns the new
 * arguments. Throws NotApplicable when the path does not lead anywhere in
 * these arguments or the mutation does not apply to what it finds.
 */
export function applyMutation(args: readonly unknown[], segments: readonly Segment[], mutation: Mutation | null, ctx: MutationContext): { args: unknown[]; found: Resolved } {
  const root: unknown[] = args.slice();
  let container: Record<PropertyKey, unknown> | unknown[] = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    let key: string | number;
    if (seg.kind === "key") key = seg.key;
    else {
      if (!Array.isArray(container)) throw new NotApplicable("[] on something that is not an array");
      if (container.length === 0) throw new NotApplicable("[] on an empty array");
      key = seg.index ?? Math.floor(ctx.rand() * container.length);
      if (key >= container.length) throw new NotApplicable(`[${key}] past the end`);
    }
    const exists = Array.isArray(container) && typeof key === "number" ? key in container : Object.prototype.hasOwnProperty.call(container, key);
    const current = (container as Record<PropertyKey, unknown>)[key];
    if (i === segments.length - 1) {
      const found = { exists, current };
      if (mutation === null) return { args: root, found };
      if (!mutation.applies(current, exists)) throw new NotApplicable(`${mutation.id} does not apply`);
      const v = mutation.make(current, ctx);
      if (v === DELETE) {
        if (container === root) root.length = Math.min(root.length, key as number); // a missing argument (and the ones after it)
        else if (Array.isArray(container) && typeof key === "number") container.splice(key, 1);
        else delete (container as Record<PropertyKey, unknown>)[key];
      } else {
        setKey(container, key, v);
      }
      return { args: root, found };
    }
    let next: Record<PropertyKey, unknown> | unknown[] | null;
    if (current === undefined && segments[i + 1]!.kind === "key") next = {}; // an option the example leaves out
    else {
      next = writableCopy(current);
      if (next === null) {
        if (isTypedArray(current)) throw new NotApplicable("a typed array's element: mutate the array");
        throw new NotApplicable(`cannot go inside ${current === null ? "null" : typeof current === "object" ? (current as object).constructor?.name ?? "an object" : typeof current}`);
      }
    }
    setKey(container, key, next);
    container = next;
  }
  throw new Error("unreachable");
}
