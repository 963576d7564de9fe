/**
 * `opportunityHistories`: an RFM summary in whole calendar periods turned into
 * the discrete-time input of the BG/BB model, one row per distinct history.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { displayable } from "../displayProtocol.ts";
import { checkCount, checkHistory, groupRows, summaryRows, type RfmInput } from "./histories.ts";
import type { OpportunityRow } from "./bgBbLikelihood.ts";

/**
 * The distinct discrete-time histories of a summary, with how many customers have each: the rows
 * the BG/BB model (`fitBgBb`) is fitted to.
 *
 * Definitions (Fader, Hardie & Shang 2010, section 2): with one transaction opportunity per calendar
 * period after the first purchase, a customer's history is (x, t_x, n): x purchases in the n
 * opportunities observed, the last in opportunity t_x. From an `rfmSummary` made with
 * `groupBy` (`"year"` for annual donations, `"week"`, ...), whose frequency, recency and T count
 * whole periods, that is x = frequency, t_x = recency, n = T. Rows are ordered by `periods`,
 * then `frequency` and `recency`, all descending (the layout of the paper's table 1).
 *
 * @param summary - rows or columns of `frequency`, `recency` and `T` in whole periods (an
 *   `rfmSummary` with `groupBy`), each with an optional `count` (customers it stands for)
 * @returns the distinct histories `{ frequency, recency, periods, count }` (`fitBgBb`'s input rows, `OpportunityRow`); rows of count 0 are left out
 * @throws {@link InvalidInputError} for a row that is not a history (see `rfmSummary`), or whose
 *   `recency` or `T` is not a whole number of periods (a day-grouped summary in weeks, say), naming
 *   the row and field; a `count` that is not a non-negative integer
 * @see P. S. Fader, B. G. S. Hardie and J. Shang (2010), "Customer-Base Analysis in a Discrete-Time
 *   Noncontractual Setting", Marketing Science 29(6), 1086-1108.
 * @example
 * ```ts
 * import { opportunityHistories, rfmSummary } from "retention-metrics";
 * // yearly donations: first gifts in 2020, observed through 2023 (3 opportunities)
 * const summary = rfmSummary([
 *   { customerId: "a", at: "2020-03-01" }, { customerId: "a", at: "2021-05-01" }, { customerId: "a", at: "2021-11-01" },
 *   { customerId: "b", at: "2020-06-01" },
 *   { customerId: "c", at: "2020-01-15" }, { customerId: "c", at: "2021-02-01" },
 * ], { groupBy: "year", observationEnd: "2023-12-31" });
 * const rows = opportunityHistories(summary);
 * console.log(rows.length, rows[0]); // 2 {"frequency":1,"recency":1,"periods":3,"count":2}
 * console.log(rows[1]); // {"frequency":0,"recency":0,"periods":3,"count":1}
 * ```
 * @category Lifetime value
 */
export function opportunityHistories(summary: RfmInput): Array<OpportunityRow & {
  /** Customers with this history (at least 1). */
  count: number;
}> {
  const rows = summaryRows(summary);
  const n = rows.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r === null || typeof r !== "object") {
      throw new InvalidInputError({ field: "summary", value: r, expected: "a { frequency, recency, T } row", row: i });
    }
    checkHistory(r.frequency, r.recency, r.T, i);
    for (const field of ["recency", "T"] as const) {
      if (!Number.isSafeInteger(r[field])) {
        throw new InvalidInputError({
          field,
          value: r[field],
          expected: "a whole number of periods (make the summary with rfmSummary's groupBy, without a fractional timeUnit)",
          row: i,
        });
      }
    }
    if (r.frequency > r.T) {
      throw new InvalidInputError({ field: "frequency", value: r.frequency, expected: `at most T (${r.T}): one purchase per opportunity`, row: i });
    }
    x[i] = r.frequency;
    tx[i] = r.recency;
    T[i] = r.T;
    weight[i] = checkCount(r.count, i);
  }
  const g = groupRows(x, tx, T, weight);
  const out: Array<OpportunityRow & { count: number }> = [];
  for (let i = 0; i < g.count; i++) out.push({ frequency: g.a[i]!, recency: g.b[i]!, periods: g.c[i]!, count: g.weight[i]! });
  out.sort((p, q) => q.periods - p.periods || q.frequency - p.frequency || q.recency - p.recency);
  return displayable(out);
}
