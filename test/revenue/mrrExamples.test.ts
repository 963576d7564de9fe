/**
 * The TSDoc examples of the subscription sources run, and print what their
 * comments say. Until the package entry re-exports these modules, the examples'
 * `"retention-metrics"` import is pointed at a shim that adds them to src/index.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const FILES = ["subscriptions/table", "subscriptions/subscriptionTable", "revenue/mrrMovements", "cohorts/mrrCohorts", "revenue/renewals"];

function examples(): Array<[string, number, string]> {
  const found: Array<[string, number, string]> = [];
  for (const file of FILES) {
    const text = readFileSync(join(SRC, `${file}.ts`), "utf8");
    const fence = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;
    let i = 0;
    for (const m of text.matchAll(fence)) {
      const code = (m[1] ?? "").split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n");
      found.push([file, i++, code]);
    }
  }
  return found;
}

/** A logged value as the examples' comments write it: strings quoted, arrays in brackets. */
function shown(value: unknown): string {
  return JSON.stringify(value);
}

describe("TSDoc examples of the subscription analyses run and print what they say", () => {
  const dir = mkdtempSync(join(tmpdir(), "mrr-examples-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const shim = join(dir, "shim.ts");
  writeFileSync(
    shim,
    [`export * from ${JSON.stringify(pathToFileURL(join(SRC, "index.ts")).href)};`]
      .concat(FILES.map((f) => `export * from ${JSON.stringify(pathToFileURL(join(SRC, `${f}.ts`)).href)};`))
      .join("\n"),
  );
  const all = examples();

  it("finds an example in every file", () => {
    expect(all.map(([file]) => file)).toEqual(FILES);
  });

  it.each(all)("%s example %i", async (file, i, code) => {
    expect(code).toContain('from "retention-metrics"');
    const expected = code
      .split("\n")
      .filter((line) => line.includes("console.log("))
      .map((line) => /\/\/\s*(.*)$/.exec(line)?.[1] ?? "");
    const path = join(dir, `${file.replace("/", "-")}-${i}.ts`);
    writeFileSync(path, code.replaceAll('"retention-metrics"', JSON.stringify(pathToFileURL(shim).href)));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ pathToFileURL(path).href);
      // Arguments are separated by one space; inside an array, ", " is how JSON writes ",".
      expect(log.mock.calls.map((args) => args.map(shown).join(" "))).toEqual(expected.map((e) => e.trim().replace(/,\s+/g, ",")));
    } finally {
      log.mockRestore();
    }
  });
});
