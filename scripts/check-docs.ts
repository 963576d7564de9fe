/**
 * Runs every example of the guide (docs/guide/*.md) against the built package
 * and checks that it prints what the page says it prints. An example is a
 * ```ts block; the ```text block right after it is its expected output.
 * `npx tsx scripts/check-docs.ts --update` rewrites the output blocks instead.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const guide = join(root, "docs", "guide");
const update = process.argv.includes("--update");
const example = /```ts\n([\s\S]*?)```\n(\s*```text\n[\s\S]*?```\n)?/g;
// Examples run from a scratch folder inside the repo so "retention-metrics" resolves to the build.
const scratch = mkdtempSync(join(root, ".tmp-docs-"));
let failures = 0;
let count = 0;

try {
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
