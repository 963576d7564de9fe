/**
 * The fuzzer from the command line: a longer run with any seed.
 *
 *   npx tsx test/fuzz/run.ts [--seed N] [--runs N] [--no-grid] [--only REGEX]
 *                            [--path P] [--mutation ID] [--timeout MS] [--workers N]
 *                            [--sample] [--verbose] [--max-per-target N]
 *
 * --seed     fast-check seed (default: random, printed so a run can be repeated)
 * --runs     random cases per target on top of the grid (default 200; the CI test uses 0)
 * --no-grid  random cases only
 * --only     only targets whose id matches, e.g. --only '^churnRate$'
 * --path, --mutation   replay one cell of the grid, e.g. --path 0.customersAtStart --mutation NaN
 * --sample   for the specs with a `ciSample` (the model fits), a seeded sample of their grid, as
 *            fuzz.test.ts runs it (`npm run fuzz`, in CI); without it, the whole grid
 * --verbose  print every call's outcome
 *
 * Calls the BUILT package: run `npm run build` first (or set FUZZ_DIST to another build).
 * Exit code 1 when there are defects.
 */
import { formatReport, runCampaign } from "./campaign.ts";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`--${name} needs a value`);
  return v;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const seed = arg("seed") === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(arg("seed"));
const runs = Number(arg("runs") ?? 200);
const maxPerTarget = arg("max-per-target");
const only = arg("only");
const path = arg("path");
const mutation = arg("mutation");
const timeout = arg("timeout");
const workers = arg("workers");
const verbose = flag("verbose");

console.log(`seed ${seed} (repeat with --seed ${seed}), ${runs} random cases per target${flag("no-grid") ? "" : " on top of the grid"}`);
const report = await runCampaign({
  seed,
  runs,
  grid: !flag("no-grid"),
  full: !flag("sample"),
  ...(only === undefined ? {} : { only: new RegExp(only) }),
  ...(path === undefined ? {} : { path }),
  ...(mutation === undefined ? {} : { mutation }),
  ...(timeout === undefined ? {} : { timeoutMs: Number(timeout) }),
  ...(workers === undefined ? {} : { workers: Number(workers) }),
  onProgress: (line) => {
    if (verbose) console.log(line);
  },
  onCase: (r) => {
    if (verbose) console.log(`  ${r.target}  ${r.path}  ${r.mutation}  ${r.outcome} ${Math.round(r.ms)} ms${r.error === undefined ? "" : `\n    threw ${r.error}`}${r.defects.map((d) => `\n    ${d.kind}: ${d.detail}`).join("")}`);
  },
});
console.log(formatReport(report, maxPerTarget === undefined ? {} : { maxPerTarget: Number(maxPerTarget) }));
process.exit(report.fatal.length + report.defects.length + report.missingSpecs.length + report.specProblems.length > 0 ? 1 : 0);
