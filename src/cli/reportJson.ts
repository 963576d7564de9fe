/**
 * `report.json`: the figures of the report as plain JSON: Decimals as
 * strings (exact), Dates as ISO 8601 strings, bigint ids as strings, `null`
 * where the library says there is nothing to measure; never NaN.
 *
 * @module
 */
import type { Period } from "../periods/index.ts";
import { rfmStatistics, topCustomers } from "./figures.ts";
import { CLV_SETTINGS, isFailed, type FailedFit, type ReportData } from "./report.ts";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A value as JSON: Decimal-like values (with `toFixed`) as their exact string, Dates as ISO
 * strings, bigints as strings, non-finite numbers as null, functions and undefined left out.
 */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (isDecimal(value)) return value.isFinite() ? value.toString() : null;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, toJson);
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === "function") continue;
      out[k] = toJson(v);
    }
    return out;
  }
  return null;
}

function isDecimal(x: object): x is { toString(): string; isFinite(): boolean } {
  return (x as { constructor?: { name?: string } }).constructor?.name === "Decimal" || (Symbol.toStringTag in x && (x as { [Symbol.toStringTag]: unknown })[Symbol.toStringTag] === "Decimal");
}

function period(p: Period): Json {
  return { key: p.key, start: p.start.toISOString(), end: p.end.toISOString() };
}

function fit(model: object | FailedFit): Json {
  if (isFailed(model)) return { model: model.model, fitted: false, error: model.error };
  const m = model as { model: string; params: object; logLikelihood: number; iterations: number; converged: boolean; customers?: number };
  return toJson({ model: m.model, fitted: true, params: m.params, logLikelihood: m.logLikelihood, iterations: m.iterations, converged: m.converged, customers: m.customers });
}

/**
 * The report's figures as a JSON value (stringify it to write report.json).
 *
 * @param data - {@link buildReport}'s result
 */
export function reportJson(data: ReportData): Json {
  const { summary, cohorts, survival } = data;
  const last = summary.lastComplete;
  const lv = data.lifetimeValue;
  return toJson({
    report: "retention-metrics report",
    generatedAt: data.generatedAt,
    input: {
      file: data.input.file,
      format: data.input.format,
      columnNames: data.input.columnNames,
      columns: data.input.columns,
      events: data.table.length,
      customers: data.table.customerCount,
      hasAmounts: data.table.hasAmounts,
      currencyScale: data.table.currencyScale,
      firstEvent: data.table.span === null ? null : new Date(data.table.span.first),
      lastEvent: data.table.span === null ? null : new Date(data.table.span.last),
    },
    options: data.options,
    span: { from: new Date(data.span.from), to: new Date(data.span.to) },
    summary: {
      customers: summary.customers,
      events: summary.events,
      firstEvent: summary.firstEvent,
      lastEvent: summary.lastEvent,
      periods: summary.periods,
      revenue: summary.revenue,
      lastCompletePeriod:
        last === null
          ? null
          : { period: period(last.period), retentionRate: last.retentionRate, customerRetentionRate: last.customerRetentionRate, churnRate: last.churnRate, customersAtStart: last.customersAtStart, retainedCustomers: last.retainedCustomers },
    },
    periodSummary: data.periodSummary.map((r) => ({ ...r, period: period(r.period) })),
    cohortMatrix: {
      mode: cohorts.mode,
      measure: cohorts.measure,
      confidence: cohorts.confidence,
      offsets: cohorts.offsets,
      cohorts: cohorts.cohorts.map((c) => ({
        cohort: c.cohort,
        period: c.period === undefined ? null : period(c.period),
        size: c.size,
        values: c.values,
        rates: c.rates,
        observed: c.observed,
        intervals: c.intervals,
        cumulativeRevenuePerCustomer: c.cumulativeRevenuePerCustomer,
      })),
      average: cohorts.average,
      averageIntervals: cohorts.averageIntervals,
      averageCumulativeRevenuePerCustomer: cohorts.averageCumulativeRevenuePerCustomer,
    },
    retentionCurve: cohorts.offsets.map((offset, k) => ({
      offset,
      rate: cohorts.average[k] ?? null,
      lower: cohorts.averageIntervals?.[k]?.lower ?? null,
      upper: cohorts.averageIntervals?.[k]?.upper ?? null,
    })),
    survivalCurve: {
      customers: survival.customers,
      churned: survival.churned,
      censored: survival.censored,
      churnAfter: survival.churnAfter,
      confidence: survival.confidence,
      medianLifetime: survival.medianLifetime,
      points: survival.points,
    },
    revenueConcentration: data.concentration,
    lifetimeValue:
      lv === null
        ? null
        : {
            settings: { timeUnit: CLV_SETTINGS.timeUnit, horizon: CLV_SETTINGS.horizon, discountRate: CLV_SETTINGS.discountRate, yearlyDiscountRate: CLV_SETTINGS.yearlyDiscountRate, margin: null },
            observationEnd: lv.observationEnd,
            rfm: { ...rfmStatistics(lv.rfm), leftOut: { customers: lv.rfm.leftOut.customers, events: lv.rfm.leftOut.events } },
            purchaseModel: fit(lv.purchases),
            spendModel: lv.spend === null ? null : fit(lv.spend),
            prediction:
              lv.prediction === null
                ? null
                : isFailed(lv.prediction)
                  ? { error: lv.prediction.error }
                  : {
                      customers: lv.prediction.customers.length,
                      total: lv.prediction.total,
                      expectedPurchases: lv.prediction.expectedPurchases,
                      averagePerCustomer: lv.prediction.customers.length === 0 ? null : lv.prediction.total.dividedBy(lv.prediction.customers.length),
                      topCustomers: isFailed(lv.purchases) ? [] : topCustomers(lv.rfm, lv.prediction, lv.purchases, CLV_SETTINGS.topCustomers),
                    },
            probabilityAlive: lv.alive,
          },
  });
}
