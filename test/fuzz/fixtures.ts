/**
 * Expensive example values shared by several specs (the simulated summaries
 * and fitted models of the clv/ and render/ @examples), memoised per worker
 * through `fx`. Each is exactly what the TSDoc examples build.
 */
import type { Fixtures, Lib } from "./spec.ts";

const BG = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const SPEND = { p: 6, q: 4, gamma: 15 };

/** `simulateBgNbd(BG, { customers: 2000, T: 39, seed: 7 })`: fitBgNbd's, probabilityAliveMatrix's, probabilityAliveSvg's examples. */
export const bgSummary = (lib: Lib, fx: Fixtures): unknown[] => fx("sim:bg7", () => lib.simulateBgNbd(BG, { customers: 2000, T: 39, seed: 7 }));
/** With 39 weeks of holdout: holdoutCheck's and holdoutCheckSvg's examples. */
export const bgHoldoutSummary = (lib: Lib, fx: Fixtures): unknown[] => fx("sim:bg7h", () => lib.simulateBgNbd(BG, { customers: 2000, T: 39, holdout: 39, seed: 7 }));
/** With spend: predictLifetimeValue's example. */
export const bgSpendSummary = (lib: Lib, fx: Fixtures): unknown[] => fx("sim:bg7s", () => lib.simulateBgNbd(BG, { customers: 2000, T: 39, seed: 7, spend: SPEND }));
/** fitGammaGamma's example: 3,000 customers, seed 5, with spend. */
export const ggSummary = (lib: Lib, fx: Fixtures): unknown[] => fx("sim:bg5s", () => lib.simulateBgNbd(BG, { customers: 3000, T: 39, seed: 5, spend: SPEND }));
/** fitParetoNbd's example. */
export const paretoSummary = (lib: Lib, fx: Fixtures): unknown[] =>
  fx("sim:pareto3", () => lib.simulateParetoNbd({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 2000, T: 39, seed: 3 }));

export const bgModel = (lib: Lib, fx: Fixtures): object => fx("fit:bg7", () => lib.fitBgNbd(bgSummary(lib, fx)));
export const bgHoldoutModel = (lib: Lib, fx: Fixtures): object => fx("fit:bg7h", () => lib.fitBgNbd(bgHoldoutSummary(lib, fx)));
export const bgSpendModel = (lib: Lib, fx: Fixtures): object => fx("fit:bg7s", () => lib.fitBgNbd(bgSpendSummary(lib, fx)));
export const ggSpendModel = (lib: Lib, fx: Fixtures): object => fx("fit:gg7s", () => lib.fitGammaGamma(bgSpendSummary(lib, fx)));

/** holdoutCheck's example result (holdoutCheckSvg's argument). */
export const holdout = (lib: Lib, fx: Fixtures): object => fx("holdout:bg7h", () => lib.holdoutCheck(bgHoldoutModel(lib, fx), bgHoldoutSummary(lib, fx)));

/** The orders of cohortHeatmapSvg's example. */
export const heatmapOrders = (): object[] => [
  { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
  { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 35 },
  { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 12.5 },
  { customerId: "c", at: "2024-02-15T10:00:00Z", amount: 40 },
];
