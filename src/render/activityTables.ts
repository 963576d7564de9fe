/**
 * The tables of the activity results: period summary, lifecycle, active
 * users, L-ness and inter-purchase times.
 *
 * @internal
 * @module
 */
import type { ActiveUsersResult } from "../activity/activeUsers.ts";
import type { GapStatistics, InterPurchaseTimesResult } from "../activity/interPurchaseTimes.ts";
import type { LifecycleRow } from "../activity/lifecycle.ts";
import type { LnessResult } from "../activity/lness.ts";
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import { capitalize, fixed, instantText, money, percent, unitAdjective } from "./format.ts";
import { plainTable, type TableModel } from "./tables.ts";

const INCOMPLETE = "* period not complete at the data's end: its rates are left out.";

/** A period's key, marked `*` when the period is not complete. */
function periodKey(r: { period: { key: string }; complete: boolean }): string {
  return r.complete ? r.period.key : `${r.period.key}*`;
}

export function periodSummaryTable(rows: readonly PeriodSummaryRow[]): TableModel {
  const unit = rows[0]!.period.unit;
  const header = ["period", "active", "new", "S", "E", "retained", "lost", "reactiv.", "CRR (E-N)/S", "retained/S", "churn", "orders", "revenue", "AOV"];
  const body = rows.map((r) => [
    periodKey(r),
    ...[r.activeCustomers, r.newCustomers, r.customersAtStart, r.customersAtEnd, r.retainedCustomers, r.lostCustomers, r.reactivatedCustomers].map(String),
    percent(r.customerRetentionRate),
    percent(r.retentionRate),
    percent(r.churnRate),
    String(r.orders),
    money(r.revenue),
    money(r.averageOrderValue),
  ]);
  const notes = ["S, E: customers current at the period's start and end; CRR counts reactivated customers as retained, retained/S does not."];
  if (rows.some((r) => !r.complete)) notes.push(INCOMPLETE);
  return plainTable(`${capitalize(unitAdjective(unit))} period summary`, header, 1, body, notes);
}

export function lifecycleTable(rows: readonly LifecycleRow[]): TableModel {
  const unit = rows[0]!.period.unit;
  const body = rows.map((r) => [periodKey(r), ...[r.active, r.new, r.returning, r.resurrecting, r.dormant].map(String), fixed(r.quickRatio)]);
  const notes = ["Growth accounting: active = new + returning + resurrecting; dormant (negative) were active the period before; quick ratio = (new + resurrecting) / |dormant|."];
  if (rows.some((r) => !r.complete)) notes.push("* period not complete at the data's end.");
  return plainTable(`${capitalize(unitAdjective(unit))} lifecycle of active customers`, ["period", "active", "new", "returning", "resurrecting", "dormant", "quick ratio"], 1, body, notes);
}

export function activeUsersTable(x: ActiveUsersResult): TableModel {
  const how = x.definition === "trailing" ? `trailing ${x.weekWindow}- and ${x.monthWindow}-day windows` : "calendar weeks and months";
  const body = x.days.map((d) => [d.complete ? d.day.key : `${d.day.key}*`, String(d.dau), String(d.wau), String(d.mau), percent(d.stickiness)]);
  const notes = [`WAU and MAU over ${how}; stickiness = DAU / MAU.`];
  if (x.days.some((d) => !d.complete)) notes.push("* day not complete at the data's end.");
  return plainTable("Daily, weekly and monthly active users", ["day", "DAU", "WAU", "MAU", "DAU/MAU"], 1, body, notes);
}

export function lnessTable(x: LnessResult): TableModel {
  const body = x.histogram.map((b) => [String(b.days), String(b.users), percent(b.share)]);
  const mean = x.meanActiveDays === null ? "no active user" : `${x.meanActiveDays.toFixed(2)} active days per active user`;
  return plainTable(`L${x.days}: users by active days in [${instantText(x.start)}, ${instantText(x.end)})`, ["active days", "users", "share"], 0, body, [
    `${x.activeUsers} user${x.activeUsers === 1 ? "" : "s"} active in the ${x.days} days; ${mean}.`,
  ]);
}

export function interPurchaseTimesTables(x: InterPurchaseTimesResult): TableModel[] {
  const qs = x.gaps.quantiles.map((q) => `p${Math.round(q.q * 1000) / 10}`);
  const line = (name: string, s: GapStatistics) => [name, String(s.count), fixed(s.mean), fixed(s.median), ...s.quantiles.map((q) => fixed(q.value))];
  const stats = plainTable(`Time between purchases, in ${x.unit}s`, ["over", "count", "mean", "median", ...qs], 1, [line("all gaps", x.gaps), line("customer means", x.customerMeans)], [
    `${x.repeatCustomers} customer${x.repeatCustomers === 1 ? "" : "s"} with 2+ purchases; customer means weigh each customer once. Quantiles of type 7.`,
  ]);
  const bins = plainTable(`Histogram of the gaps (${x.unit}s)`, ["from", "to", "gaps"], 0, x.histogram.map((b) => [fixed(b.from), fixed(b.to), String(b.count)]));
  return [stats, bins];
}
