/**
 * Runs the `@example` fences of a source folder's TSDoc, with
 * "retention-metrics" pointed at the sources: the package index plus the
 * cohorts and render entries (which the index may not re-export yet).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, expect, it, vi } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Every `@example` fence of the folder's sources, with its file and index. */
export function examplesOf(folder: string): Array<[string, number, string]> {
  const found: Array<[string, number, string]> = [];
  const dir = join(SRC, folder);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    let i = 0;
    for (const m of text.matchAll(/@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g)) {
      found.push([file, i++, (m[1] ?? "").split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n")]);
    }
  }
  return found;
}

/** Declares one test per example of the folder; each logs into `logs` by file and index. */
export function runExamples(folder: string, logs: Map<string, string[]>): void {
  const dir = mkdtempSync(join(tmpdir(), `${folder}-examples-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, "retention-metrics.ts");
  writeFileSync(
    entry,
    ["index.ts", "cohorts/index.ts", "render/index.ts"].map((f) => `export * from ${JSON.stringify(pathToFileURL(join(SRC, f)).href)};`).join("\n"),
  );
  it.each(examplesOf(folder))("%s example %i runs", async (file, i, code) => {
    expect(code).toContain('from "retention-metrics"');
    const path = join(dir, `${file.replace(/\.ts$/, "")}-${i}.ts`);
    writeFileSync(path, code.replaceAll('"retention-metrics"', JSON.stringify(pathToFileURL(entry).href)));
    const lines: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
    try {
      await import(/* @vite-ignore */ pathToFileURL(path).href);
    } finally {
      log.mockRestore();
    }
    logs.set(`${file}#${i}`, lines);
  });
}
