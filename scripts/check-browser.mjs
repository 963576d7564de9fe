/**
 * Checks the browser example (examples/browser/) against the build, as CI can
 * and as a person would. `npm run build` first. No dependencies.
 *
 *   node scripts/check-browser.mjs                 checks (below); Chromium's part is skipped without Chromium
 *   node scripts/check-browser.mjs --screenshot [PNG]
 *                                                  also saves a screenshot (default docs/images/browser-example.png)
 *   node scripts/check-browser.mjs --notebook-html FILE [--notebook-png PNG]
 *                                                  also screenshots an HTML rendition of the notebook (from
 *                                                  scripts/run-notebook.ts --html FILE; default docs/images/notebook.png)
 *   node scripts/check-browser.mjs --serve [PORT]  serves the repository to open the page yourself
 *
 * The checks:
 * 1. The page's logic (examples/browser/report.js) runs in Node on the sample data and gives a heatmap and a summary.
 * 2. The page's module graph resolves as a browser resolves it: every relative import exists, every bare
 *    import is mapped by the page's import map to an ES module that exists (a CommonJS file cannot load).
 * 3. A small static server (node:http, 127.0.0.1 only) serves the page, its modules and the data with the
 *    content types a browser requires for module scripts.
 * 4. Headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) loads the page and the script reads the
 *    DOM it dumps: the page must say it is ready, with the heatmap's cells and 12 summary rows. Skipped, with
 *    a message, when Chromium is absent.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pagePath = "/examples/browser/index.html";
const csvPath = join(root, "examples", "data", "orders.csv");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const NOTEBOOK_URL = "/__notebook__.html";

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
  console.log(`Serving ${root} at ${base}/\nOpen ${base}${pagePath}  (Ctrl-C stops)`);
} else {
  try {
    await checkLogic();
    checkModuleGraph();
    await checkServed();
    await checkInChromium();
  } finally {
    server.close();
  }
  console.log(failures === 0 ? "\nbrowser example: all checks passed" : `\nbrowser example: ${failures} check(s) failed`);
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

/** 2. Every import of the page resolves the way a browser resolves it, through the page's import map. */
function checkModuleGraph() {
  const pageFile = join(root, pagePath);
  const html = readFileSync(pageFile, "utf8");
  const mapText = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  const imports = mapText === undefined ? {} : JSON.parse(mapText).imports ?? {};
  const entries = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]);
  const problems = [];
  const seen = new Set();
  const queue = entries.map((src) => ({ file: resolve(dirname(pageFile), src), from: pagePath }));
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
          problems.push(`"${specifier}" (imported by ${rel(file)}) is not in the page's import map`);
          continue;
        }
        target = resolve(dirname(pageFile), imports[key] + specifier.slice(key.length));
      }
      queue.push({ file: target, from: rel(file) });
    }
  }
  check(problems.length === 0, `the page's module graph resolves in a browser (${seen.size} modules through the import map)`, problems.join("\n     "));
}

/** Static and dynamic import specifiers of an ES module (string literals only). */
function importsOf(source) {
  const found = new Set();
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
    const asked = screenshot !== undefined || notebookHtml !== undefined;
    console.log(`skip Chromium: ${chromium} not found (apt-get install chromium; or set CHROMIUM)${asked ? "; no screenshot taken" : ""}`);
    if (asked) failures++;
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
  if (screenshot !== undefined) await shoot(`${base}${pagePath}`, screenshot, 960);
  if (notebookHtml !== undefined) await shoot(`${base}${NOTEBOOK_URL}`, notebookPng, 1100);
}

/** A screenshot as tall as the page: a first load at the same width measures it (the server's ?measure script). */
async function shoot(url, png, width) {
  const dom = await runChromium(["--dump-dom", `--window-size=${width},800`, `${url}?measure`]);
  const height = Math.min(Number(/data-page-height="(\d+)"/.exec(dom)?.[1] ?? 1200), 16000);
  mkdirSync(dirname(png), { recursive: true });
  await runChromium([`--screenshot=${png}`, `--window-size=${width},${height}`, "--hide-scrollbars", url]);
  check(existsSync(png) && statSync(png).size > 10_000, `Chromium: screenshot ${rel(png)} (${width}x${height})`);
}

/** Runs headless Chromium once; returns what it printed on stdout. */
function runChromium(extra) {
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
      if (code === 0) resolvePromise(out);
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
    let file;
    try {
      file = url.pathname === NOTEBOOK_URL && notebookHtml !== undefined ? resolve(notebookHtml) : resolve(root, `.${decodeURIComponent(url.pathname)}`);
    } catch {
      file = undefined;
    }
    const inside = file !== undefined && (file === resolve(notebookHtml ?? root) || file.startsWith(root.endsWith(sep) ? root : root + sep));
    if (file !== undefined && inside && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (file === undefined || !inside || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const type = types[extname(file)] ?? "application/octet-stream";
    let body = readFileSync(file);
    if (url.searchParams.has("measure") && type.startsWith("text/html")) body = body.toString("utf8").replace(/<\/body>/i, `${measure}</body>`);
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
  });
  return new Promise((resolvePromise) => server.listen(port, "127.0.0.1", () => resolvePromise(server)));
}

function rel(file) {
  return relative(root, file) || file;
}
