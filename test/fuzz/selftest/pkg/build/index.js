// The fuzzer's self-test package: one export per defect the harness must find, and one without any.
import { InvalidInputError, RetentionMetricsError } from "./errors.js";
export { InvalidInputError, RetentionMetricsError };

const finite = (x, field) => {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new InvalidInputError(field, x);
  return x;
};

/** No defect: every bad input is a typed error. */
export function clean(input) {
  if (input === null || typeof input !== "object") throw new InvalidInputError("input", input);
  return { total: finite(input.a, "a") + finite(input.b, "b") };
}

/** other-error: reads a field of whatever it is given. */
export function untyped(input) {
  return input.a.length ?? 0;
}

/** non-finite: no check before dividing; the NaN hides in a Map, a getter and toRows(). */
export function divides(input) {
  const ratio = input.a / input.b;
  const rows = () => [{ ratio }];
  return {
    byName: new Map([["ratio", ratio]]),
    get lazy() { return Float64Array.of(ratio); },
    toRows: rows,
  };
}

/** non-finite in markup: NaN in an attribute. */
export function chart(options) {
  return `<svg width="${options.width * 2}" height="10"><text>ok</text></svg>`;
}

/** input-mutated: sorts its argument in place. */
export function median(values) {
  if (!Array.isArray(values)) throw new InvalidInputError("values", values);
  values.sort((x, y) => x - y);
  return values.length === 0 ? null : finite(values[values.length >> 1], "value") ?? null;
}

/** too-slow: hangs on a large count. */
export function repeat(n) {
  if (typeof n !== "number" || Number.isNaN(n)) throw new InvalidInputError("n", n);
  let s = 0;
  for (let i = 0; i < n; i++) s += i % 7;
  while (n > 1e12) s++;
  return s;
}

/** untyped-message: a typed error without a message. */
export function quiet(x) {
  if (x !== 1) throw new RetentionMetricsError("INVALID_INPUT", "");
  return 1;
}

/** crashed: ends its thread on a negative input. */
export function exits(x) {
  if (x === -1) process.exit(3);
  return finite(x, "x");
}

/** An export that the spec files forget. */
export function unspecced() {
  return 1;
}
