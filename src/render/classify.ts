/**
 * What a render function was given: the kind of a result, told by its shape
 * alone (the fields each analysis's result type documents), so results read
 * back from JSON or built by the `sql/` layer are recognised too.
 *
 * Each kind has a test on fields that no other kind has together; a value is
 * classified only when exactly one test accepts it, so adding a kind can never
 * make an old one ambiguous without a test failing.
 *
 * @internal
 * @module
 */
import type { ActiveUsersResult } from "../activity/activeUsers.ts";
import type { InterPurchaseTimesResult } from "../activity/interPurchaseTimes.ts";
import type { LifecycleRow } from "../activity/lifecycle.ts";
import type { LnessResult } from "../activity/lness.ts";
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import type { AliveHistory } from "../clv/aliveHistory.ts";
import type { ExpectedPurchasesMatrix } from "../clv/expectedPurchasesMatrix.ts";
import type { HoldoutCheck } from "../clv/holdoutCheck.ts";
import type { PeriodTransactionsRow } from "../clv/periodTransactions.ts";
import type { CumulativeTransactionsRow } from "../clv/expectedCumulativeTransactions.ts";
import type { ProbabilityAliveMatrix } from "../clv/probabilityAliveMatrix.ts";
import type { RfmScores } from "../clv/rfmScores.ts";
import type { RfmHoldoutRow, RfmRow } from "../clv/rfmSummary.ts";
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { SurvivalCurve } from "../cohorts/survivalCurve.ts";
import { InvalidInputError } from "../errors.ts";
import type { MrrMovementRow } from "../revenue/mrrMovements.ts";
import type { RevenueConcentrationResult } from "../revenue/revenueConcentration.ts";

/**
 * A fitted model as the renderers read it: `fitBgNbd`, `fitParetoNbd`, `fitGammaGamma` and the other fits.
 *
 * @category Rendering
 */
export interface FittedModel {
  /** The model's name, e.g. `"BG/NBD"`. */
  readonly model: string;
  /** The fitted parameters, by name. */
  readonly params: object;
  /** Log-likelihood at the parameters. */
  readonly logLikelihood: number;
  /** Optimiser iterations used. */
  readonly iterations: number;
  /** Whether the fit converged. */
  readonly converged: boolean;
}

/**
 * Results the text tables, CSV and notebook display know how to show: the rows of `periodSummary`,
 * `lifecycle`, `mrrMovements` or `rfmSummary`, and the results of `cohortMatrix`, `survivalCurve`,
 * `activeUsers`, `lness`, `interPurchaseTimes`, `rfmScores`, `revenueConcentration`, `holdoutCheck`,
 * `probabilityAliveMatrix`, `periodTransactions`, `expectedPurchasesMatrix`, `aliveHistory`, and the fits
 * (`fitBgNbd`, `fitParetoNbd`, `fitGammaGamma`).
 * @category Rendering
 */
export type Tabular =
  | readonly PeriodSummaryRow[]
  | readonly LifecycleRow[]
  | readonly MrrMovementRow[]
  | readonly RfmRow[]
  | readonly RfmHoldoutRow[]
  | CohortMatrix
  | SurvivalCurve
  | ActiveUsersResult
  | LnessResult
  | InterPurchaseTimesResult
  | RfmScores
  | RevenueConcentrationResult
  | HoldoutCheck
  | ProbabilityAliveMatrix
  | readonly PeriodTransactionsRow[]
  | readonly CumulativeTransactionsRow[]
  | ExpectedPurchasesMatrix
  | AliveHistory
  | FittedModel;

/** A result with its kind. */
export type TabularKind =
  | { kind: "periodSummary"; rows: readonly PeriodSummaryRow[] }
  | { kind: "lifecycle"; rows: readonly LifecycleRow[] }
  | { kind: "mrrMovements"; rows: readonly MrrMovementRow[] }
  | { kind: "rfmSummary"; rows: readonly (RfmRow | RfmHoldoutRow)[] }
  | { kind: "emptyRows"; rows: readonly never[] }
  | { kind: "cohortMatrix"; matrix: CohortMatrix; excerpt?: { total: number; gapAt: number | null; note: string } }
  | { kind: "survivalCurve"; curve: SurvivalCurve }
  | { kind: "activeUsers"; result: ActiveUsersResult }
  | { kind: "lness"; result: LnessResult }
  | { kind: "interPurchaseTimes"; result: InterPurchaseTimesResult }
  | { kind: "rfmScores"; result: RfmScores }
  | { kind: "revenueConcentration"; result: RevenueConcentrationResult }
  | { kind: "holdoutCheck"; result: HoldoutCheck }
  | { kind: "probabilityAliveMatrix"; result: ProbabilityAliveMatrix }
  | { kind: "periodTransactions"; rows: readonly PeriodTransactionsRow[] }
  | { kind: "cumulativeTransactions"; rows: readonly CumulativeTransactionsRow[] }
  | { kind: "expectedPurchasesMatrix"; result: ExpectedPurchasesMatrix }
  | { kind: "aliveHistory"; result: AliveHistory }
  | { kind: "model"; model: FittedModel };

/** The name of a kind. */
export type KindName = TabularKind["kind"];

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === "object" && x !== null;
}

const isNumber = (x: unknown): x is number => typeof x === "number";
const isArray = Array.isArray;

/** Whether a value looks like a cohort matrix. */
export function isCohortMatrix(x: unknown): x is CohortMatrix {
  return isObject(x) && isArray(x.offsets) && isArray(x.cohorts) && isArray(x.average);
}

/** Whether a value looks like a survival curve. */
export function isSurvivalCurve(x: unknown): x is SurvivalCurve {
  return isObject(x) && isArray(x.points) && isArray(x.groups) && "medianLifetime" in x;
}

/** Whether every element of a non-empty array passes a row test. */
function rowsOf(test: (r: Obj) => boolean): (x: unknown) => boolean {
  return (x) => isArray(x) && x.length > 0 && x.every((r) => isObject(r) && test(r));
}

/** The grid of probabilityAliveMatrix and expectedPurchasesMatrix (the latter also has its horizon `t`). */
const isHistoryGrid = (x: unknown): x is Obj => isObject(x) && isNumber(x.T) && isArray(x.frequencies) && isArray(x.recencies) && isArray(x.values);

const hasPeriod = (r: Obj) => isObject(r.period) && typeof (r.period as Obj).key === "string";

/** Row tests, object tests: each names fields no other kind has together. */
const TESTS: ReadonlyArray<readonly [KindName, string, (x: unknown) => boolean]> = [
  ["periodSummary", "the rows of periodSummary", rowsOf((r) => hasPeriod(r) && isNumber(r.activeCustomers) && "retentionRate" in r && "customersAtStart" in r)],
  ["lifecycle", "the rows of lifecycle", rowsOf((r) => hasPeriod(r) && isNumber(r.returning) && isNumber(r.resurrecting) && isNumber(r.dormant))],
  ["mrrMovements", "the rows of mrrMovements", rowsOf((r) => hasPeriod(r) && "startingMrr" in r && "endingMrr" in r && "netRevenueRetention" in r)],
  ["rfmSummary", "the rows of rfmSummary", rowsOf((r) => "customerId" in r && isNumber(r.frequency) && isNumber(r.recency) && isNumber(r.T) && "monetaryValue" in r)],
  ["emptyRows", "an empty list of rows", (x) => isArray(x) && x.length === 0],
  ["cohortMatrix", "a cohortMatrix result", isCohortMatrix],
  ["survivalCurve", "a survivalCurve result", isSurvivalCurve],
  ["activeUsers", "an activeUsers result", (x) => isObject(x) && typeof x.definition === "string" && isArray(x.days)],
  ["lness", "an lness result", (x) => isObject(x) && isNumber(x.days) && isArray(x.histogram) && "meanActiveDays" in x],
  ["interPurchaseTimes", "an interPurchaseTimes result", (x) => isObject(x) && typeof x.unit === "string" && isObject(x.gaps) && isObject(x.customerMeans) && isArray(x.histogram)],
  ["rfmScores", "an rfmScores result", (x) => isObject(x) && isNumber(x.bins) && isObject(x.cuts) && isArray(x.rows) && isObject(x.segments)],
  ["revenueConcentration", "a revenueConcentration result", (x) => isObject(x) && isArray(x.lorenz) && isArray(x.top) && "gini" in x && "totalRevenue" in x],
  ["holdoutCheck", "a holdoutCheck result", (x) => isObject(x) && isArray(x.rows) && isNumber(x.actualTotal) && isNumber(x.predictedTotal)],
  ["probabilityAliveMatrix", "a probabilityAliveMatrix result", (x) => isHistoryGrid(x) && !("t" in x)],
  ["periodTransactions", "the rows of periodTransactions", rowsOf((r) => isNumber(r.frequency) && typeof r.label === "string" && isNumber(r.actual) && isNumber(r.expected))],
  ["cumulativeTransactions", "the rows of expectedCumulativeTransactions", rowsOf((r) => isNumber(r.period) && typeof r.key === "string" && isNumber(r.actual) && isNumber(r.predicted) && isNumber(r.predictedIncremental))],
  ["expectedPurchasesMatrix", "an expectedPurchasesMatrix result", (x) => isHistoryGrid(x) && isNumber(x.t)],
  ["aliveHistory", "an aliveHistory result", (x) => isObject(x) && isNumber(x.T) && isArray(x.purchases) && isArray(x.points)],
  ["model", "a fitted model (fitBgNbd, fitParetoNbd, fitGammaGamma)", (x) => isObject(x) && typeof x.model === "string" && isObject(x.params) && isNumber(x.logLikelihood) && isNumber(x.iterations) && typeof x.converged === "boolean"],
];

/** What the renderers accept, for error messages. */
export const ACCEPTED = TESTS.filter(([k]) => k !== "emptyRows").map(([, what]) => what).join(", ");

/**
 * Tells the kind of a result by its shape.
 *
 * @throws {@link InvalidInputError} when it is none of the kinds (the message lists them), or when it
 *   has the fields of two kinds at once
 */
export function classify(x: unknown, field = "x"): TabularKind {
  const found = TESTS.filter(([, , test]) => test(x));
  if (found.length > 1) {
    throw new InvalidInputError({ field, value: x, expected: `one result, not a value with the fields of both ${found.map(([, what]) => what).join(" and ")}` });
  }
  const kind = found[0]?.[0];
  if (kind === undefined) throw new InvalidInputError({ field, value: x, expected: `one of: ${ACCEPTED}` });
  return wrap(kind, x);
}

function wrap(kind: KindName, x: unknown): TabularKind {
  switch (kind) {
    case "cohortMatrix":
      return { kind, matrix: requireMatrixShape(x as CohortMatrix) };
    case "survivalCurve":
      return { kind, curve: x as SurvivalCurve };
    case "model":
      return { kind, model: x as FittedModel };
    case "periodSummary":
    case "lifecycle":
    case "mrrMovements":
    case "rfmSummary":
    case "periodTransactions":
    case "cumulativeTransactions":
    case "emptyRows":
      return { kind, rows: x as never[] };
    default:
      return { kind, result: x as never };
  }
}

/**
 * The fields of a cohort matrix every renderer reads, checked once (a hand-edited or truncated result
 * would otherwise fail with a bare TypeError): `spec.unit`, dense `offsets` and `average`, and cohorts
 * that are objects with a string `cohort` and arrays of `values` and `rates`.
 *
 * @throws {@link InvalidInputError} naming the path, e.g. `matrix.cohorts[0].cohort`
 */
export function requireMatrixShape(m: CohortMatrix, field = "matrix"): CohortMatrix {
  const bad = (path: string, value: unknown, expected: string): never => {
    throw new InvalidInputError({ field: `${field}${path}`, value, expected });
  };
  if (!isObject(m.spec) || typeof (m.spec as Obj).unit !== "string") bad(".spec", m.spec, "the spec of a cohortMatrix result, with its unit");
  for (let k = 0; k < m.offsets.length; k++) if (!Number.isSafeInteger(m.offsets[k])) bad(`.offsets[${k}]`, m.offsets[k], "an integer offset");
  for (let k = 0; k < m.average.length; k++) if (m.average[k] === undefined) bad(`.average[${k}]`, undefined, "a number or null");
  if (m.brackets !== undefined) {
    const ends: unknown = m.brackets;
    if (!isArray(ends) || ends.length !== m.offsets.length - 1) bad(".brackets", ends, `the brackets' upper ends, one per column after the first (${Math.max(0, m.offsets.length - 1)})`);
    const list = ends as unknown[];
    for (let j = 0; j < list.length; j++) {
      const end = list[j];
      if (!(Number.isSafeInteger(end) && (end as number) > (j === 0 ? 0 : (list[j - 1] as number)))) bad(`.brackets[${j}]`, end, "a positive integer above the bracket before it");
    }
  }
  for (let r = 0; r < m.cohorts.length; r++) {
    const c = m.cohorts[r] as unknown;
    if (!isObject(c)) bad(`.cohorts[${r}]`, c, "a cohort row { cohort, size, values, rates }");
    const row = c as Obj;
    if (typeof row.cohort !== "string") bad(`.cohorts[${r}].cohort`, row.cohort, "the cohort's label, a string");
    if (!isArray(row.values)) bad(`.cohorts[${r}].values`, row.values, "an array of values");
    if (!isArray(row.rates)) bad(`.cohorts[${r}].rates`, row.rates, "an array of rates");
  }
  return m;
}
