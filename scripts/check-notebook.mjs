/**
 * Checks a notebook that Jupyter executed (scripts/notebook.sh runs it with `jupyter nbconvert
 * --execute` in the real kernel) against the notebook as committed. No dependencies.
 *
 *   node scripts/check-notebook.mjs EXECUTED.ipynb COMMITTED.ipynb [--update] [--strict-outputs]
 *
 * Fails (exit 1) when a cell has an error output, when no output of the notebook is HTML or SVG,
 * when an output shows NaN, undefined or [object Object], when a rich output is malformed (SVG that
 * is not one <svg> element with its namespace, HTML without a table, svg, div or p), or when a cell
 * whose committed output is rich (text/html or image/svg+xml) now gives none. Committed outputs that
 * differ from this run are reported as stale (an error with --strict-outputs). --update: the run
 * is about to replace the committed outputs, so stale or no-longer-rich outputs are only reported.
 *
 * A cell that has committed outputs but none in this run fails the check in both modes, with exit
 * code 3 when that is the only kind of problem: Deno's kernel can report a cell idle before its
 * output has gone out (it waits a few milliseconds for it), and Jupyter then drops the output, so
 * scripts/notebook.sh runs the notebook again on exit code 3.
 */
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const update = args.includes("--update");
const strictOutputs = args.includes("--strict-outputs");
const [executedPath, committedPath] = args.filter((a) => !a.startsWith("--"));
if (executedPath === undefined || committedPath === undefined) {
  console.error("usage: node scripts/check-notebook.mjs EXECUTED.ipynb COMMITTED.ipynb [--update] [--strict-outputs]");
  process.exit(2);
}

const RICH = ["text/html", "image/svg+xml"];
const BAD = /\bNaN\b|\bundefined\b|\[object Object\]/;
const executed = JSON.parse(readFileSync(executedPath, "utf8"));
const committed = JSON.parse(readFileSync(committedPath, "utf8"));
const problems = [];
const warnings = [];
const missing = []; // cells with committed outputs and none in this run

const text = (s) => (Array.isArray(s) ? s.join("") : s ?? "");
// ANSI colour codes (a kernel may colour its text) start with ESC.
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, "");
const codeCells = (nb) => nb.cells.filter((c) => c.cell_type === "code");
const richTypes = (cell) => RICH.filter((t) => (cell.outputs ?? []).some((o) => o.data?.[t] !== undefined));

const kernel = executed.metadata?.kernelspec?.name ?? "(no kernelspec)";
const cells = codeCells(executed);
const before = codeCells(committed);
console.log(`${committedPath}: ${cells.length} code cells, kernel ${kernel}`);

let richOutputs = 0;
cells.forEach((cell, i) => {
  const where = `code cell ${i + 1}${cell.id ? ` (${cell.id})` : ""}`;
  for (const output of cell.outputs ?? []) {
    if (output.output_type === "error") {
      problems.push(`${where} raised ${output.ename}: ${stripAnsi(output.evalue ?? "")}\n${stripAnsi(text(output.traceback?.join?.("\n") ?? "")).replace(/^/gm, "    ")}`);
      continue;
    }
    if (output.output_type === "stream" && output.name === "stderr") warnings.push(`${where} wrote to stderr: ${stripAnsi(text(output.text)).trim()}`);
    const shown = [["text", text(output.text)], ...Object.entries(output.data ?? {}).filter(([t]) => t.startsWith("text/") || t === "image/svg+xml").map(([t, v]) => [t, text(v)])];
    for (const [type, value] of shown) {
      const bad = BAD.exec(stripAnsi(value));
      if (bad) problems.push(`${where}: its ${type} output shows ${bad[0]}: ...${stripAnsi(value).slice(Math.max(0, bad.index - 60), bad.index + 40)}...`);
    }
    const svg = output.data?.["image/svg+xml"];
    const html = output.data?.["text/html"];
    if (svg !== undefined) {
      richOutputs++;
      if (!/^\s*<svg[\s>][\s\S]*<\/svg>\s*$/.test(text(svg))) problems.push(`${where}: its image/svg+xml is not one <svg> element`);
      else if (!text(svg).includes('xmlns="http://www.w3.org/2000/svg"')) problems.push(`${where}: its image/svg+xml has no SVG namespace`);
    }
    if (html !== undefined) {
      richOutputs++;
      if (!/<(table|svg|div|p)[\s>]/.test(text(html))) problems.push(`${where}: its text/html has no table, svg, div or p element`);
    }
  }
  const old = (cell.id !== undefined ? before.find((c) => c.id === cell.id) : undefined) ?? before[i];
  if ((old?.outputs ?? []).length > 0 && (cell.outputs ?? []).length === 0) {
    missing.push(`${where}: no output in this run; its committed outputs: ${old.outputs.map((o) => o.name ?? Object.keys(o.data ?? {}).join(" + ")).join("; ")}`);
    return;
  }
  const wasRich = old === undefined ? [] : richTypes(old);
  const lost = wasRich.filter((t) => !richTypes(cell).includes(t));
  if (lost.length > 0) {
    const msg = `${where}: its committed output has ${lost.join(" and ")}, this run gave ${(cell.outputs ?? []).flatMap((o) => Object.keys(o.data ?? { [o.output_type]: 1 })).join(", ") || "nothing"}`;
    (update ? warnings : problems).push(msg);
  }
});
if (richOutputs === 0) problems.push("no output is HTML or SVG: a notebook of this library should show at least one table or picture");
if (cells.length !== before.length) problems.push(`the executed notebook has ${cells.length} code cells, the committed one ${before.length}`);

// Stale outputs: the committed ones differ from this run (execution counts and metadata aside).
const key = (outputs) =>
  JSON.stringify((outputs ?? []).map((o) => ({
    t: o.output_type,
    n: o.name,
    text: o.text === undefined ? undefined : stripAnsi(text(o.text)),
    data: o.data && Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, stripAnsi(text(v))]).sort()),
  })));
const stale = cells.flatMap((cell, i) => (before[i] !== undefined && key(before[i].outputs) !== key(cell.outputs) ? [i + 1] : []));
const cleared = before.every((c) => (c.outputs ?? []).length === 0);
if (!update && !cleared && stale.length > 0) {
  const msg = `the committed outputs of code cell(s) ${stale.join(", ")} differ from this run: refresh them with npm run notebook:update`;
  (strictOutputs ? problems : warnings).push(msg);
}

for (const w of warnings) console.warn(`  warning: ${w}`);
for (const p of [...problems, ...missing]) console.error(`  error: ${p}`);
if (problems.length + missing.length > 0) {
  console.error(`${committedPath}: ${problems.length + missing.length} problem(s)`);
  process.exit(problems.length === 0 ? 3 : 1);
}
cells.forEach((cell, i) => {
  const outputs = (cell.outputs ?? []).map((o) => (o.output_type === "stream" ? `${o.name} (${text(o.text).split("\n").length - 1} lines)` : Object.keys(o.data ?? {}).join(" + ")));
  console.log(`  cell ${i + 1}: ok${outputs.length > 0 ? `; ${outputs.join("; ")}` : ""}`);
});
console.log(`${committedPath}: all ${cells.length} code cells ran in the ${kernel} kernel, ${richOutputs} rich output(s)`);
