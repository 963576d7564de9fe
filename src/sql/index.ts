/**
 * The metrics computed inside a warehouse (DuckDB, PostgreSQL, ClickHouse):
 * `warehouse` and its methods, returning the in-memory functions' results.
 *
 * @module sql
 */
export { warehouse, type Warehouse, type WarehouseCompile, type WarehouseQuery, type WarehouseSettings, type WarehouseSkipped } from "./warehouse.ts";
export type { SqlDialect } from "./dialect.ts";
export type { WarehouseEvents } from "./source.ts";
export type { WarehouseSubscriptions } from "./subscriptionSql.ts";
export type { WarehouseMrrCohortMatrixOptions, WarehouseMrrMovementsOptions } from "./mrrSql.ts";
export type { CompiledQuery } from "./plan.ts";
export type { WarehouseCohortMatrixOptions } from "./cohortMatrixSql.ts";
export type { WarehouseLifecycleOptions, WarehousePeriodSummaryOptions } from "./periodSummarySql.ts";
export type { RfmHistories, RfmHistory, RfmRowStream, WarehouseRfmStreamOptions, WarehouseRfmCompileOptions, WarehouseRfmHistoriesOptions, WarehouseRfmSummaryOptions } from "./rfmSql.ts";
export type { WarehouseActiveUsersOptions } from "./activeUsersSql.ts";
export type { WarehouseLnessOptions } from "./lnessSql.ts";
export type { WarehouseSurvivalCurveOptions } from "./survivalCurveSql.ts";
