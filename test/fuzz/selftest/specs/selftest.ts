/** Specs of the self-test package (../pkg): one export is left out on purpose, and one spec names no export. */
import { call, fn, type LayerSpecs } from "../../spec.ts";

export default {
  entry: ".",
  specs: {
    RetentionMetricsError: { kind: "class", construct: call(() => ["INVALID_INPUT", "a message"], []) },
    InvalidInputError: { kind: "class", construct: call(() => ["a", 1], []) },
    clean: fn(() => [{ a: 1, b: 2 }], ["0", "0.a", "0.b"]),
    untyped: fn(() => [{ a: 1 }], ["0", "0.a"]),
    divides: fn(() => [{ a: 1, b: 2 }], ["0.b"]),
    chart: fn(() => [{ width: 10 }], ["0.width"]),
    median: fn(() => [[3, 1, 2]], []),
    repeat: fn(() => [3], ["0"]),
    quiet: fn(() => [1], ["0"]),
    exits: fn(() => [1], ["0"]),
    ghost: fn(() => [], []),
  },
} satisfies LayerSpecs;
