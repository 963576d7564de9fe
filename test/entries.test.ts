/**
 * The export names of every entry of package.json "exports", in one place: a
 * name added to or dropped from an entry fails here until this list says so.
 * The entries' sources are imported (src/X.ts for dist/X.js), so this needs no
 * build; test/examples.test.ts checks the built entries have an example for
 * each export.
 */
import { describe, expect, it } from "vitest";
import { entries } from "./support/examples.ts";

/** Every entry's exports, sorted, by subpath. */
const EXPORTS: Record<string, string[]> = {
  ".": [
    "ConvergenceError", "DEFAULT_CURRENCY_SCALE", "DEFAULT_TIME_ZONE", "DEFAULT_WEEK_STARTS_ON", "EventTable",
    "InconsistentDataError", "InvalidInputError", "JUPYTER_DISPLAY", "MAX_PERIODS", "PERIOD_UNITS",
    "RetentionMetricsError", "SubscriptionTable", "activeUsers", "aliveHistory", "aliveHistorySvg", "averageOrderValue", "bgBbModel",
    "bgNbdLogLikelihood", "bgNbdModel", "checkCurrencyScale", "checkTimeZone", "churnRate", "cohortHeatmapSvg",
    "cohortMatrix", "cumulativeTransactionsSvg", "customerAcquisitionCost", "customerLifetimeValue",
    "customerRetentionRate", "decimalFrom", "display", "emailEngagement", "eventTable",
    "expectedCumulativeTransactions", "expectedPurchasesMatrix", "expectedPurchasesSvg", "fitBgBb", "fitBgNbd",
    "fitGammaGamma", "fitModifiedBgNbd", "fitParetoNbd", "fitShiftedBetaGeometric", "formatTable", "formulaLifetimeValue", "fromMinorUnits", "gammaGammaLogLikelihood",
    "gammaGammaModel", "giniCoefficient", "historicLifetimeValue", "holdoutCheck", "holdoutCheckSvg",
    "interPurchaseTimes", "lifecycle", "lness", "lorenzCurve", "ltvToCacRatio", "modifiedBgNbdModel", "mrrCohorts",
    "mrrMovements", "netCustomerValue", "netPromoterScore", "normalQuantile", "npsStandardError",
    "opportunityHistories", "paretoNbdLogLikelihood", "paretoNbdModel", "periodBucketer", "periodOf", "periodRange",
    "periodSummary", "periodTransactions", "periodTransactionsSvg", "predictLifetimeValue", "probabilityAliveMatrix", "probabilityAliveSvg", "purchaseFrequency",
    "quantileSorted", "renewalRate", "repeatCustomerRate", "resolvePeriodSpec", "retentionCurveSvg",
    "retentionLifetimeValue", "revenueConcentration", "rfmScores", "rfmSummary", "shiftPeriod",
    "shiftedBetaGeometricModel", "simulateBgNbd", "simulateParetoNbd", "stickiness", "subscriptionRenewalRate",
    "subscriptionTable", "sumMoney", "survivalCurve", "toCsv", "toDecimal", "toEpochMs", "toMinorUnits", "topShare",
    "wilsonInterval",
  ],
  "./errors": [
    "ConvergenceError", "InconsistentDataError", "InvalidInputError", "RetentionMetricsError",
  ],
  "./money": [
    "DEFAULT_CURRENCY_SCALE", "checkCurrencyScale", "decimalFrom", "fromMinorUnits", "sumMoney", "toDecimal",
    "toMinorUnits",
  ],
  "./periods": [
    "DEFAULT_TIME_ZONE", "DEFAULT_WEEK_STARTS_ON", "MAX_PERIODS", "PERIOD_UNITS", "checkTimeZone", "periodBucketer",
    "periodOf", "periodRange", "resolvePeriodSpec", "shiftPeriod", "toEpochMs",
  ],
  "./metrics": [
    "averageOrderValue", "churnRate", "customerAcquisitionCost", "customerLifetimeValue", "customerRetentionRate",
    "emailEngagement", "ltvToCacRatio", "netCustomerValue", "netPromoterScore", "purchaseFrequency", "renewalRate",
    "repeatCustomerRate", "retentionLifetimeValue", "stickiness",
  ],
  "./stats": [
    "giniCoefficient", "lorenzCurve", "normalQuantile", "npsStandardError", "quantileSorted", "topShare",
    "wilsonInterval",
  ],
  "./events": [
    "EventTable", "eventTable",
  ],
  "./subscriptions": [
    "SubscriptionTable", "subscriptionTable",
  ],
  "./activity": [
    "activeUsers", "interPurchaseTimes", "lifecycle", "lness", "periodSummary",
  ],
  "./revenue": [
    "SubscriptionTable", "mrrCohorts", "mrrMovements", "revenueConcentration", "subscriptionRenewalRate",
    "subscriptionTable",
  ],
  "./cohorts": [
    "cohortMatrix", "mrrCohorts", "survivalCurve",
  ],
  "./render": [
    "JUPYTER_DISPLAY", "aliveHistorySvg", "cohortHeatmapSvg", "cumulativeTransactionsSvg", "display", "expectedPurchasesSvg",
    "formatTable", "holdoutCheckSvg", "periodTransactionsSvg", "probabilityAliveSvg", "retentionCurveSvg", "toCsv",
  ],
  "./clv": [
    "aliveHistory", "bgBbModel", "bgNbdLogLikelihood", "bgNbdModel", "expectedCumulativeTransactions", "expectedPurchasesMatrix",
    "fitBgBb", "fitBgNbd",
    "fitGammaGamma", "fitModifiedBgNbd", "fitParetoNbd", "fitShiftedBetaGeometric", "formulaLifetimeValue",
    "gammaGammaLogLikelihood", "gammaGammaModel", "historicLifetimeValue", "holdoutCheck", "modifiedBgNbdModel",
    "opportunityHistories", "paretoNbdLogLikelihood", "paretoNbdModel", "periodTransactions", "predictLifetimeValue",
    "probabilityAliveMatrix", "rfmScores", "rfmSummary", "shiftedBetaGeometricModel", "simulateBgNbd",
    "simulateParetoNbd",
  ],
  "./io": [
    "COMMON_FIELD_NAMES", "detectEventFields", "readEvents",
  ],
  "./sql": [
    "warehouse",
  ],
};

describe("the entries of package.json exports", () => {
  it("are the entries listed here", () => {
    expect(entries().map((e) => e.subpath).sort()).toEqual(Object.keys(EXPORTS).sort());
  });

  it.each(entries().map((e) => [e.subpath, e] as const))("%s exports the names listed here", async (subpath, e) => {
    const module = (await import(/* @vite-ignore */ e.source)) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual(EXPORTS[subpath]);
  });
});
