/**
 * `formatTable`: a fixed-width text table of a result, for the terminal.
 *
 * @module
 */
import { requireOneOf } from "../validate.ts";
import { classify, type Tabular } from "./kinds.ts";
import { type MatrixShow, type TableModel, tablesOf } from "./tables.ts";

/** Options of {@link formatTable}. */
export interface FormatTableOptions {
  /** For a cohort matrix: print the rates (default, with an average row) or the values (counts, revenue). */
  show?: MatrixShow;
}

/**
 * A fixed-width text table of a period summary, a cohort matrix or a survival
 * curve, for a terminal or a log.
 *
 * Layout: a title line, a header, a rule, one line per row with numbers
 * right-aligned, then notes. A cohort matrix shows rates as percentages
 * (customers) or per-customer figures (orders, revenue), with an average row;
 * its right-censored cells are blank and cells with nothing to measure are
 * `-`. A survival curve shows, per offset, the customers at risk, churned and
 * censored, the estimate, its standard error and band, then one table per group.
 * Incomplete periods of a period summary are marked `*`.
 *
 * @param x - the rows of `periodSummary`, a `cohortMatrix` result or a `survivalCurve` result
 * @param options - `show` for a cohort matrix: `"rates"` (default) or `"values"`
 * @returns the table as one string of lines joined by `\n`, without a trailing newline
 * @throws {@link InvalidInputError} when `x` is none of those results or `show` is unknown
 * @see METRICS.md sections 2 and 4 for what the columns mean.
 * @example
 * ```ts
 * import { cohortMatrix, formatTable } from "retention-metrics";
 * const m = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z" },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z" },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z" },
 * ], { to: "2024-03-01T00:00:00Z" });
 * console.log(formatTable(m));
 * // Retention by monthly cohort
 * // cohort   size       0      1
 * // -------  ----  ------  -----
 * // 2024-01     2  100.0%  50.0%
 * // 2024-02     0       -
 * // average     2  100.0%  50.0%
 * // ...
 * ```
 */
export function formatTable(x: Tabular, options: FormatTableOptions = {}): string {
  const show = requireOneOf(options.show ?? "rates", "show", ["rates", "values"] as const);
  return tablesOf(classify(x), show).map(textTable).join("\n\n");
}

/** One table as aligned text. */
function textTable(t: TableModel): string {
  const all = [t.header, ...t.rows];
  const widths = t.header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i < t.leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [t.title, line(t.header), widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line), ...t.notes].join("\n");
}
