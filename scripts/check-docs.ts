/**
 * Runs every example of the guide (docs/guide/*.md) against the built package
 * and checks that it prints what the page says it prints. An example is a
 * ```ts block; the ```text block right after it is its expected output.
 * `npx tsx scripts/check-docs.ts --update` rewrites the output blocks instead.
 *
 * First it checks the links to the metric definitions (docs/definitions.md):
 * every link from src/, README.md and docs/ must point at an anchor that the
 * page declares (`<a id="churn-rate"></a>` right before a heading whose
 * generated id, in typedoc and on GitHub alike, is that same name), and no
 * text may cite the unpublished METRICS.md any more.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const guide = join(root, "docs", "guide");
const update = process.argv.includes("--update");
const example = /```ts\n([\s\S]*?)```\n(\s*```text\n[\s\S]*?```\n)?/g;
// Examples run from a scratch folder inside the repo so "retention-metrics" resolves to the build.
const scratch = mkdtempSync(join(root, ".tmp-docs-"));
let failures = 0;
let count = 0;

/** The id typedoc gives a heading (its Slugger with `lowercase: true`). */
function typedocSlug(heading: string): string {
  const slug = heading.trim().replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, "").replace(/\s/g, "-").replace(/--+/, "-");
  return (slug || "_").toLocaleLowerCase();
}

/** The id GitHub gives a heading. */
function githubSlug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** Files under `dir` (recursively) whose name ends with one of `endings`, skipping generated folders. */
function filesUnder(dir: string, endings: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== "api" && name !== "node_modules" && !name.startsWith(".")) out.push(...filesUnder(path, endings));
    } else if (endings.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

/** Checks the anchors of docs/definitions.md and every link to them; returns the number of problems. */
function checkDefinitionLinks(): number {
  const definitions = join(root, "docs", "definitions.md");
  const problems: string[] = [];
  const page = readFileSync(definitions, "utf8");
  const lines = page.split("\n");
  const anchors = new Set<string>();
  lines.forEach((line, i) => {
    const m = /^<a id="([^"]*)"><\/a>$/.exec(line.trim());
    if (m === null) {
      if (line.includes("<a id=")) problems.push(`docs/definitions.md:${i + 1}: write an anchor alone on its line, as <a id="kebab-case-name"></a>`);
      return;
    }
    const id = m[1]!;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) problems.push(`docs/definitions.md:${i + 1}: anchor "${id}" is not kebab-case`);
    if (anchors.has(id)) problems.push(`docs/definitions.md:${i + 1}: anchor "${id}" is declared twice`);
    anchors.add(id);
    const heading = /^#{1,6} (.*)$/.exec(lines[i + 1] ?? "");
    if (heading === null) {
      problems.push(`docs/definitions.md:${i + 1}: anchor "${id}" must be followed by its heading on the next line`);
    } else if (typedocSlug(heading[1]!) !== id || githubSlug(heading[1]!) !== id) {
      // typedoc only resolves links to the ids of headings, so the heading must generate the anchor's name.
      problems.push(`docs/definitions.md:${i + 2}: heading "${heading[1]}" gets the id "${typedocSlug(heading[1]!)}" (typedoc) / "${githubSlug(heading[1]!)}" (GitHub), not its anchor "${id}"`);
    }
  });
  const sources = [join(root, "README.md"), ...filesUnder(join(root, "docs"), [".md"]), ...filesUnder(join(root, "src"), [".ts"])];
  let links = 0;
  for (const file of sources) {
    const text = readFileSync(file, "utf8");
    const name = relative(root, file);
    text.split("\n").forEach((line, i) => {
      if (line.includes("METRICS.md")) problems.push(`${name}:${i + 1}: cites METRICS.md, which is not published; link to a section of docs/definitions.md instead`);
    });
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/i.test(target)) continue; // http:, mailto:
      const hash = target.indexOf("#");
      const path = hash < 0 ? target : target.slice(0, hash);
      const anchor = hash < 0 ? null : target.slice(hash + 1);
      const where = `${name}:${text.slice(0, m.index).split("\n").length}`;
      const resolved = path === "" ? file : resolve(dirname(file), path);
      if (path !== "" && file === definitions && !existsSync(resolved)) problems.push(`${where}: links to ${target}, which does not exist`);
      if (resolved !== definitions) continue;
      links++;
      if (anchor !== null && !anchors.has(anchor)) problems.push(`${where}: links to ${target}, but docs/definitions.md has no anchor "${anchor}"`);
    }
  }
  for (const p of problems) console.error(`✗ ${p}`);
  console.log(`docs/definitions.md: ${anchors.size} anchors, ${links} links to them checked, ${problems.length} problems`);
  return problems.length;
}

try {
  failures += checkDefinitionLinks();
  for (const file of readdirSync(guide).filter((f) => f.endsWith(".md")).sort()) {
    const path = join(guide, file);
    const page = readFileSync(path, "utf8");
    const rewritten = page.replace(example, (_, code: string, expected: string | undefined) => {
      count++;
      const script = join(scratch, `example-${count}.ts`);
      writeFileSync(script, code);
      let output: string;
      try {
        output = execFileSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      } catch (e) {
        failures++;
        console.error(`✗ ${file}, example ${count} failed to run:\n${(e as { stderr?: string }).stderr ?? e}`);
        return `\`\`\`ts\n${code}\`\`\`\n${expected ?? ""}`;
      }
      const block = `\n\`\`\`text\n${output.trimEnd()}\n\`\`\`\n`;
      if (!update && (expected ?? "").trim() !== (output.trim() === "" && expected === undefined ? "" : block.trim())) {
        failures++;
        console.error(`✗ ${file}, example ${count} printed:\n${output}\nbut the page says:\n${expected}`);
      }
      return `\`\`\`ts\n${code}\`\`\`\n${update || expected === undefined ? block : expected}`;
    });
    if (update) writeFileSync(path, rewritten);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`${count} guide examples run, ${failures} failed${update ? " (outputs rewritten)" : ""}`);
process.exit(failures === 0 ? 0 : 1);
