/** Fuzz specs of `retention-metrics/money`: arguments of each function's @example. */
import { fn, type LayerSpecs, value } from "../spec.ts";

export default {
  entry: "./money",
  specs: {
    DEFAULT_CURRENCY_SCALE: value,
    checkCurrencyScale: fn(() => [undefined], ["0"]),
    toDecimal: fn(() => ["19.99"], ["0", "1"]),
    toMinorUnits: fn(() => [19.99, 2], ["0", "1", "2", "3"]),
    fromMinorUnits: fn(() => [1999, 2], ["0", "1"]),
    sumMoney: fn(() => [[0.1, 0.2, "0.30"]], ["0", "0[]", "1", "1.currencyScale"]),
    decimalFrom: fn(() => [1], ["0"]),
  },
} satisfies LayerSpecs;
