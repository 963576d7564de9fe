/**
 * The fuzzer's worker thread (started through worker.mjs, which registers tsx
 * for the spec files). It imports the BUILT package (dist/), builds each
 * target's cases deterministically from the seed, and runs them one at a time
 * when the main thread asks, reporting each call's start (so that the main
 * thread can time it and kill this thread on a hang), its end, and its
 * classified outcome.
 */
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import fc from "fast-check";
import { CORPUS, CORPUS_BY_ID, drawnValue, type Mutation } from "./corpus.ts";
import { cpuMsSince, errorText, findNonFinite, firstDifference, snapshot } from "./inspect.ts";
import { applyMutation, NotApplicable, parsePath, randFrom } from "./paths.ts";
import type { CallSpec, ClassSpec, Fixtures, LayerSpecs, Lib } from "./spec.ts";
import { type Target, targetsOf } from "./targets.ts";
import type { CaseResult, Defect, FromWorker, ToWorker, WorkerInit } from "./protocol.ts";

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (m: FromWorker): void => port.postMessage(m);

/** The example case, then the grid (every path x every applicable mutation), then `runs` random cases. */
interface Case {
  path: string | null;
  mutation: Mutation | null;
  pick: number;
}

const mods: Record<string, Record<string, unknown>> = {};
let lib: Lib = {};
let baseError: (new (...a: never[]) => Error) | undefined;
let targets: Target[] = [];
const cache = new Map<string, unknown>();
const fx: Fixtures = <T>(key: string, build: () => T): T => {
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
};
let unhandled: string[] = [];
process.on("unhandledRejection", (e) => unhandled.push(`unhandled rejection: ${errorText(e)}`));
process.on("uncaughtException", (e) => unhandled.push(`uncaught exception: ${errorText(e)}`));

function isClass(f: unknown): boolean {
  return typeof f === "function" && /^class\b/.test(Function.prototype.toString.call(f));
}

function kindOf(v: unknown): "class" | "function" | "value" {
  return isClass(v) ? "class" : typeof v === "function" ? "function" : "value";
}

async function setup(): Promise<void> {
  for (const e of init.entries) mods[e.key] = (await import(pathToFileURL(e.file).href)) as Record<string, unknown>;
  lib = mods["."] ?? {};
  baseError = (mods["./errors"]?.RetentionMetricsError ?? lib.RetentionMetricsError) as typeof baseError;
  const layers: Array<{ layer: string; specs: LayerSpecs }> = [];
  for (const file of init.specFiles) {
    const m = (await import(pathToFileURL(file).href)) as { default: LayerSpecs };
    layers.push({ layer: file.replace(/^.*\//, "").replace(/\.ts$/, ""), specs: m.default });
  }
  targets = targetsOf(layers);
  const entryNames: Record<string, Array<[string, string]>> = {};
  for (const [key, m] of Object.entries(mods)) entryNames[key] = Object.keys(m).sort().map((n) => [n, kindOf(m[n])]);
  const problems: string[] = [];
  if (baseError === undefined) problems.push("RetentionMetricsError is not exported: typed errors cannot be recognised");
  const owner = new Map<string, string>();
  for (const { layer, specs } of layers) {
    const m = mods[specs.entry];
    if (m === undefined) {
      problems.push(`specs/${layer}.ts names entry ${JSON.stringify(specs.entry)}, which package.json does not export`);
      continue;
    }
    for (const [name, spec] of Object.entries(specs.specs)) {
      const prior = owner.get(name);
      if (prior !== undefined) problems.push(`${name} has a spec in both specs/${prior}.ts and specs/${layer}.ts`);
      owner.set(name, layer);
      if (!(name in m)) {
        problems.push(`specs/${layer}.ts: ${name} is not exported by ${specs.entry} (a stale spec)`);
        continue;
      }
      const actual = kindOf(m[name]);
      if (actual !== spec.kind) problems.push(`specs/${layer}.ts: ${name} is a ${actual} but its spec is a ${spec.kind} spec`);
    }
  }
  // One object per name across entries: a second copy would break instanceof and identity.
  for (const [key, m] of Object.entries(mods)) {
    for (const [name, v] of Object.entries(m)) {
      for (const [key2, m2] of Object.entries(mods)) {
        if (key2 <= key || !(name in m2)) continue;
        if (m2[name] !== v && typeof v !== "string" && typeof v !== "number") problems.push(`${name} from ${key} and from ${key2} are different objects`);
      }
    }
  }
  post({
    type: "ready",
    entryNames,
    specNames: Object.fromEntries(layers.map((l) => [l.layer, Object.keys(l.specs.specs)])),
    targets: targets.map((t) => ({ id: t.id, exportName: t.exportName, entry: t.entry, layer: t.layer, kind: t.kind })),
    problems,
  });
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Values fast-check draws for the random run. */
const drawnArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -5, max: 100 }),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.date().map((d) => d.toISOString()),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom("UTC", "America/New_York", "Asia/Kathmandu", "Etc/GMT+12", "Pacific/Kiritimati", "utc", " UTC"),
  fc.constantFrom("day", "week", "isoWeek", "month", "quarter", "year", "hour", "Month", "throw", "skip", "revenue", "orders", "mrr"),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(fc.double(), { maxLength: 6 }),
);

function exampleArgs(t: Target): unknown[] {
  return (t.call as CallSpec).args(lib, fx);
}

const casesCache = new Map<string, Case[]>();
/** Per target, the zero-argument methods of results found too slow once (not called again). */
const slowMembers = new Map<string, Set<string>>();

function casesFor(t: Target): Case[] {
  const hit = casesCache.get(t.id);
  if (hit !== undefined) return hit;
  const cases: Case[] = [{ path: null, mutation: null, pick: 0 }];
  const call = t.call;
  if (call !== undefined && call.mutate.length > 0) {
    let base: unknown[] | null = null;
    try {
      base = exampleArgs(t);
    } catch {
      base = null; // the example case reports it
    }
    if (base !== null) {
      const seed = (init.seed ^ hashString(t.id)) | 0;
      const paths = call.mutate.map((p) => ({ p, segs: parsePath(p) }));
      const applicable = (path: (typeof paths)[number], m: Mutation, pick: number): boolean => {
        try {
          applyMutation(base!, path.segs, m, { rand: randFrom(pick) });
          return true;
        } catch (e) {
          if (e instanceof NotApplicable) return false;
          throw e;
        }
      };
      if (init.grid) {
        const picks = fc.sample(fc.nat(), { seed, numRuns: paths.length * CORPUS.length });
        const grid: Case[] = [];
        let k = 0;
        for (const path of paths) {
          for (const m of CORPUS) {
            const pick = picks[k++]!;
            if (applicable(path, m, pick)) grid.push({ path: path.p, mutation: m, pick });
          }
        }
        const n = call.ciSample;
        if (!init.full && n !== undefined && n < grid.length) {
          const [chosen] = fc.sample(fc.shuffledSubarray(grid.map((_, i) => i), { minLength: n, maxLength: n }), { seed: seed ^ 0x2545f491, numRuns: 1 });
          for (const i of chosen!.sort((a, b) => a - b)) cases.push(grid[i]!);
        } else cases.push(...grid);
      }
      if (init.runs > 0) {
        const arb = fc.record({
          p: fc.nat({ max: paths.length - 1 }),
          m: fc.oneof({ weight: 3, arbitrary: fc.nat({ max: CORPUS.length - 1 }).map((i) => CORPUS[i]!) }, { weight: 2, arbitrary: drawnArb.map(drawnValue) }),
          pick: fc.nat(),
        });
        for (const c of fc.sample(arb, { seed: seed ^ 0x5bd1e995, numRuns: init.runs })) {
          const path = paths[c.p]!;
          if (applicable(path, c.m, c.pick)) cases.push({ path: path.p, mutation: c.m, pick: c.pick });
        }
      }
    }
  }
  const filtered = cases.filter(
    (c, i) => (init.path === undefined || c.path === init.path || (i === 0 && init.path === "(example)")) && (init.mutation === undefined || c.mutation?.id === init.mutation || (i === 0 && init.mutation === "(none)")),
  );
  casesCache.set(t.id, filtered);
  return filtered;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === "object" || typeof x === "function") && typeof (x as { then?: unknown }).then === "function";
}

function where(e: unknown): string {
  if (!(e instanceof Error) || typeof e.stack !== "string") return "";
  // Frames of the library (dist/), not of the harness or of Node.
  const frames = e.stack.split("\n").filter((l) => /^\s+at /.test(l) && !/test\/fuzz\/|node:internal|MessagePort/.test(l)).slice(0, 3);
  const names = frames.map((l) => /at (?:new )?([^\s(]+) \(/.exec(l)?.[1] ?? /\/([^/]+:\d+):\d+\)?$/.exec(l)?.[1] ?? "?");
  return names.length === 0 ? "" : ` (at ${names.join(" < ")})`;
}

function receiverOf(t: Target): object {
  if (t.spec.kind === "function") {
    return fx(`result:${t.exportName}`, () => (mods[t.entry]![t.exportName] as (...a: unknown[]) => object)(...(t.spec as CallSpec).args(lib, fx)));
  }
  return fx(`instance:${t.exportName}`, () => (t.spec as ClassSpec).instance!(lib, fx));
}

async function runCase(t: Target, c: Case, index: number): Promise<CaseResult> {
  const path = c.path ?? "(example)";
  const mutation = c.mutation?.id ?? "(none)";
  const result: CaseResult = { target: t.id, index, path, mutation, outcome: "ok", ms: 0, defects: [] };
  const defect = (kind: Defect["kind"], detail: string): void => {
    result.defects.push({ kind, detail });
  };
  let args: unknown[] = [];
  let receiver: object | undefined;
  let subject: unknown;
  try {
    if (t.kind === "value") subject = mods[t.entry]![t.exportName];
    else if (t.kind === "instance") subject = receiverOf(t);
    else {
      const base = exampleArgs(t);
      args = c.path === null ? base.slice() : applyMutation(base, parsePath(c.path), c.mutation, { rand: randFrom(c.pick) }).args;
      if (t.kind === "method") receiver = receiverOf(t);
    }
  } catch (e) {
    result.outcome = "harness";
    defect("example-failed", `building the example's arguments threw ${errorText(e)}${where(e)}`);
    post({ type: "start", index, path, mutation });
    post({ type: "called", index, ms: 0 });
    return result;
  }
  const before = t.kind === "value" || t.kind === "instance" ? [] : [...snapshot(args, "args"), ...(receiver === undefined ? [] : snapshot(receiver, "this"))];
  unhandled = [];
  let value: unknown;
  let threw = false;
  let error: unknown;
  post({ type: "start", index, path, mutation });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const f = mods[t.entry]![t.exportName] as (...a: unknown[]) => unknown;
    if (t.kind === "call") value = Reflect.apply(f, undefined, args);
    else if (t.kind === "construct") value = Reflect.construct(f as unknown as new (...a: unknown[]) => unknown, args);
    else if (t.kind === "method") value = Reflect.apply((receiver as Record<string, unknown>)[t.method!] as (...a: unknown[]) => unknown, receiver, args);
    else value = subject;
    if (isThenable(value)) value = await value;
  } catch (e) {
    threw = true;
    error = e;
  }
  result.ms = performance.now() - t0;
  // Too slow only when over the limit in wall time and in CPU time (see cpuMsSince): not for a busy machine.
  const cpuMs = cpuMsSince(cpu0);
  post({ type: "called", index, ms: result.ms });
  const example = c.path === null;
  if (threw) {
    result.error = `${errorText(error)}${where(error)}`;
    if (baseError !== undefined && error instanceof baseError) {
      result.outcome = "typed-error";
      const msg = (error as Error).message;
      const code = (error as { code?: unknown }).code;
      if (typeof msg !== "string" || msg.trim() === "") defect("untyped-message", `${(error as Error).name} with an empty message`);
      else if (typeof code !== "string" || code === "") defect("untyped-message", `${(error as Error).name} without a code: ${msg.slice(0, 120)}`);
      if (example && t.id !== "RetentionMetricsError") defect("example-failed", `the documented example threw ${errorText(error)}`);
    } else {
      result.outcome = "other-error";
      defect(example ? "example-failed" : "other-error", `${errorText(error)}${where(error)}`);
    }
  } else {
    if (baseError !== undefined && value instanceof baseError) {
      const msg = (value as Error).message;
      if (typeof msg !== "string" || msg.trim() === "") defect("untyped-message", `constructed ${(value as Error).name} has an empty message`);
    }
    const skip = slowMembers.get(t.id) ?? new Set<string>();
    slowMembers.set(t.id, skip);
    const issues = await findNonFinite(value, "result", 5, {
      slowMs: init.timeoutMs,
      skip,
      // Over a quarter of the limit, a member is not called again for this target (the harness's
      // time); over the limit, it is a defect.
      onSlow: (label, member, ms, cpuMs) => {
        skip.add(member);
        if (ms > init.timeoutMs && cpuMs > init.timeoutMs) defect("too-slow", `${label} took ${Math.round(ms)} ms (limit ${init.timeoutMs} ms; later calls of ${t.id} skip ${member})`);
      },
    });
    if (issues.length > 0) defect("non-finite", `${issues[0]}${issues.length > 1 ? ` (and ${issues.length - 1}${issues.length >= 5 ? "+" : ""} more: ${issues.slice(1, 3).map((i) => i.replace(/[:=].*$/, "").trim()).join(", ")})` : ""}`);
  }
  for (const u of unhandled) defect("crashed", u);
  if (t.kind !== "value" && t.kind !== "instance") {
    const after = [...snapshot(args, "args"), ...(receiver === undefined ? [] : snapshot(receiver, "this"))];
    const diff = firstDifference(before, after);
    if (diff !== null) {
      defect("input-mutated", diff);
      cache.clear(); // a fixture may have been changed
    }
  }
  if (result.ms > init.timeoutMs && cpuMs > init.timeoutMs) defect("too-slow", `took ${Math.round(result.ms)} ms (limit ${init.timeoutMs} ms)`);
  return result;
}

port.on("message", async (m: ToWorker) => {
  if (m.type !== "run") return;
  const t = targets.find((x) => x.id === m.target);
  if (t === undefined || !(t.exportName in (mods[t.entry] ?? {}))) {
    post({ type: "end", target: m.target, cases: 0 });
    return;
  }
  let cases: Case[] = [];
  try {
    cases = casesFor(t);
  } catch (e) {
    post({ type: "start", index: m.from, path: "(cases)", mutation: "(none)" });
    post({ type: "called", index: m.from, ms: 0 });
    post({ type: "done", index: m.from, result: { target: t.id, index: m.from, path: "(cases)", mutation: "(none)", outcome: "harness", ms: 0, defects: [{ kind: "example-failed", detail: `making the cases threw ${errorText(e)}${where(e)}` }] } });
  }
  const end = Math.min(cases.length, m.from + (m.count ?? Infinity));
  for (let i = m.from; i < end; i++) {
    let r: CaseResult;
    try {
      r = await runCase(t, cases[i]!, i);
    } catch (e) {
      // A fault of the harness (or of a value it could not even inspect): reported, not swallowed.
      r = { target: t.id, index: i, path: cases[i]!.path ?? "(example)", mutation: cases[i]!.mutation?.id ?? "(none)", outcome: "harness", ms: 0, defects: [{ kind: "crashed", detail: `the harness failed on this call: ${errorText(e)}${where(e)}` }] };
    }
    post({ type: "done", index: i, result: r });
  }
  post({ type: "end", target: t.id, cases: cases.length });
});

setup().catch((e) => {
  post({ type: "fatal", message: `the worker could not load the package or the specs: ${errorText(e)}${where(e)}` });
  port.close(); // nothing more to do: let the thread end
});
