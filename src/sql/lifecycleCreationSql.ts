/**
 * `lifecycle` with `newBy: "createdAt"` in the warehouse. The creation
 * instants are the caller's (a function or a `Map` of customer ids), so they
 * cannot join the events in the engine: the engine folds the events to each
 * customer's distinct active periods and returns one row per customer (the
 * periods as text, `"3,4,7"`), bounded by customers, never by events; each
 * customer's creation period is read in TypeScript and the same counting step
 * as in memory ({@link CreationCounts}) and final step ({@link lifecycleRows})
 * make the rows.
 *
 * As for the other activity queries, the periods start one period before
 * `from`'s and every earlier event falls in one bucket two periods before
 * those: only "active in the period before" and "ever active before" reach
 * the reported periods.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { isValidId } from "../events/rowReading.ts";
import { periodBucketer, periodOf, shiftPeriod } from "../periods/index.ts";
import type { CreatedAt, LifecycleDormant, LifecycleOptions, LifecycleRow } from "../activity/lifecycle.ts";
import { CreationCounts, creationMs, lifecycleRows } from "../activity/lifecycleRows.ts";
import { bucketSql } from "./bucketSql.ts";
import type { CompiledMethod } from "./cohortMatrixSql.ts";
import { analysisBounds, binderOf, compiled, type DataSpan, methodSettings, type WarehouseContext } from "./plan.ts";
import { rawSql, VALID } from "./source.ts";

/** The SQL bucket of events before the first period; counts index = SQL period + OFFSET. */
const BEFORE = -2;
const OFFSET = 2;

/** Compiles the per-customer query of active periods and the step that counts them by creation. */
export function compileLifecycleByCreation(
  ctx: WarehouseContext, options: Omit<LifecycleOptions, "fields">, data: DataSpan | null | undefined, createdAt: CreatedAt, dormantBy: LifecycleDormant,
): CompiledMethod<LifecycleRow[]> {
  const common = methodSettings(options);
  const bounds = analysisBounds(options, common.spec, data, "lifecycle");
  if (bounds === null) return { query: null, finish: () => [] };
  const bucketer = periodBucketer(shiftPeriod(periodOf(bounds.from, common.spec), -1).start, bounds.to - 1, common.spec);
  const n = bucketer.periods.length;
  const edges = bucketer.boundaries;
  const { dialect, source } = ctx;
  const binder = binderOf(dialect);
  const raw = rawSql(dialect, binder, source, { currencyScale: common.currencyScale });
  const sql = [
    `WITH raw AS (${raw}),`,
    `b AS (SELECT cid, ${bucketSql(dialect, binder, edges, "t", BEFORE)} AS k FROM raw WHERE ${VALID} AND t < ${binder.bind(bounds.to)}),`,
    `act AS (SELECT cid, k FROM b GROUP BY cid, k)`,
    `SELECT cid, ${dialect.sortedList("k")} AS ks FROM act GROUP BY cid`,
  ].join("\n");
  const finish = (rows: readonly Record<string, unknown>[]): LifecycleRow[] => {
    const size = n + OFFSET;
    const counts = new CreationCounts(size);
    for (const row of rows) {
      const id = row.cid;
      if (!isValidId(id)) {
        throw new InvalidInputError({ field: `events.customerId (${source.customerId})`, value: id, expected: "ids the driver returns as non-empty strings, finite numbers or bigints" });
      }
      const t = creationMs(createdAt, id, options.timeZone);
      // Created before the first period: in the empty slot between the older events and it (never new there).
      const created = t < edges[0]! ? OFFSET - 1 : t >= edges[n]! ? size : bucketer.indexOf(t) + OFFSET;
      let prev = -1;
      for (const text of String(row.ks).split(",")) {
        const k = Number(text) + OFFSET;
        if (!Number.isInteger(k) || k < 0 || k >= size) throw new InvalidInputError({ field: "ks", value: row.ks, expected: "the query's list of period indexes" });
        counts.visit(prev, k, created);
        prev = k;
      }
      counts.close(prev);
    }
    return lifecycleRows(bucketer.periods.slice(1), 1 + OFFSET, bounds.to, counts, dormantBy);
  };
  return { query: compiled(sql, binder), finish };
}
