/**
 * The tidy table of each result kind for {@link toCsv}: column names (the
 * results' own field names) and one row per observation, values as the
 * results hold them.
 *
 * @internal
 * @module
 */
import type { GapStatistics } from "../activity/interPurchaseTimes.ts";
import type { KindName, TabularKind } from "./classify.ts";
import { hasHoldout } from "./clvTables.ts";

/** A value of a CSV cell before it is written: a Decimal is any object with `toFixed`. */
export type CsvValue = string | number | bigint | boolean | Date | { toFixed(): string } | null | undefined;

/** Columns and rows. */
export interface CsvTable {
  columns: string[];
  rows: CsvValue[][];
}

/** The parts a result of several tables can be written as; the first is the default. */
export const CSV_PARTS: Partial<Record<KindName, readonly string[]>> = {
  interPurchaseTimes: ["histogram", "statistics"],
  rfmScores: ["rows", "segments"],
  revenueConcentration: ["lorenz", "top", "summary"],
};

type Periodic = { period: { key: string; start: Date; end: Date }; complete: boolean };

/** Rows with a period: the key, its start and end, then the named fields. */
function periodic<R extends Periodic>(rows: readonly R[], fields: ReadonlyArray<keyof R & string>): CsvTable {
  return {
    columns: ["period", "start", "end", "complete", ...fields],
    rows: rows.map((r) => [r.period.key, r.period.start, r.period.end, r.complete, ...fields.map((f) => r[f] as CsvValue)]),
  };
}

function statistics(name: string, s: GapStatistics): CsvValue[] {
  return [name, s.count, s.mean, s.median, ...s.quantiles.map((q) => q.value)];
}

/** The tidy table of a result (one part of it, for results of several). */
export function csvTableOf(x: TabularKind, part: string): CsvTable {
  switch (x.kind) {
    case "periodSummary":
      return periodic(x.rows, ["activeCustomers", "newCustomers", "customersAtStart", "customersAtEnd", "retainedCustomers", "lostCustomers", "reactivatedCustomers", "customerRetentionRate", "retentionRate", "churnRate", "orders", "revenue", "averageOrderValue", "purchaseFrequency", "repeatCustomerRate"]);
    case "lifecycle":
      return periodic(x.rows, ["active", "new", "returning", "resurrecting", "dormant", "quickRatio"]);
    case "mrrMovements":
      return periodic(x.rows, ["startingMrr", "newMrr", "expansionMrr", "contractionMrr", "churnedMrr", "reactivationMrr", "endingMrr", "customersAtStart", "newCustomers", "churnedCustomers", "reactivatedCustomers", "customersAtEnd", "netRevenueRetention", "grossRevenueRetention", "mrrChurnRate", "customerChurnRate", "quickRatio"]);
    case "rfmSummary": {
      const holdout = hasHoldout(x.rows);
      const fields = ["customerId", "frequency", "recency", "T", "monetaryValue", ...(holdout ? ["frequencyHoldout", "monetaryValueHoldout", "durationHoldout"] : [])];
      return { columns: fields, rows: x.rows.map((r) => fields.map((f) => (r as unknown as Record<string, CsvValue>)[f])) };
    }
    case "emptyRows":
      return { columns: [], rows: [] };
    case "cohortMatrix": {
      const m = x.matrix;
      const intervals = m.cohorts.some((c) => c.intervals !== undefined);
      const rows = m.cohorts.flatMap((c) =>
        m.offsets.map((k, i): CsvValue[] => {
          const ci = c.intervals?.[i] ?? null;
          return [c.cohort, k, c.values[i] ?? null, c.rates[i] ?? null, ...(intervals ? [ci?.lower ?? null, ci?.upper ?? null] : [])];
        }),
      );
      return { columns: ["cohort", "offset", "value", "rate", ...(intervals ? ["lower", "upper"] : [])], rows };
    }
    case "survivalCurve": {
      const c = x.curve;
      const estimates = [{ group: null as string | null, points: c.points }, ...c.groups.map((g) => ({ group: g.group, points: g.points }))];
      return {
        columns: ["group", "offset", "atRisk", "churned", "censored", "survival", "standardError", "lower", "upper"],
        rows: estimates.flatMap((e) => e.points.map((p) => [e.group, p.offset, p.atRisk, p.churned, p.censored, p.survival, p.standardError, p.lower, p.upper])),
      };
    }
    case "activeUsers":
      return {
        columns: ["day", "start", "end", "complete", "dau", "wau", "mau", "stickiness"],
        rows: x.result.days.map((d) => [d.day.key, d.day.start, d.day.end, d.complete, d.dau, d.wau, d.mau, d.stickiness]),
      };
    case "lness":
      return { columns: ["activeDays", "users", "share"], rows: x.result.histogram.map((b) => [b.days, b.users, b.share]) };
    case "interPurchaseTimes": {
      const t = x.result;
      if (part === "statistics") {
        return { columns: ["over", "count", "mean", "median", ...t.gaps.quantiles.map((q) => `p${Math.round(q.q * 1000) / 10}`)], rows: [statistics("gaps", t.gaps), statistics("customerMeans", t.customerMeans)] };
      }
      return { columns: ["unit", "from", "to", "count"], rows: t.histogram.map((b) => [t.unit, b.from, b.to, b.count]) };
    }
    case "rfmScores":
      if (part === "segments") return { columns: ["segment", "customers"], rows: Object.entries(x.result.segments) };
      return { columns: ["customerId", "recencyScore", "frequencyScore", "monetaryScore", "rfm", "segment"], rows: x.result.rows.map((r) => [r.customerId, r.recencyScore, r.frequencyScore, r.monetaryScore, r.rfm, r.segment]) };
    case "revenueConcentration": {
      const c = x.result;
      if (part === "top") return { columns: ["fraction", "share"], rows: c.top.map((t) => [t.fraction, t.share]) };
      if (part === "summary") return { columns: ["customers", "totalRevenue", "gini"], rows: [[c.customers, c.totalRevenue, c.gini]] };
      return { columns: ["customerShare", "revenueShare"], rows: c.lorenz.map((p) => [p.customerShare, p.revenueShare]) };
    }
    case "holdoutCheck":
      return { columns: ["frequency", "label", "customers", "actual", "predicted"], rows: x.result.rows.map((r) => [r.frequency, r.label, r.customers, r.actual, r.predicted]) };
    case "probabilityAliveMatrix": {
      const p = x.result;
      return {
        columns: ["frequency", "recency", "T", "probabilityAlive"],
        rows: p.frequencies.flatMap((f, i) => p.recencies.map((r, j) => [f, r, p.T, p.values[i]?.[j] ?? null])),
      };
    }
    case "periodTransactions":
      return { columns: ["frequency", "label", "actual", "expected"], rows: x.rows.map((r) => [r.frequency, r.label, r.actual, r.expected]) };
    case "cumulativeTransactions":
      return {
        columns: ["period", "key", "actual", "predicted", "actualIncremental", "predictedIncremental"],
        rows: x.rows.map((r) => [r.period, r.key, r.actual, r.predicted, r.actualIncremental, r.predictedIncremental]),
      };
    case "expectedPurchasesMatrix": {
      const e = x.result;
      return {
        columns: ["frequency", "recency", "T", "t", "expectedPurchases"],
        rows: e.frequencies.flatMap((f, i) => e.recencies.map((r, j) => [f, r, e.T, e.t, e.values[i]?.[j] ?? null])),
      };
    }
    case "aliveHistory":
      return { columns: ["t", "frequency", "recency", "probabilityAlive"], rows: x.result.points.map((p) => [p.t, p.frequency, p.recency, p.probabilityAlive]) };
    case "model": {
      const m = x.model;
      const params = Object.entries(m.params).filter(([, v]) => typeof v === "number") as Array<[string, number]>;
      const customers = typeof (m as { customers?: unknown }).customers === "number" ? [(m as unknown as { customers: number }).customers] : [];
      return {
        columns: ["model", ...params.map(([k]) => k), "logLikelihood", "iterations", "converged", ...(customers.length > 0 ? ["customers"] : [])],
        rows: [[m.model, ...params.map(([, v]) => v), m.logLikelihood, m.iterations, m.converged, ...customers]],
      };
    }
  }
}
