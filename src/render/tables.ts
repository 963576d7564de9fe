/**
 * The tables of each result kind, as plain cells: one model feeds both the
 * terminal table and the HTML table. The tables of each family of results
 * are built in their own file (activity, cohorts, lifetime value, revenue).
 *
 * @internal
 * @module
 */
import { activeUsersTable, interPurchaseTimesTables, lifecycleTable, lnessTable, periodSummaryTable } from "./activityTables.ts";
import type { TabularKind } from "./classify.ts";
import { aliveHistoryTable, cumulativeTransactionsTable, expectedPurchasesTable, holdoutCheckTable, modelTable, periodTransactionsTable, probabilityAliveTable, rfmScoresTables, rfmSummaryTable } from "./clvTables.ts";
import { cohortMatrixTable, survivalTables } from "./cohortTables.ts";
import { mrrMovementsTable, revenueConcentrationTables } from "./revenueTables.ts";

export { matrixCellText, matrixTitle, offsetLabels } from "./cohortTables.ts";

/**
 * What a matrix table shows: the rates (default) or the values.
 *
 * @category Rendering
 */
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
  /** Rows at the end that summarise the others (an average): kept when long tables are shortened. */
  summaryRows?: number;
}

/** A table without censored cells. */
export function plainTable(title: string, header: string[], leftColumns: number, rows: string[][], notes: string[] = []): TableModel {
  return { title, header, leftColumns, rows, censored: rows.map((r) => r.map(() => false)), notes };
}

/** The tables of a result. */
export function tablesOf(x: TabularKind, show: MatrixShow = "rates"): TableModel[] {
  switch (x.kind) {
    case "periodSummary":
      return [periodSummaryTable(x.rows)];
    case "lifecycle":
      return [lifecycleTable(x.rows)];
    case "mrrMovements":
      return [mrrMovementsTable(x.rows)];
    case "rfmSummary":
      return [rfmSummaryTable(x.rows)];
    case "emptyRows":
      return [plainTable("No rows", [], 0, [], ["An empty list of rows (periodSummary, lifecycle, mrrMovements or rfmSummary over no data)."])];
    case "cohortMatrix":
      return [x.excerpt === undefined ? cohortMatrixTable(x.matrix, show) : withGap(cohortMatrixTable(x.matrix, show, x.excerpt.total), x.excerpt.gapAt, x.excerpt.note)];
    case "survivalCurve":
      return survivalTables(x.curve);
    case "activeUsers":
      return [activeUsersTable(x.result)];
    case "lness":
      return [lnessTable(x.result)];
    case "interPurchaseTimes":
      return interPurchaseTimesTables(x.result);
    case "rfmScores":
      return rfmScoresTables(x.result);
    case "revenueConcentration":
      return revenueConcentrationTables(x.result);
    case "holdoutCheck":
      return [holdoutCheckTable(x.result)];
    case "probabilityAliveMatrix":
      return [probabilityAliveTable(x.result)];
    case "periodTransactions":
      return [periodTransactionsTable(x.rows)];
    case "cumulativeTransactions":
      return [cumulativeTransactionsTable(x.rows)];
    case "expectedPurchasesMatrix":
      return [expectedPurchasesTable(x.result)];
    case "aliveHistory":
      return [aliveHistoryTable(x.result)];
    case "model":
      return [modelTable(x.model)];
  }
}

/** A table with a row of "…" before body row `at` (where rows were left out, when not `null`) and a note saying what was. */
function withGap(t: TableModel, at: number | null, note: string): TableModel {
  const rows = [...t.rows];
  const censored = [...t.censored];
  if (at !== null) {
    rows.splice(at, 0, t.header.map((_, i) => (i === 0 ? "…" : "")));
    censored.splice(at, 0, t.header.map(() => false));
  }
  return { ...t, rows, censored, notes: [...t.notes, note] };
}

/**
 * A table shortened to at most `maxRows` body rows: the first half and the last half, with a row of
 * "…" between and a note saying how many rows were left out. Summary rows are always kept.
 */
export function shorten(t: TableModel, maxRows: number): TableModel {
  const summary = t.summaryRows ?? 0;
  const body = t.rows.length - summary;
  if (body <= maxRows) return t;
  const head = Math.ceil(maxRows / 2);
  const tail = maxRows - head;
  const keep = (rows: readonly string[][] | readonly boolean[][]) => [...rows.slice(0, head), ...rows.slice(body - tail)];
  const gap = t.header.map((_, i) => (i === 0 ? "…" : ""));
  const rows = keep(t.rows) as string[][];
  const censored = keep(t.censored) as boolean[][];
  rows.splice(head, 0, gap);
  censored.splice(head, 0, gap.map(() => false));
  return {
    ...t,
    rows,
    censored,
    notes: [...t.notes, `${body - maxRows} of ${body} rows left out (rows ${head + 1} to ${body - tail}); toCsv writes them all.`],
  };
}
