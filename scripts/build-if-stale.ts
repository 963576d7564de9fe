/**
 * Builds the package (`npm run build`) when dist/ is missing or older than
 * src/, and does nothing otherwise: the step before `npm test`, whose
 * test/examples.test.ts runs the TSDoc examples against the build.
 *
 * `staleBuild()` is also what that test checks, so both agree on "stale": an
 * entry of package.json "exports" has no built file, or a file of src/ changed
 * after the oldest file of dist/.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function filesOf(dir: string, ending = ""): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesOf(p, ending) : p.endsWith(ending) ? [p] : [];
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The files package.json "exports" points at (every condition), relative to the package. */
function exportedFiles(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
  const out = new Set<string>();
  const walk = (target: unknown): void => {
    if (typeof target === "string") {
      if (target.startsWith("./dist/")) out.add(target.slice(2));
    } else if (target !== null && typeof target === "object") Object.values(target).forEach(walk);
  };
  walk(pkg.exports);
  return [...out];
}

/** Why dist/ cannot be used as the build of src/, or undefined when it can. */
export function staleBuild(): string | undefined {
  const files = exportedFiles();
  const missing = files.filter((f) => !isFile(join(ROOT, f)));
  if (missing.length === files.length) return "dist/ is missing: run npm run build first";
  if (missing.length > 0) return `dist/ has no ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}: run npm run build first`;
  const built = Math.min(...filesOf(join(ROOT, "dist")).map((f) => statSync(f).mtimeMs));
  const changed = filesOf(join(ROOT, "src"), ".ts")
    .filter((f) => statSync(f).mtimeMs > built)
    .map((f) => relative(ROOT, f))
    .sort();
  if (changed.length === 0) return undefined;
  const named = `${changed.slice(0, 3).join(", ")}${changed.length > 3 ? ` and ${changed.length - 3} more` : ""}`;
  return `dist/ is older than src/ (${named} changed after the build): run npm run build first`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const stale = staleBuild();
  if (stale === undefined) console.log("dist/ is up to date with src/");
  else {
    console.log(`${stale.replace(/: run npm run build first$/, "")}: building`);
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  }
}
