/**
 * The tables of the cohort results: a cohort matrix and a survival curve.
 *
 * @internal
 * @module
 */
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { SurvivalCurve, SurvivalEstimate } from "../cohorts/survivalCurve.ts";
import { count, fixed, percent, plain, unitAdjective, unitNoun } from "./format.ts";
import { type MatrixShow, plainTable, type TableModel } from "./tables.ts";

/** The caption of a matrix: what its cells hold. */
export function matrixTitle(m: CohortMatrix, show: MatrixShow): string {
  const by = m.cohortBy === "period" ? `${unitAdjective(m.spec.unit)} cohort` : "cohort";
  if (m.measure === "customers") {
    const what = m.mode === "unbounded" ? "Unbounded retention" : m.mode === "bracket" ? "Bracket retention" : "Retention";
    return show === "rates" ? `${what} by ${by}` : `Customers active${m.mode === "unbounded" ? " then or later" : ""}, by ${by}`;
  }
  const what = m.measure === "orders" ? "Orders" : m.measure === "revenue" ? "Revenue" : "MRR";
  return show === "rates" ? `${what} per customer by ${by}` : `${what} by ${by}`;
}

/**
 * The columns' labels: the offsets, or with brackets (`mode: "bracket"`) "0" then each bracket's
 * range of offsets ("1-7", "8-14"; "3" for a bracket of one period).
 */
export function offsetLabels(m: CohortMatrix): string[] {
  const ends = m.brackets;
  if (ends === undefined) return m.offsets.map(String);
  return m.offsets.map((_, j) => {
    if (j === 0) return "0";
    const low = j === 1 ? 1 : ends[j - 2]! + 1;
    const high = ends[j - 1]!;
    return low === high ? String(high) : `${low}-${high}`;
  });
}

/** One matrix cell as text: "" when censored, "-" when there is nothing to measure. */
export function matrixCellText(m: CohortMatrix, show: MatrixShow, r: number, k: number): string {
  const row = m.cohorts[r]!;
  const value = row.values[k] ?? null;
  if (value === null) return "";
  if (show === "values") return plain(value, 2, "-", `matrix.cohorts[${r}].values[${k}]`);
  const rate = row.rates[k] ?? null;
  if (rate === null) return "-";
  const field = `matrix.cohorts[${r}].rates[${k}]`;
  return m.measure === "customers" ? percent(rate, 1, "-", field) : fixed(rate, 2, "-", field);
}

/** The matrix with an average row (rates), censored cells blank; `total`: customers of the average (all cohorts'). */
export function cohortMatrixTable(m: CohortMatrix, show: MatrixShow, total?: number): TableModel {
  const header = ["cohort", "size", ...offsetLabels(m)];
  const rows = m.cohorts.map((c, r) => [c.cohort, count(c.size, `matrix.cohorts[${r}].size`), ...m.offsets.map((k) => matrixCellText(m, show, r, k))]);
  const censored = m.cohorts.map((c) => [false, false, ...m.offsets.map((k) => (c.values[k] ?? null) === null)]);
  let summaryRows = 0;
  if (show === "rates" && m.cohorts.length > 0) {
    const customers = total ?? m.cohorts.reduce((s, c) => s + c.size, 0);
    rows.push(["average", String(customers), ...m.average.map((a, k) => (a === null ? "" : m.measure === "customers" ? percent(a, 1, "-", `matrix.average[${k}]`) : fixed(a, 2, "-", `matrix.average[${k}]`)))]);
    censored.push([false, false, ...m.average.map((a) => a === null)]);
    summaryRows = 1;
  }
  const notes = [
    `Columns: ${unitNoun(m.spec.unit)} since the first activity (${m.spec.timeZone})${m.brackets === undefined ? "" : ", in brackets"}.` +
      (m.measure === "customers" && show === "rates"
        ? ` ${m.mode === "unbounded" ? "Active in that period or later" : m.mode === "bracket" ? "Active in any period of the bracket" : "Active in that period"}, as a share of the cohort.`
        : ""),
    "Blank: the period has not ended at the data's end (right-censored)." +
      (show === "rates" ? " The average weighs cohorts by size over the cohorts observed." : ""),
  ];
  return { title: matrixTitle(m, show), header, leftColumns: 1, rows, censored, notes, summaryRows };
}

/** The overall estimate, then one table per group. */
export function survivalTables(curve: SurvivalCurve): TableModel[] {
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
    return plainTable(title, ["offset", "at risk", "churned", "censored", "survival", "std err", `lower ${level}`, `upper ${level}`], 0, rows, [
      `${e.customers} customer${e.customers === 1 ? "" : "s"}, ${e.churned} churned, ${e.censored} censored; median lifetime ${median}. Kaplan-Meier, Greenwood errors, log-log band.`,
    ]);
  };
  return [one(lead, curve), ...curve.groups.map((g) => one(`${lead}: ${g.group}`, g))];
}
