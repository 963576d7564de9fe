/**
 * `survivalCurve` in the warehouse: the engine folds events to customer x
 * period activity, finds each customer's first gap of more than `churnAfter`
 * inactive periods (window `lead`), and counts the customers per cohort, last
 * period alive and ended-or-censored; TypeScript turns those counts into the
 * same Kaplan-Meier curves ({@link survivalResult}).
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { periodBucketer } from "../periods/index.ts";
import { isComplete } from "../periods/options.ts";
import type { SurvivalCurve, SurvivalCurveOptions } from "../cohorts/survivalCurve.ts";
import { type Lifetime, survivalResult, survivalSettings } from "../cohorts/survivalRows.ts";
import { bucketSql } from "./bucketSql.ts";
import type { CompiledMethod } from "./cohortMatrixSql.ts";
import { exactInteger } from "./exact.ts";
import { analysisBounds, binderOf, compiled, type DataSpan, methodSettings, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/**
 * Options of {@link Warehouse.survivalCurve}: those of `survivalCurve` (`churnAfter`, `confidence`,
 * `period`, `timeZone`, `weekStartsOn`, `from`, `to`, `currencyScale`, `onInvalid`), with `groupBy`
 * only `"cohort"` (a function of the id cannot run in the engine), without `fields` and `epochUnit`.
 *
 * @category Warehouse
 */
export interface WarehouseSurvivalCurveOptions extends Omit<SurvivalCurveOptions, "fields" | "epochUnit" | "groupBy"> {
  /** Also estimate a curve per cohort (the period of the first event). */
  groupBy?: "cohort";
}

/** Compiles `survivalCurve` for the data's span (`undefined`: not read, then `from` and `to` must be given). */
export function compileSurvivalCurve(ctx: WarehouseContext, options: WarehouseSurvivalCurveOptions, data: DataSpan | null | undefined): CompiledMethod<SurvivalCurve> {
  const s = survivalSettings(options);
  if (typeof s.groupBy === "function") {
    throw new InvalidInputError({ field: "groupBy", value: "a function", expected: '"cohort" or none from a warehouse (a function of the customer id cannot run in the engine)' });
  }
  const common = methodSettings(options);
  const bounds = analysisBounds(options, common.spec, data, "survivalCurve");
  if (bounds === null) return { query: null, finish: () => survivalResult(common.spec, s, [], new Map(), []) };
  // The periods from the one holding `from`: customers with an earlier event fall before them (-1) and are left out, as in memory.
  const bucketer = periodBucketer(bounds.from, bounds.to - 1, common.spec);
  const periods = bucketer.periods;
  const n = periods.length;
  const lastComplete = isComplete(periods[n - 1]!, bounds.to) ? n - 1 : n - 2;
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const k = bucketSql(dialect, binder, bucketer.boundaries, "t", -1);
  const to = binder.bind(bounds.to);
  const lc = binder.bind(lastComplete);
  const churn = binder.bind(s.churnAfter);
  const big = dialect.bigint;
  // Only complete periods count; a lifetime ends at the first gap of more than churnAfter periods, or is
  // ended by churnAfter inactive periods before the last complete one.
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, ${k} AS k FROM raw WHERE ${VALID} AND t < ${to}),`,
    `act AS (SELECT cid, k FROM b WHERE k <= ${lc} GROUP BY cid, k),`,
    `seq AS (SELECT cid, k, ${dialect.neighbour("lead", "k", "cid", "k")} AS nxt FROM act),`,
    `cust AS (SELECT min(k) AS f, max(k) AS l_all, min(CASE WHEN nxt IS NOT NULL AND nxt - k > ${churn} THEN k END) AS gap FROM seq GROUP BY cid),`,
    `life AS (SELECT f, COALESCE(gap, l_all) AS l, CASE WHEN gap IS NOT NULL OR ${lc} - l_all >= ${churn} THEN 1 ELSE 0 END AS ended FROM cust WHERE f >= 0)`,
    `SELECT ${big("f")} AS f, ${big("l")} AS l, ${big("ended")} AS ended, ${big("count(*)")} AS customers FROM life GROUP BY f, l, ended`,
  ].join("\n");
  const finish = (rows: readonly Record<string, unknown>[]) => {
    const all: Lifetime[] = [];
    const byGroup = new Map<string, Lifetime[]>();
    for (const row of rows) {
      const f = exactInteger(row.f, "f");
      const ended = exactInteger(row.ended, "ended") === 1;
      const lifetime: Lifetime = { time: exactInteger(row.l, "l") - f + (ended ? 1 : 0), ended, count: exactInteger(row.customers, "customers") };
      all.push(lifetime);
      if (s.groupBy !== "cohort") continue;
      const key = periods[f]!.key;
      const members = byGroup.get(key);
      if (members === undefined) byGroup.set(key, [lifetime]);
      else members.push(lifetime);
    }
    return survivalResult(bucketer.spec, s, all, byGroup, periods);
  };
  return { query: compiled(sql, binder), finish };
}
