/**
 * `periodTransactionsSvg`: the period-transactions check of a purchase model as
 * grouped bars, actual against expected customers by repeat purchases.
 *
 * @module
 */
import type { PeriodTransactionsRow } from "../clv/periodTransactions.ts";
import { InvalidInputError } from "../errors.ts";
import { barChartSvg } from "./barChartSvg.ts";
import { PALETTE } from "./colors.ts";
import { compact, fixed, plain } from "./format.ts";
import { optionalText, renderOptions, requireCoordinate } from "./markup.ts";

/**
 * Options of {@link periodTransactionsSvg}.
 *
 * @category Rendering
 */
export interface PeriodTransactionsSvgOptions {
  /** Title; default "Customers by repeat purchases: actual vs expected". */
  title?: string;
  /** The x-axis title; default "Repeat purchases in the calibration period". */
  xLabel?: string;
}

/**
 * The period-transactions check as grouped bars (lifetimes'
 * `plot_period_transactions`; Fader, Hardie & Lee 2005, figure 1): for 0, 1,
 * 2, ... and "k or more" repeat purchases, the customers of the summary (solid
 * blue) beside the number the model expects (orange). A model that fits
 * puts each pair at about the same height.
 *
 * @param rows - the result of `periodTransactions`
 * @param given - the options: `title`, `xLabel`
 * @returns a self-contained SVG document as a string
 * @throws {@link InvalidInputError} when there are no rows, a label is not a string, a count is not a
 *   finite number of at least 0 (field `rows[i].actual`, `rows[i].expected`), or an option is invalid
 * @example
 * ```ts
 * import { fitBgNbd, periodTransactions, periodTransactionsSvg, simulateBgNbd } from "retention-metrics";
 * const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 });
 * const svg = periodTransactionsSvg(periodTransactions(fitBgNbd(summary), summary));
 * console.log(svg.startsWith("<svg"), svg.includes('class="bar expected"')); // true true
 * ```
 * @category Rendering
 */
export function periodTransactionsSvg(rows: readonly PeriodTransactionsRow[], given?: PeriodTransactionsSvgOptions): string {
  const options = renderOptions(given, '{ title: "Period transactions" }');
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InvalidInputError({ field: "rows", value: rows, expected: "the result of periodTransactions, with at least one row" });
  }
  const count = (v: unknown, field: string) => {
    const n = requireCoordinate(v, field, false)!;
    if (n < 0) throw new InvalidInputError({ field, value: v, expected: "a number of customers, at least 0" });
    return n;
  };
  // Array.from, not map: a hole in a hand-made array is refused, not skipped.
  const labels = Array.from(rows, (r, i) => {
    if (typeof r?.label !== "string") throw new InvalidInputError({ field: `rows[${i}].label`, value: r?.label, expected: "a string" });
    return r.label;
  });
  const actual = rows.map((r, i) => count(r.actual, `rows[${i}].actual`));
  const expected = rows.map((r, i) => count(r.expected, `rows[${i}].expected`));
  const title = optionalText(options.title, "title") ?? "Customers by repeat purchases: actual vs expected";
  const xLabel = optionalText(options.xLabel, "xLabel") ?? "Repeat purchases in the calibration period";
  const customers = actual.reduce((s, v) => s + v, 0);
  let widest = 0;
  for (let i = 1; i < rows.length; i++) if (Math.abs(actual[i]! - expected[i]!) > Math.abs(actual[widest]! - expected[widest]!)) widest = i;
  return barChartSvg({
    title,
    subtitle: `${plain(customers)} customers, actual beside expected by the model; largest gap ${fixed(Math.abs(actual[widest]! - expected[widest]!), 1)} (at ${labels[widest]})`,
    xLabel,
    yLabel: "Customers",
    categories: labels,
    series: [
      { label: "actual", values: actual, colour: PALETTE[0], cls: "actual" },
      { label: "expected", values: expected, colour: PALETTE[1], cls: "expected" },
    ],
    yFormat: compact,
    tipFormat: (v) => plain(v, 1),
    grouped: true,
  });
}
