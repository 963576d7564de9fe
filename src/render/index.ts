/**
 * Rendering: fixed-width text tables, SVG cohort heatmaps and retention
 * curves, and rich notebook display.
 *
 * @module render
 */
export { formatTable } from "./formatTable.ts";
export type { FormatTableOptions } from "./formatTable.ts";
export type { MatrixShow } from "./tables.ts";
export type { Tabular } from "./kinds.ts";
export { cohortHeatmapSvg } from "./cohortHeatmapSvg.ts";
export type { CohortHeatmapOptions } from "./cohortHeatmapSvg.ts";
export { retentionCurveSvg } from "./retentionCurveSvg.ts";
export type { CurveInput, CurvePoint, CurveSeries, CurveSource, RetentionCurveOptions } from "./retentionCurveSvg.ts";
export { display, JUPYTER_DISPLAY } from "./display.ts";
export type { Displayable, MimeBundle } from "./display.ts";
export { holdoutCheckSvg, probabilityAliveSvg } from "./lifetimeValueSvg.ts";
export type { HoldoutCheckSvgOptions, ProbabilityAliveSvgOptions } from "./lifetimeValueSvg.ts";
