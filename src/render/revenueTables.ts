/**
 * The tables of the revenue results: MRR movements and revenue concentration.
 *
 * @internal
 * @module
 */
import type { MrrMovementRow } from "../revenue/mrrMovements.ts";
import type { RevenueConcentrationResult } from "../revenue/revenueConcentration.ts";
import { capitalize, fixed, money, percent, unitAdjective } from "./format.ts";
import { plainTable, type TableModel } from "./tables.ts";

export function mrrMovementsTable(rows: readonly MrrMovementRow[]): TableModel {
  const unit = rows[0]!.period.unit;
  const header = ["period", "start MRR", "new", "expansion", "contraction", "churned", "reactivation", "end MRR", "customers", "new", "churned", "reactivated", "at end", "NRR", "GRR", "MRR churn", "cust. churn", "quick ratio"];
  const body = rows.map((r) => [
    r.complete ? r.period.key : `${r.period.key}*`,
    ...[r.startingMrr, r.newMrr, r.expansionMrr, r.contractionMrr, r.churnedMrr, r.reactivationMrr, r.endingMrr].map((d) => money(d)),
    ...[r.customersAtStart, r.newCustomers, r.churnedCustomers, r.reactivatedCustomers, r.customersAtEnd].map(String),
    percent(r.netRevenueRetention),
    percent(r.grossRevenueRetention),
    percent(r.mrrChurnRate),
    percent(r.customerChurnRate),
    fixed(r.quickRatio),
  ]);
  const notes = ["MRR columns, then customers: at the start, new, churned, reactivated, at the end. NRR, GRR and churn rates are shares of the starting MRR (customers for cust. churn)."];
  if (rows.some((r) => !r.complete)) notes.push("* period not complete at the data's end: its rates are left out.");
  return plainTable(`${capitalize(unitAdjective(unit))} MRR movements`, header, 1, body, notes);
}

export function revenueConcentrationTables(x: RevenueConcentrationResult): TableModel[] {
  const top = x.top.map((t) => `top ${percent(t.fraction, t.fraction * 100 === Math.round(t.fraction * 100) ? 0 : 1)}`);
  const summary = plainTable("Revenue concentration", ["customers", "revenue", "Gini", ...top], 0, [[String(x.customers), money(x.totalRevenue), fixed(x.gini, 3), ...x.top.map((t) => percent(t.share))]], [
    "top x%: the share of revenue from that share of customers, those with the most revenue. Gini: 0 when all spend alike, near 1 when one customer brings it all.",
  ]);
  const n = x.lorenz.length;
  const picks = n === 0 ? [] : [...new Set(Array.from({ length: 11 }, (_, i) => Math.round((i * (n - 1)) / 10)))];
  const lorenz = plainTable("Lorenz curve", ["customers (least revenue first)", "their revenue"], 0, picks.map((i) => [percent(x.lorenz[i]!.customerShare), percent(x.lorenz[i]!.revenueShare)]));
  return n === 0 ? [summary] : [summary, lorenz];
}
