/**
 * Cohorts from events: cohort matrices (classic and unbounded retention,
 * orders, revenue, the realised lifetime value curve, MRR of subscriptions) and Kaplan-Meier
 * survival curves of customer lifetimes.
 *
 * @module cohorts
 */
export { cohortMatrix } from "./cohortMatrix.ts";
export type { CohortEntry, CohortMatrixOptions, CohortWindow, EventCohortMeasure, MrrCohortMatrixOptions, MrrMeasure } from "./cohortMatrix.ts";
export type { CohortMatrix, CohortMatrixCell, CohortMatrixRow, CohortMean, CohortMeasure, CohortMode } from "./matrix.ts";
export type { CohortKey } from "./assign.ts";
export { mrrCohorts } from "./mrrCohorts.ts";
export type { MrrCohort, MrrCohortMatrix, MrrCohortsOptions } from "./mrrCohorts.ts";
export { survivalCurve } from "./survivalCurve.ts";
export type { SurvivalCurve, SurvivalCurveOptions, SurvivalEstimate, SurvivalGroup, SurvivalPoint } from "./survivalCurve.ts";
