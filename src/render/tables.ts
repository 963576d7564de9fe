/**
 * The tables of each result kind, as plain cells: one model feeds both the
 * terminal table and the HTML table.
 *
 * @internal
 * @module
 */
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { SurvivalCurve, SurvivalEstimate } from "../cohorts/survivalCurve.ts";
import { capitalize, percent, plain, unitAdjective, unitNoun } from "./format.ts";
import type { TabularKind } from "./kinds.ts";

/** What a matrix table shows: the rates (default) or the values. */
export type MatrixShow = "rates" | "values";

/** One table: a title, a header, text cells, which cells are censored, and notes under it. */
export interface TableModel {
  title: string;
  header: string[];
  /** Left-aligned columns (the others are numbers, right-aligned). */
  leftColumns: number;
  rows: string[][];
  /** Per row, per column: the cell is right-censored (its period has not ended). */
  censored: boolean[][];
  notes: string[];
}

/** The tables of a result. */
export function tablesOf(x: TabularKind, show: MatrixShow = "rates"): TableModel[] {
  if (x.kind === "periodSummary") return [periodSummaryTable(x.rows)];
  if (x.kind === "cohortMatrix") return [cohortMatrixTable(x.matrix, show)];
  return survivalTables(x.curve);
}

function periodSummaryTable(rows: readonly PeriodSummaryRow[]): TableModel {
  const unit = rows[0]?.period.unit;
  const header = ["period", "active", "new", "S", "E", "retained", "lost", "reactiv.", "CRR (E-N)/S", "retained/S", "churn", "orders", "revenue", "AOV"];
  const body = rows.map((r) => [
    r.complete ? r.period.key : `${r.period.key}*`,
    String(r.activeCustomers),
    String(r.newCustomers),
    String(r.customersAtStart),
    String(r.customersAtEnd),
    String(r.retainedCustomers),
    String(r.lostCustomers),
    String(r.reactivatedCustomers),
    percent(r.customerRetentionRate),
    percent(r.retentionRate),
    percent(r.churnRate),
    String(r.orders),
    r.revenue.toFixed(2),
    r.averageOrderValue === null ? "-" : r.averageOrderValue.toFixed(2),
  ]);
  const notes = ["S, E: customers current at the period's start and end; CRR counts reactivated customers as retained, retained/S does not."];
  if (rows.some((r) => !r.complete)) notes.push("* period not complete at the data's end: its rates are left out.");
  return {
    title: unit === undefined ? "Period summary (no periods)" : `${capitalize(unitAdjective(unit))} period summary`,
    header,
    leftColumns: 1,
    rows: body,
    censored: body.map((r) => r.map(() => false)),
    notes,
  };
}

/** The caption of a matrix: what its cells hold. */
export function matrixTitle(m: CohortMatrix, show: MatrixShow): string {
  const by = m.cohortBy === "period" ? `${unitAdjective(m.spec.unit)} cohort` : "cohort";
  if (m.measure === "customers") {
    const what = m.mode === "unbounded" ? "Unbounded retention" : "Retention";
    return show === "rates" ? `${what} by ${by}` : `Customers active${m.mode === "unbounded" ? " then or later" : ""}, by ${by}`;
  }
  const what = m.measure === "orders" ? "Orders" : m.measure === "revenue" ? "Revenue" : "MRR";
  return show === "rates" ? `${what} per customer by ${by}` : `${what} by ${by}`;
}

/** One matrix cell as text: "" when censored, "-" when there is nothing to measure. */
export function matrixCellText(m: CohortMatrix, show: MatrixShow, r: number, k: number): string {
  const row = m.cohorts[r]!;
  const value = row.values[k] ?? null;
  if (value === null) return "";
  if (show === "values") return plain(value);
  const rate = row.rates[k] ?? null;
  if (rate === null) return "-";
  return m.measure === "customers" ? percent(rate) : rate.toFixed(2);
}

function cohortMatrixTable(m: CohortMatrix, show: MatrixShow): TableModel {
  const header = ["cohort", "size", ...m.offsets.map(String)];
  const rows = m.cohorts.map((c, r) => [c.cohort, String(c.size), ...m.offsets.map((k) => matrixCellText(m, show, r, k))]);
  const censored = m.cohorts.map((c) => [false, false, ...m.offsets.map((k) => (c.values[k] ?? null) === null)]);
  if (show === "rates" && m.cohorts.length > 0) {
    const total = m.cohorts.reduce((s, c) => s + c.size, 0);
    rows.push(["average", String(total), ...m.average.map((a) => (a === null ? "" : m.measure === "customers" ? percent(a) : a.toFixed(2)))]);
    censored.push([false, false, ...m.average.map((a) => a === null)]);
  }
  const notes = [
    `Columns: ${unitNoun(m.spec.unit)} since the first activity (${m.spec.timeZone}).` +
      (m.measure === "customers" && show === "rates" ? ` ${m.mode === "unbounded" ? "Active in that period or later" : "Active in that period"}, as a share of the cohort.` : ""),
    "Blank: the period has not ended at the data's end (right-censored)." +
      (show === "rates" ? " The average weighs cohorts by size over the cohorts observed." : ""),
  ];
  return { title: matrixTitle(m, show), header, leftColumns: 1, rows, censored, notes };
}

function survivalTables(curve: SurvivalCurve): TableModel[] {
  const level = `${Math.round(curve.confidence * 1000) / 10}%`;
  const noun = unitNoun(curve.spec.unit, curve.churnAfter);
  const lead = `Survival of customers, ${unitAdjective(curve.spec.unit)} (churned after ${curve.churnAfter} inactive ${noun})`;
  const one = (title: string, e: SurvivalEstimate): TableModel => {
    const rows = e.points.map((p) => [
      String(p.offset),
      String(p.atRisk),
      String(p.churned),
      String(p.censored),
      percent(p.survival),
      p.standardError === null ? "-" : percent(p.standardError),
      percent(p.lower),
      percent(p.upper),
    ]);
    const median = e.medianLifetime === null ? "not reached" : `${e.medianLifetime} ${unitNoun(curve.spec.unit, e.medianLifetime)}`;
    return {
      title,
      header: ["offset", "at risk", "churned", "censored", "survival", "std err", `lower ${level}`, `upper ${level}`],
      leftColumns: 0,
      rows,
      censored: rows.map((r) => r.map(() => false)),
      notes: [`${e.customers} customer${e.customers === 1 ? "" : "s"}, ${e.churned} churned, ${e.censored} censored; median lifetime ${median}. Kaplan-Meier, Greenwood errors, log-log band.`],
    };
  };
  return [one(lead, curve), ...curve.groups.map((g) => one(`${lead}: ${g.group}`, g))];
}
