/**
 * Smoke test of the package as npm gives it: packs the repository (`npm pack`, whose prepack script
 * builds dist/), installs the tarball into a new scratch project (`npm install <tarball>`, which takes
 * decimal.js from the registry) and there runs, and checks the printed values of:
 *
 * - the README's "Ten lines" example, taken from README.md itself (TypeScript's `!` dropped), as an ES
 *   module and as CommonJS (its import turned into a require);
 * - one call of a function from every entry of package.json "exports" (scripts/entry-calls.mjs), by
 *   `import` and by `require`;
 *
 * under each Node given (default: the one running this script) and, for the ES modules, under Deno
 * (node_modules/.bin/deno of the repository, run in the scratch project). It also checks that the
 * installed project's node_modules holds retention-metrics and decimal.js and nothing else.
 *
 *   node scripts/smoke-tarball.mjs [--node PATH]... [--no-deno] [--no-build] [--keep]
 *
 * --node PATH  a Node binary to run the checks with (repeatable), e.g. from `npx -y -p node@22 node -p process.execPath`
 * --no-build   pack the dist/ there is (`npm pack --ignore-scripts`) instead of building it in prepack
 * --keep       keep the scratch folder and print its path
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { entryCalls, packageEntries, specifierOf } from "./entry-calls.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const nodes = args.flatMap((a, i) => (a === "--node" ? [args[i + 1]] : []));
if (nodes.length === 0) nodes.push(process.execPath);
const useDeno = !args.includes("--no-deno");
const build = !args.includes("--no-build");
const keep = args.includes("--keep");
const deno = join(root, "node_modules", ".bin", "deno");

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const entries = packageEntries(pkg);
let failures = 0;
function check(ok, what, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${!ok && detail ? `\n     ${detail.replace(/\n/g, "\n     ")}` : ""}`);
  if (!ok) failures++;
  return ok;
}

// The README's example and the values its comments promise.
const readme = readFileSync(join(root, "README.md"), "utf8");
const example = /^## Ten lines\s*\n+```ts\n([\s\S]*?)\n```/m.exec(readme)?.[1];
if (example === undefined) {
  console.error('smoke-tarball: README.md has no "## Ten lines" section with a ```ts block');
  process.exit(2);
}
const readmeEsm = example.replace(/(\w)!\./g, "$1.");
const readmeCjs = readmeEsm.replace(/^import \{([^}]*)\} from "([^"]+)";$/m, 'const {$1} = require("$2");');
const expected = [...example.matchAll(/^console\.log\(.*\);\s*\/\/\s*(.*)$/gm)].map((m) => m[1].trim().replace(/"/g, ""));
if (expected.length === 0 || readmeCjs === readmeEsm) {
  console.error("smoke-tarball: the README's example has no console.log(...); // value lines, or no import to turn into a require");
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), "smoke-tarball-"));
const started = Date.now();
try {
  // 1. Pack: with prepack (the build), as `npm publish` would.
  const packDir = join(scratch, "pack");
  mkdirSync(packDir);
  execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir, ...(build ? [] : ["--ignore-scripts"])], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
  if (!check(tarball !== undefined, `npm pack${build ? " (prepack builds dist/)" : " --ignore-scripts"}: ${tarball}`)) process.exit(1);

  // 2. A scratch project that installs the tarball.
  const project = join(scratch, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "smoke-consumer", version: "0.0.0", private: true }, null, 2)}\n`);
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(packDir, tarball)], { cwd: project, encoding: "utf8" });
  if (!check(install.status === 0, "npm install <tarball> into a new project", `${install.stdout}${install.stderr}`)) process.exit(1);
  const installed = readdirSync(join(project, "node_modules"))
    .filter((d) => !d.startsWith("."))
    .flatMap((d) => (d.startsWith("@") ? readdirSync(join(project, "node_modules", d)).map((s) => `${d}/${s}`) : [d]))
    .sort();
  const extra = installed.filter((d) => d !== "retention-metrics" && d !== "decimal.js");
  check(
    extra.length === 0 && installed.includes("decimal.js") && installed.includes("retention-metrics"),
    `the installed project's node_modules holds retention-metrics and decimal.js only (${installed.length} packages)`,
    `also: ${summarize(extra)}`,
  );

  // 3. The scripts: the README's example and one call per entry, as ESM and as CJS.
  const callLines = (load) =>
    entries.map(({ subpath }, i) => {
      const call = entryCalls[subpath];
      const value = call === undefined ? `"(no call for ${subpath} in scripts/entry-calls.mjs)"` : `String(await (async () => { const m = m${i}; return ${call.call}; })())`;
      return { load: load(i, specifierOf(pkg.name, subpath)), print: `console.log(${JSON.stringify(subpath)} + "\\t" + ${value});` };
    });
  writeFileSync(join(project, "readme.mjs"), `${readmeEsm}\n`);
  writeFileSync(join(project, "readme.cjs"), `${readmeCjs}\n`);
  const esm = callLines((i, spec) => `import * as m${i} from ${JSON.stringify(spec)};`);
  const cjs = callLines((i, spec) => `const m${i} = require(${JSON.stringify(spec)});`);
  writeFileSync(join(project, "entries.mjs"), `${esm.map((l) => l.load).join("\n")}\n${esm.map((l) => l.print).join("\n")}\n`);
  writeFileSync(
    join(project, "entries.cjs"),
    `${cjs.map((l) => l.load).join("\n")}\n(async () => {\n${cjs.map((l) => `  ${l.print}`).join("\n")}\n})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`,
  );
  const expectedEntries = entries.map(({ subpath }) => `${subpath}\t${entryCalls[subpath]?.expect ?? "(a call in scripts/entry-calls.mjs)"}`);

  const runAndCheck = (label, command, commandArgs, want) => {
    const run = spawnSync(command, commandArgs, { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const got = run.stdout.trimEnd().split("\n");
    const wrong = want.flatMap((line, i) => (got[i] === line ? [] : [`line ${i + 1}: want ${JSON.stringify(line)}, got ${JSON.stringify(got[i])}`]));
    if (got.length > want.length) wrong.push(`${got.length - want.length} more line(s): ${got.slice(want.length).join(" | ")}`);
    check(run.status === 0 && wrong.length === 0, label, [run.status !== 0 ? `exit code ${run.status}` : "", ...wrong, run.stderr.trim()].filter(Boolean).join("\n"));
  };
  for (const node of nodes) {
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    runAndCheck(`Node ${version}, ESM: the README's example prints ${expected.join(" / ")}`, node, ["readme.mjs"], expected);
    runAndCheck(`Node ${version}, CJS: the README's example prints ${expected.join(" / ")}`, node, ["readme.cjs"], expected);
    runAndCheck(`Node ${version}, ESM: one call into each of the ${entries.length} entries`, node, ["entries.mjs"], expectedEntries);
    runAndCheck(`Node ${version}, CJS: one call into each of the ${entries.length} entries`, node, ["entries.cjs"], expectedEntries);
  }
  if (useDeno) {
    if (!existsSync(deno)) check(false, "Deno", `${deno} is missing (npm install)`);
    else {
      const version = execFileSync(deno, ["--version"], { encoding: "utf8" }).split("\n")[0];
      // The scratch project has a package.json and a node_modules: Deno resolves bare imports from it.
      const denoArgs = (file) => ["run", "--no-prompt", "--allow-read", "--no-lock", "--node-modules-dir=manual", file];
      runAndCheck(`${version}, ESM: the README's example prints ${expected.join(" / ")}`, deno, denoArgs("readme.mjs"), expected);
      runAndCheck(`${version}, ESM: one call into each of the ${entries.length} entries`, deno, denoArgs("entries.mjs"), expectedEntries);
    }
  }
} finally {
  if (keep) console.log(`scratch folder kept: ${realpathSync(scratch)}`);
  else rmSync(scratch, { recursive: true, force: true });
}
console.log(failures === 0 ? `\npacked tarball: all checks passed (${Math.round((Date.now() - started) / 1000)} s)` : `\npacked tarball: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);

/** Package names, a scope of many packages shown as one item: "@stdlib/* (183 packages), debug, ms". */
function summarize(names) {
  const scopes = new Map();
  for (const n of names) if (n.startsWith("@")) scopes.set(n.split("/")[0], (scopes.get(n.split("/")[0]) ?? 0) + 1);
  const big = new Set([...scopes].filter(([, count]) => count > 5).map(([scope]) => scope));
  return [
    ...[...big].map((scope) => `${scope}/* (${scopes.get(scope)} packages)`),
    ...names.filter((n) => !big.has(n.split("/")[0])),
  ].join(", ");
}
