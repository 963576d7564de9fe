/**
 * Rendering: fixed-width text tables, tidy CSV, SVG cohort heatmaps and
 * curves, and rich notebook display. Loading this module turns on the rich
 * notebook display of every result (see `display`).
 *
 * @module
 */
export { formatTable } from "./formatTable.ts";
export type { FormatTableOptions } from "./formatTable.ts";
export type { MatrixShow } from "./tables.ts";
export type { FittedModel, Tabular } from "./classify.ts";
export { toCsv } from "./toCsv.ts";
export type { CsvPart, ToCsvOptions } from "./toCsv.ts";
export { cohortHeatmapSvg } from "./cohortHeatmapSvg.ts";
export type { CohortHeatmapOptions, HeatmapDomain } from "./cohortHeatmapSvg.ts";
export { retentionCurveSvg } from "./retentionCurveSvg.ts";
export type { CurveInput, CurvePoint, CurveSeries, CurveSource, RetentionCurveOptions } from "./retentionCurveSvg.ts";
export { display, JUPYTER_DISPLAY } from "./display.ts";
export type { Displayable, DisplayOptions, MimeBundle } from "./display.ts";
export { holdoutCheckSvg, probabilityAliveSvg } from "./lifetimeValueSvg.ts";
export type { HoldoutCheckSvgOptions, ProbabilityAliveSvgOptions } from "./lifetimeValueSvg.ts";
export { cumulativeTransactionsSvg } from "./cumulativeTransactionsSvg.ts";
export type { CumulativeTransactionsSvgOptions } from "./cumulativeTransactionsSvg.ts";
export { periodTransactionsSvg } from "./periodTransactionsSvg.ts";
export type { PeriodTransactionsSvgOptions } from "./periodTransactionsSvg.ts";
export { expectedPurchasesSvg } from "./expectedPurchasesSvg.ts";
export type { ExpectedPurchasesSvgOptions } from "./expectedPurchasesSvg.ts";
export { aliveHistorySvg } from "./aliveHistorySvg.ts";
export type { AliveHistorySvgOptions } from "./aliveHistorySvg.ts";
