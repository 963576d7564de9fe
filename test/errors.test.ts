import { describe, expect, it } from "vitest";
import {
  ConvergenceError,
  InconsistentDataError,
  InvalidInputError,
  RetentionMetricsError,
} from "../src/errors.ts";

describe("InvalidInputError", () => {
  it("names the field, the row and the value, and what was expected", () => {
    const e = new InvalidInputError({ field: "at", value: "yesterday", expected: "an ISO 8601 instant", row: 7 });
    expect(e.message).toBe('Invalid at at row 7: "yesterday"; expected an ISO 8601 instant.');
    expect(e).toBeInstanceOf(RetentionMetricsError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.name).toBe("InvalidInputError");
    expect([e.field, e.value, e.row]).toEqual(["at", "yesterday", 7]);
  });

  it("omits the row when there is none and renders awkward values readably", () => {
    expect(new InvalidInputError({ field: "orders", value: -1, expected: "x" }).message).toBe("Invalid orders: -1; expected x.");
    expect(new InvalidInputError({ field: "f", value: Number.NaN, expected: "x" }).message).toContain(": NaN;");
    expect(new InvalidInputError({ field: "f", value: new Date(Number.NaN), expected: "x" }).message).toContain("Invalid Date");
    expect(new InvalidInputError({ field: "f", value: undefined, expected: "x" }).message).toContain(": undefined;");
    expect(new InvalidInputError({ field: "f", value: "y".repeat(100), expected: "x" }).message.length).toBeLessThan(100);
  });
});

describe("InconsistentDataError and ConvergenceError", () => {
  it("carry their values and state", () => {
    const e = new InconsistentDataError("lost exceeds start", { customersLost: 5, customersAtStart: 2 });
    expect(e.code).toBe("INCONSISTENT_DATA");
    expect(e.values).toEqual({ customersLost: 5, customersAtStart: 2 });
    expect(Object.isFrozen(e.values)).toBe(true);
    const c = new ConvergenceError("no", { iterations: 3, params: { r: 1 }, logLikelihood: -5 });
    expect(c.code).toBe("CONVERGENCE");
    expect(c.state.iterations).toBe(3);
    expect(c).toBeInstanceOf(RetentionMetricsError);
  });
});

describe("messages of values that resist being shown (found by the fuzzer)", () => {
  it("describes null-prototype objects, symbols and functions instead of throwing", () => {
    expect(new InvalidInputError({ field: "x", value: Object.create(null), expected: "a number" }).message).toBe("Invalid x: an object without a prototype; expected a number.");
    expect(new InvalidInputError({ field: "x", value: Symbol("s"), expected: "a number" }).message).toBe("Invalid x: Symbol(s); expected a number.");
    expect(new InvalidInputError({ field: "x", value: function named() {}, expected: "a number" }).message).toBe("Invalid x: a function named; expected a number.");
  });

  it("still says which error it is when the message or details are left out", () => {
    expect(new RetentionMetricsError("INVALID_INPUT", "").message).toBe("RetentionMetricsError (INVALID_INPUT)");
    expect(new (InconsistentDataError as unknown as new () => Error)().message).toBe("InconsistentDataError (INCONSISTENT_DATA)");
    expect(new (InvalidInputError as unknown as new () => Error)().message).toBe("Invalid value: undefined; expected a valid value.");
  });
});
