/**
 * Checks the browser example (examples/browser/) and every ESM entry of the build against a real
 * browser, as CI can and as a person would. `npm run build` first. No dependencies.
 *
 *   node scripts/check-browser.mjs                 checks (below); Chromium's part is skipped without Chromium
 *                                                  (a failure when CI is set: CI must check in a browser)
 *   node scripts/check-browser.mjs --screenshot [PNG]
 *                                                  also saves a screenshot (default docs/images/browser-example.png)
 *   node scripts/check-browser.mjs --notebook-html FILE [--notebook-png PNG]
 *                                                  also screenshots an HTML rendition of the notebook (from
 *                                                  bash scripts/notebook.sh --html FILE; default docs/images/notebook.png)
 *   node scripts/check-browser.mjs --serve [PORT]  serves the repository to open the page yourself (and the
 *                                                  entries page, /__entries__.html)
 *
 * The checks:
 * 1. The page's logic (examples/browser/report.js) runs in Node on the sample data and gives a heatmap and a summary.
 * 2. The page's module graph resolves as a browser resolves it: every relative import exists, every bare
 *    import is mapped by the page's import map to an ES module that exists (a CommonJS file cannot load).
 * 3. A small static server (node:http, 127.0.0.1 only) serves the page, its modules and the data with the
 *    content types a browser requires for module scripts.
 * 4. Headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) loads the page and the script reads the
 *    DOM it dumps: the page must say it is ready, with the heatmap's cells and 12 summary rows. Skipped, with
 *    a message, when Chromium is absent (a failure when the environment variable CI is set).
 * 5. Every entry of the package unbundled: a generated page (/__entries__.html) with an import map that maps
 *    only decimal.js imports each ESM entry of package.json "exports" from dist/ (a new entry is taken up by
 *    itself), calls one function of each (scripts/entry-calls.mjs says which, and the value it must give)
 *    and writes each result, every window error, unhandled rejection and failed module load into its DOM,
 *    which Chromium dumps. The same module-graph check as in 2 runs on the entries first (it names the
 *    bare import a browser cannot resolve); it is a failure, not a skip, when an entry cannot load.
 * 6. The report of the CLI (the built bin, `retention-metrics report` on the sample data, as `npm run demo`
 *    runs it) in Chromium, served with a probe script put first in its <head> that records every console
 *    error or warning, window error, failed load, unhandled rejection and content-security violation, and
 *    measures every picture once the page has loaded; Chromium's own console log (stderr) is read too. The
 *    page must have no console error and every picture of every section, each an <svg> drawn at a size
 *    with its marks. `--report-png [PNG]` also saves a screenshot of it (default docs/images/report.png).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { entryCalls, packageEntries } from "./entry-calls.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pagePath = "/examples/browser/index.html";
const csvPath = join(root, "examples", "data", "orders.csv");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const NOTEBOOK_URL = "/__notebook__.html";
const REPORT_URL = "/__report__.html";
/** The pictures the report of the sample data (which has amounts) draws, by section. */
const REPORT_PICTURES = { "period-summary": 1, cohorts: 1, "retention-curve": 1, "survival-curve": 1, "revenue-concentration": 1, "lifetime-value": 2 };
const ENTRIES_URL = "/__entries__.html";
/** The only bare import the package's ESM build may have: its one runtime dependency. */
const ENTRIES_IMPORT_MAP = { imports: { "decimal.js": "/node_modules/decimal.js/decimal.mjs" } };
const inCI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
const entries = packageEntries(JSON.parse(readFileSync(join(root, "package.json"), "utf8"))).filter((e) => e.importFile !== undefined);

const args = process.argv.slice(2);
const valueAfter = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const next = args[i + 1];
  return next !== undefined && !next.startsWith("--") ? next : fallback;
};
const serveOnly = args.includes("--serve");
const screenshot = valueAfter("--screenshot", join(root, "docs", "images", "browser-example.png"));
const notebookHtml = valueAfter("--notebook-html", undefined);
const notebookPng = valueAfter("--notebook-png", undefined) ?? join(root, "docs", "images", "notebook.png");
const reportPng = valueAfter("--report-png", join(root, "docs", "images", "report.png"));
/** The report page served at REPORT_URL: written by the built CLI into a temporary folder (checkReport). */
let reportHtmlFile;
if (args.includes("--notebook-html") && notebookHtml === undefined) fail("--notebook-html needs a file");

let failures = 0;
function check(ok, what, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${!ok && detail ? `\n     ${detail}` : ""}`);
  if (!ok) failures++;
  return ok;
}
function fail(message) {
  console.error(`check-browser: ${message}`);
  process.exit(2);
}

if (!existsSync(join(root, "dist", "index.js"))) fail("dist/index.js is missing: run npm run build first");

const server = await startServer(serveOnly ? Number(valueAfter("--serve", "8000")) : 0);
const base = `http://127.0.0.1:${server.address().port}`;
if (serveOnly) {
  console.log(`Serving ${root} at ${base}/\nOpen ${base}${pagePath} or ${base}${ENTRIES_URL}  (Ctrl-C stops)`);
} else {
  try {
    await checkLogic();
    const html = readFileSync(join(root, pagePath), "utf8");
    checkModuleGraph(
      "the page's module graph resolves in a browser",
      [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => resolve(dirname(join(root, pagePath)), m[1])),
      pagePath,
      importMapOf(html),
    );
    checkModuleGraph(
      `every ESM entry's module graph resolves in a browser with only decimal.js mapped (${entries.length} entries)`,
      entries.map((e) => join(root, e.importFile)),
      "package.json",
      ENTRIES_IMPORT_MAP.imports,
      "/",
    );
    await checkServed();
    await checkInChromium();
  } finally {
    server.close();
    if (reportHtmlFile !== undefined) rmSync(dirname(reportHtmlFile), { recursive: true, force: true });
  }
  console.log(failures === 0 ? "\nbrowser checks: all passed" : `\nbrowser checks: ${failures} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

/** 1. The page's computations, run in Node on the same data. */
async function checkLogic() {
  const { retentionReport, percent } = await import(pathToFileURL(join(root, "examples", "browser", "report.js")).href);
  const report = retentionReport(readFileSync(csvPath, "utf8"), { to: "2025-01-01T00:00:00Z" });
  const cells = (report.heatmapSvg.match(/class="cell/g) ?? []).length;
  check(report.orders === 1157 && report.customers === 240, "report.js in Node: reads the 1,157 orders of 240 customers", `${report.orders} orders, ${report.customers} customers`);
  check(/^<svg[\s>]/.test(report.heatmapSvg) && report.heatmapSvg.trimEnd().endsWith("</svg>"), "report.js in Node: the heatmap is one <svg> element");
  // 12 monthly cohorts: the cohort of month i has 12 - i observed offsets, 78 cells, plus the censored ones.
  check(cells >= 78, `report.js in Node: the heatmap has a cell per cohort and month (${cells})`);
  check(report.months.length === 12 && report.months[0].month === "2024-01" && report.months[11].month === "2024-12", "report.js in Node: 12 monthly summary rows, 2024-01 to 2024-12");
  const printed = JSON.stringify(report.months) + percent(report.oneMonthRetention) + report.heatmapSvg;
  check(!/\bNaN\b|\bundefined\b|\[object Object\]/.test(printed), "report.js in Node: no NaN, undefined or [object Object] in what the page prints");
  check(report.oneMonthRetention > 0 && report.oneMonthRetention < 1, `report.js in Node: one-month retention ${percent(report.oneMonthRetention)}`);
}

function importMapOf(html) {
  const mapText = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return mapText === undefined ? {} : JSON.parse(mapText).imports ?? {};
}

/**
 * 2. Every import of a module graph resolves the way a browser resolves it, through an import map
 * (whose targets are relative to `mapBase`, a folder of the repository: the page's, or "/" for the root).
 */
function checkModuleGraph(what, startFiles, startFrom, imports, mapBase = dirname(pagePath)) {
  const problems = [];
  const seen = new Set();
  const queue = startFiles.map((file) => ({ file, from: startFrom }));
  while (queue.length > 0) {
    const { file, from } = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file) || !statSync(file).isFile()) {
      problems.push(`${rel(file)} (imported by ${from}) does not exist`);
      continue;
    }
    const source = readFileSync(file, "utf8");
    if (!/^\s*(import|export)\b/m.test(source) && /\bmodule\.exports\b|\brequire\(/.test(source)) {
      problems.push(`${rel(file)} (imported by ${from}) is CommonJS, which a browser cannot import`);
      continue;
    }
    for (const specifier of importsOf(source)) {
      let target;
      if (/^\.{0,2}\//.test(specifier)) target = resolve(dirname(file), specifier);
      else if (/^[a-z]+:/.test(specifier)) continue; // a full URL: the browser fetches it as is
      else {
        const key = imports[specifier] !== undefined ? specifier : Object.keys(imports).find((k) => k.endsWith("/") && specifier.startsWith(k));
        if (key === undefined) {
          problems.push(`"${specifier}" (imported by ${rel(file)}) is not in the import map (${Object.keys(imports).join(", ") || "empty"})`);
          continue;
        }
        const mapped = imports[key] + specifier.slice(key.length);
        target = mapped.startsWith("/") ? join(root, mapped) : resolve(join(root, mapBase), mapped);
      }
      queue.push({ file: target, from: rel(file) });
    }
  }
  check(problems.length === 0, `${what} (${seen.size} modules)`, problems.join("\n     "));
}

/** Static and dynamic import specifiers of an ES module (string literals only). */
function importsOf(source) {
  const found = new Set();
  // Comments are not imports (bundled code keeps JSDoc such as "@import {X} from '../src/types.js'").
  source = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const patterns = [
    /^\s*import\s+["']([^"']+)["']/gm,
    /^\s*(?:import|export)\s[^;"']*?\sfrom\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1]);
  return found;
}

/** 3. The server gives the page, its modules and the data, with module-script content types. */
async function checkServed() {
  const wanted = [
    [pagePath, "text/html"],
    ["/examples/browser/main.js", "text/javascript"],
    ["/examples/browser/report.js", "text/javascript"],
    ["/dist/index.js", "text/javascript"],
    ["/node_modules/decimal.js/decimal.mjs", "text/javascript"],
    ["/examples/data/orders.csv", "text/csv"],
    [ENTRIES_URL, "text/html"],
  ];
  const wrong = [];
  for (const [path, type] of wanted) {
    const response = await fetch(base + path);
    const got = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !got.startsWith(type)) wrong.push(`${path}: HTTP ${response.status}, ${got}`);
    await response.arrayBuffer();
  }
  const outside = await fetch(`${base}/..%2f..%2f..%2fetc/passwd`);
  check(wrong.length === 0, "the static server serves the page, its modules and the data", wrong.join("\n     "));
  check(outside.status === 404, "the static server refuses paths outside the repository");
  await outside.arrayBuffer();
}

/** 4. The page in headless Chromium: the DOM it renders, and screenshots when asked. */
async function checkInChromium() {
  if (!existsSync(chromium)) {
    const asked = screenshot !== undefined || notebookHtml !== undefined || reportPng !== undefined;
    const where = `${chromium} not found (apt-get install chromium; or set CHROMIUM)`;
    if (inCI) check(false, "Chromium: loads the example page and every entry", `${where}: CI must check in a browser`);
    else console.log(`skip Chromium: ${where}${asked ? "; no screenshot taken" : ""}`);
    if (asked && !inCI) failures++;
    return;
  }
  const dom = await runChromium(["--dump-dom", `${base}${pagePath}?measure`]);
  const status = /<body[^>]*data-status="([^"]*)"/.exec(dom)?.[1];
  const message = /<p id="status"[^>]*>([\s\S]*?)<\/p>/.exec(dom)?.[1] ?? "";
  const cells = (dom.match(/class="cell/g) ?? []).length;
  const rows = (/<tbody>([\s\S]*?)<\/tbody>/.exec(dom)?.[1].match(/<tr>/g) ?? []).length;
  check(status === "ready", "Chromium: the page loaded the data and drew its report", `status ${status ?? "(none)"}: ${message.trim()}`);
  check(cells >= 78, `Chromium: the heatmap is in the page (${cells} cells)`);
  check(rows === 12, `Chromium: the summary table has 12 rows (${rows})`);
  check(!/\bNaN\b|\bundefined\b|\[object Object\]/.test(message + (/<main>([\s\S]*)<\/main>/.exec(dom)?.[1] ?? "")), "Chromium: no NaN, undefined or [object Object] on the page");
  await checkEntriesInChromium();
  await checkReportInChromium();
  if (screenshot !== undefined) await shoot(`${base}${pagePath}`, screenshot, 960);
  if (notebookHtml !== undefined) await shoot(`${base}${NOTEBOOK_URL}`, notebookPng, 1100);
}

/** 5. Every ESM entry of the package, unbundled, in Chromium: the generated entries page (below) and its DOM. */
async function checkEntriesInChromium() {
  const dom = await runChromium(["--dump-dom", `${base}${ENTRIES_URL}`]);
  const status = /<body[^>]*data-status="([^"]*)"/.exec(dom)?.[1];
  const errors = [...(/<ul id="errors">([\s\S]*?)<\/ul>/.exec(dom)?.[1] ?? "").matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescapeHtml(m[1]));
  const results = new Map();
  for (const m of dom.matchAll(/<li data-entry="([^"]*)" data-status="([^"]*)"[^>]*>([\s\S]*?)<\/li>/g)) {
    results.set(unescapeHtml(m[1]), { status: m[2], text: unescapeHtml(m[3]) });
  }
  check(status === "done", `Chromium: the entries page ran to its end (${entries.length} entries)`, `status ${status ?? "(none)"}`);
  for (const { subpath, importFile } of entries) {
    const result = results.get(subpath);
    const call = entryCalls[subpath];
    const what = `Chromium: import "${subpath}" (${importFile.replace(/^\.\//, "")})`;
    if (result === undefined) check(false, what, "no result on the page");
    else if (result.status === "failed") check(false, what, result.text);
    else if (call === undefined) check(false, `${what} loads (${result.text}), and calls one function`, `no call for "${subpath}" in scripts/entry-calls.mjs: add one`);
    else check(result.text === call.expect, `${what}: ${/(new )?m\.(\w+)\(/.exec(call.call)?.slice(1).join("") ?? "its call"}(...) gives ${call.expect}`, `got ${result.text}`);
  }
  check(errors.length === 0, "Chromium: no window error, unhandled rejection or failed module load on the entries page", errors.join("\n     "));
}

/**
 * 6. The CLI's report in Chromium: written by the built bin on the sample data, served with REPORT_PROBE
 * first in its <head>, and its DOM (the probe's findings) and Chromium's console log read.
 */
async function checkReportInChromium() {
  const out = mkdtempSync(join(tmpdir(), "check-browser-report-"));
  reportHtmlFile = join(out, "report.html");
  const cli = await runNode([join(root, "dist", "cli", "main.js"), "report", csvPath, "--out", out]);
  if (!check(cli.code === 0 && existsSync(reportHtmlFile), "the built CLI writes the report of the sample data", `exit ${cli.code}: ${cli.stderr.slice(-1000)}`)) return;
  const { stdout: dom, stderr } = await runChromium(["--dump-dom", "--enable-logging=stderr", "--v=0", `${base}${REPORT_URL}?probe`], true);
  const probeText = /<pre id="__probe__"[^>]*>([\s\S]*?)<\/pre>/.exec(dom)?.[1];
  if (!check(probeText !== undefined, "Chromium: the report loaded and its probe ran")) return;
  const probe = JSON.parse(unescapeHtml(probeText));
  // Chromium logs console messages (the page's and its own, such as a refused resource) as CONSOLE lines.
  const logged = [...stderr.matchAll(/^\[[^\]]*:(?:ERROR|WARNING|INFO):CONSOLE(?:\(\d+\)|:\d+)\] (.*)$/gm)].map((m) => m[1]);
  check(probe.problems.length === 0 && logged.length === 0, "Chromium: no console error or warning, window error, failed load or security violation on the report", [...probe.problems, ...logged].join("\n     "));
  for (const [section, wanted] of Object.entries(REPORT_PICTURES)) {
    const pictures = probe.sections[section];
    const drawn = (pictures ?? []).filter((p) => p.width > 50 && p.height > 50 && p.marks >= 10);
    check(
      pictures !== undefined && pictures.length === wanted && drawn.length === wanted,
      `Chromium: the report's ${section} section shows its ${wanted} picture${wanted === 1 ? "" : "s"}`,
      pictures === undefined ? "no such section" : JSON.stringify(pictures),
    );
  }
  const unexpected = Object.keys(probe.sections).filter((id) => !(id in REPORT_PICTURES) && probe.sections[id].length > 0);
  check(unexpected.length === 0, "Chromium: no picture outside the expected sections (a new one belongs in REPORT_PICTURES)", unexpected.join(", "));
  check(probe.warnings === 0, `Chromium: the report has no warning paragraph (a model that failed to fit)`, `${probe.warnings} warnings`);
  check(!/\bNaN\b|\bundefined\b|\[object Object\]/.test(probe.text), "Chromium: no NaN, undefined or [object Object] in the report's text");
  if (reportPng !== undefined) await shoot(`${base}${REPORT_URL}`, reportPng, 1160);
}

/**
 * Put first in the report's <head>: records console errors and warnings, window errors, failed loads,
 * unhandled rejections and security violations, and after the load measures each section's pictures
 * (an <svg> directly in a <figure>: its drawn size and how many marks it has), into <pre id="__probe__">.
 */
function reportProbe() {
  return `<script>(() => {
  const problems = [];
  for (const level of ["error", "warn"]) {
    const original = console[level];
    console[level] = (...args) => { problems.push(\`console.\${level}: \${args.map(String).join(" ")}\`); original.apply(console, args); };
  }
  addEventListener("error", (e) => {
    const t = e.target;
    problems.push(t && t !== window && (t.src || t.href) ? \`failed to load \${t.src || t.href}\` : \`error: \${e.message} (\${e.filename}:\${e.lineno})\`);
  }, true);
  addEventListener("unhandledrejection", (e) => problems.push(\`unhandled rejection: \${e.reason}\`));
  addEventListener("securitypolicyviolation", (e) => problems.push(\`security policy violation: \${e.violatedDirective} \${e.blockedURI}\`));
  addEventListener("load", () => {
    const sections = {};
    for (const section of document.querySelectorAll("section[id]")) {
      sections[section.id] = [...section.querySelectorAll("figure")].map((f) => {
        const svg = f.querySelector(":scope > svg");
        const box = svg === null ? { width: 0, height: 0 } : svg.getBoundingClientRect();
        return { width: Math.round(box.width), height: Math.round(box.height), marks: svg === null ? 0 : svg.querySelectorAll("rect, path, line, polyline, circle, text").length };
      });
    }
    const pre = document.createElement("pre");
    pre.id = "__probe__";
    pre.hidden = true;
    pre.textContent = JSON.stringify({ problems, sections, warnings: document.querySelectorAll("p.warning").length, text: document.body.innerText });
    document.body.append(pre);
  });
})();</script>`;
}

/** Runs Node on `args`; its exit code and output. */
function runNode(args) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/**
 * The entries page: imports each ESM entry of dist/ with an import map that maps decimal.js only, calls
 * one function of each, and writes what happened into its DOM (one <li data-entry> per entry; every
 * error event, failed module load and unhandled rejection as an <li> of #errors).
 */
function entriesPage() {
  const list = entries.map(({ subpath, importFile }) => {
    const call = entryCalls[subpath]?.call;
    return `  { subpath: ${JSON.stringify(subpath)}, url: ${JSON.stringify(`/${importFile.replace(/^\.\//, "")}`)}, call: ${call === undefined ? "null" : `(m) => (${call})`} },`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>retention-metrics: every entry, unbundled</title>
<script type="importmap">
${JSON.stringify(ENTRIES_IMPORT_MAP, null, 2)}
</script>
</head>
<body>
<h1>Every ESM entry of retention-metrics, unbundled</h1>
<ol id="results"></ol>
<h2>Errors</h2>
<ul id="errors"></ul>
<script>
  const recordError = (text) => {
    const li = document.createElement("li");
    li.textContent = text;
    document.getElementById("errors").append(li);
  };
  // Capture phase: a module script that fails to load fires "error" on its element, which does not bubble.
  addEventListener("error", (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) recordError(\`failed to load \${target.src || target.href}\`);
    else recordError(\`error: \${event.message} (\${event.filename}:\${event.lineno})\`);
  }, true);
  addEventListener("unhandledrejection", (event) => recordError(\`unhandled rejection: \${event.reason && event.reason.stack ? event.reason.stack : event.reason}\`));
</script>
<script type="module">
const entries = [
${list.join("\n")}
];
const results = document.getElementById("results");
for (const { subpath, url, call } of entries) {
  const li = document.createElement("li");
  li.dataset.entry = subpath;
  try {
    const m = await import(url);
    const names = Object.keys(m);
    if (names.length === 0) throw new Error(\`\${url} exports nothing\`);
    if (call === null) {
      li.dataset.status = "nocall";
      li.textContent = \`\${names.length} exports\`;
    } else {
      li.textContent = String(await call(m));
      li.dataset.status = "called";
    }
  } catch (error) {
    li.dataset.status = "failed";
    li.textContent = \`\${error && error.name ? error.name + ": " : ""}\${error && error.message ? error.message : error}\`;
  }
  results.append(li);
}
document.body.dataset.status = "done";
</script>
</body>
</html>
`;
}

function unescapeHtml(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** A screenshot as tall as the page: a first load at the same width measures it (the server's ?measure script). */
async function shoot(url, png, width) {
  const dom = await runChromium(["--dump-dom", `--window-size=${width},800`, `${url}?measure`]);
  const height = Math.min(Number(/data-page-height="(\d+)"/.exec(dom)?.[1] ?? 1200), 16000);
  mkdirSync(dirname(png), { recursive: true });
  await runChromium([`--screenshot=${png}`, `--window-size=${width},${height}`, "--hide-scrollbars", url]);
  check(existsSync(png) && statSync(png).size > 10_000, `Chromium: screenshot ${rel(png)} (${width}x${height})`);
}

/** Runs headless Chromium once; returns what it printed on stdout (with `withLog`, { stdout, stderr }). */
function runChromium(extra, withLog = false) {
  const profile = mkdtempSync(join(tmpdir(), "check-browser-chromium-"));
  const flags = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    `--user-data-dir=${profile}`, "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw",
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(chromium, [...flags, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (code === 0) resolvePromise(withLog ? { stdout: out, stderr: err } : out);
      else reject(new Error(`chromium exited with ${code}:\n${err.slice(-2000)}`));
    });
  });
}

/** A static file server for the repository on 127.0.0.1, with the content types browsers need. */
function startServer(port) {
  const types = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".css": "text/css",
    ".png": "image/png", ".ipynb": "application/json", ".map": "application/json", ".md": "text/plain; charset=utf-8",
  };
  // ?measure adds a script that records the page's height on <html>, for a screenshot as tall as the page.
  const measure = `<script>setInterval(() => { document.documentElement.dataset.pageHeight = document.documentElement.scrollHeight; }, 25);</script>`;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === ENTRIES_URL) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(entriesPage());
      return;
    }
    let file;
    try {
      file =
        url.pathname === NOTEBOOK_URL && notebookHtml !== undefined ? resolve(notebookHtml)
        : url.pathname === REPORT_URL && reportHtmlFile !== undefined ? reportHtmlFile
        : resolve(root, `.${decodeURIComponent(url.pathname)}`);
    } catch {
      file = undefined;
    }
    const inside = file !== undefined && (file === resolve(notebookHtml ?? root) || file === reportHtmlFile || file.startsWith(root.endsWith(sep) ? root : root + sep));
    if (file !== undefined && inside && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (file === undefined || !inside || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const type = types[extname(file)] ?? "application/octet-stream";
    let body = readFileSync(file);
    if (url.searchParams.has("measure") && type.startsWith("text/html")) body = body.toString("utf8").replace(/<\/body>/i, `${measure}</body>`);
    if (url.searchParams.has("probe") && type.startsWith("text/html")) body = body.toString("utf8").replace(/<head>/i, `<head>${reportProbe()}`);
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
  });
  return new Promise((resolvePromise) => server.listen(port, "127.0.0.1", () => resolvePromise(server)));
}

function rel(file) {
  return relative(root, file) || file;
}
