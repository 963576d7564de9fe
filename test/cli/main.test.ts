/**
 * The real process: `npx tsx src/cli/main.ts ...` (the build may not exist
 * yet), its exit codes (0 done, 2 bad arguments or bad data), and its
 * messages: the typed error's message, never a stack trace.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cli-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "src/cli/main.ts", ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function noStack(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(/^retention-metrics: /);
}

describe("retention-metrics (the process)", { timeout: 120_000 }, () => {
  it("--help prints the usage and exits 0", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: retention-metrics report <file> [options]");
    expect(r.stdout).toContain("--period <unit>");
    expect(r.stderr).toBe("");
  });

  it("exits 2 without a file", async () => {
    const r = await run("report");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("No file");
    noStack(r);
  });

  it("exits 2 for a missing file, naming it", async () => {
    const missing = join(dir, "missing.csv");
    const r = await run("report", missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain("no such file");
    noStack(r);
  });

  it("exits 2 for a CSV without an id column, listing its columns", async () => {
    const path = join(dir, "no-id.csv");
    writeFileSync(path, "name,ordered_at,amount\nAda,2024-01-01T00:00:00Z,3.50\n");
    const r = await run("report", path, "--out", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('customer id column');
    expect(r.stderr).toContain('"name", "ordered_at", "amount"');
    expect(r.stderr).toContain("--customer");
    noStack(r);
  });

  it("exits 2 for an unknown option", async () => {
    const r = await run("report", "examples/data/orders.csv", "--colour", "blue");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--colour'");
    noStack(r);
  });

  it("exits 2 for bad data, with the reader's message", async () => {
    const path = join(dir, "bad-time.csv");
    writeFileSync(path, "customer_id,ordered_at\nc1,2024-01-01T00:00:00Z\nc2,yesterday\n");
    const r = await run("report", path, "--out", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 3");
    expect(r.stderr).toContain('"yesterday"');
    noStack(r);
  });

  it("writes the report of the sample and exits 0", async () => {
    const out = join(dir, "report");
    const r = await run("report", "examples/data/orders.csv", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/customer id\s+customer_id\s+\(detected\)/);
    expect(r.stdout).toContain(join(out, "report.html"));
    expect(r.stdout).toContain(join(out, "report.json"));
    expect(r.stderr).toBe("");
  });
});
