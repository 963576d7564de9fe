/**
 * Every `@example` of the TSDoc of src/ runs against the build (dist/, imported
 * by the package's own name through package.json "exports") and prints what
 * its comments say; and every export of every entry has an example.
 *
 * The printed-value rule (see test/support/examples.ts): each console.log
 * statement ends with a `// ...` comment that is exactly the line it prints,
 * each argument written as JSON.stringify writes it (strings in double quotes)
 * and the arguments separated by one space.
 *
 * Run `npm run build` first: the test fails when dist/ is missing or older
 * than src/.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { entries, expectations, findExamples, keyOf, runExamples, staleBuild, usesName, type RunResult } from "./support/examples.ts";

/** Exported constants that no example needs to mention, each with the reason. */
const NO_EXAMPLE: Record<string, string> = {};

const { examples, unfenced } = findExamples();
let result: RunResult;

beforeAll(() => {
  const stale = staleBuild();
  if (stale !== undefined) throw new Error(stale);
  result = runExamples(examples);
}, 120_000);

describe("the @examples of src/", () => {
  it("are found, one ```ts fence in every @example section", () => {
    expect(unfenced).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(78);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line} (example ${e.index})`, e] as const))("%s prints what its comments say", (_, e) => {
    const imports = [...e.code.matchAll(/\bfrom\s+"([^"]+)"/g)].map((m) => m[1]);
    expect(imports.length, "an example imports the package by its name").toBeGreaterThan(0);
    expect(imports.filter((s) => !/^retention-metrics(\/|$)/.test(s!)), "imports of something other than the package").toEqual([]);
    const run = result.examples[keyOf(e)]!;
    expect(run.error, "the example threw").toBeUndefined();
    const { logs: expected, unprinted } = expectations(e.code);
    expect(expected.length, "an example prints at least one value with console.log").toBeGreaterThan(0);
    expect(unprinted.map((line) => `line ${line}`), "a value commented after an expression that is not printed: wrap it in console.log").toEqual([]);
    expect(expected.filter((x) => x.comment === undefined).map((x) => `line ${x.line}`), "console.log lines without a // comment").toEqual([]);
    expect(run.lines, "the printed lines, in order, against the comments of the console.log lines").toEqual(expected.map((x) => x.comment));
  });
});

describe("the exports of the built entries", () => {
  it("are read from every ESM entry of package.json exports", () => {
    expect(Object.keys(result.exports)).toEqual(entries().map((e) => e.specifier));
    expect(Object.keys(result.exports)).toContain("retention-metrics");
  });

  it("each have an example that calls them (functions, classes) or mentions them (constants)", () => {
    const code = examples.map((e) => e.code).join("\n");
    const missing = new Set<string>();
    for (const [specifier, names] of Object.entries(result.exports)) {
      for (const { name, kind } of names) {
        const used = kind === "value" ? new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(code) || name in NO_EXAMPLE : usesName(code, name);
        if (!used) missing.add(`${name} (${kind}, ${specifier})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("allow no example only for constants that exist", () => {
    const values = new Set(Object.values(result.exports).flatMap((names) => names.filter((n) => n.kind === "value").map((n) => n.name)));
    expect(Object.keys(NO_EXAMPLE).filter((name) => !values.has(name))).toEqual([]);
  });
});
