/**
 * Fuzz specs of `retention-metrics/clv`: arguments of each function's
 * @example (the simulated summaries and fits are memoised fixtures, see
 * ../fixtures.ts), and the methods of the fitted models that the examples call.
 */
import { bgHoldoutModel, bgHoldoutSummary, bgModel, bgSpendModel, bgSpendSummary, bgSummary, ggSpendModel, ggSummary, paretoSummary } from "../fixtures.ts";
import { call, fn, type LayerSpecs, optionPaths, rowPaths } from "../spec.ts";

const HISTORY = ["frequency", "recency", "T"];
const FIT_OPTIONS = ["initialParams", "maxIterations", "penalizer"];
const customer = (frequency: number, recency: number, T: number) => ({ frequency, recency, T });

export default {
  entry: "./clv",
  specs: {
    rfmSummary: fn(
      () => [
        [
          { customerId: "a", at: "2024-01-01", amount: 10 },
          { customerId: "a", at: "2024-01-01", amount: 5 },
          { customerId: "a", at: "2024-01-08", amount: 20 },
          { customerId: "a", at: "2024-01-15", amount: 30 },
          { customerId: "b", at: "2024-01-10", amount: 8 },
        ],
        { observationEnd: "2024-01-31" },
      ],
      [...rowPaths(0, ["customerId", "at", "amount"]), ...optionPaths(1, ["observationEnd", "calibrationEnd", "timeUnit", "groupBy", "weekStartsOn", "timeZone", "fields", "onInvalid", "currencyScale", "returnEvent", "startEvent"])],
    ),
    expectedCumulativeTransactions: fn(
      (lib, fx) => [
        bgModel(lib, fx),
        [
          { customerId: "a", at: "2024-01-01" }, { customerId: "a", at: "2024-01-03" },
          { customerId: "b", at: "2024-01-08" }, { customerId: "a", at: "2024-01-20" },
        ],
        { groupBy: "week" },
      ],
      [...rowPaths(1, ["customerId", "at"]), ...optionPaths(2, ["groupBy", "timeUnit", "weekStartsOn", "observationEnd", "timeZone"])],
    ),
    opportunityHistories: fn(
      () => [[
        { customerId: "a", frequency: 1, recency: 1, T: 3 },
        { customerId: "b", frequency: 0, recency: 0, T: 3 },
        { customerId: "c", frequency: 1, recency: 1, T: 3, count: 2 },
      ]],
      rowPaths(0, [...HISTORY, "count"]),
    ),
    rfmScores: fn(
      () => [
        [
          { customerId: "a", frequency: 6, recency: 38, T: 39, monetaryValue: 50 },
          { customerId: "b", frequency: 0, recency: 0, T: 39, monetaryValue: 0 },
          { customerId: "c", frequency: 2, recency: 10, T: 39, monetaryValue: 20 },
          { customerId: "d", frequency: 1, recency: 36, T: 37, monetaryValue: 15 },
        ],
        { bins: 2 },
      ],
      [...rowPaths(0, ["customerId", ...HISTORY, "monetaryValue"]), ...optionPaths(1, ["bins"])],
    ),
    historicLifetimeValue: fn(
      () => [
        [
          { customerId: "a", at: "2024-01-05T10:00:00Z", amount: 20 },
          { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 10 },
          { customerId: "a", at: "2024-03-02T10:00:00Z", amount: 30 },
          { customerId: "c", at: "2024-02-11T10:00:00Z", amount: 15 },
        ],
        { margin: 0.5 },
      ],
      [...rowPaths(0, ["customerId", "at", "amount"]), ...optionPaths(1, ["cohortPeriod", "weekStartsOn", "margin", "to", "timeZone", "fields", "onInvalid", "currencyScale"])],
    ),
    formulaLifetimeValue: fn(
      () => [
        [
          { frequency: 4, recency: 40, T: 52, monetaryValue: 25 },
          { frequency: 0, recency: 0, T: 52, monetaryValue: 0 },
          { frequency: 2, recency: 10, T: 52, monetaryValue: 40 },
        ],
        { lifespan: 3, periodLength: 52, margin: 0.4 },
      ],
      [...rowPaths(0, [...HISTORY, "monetaryValue"]), ...optionPaths(1, ["lifespan", "margin", "periodLength", "retentionRate", "discountRate"])],
    ),
    fitBgNbd: fn((lib, fx) => [bgSummary(lib, fx)], [...rowPaths(0, HISTORY), ...optionPaths(1, [...FIT_OPTIONS, "initialParams.r"])], {
      ciSample: 40, // a fit on the example's 2,000 customers takes ~0.3 s
      methods: {
        probabilityAlive: call(() => [customer(0, 0, 39)], optionPaths(0, HISTORY)),
        conditionalExpectedPurchases: call(() => [39, customer(2, 30, 39)], ["0", ...optionPaths(1, HISTORY)]),
        expectedPurchases: call(() => [39], ["0"], "not called by the @example; t as in its conditionalExpectedPurchases(39, ...)"),
        probabilityOfPurchases: call(() => [2, 39], ["0", "1"], "not called by the @example; t = 39 as its T"),
        conditionalProbabilityOfPurchases: call(() => [0, 39, customer(2, 30, 39)], ["0", "1", ...optionPaths(2, HISTORY)], "not called by the @example; as its conditionalExpectedPurchases"),
      },
    }),
    fitModifiedBgNbd: fn((lib, fx) => [bgSummary(lib, fx)], [...rowPaths(0, HISTORY), ...optionPaths(1, [...FIT_OPTIONS, "initialParams.a"])], {
      ciSample: 40, // as fitBgNbd's
      methods: {
        probabilityAlive: call(() => [customer(0, 0, 39)], optionPaths(0, HISTORY)),
        conditionalProbabilityOfPurchases: call(() => [0, 13, customer(2, 30, 39)], ["0", "1", ...optionPaths(2, HISTORY)]),
        probabilityOfPurchases: call(() => [2, 39], ["0", "1"], "not called by the @example; as its conditionalProbabilityOfPurchases"),
        expectedPurchases: call(() => [39], ["0"], "not called by the @example; t = 39 as its T"),
        conditionalExpectedPurchases: call(() => [39, customer(2, 30, 39)], ["0", ...optionPaths(1, HISTORY)], "not called by the @example; as fitBgNbd's"),
      },
    }),
    fitBgBb: fn(
      () => [
        [
          { frequency: 0, recency: 0, periods: 6, count: 3464 },
          { frequency: 1, recency: 1, periods: 6, count: 1091 },
          { frequency: 2, recency: 4, periods: 6, count: 281 },
          { frequency: 3, recency: 5, periods: 6, count: 253 },
          { frequency: 5, recency: 6, periods: 6, count: 580 },
          { frequency: 6, recency: 6, periods: 6, count: 1203 },
        ],
      ],
      [...rowPaths(0, ["frequency", "recency", "periods", "count"]), ...optionPaths(1, [...FIT_OPTIONS, "initialParams.gamma"])],
      {
        methods: {
          probabilityAlive: call(() => [{ frequency: 2, recency: 4, periods: 6 }], optionPaths(0, ["frequency", "recency", "periods"])),
          expectedPurchases: call(() => [5], ["0"], "not called by the @example; 5 opportunities ahead"),
          conditionalExpectedPurchases: call(() => [5, { frequency: 2, recency: 4, periods: 6 }], ["0", ...optionPaths(1, ["frequency", "recency", "periods"])], "not called by the @example; as its probabilityAlive"),
          probabilityOfPurchases: call(() => [2, 6], ["0", "1"], "not called by the @example; the 6 opportunities of its data"),
          conditionalProbabilityOfPurchases: call(() => [0, 5, { frequency: 2, recency: 4, periods: 6 }], ["0", "1", ...optionPaths(2, ["frequency", "recency", "periods"])], "not called by the @example; as its probabilityAlive"),
        },
      },
    ),
    fitShiftedBetaGeometric: fn(() => [[1000, 631, 468, 382, 326, 289, 262, 241]], ["0", "0.0", "0.3", "0.7", ...optionPaths(1, [...FIT_OPTIONS, "initialParams.alpha"])], {
      methods: {
        retentionRate: call(() => [1], ["0"]),
        discountedExpectedResidualLifetime: call(() => [2, 0.1], ["0", "1"]),
        survival: call(() => [3], ["0"], "not called by the @example; a period inside its data"),
        churnProbability: call(() => [3], ["0"], "not called by the @example; a period inside its data"),
        expectedLifetime: call(() => [], [], "not called by the @example; no arguments"),
      },
    }),
    bgNbdModel: fn(() => [{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }], optionPaths(0, ["r", "alpha", "a", "b"]), {
      methods: {
        conditionalExpectedPurchases: call(() => [39, customer(2, 30.43, 38.86)], ["0", ...optionPaths(1, HISTORY)]),
        probabilityOfPurchases: call(() => [0, 39], ["0", "1"]),
      },
    }),
    modifiedBgNbdModel: fn(() => [{ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }], optionPaths(0, ["r", "alpha", "a", "b"]), {
      methods: { probabilityAlive: call(() => [customer(0, 0, 39)], optionPaths(0, HISTORY)) },
    }),
    paretoNbdModel: fn(() => [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }], optionPaths(0, ["r", "alpha", "s", "beta"]), {
      methods: { probabilityAlive: call(() => [customer(26, 30.86, 31)], optionPaths(0, HISTORY)) },
    }),
    bgBbModel: fn(() => [{ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }], optionPaths(0, ["alpha", "beta", "gamma", "delta"]), {
      methods: { probabilityAlive: call(() => [{ frequency: 6, recency: 6, periods: 6 }], optionPaths(0, ["frequency", "recency", "periods"])) },
    }),
    gammaGammaModel: fn(() => [{ p: 6.25, q: 3.74, gamma: 15.44 }], optionPaths(0, ["p", "q", "gamma"]), {
      methods: { expectedAverageValue: call(() => [{ frequency: 2, monetaryValue: 22.35 }], optionPaths(0, ["frequency", "monetaryValue"])) },
    }),
    shiftedBetaGeometricModel: fn(() => [{ alpha: 0.668, beta: 3.806 }], optionPaths(0, ["alpha", "beta"]), {
      methods: { survival: call(() => [10], ["0"]) },
    }),
    bgNbdLogLikelihood: fn(
      () => [{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, [customer(2, 30.43, 38.86), customer(0, 0, 38.86)]],
      [...optionPaths(0, ["r", "alpha", "a", "b"]), ...rowPaths(1, HISTORY)],
    ),
    fitParetoNbd: fn((lib, fx) => [paretoSummary(lib, fx)], [...rowPaths(0, HISTORY), ...optionPaths(1, [...FIT_OPTIONS, "initialParams.s"])], {
      ciSample: 30, // a fit on the example's 2,000 customers takes ~0.5 s
      methods: {
        probabilityAlive: call(() => [customer(2, 30, 39)], optionPaths(0, HISTORY)),
        conditionalExpectedPurchases: call(() => [39, customer(2, 30, 39)], ["0", ...optionPaths(1, HISTORY)], "not called by the @example; as fitBgNbd's"),
        expectedPurchases: call(() => [39], ["0"], "not called by the @example; t = 39 as its T"),
        probabilityOfPurchases: call(() => [2, 39], ["0", "1"], "not called by the @example; t = 39 as its T"),
        conditionalProbabilityOfPurchases: call(() => [0, 39, customer(2, 30, 39)], ["0", "1", ...optionPaths(2, HISTORY)], "not called by the @example; as its conditionalExpectedPurchases"),
      },
    }),
    paretoNbdLogLikelihood: fn(
      () => [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, [customer(2, 30.43, 38.86), customer(0, 0, 38.86)]],
      [...optionPaths(0, ["r", "alpha", "s", "beta"]), ...rowPaths(1, HISTORY)],
    ),
    fitGammaGamma: fn((lib, fx) => [ggSummary(lib, fx)], [...rowPaths(0, ["frequency", "monetaryValue"]), ...optionPaths(1, [...FIT_OPTIONS, "maxCorrelation"])], {
      ciSample: 30, // a fit on the example's 3,000 customers takes ~0.5 s
      methods: {
        expectedAverageValue: call(() => [{ frequency: 2, monetaryValue: 22.35 }], optionPaths(0, ["frequency", "monetaryValue"])),
      },
    }),
    gammaGammaLogLikelihood: fn(
      () => [
        { p: 6.25, q: 3.74, gamma: 15.44 },
        [
          { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
          { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
        ],
      ],
      [...optionPaths(0, ["p", "q", "gamma"]), ...rowPaths(1, ["frequency", "monetaryValue"])],
    ),
    predictLifetimeValue: fn(
      (lib, fx) => [{ purchases: bgSpendModel(lib, fx), spend: ggSpendModel(lib, fx) }, bgSpendSummary(lib, fx), { horizon: 52, discountRate: 0.002, margin: 0.3 }],
      [...optionPaths(0, ["purchases", "spend"]), ...rowPaths(1, [...HISTORY, "monetaryValue"]), ...optionPaths(2, ["horizon", "discountRate", "margin", "periodLength"])],
      { ciSample: 50 }, // ~0.3 s a call on the example's 2,000 customers
    ),
    holdoutCheck: fn(
      (lib, fx) => [bgHoldoutModel(lib, fx), bgHoldoutSummary(lib, fx)],
      ["0", ...rowPaths(1, [...HISTORY, "frequencyHoldout", "durationHoldout"]), ...optionPaths(2, ["maxFrequency"])],
      { ciSample: 80 }, // ~60 ms a call on the example's 2,000 customers
    ),
    probabilityAliveMatrix: fn((lib, fx) => [bgModel(lib, fx), { T: 39, maxFrequency: 5, recencySteps: 3 }], ["0", ...optionPaths(1, ["T", "maxFrequency", "recencySteps"])]),
    expectedPurchasesMatrix: fn((lib, fx) => [bgModel(lib, fx), { T: 39, t: 10, maxFrequency: 5, recencySteps: 3 }], ["0", ...optionPaths(1, ["T", "t", "maxFrequency", "recencySteps"])]),
    periodTransactions: fn(
      (lib, fx) => [bgModel(lib, fx), bgSummary(lib, fx), { maxFrequency: 3 }],
      ["0", ...rowPaths(1, [...HISTORY, "count"]), ...optionPaths(2, ["maxFrequency"])],
      { ciSample: 80 },
    ),
    aliveHistory: fn(
      (lib, fx) => [bgModel(lib, fx), [0, 2, 5], { T: 20, steps: 4 }],
      ["0", "1", "1[]", ...optionPaths(2, ["T", "steps", "timeUnit", "timeZone"])],
    ),
    simulateBgNbd: fn(
      () => [{ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, seed: 7 }],
      [...optionPaths(0, ["r", "alpha", "a", "b"]), ...optionPaths(1, ["customers", "T", "holdout", "spend", "seed"])],
      { ciSample: 100 }, // 2,000 customers: ~40 ms a call
    ),
    simulateParetoNbd: fn(
      () => [{ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { customers: 3, T: 39, holdout: 39 }],
      [...optionPaths(0, ["r", "alpha", "s", "beta"]), ...optionPaths(1, ["customers", "T", "holdout", "spend", "seed"])],
    ),
  },
} satisfies LayerSpecs;
