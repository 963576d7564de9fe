/**
 * The `@example`s of src/ and how they are run, for test/examples.test.ts.
 *
 * An example is a ```ts fence inside the `@example` section of a TSDoc block
 * of a file of src/. It imports the package by its own name
 * (`"retention-metrics"`, `"retention-metrics/periods"`, ...), so it runs
 * against the build in dist/, resolved by Node through package.json
 * "exports" (Node resolves a package's reference to itself by name from any
 * file inside the package's folder).
 *
 * The printed-value rule, the one rule every example follows:
 *
 *   every `console.log(...)` statement is followed, on its own line, by a
 *   `// ...` comment that is exactly the line it prints, where each argument
 *   is written as `JSON.stringify` writes it (strings in double quotes, so a
 *   Decimal or a Date is its JSON string; numbers, booleans, null, arrays and
 *   objects as JSON, without spaces) and `undefined` as `undefined`, the
 *   arguments separated by one space.
 *
 * So `console.log(d.toString(), 0.5, [1, null])` prints `"2" 0.5 [1,null]`.
 * Each console.log statement prints exactly once (no loops), in source order,
 * and an example prints at least one line. A remark goes on a comment line of
 * its own, never after the printed value.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SRC = join(ROOT, "src");

/** One `@example` fence. */
export interface Example {
  /** The file, relative to the repository (`src/money.ts`). */
  file: string;
  /** Which example of the file, from 0. */
  index: number;
  /** The line of the file where the fence's code starts, from 1. */
  line: number;
  /** The code, without the comment's ` * ` margin. */
  code: string;
}

/** What one console.log statement of an example must print. */
export interface Expectation {
  /** The line of the example, from 1. */
  line: number;
  /** The `// ...` comment on that line, trimmed; undefined when there is none. */
  comment: string | undefined;
}

function filesOf(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesOf(p) : p.endsWith(".ts") ? [p] : [];
    });
}

/** Every file of src/, sorted. */
export function sourceFiles(): string[] {
  return filesOf(SRC);
}

/**
 * Every ```ts fence in an `@example` section of a TSDoc block of src/, and
 * every `@example` section without one (as `file:line`). A section runs from
 * its `@example` tag to the next block tag or the end of the block.
 */
export function findExamples(): { examples: Example[]; unfenced: string[] } {
  const examples: Example[] = [];
  const unfenced: string[] = [];
  for (const path of sourceFiles()) {
    const text = readFileSync(path, "utf8");
    const file = relative(ROOT, path);
    let index = 0;
    for (const block of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const firstLine = text.slice(0, block.index).split("\n").length;
      const lines = block[0].split("\n").map((l) => l.replace(/^\s*\/?\*+\/? ?/, "").replace(/\s*\*\/$/, ""));
      let section: { line: number; fenced: boolean } | undefined;
      let fence: { start: number; code: string[] } | undefined;
      const endSection = (): void => {
        if (section !== undefined && !section.fenced) unfenced.push(`${file}:${section.line}`);
        section = undefined;
      };
      lines.forEach((l, i) => {
        if (fence !== undefined) {
          if (/^\s*```\s*$/.test(l)) {
            examples.push({ file, index: index++, line: firstLine + fence.start, code: fence.code.join("\n") });
            fence = undefined;
          } else fence.code.push(l);
          return;
        }
        if (/^@\w+/.test(l)) {
          endSection();
          if (l.startsWith("@example")) section = { line: firstLine + i, fenced: false };
        }
        if (section !== undefined && /^\s*```ts\s*$/.test(l)) {
          section.fenced = true;
          fence = { start: i + 1, code: [] };
        }
      });
      endSection();
      if (fence !== undefined) throw new Error(`${file}:${firstLine + fence.start}: an @example fence is not closed`);
    }
  }
  return { examples, unfenced };
}

function isConsoleLog(node: ts.Node): boolean {
  return (
    ts.isExpressionStatement(node) &&
    ts.isCallExpression(node.expression) &&
    ts.isPropertyAccessExpression(node.expression.expression) &&
    node.expression.expression.getText() === "console.log"
  );
}

/** The `//` comment ending the line where `node` ends, trimmed; undefined when there is none. */
function trailingComment(source: ts.SourceFile, node: ts.Node): string | undefined {
  const end = node.getEnd();
  const line = source.getLineAndCharacterOfPosition(end).line;
  const comment = (ts.getTrailingCommentRanges(source.text, end) ?? []).find(
    (c) => c.kind === ts.SyntaxKind.SingleLineCommentTrivia && source.getLineAndCharacterOfPosition(c.pos).line === line,
  );
  return comment === undefined ? undefined : source.text.slice(comment.pos + 2, comment.end).trim();
}

/**
 * The console.log statements of an example, in source order, with the `//`
 * comment ending each; and the lines of other expression statements that end
 * with a comment (a value written after an expression that is not printed,
 * which nothing would check).
 */
export function expectations(code: string): { logs: Expectation[]; unprinted: number[] } {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true);
  const logs: Expectation[] = [];
  const unprinted: number[] = [];
  const visit = (node: ts.Node): void => {
    const line = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
    if (isConsoleLog(node)) logs.push({ line, comment: trailingComment(source, node) });
    else if (ts.isExpressionStatement(node) && trailingComment(source, node) !== undefined) unprinted.push(line);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { logs, unprinted };
}

/** Names the code uses as `name(`, `new Name(`, `name.` or `instanceof Name` (not as a method or property of something else). */
export function usesName(code: string, name: string): boolean {
  const n = name.replace(/\$/g, "\\$");
  return new RegExp(`(?<![\\w$.])(?:${n}\\s*[(.]|instanceof\\s+${n}\\b)`).test(code);
}

/** The entries of package.json "exports" with an ESM build: subpath (`.`, `./money`) and file. */
export function entries(): Array<{ subpath: string; specifier: string; file: string; source: string }> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string | { import?: { default?: string } }>;
  };
  return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    const file = typeof target === "string" ? undefined : target.import?.default;
    if (file === undefined || !file.endsWith(".js")) return [];
    return [
      {
        subpath,
        specifier: subpath === "." ? pkg.name : `${pkg.name}${subpath.slice(1)}`,
        file: join(ROOT, file),
        source: join(ROOT, file.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts")),
      },
    ];
  });
}

export { staleBuild } from "../../scripts/build-if-stale.ts";

/** What running the examples found. */
export interface RunResult {
  /** By `file#index`: the printed lines, or the error the example threw. */
  examples: Record<string, { lines: string[]; error?: string }>;
  /** By entry specifier: each export's name and kind. */
  exports: Record<string, Array<{ name: string; kind: "function" | "class" | "value" }>>;
}

/** The child process: imports each entry and each example as Node does, printing by the rule above. */
const CHILD = `
import { writeFileSync } from "node:fs";
const [resultFile, specifiersJson, examplesJson] = process.argv.slice(2);
const shown = (v) => (v === undefined ? "undefined" : JSON.stringify(v));
const result = { examples: {}, exports: {} };
for (const specifier of JSON.parse(specifiersJson)) {
  const m = await import(specifier);
  result.exports[specifier] = Object.keys(m).sort().map((name) => {
    const v = m[name];
    const kind = typeof v !== "function" ? "value" : /^class\\b/.test(Function.prototype.toString.call(v)) ? "class" : "function";
    return { name, kind };
  });
}
const log = console.log;
for (const [key, url] of JSON.parse(examplesJson)) {
  const lines = [];
  console.log = (...args) => void lines.push(args.map(shown).join(" "));
  try {
    await import(url);
    result.examples[key] = { lines };
  } catch (e) {
    result.examples[key] = { lines, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    console.log = log;
  }
}
writeFileSync(resultFile, JSON.stringify(result));
`;

/** The key of an example in a {@link RunResult}. */
export function keyOf(e: Example): string {
  return `${e.file}#${e.index}`;
}

/**
 * Transpiles the examples to JavaScript modules in a folder of .tmp/ (inside
 * the package, so that the package's name resolves to itself), and runs them
 * and imports the entries in one Node process.
 */
export function runExamples(examples: Example[]): RunResult {
  const dir = join(ROOT, ".tmp", `examples-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  try {
    const urls = examples.map((e) => {
      const js = ts.transpileModule(e.code, {
        fileName: "example.ts",
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const path = join(dir, `${e.file.replace(/[/.]/g, "_")}-${e.index}.mjs`);
      writeFileSync(path, js);
      return [keyOf(e), pathToFileURL(path).href];
    });
    const child = join(dir, "run.mjs");
    writeFileSync(child, CHILD);
    const resultFile = join(dir, "result.json");
    execFileSync(process.execPath, [child, resultFile, JSON.stringify(entries().map((e) => e.specifier)), JSON.stringify(urls)], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 120_000,
    });
    return JSON.parse(readFileSync(resultFile, "utf8")) as RunResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
