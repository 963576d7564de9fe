/**
 * Issue #12, "a fuzzer of our own, in CI": every export of every package entry
 * is called with its documented example's arguments and with one-field-at-a-time
 * mutations from the corpus (corpus.ts), in worker threads with a 2 s limit per
 * call, against the BUILT package (dist/: run `npm run build` first). Zero
 * defects is the bar: a thrown TypeError/RangeError/plain Error, a
 * RetentionMetricsError without a message, NaN/Infinity/Invalid Date in a
 * result, a mutated input, a call over the limit, a crash.
 *
 * This CI run uses a fixed seed and the full grid (a seeded sample of it for
 * the few specs with `ciSample`, the model fits). For a longer run with a
 * random seed: `npx tsx test/fuzz/run.ts --seed <n> --runs <n>`.
 * Accepted defects go in known.ts (empty by default).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type CampaignReport, formatReport, runCampaign } from "./campaign.ts";

export const CI_SEED = 20261201;

let report: CampaignReport;

describe("fuzz (issue #12)", () => {
  beforeAll(async () => {
    const t0 = Date.now();
    report = await runCampaign({
      seed: CI_SEED, grid: true, runs: 0, timeoutMs: 2000,
      // FUZZ_PROGRESS=1: a line per target as it finishes.
      ...(process.env.FUZZ_PROGRESS ? { onProgress: (line: string) => process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)}s ${line}\n`) } : {}),
    });
    console.log(formatReport(report, { maxPerTarget: 12 }));
  }, 240_000);

  it("runs against the built package (dist/)", () => {
    expect(report.fatal, report.fatal.join("\n")).toEqual([]);
    expect(report.targets).toBeGreaterThan(0);
  });

  it("has a fuzz spec for every export of every package entry, and no stale spec", () => {
    expect(report.fatal, "not run").toEqual([]);
    expect([...report.missingSpecs, ...report.specProblems].join("\n")).toBe("");
  });

  it("finds zero defects", () => {
    expect(report.fatal, "not run").toEqual([]);
    if (report.defects.length > 0) throw new Error(`${report.defects.length} defects:\n${formatReport({ ...report, knownDefects: [], warnings: [], missingSpecs: [], specProblems: [], fatal: [] })}`);
  });
});
