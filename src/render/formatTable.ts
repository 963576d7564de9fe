/**
 * `formatTable`: a fixed-width text table of a result, for the terminal.
 *
 * @module
 */
import { requireIntegerIn, requireOneOf } from "../validate.ts";
import { renderOptions } from "./markup.ts";
import { classify, type Tabular } from "./classify.ts";
import { type MatrixShow, shorten, type TableModel, tablesOf } from "./tables.ts";

/**
 * Options of {@link formatTable}.
 *
 * @category Rendering
 */
export interface FormatTableOptions {
  /** For a cohort matrix: print the rates (default, with an average row) or the values (counts, revenue). */
  show?: MatrixShow;
  /** Longest table printed, 1 or more rows; default: every row. Longer tables print their first and last rows and say how many were left out. */
  maxRows?: number;
}

/**
 * A fixed-width text table of any result this library makes, for a terminal
 * or a log: the rows of periodSummary, lifecycle, mrrMovements and rfmSummary,
 * and the results of cohortMatrix, survivalCurve, activeUsers, lness,
 * interPurchaseTimes, rfmScores, revenueConcentration, holdoutCheck,
 * probabilityAliveMatrix, periodTransactions, expectedPurchasesMatrix,
 * aliveHistory and the model fits (parameters, log-likelihood,
 * iterations, converged). The kind is told by the value's shape.
 *
 * Layout: a title line, a header, a rule, one line per row with numbers
 * right-aligned, then notes; results of several parts (a survival curve's
 * groups, RFM segments and scores) print one table per part, separated by a
 * blank line. A cohort matrix shows rates as percentages
 * (customers) or per-customer figures (orders, revenue), with an average row;
 * its right-censored cells are blank and cells with nothing to measure are
 * `-`. A survival curve shows, per offset, the customers at risk, churned and
 * censored, the estimate, its standard error and band, then one table per group.
 * Incomplete periods of a period summary are marked `*`.
 *
 * @param x - a result: see {@link Tabular}
 * @param given - the options: `show` for a cohort matrix: `"rates"` (default) or `"values"`; `maxRows` (every row)
 * @returns the table as one string of lines joined by `\n`, without a trailing newline
 * @throws {@link InvalidInputError} when `x` is none of those results (the message lists them), `show` is
 *   unknown or `maxRows` is not a positive integer
 * @see [Who is a customer when](../../docs/definitions.md#2-from-events-who-is-a-customer-when) and
 *   [cohorts](../../docs/definitions.md#4-cohorts) for what the columns mean.
 * @example
 * ```ts
 * import { cohortMatrix, formatTable } from "retention-metrics";
 * const m = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z" },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z" },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z" },
 * ], { to: "2024-03-01T00:00:00Z" });
 * const text = formatTable(m);
 * // Retention by monthly cohort
 * // cohort   size       0      1
 * // -------  ----  ------  -----
 * // 2024-01     2  100.0%  50.0%
 * // 2024-02     0       -
 * // average     2  100.0%  50.0%
 * // (then a note on the columns and the blank cells)
 * console.log(text.split("\n")[3]); // "2024-01     2  100.0%  50.0%"
 * ```
 * @category Rendering
 */
export function formatTable(x: Tabular, given?: FormatTableOptions): string {
  const options = renderOptions(given, '{ maxRows: 20 }');
  const show = requireOneOf(options.show ?? "rates", "show", ["rates", "values"] as const);
  const maxRows = options.maxRows === undefined ? Infinity : requireIntegerIn(options.maxRows, "maxRows", 1, Number.MAX_SAFE_INTEGER);
  return tablesOf(classify(x), show).map((t) => textTable(shorten(t, maxRows))).join("\n\n");
}

/** One table as aligned text. @internal */
export function textTable(t: TableModel): string {
  if (t.header.length === 0) return [t.title, ...t.notes].join("\n");
  const all = [t.header, ...t.rows];
  const widths = t.header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i < t.leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [t.title, line(t.header), widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line), ...t.notes].join("\n");
}
