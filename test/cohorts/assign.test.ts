/**
 * Cohorts by a caller's key (src/cohorts/assign.ts), through cohortMatrix: which customers get a key,
 * the rows' order, and the refusal of a key that is not a string.
 */
import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { expectInvalid } from "../metrics/helpers.ts";

const e = (customerId: string, at: string) => ({ customerId, at: `${at}T12:00:00Z` });

describe("cohortRows: cohorts by key", () => {
  const events = [e("a", "2024-01-02"), e("a", "2024-02-03"), e("b", "2024-02-05"), e("c", "2024-03-03"), e("B", "2024-03-04")];
  const to = "2024-04-01T00:00:00Z";

  it("asks the key only of customers first seen at or after from", () => {
    const asked: string[] = [];
    const m = cohortMatrix(events, { from: "2024-02-01T00:00:00Z", to, cohortOf: (id) => (asked.push(String(id)), "k") });
    expect(asked.sort()).toEqual(["B", "b", "c"]); // a's first purchase is in January, before from
    expect(m.cohorts.map((c) => [c.cohort, c.size])).toEqual([["k", 3]]);
    // a key function that refuses a, the customer left out, is never asked about it
    expect(() => cohortMatrix(events, { from: "2024-02-01T00:00:00Z", to, cohortOf: (id) => (id === "a" ? (0 as never) : "k") })).not.toThrow();
  });

  it("orders the rows by key in code-unit order, each customer in its own key's row", () => {
    const m = cohortMatrix(events, { to, cohortOf: (id) => String(id) });
    expect(m.cohorts.map((c) => [c.cohort, c.size])).toEqual([["B", 1], ["a", 1], ["b", 1], ["c", 1]]);
    expect(m.cohorts.map((c) => c.values)).toEqual([[1, null, null], [1, 1, 0], [1, 0, null], [1, null, null]]);
    expect(m.cohorts.every((c) => c.period === undefined)).toBe(true);
  });

  it("refuses a key that is not a string, naming the customer", () => {
    expectInvalid(() => cohortMatrix(events, { to, cohortOf: (id) => (id === "b" ? (null as never) : "k") }), { field: 'cohortOf("b")', value: null, message: /a string cohort key/ });
  });
});
