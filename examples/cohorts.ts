/**
 * Cohorts: the monthly cohort matrix of a small online shop
 * (examples/data/orders.csv: 240 customers, 1,157 orders in 2024), its
 * realised lifetime value curve and how long customers stay, printed as text
 * tables, and the retention heatmap written as an SVG file.
 * Run with `npx tsx examples/cohorts.ts [heatmap.svg]`
 * (default: examples/output/cohort-heatmap.svg).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cohortHeatmapSvg, cohortMatrix, eventTable, formatTable, survivalCurve } from "retention-metrics";

const text = readFileSync(new URL("./data/orders.csv", import.meta.url), "utf8");
const rows = text.trim().split("\n").slice(1).map((line) => line.split(","));

// 1. Normalise once; every analysis below reuses the table. The data runs through 2024,
// so `to` is the first instant of 2025 and December counts as a complete month.
const orders = eventTable(rows.map(([customerId, at, amount]) => ({ customerId: customerId!, at: at!, amount: amount! })));
const span = { period: "month" as const, to: "2025-01-01T00:00:00Z" };

// 2. Classic retention: the share of each month's new customers who bought again k months later,
// with 95% Wilson intervals per cell; the months not over yet are blank.
const retention = cohortMatrix(orders, { ...span, interval: true });
console.log(formatTable(retention));
const ci = retention.averageIntervals?.[1];
if (ci != null) {
  console.log(`One month after their first order, ${(100 * retention.average[1]!).toFixed(1)}% of customers buy again (95% interval ${(100 * ci.lower).toFixed(1)}-${(100 * ci.upper).toFixed(1)}%).`);
}

// 3. Revenue per cohort customer, month by month, and the realised lifetime value curve.
const revenue = cohortMatrix(orders, { ...span, measure: "revenue" });
console.log(`\n${formatTable(revenue)}`);
const clv = revenue.averageCumulativeRevenuePerCustomer.map((v, k) => `${k}: ${v === null ? "-" : v.toFixed(2)}`);
console.log(`\nRealised lifetime value per customer, by months since the first order (size-weighted over cohorts):\n${clv.join("  ")}`);

// 4. How long customers stay: a customer who buys nothing for 2 months has churned.
console.log(`\n${formatTable(survivalCurve(orders, { ...span, churnAfter: 2 }))}`);

// 5. The heatmap, a self-contained SVG for a browser, a report or a slide.
const out = process.argv[2] === undefined ? fileURLToPath(new URL("./output/cohort-heatmap.svg", import.meta.url)) : resolve(process.argv[2]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, cohortHeatmapSvg(retention));
console.log(`\nWrote the retention heatmap to ${out}`);
