/**
 * Quickstart: the metric sheet of a small online shop, computed from its raw
 * orders (examples/data/orders.csv: 240 customers, 1,157 orders in 2024), its
 * survey answers and its marketing figures. Run with `npm run demo`.
 */
import { readFileSync } from "node:fs";
import {
  activeUsers,
  averageOrderValue,
  churnRate,
  customerAcquisitionCost,
  customerLifetimeValue,
  customerRetentionRate,
  emailEngagement,
  eventTable,
  ltvToCacRatio,
  netCustomerValue,
  netPromoterScore,
  periodSummary,
  purchaseFrequency,
  renewalRate,
  repeatCustomerRate,
  retentionLifetimeValue,
  revenueConcentration,
  stickiness,
} from "retention-metrics";

const data = new URL("./data/", import.meta.url);
const csv = (file: string) =>
  readFileSync(new URL(file, data), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));

// 1. Normalise the orders once; every analysis below reuses the table.
const orders = eventTable(csv("orders.csv").map(([customerId, at, amount]) => ({ customerId: customerId!, at: at!, amount: amount! })));
const marketing = JSON.parse(readFileSync(new URL("marketing.json", data), "utf8"));
const scores = csv("survey.csv").map(([, score]) => Number(score));

// 2. The retention sheet of every month. A shop's customers do not buy every
// month, so a customer counts as current while they bought in the last 3 months.
const months = periodSummary(orders, { period: "month", activeWindow: 3, to: "2025-01-01T00:00:00Z" });
const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);
printTable(
  "Monthly period summary (UTC; S and E = customers who bought in the 3 months before the month's start and end)",
  ["month", "active", "new", "S", "E", "retained", "lost", "reactiv.", "CRR (E-N)/S", "retained/S", "churn", "orders", "revenue", "AOV"],
  months.map((m) => [
    m.period.key, m.activeCustomers, m.newCustomers, m.customersAtStart, m.customersAtEnd, m.retainedCustomers,
    m.lostCustomers, m.reactivatedCustomers, pct(m.customerRetentionRate), pct(m.retentionRate), pct(m.churnRate),
    m.orders, m.revenue.toFixed(2), m.averageOrderValue?.toFixed(2) ?? "-",
  ]),
);

// 3. The metric sheet's formulas, on the aggregates of the year.
const year = periodSummary(orders, { period: "year", to: "2025-01-01T00:00:00Z" })[0]!;
const dec = months.at(-1)!;
const monthlyChurn = months.slice(1).reduce((s, m) => s + m.lostCustomers, 0) / months.slice(1).reduce((s, m) => s + m.customersAtStart, 0);
const aov = averageOrderValue({ revenue: year.revenue, orders: year.orders });
const frequency = purchaseFrequency({ orders: year.orders, customers: year.activeCustomers });
const clv = customerLifetimeValue({ averageOrderValue: aov, purchaseFrequency: frequency / 12, lifespan: 1 / monthlyChurn, margin: 0.3 });
const cac = customerAcquisitionCost({ spend: marketing.acquisitionSpend, newCustomers: year.newCustomers });
const december = activeUsers(orders, { from: "2024-12-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }).days;
const avgDau = december.reduce((s, d) => s + d.dau, 0) / december.length;
const nps = netPromoterScore(scores);
const email = emailEngagement(marketing.email);
const concentration = revenueConcentration(orders, { top: [0.2] });
const monthlyMargin = year.revenue.times(0.3).dividedBy(year.activeCustomers).dividedBy(12);

printTable("The metric sheet, 2024", ["metric", "value", "how"], [
  ["customer retention rate, December", pct(customerRetentionRate({ customersAtStart: dec.customersAtStart, customersAtEnd: dec.customersAtEnd, newCustomers: dec.newCustomers })), `(E - N) / S = (${dec.customersAtEnd} - ${dec.newCustomers}) / ${dec.customersAtStart}`],
  ["churn rate, December", pct(churnRate({ customersAtStart: dec.customersAtStart, customersLost: dec.lostCustomers })), `lost / S = ${dec.lostCustomers} / ${dec.customersAtStart}`],
  ["repeat customer rate", pct(repeatCustomerRate({ repeatCustomers: Math.round(year.repeatCustomerRate! * year.activeCustomers), totalCustomers: year.activeCustomers })), "customers with 2+ orders / customers"],
  ["purchase frequency", frequency.toFixed(2), `orders / customers = ${year.orders} / ${year.activeCustomers}`],
  ["average order value", aov.toFixed(2), `revenue / orders = ${year.revenue.toFixed(2)} / ${year.orders}`],
  ["CLV (simple, 30% margin)", clv.toFixed(2), `AOV x monthly frequency x 1 / monthly churn (${pct(monthlyChurn)}) x margin`],
  ["CLV (retention-based, 1% monthly discount)", retentionLifetimeValue({ marginPerPeriod: monthlyMargin, retentionRate: 1 - monthlyChurn, discountRate: 0.01 }).toFixed(2), "m r / (1 + d - r)"],
  ["customer acquisition cost", cac.toFixed(2), `spend / new customers = ${marketing.acquisitionSpend} / ${year.newCustomers}`],
  ["LTV : CAC", ltvToCacRatio({ lifetimeValue: clv, acquisitionCost: cac }).toFixed(2), "CLV / CAC"],
  ["net customer value (per customer)", netCustomerValue({ revenue: year.revenue.dividedBy(year.activeCustomers).toFixed(2), acquisitionCost: cac.toFixed(2), retentionCost: (Number(marketing.retentionSpend) / year.activeCustomers).toFixed(2) }).toFixed(2), "revenue - (acquisition + retention cost)"],
  ["stickiness, December", pct(stickiness({ dailyActive: Math.round(avgDau), monthlyActive: dec.activeCustomers })), `mean DAU / MAU = ${avgDau.toFixed(1)} / ${dec.activeCustomers}`],
  ["net promoter score", `${nps.score.toFixed(1)} +/- ${(1.96 * nps.standardError).toFixed(1)}`, `${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors (95% interval)`],
  ["e-mail open / click-through / click-to-open", `${pct(email.openRate)} / ${pct(email.clickThroughRate)} / ${pct(email.clickToOpenRate)}`, "opened, clicked / delivered; clicked / opened"],
  ["membership renewal rate", pct(renewalRate({ renewed: marketing.memberships.renewed, dueForRenewal: marketing.memberships.dueForRenewal })), "renewed / up for renewal"],
  ["revenue from the top 20% of customers", pct(concentration.top[0]!.share), `Gini ${concentration.gini!.toFixed(3)}`],
]);

function printTable(title: string, header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 && header.length === 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n${line(header).trimEnd()}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of cells.slice(1)) console.log(line(r).trimEnd());
}
