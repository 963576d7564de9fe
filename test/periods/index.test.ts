import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import * as periods from "../../src/periods/index.ts";

const SRC = fileURLToPath(new URL("../../src/periods/", import.meta.url));

describe("periods/index", () => {
  it("exports the public API", () => {
    expect(Object.keys(periods).sort()).toEqual(
      [
        "DEFAULT_TIME_ZONE",
        "DEFAULT_WEEK_STARTS_ON",
        "MAX_PERIODS",
        "PERIOD_UNITS",
        "checkTimeZone",
        "periodBucketer",
        "periodOf",
        "periodRange",
        "resolvePeriodSpec",
        "shiftPeriod",
        "toEpochMs",
      ].sort(),
    );
  });
});

/** Every `@example` fence of the periods sources, with its file. */
function examples(): Array<[string, number, string]> {
  const found: Array<[string, number, string]> = [];
  for (const file of readdirSync(SRC).filter((f) => f.endsWith(".ts")).sort()) {
    const text = readFileSync(join(SRC, file), "utf8");
    const fence = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;
    let i = 0;
    for (const m of text.matchAll(fence)) {
      const code = (m[1] ?? "")
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, ""))
        .join("\n");
      found.push([file, i++, code]);
    }
  }
  return found;
}

/**
 * Turns `expression; // value` lines whose comment is a JSON value (or a JSON
 * string followed by a parenthetical remark) into assertions, so an example's
 * promised result is checked, not just its running without an error.
 */
function withChecks(code: string): string {
  return code
    .split("\n")
    .map((line) => {
      const m = /^(?!\s*(?:const|let|import|console)\b)(\s*)(.+?);\s*\/\/\s*(.+)$/.exec(line);
      if (m === null) return line;
      const [, indent, expression, comment] = m as unknown as [string, string, string, string];
      let expected: string | undefined;
      try {
        JSON.parse(comment);
        expected = comment;
      } catch {
        expected = /^("(?:[^"\\]|\\.)*")\s+\(/.exec(comment)?.[1];
      }
      return expected === undefined ? line : `${indent}__expect(${expression}).toEqual(${expected});`;
    })
    .join("\n");
}

describe("TSDoc examples of src/periods run", () => {
  const dir = mkdtempSync(join(tmpdir(), "periods-examples-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const index = pathToFileURL(join(SRC, "index.ts")).href;
  const all = examples();

  it("finds an example for every exported function", () => {
    const text = all.map(([, , code]) => code).join("\n");
    for (const [name, value] of Object.entries(periods)) if (typeof value === "function") expect(text).toContain(`${name}(`);
  });

  it("checks the values the examples' comments promise", () => {
    const checked = all.map(([, , code]) => withChecks(code)).join("\n");
    expect(checked.match(/__expect\(/g)?.length ?? 0).toBeGreaterThanOrEqual(20);
  });

  it.each(all)("%s example %i", async (file, i, code) => {
    expect(code).toContain('from "retention-metrics/periods"');
    const path = join(dir, `${file.replace(/\.ts$/, "")}-${i}.ts`);
    const prelude = `import { expect as __expect } from "vitest";\n`;
    writeFileSync(path, prelude + withChecks(code).replaceAll('"retention-metrics/periods"', JSON.stringify(index)));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ pathToFileURL(path).href);
    } finally {
      log.mockRestore();
    }
  });
});
