/** One result of every kind the renderers accept, made from the shared fixtures, for the render tests. */
import { activeUsers } from "../../src/activity/activeUsers.ts";
import { interPurchaseTimes } from "../../src/activity/interPurchaseTimes.ts";
import { lifecycle } from "../../src/activity/lifecycle.ts";
import { lness } from "../../src/activity/lness.ts";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { aliveHistory } from "../../src/clv/aliveHistory.ts";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { expectedPurchasesMatrix } from "../../src/clv/expectedPurchasesMatrix.ts";
import { expectedCumulativeTransactions } from "../../src/clv/expectedCumulativeTransactions.ts";
import { fitGammaGamma } from "../../src/clv/gammaGamma.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { fitParetoNbd } from "../../src/clv/paretoNbd.ts";
import { periodTransactions } from "../../src/clv/periodTransactions.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { rfmScores } from "../../src/clv/rfmScores.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { simulateBgNbd } from "../../src/clv/simulate.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { mrrMovements } from "../../src/revenue/mrrMovements.ts";
import { revenueConcentration } from "../../src/revenue/revenueConcentration.ts";
import type { KindName, Tabular } from "../../src/render/classify.ts";
import { fc } from "../support/fc.ts";
import { small, subscriptions, twoYears } from "./fixtures.ts";

export const to = "2024-05-01T00:00:00Z";

let cached: Record<Exclude<KindName, "emptyRows">, Tabular> | null = null;

/** A simulated calibration summary with spend, and the models fitted to it (made once: the fits take a moment). */
function models() {
  const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 800, T: 39, holdout: 39, seed: 7, spend: { p: 6, q: 4, gamma: 15 } });
  const bg = fitBgNbd(summary);
  return { summary, bg, pareto: fitParetoNbd(summary) };
}

/** A result of each kind, by kind. */
export function everyKind(): Record<Exclude<KindName, "emptyRows">, Tabular> {
  if (cached !== null) return cached;
  const { summary, bg, pareto } = models();
  const orders = twoYears().filter((r) => r.at < Date.UTC(2023, 6, 1));
  const rfm = rfmSummary(orders, { timeUnit: "week" });
  cached = {
    periodSummary: periodSummary(small, { to }),
    lifecycle: lifecycle(small, { to }),
    mrrMovements: mrrMovements(subscriptions, { to: "2024-04-01" }),
    rfmSummary: rfm,
    cohortMatrix: cohortMatrix(small, { to }),
    survivalCurve: survivalCurve(small, { to, groupBy: "cohort" }),
    activeUsers: activeUsers(small, { to: "2024-01-10T00:00:00Z" }),
    lness: lness(small, { days: 7, end: "2024-02-07" }),
    interPurchaseTimes: interPurchaseTimes(small, { bins: 4 }),
    rfmScores: rfmScores(rfm),
    revenueConcentration: revenueConcentration(small, { lorenzPoints: 5 }),
    holdoutCheck: holdoutCheck(bg, summary, { maxFrequency: 5 }),
    probabilityAliveMatrix: probabilityAliveMatrix(bg, { T: 39, maxFrequency: 4, recencySteps: 3 }),
    periodTransactions: periodTransactions(bg, summary, { maxFrequency: 5 }),
    cumulativeTransactions: expectedCumulativeTransactions(bg, orders.slice(0, 400), { groupBy: "week" }),
    expectedPurchasesMatrix: expectedPurchasesMatrix(bg, { T: 39, t: 13, maxFrequency: 4, recencySteps: 3 }),
    aliveHistory: aliveHistory(bg, [0, 3, 4.5, 20], { T: 39, steps: 13 }),
    model: pareto,
  };
  return cached;
}

/** A Gamma-Gamma fit to the simulated summary's spend. */
export function gammaGammaModel() {
  return fitGammaGamma(models().summary);
}

/** Small random orders of a few customers over ~14 months (amounts in whole cents), for the property tests. */
export function ordersArb(ids: readonly string[] = ["a", "b", "c", "d", "e"]) {
  return fc.array(
    fc.record({
      customerId: fc.constantFrom(...ids),
      at: fc.integer({ min: Date.UTC(2023, 11, 1), max: Date.UTC(2025, 1, 1) }),
      amount: fc.integer({ min: 0, max: 50000 }).map((c) => c / 100),
    }),
    { minLength: 1, maxLength: 40 },
  );
}
