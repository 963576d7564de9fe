/**
 * What the command prints on the terminal: the columns it chose and the short
 * summary table (customers, events, span, the last complete period's
 * retention, revenue).
 *
 * @module
 */
import type { ColumnMapping } from "./columns.ts";
import { count, instant, money, percent } from "./format.ts";
import type { ReportData } from "./report.ts";

/** The lines saying which column holds each field and how it was chosen. */
export function columnLines(file: string, format: string, columns: ColumnMapping): string[] {
  const how = (by: string) => (by === "given" ? "given" : "detected");
  const width = Math.max(columns.customerId.name.length, columns.at.name.length, columns.amount?.name.length ?? 0);
  const line = (field: string, c: { name: string; by: string }) => `  ${field.padEnd(11)}  ${c.name.padEnd(width)}  (${how(c.by)})`;
  return [
    `Columns of ${file} (${format}):`,
    line("customer id", columns.customerId),
    line("time", columns.at),
    columns.amount === null ? `  ${"amount".padEnd(11)}  none found: no revenue figures (name one with --amount)` : line("amount", columns.amount),
  ];
}

/** The summary table: one figure a line, labels left, values right-aligned. */
export function summaryLines(data: ReportData): string[] {
  const s = data.summary;
  const zone = data.options.timeZone;
  const unit = data.options.period;
  const complete = data.periodSummary.filter((r) => r.complete).length;
  const last = s.lastComplete;
  // Numbers right-aligned in one column; the span is text.
  const rows: Array<[string, string, string]> = [
    ["Customers", count(s.customers), ""],
    ["Events", count(s.events), ""],
    ["Span", "", `${instant(s.firstEvent, zone).slice(0, 10)} to ${instant(s.lastEvent, zone).slice(0, 10)}: ${s.periods} ${unit} periods, ${complete} complete (${zone})`],
    last === null
      ? ["Retention", "-", `no complete ${unit} yet`]
      : ["Retention", percent(last.retentionRate), `${last.period.key}, the last complete ${unit}: ${count(last.retainedCustomers)} of ${count(last.customersAtStart)} customers stayed; classic (E-N)/S ${percent(last.customerRetentionRate)}`],
    ["Revenue", s.revenue === null ? "-" : money(s.revenue), s.revenue === null ? "no amount column" : ""],
  ];
  const labelWidth = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([label, value, note]) => `  ${label.padEnd(labelWidth)}  ${value === "" ? note : `${value.padStart(valueWidth)}${note === "" ? "" : `  ${note}`}`}`.trimEnd());
}
