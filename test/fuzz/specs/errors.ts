/**
 * Fuzz specs of `retention-metrics/errors`: the typed error classes. Their
 * constructors are public; the arguments are those of the @examples
 * (InvalidInputError, ConvergenceError) or, where the @example only catches
 * one (RetentionMetricsError, InconsistentDataError), those of the error the
 * example provokes, built by hand from the constructor's @params.
 */
import { call, type LayerSpecs } from "../spec.ts";

export default {
  entry: "./errors",
  specs: {
    RetentionMetricsError: {
      kind: "class",
      construct: call(
        () => ["INVALID_INPUT", "Invalid customersAtStart: 0; expected a positive integer."],
        ["0", "1"],
        "the @example catches the error of churnRate({ customersAtStart: 0, customersLost: 0 }); these are that error's code and message",
      ),
    },
    InvalidInputError: {
      kind: "class",
      construct: call(
        () => [{ field: "orders", value: -1, expected: "a non-negative integer" }],
        ["0", "0.field", "0.value", "0.expected", "0.row", "0.source", "0.line"],
      ),
    },
    InconsistentDataError: {
      kind: "class",
      construct: call(
        () => ["dailyActive (4000) is more than monthlyActive (2000)", { dailyActive: 4000, monthlyActive: 2000 }],
        ["0", "1", "1.dailyActive"],
        "the @example catches the error of stickiness({ dailyActive: 4000, monthlyActive: 2000 }); message and values as that error's",
      ),
    },
    ConvergenceError: {
      kind: "class",
      construct: call(
        () => ["BG/NBD fit did not converge in 500 iterations", { iterations: 500, params: { r: 0.2 }, logLikelihood: -9600 }],
        ["0", "1", "1.iterations", "1.params", "1.params.r", "1.logLikelihood"],
      ),
    },
  },
} satisfies LayerSpecs;
