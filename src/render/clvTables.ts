/**
 * The tables of the lifetime-value results: RFM summary and scores, the
 * holdout check, the probability-alive and expected-purchases matrices, the
 * period-transactions check, one customer's P(alive) history and fitted models.
 *
 * @internal
 * @module
 */
import type { AliveHistory } from "../clv/aliveHistory.ts";
import type { ExpectedPurchasesMatrix } from "../clv/expectedPurchasesMatrix.ts";
import type { HoldoutCheck } from "../clv/holdoutCheck.ts";
import type { PeriodTransactionsRow } from "../clv/periodTransactions.ts";
import type { CumulativeTransactionsRow } from "../clv/expectedCumulativeTransactions.ts";
import type { ProbabilityAliveMatrix } from "../clv/probabilityAliveMatrix.ts";
import type { RfmScores } from "../clv/rfmScores.ts";
import type { RfmHoldoutRow, RfmRow } from "../clv/rfmSummary.ts";
import type { FittedModel } from "./classify.ts";
import { fixed, money, percent, plain, significant } from "./format.ts";
import { plainTable, type TableModel } from "./tables.ts";

/** Whether the rows carry the holdout columns. */
export function hasHoldout(rows: readonly (RfmRow | RfmHoldoutRow)[]): rows is readonly RfmHoldoutRow[] {
  return rows.every((r) => "frequencyHoldout" in r);
}

export function rfmSummaryTable(rows: readonly (RfmRow | RfmHoldoutRow)[]): TableModel {
  const holdout = hasHoldout(rows);
  const header = ["customer", "frequency", "recency", "T", "monetary value", ...(holdout ? ["frequency holdout", "monetary holdout", "holdout length"] : [])];
  const body = rows.map((r) => [
    String(r.customerId),
    String(r.frequency),
    r.recency.toFixed(2),
    r.T.toFixed(2),
    money(r.monetaryValue),
    ...(holdout ? [String((r as RfmHoldoutRow).frequencyHoldout), money((r as RfmHoldoutRow).monetaryValueHoldout), (r as RfmHoldoutRow).durationHoldout.toFixed(2)] : []),
  ]);
  const repeat = rows.filter((r) => r.frequency > 0).length;
  const notes = [
    `${rows.length} customer${rows.length === 1 ? "" : "s"}, ${repeat} with repeat purchases. Frequency: repeat purchase days; recency and T in the summary's time unit; monetary value: mean of the repeat purchase days.`,
  ];
  // rfmSummary reports what it left out in a non-enumerable `leftOut`.
  const left = (rows as { leftOut?: { customers?: unknown; events?: unknown } }).leftOut;
  if (left !== undefined && typeof left.customers === "number" && typeof left.events === "number" && (left.customers > 0 || left.events > 0)) {
    notes.push(`Left out: ${left.customers} customer${left.customers === 1 ? "" : "s"} first seen after the end day, ${left.events} event${left.events === 1 ? "" : "s"} in no row.`);
  }
  return plainTable(`RFM summary${holdout ? " (calibration and holdout)" : ""}`, header, 1, body, notes);
}

export function rfmScoresTables(x: RfmScores): TableModel[] {
  const total = x.rows.length;
  const segments = Object.entries(x.segments)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([segment, n]) => [segment, String(n), percent(total > 0 ? n / total : null)]);
  const bySegment = plainTable(`RFM segments (${x.bins} levels)`, ["segment", "customers", "share"], 1, segments, [`${total} customer${total === 1 ? "" : "s"} scored; segments with no customer are left out.`]);
  const rows = x.rows.map((r) => [r.customerId === null ? "" : String(r.customerId), r.segment, r.rfm, String(r.recencyScore), String(r.frequencyScore), r.monetaryScore === null ? "-" : String(r.monetaryScore)]);
  const scores = plainTable("RFM scores", ["customer", "segment", "RFM", "R", "F", "M"], 2, rows, [`Scores 1..${x.bins}, from quantiles of each measure: the most recent, most frequent and highest-spending customers score highest.`]);
  return [bySegment, scores];
}

export function holdoutCheckTable(x: HoldoutCheck): TableModel {
  const rows = x.rows.map((r) => [r.label, String(r.customers), fixed(r.actual, 3), fixed(r.predicted, 3)]);
  return plainTable("Holdout purchases by calibration frequency: actual and predicted", ["calibration purchases", "customers", "actual", "predicted"], 0, rows, [
    `Mean holdout purchases per customer. In all: ${fixed(x.actualTotal, 0)} actual, ${fixed(x.predictedTotal, 1)} predicted.`,
  ]);
}

export function probabilityAliveTable(x: ProbabilityAliveMatrix): TableModel {
  return historyGridTable(x, `P(alive) at T = ${plain(x.T)}`, (p) => `${Math.round(100 * p)}%`);
}

export function expectedPurchasesTable(x: ExpectedPurchasesMatrix): TableModel {
  return historyGridTable(x, `Expected purchases in the next ${plain(x.t)} at T = ${plain(x.T)}`, (v) => fixed(v, 2));
}

/** A grid of histories: one row per frequency, one column per recency, impossible cells blank. */
function historyGridTable(x: ProbabilityAliveMatrix | ExpectedPurchasesMatrix, what: string, cell: (v: number) => string): TableModel {
  const rows = x.values.map((row, i) => [String(x.frequencies[i]), ...row.map((v) => (v === null ? "" : cell(v)))]);
  return plainTable(`${what}: frequency (rows) by recency (columns)`, ["frequency", ...x.recencies.map((r) => plain(r))], 1, rows, [
    "Blank: no repeat purchase but a recency above 0 is not a possible history.",
  ]);
}

export function periodTransactionsTable(rows: readonly PeriodTransactionsRow[]): TableModel {
  const body = rows.map((r) => [r.label, plain(r.actual), fixed(r.expected, 1)]);
  const actual = rows.reduce((s, r) => s + r.actual, 0);
  return plainTable("Customers by repeat purchases in the calibration period: actual and expected", ["repeat purchases", "actual", "expected"], 1, body, [
    `${plain(actual)} customers; expected: the sum over customers of the model's P(X(T) = x), the last bucket the rest.`,
  ]);
}

export function cumulativeTransactionsTable(rows: readonly CumulativeTransactionsRow[]): TableModel {
  const body = rows.map((r) => [r.key, plain(r.actual), fixed(r.predicted, 1), plain(r.actualIncremental), fixed(r.predictedIncremental, 1)]);
  return plainTable("Repeat transactions, actual and expected by the model, cumulative and per period", ["period", "actual", "predicted", "actual in period", "predicted in period"], 1, body, [
    "Predicted: the sum over the customers acquired so far of E[X(age at the period's end)]; a customer's first purchase is not counted.",
  ]);
}

export function aliveHistoryTable(x: AliveHistory): TableModel {
  const body = x.points.map((p) => [fixed(p.t, 2), String(p.frequency), fixed(p.recency, 2), percent(p.probabilityAlive)]);
  return plainTable(`P(alive) along one customer's history, to T = ${plain(x.T)}`, ["t", "repeat purchases", "recency", "P(alive)"], 1, body, [
    `${x.purchases.length} purchase times; at each repeat purchase two rows: before it and after it.`,
  ]);
}

export function modelTable(x: FittedModel): TableModel {
  const params = Object.entries(x.params).filter(([, v]) => typeof v === "number") as Array<[string, number]>;
  const extra = "customers" in x && typeof (x as { customers?: unknown }).customers === "number" ? [["customers", String((x as { customers: number }).customers)]] : [];
  const rows = [
    ...params.map(([name, v]) => [name, significant(v)]),
    ["log-likelihood", x.logLikelihood.toFixed(2)],
    ["iterations", String(x.iterations)],
    ["converged", x.converged ? "yes" : "no"],
    ...extra,
  ];
  return plainTable(`${x.model} model fit`, ["", x.model], 1, rows, [`Parameters by maximum likelihood; ${params.length} parameters.`]);
}
