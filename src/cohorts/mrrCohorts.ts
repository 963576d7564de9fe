/**
 * `mrrCohorts`: revenue retention by cohort (net revenue retention by the
 * period of each customer's first subscription), from subscriptions.
 *
 * @module
 */
import { assembleCohortMatrix, type CohortGrid, type CohortMatrix, type CohortMatrixRow } from "./matrix.ts";
import { resolveSpec } from "../periods/options.ts";
import { type Decimal, fromMinorUnits } from "../money.ts";
import type { Period, ResolvedPeriodSpec } from "../periods/index.ts";
import { type MrrConventionOptions, mrrSteps, resolveConventions } from "../subscriptions/mrrSteps.ts";
import type { SubscriptionRow, SubscriptionsArgument } from "../subscriptions/types.ts";
import { type SubscriptionAnalysisOptions, subscriptionWindow } from "../subscriptions/window.ts";
import { subscriptionTable } from "../subscriptions/subscriptionTable.ts";
import { isComplete } from "../periods/options.ts";
import { formatCount, requireCellsWithin, requireOptions, requireSynchronous } from "../validate.ts";

/**
 * Options of {@link mrrCohorts}: the period options, the MRR conventions (`churnRecognition`,
 * `groupWithin`, `reactivationGap`, as `mrrMovements` reads them) and, for rows,
 * {@link subscriptionTable}'s options.
 *
 * @category Cohorts
 */
export type MrrCohortsOptions<Row = SubscriptionRow> = SubscriptionAnalysisOptions<Row> & MrrConventionOptions;

/**
 * One cohort (row) of {@link mrrCohorts}: a cohort matrix row plus the cohort's starting MRR.
 *
 * @category Cohorts
 */
export interface MrrCohort extends CohortMatrixRow {
  /** The cohort's period. */
  period: Period;
  /** The cohort's starting MRR: the sum of each customer's first MRR (above 0), the rates' denominator. */
  startingMrr: Decimal;
  /** Per offset, the cohort's MRR at the end of period cohort + offset; `null` where that period has not ended by `to`. */
  values: Array<Decimal | null>;
}

/**
 * The result of {@link mrrCohorts}: a {@link CohortMatrix} whose measure is MRR.
 *
 * @category Cohorts
 */
export interface MrrCohortMatrix extends CohortMatrix {
  /** Always `"mrr"`. */
  measure: "mrr";
  /** The cohorts with at least one customer, oldest first; `values` are MRR (`Decimal`), `rates` value / startingMrr. */
  cohorts: MrrCohort[];
}

/**
 * Revenue retention by cohort: customers are grouped by the period of their
 * first subscription; for each cohort and offset k, the cohort's MRR at the end
 * of period cohort + k, and that MRR as a share of the cohort's starting MRR
 * (net revenue retention by cohort: expansion raises it, contraction and churn
 * lower it, and customers who come back count again).
 *
 * Formula: value(c, k) = sum over customers of cohort c of their MRR at the end
 * of period c + k; startingMrr(c) = sum of each customer's first MRR;
 * rate(c, k) = value(c, k) / startingMrr(c); average(k) = sum of the observed
 * values at k / sum of the starting MRR of those cohorts. A cell whose period
 * ends after `to` is `null` (censored), never 0. Cohorts are the periods from
 * the one holding `from` on; customers who first subscribed earlier are left
 * out, and changes at or after `to` are ignored. The shape is that of a cohort
 * matrix with measure `"mrr"` ([revenue retention by cohort](../../docs/definitions.md#revenue-retention-by-cohort)).
 *
 * @param subscriptions - rows (intervals or change events), columns or a {@link SubscriptionTable}
 * This is ChartMogul's cohort net MRR retention (reactivation included); the
 * net revenue retention of one period's starting base is
 * `mrrMovements(...)[p].startingBaseNetRevenueRetention`.
 *
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`,
 *   `to`), `churnRecognition`, `groupWithin` and `reactivationGap` (as `mrrMovements` reads
 *   them) and the {@link subscriptionTable} options for rows
 * @returns the cohorts, offsets and average
 * @throws {@link InvalidInputError} for bad rows, a bad option or `to` not after `from`
 * @throws {@link InconsistentDataError} for two change events of one customer at one instant with different MRRs
 * @see [Cohorts](../../docs/definitions.md#4-cohorts) (cohort matrices, [censoring](../../docs/definitions.md#censoring),
 *   [the average](../../docs/definitions.md#average-retention-curve)) and [monthly recurring revenue](../../docs/definitions.md#monthly-recurring-revenue).
 * @example
 * ```ts
 * import { mrrCohorts } from "retention-metrics";
 * const m = mrrCohorts([
 *   { customerId: "a", at: "2024-01-10", mrr: 100 },
 *   { customerId: "b", at: "2024-01-20", mrr: 100 },
 *   { customerId: "a", at: "2024-02-15", mrr: 150 }, // expansion
 *   { customerId: "b", at: "2024-03-05", mrr: 0 },   // churn
 * ], { period: "month", to: "2024-04-01" });
 * console.log(m.cohorts[0]!.cohort, m.cohorts[0]!.rates); // "2024-01" [1,1.25,0.75]
 * ```
 * @category Cohorts
 */
export function mrrCohorts<Row = SubscriptionRow>(subscriptions: SubscriptionsArgument<Row>, options: MrrCohortsOptions<Row> = {}): MrrCohortMatrix {
  requireOptions(options);
  requireSynchronous(subscriptions, "subscriptions", "subscriptionTable");
  const table = subscriptionTable(subscriptions, options);
  const conventions = resolveConventions(options);
  const w = subscriptionWindow(table, options);
  const scale = table.currencyScale;
  const spec = w?.spec ?? resolveSpec(options);
  if (w === null) return finish(emptyGrid(spec, scale), []);
  const { bucketer, to, firstReported } = w;
  const { offsets: starts, time, level } = mrrSteps(table, conventions, to);
  const width = bucketer.periods.length - firstReported;
  // Cohort index (period - firstReported) -> size, starting MRR, and per-period net change of MRR.
  const size = new Float64Array(width);
  const startMrr = new Float64Array(width);
  const delta: Array<Float64Array | undefined> = new Array(width);
  const customers = starts.length - 1;
  let cohorts = 0;
  for (let c = 0; c < customers; c++) {
    const first = starts[c]!;
    const last = starts[c + 1]!;
    if (first === last || time[first]! >= to) continue;
    const cohort = bucketer.indexOf(time[first]!) - firstReported;
    if (cohort < 0) continue;
    size[cohort]!++;
    startMrr[cohort]! += level[first]!;
    let row = delta[cohort];
    if (row === undefined) {
      // Checked as each cohort's row is made, so a grid too large is refused before it is built.
      requireCellsWithin(++cohorts * width, {
        field: "period",
        value: options.period ?? "month",
        what: `an MRR cohort matrix of ${formatCount(cohorts)} or more cohorts x ${formatCount(width)} offsets (periods ${bucketer.periods[firstReported]!.key} to ${bucketer.periods[bucketer.periods.length - 1]!.key})`,
        remedy: "use a longer period unit (week, month) or a later from (a stray early subscription starts the periods there)",
      });
      row = delta[cohort] = new Float64Array(width);
    }
    let prev = 0;
    for (let i = first; i < last && time[i]! < to; i++) {
      row[bucketer.indexOf(time[i]!) - firstReported]! += level[i]! - prev;
      prev = level[i]!;
    }
  }

  // Periods that ended by `to`, counted from the first reported one: cells beyond are censored.
  let complete = 0;
  while (complete < width && isComplete(bucketer.periods[complete + firstReported]!, to)) complete++;
  const rows = [...delta.keys()].filter((k) => delta[k] !== undefined);
  const cells = rows.length * width;
  const values = new Float64Array(cells);
  const observed = new Float64Array(cells);
  const rateBase = new Float64Array(cells);
  rows.forEach((k, r) => {
    let mrr = 0;
    for (let offset = 0; k + offset < width; offset++) {
      mrr += delta[k]![k + offset]!;
      values[r * width + offset] = mrr;
      observed[r * width + offset] = size[k]!;
      rateBase[r * width + offset] = startMrr[k]!;
    }
  });
  const periods = rows.map((k) => bucketer.periods[k + firstReported]!);
  const grid: CohortGrid = {
    mode: "classic",
    measure: "mrr",
    spec,
    cohortBy: "period",
    labels: periods.map((p) => p.key),
    periods,
    sizes: rows.map((k) => size[k]!),
    horizon: rows.map((k) => complete - 1 - k),
    columns: width,
    values,
    observed,
    rateBase,
    revenue: null,
    cumulativeRevenue: null,
    currencyScale: scale,
  };
  return finish(grid, rows.map((k) => fromMinorUnits(startMrr[k]!, scale)));
}

function emptyGrid(spec: ResolvedPeriodSpec, scale: number): CohortGrid {
  const none = new Float64Array(0);
  return { mode: "classic", measure: "mrr", spec, cohortBy: "period", labels: [], periods: [], sizes: [], horizon: [], columns: 0, values: none, observed: none, rateBase: none, revenue: null, cumulativeRevenue: null, currencyScale: scale };
}

function finish(grid: CohortGrid, startingMrr: Decimal[]): MrrCohortMatrix {
  const matrix = assembleCohortMatrix(grid, { interval: false, confidence: 0.95 });
  // The grid's money values come back as Decimals (or null where censored).
  const cohorts = matrix.cohorts.map((row, r) => ({ ...row, values: row.values as Array<Decimal | null>, period: row.period!, startingMrr: startingMrr[r]! }));
  return { ...matrix, measure: "mrr", cohorts };
}
