/**
 * Runs a Deno Jupyter notebook without Jupyter, as CI's check that it has not
 * rotted: every code cell, in order, through Deno, the way Deno's kernel runs
 * them, and fails (exit 1) on any error.
 *
 *   npx deno run --allow-read --allow-env --allow-run scripts/run-notebook.ts [notebook.ipynb ...]
 *
 * Default notebook: examples/notebooks/retention.ipynb. `npm run build` first:
 * the notebook imports the build (../../dist/index.js).
 *
 * How: the code cells become one module, run by a child `deno run
 * --allow-read -` whose working folder is the notebook's (a kernel resolves
 * relative imports and file paths from there too; like the kernel, the child
 * does not type-check). Each cell's last expression is handed to a shim that
 * shows it as the kernel would: through its `[Symbol.for("Jupyter.display")]()`
 * method when it has one (the MIME bundle must then hold an SVG picture or
 * HTML), else as `Deno.inspect` text. The run fails when a cell throws, a
 * bundle is malformed, an output shows NaN, undefined or [object Object], no
 * cell displays HTML or SVG, or a cell whose stored output is rich (HTML or
 * SVG) now gives none. Stored outputs that differ from this run are reported
 * as stale (an error with `--strict-outputs`). --allow-env is for the
 * TypeScript parser that finds each cell's last statement.
 *
 * Options (they write files, so add --allow-write):
 *   --write         store this run's outputs in the notebook (what GitHub shows)
 *   --html FILE     also write the notebook, run, as a static HTML page (for a screenshot)
 */
import ts from "typescript";

const MARK = "\u001eRUN-NOTEBOOK ";
const SHIM = "__runNotebook";

interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
  id?: string;
}
interface Output {
  output_type: "stream" | "execute_result" | "display_data" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string; language?: string } } & Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}
/** What the run gave for one code cell. */
interface CellRun {
  stdout: string;
  bundle: Record<string, string> | null;
}

const args = [...Deno.args];
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) usage(`${name} needs a value`);
  args.splice(i, 2);
  return value;
};
const write = flag("--write");
const strictOutputs = flag("--strict-outputs");
const htmlOut = option("--html");
if (args.some((a) => a.startsWith("--"))) usage(`unknown option ${args.find((a) => a.startsWith("--"))}`);
const defaultNotebook = new URL("../examples/notebooks/retention.ipynb", import.meta.url).pathname;
const notebooks = args.length > 0 ? args : [defaultNotebook];
if (htmlOut !== undefined && notebooks.length !== 1) usage("--html takes one notebook");

let failed = 0;
for (const path of notebooks) failed += await runNotebook(path) ? 0 : 1;
if (failed > 0) {
  console.error(`\n${failed} of ${notebooks.length} notebook(s) failed`);
  Deno.exit(1);
}

function usage(message: string): never {
  console.error(`run-notebook: ${message}\nusage: deno run --allow-read --allow-env --allow-run [--allow-write] scripts/run-notebook.ts [--write] [--strict-outputs] [--html FILE] [notebook.ipynb ...]`);
  Deno.exit(2);
}

async function runNotebook(path: string): Promise<boolean> {
  const absolute = path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  const dir = absolute.slice(0, absolute.lastIndexOf("/"));
  const nb = JSON.parse(await Deno.readTextFile(absolute)) as Notebook;
  const problems: string[] = [];
  const warnings: string[] = [];
  const spec = nb.metadata.kernelspec;
  if (spec?.name !== "deno") warnings.push(`kernelspec is ${JSON.stringify(spec)}, not Deno's ("name": "deno")`);

  const code = nb.cells.filter((c) => c.cell_type === "code");
  const { module, lineToCell } = buildModule(code.map((c) => text(c.source)));
  console.log(`${path}: ${code.length} code cells`);

  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", "--allow-read", "-"],
    cwd: dir,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
  }).spawn();
  const stdin = child.stdin.getWriter();
  await stdin.write(new TextEncoder().encode(module));
  await stdin.close();
  const { code: exitCode, stdout, stderr } = await child.output();

  const runs: CellRun[] = code.map(() => ({ stdout: "", bundle: null }));
  let current = -1;
  let finished = false;
  for (const line of new TextDecoder().decode(stdout).split(/(?<=\n)/)) {
    if (line.startsWith(MARK)) {
      const msg = JSON.parse(line.slice(MARK.length)) as { start?: number; result?: number; bundle?: Record<string, string>; error?: string; done?: true };
      if (msg.start !== undefined) current = msg.start;
      if (msg.result !== undefined) runs[msg.result]!.bundle = msg.bundle ?? null;
      if (msg.error !== undefined) problems.push(`cell ${current + 1}: ${msg.error}`);
      if (msg.done) finished = true;
    } else if (current >= 0) runs[current]!.stdout += line;
    else if (line !== "") problems.push(`output before the first cell: ${line.trimEnd()}`);
  }
  const errText = mapLines(new TextDecoder().decode(stderr), lineToCell).trim();
  if (exitCode !== 0 || !finished) {
    const where = current < 0 ? "before the first cell ran (a syntax error or a failed import)" : `in code cell ${current + 1} of ${code.length}`;
    problems.push(`failed ${where} (exit code ${exitCode}):\n${indent(errText || "(no error output)")}`);
    if (current >= 0) problems.push(`the cell:\n${indent(numbered(text(code[current]!.source)))}`);
  } else if (errText !== "") {
    warnings.push(`stderr:\n${indent(errText)}`);
  }

  // Checks against the outputs stored in the notebook.
  if (finished) {
    if (!write) code.forEach((cell, i) => {
      const stored = storedRich(cell);
      const fresh = runs[i]!.bundle;
      if (stored.length > 0 && (fresh === null || !stored.every((t) => t in fresh))) {
        problems.push(`cell ${i + 1}: its stored output has ${stored.join(", ")}, this run gave ${fresh === null ? "nothing" : Object.keys(fresh).join(", ")}`);
      }
    });
    if (!runs.some((r) => r.bundle !== null && ("text/html" in r.bundle || "image/svg+xml" in r.bundle))) {
      problems.push("no cell displayed HTML or SVG: a notebook of this library should show at least one table or picture");
    }
    const stale = code.flatMap((cell, i) => (sameOutputs(cell.outputs ?? [], outputsOf(runs[i]!, i + 1)) ? [] : [i + 1]));
    const cleared = code.every((c) => (c.outputs ?? []).length === 0);
    if (!cleared && stale.length > 0 && !write) {
      const msg = `stored outputs of code cell(s) ${stale.join(", ")} differ from this run: refresh them with\n  npx deno run --allow-read --allow-env --allow-run --allow-write scripts/run-notebook.ts --write ${path}`;
      (strictOutputs ? problems : warnings).push(msg);
    }
  }

  for (const w of warnings) console.warn(`  warning: ${w}`);
  for (const p of problems) console.error(`  error: ${p}`);
  if (problems.length > 0) return false;

  for (const [i, r] of runs.entries()) {
    const shown = r.bundle === null ? "-" : Object.keys(r.bundle).map((k) => `${k} (${r.bundle![k]!.length} chars)`).join(", ");
    console.log(`  cell ${i + 1}: ok; displayed: ${shown}${r.stdout ? `; printed ${r.stdout.split("\n").length - 1} line(s)` : ""}`);
  }
  if (write) {
    code.forEach((cell, i) => {
      cell.execution_count = i + 1;
      cell.outputs = outputsOf(runs[i]!, i + 1);
    });
    await Deno.writeTextFile(absolute, `${stringify(nb)}\n`);
    console.log(`  stored this run's outputs in ${path}`);
  }
  if (htmlOut !== undefined) {
    const folder = htmlOut.includes("/") ? htmlOut.slice(0, htmlOut.lastIndexOf("/")) : "";
    if (folder !== "") await Deno.mkdir(folder, { recursive: true });
    await Deno.writeTextFile(htmlOut, notebookHtml(nb, runs, path));
    console.log(`  wrote an HTML rendition to ${htmlOut}`);
  }
  console.log(`${path}: all ${code.length} code cells ran`);
  return true;
}

/** The code cells as one module: each cell announced, its last expression shown through the shim. */
function buildModule(cells: string[]): { module: string; lineToCell: Array<[number, number]> } {
  const lines: string[] = [shim()];
  const lineToCell: Array<[number, number]> = []; // [the generated line (1-based) where a cell starts, the cell]
  cells.forEach((source, i) => {
    lines.push(`${SHIM}.start(${i});`);
    lineToCell.push([lines.join("\n").split("\n").length + 1, i]);
    lines.push(withShownLastExpression(source, i));
  });
  lines.push(`${SHIM}.done();`);
  return { module: `${lines.join("\n")}\n`, lineToCell };
}

/** A cell whose last statement, when it is an expression, becomes `await shim.show(cell, (expression));`. */
function withShownLastExpression(source: string, cell: number): string {
  const file = ts.createSourceFile(`cell${cell}.ts`, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const last = file.statements.at(-1);
  if (last === undefined || !ts.isExpressionStatement(last)) return source;
  const expression = last.expression.getText(file);
  // Keep the expression on its own lines so line numbers in errors still match the cell.
  return `${source.slice(0, last.getStart(file))}await ${SHIM}.show(${cell}, (${expression}));${source.slice(last.end)}`;
}

/** The shim the module starts with: announces cells, shows values as the kernel would, checks bundles. */
function shim(): string {
  return `const ${SHIM} = {
  emit(msg: unknown): void { console.log(${JSON.stringify(MARK)} + JSON.stringify(msg)); },
  start(cell: number): void { this.emit({ start: cell }); },
  done(): void { this.emit({ done: true }); },
  async show(cell: number, value: unknown): Promise<void> {
    if (value === undefined) return;
    const method = (value as { [k: symbol]: unknown } | null)?.[Symbol.for("Jupyter.display")];
    if (typeof method !== "function") {
      this.emit({ result: cell, bundle: { "text/plain": Deno.inspect(value, { colors: true }) } });
      return;
    }
    const bundle: unknown = await method.call(value);
    if (bundle === null || typeof bundle !== "object") return this.emit({ error: "[Symbol.for('Jupyter.display')]() did not return a MIME bundle object" });
    const entries = Object.entries(bundle);
    const errors: string[] = [];
    if (entries.length === 0) errors.push("the MIME bundle is empty");
    for (const [type, data] of entries) {
      if (typeof data !== "string" || data.trim() === "") errors.push(type + " is not a non-empty string");
      else if (/\\bNaN\\b|\\bundefined\\b|\\[object Object\\]/.test(data)) errors.push(type + " shows " + data.match(/\\bNaN\\b|\\bundefined\\b|\\[object Object\\]/)![0]);
    }
    const svg = (bundle as Record<string, unknown>)["image/svg+xml"];
    const html = (bundle as Record<string, unknown>)["text/html"];
    if (svg === undefined && html === undefined) errors.push("the bundle has neither image/svg+xml nor text/html");
    if (typeof svg === "string" && !/^\\s*<svg[\\s>][\\s\\S]*<\\/svg>\\s*$/.test(svg)) errors.push("image/svg+xml is not one <svg> element");
    if (typeof svg === "string" && !svg.includes('xmlns="http://www.w3.org/2000/svg"')) errors.push("image/svg+xml has no SVG namespace");
    if (typeof html === "string" && !/<(table|svg|div|p)[\\s>]/.test(html)) errors.push("text/html has no table, svg, div or p element");
    if (errors.length > 0) this.emit({ error: errors.join("; ") });
    this.emit({ result: cell, bundle });
  },
};
`;
}

/** The outputs a kernel would store for a cell: what it printed, then its result. */
function outputsOf(run: CellRun, count: number): Output[] {
  const outputs: Output[] = [];
  if (run.stdout !== "") outputs.push({ output_type: "stream", name: "stdout", text: lines(run.stdout) });
  if (run.bundle !== null) {
    const data = Object.fromEntries(Object.entries(run.bundle).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, lines(v)]));
    outputs.push({ output_type: "execute_result", data, metadata: {}, execution_count: count });
  }
  return outputs;
}

/** Same stream text and the same MIME data (execution counts and metadata aside). */
function sameOutputs(stored: Output[], fresh: Output[]): boolean {
  const key = (os: Output[]) =>
    JSON.stringify(os.map((o) => ({ t: o.output_type, n: o.name, text: o.text === undefined ? undefined : text(o.text), data: o.data && Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, text(v)]).sort()) })));
  return key(stored) === key(fresh);
}

function storedRich(cell: Cell): string[] {
  const types = new Set((cell.outputs ?? []).flatMap((o) => Object.keys(o.data ?? {})));
  return ["text/html", "image/svg+xml"].filter((t) => types.has(t));
}

/** Maps `$deno$stdin.mts:LINE:COL` in Deno's messages to the cell and its line. */
function mapLines(message: string, lineToCell: Array<[number, number]>): string {
  return message.replace(/(?:file:\/\/\S*)?\$deno\$stdin\.mts:(\d+):(\d+)/g, (all, line: string, col: string) => {
    const n = Number(line);
    const entry = lineToCell.filter(([first]) => first <= n).at(-1);
    return entry === undefined ? `${all} (the runner's shim)` : `code cell ${entry[1] + 1}, line ${n - entry[0] + 1}:${col}`;
  });
}

/** A static HTML page of the run notebook: markdown, code and outputs, close to how Jupyter shows them. */
function notebookHtml(nb: Notebook, runs: CellRun[], title: string): string {
  let k = 0;
  const parts = nb.cells.map((cell) => {
    if (cell.cell_type === "markdown") return `<div class="md">${markdown(text(cell.source))}</div>`;
    if (cell.cell_type !== "code") return "";
    const run = runs[k]!;
    k++;
    const out = [
      run.stdout ? `<pre class="stream">${escapeHtml(run.stdout)}</pre>` : "",
      run.bundle === null ? "" : run.bundle["text/html"] ?? run.bundle["image/svg+xml"] ?? `<pre>${escapeHtml(stripAnsi(run.bundle["text/plain"] ?? ""))}</pre>`,
    ].join("");
    return `<div class="cell"><div class="in"><span class="prompt">[${k}]:</span><pre class="code">${escapeHtml(text(cell.source))}</pre></div>${out ? `<div class="out"><span class="prompt"></span><div class="result">${out}</div></div>` : ""}</div>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1040px; color: #1f2328; font-size: 14px; line-height: 1.45; }
.md { margin: 10px 0 10px 64px; } .md h1 { font-size: 26px; } .md h2 { font-size: 20px; margin-top: 26px; }
.md pre, .md code { background: #f3f4f6; border-radius: 4px; } .md code { padding: 1px 4px; font-size: 90%; } .md pre { padding: 8px 12px; }
.cell { margin: 10px 0; } .in, .out { display: flex; } .prompt { width: 56px; flex: none; color: #303f9f; font-family: monospace; padding-top: 8px; text-align: right; margin-right: 8px; }
.code { flex: 1; background: #f7f7f7; border: 1px solid #e0e0e0; border-radius: 2px; padding: 8px; margin: 0; font-size: 13px; overflow-x: auto; }
.result { flex: 1; overflow-x: auto; padding: 6px 0; } .stream { margin: 0; font-size: 13px; }
</style></head><body>
${parts.join("\n")}
</body></html>
`;
}

/** Just enough Markdown for the notebook's prose: headings, paragraphs, lists, fenced code, inline code, bold, italics. */
function markdown(source: string): string {
  const inline = (s: string) =>
    escapeHtml(s)
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/\*([^*]+)\*/g, "<em>$1</em>");
  const html: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | null = null;
  let fence: string[] | null = null;
  const flush = () => {
    if (paragraph.length > 0) html.push(`<p>${inline(paragraph.join(" "))}</p>`);
    if (list !== null) html.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join("")}</${list.tag}>`);
    paragraph = [];
    list = null;
  };
  for (const line of source.split("\n")) {
    if (fence !== null) {
      if (line.startsWith("```")) {
        html.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
        fence = null;
      } else fence.push(line);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^(\d+\.|-)\s+(.*)$/.exec(line);
    if (line.startsWith("```")) {
      flush();
      fence = [];
    } else if (heading) {
      flush();
      html.push(`<h${heading[1]!.length}>${inline(heading[2]!)}</h${heading[1]!.length}>`);
    } else if (item) {
      if (paragraph.length > 0) flush();
      const tag = item[1] === "-" ? "ul" : "ol";
      if (list === null || list.tag !== tag) {
        flush();
        list = { tag, items: [] };
      }
      list.items.push(item[2]!);
    } else if (line.trim() === "") flush();
    else if (list !== null) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else paragraph.push(line.trim());
  }
  if (fence !== null) html.push(`<pre><code>${escapeHtml(fence.join("\n"))}</code></pre>`);
  flush();
  return html.join("\n");
}

function text(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
}
function lines(s: string): string[] {
  return s.split(/(?<=\n)/);
}
function indent(s: string): string {
  return s.split("\n").map((l) => `    ${l}`).join("\n");
}
function numbered(s: string): string {
  return s.split("\n").map((l, i) => `${String(i + 1).padStart(3)} | ${l}`).join("\n");
}
function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function stripAnsi(s: string): string {
  // deno-lint-ignore no-control-regex -- ANSI colour codes start with ESC
  return s.replace(/\u001b\[[0-9;]*m/g, "");
}
/** JSON as Jupyter writes notebooks: keys sorted, one space of indent, non-ASCII kept. */
function stringify(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value), null, 1);
}
