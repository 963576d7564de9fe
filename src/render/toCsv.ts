/**
 * `toCsv`: any result as tidy CSV, for a spreadsheet, a data frame or a file.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { classify, type Tabular } from "./classify.ts";
import { renderOptions } from "./markup.ts";
import { CSV_PARTS, type CsvValue, csvTableOf } from "./csvTables.ts";

/**
 * The part of a result of several tables that {@link toCsv} writes.
 *
 * @category Rendering
 */
export type CsvPart = "rows" | "histogram" | "statistics" | "segments" | "lorenz" | "top" | "summary";

/**
 * Options of {@link toCsv}.
 *
 * @category Rendering
 */
export interface ToCsvOptions {
  /**
   * For a result of several tables, which one: interPurchaseTimes `"histogram"` (default) or
   * `"statistics"`; rfmScores `"rows"` (default) or `"segments"`; revenueConcentration `"lorenz"`
   * (default), `"top"` or `"summary"`. Every other result has one table, `"rows"`.
   */
  part?: CsvPart;
  /** The line ending: `"\n"` (default) or `"\r\n"`, which RFC 4180 specifies. */
  lineEnding?: "\n" | "\r\n";
}

/**
 * A result as tidy CSV: a header of the result's field names, then one line
 * per observation, every line ending with the line ending.
 *
 * Observations: a row of periodSummary, lifecycle or mrrMovements (its period
 * as `period,start,end`: the key and the ISO instants of `[start, end)`, then
 * `complete` and the fields); a row of rfmSummary; a cell of a cohort matrix
 * (`cohort,offset,value,rate`, with `lower,upper` when it has intervals); an
 * offset of a survival curve (`group` empty for the overall curve, then each
 * group); a day of activeUsers; a bar of lness; a bin of interPurchaseTimes;
 * a customer of rfmScores; a point of the Lorenz curve; a bucket of
 * holdoutCheck; a cell of probabilityAliveMatrix (`frequency,recency,T,probabilityAlive`); a
 * bucket of periodTransactions (`frequency,label,actual,expected`); a cell of
 * expectedPurchasesMatrix (`frequency,recency,T,t,expectedPurchases`); a point of aliveHistory
 * (`t,frequency,recency,probabilityAlive`);
 * a model fit as one line of its parameters, `logLikelihood`, `iterations` and `converged`.
 *
 * Values: numbers as JavaScript writes them (shortest round-trip form), a
 * Decimal as its exact decimal string, instants as ISO 8601 in UTC, booleans as
 * `true`/`false`, `null` as an empty field. Quoting follows RFC 4180: a field
 * holding a comma, a double quote, CR or LF is enclosed in double quotes, its
 * double quotes doubled. An empty list of rows gives `""` (no header: its kind is unknown).
 *
 * @param result - a result: see {@link Tabular}
 * @param given - the options: `part` (for results of several tables), `lineEnding` (`"\n"`)
 * @returns the CSV text
 * @throws {@link InvalidInputError} when `result` is none of the results (the message lists them), or
 *   `part` or `lineEnding` is not one the result has
 * @see Y. Shafranovich (2005), RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV)
 *   Files"; H. Wickham (2014), "Tidy Data", Journal of Statistical Software 59(10).
 * @example
 * ```ts
 * import { cohortMatrix, toCsv } from "retention-metrics";
 * const m = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 5 },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 12.5 },
 * ], { to: "2024-03-01T00:00:00Z", measure: "revenue" });
 * const csv = toCsv(m);
 * // The February cohort is empty (rate: empty field); its month 1 has not ended (value and rate empty).
 * console.log(csv.split("\n")); // ["cohort,offset,value,rate","2024-01,0,25,12.5","2024-01,1,12.5,6.25","2024-02,0,0,","2024-02,1,,",""]
 * ```
 * @category Rendering
 */
export function toCsv(result: Tabular, given?: ToCsvOptions): string {
  const options = renderOptions(given, '{ part: "rows" }');
  const kind = classify(result, "result");
  const parts = CSV_PARTS[kind.kind] ?? ["rows"];
  const part = options.part ?? parts[0]!;
  if (!parts.includes(part)) throw new InvalidInputError({ field: "part", value: part, expected: `for ${kind.kind}, one of ${parts.map((p) => JSON.stringify(p)).join(", ")}` });
  const eol = options.lineEnding ?? "\n";
  if (eol !== "\n" && eol !== "\r\n") throw new InvalidInputError({ field: "lineEnding", value: eol, expected: '"\\n" or "\\r\\n"' });
  const table = csvTableOf(kind, part);
  if (table.columns.length === 0) return "";
  const line = (cells: readonly CsvValue[], row?: number) => cells.map((v, i) => field(v, table.columns[i] as string, row)).join(",") + eol;
  return line(table.columns) + table.rows.map((r, i) => line(r, i)).join("");
}

/** One field: the value's text, quoted when it holds a comma, a quote, CR or LF (RFC 4180). */
function field(v: CsvValue, column: string, row: number | undefined): string {
  const s = textOf(v, column, row);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A value's text; a NaN, an infinity or an Invalid Date (a hand-edited result) is refused, naming the column and the row. */
function textOf(v: CsvValue, column: string, row: number | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new InvalidInputError({ field: `result: ${column}`, value: v, row, expected: "a finite number (results hold no NaN or infinity)" });
    return Object.is(v, -0) ? "0" : String(v);
  }
  if (typeof v === "string") return v;
  if (typeof v === "symbol" || typeof v === "function") throw new InvalidInputError({ field: `result: ${column}`, value: v, row, expected: "a number, a string, a boolean or an instant" });
  if (typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new InvalidInputError({ field: `result: ${column}`, value: v, row, expected: "a valid instant" });
    return v.toISOString();
  }
  const text = typeof v === "object" && v !== null && typeof v.toFixed === "function" ? v.toFixed() : undefined;
  if (typeof text !== "string" || !/^-?\d+(\.\d+)?$/.test(text)) {
    throw new InvalidInputError({ field: `result: ${column}`, value: v, row, expected: "a finite number, a decimal amount, a string, a boolean or an instant" });
  }
  return text;
}
