/**
 * The cohort matrix in the peer tools of the benchmarks: DuckDB SQL over the
 * `events` table of `duckdbWith` (bench/peers.ts), and arquero 7 verbs over
 * the table of `arqueroWith`. Monthly cohorts by first order, UTC, classic
 * retention: cell (cohort, k) = customers of the cohort active in month cohort + k.
 */
import * as aq from "arquero";

/** The classic monthly cohort matrix in SQL, as a tidy table (cohort, k, customers). */
export const COHORT_MATRIX_SQL = `
WITH cm AS (
  SELECT customer_id, date_trunc('month', ordered_at) AS m FROM events GROUP BY ALL
), c AS (
  SELECT m, min(m) OVER (PARTITION BY customer_id) AS cohort FROM cm
)
SELECT strftime(cohort, '%Y-%m') AS cohort, datediff('month', cohort, m) AS k, count(*) AS customers
FROM c GROUP BY ALL ORDER BY 1, 2`;

/** The same matrix with revenue per cell, in SQL (for reference: the revenue measure's peer). */
export const COHORT_REVENUE_SQL = `
WITH cm AS (
  SELECT customer_id, date_trunc('month', ordered_at) AS m, sum(amount) AS revenue FROM events GROUP BY ALL
), c AS (
  SELECT m, revenue, min(m) OVER (PARTITION BY customer_id) AS cohort FROM cm
)
SELECT strftime(cohort, '%Y-%m') AS cohort, datediff('month', cohort, m) AS k, count(*) AS customers, sum(revenue) AS revenue
FROM c GROUP BY ALL ORDER BY 1, 2`;

/** The classic monthly cohort matrix in arquero verbs, as a tidy table (cohort, k, customers); months as year * 12 + month. */
export function arqueroCohortMatrix(table: aq.ColumnTable): aq.ColumnTable {
  const op = aq.op;
  return table
    .derive({ m: (d: { at: number }) => op.utcyear(d.at) * 12 + op.utcmonth(d.at) })
    .groupby("customer_id", "m")
    .rollup({ n: op.count() })
    .groupby("customer_id")
    .derive({ cohort: op.min("m") })
    .ungroup()
    .derive({ k: (d: { m: number; cohort: number }) => d.m - d.cohort })
    .groupby("cohort", "k")
    .rollup({ customers: op.count() })
    .orderby("cohort", "k");
}
