/**
 * What a render function was given: a period summary, a cohort matrix or a
 * survival curve.
 *
 * @internal
 * @module
 */
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { SurvivalCurve } from "../cohorts/survivalCurve.ts";
import { InvalidInputError } from "../errors.ts";

/** Results the text tables and notebook display know how to show. */
export type Tabular = readonly PeriodSummaryRow[] | CohortMatrix | SurvivalCurve;

/** A tabular result with its kind. */
export type TabularKind =
  | { kind: "periodSummary"; rows: readonly PeriodSummaryRow[] }
  | { kind: "cohortMatrix"; matrix: CohortMatrix }
  | { kind: "survivalCurve"; curve: SurvivalCurve };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

/** Whether a value looks like a cohort matrix. */
export function isCohortMatrix(x: unknown): x is CohortMatrix {
  return isObject(x) && Array.isArray(x.offsets) && Array.isArray(x.cohorts) && Array.isArray(x.average);
}

/** Whether a value looks like a survival curve. */
export function isSurvivalCurve(x: unknown): x is SurvivalCurve {
  return isObject(x) && Array.isArray(x.points) && Array.isArray(x.groups) && "medianLifetime" in x;
}

/** Whether a value looks like the rows of a period summary. */
export function isPeriodSummary(x: unknown): x is readonly PeriodSummaryRow[] {
  return Array.isArray(x) && x.every((r) => isObject(r) && isObject(r.period) && typeof r.activeCustomers === "number" && "retentionRate" in r);
}

/**
 * Tells the kind of a result.
 *
 * @throws {@link InvalidInputError} when it is none of the three
 */
export function classify(x: unknown, field = "x"): TabularKind {
  if (isCohortMatrix(x)) return { kind: "cohortMatrix", matrix: x };
  if (isSurvivalCurve(x)) return { kind: "survivalCurve", curve: x };
  if (isPeriodSummary(x)) return { kind: "periodSummary", rows: x };
  throw new InvalidInputError({ field, value: x, expected: "the rows of periodSummary, a cohortMatrix result or a survivalCurve result" });
}
