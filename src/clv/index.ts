/**
 * Customer lifetime value: the RFM summary and scores, historic and formula
 * CLV, the BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, shifted beta-geometric and Gamma-Gamma models, predicted lifetime value
 * and the checks and pictures' data: the calibration/holdout check, the period-transactions check, the
 * P(alive) and expected-purchases matrices and one customer's P(alive) history.
 *
 * @module retention-metrics/clv
 */
export { rfmSummary } from "./rfmSummary.ts";
export type { RfmGroupBy, RfmHoldoutOptions, RfmHoldoutRow, RfmLeftOut, RfmRow, RfmSummary, RfmSummaryOptions, RfmTimeUnit } from "./rfmSummary.ts";
export { opportunityHistories } from "./opportunityHistories.ts";
export { rfmScores } from "./rfmScores.ts";
export type { RfmScoreCuts, RfmScoreInput, RfmScoreRow, RfmScores, RfmScoresOptions, RfmSegment } from "./rfmScores.ts";
export { historicLifetimeValue } from "./historicLifetimeValue.ts";
export type { HistoricCohortValue, HistoricCustomerValue, HistoricLifetimeValue, HistoricLifetimeValueOptions, HistoricTotalValue } from "./historicLifetimeValue.ts";
export { formulaLifetimeValue } from "./formulaLifetimeValue.ts";
export type { FormulaLifetimeValue, FormulaLifetimeValueOptions } from "./formulaLifetimeValue.ts";
export type { PurchaseHistory, RfmColumns, RfmInput, RfmRowLike } from "./histories.ts";
export type { FitOptions, FitState } from "./fit.ts";
export type { ParameterInterval } from "./uncertainty.ts";
export type { PurchaseModel, PurchaseModelJson } from "./purchaseModel.ts";
export { fitBgNbd } from "./bgNbd.ts";
export type { BgNbdFitOptions, BgNbdModel } from "./bgNbd.ts";
export { bgNbdLogLikelihood } from "./bgNbdLikelihood.ts";
export type { BgNbdParams } from "./bgNbdLikelihood.ts";
export { fitModifiedBgNbd } from "./modifiedBgNbd.ts";
export type { ModifiedBgNbdFitOptions, ModifiedBgNbdModel, ModifiedBgNbdParams } from "./modifiedBgNbd.ts";
export { fitBgBb } from "./bgBb.ts";
export type { BgBbFitOptions, BgBbModel, BgBbParams, OpportunityHistory, OpportunityRow } from "./bgBb.ts";
export { fitShiftedBetaGeometric } from "./shiftedBetaGeometric.ts";
export type { ShiftedBetaGeometricFitOptions, ShiftedBetaGeometricModel, ShiftedBetaGeometricParams, SurvivorsInput } from "./shiftedBetaGeometric.ts";
export { fitParetoNbd } from "./paretoNbd.ts";
export type { ParetoNbdFitOptions, ParetoNbdModel } from "./paretoNbd.ts";
export { paretoNbdLogLikelihood } from "./paretoNbdLikelihood.ts";
export type { ParetoNbdParams } from "./paretoNbdLikelihood.ts";
export { fitGammaGamma } from "./gammaGamma.ts";
export type { GammaGammaFitOptions, GammaGammaModel, GammaGammaModelJson } from "./gammaGamma.ts";
export { gammaGammaLogLikelihood } from "./gammaGammaLikelihood.ts";
export type { GammaGammaParams, SpendHistory } from "./gammaGammaLikelihood.ts";
export { bgBbModel, bgNbdModel, gammaGammaModel, modifiedBgNbdModel, paretoNbdModel, shiftedBetaGeometricModel } from "./rebuildModel.ts";
export { predictLifetimeValue } from "./predictLifetimeValue.ts";
export type { CustomerLifetimeValue, LifetimeValueModels, LifetimeValuePrediction, PredictLifetimeValueOptions } from "./predictLifetimeValue.ts";
export { expectedCumulativeTransactions } from "./expectedCumulativeTransactions.ts";
export type { CumulativeTransactionsRow, ExpectedCumulativeTransactionsOptions } from "./expectedCumulativeTransactions.ts";
export type { PredictionInterval, PredictionIntervalOptions } from "./predictionInterval.ts";
export { holdoutCheck } from "./holdoutCheck.ts";
export type { HoldoutCheck, HoldoutCheckOptions, HoldoutCheckRow, HoldoutRowLike, OpportunityHoldoutRow } from "./holdoutCheck.ts";
export { probabilityAliveMatrix } from "./probabilityAliveMatrix.ts";
export type { ProbabilityAliveMatrix, ProbabilityAliveMatrixOptions } from "./probabilityAliveMatrix.ts";
export { expectedPurchasesMatrix } from "./expectedPurchasesMatrix.ts";
export type { ExpectedPurchasesMatrix, ExpectedPurchasesMatrixOptions } from "./expectedPurchasesMatrix.ts";
export { periodTransactions } from "./periodTransactions.ts";
export type { PeriodTransactionsOptions, PeriodTransactionsRow } from "./periodTransactions.ts";
export { aliveHistory } from "./aliveHistory.ts";
export type { AliveHistory, AliveHistoryOptions, AliveHistoryPoint } from "./aliveHistory.ts";
export { simulateBgNbd, simulateParetoNbd } from "./simulate.ts";
export type { SimulateOptions, SimulatedCustomer } from "./simulate.ts";
