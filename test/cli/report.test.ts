/**
 * The report's functions, without a process: on the bundled sample
 * (examples/data/orders.csv, whose columns detection must find), on a small
 * generated file without amounts, and on data a model cannot be fitted to.
 * The figures of report.json are checked against the library functions
 * called directly; the HTML against simple well-formedness rules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/index.ts";
import { parseCommandLine, type ReportArgs } from "../../src/cli/args.ts";
import { buildReport, isFailed, loadEvents, runReport, type ReportData } from "../../src/cli/report.ts";
import { reportHtml } from "../../src/cli/reportHtml.ts";
import { reportJson } from "../../src/cli/reportJson.ts";
import { runCli } from "../../src/cli/run.ts";
import { fitBgNbd, fitGammaGamma, predictLifetimeValue, rfmSummary } from "../../src/clv/index.ts";
import { cohortMatrix, survivalCurve } from "../../src/cohorts/index.ts";
import { readEvents } from "../../src/io/index.ts";
import { revenueConcentration } from "../../src/revenue/index.ts";

const SAMPLE = fileURLToPath(new URL("../../examples/data/orders.csv", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cli-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function args(file: string, more: string[] = []): ReportArgs {
  const c = parseCommandLine(["report", file, ...more]);
  if (c.command !== "report") throw new Error("not a report");
  return c.args;
}

type J = Record<string, any>;

/** The rules every report.html must keep. */
function checkHtml(html: string, sections: string[]): void {
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(html.trimEnd().endsWith("</html>")).toBe(true);
  const opened = html.match(/<svg\b/g)?.length ?? 0;
  expect(opened).toBeGreaterThan(0);
  expect(html.match(/<\/svg>/g)?.length ?? 0).toBe(opened);
  for (const tag of ["section", "table", "figure", "p", "div", "tr"]) {
    expect(html.match(new RegExp(`<${tag}[\\s>]`, "g"))?.length ?? 0, tag).toBe(html.match(new RegExp(`</${tag}>`, "g"))?.length ?? 0);
  }
  for (const id of sections) expect(html, id).toContain(`<section id="${id}">`);
  for (const bad of ["NaN", "undefined", "[object Object]", "Infinity"]) expect(html, bad).not.toContain(bad);
  // Self-contained: no script, no external resource.
  expect(html).not.toMatch(/<script|<link\b|<img\b|@import|src="http|href="http/i);
  // Ids are unique across the inlined pictures.
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
}

const ALL_SECTIONS = ["summary", "data", "period-summary", "cohorts", "retention-curve", "survival-curve", "revenue-concentration", "lifetime-value"];

describe("the report of the bundled sample (orders.csv)", () => {
  let data: ReportData;
  let json: J;
  let html: string;
  beforeAll(async () => {
    const out = join(dir, "sample");
    const run = await runReport(args(SAMPLE, ["--out", out]));
    data = run.data;
    json = JSON.parse(readFileSync(run.written.json, "utf8")) as J;
    html = readFileSync(run.written.html, "utf8");
    expect(run.written.html).toBe(join(out, "report.html"));
  });

  it("detects the columns customer_id, ordered_at and amount", () => {
    expect(data.input.columns).toEqual({
      customerId: { name: "customer_id", by: "detected" },
      at: { name: "ordered_at", by: "detected" },
      amount: { name: "amount", by: "detected" },
    });
    expect(json.input.columns.customerId).toEqual({ name: "customer_id", by: "detected" });
  });

  it("writes the figures the library computes, Decimals as strings and Dates as ISO strings", async () => {
    const table = await readEvents(SAMPLE, { fields: { customerId: "customer_id", at: "ordered_at", amount: "amount" } });
    expect(json.input.events).toBe(table.length);
    expect(json.summary.customers).toBe(table.customerCount);

    const rows = periodSummary(table, { period: "month" });
    expect(json.periodSummary).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      const j = json.periodSummary[i];
      expect(j.period).toEqual({ key: r.period.key, start: r.period.start.toISOString(), end: r.period.end.toISOString() });
      expect(j.retentionRate).toBe(r.retentionRate);
      expect(j.customerRetentionRate).toBe(r.customerRetentionRate);
      expect(j.revenue).toBe(r.revenue.toString());
      expect(j.averageOrderValue).toBe(r.averageOrderValue?.toString() ?? null);
    });
    const last = rows.filter((r) => r.complete).at(-1)!;
    expect(json.summary.lastCompletePeriod.period.key).toBe("2024-11");
    expect(json.summary.lastCompletePeriod.retentionRate).toBe(last.retentionRate);
    expect(json.summary.revenue).toBe(rows.reduce((s, r) => s.plus(r.revenue), rows[0]!.revenue.minus(rows[0]!.revenue)).toString());
    expect(json.summary.revenue).toBe("53805.95");

    const m = cohortMatrix(table, { period: "month", interval: true });
    expect(json.cohortMatrix.average).toEqual(m.average);
    expect(json.cohortMatrix.cohorts.map((c: J) => c.rates)).toEqual(m.cohorts.map((c) => c.rates));
    expect(json.retentionCurve.map((p: J) => p.rate)).toEqual(m.average);
    expect(json.retentionCurve[1].lower).toBe(m.averageIntervals![1]!.lower);

    const s = survivalCurve(table, { period: "month" });
    expect(json.survivalCurve.points).toEqual(JSON.parse(JSON.stringify(s.points)));
    expect(json.survivalCurve.medianLifetime).toBe(s.medianLifetime);

    const rc = revenueConcentration(table, { top: [0.01, 0.1, 0.2, 0.5] });
    expect(json.revenueConcentration.gini).toBe(rc.gini);
    expect(json.revenueConcentration.top).toEqual(rc.top);
    expect(json.revenueConcentration.totalRevenue).toBe(rc.totalRevenue.toString());

    const rfm = rfmSummary(table, { timeUnit: "week" });
    const bg = fitBgNbd(rfm);
    const gg = fitGammaGamma(rfm);
    expect(json.lifetimeValue.purchaseModel.params).toEqual({ ...bg.params });
    expect(json.lifetimeValue.spendModel.params).toEqual({ ...gg.params });
    const clv = predictLifetimeValue({ purchases: bg, spend: gg }, rfm, { horizon: 52, discountRate: 1.1 ** (1 / 52) - 1 });
    expect(json.lifetimeValue.prediction.total).toBe(clv.total.toString());
    expect(json.lifetimeValue.prediction.topCustomers).toHaveLength(10);
    const best = clv.customers.reduce((a, b) => (b.lifetimeValue.greaterThan(a.lifetimeValue) ? b : a));
    expect(json.lifetimeValue.prediction.topCustomers[0].customerId).toBe(best.customerId);
    expect(json.lifetimeValue.prediction.topCustomers[0].lifetimeValue).toBe(best.lifetimeValue.toString());
    expect(json.lifetimeValue.observationEnd).toBe("2024-12-31");
    const alive = json.lifetimeValue.probabilityAlive;
    expect(alive.T).toBe(52);
    expect(alive.values[2][5]).toBe(bg.probabilityAlive({ frequency: 2, recency: alive.recencies[5], T: 52 }));
  });

  it("writes JSON without NaN, undefined or objects that lost their values", () => {
    const text = JSON.stringify(json);
    for (const bad of ["NaN", "undefined", "[object Object]", "Infinity", "{}"]) expect(text, bad).not.toContain(bad);
    expect(json.generatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof json.periodSummary[0].revenue).toBe("string");
  });

  it("writes a well-formed, self-contained page with every section", () => {
    checkHtml(html, ALL_SECTIONS);
    expect(html).toContain("Retention by monthly cohort");
    expect(html).toContain("Probability alive");
    expect(html).toContain("BG/NBD");
    expect(html).toContain("Gamma-Gamma");
    expect(html).toContain("53,805.95");
    expect(html).not.toContain("could not be fitted");
  });

  it("prints the columns and the summary, and exits 0", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["report", SAMPLE, "--out", join(dir, "printed")], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/customer id\s+customer_id\s+\(detected\)/);
    expect(text).toMatch(/time\s+ordered_at\s+\(detected\)/);
    expect(text).toMatch(/amount\s+amount\s+\(detected\)/);
    expect(text).toMatch(/Customers\s+240/);
    expect(text).toMatch(/Events\s+1,157/);
    expect(text).toMatch(/Span\s+2024-01-01 to 2024-12-31/);
    expect(text).toMatch(/Retention\s+55\.7%\s+2024-11/);
    expect(text).toMatch(/Revenue\s+53,805\.95/);
    expect(err).toEqual([]);
  });

  it("takes the period options and the column overrides", async () => {
    const a = args(SAMPLE, ["--period", "quarter", "--from", "2024-04-01", "--to", "2024-10-01", "--customer", "customer_id", "--time-zone", "America/New_York"]);
    const d = buildReport(await loadEvents(a), a);
    expect(d.input.columns.customerId.by).toBe("given");
    expect(d.periodSummary.map((r) => r.period.key)).toEqual(["2024-Q2", "2024-Q3"]);
    const j = reportJson(d) as J;
    expect(j.options).toEqual({ period: "quarter", timeZone: "America/New_York", weekStartsOn: 1, from: "2024-04-01", to: "2024-10-01" });
    const table = await readEvents(SAMPLE, { fields: { customerId: "customer_id", at: "ordered_at", amount: "amount" }, timeZone: "America/New_York" });
    const direct = periodSummary(table, { period: "quarter", timeZone: "America/New_York", from: "2024-04-01", to: "2024-10-01" });
    expect(j.periodSummary.map((r: J) => r.retentionRate)).toEqual(direct.map((r) => r.retentionRate));
    // The RFM summary ends on the day before --to, in the zone.
    expect(j.lifetimeValue.observationEnd).toBe("2024-09-30");
    checkHtml(reportHtml(d), ALL_SECTIONS);
  });
});

describe("the report of events without amounts", () => {
  let data: ReportData;
  let json: J;
  let html: string;
  const file = join(dir, "events.csv");
  beforeAll(async () => {
    // 40 users over four months of 2024: user u<k> is active in months k % 4 .. 3, twice a month.
    const lines = ["user_id,timestamp,page"];
    for (let k = 0; k < 40; k++) {
      for (let month = k % 4; month < 4; month++) {
        for (const day of [3, 17]) lines.push(`u${k},2024-0${month + 1}-${String(day + (k % 7)).padStart(2, "0")}T12:00:00Z,home`);
      }
    }
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = await runReport(args(file, ["--out", join(dir, "no-amounts"), "--to", "2024-05-01"]));
    data = run.data;
    json = JSON.parse(readFileSync(run.written.json, "utf8")) as J;
    html = readFileSync(run.written.html, "utf8");
  });

  it("detects user_id and timestamp, and no amount", () => {
    expect(data.input.columns).toEqual({ customerId: { name: "user_id", by: "detected" }, at: { name: "timestamp", by: "detected" }, amount: null });
    expect(json.input.columnNames).toEqual(["user_id", "timestamp", "page"]);
  });

  it("has the activity figures and no revenue ones", async () => {
    const table = await readEvents(file, { fields: { customerId: "user_id", at: "timestamp" } });
    const rows = periodSummary(table, { to: "2024-05-01" });
    expect(json.periodSummary.map((r: J) => r.retentionRate)).toEqual(rows.map((r) => r.retentionRate));
    expect(json.periodSummary.every((r: J) => r.complete)).toBe(true);
    expect(json.summary.customers).toBe(40);
    expect(json.summary.revenue).toBeNull();
    expect(json.summary.lastCompletePeriod.period.key).toBe("2024-04");
    // Everyone active in March is active in April.
    expect(json.summary.lastCompletePeriod.retentionRate).toBe(1);
    expect(json.revenueConcentration).toBeNull();
    expect(json.lifetimeValue).toBeNull();
    expect(json.survivalCurve.points).toEqual(JSON.parse(JSON.stringify(survivalCurve(table, { to: "2024-05-01" }).points)));
    expect(JSON.stringify(json)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("says in the page why the revenue sections are empty", () => {
    checkHtml(html, ALL_SECTIONS);
    expect(html).toContain("The file has no amount column: revenue concentration needs amounts");
    expect(html).toContain("The file has no amount column: the RFM summary and the lifetime-value models");
  });
});

describe("a model that cannot be fitted", () => {
  it("is reported in its section, not thrown", async () => {
    // Every customer buys once: BG/NBD has no maximum-likelihood estimate, Gamma-Gamma no repeat buyer.
    const file = join(dir, "once.csv");
    const lines = ["customer_id,ordered_at,amount"];
    for (let k = 0; k < 30; k++) lines.push(`c${k},2024-0${1 + (k % 6)}-1${k % 10}T08:00:00Z,${10 + k}.50`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const a = args(file);
    const d = buildReport(await loadEvents(a), a);
    const lv = d.lifetimeValue!;
    expect(isFailed(lv.purchases)).toBe(true);
    expect(isFailed(lv.spend)).toBe(true);
    expect(lv.prediction).toBeNull();
    expect(lv.alive).toBeNull();
    const j = reportJson(d) as J;
    expect(j.lifetimeValue.purchaseModel).toMatchObject({ model: "BG/NBD", fitted: false, error: { code: "INVALID_INPUT" } });
    expect(j.lifetimeValue.purchaseModel.error.message).toContain("none with a repeat purchase");
    const html = reportHtml(d);
    expect(html).toContain("The BG/NBD model could not be fitted:");
    expect(html).toContain("The Gamma-Gamma model could not be fitted:");
    checkHtml(html, ALL_SECTIONS);

    const err: string[] = [];
    const code = await runCli(["report", file, "--out", join(dir, "once")], { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(0);
    expect(err.join("\n")).toContain("BG/NBD not fitted");
  });
});
