/**
 * What both cohort queries of the warehouse (the default one and the one of
 * the #15 options) do with their rows once they are back: the cohort rows'
 * labels (periods, or the sorted keys of `cohortBy`) and the
 * {@link CohortGrid} of the sums and histograms they filled.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CohortGrid, CohortMode } from "../cohorts/matrix.ts";
import type { EventCohortMeasure } from "../cohorts/cohortMatrix.ts";
import { cumulate, suffixSums } from "../cohorts/gridSums.ts";

/** The rows' labels: the periods' keys, or the sorted keys of the member rows (kind 1), with each key's row. */
export function cohortRowLabels(rows: readonly Record<string, unknown>[], cohortBy: string | undefined, periods: NonNullable<CohortGrid["periods"]>): { labels: string[]; rowOfKey: Map<string, number> | null } {
  if (cohortBy === undefined) return { labels: periods.map((p) => p.key), rowOfKey: null };
  const keys = new Set<string>();
  for (const row of rows) {
    if (Number(row.kind) !== 1) continue;
    const key = row.ckey;
    if (typeof key !== "string") {
      throw new InvalidInputError({ field: `cohortBy (${cohortBy})`, value: key ?? null, expected: "a cohort key for every customer (a NULL key was found)" });
    }
    keys.add(key);
  }
  const labels = [...keys].sort();
  return { labels, rowOfKey: new Map(labels.map((key, r) => [key, r])) };
}

/** The sums a cohort query's rows fill, per cohort row. */
export interface CohortSums {
  readonly mode: CohortMode;
  readonly measure: EventCohortMeasure;
  readonly spec: CohortGrid["spec"];
  readonly cohortBy: string | undefined;
  readonly labels: readonly string[];
  readonly periods: NonNullable<CohortGrid["periods"]>;
  readonly columns: number;
  readonly sizes: Float64Array;
  readonly horizon: Int32Array;
  /** Cell counts (customers or orders); the unbounded values come from `activeUntil`. */
  readonly values: Float64Array;
  /** Per row, members by last observed column (slot `columns`: beyond). */
  readonly observedUntil: Float64Array;
  /** Unbounded: per row, members by last active column. */
  readonly activeUntil: Float64Array | null;
  readonly revenue: Float64Array | null;
  /** Revenue of members no longer observed from each cell on. */
  readonly leaving: Float64Array | null;
  readonly currencyScale: number;
}

/** The grid of the sums: observed counts and unbounded values from the histograms, cumulative revenue. */
export function gridOfSums(s: CohortSums): CohortGrid {
  const { columns, values, revenue } = s;
  const rowCount = s.labels.length;
  const observed = new Float64Array(rowCount * columns);
  for (let r = 0; r < rowCount; r++) {
    suffixSums(s.observedUntil, r * (columns + 1), columns, observed, r * columns);
    if (s.activeUntil !== null) suffixSums(s.activeUntil, r * (columns + 1), columns, values, r * columns);
  }
  if (s.measure === "revenue" && revenue !== null) values.set(revenue);
  const keyed = s.cohortBy !== undefined;
  return {
    mode: s.mode,
    measure: s.measure,
    spec: s.spec,
    cohortBy: keyed ? "key" : "period",
    labels: s.labels,
    periods: keyed ? null : s.periods,
    sizes: s.sizes,
    horizon: s.horizon,
    columns,
    values,
    observed,
    revenue,
    cumulativeRevenue: revenue === null ? null : cumulate(revenue, s.leaving, rowCount, columns),
    currencyScale: s.currencyScale,
  };
}
