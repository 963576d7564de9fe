/**
 * The fuzz campaign, main-thread side: finds the package's entries (the
 * `exports` of package.json, built in dist/), starts worker threads that import
 * them, hands out targets, times every call (a call over the limit is retried
 * once in a fresh worker, then reported as too slow; a hang is killed with
 * the worker), and collects the defects.
 *
 * Used by fuzz.test.ts (CI: fixed seed, the full grid) and run.ts (any seed,
 * random runs on top).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { KNOWN, type KnownDefect } from "./known.ts";
import type { CaseResult, DefectKind, FromWorker, ToWorker, WorkerInit } from "./protocol.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const REPO = resolve(HERE, "../..");

export interface CampaignOptions {
  seed: number;
  /** Walk the grid (every path x every applicable mutation); default true. */
  grid?: boolean;
  /** The whole grid even for specs with a `ciSample`; default false (the CI test's sample). */
  full?: boolean;
  /** Random cases per target on top of the grid; default 0. */
  runs?: number;
  /** Per-call limit, ms; default 2000. */
  timeoutMs?: number;
  /** Worker threads; default min(2, cores). */
  workers?: number;
  /** The built package; default <repo>/dist (or $FUZZ_DIST). */
  distDir?: string;
  /** The spec files' folder; default test/fuzz/specs (the self-test points it elsewhere). */
  specDir?: string;
  /** Only targets whose id matches. */
  only?: RegExp;
  path?: string;
  mutation?: string;
  /** Called with each finished case (for --verbose) and progress lines. */
  onCase?: (r: CaseResult) => void;
  onProgress?: (line: string) => void;
}

export interface ReportedDefect {
  target: string;
  path: string;
  mutation: string;
  kind: DefectKind;
  detail: string;
  known?: KnownDefect;
}

export interface CampaignReport {
  seed: number;
  /** Problems that stop the run (no dist/, a worker that cannot start). */
  fatal: string[];
  warnings: string[];
  /** Exports without a spec. */
  missingSpecs: string[];
  /** Spec problems: stale specs, wrong kinds, duplicates. */
  specProblems: string[];
  defects: ReportedDefect[];
  knownDefects: ReportedDefect[];
  staleKnown: KnownDefect[];
  targets: number;
  cases: number;
  ms: number;
  workers: number;
  /** Calls by outcome: ok, typed-error, other-error, timeout, crashed, harness. */
  outcomes: Record<string, number>;
  slowest: Array<{ target: string; ms: number; cases: number }>;
}

interface Entry {
  key: string;
  file: string;
  src: string;
}

/**
 * The package's entries: package.json `exports` (import condition) and the src/ file each is built from.
 * The package.json is the one next to the build (dist/..), normally the repository's.
 */
export function packageRoot(distDir: string): string {
  return existsSync(join(distDir, "..", "package.json")) ? resolve(distDir, "..") : REPO;
}

export function packageEntries(distDir: string): Entry[] {
  const root = packageRoot(distDir);
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports?: Record<string, unknown> };
  const out: Entry[] = [];
  for (const [key, v] of Object.entries(pkg.exports ?? {})) {
    const target = typeof v === "string" ? v : ((v as { import?: { default?: string } | string }).import ?? (v as { default?: string }).default);
    const file = typeof target === "string" ? target : target?.default;
    if (typeof file !== "string" || !file.endsWith(".js")) continue; // ./package.json
    const rel = file.replace(/^\.\//, "");
    const inDist = rel.split("/").slice(1).join("/"); // below the build folder (dist/)
    out.push({ key, file: join(distDir, inDist), src: join(root, "src", inDist.replace(/\.js$/, ".ts")) });
  }
  return out;
}

function newestMtime(dir: string): { ms: number; file: string } {
  let best = { ms: 0, file: "" };
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    const c = s.isDirectory() ? newestMtime(p) : { ms: s.mtimeMs, file: p };
    if (c.ms > best.ms) best = c;
  }
  return best;
}

function matches(k: KnownDefect, d: ReportedDefect): boolean {
  return k.target === d.target && (k.path === undefined || k.path === d.path) && (k.mutation === undefined || k.mutation === d.mutation) && (k.outcome === undefined || k.outcome === d.kind);
}

/** Targets whose calls are slow (model fits): handed out first so the two workers finish together. */
const EARLY = /^(fitBgNbd|fitParetoNbd|fitGammaGamma|predictLifetimeValue|holdoutCheck|holdoutCheckSvg|probabilityAliveSvg|probabilityAliveMatrix|simulate)/;

export async function runCampaign(o: CampaignOptions): Promise<CampaignReport> {
  const t0 = performance.now();
  const distDir = resolve(o.distDir ?? process.env.FUZZ_DIST ?? join(REPO, "dist"));
  const timeoutMs = o.timeoutMs ?? 2000;
  const nWorkers = Math.max(1, o.workers ?? Math.min(2, availableParallelism()));
  const report: CampaignReport = {
    seed: o.seed, fatal: [], warnings: [], missingSpecs: [], specProblems: [], defects: [], knownDefects: [], staleKnown: [],
    targets: 0, cases: 0, ms: 0, workers: nWorkers, outcomes: {}, slowest: [],
  };
  const progress = o.onProgress ?? (() => {});

  const entries = packageEntries(distDir);
  const missing = entries.filter((e) => !existsSync(e.file));
  if (!existsSync(distDir) || missing.length > 0) {
    const shown = relative(REPO, distDir).startsWith("..") ? distDir : relative(REPO, distDir);
    report.fatal.push(
      (existsSync(distDir) ? `${shown}/ is incomplete: no ${missing.slice(0, 4).map((e) => relative(distDir, e.file)).join(", ")}${missing.length > 4 ? ", ..." : ""}` : `${shown}/ does not exist`) +
        ": the fuzzer calls the BUILT package. Run `npm run build` first.",
    );
    return report;
  }
  for (const e of entries) if (existsSync(join(packageRoot(distDir), "src")) && !existsSync(e.src)) report.warnings.push(`package entry ${e.key} has no source ${relative(REPO, e.src)}`);
  const root = packageRoot(distDir);
  const hasSrc = existsSync(join(root, "src"));
  for (const d of hasSrc ? readdirSync(join(root, "src")) : []) {
    const idx = join(root, "src", d, "index.ts");
    if (existsSync(idx) && !entries.some((e) => e.src === idx)) report.warnings.push(`src/${d}/index.ts is not a package entry (package.json exports): only what src/index.ts re-exports of it is fuzzed`);
  }
  const src = hasSrc ? newestMtime(join(root, "src")) : { ms: 0, file: "" };
  const built = Math.min(...entries.map((e) => statSync(e.file).mtimeMs));
  if (src.ms > built) report.warnings.push(`dist/ is older than ${relative(root, src.file)}: the results describe the last build; run \`npm run build\` for the current sources`);

  const specDir = o.specDir ?? join(HERE, "specs");
  const specFiles = readdirSync(specDir).filter((f) => f.endsWith(".ts")).sort().map((f) => join(specDir, f));
  const init: WorkerInit = {
    entries: entries.map((e) => ({ key: e.key, file: e.file })),
    specFiles, seed: o.seed | 0, grid: o.grid ?? true, full: o.full ?? false, runs: o.runs ?? 0, timeoutMs,
    ...(o.path === undefined ? {} : { path: o.path }),
    ...(o.mutation === undefined ? {} : { mutation: o.mutation }),
  };

  const results: CaseResult[] = [];
  const perTarget = new Map<string, { ms: number; cases: number }>();
  /** A run of a target's cases [from, from + count); a `final` job is the lone retry of a call that ran over the limit. */
  interface Job { target: string; from: number; count: number; final: boolean }
  const MAX_RETRIES = 12;
  /** The lone retry of a call ends after this many times the limit in wall time, whatever its CPU time. */
  const RETRY_WALL_CAP = 15;
  let queue: Job[] = [];
  const retries: Job[] = [];
  let ready: Extract<FromWorker, { type: "ready" }> | undefined;
  let queueKnown: () => void = () => {};
  let queueFailed: (e: Error) => void = () => {};
  const queueSet = new Promise<void>((res, rej) => {
    queueKnown = res;
    queueFailed = rej;
  });
  queueSet.catch(() => {});

  /**
   * One worker slot: runs jobs from `jobs`; replaces its thread after a hang or crash. A call over
   * the limit is killed and queued for one retry on its own at the end (a busy machine is not a
   * slow call); over the limit again, it is a defect.
   */
  const slot = async (n: number, jobs: () => Job[]): Promise<void> => {
    let worker: Worker | undefined;
    let onMessage: (m: FromWorker) => void = () => {};
    let onDeath: (why: string) => void = () => {};
    /** Starts a worker; its messages reach the slot only while it is the slot's current worker. */
    const launch = (): { w: Worker; whenReady: Promise<void> } => {
      const w = new Worker(new URL("./worker.mjs", import.meta.url), {
        workerData: init, execArgv: [], stdout: true, stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: 2048 },
      });
      w.stdout.resume();
      w.stderr.resume();
      let started = false;
      const whenReady = new Promise<void>((resolveReady, rejectReady) => {
        w.on("message", (m: FromWorker) => {
          if (m.type === "ready") {
            started = true;
            ready ??= m;
            resolveReady();
          } else if (m.type === "fatal") rejectReady(new Error(m.message));
          else if (w === worker) onMessage(m);
        });
        w.on("error", (e) => (started ? w === worker && onDeath(`the worker died: ${e.message}`) : rejectReady(e)));
        w.on("exit", (code) => (started ? w === worker && onDeath(`the worker exited (code ${code})`) : rejectReady(new Error(`the worker exited (code ${code}) before it was ready`))));
      });
      whenReady.catch(() => void w.terminate());
      return { w, whenReady };
    };
    // After a first hang, a spare worker is kept started so that the next replacement is immediate.
    let spare: ReturnType<typeof launch> | undefined;
    const spawn = async (): Promise<void> => {
      const next = spare ?? launch();
      spare = undefined;
      await next.whenReady;
      worker = next.w;
    };
    if (n === 0) {
      try {
        await spawn();
      } catch (e) {
        queueFailed(e as Error);
        throw e;
      }
      if (queue.length === 0 && retries.length === 0) {
        const ids = ready!.targets.map((t) => t.id).filter((id) => o.only === undefined || o.only.test(id));
        ids.sort((a, b) => Number(EARLY.test(b)) - Number(EARLY.test(a)));
        queue = ids.map((target) => ({ target, from: 0, count: Infinity, final: false }));
        report.targets = ids.length;
        queueKnown();
      }
    } else {
      await queueSet;
      if (jobs().length === 0) return;
      await spawn();
    }
    while (jobs().length > 0) {
      const job = jobs().shift()!;
      const { target } = job;
      const end = job.from + job.count;
      const started = performance.now();
      let count = 0;
      await new Promise<void>((done) => {
        let current = -1;
        let currentPath = "?";
        let currentMutation = "?";
        let timer: NodeJS.Timeout | undefined;
        let dead = false;
        // Between calls (building fixtures, say) the worker must still answer within a minute.
        const watchdog = (): void => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (dead) return;
            record({ target, index: current + 1, path: "?", mutation: "?", outcome: "crashed", ms: 0, defects: [{ kind: "crashed", detail: "the worker stopped answering between calls (60 s): killed" }] });
            void restart(current + 2);
          }, 60_000);
        };
        const record = (r: CaseResult): void => {
          results.push(r);
          count++;
          o.onCase?.(r);
        };
        const restart = async (from: number): Promise<void> => {
          dead = true;
          const old = worker;
          onDeath = () => {};
          await old?.terminate();
          dead = false;
          try {
            await spawn();
            spare ??= launch();
            wire();
            if (from >= end) done();
            else {
              current = from - 1;
              worker!.postMessage({ type: "run", target, from, count: end - from } satisfies ToWorker);
              watchdog();
            }
          } catch (e) {
            report.fatal.push(`a worker could not restart: ${(e as Error).message}`);
            done();
          }
        };
        const wire = (): void => {
          onMessage = (m) => {
            if (m.type === "start") {
              current = m.index;
              currentPath = m.path;
              currentMutation = m.mutation;
              clearTimeout(timer);
              // The lone retry is judged by the CPU time it used, not the wall time: on a machine shared
              // with other work (load far above the cores) a call of 0.3 s of CPU can take seconds of
              // wall time. The retry runs alone, so the process's CPU time is the call's (GC and
              // compiler threads make it an overestimate). A call that does not compute (a wait) ends
              // at the wall cap.
              const cpuAtStart = job.final ? process.cpuUsage() : null;
              const wallAtStart = performance.now();
              const overLimit = (): void => {
                if (dead) return;
                if (cpuAtStart !== null) {
                  const used = process.cpuUsage(cpuAtStart);
                  const cpuMs = (used.user + used.system) / 1000;
                  if (cpuMs < timeoutMs && performance.now() - wallAtStart < RETRY_WALL_CAP * timeoutMs) {
                    timer = setTimeout(overLimit, Math.max(50, timeoutMs - cpuMs));
                    return;
                  }
                }
                if (!job.final && retries.length < MAX_RETRIES) retries.push({ target, from: current, count: 1, final: true });
                else {
                  const why = job.final ? " twice (the second time on its own, in CPU time)" : ` (not retried: over ${MAX_RETRIES} retries)`;
                  record({ target, index: current, path: currentPath, mutation: currentMutation, outcome: "timeout", ms: timeoutMs, defects: [{ kind: "too-slow", detail: `no answer within ${timeoutMs} ms${why}: killed` }] });
                }
                void restart(current + 1);
              };
              timer = setTimeout(overLimit, timeoutMs);
            } else if (m.type === "called") {
              clearTimeout(timer);
              timer = setTimeout(() => {
                if (dead) return;
                record({ target, index: current, path: currentPath, mutation: currentMutation, outcome: "timeout", ms: m.ms, defects: [{ kind: "too-slow", detail: "inspecting the result took over 30 s: killed" }] });
                void restart(current + 1);
              }, 30_000);
            } else if (m.type === "done") {
              clearTimeout(timer);
              record(m.result);
              watchdog();
            } else if (m.type === "end") {
              clearTimeout(timer);
              done();
            }
          };
          onDeath = (why) => {
            clearTimeout(timer);
            if (dead) return;
            record({ target, index: current, path: currentPath, mutation: currentMutation, outcome: "crashed", ms: 0, defects: [{ kind: "crashed", detail: why }] });
            void restart(current + 1);
          };
        };
        wire();
        current = job.from - 1;
        worker!.postMessage({ type: "run", target, from: job.from, count: job.count } satisfies ToWorker);
        watchdog();
      });
      const ms = performance.now() - started;
      const prior = perTarget.get(target);
      perTarget.set(target, { ms: ms + (prior?.ms ?? 0), cases: count + (prior?.cases ?? 0) });
      progress(`${job.final ? "retry of " : ""}${target}: ${count} calls, ${Math.round(ms)} ms`);
    }
    onDeath = () => {};
    await worker?.terminate();
    if (spare !== undefined) await spare.w.terminate();
  };

  // Slot 0 reads the target list first; the others start once it is known. Then the retries, alone.
  try {
    await Promise.all(Array.from({ length: nWorkers }, (_, i) => slot(i, () => queue)));
    if (retries.length > 0) await slot(0, () => retries);
  } catch (e) {
    report.fatal.push((e as Error).message);
    return report;
  }
  if (ready === undefined) {
    report.fatal.push("no worker became ready");
    return report;
  }

  // Coverage: every export of every entry has a spec.
  const specced = new Set(Object.values(ready.specNames).flat());
  const seen = new Set<string>();
  for (const [key, names] of Object.entries(ready.entryNames)) {
    for (const [name, kind] of names) {
      if (specced.has(name) || seen.has(name)) continue;
      seen.add(name);
      report.missingSpecs.push(`${name} (a ${kind}, exported by ${key === "." ? "retention-metrics" : `retention-metrics${key.slice(1)}`}) has no fuzz spec in test/fuzz/specs/`);
    }
  }
  report.specProblems.push(...ready.problems);

  // Match the results with the allow-list.
  const used = new Set<KnownDefect>();
  for (const r of results) {
    for (const d of r.defects) {
      const rd: ReportedDefect = { target: r.target, path: r.path, mutation: r.mutation, kind: d.kind, detail: d.detail };
      const k = KNOWN.find((x) => matches(x, rd));
      if (k !== undefined) {
        used.add(k);
        report.knownDefects.push({ ...rd, known: k });
      } else report.defects.push(rd);
    }
  }
  report.staleKnown = KNOWN.filter((k) => !used.has(k));
  report.cases = results.length;
  for (const r of results) report.outcomes[r.outcome] = (report.outcomes[r.outcome] ?? 0) + 1;
  report.ms = performance.now() - t0;
  report.slowest = [...perTarget].map(([target, v]) => ({ target, ...v })).sort((a, b) => b.ms - a.ms).slice(0, 8);
  return report;
}

/** The report as text: the defects grouped by export, one line each. */
export function formatReport(r: CampaignReport, opts: { maxPerTarget?: number } = {}): string {
  const lines: string[] = [];
  const outcomes = Object.entries(r.outcomes ?? {}).map(([k, v]) => `${v} ${k}`).join(", ");
  lines.push(`fuzz: seed ${r.seed}, ${r.targets} targets, ${r.cases} calls (${outcomes}) in ${(r.ms / 1000).toFixed(1)} s on ${r.workers} worker(s)`);
  for (const f of r.fatal) lines.push(`FATAL: ${f}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (r.missingSpecs.length > 0) lines.push(`exports without a fuzz spec (${r.missingSpecs.length}):`, ...r.missingSpecs.map((s) => `  ${s}`));
  if (r.specProblems.length > 0) lines.push(`spec problems (${r.specProblems.length}):`, ...r.specProblems.map((s) => `  ${s}`));
  // Per target, defects with the same outcome and detail (numbers and indexes aside) share a line
  // that lists every (path, mutation) giving it.
  const group = (ds: ReportedDefect[], title: string): void => {
    if (ds.length === 0) return;
    const byTarget = new Map<string, ReportedDefect[]>();
    for (const d of ds) byTarget.set(d.target, [...(byTarget.get(d.target) ?? []), d]);
    lines.push(`${title}: ${ds.length} in ${byTarget.size} targets. Per target: outcome: detail  <- mutated path mutation; ...`);
    for (const [target, list] of [...byTarget].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`${target}  (${list.length})`);
      const same = new Map<string, ReportedDefect[]>();
      for (const d of list) {
        const key = `${d.kind}|${d.detail.replace(/\[\d+\]/g, "[i]").replace(/row \d+/g, "row i").replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, "#")}`;
        same.set(key, [...(same.get(key) ?? []), d]);
      }
      let shown = 0;
      for (const group of same.values()) {
        if (opts.maxPerTarget !== undefined && shown++ >= opts.maxPerTarget) {
          lines.push(`  ... and ${same.size - opts.maxPerTarget} more kinds`);
          break;
        }
        const d = group[0]!;
        const where = group.map((g) => `${g.path} ${g.mutation}`).join("; ");
        lines.push(`  ${d.kind}: ${d.detail}${d.known ? `  [known: ${d.known.reason}]` : ""}  <- ${group.length > 1 ? `${group.length}x: ` : ""}${where}`);
      }
    }
  };
  group(r.defects, "DEFECTS");
  group(r.knownDefects, "known defects (test/fuzz/known.ts)");
  for (const k of r.staleKnown) lines.push(`stale allow-list entry (matches nothing; remove it from known.ts): ${JSON.stringify(k)}`);
  if (r.slowest.length > 0) lines.push(`slowest targets: ${r.slowest.map((s) => `${s.target} ${(s.ms / 1000).toFixed(1)} s (${s.cases} calls)`).join(", ")}`);
  if (r.fatal.length === 0 && r.defects.length === 0 && r.missingSpecs.length === 0 && r.specProblems.length === 0) lines.push("zero defects");
  return lines.join("\n");
}
