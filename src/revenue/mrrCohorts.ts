/**
 * `mrrCohorts`: revenue retention by cohort (net revenue retention by the
 * period of each customer's first subscription), from subscriptions.
 *
 * @module
 */
import { type Decimal, fromMinorUnits } from "../money.ts";
import type { Period } from "../periods/index.ts";
import { subscriptionColumns } from "./subscriptionsTable.ts";
import type { SubscriptionRow, SubscriptionsArgument } from "./subscriptionsTypes.ts";
import { asSubscriptionTable, type SubscriptionAnalysisOptions, subscriptionWindow } from "./subscriptionsWindow.ts";

/** Options of {@link mrrCohorts}: the period options and, for rows, {@link subscriptionTable}'s options. */
export type MrrCohortsOptions<Row = SubscriptionRow> = SubscriptionAnalysisOptions<Row>;

/** One cohort of {@link mrrCohorts}: the customers whose first subscription started in one period. */
export interface MrrCohort {
  /** The cohort's period key, e.g. `"2024-03"`. */
  cohort: string;
  /** The cohort's period. */
  period: Period;
  /** Customers in the cohort. */
  size: number;
  /** The cohort's starting MRR: the sum of each customer's first MRR (above 0). */
  startingMrr: Decimal;
  /** Per offset k, the cohort's MRR at the end of period cohort + k; `null` when that period has not ended by `to`. */
  values: Array<Decimal | null>;
  /** Per offset, value / starting MRR (net revenue retention of the cohort); `null` where the value is. */
  rates: Array<number | null>;
}

/** One cell of {@link MrrCohortMatrix.toRows}. */
export interface MrrCohortCell {
  /** The cohort's period key. */
  cohort: string;
  /** Periods since the cohort's period. */
  offset: number;
  /** The cohort's MRR at the end of that period, or `null` when censored. */
  value: Decimal | null;
  /** value / the cohort's starting MRR, or `null`. */
  rate: number | null;
}

/** The result of {@link mrrCohorts}: a cohort matrix whose measure is MRR. */
export interface MrrCohortMatrix {
  /** Always `"classic"`: each cell is the MRR at the end of one period. */
  mode: "classic";
  /** Always `"mrr"`. */
  measure: "mrr";
  /** 0 .. the number of periods from the first cohort to the last reported period. */
  offsets: number[];
  /** The cohorts with at least one customer, oldest first. */
  cohorts: MrrCohort[];
  /**
   * Per offset, the pooled rate over the cohorts observed there: the sum of their values / the sum of
   * their starting MRR (each cohort weighted by its starting MRR); `null` when no cohort is observed.
   */
  average: Array<number | null>;
  /** The matrix as one row per cell, cohort by cohort. */
  toRows(): MrrCohortCell[];
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
 * matrix with measure `"mrr"` (METRICS.md sections 4 and 6).
 *
 * @param subscriptions - rows (intervals or change events), columns or a {@link SubscriptionTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`,
 *   `to`) and the {@link subscriptionTable} options for rows
 * @returns the cohorts, offsets and average
 * @throws {@link InvalidInputError} for bad rows, a bad option or `to` not after `from`
 * @throws {@link InconsistentDataError} for two change events of one customer at one instant with different MRRs
 * @see METRICS.md section 4 (cohort matrices, censoring, the average) and section 6 (MRR).
 * @example
 * ```ts
 * import { mrrCohorts } from "retention-metrics";
 * const m = mrrCohorts([
 *   { customerId: "a", at: "2024-01-10", mrr: 100 },
 *   { customerId: "b", at: "2024-01-20", mrr: 100 },
 *   { customerId: "a", at: "2024-02-15", mrr: 150 }, // expansion
 *   { customerId: "b", at: "2024-03-05", mrr: 0 },   // churn
 * ], { period: "month", to: "2024-04-01" });
 * console.log(m.cohorts[0]!.cohort, m.cohorts[0]!.rates); // "2024-01" [1, 1.25, 0.75]
 * ```
 */
export function mrrCohorts<Row = SubscriptionRow>(subscriptions: SubscriptionsArgument<Row>, options: MrrCohortsOptions<Row> = {}): MrrCohortMatrix {
  const table = asSubscriptionTable(subscriptions, options);
  const w = subscriptionWindow(table, options);
  if (w === null) return matrix([], []);
  const { offsets: starts, time, level, currencyScale: scale } = subscriptionColumns(table);
  const { bucketer, to, firstReported } = w;
  const count = bucketer.periods.length;
  const width = count - firstReported;
  // Cohort index (period - firstReported) -> size, starting MRR, and per-period net change of MRR.
  const size = new Float64Array(width);
  const startMrr = new Float64Array(width);
  const delta: Array<Float64Array | undefined> = new Array(width);
  const customers = starts.length - 1;
  for (let c = 0; c < customers; c++) {
    const first = starts[c]!;
    const last = starts[c + 1]!;
    if (first === last || time[first]! >= to) continue;
    const cohort = bucketer.indexOf(time[first]!) - firstReported;
    if (cohort < 0) continue;
    size[cohort]!++;
    startMrr[cohort]! += level[first]!;
    const row = (delta[cohort] ??= new Float64Array(width));
    let prev = 0;
    for (let i = first; i < last && time[i]! < to; i++) {
      row[bucketer.indexOf(time[i]!) - firstReported]! += level[i]! - prev;
      prev = level[i]!;
    }
  }

  const cohorts: MrrCohort[] = [];
  const observedValue = new Float64Array(width);
  const observedBase = new Float64Array(width);
  for (let k = 0; k < width; k++) {
    const row = delta[k];
    if (row === undefined) continue;
    const values: Array<Decimal | null> = [];
    const rates: Array<number | null> = [];
    let mrr = 0;
    for (let offset = 0; offset < width; offset++) {
      const p = k + offset;
      if (p < width) mrr += row[p]!;
      if (p < width && bucketer.periods[p + firstReported]!.end.getTime() <= to) {
        values.push(fromMinorUnits(mrr, scale));
        rates.push(mrr / startMrr[k]!);
        observedValue[offset]! += mrr;
        observedBase[offset]! += startMrr[k]!;
      } else {
        values.push(null);
        rates.push(null);
      }
    }
    const period = bucketer.periods[k + firstReported]!;
    cohorts.push({ cohort: period.key, period, size: size[k]!, startingMrr: fromMinorUnits(startMrr[k]!, scale), values, rates });
  }
  const offsets = Array.from({ length: width }, (_, k) => k);
  return matrix(offsets, cohorts, Array.from(observedBase, (base, k) => (base > 0 ? observedValue[k]! / base : null)));
}

function matrix(offsets: number[], cohorts: MrrCohort[], average: Array<number | null> = []): MrrCohortMatrix {
  return {
    mode: "classic",
    measure: "mrr",
    offsets,
    cohorts,
    average,
    toRows(): MrrCohortCell[] {
      return cohorts.flatMap((c) => c.values.map((value, offset) => ({ cohort: c.cohort, offset, value, rate: c.rates[offset]! })));
    },
  };
}
