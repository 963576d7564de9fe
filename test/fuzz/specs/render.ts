/**
 * Fuzz specs of `retention-metrics/render`: arguments of each function's
 * @example. The inputs are library results (a cohort matrix, a holdout check,
 * a probability-alive matrix); their fields are mutated as a caller holding a
 * modified or hand-made result would pass them.
 */
import { bgModel, bgSummary, heatmapOrders, holdout } from "../fixtures.ts";
import { fn, type LayerSpecs, optionPaths, value } from "../spec.ts";

/** Fields of a cohort matrix argument (argument 0). */
const MATRIX = [
  "0", "0.mode", "0.measure", "0.offsets", "0.cohorts", "0.cohorts[]", "0.cohorts[].cohort", "0.cohorts[].size",
  "0.cohorts[].values", "0.cohorts[].values[]", "0.cohorts[].rates", "0.cohorts[].rates[]", "0.average", "0.average[]", "0.spec",
];

const smallMatrix = (lib: Record<string, (...a: unknown[]) => unknown>, rows: object[], options: object) => lib.cohortMatrix!(rows, options);

export default {
  entry: "./render",
  specs: {
    formatTable: fn(
      (lib) => [smallMatrix(lib, [
        { customerId: "a", at: "2024-01-03T10:00:00Z" },
        { customerId: "b", at: "2024-01-20T10:00:00Z" },
        { customerId: "a", at: "2024-02-11T10:00:00Z" },
      ], { to: "2024-03-01T00:00:00Z" })],
      [...MATRIX, ...optionPaths(1, ["show", "maxRows"])],
    ),
    toCsv: fn(
      (lib) => [smallMatrix(lib, [
        { customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 },
        { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 5 },
        { customerId: "a", at: "2024-02-11T10:00:00Z", amount: 12.5 },
      ], { to: "2024-03-01T00:00:00Z", measure: "revenue" })],
      [...MATRIX, ...optionPaths(1, ["part", "lineEnding"])],
    ),
    cohortHeatmapSvg: fn(
      (lib) => [smallMatrix(lib, heatmapOrders(), { to: "2024-03-10T00:00:00Z" }), { title: "Retention" }],
      [...MATRIX, ...optionPaths(1, ["show", "title", "subtitle", "xLabel", "yLabel", "cellWidth", "cellHeight", "domain", "average", "currency", "decimals", "counts"])],
    ),
    retentionCurveSvg: fn(
      () => [
        {
          label: "2024-01 cohort",
          points: [{ x: 0, y: 1 }, { x: 1, y: 0.42, lower: 0.35, upper: 0.5 }, { x: 2, y: 0.3, lower: 0.23, upper: 0.38, censored: 4 }],
        },
        { title: "Retention" },
      ],
      [
        "0", "0.label", "0.points", "0.points[]", "0.points[].x", "0.points[].y", "0.points[].lower", "0.points[].upper", "0.points[].censored",
        ...optionPaths(1, ["title", "xLabel", "yLabel", "width", "height", "bands", "censoring", "yFormat", "xTickLabel"]),
      ],
    ),
    display: fn(
      (lib) => [smallMatrix(lib, [
        { customerId: "a", at: "2024-01-03T10:00:00Z" },
        { customerId: "a", at: "2024-02-11T10:00:00Z" },
      ], { to: "2024-03-01T00:00:00Z" })],
      [...MATRIX, ...optionPaths(1, ["maxRows"])],
    ),
    JUPYTER_DISPLAY: value,
    holdoutCheckSvg: fn(
      (lib, fx) => [holdout(lib, fx)],
      ["0", "0.rows", "0.rows[]", "0.rows[].label", "0.rows[].customers", "0.rows[].actual", "0.rows[].predicted", "0.actualTotal", "0.predictedTotal", ...optionPaths(1, ["title", "width", "height"])],
    ),
    cumulativeTransactionsSvg: fn(
      (lib, fx) => [
        lib.expectedCumulativeTransactions(bgModel(lib, fx), [
          { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-09" }, { customerId: "b", at: "2024-01-20" },
        ], { groupBy: "week" }),
        { calibrationPeriod: 1 },
      ],
      ["0", "0[]", "0[].period", "0[].actual", "0[].predicted", "0[].actualIncremental", "0[].predictedIncremental", ...optionPaths(1, ["title", "incremental", "calibrationPeriod", "width", "height"])],
    ),
    expectedPurchasesSvg: fn(
      (lib, fx) => [fx("epm:10x13", () => lib.expectedPurchasesMatrix(bgModel(lib, fx), { T: 39, t: 13, maxFrequency: 10, recencySteps: 13 })), { timeUnit: "week" }],
      ["0", "0.T", "0.t", "0.frequencies", "0.frequencies[]", "0.recencies", "0.recencies[]", "0.values", "0.values[]", "0.values[][]", ...optionPaths(1, ["title", "cellSize", "timeUnit"])],
    ),
    periodTransactionsSvg: fn(
      (lib, fx) => [fx("pt:bg7", () => lib.periodTransactions(bgModel(lib, fx), bgSummary(lib, fx)))],
      ["0", "0[]", "0[].label", "0[].actual", "0[].expected", ...optionPaths(1, ["title", "xLabel"])],
    ),
    aliveHistorySvg: fn(
      (lib, fx) => [lib.aliveHistory(bgModel(lib, fx), [0, 2, 5, 6, 14], { T: 39 }), { timeUnit: "week" }],
      ["0", "0.T", "0.purchases", "0.purchases[]", "0.points", "0.points[]", "0.points[].t", "0.points[].probabilityAlive", ...optionPaths(1, ["title", "timeUnit", "width", "height"])],
    ),
    probabilityAliveSvg: fn(
      (lib, fx) => [(fx("pam:10x13", () => lib.probabilityAliveMatrix(bgModel(lib, fx), { T: 39, maxFrequency: 10, recencySteps: 13 })))],
      ["0", "0.T", "0.frequencies", "0.frequencies[]", "0.recencies", "0.recencies[]", "0.values", "0.values[]", "0.values[][]", ...optionPaths(1, ["title", "cellSize", "timeUnit"])],
    ),
  },
} satisfies LayerSpecs;
