/**
 * Subscriptions: the MRR bridge of a small SaaS, month by month, with its net
 * and gross revenue retention, churn and quick ratio, and revenue retention by
 * signup cohort, from its raw subscription intervals
 * (examples/data/subscriptions.csv: 60 customers in 2024).
 * Run with `npx tsx examples/subscriptions.ts`.
 */
import { readFileSync } from "node:fs";
import { mrrCohorts, mrrMovements, subscriptionTable } from "retention-metrics";

const text = readFileSync(new URL("./data/subscriptions.csv", import.meta.url), "utf8");
const rows = text.trim().split("\n").slice(1).map((line) => line.split(","));

// 1. Normalise once: one row per priced interval, `end` empty while it runs. Contiguous
// intervals are a change of price; an add-on overlapping the plan adds to the customer's MRR.
const subscriptions = subscriptionTable(rows.map(([customerId, start, end, mrr]) => ({ customerId: customerId!, start: start!, end: end === "" ? null : end!, mrr: mrr! })));
const span = { period: "month" as const, to: "2025-01-01" };

// 2. The MRR bridge: starting + new + expansion + reactivation - contraction - churned = ending.
const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);
const months = mrrMovements(subscriptions, span);
printTable(
  "Monthly MRR movements (USD; NRR, GRR and churn rates against the month's starting MRR)",
  ["month", "start MRR", "new", "expansion", "reactiv.", "contraction", "churned", "end MRR", "cust. S", "new", "churned", "back", "cust. E", "NRR", "GRR", "MRR churn", "cust. churn", "quick"],
  months.map((m) => [
    m.period.key, m.startingMrr.toFixed(2), m.newMrr.toFixed(2), m.expansionMrr.toFixed(2), m.reactivationMrr.toFixed(2),
    m.contractionMrr.toFixed(2), m.churnedMrr.toFixed(2), m.endingMrr.toFixed(2), m.customersAtStart, m.newCustomers,
    m.churnedCustomers, m.reactivatedCustomers, m.customersAtEnd, pct(m.netRevenueRetention), pct(m.grossRevenueRetention),
    pct(m.mrrChurnRate), pct(m.customerChurnRate), m.quickRatio === null ? "-" : m.quickRatio.toFixed(2),
  ]),
);

// 3. The year at a glance: the quarters of the same bridge.
const quarters = mrrMovements(subscriptions, { ...span, period: "quarter" });
printTable(
  "Quarterly MRR movements (USD)",
  ["quarter", "start MRR", "new", "expansion", "reactiv.", "contraction", "churned", "end MRR", "NRR", "GRR", "quick"],
  quarters.map((q) => [
    q.period.key, q.startingMrr.toFixed(2), q.newMrr.toFixed(2), q.expansionMrr.toFixed(2), q.reactivationMrr.toFixed(2),
    q.contractionMrr.toFixed(2), q.churnedMrr.toFixed(2), q.endingMrr.toFixed(2), pct(q.netRevenueRetention),
    pct(q.grossRevenueRetention), q.quickRatio === null ? "-" : q.quickRatio.toFixed(2),
  ]),
);

// 4. Net revenue retention by signup cohort: each quarter's new customers' MRR at the end of each
// later quarter, as a share of the MRR they started with.
const cohorts = mrrCohorts(subscriptions, { ...span, period: "quarter" });
printTable(
  "MRR retention by signup quarter (MRR at each quarter's end / the cohort's starting MRR)",
  ["cohort", "customers", "start MRR", ...cohorts.offsets.map((k) => `+${k}`)],
  [
    ...cohorts.cohorts.map((c) => [c.cohort, c.size, c.startingMrr.toFixed(2), ...c.rates.map(pct)]),
    ["all", cohorts.cohorts.reduce((s, c) => s + c.size, 0), "", ...cohorts.average.map(pct)],
  ],
);

function printTable(title: string, header: string[], body: Array<Array<string | number>>): void {
  const cells = [header, ...body.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}\n${line(header).trimEnd()}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of cells.slice(1)) console.log(line(r).trimEnd());
}
