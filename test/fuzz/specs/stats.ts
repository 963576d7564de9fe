/** Fuzz specs of `retention-metrics/stats`: arguments of each function's @example. */
import { fn, type LayerSpecs, optionPaths } from "../spec.ts";

export default {
  entry: "./stats",
  specs: {
    normalQuantile: fn(() => [0.975], ["0"]),
    wilsonInterval: fn(() => [{ successes: 5, trials: 10 }], [...optionPaths(0, ["successes", "trials"]), ...optionPaths(1, ["confidence"])]),
    npsStandardError: fn(() => [{ promoters: 50, detractors: 20, total: 100 }], optionPaths(0, ["promoters", "detractors", "total"])),
    lorenzCurve: fn(() => [[30, 10, 60]], ["0", "0[]"]),
    giniCoefficient: fn(() => [[0, 0, 0, 1]], ["0", "0[]"]),
    topShare: fn(() => [[10, 20, 30, 40], 0.3], ["0", "0[]", "1"]),
    quantileSorted: fn(() => [[1, 2, 3, 4], 0.5], ["0", "0[]", "1"]),
  },
} satisfies LayerSpecs;
