/**
 * The subscription methods of the warehouse: `mrrMovements` and
 * `cohortMatrix` with `measure: "mrr"`. The engine reads the subscription
 * rows (see `subscriptionSql.ts` for why rows, bounded by the subscription
 * table); the in-memory `mrrMovements` and `cohortMatrix` finish on the
 * {@link SubscriptionTable} they make, so every option (`movements`,
 * `churnRecognition`, `groupWithin`, `reactivationGap`, the period options)
 * means exactly what it means in memory.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { mrrMovements, type MrrMovementRow, type MrrMovementsOptions } from "../revenue/mrrMovements.ts";
import { cohortMatrix, type MrrCohortMatrixOptions } from "../cohorts/cohortMatrix.ts";
import type { MrrCohortMatrix } from "../cohorts/mrrCohorts.ts";
import { subscriptionTable } from "../subscriptions/subscriptionTable.ts";
import type { SubscriptionTable } from "../subscriptions/table.ts";
import { checkCurrencyScale } from "../money.ts";
import { requireOptions } from "../validate.ts";
import type { Dialect } from "./dialect.ts";
import type { CompiledQuery } from "./plan.ts";
import { compileSubscriptionRows, type SubscriptionSource } from "./subscriptionSql.ts";

/**
 * Options of {@link Warehouse.mrrMovements}: those of `mrrMovements` (period options, `movements`,
 * `churnRecognition`, `groupWithin`, `reactivationGap`, `currencyScale`, `onInvalid`), without the
 * reading options `fields` and `shape` (the warehouse's `subscriptions` setting names the columns and so the shape).
 *
 * @category Warehouse
 */
export type WarehouseMrrMovementsOptions = Omit<MrrMovementsOptions, "fields" | "shape">;

/**
 * Options of {@link Warehouse.cohortMatrix} with `measure: "mrr"`: those of `cohortMatrix` on
 * subscriptions, without `fields` and `shape`.
 *
 * @category Warehouse
 */
export type WarehouseMrrCohortMatrixOptions = Omit<MrrCohortMatrixOptions, "fields" | "shape">;

/** A subscription method compiled: the rows query, the options check, and the step from the table to the result. @internal */
export interface SubscriptionMethod<T> {
  readonly query: CompiledQuery;
  readonly currencyScale: number;
  readonly onInvalid: "throw" | "skip";
  finish(table: SubscriptionTable): T;
}

/** The options given to the in-memory function: without the reading options, which the table already applied. */
function analysisOptions<O extends object>(options: O): O {
  const { currencyScale: _c, onInvalid: _o, ...rest } = options as O & { currencyScale?: unknown; onInvalid?: unknown };
  return rest as O;
}

/**
 * Checks the options as the in-memory function does, before any query: it is run on an empty table
 * of the setting's shape, so the same option errors come out (none of its own rules is restated here).
 *
 * @throws {@link InvalidInputError} for a bad option, and for `fields`, `shape` or `epochUnit`, which the setting replaces
 */
function checked<T>(options: object, source: SubscriptionSource, run: (table: SubscriptionTable) => T): { currencyScale: number; onInvalid: "throw" | "skip" } {
  requireOptions(options, "options", '{ period: "month" }');
  for (const option of ["fields", "shape", "epochUnit"] as const) {
    const value = (options as Record<string, unknown>)[option];
    if (value !== undefined) {
      throw new InvalidInputError({ field: option, value, expected: `no ${option} in a warehouse method's options (the warehouse's subscriptions setting names the columns, their shape and unit)` });
    }
  }
  const o = options as { currencyScale?: number; onInvalid?: unknown };
  const onInvalid = o.onInvalid ?? "throw";
  if (onInvalid !== "throw" && onInvalid !== "skip") throw new InvalidInputError({ field: "onInvalid", value: onInvalid, expected: '"throw" or "skip"' });
  const currencyScale = checkCurrencyScale(o.currencyScale ?? 2);
  run(subscriptionTable([], { shape: source.shape, currencyScale }));
  return { currencyScale, onInvalid };
}

/** Compiles `mrrMovements`: the rows query and the in-memory final step. */
export function compileMrrMovements(dialect: Dialect, source: SubscriptionSource, options: WarehouseMrrMovementsOptions): SubscriptionMethod<MrrMovementRow[]> {
  const finish = (table: SubscriptionTable) => mrrMovements(table, analysisOptions(options));
  const settings = checked(options, source, finish);
  return { query: compileSubscriptionRows(dialect, source, settings.currencyScale), ...settings, finish };
}

/** Compiles `cohortMatrix` with `measure: "mrr"`: the rows query and the in-memory final step. */
export function compileMrrCohortMatrix(dialect: Dialect, source: SubscriptionSource, options: WarehouseMrrCohortMatrixOptions): SubscriptionMethod<MrrCohortMatrix> {
  requireOptions(options, "options", '{ period: "month", measure: "mrr" }');
  const given = options as { cohortBy?: unknown; cohortOf?: unknown };
  for (const field of ["cohortBy", "cohortOf"] as const) {
    if (given[field] !== undefined) throw new InvalidInputError({ field, value: given[field], expected: `no ${field} with measure "mrr" (MRR cohorts are by calendar period of the first subscription)` });
  }
  const finish = (table: SubscriptionTable) => cohortMatrix(table, analysisOptions(options));
  const settings = checked(options, source, finish);
  return { query: compileSubscriptionRows(dialect, source, settings.currencyScale), ...settings, finish };
}
