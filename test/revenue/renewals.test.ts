import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { subscriptionRenewalRate } from "../../src/revenue/renewals.ts";
import { subscriptionTable } from "../../src/subscriptions/subscriptionTable.ts";

const term = (customerId: string, start: string, end: string | null, mrr: number) => ({ customerId, start, end, mrr });
const shape = (rows: ReturnType<typeof subscriptionRenewalRate>) => rows.map((r) => [r.period.key, r.due, r.renewed, r.notRenewed, r.pending, r.renewalRate]);

describe("subscriptionRenewalRate", () => {
  // Annual contracts coming due in March and April 2024.
  const contracts = [
    term("a", "2023-03-01", "2024-03-01", 100), term("a", "2024-03-01", "2025-03-01", 120), // renewed on time
    term("b", "2023-03-10", "2024-03-10", 80), // lapsed
    term("c", "2023-03-20", "2024-03-20", 50), term("c", "2024-03-24", null, 50), // renewed 4 days late
    term("d", "2023-04-28", "2024-04-28", 60), // due near the end of the data
    term("e", "2023-01-01", "2024-03-15", 0), // a free plan is no contract
    term("f", "2023-06-01", null, 90), // still running
  ];

  it("counts contracts due in each period and those renewed on time", () => {
    const rows = subscriptionRenewalRate(contracts, { from: "2024-03-01", to: "2024-05-01" });
    expect(shape(rows)).toEqual([
      ["2024-03", 3, 1, 2, 0, 1 / 3],
      ["2024-04", 1, 0, 1, 0, 0],
    ]);
    expect(rows.every((r) => r.complete)).toBe(true);
  });

  it("accepts a late renewal within the grace period and leaves undecided contracts pending", () => {
    const rows = subscriptionRenewalRate(contracts, { from: "2024-03-01", to: "2024-05-01", graceDays: 7 });
    expect(shape(rows)).toEqual([
      ["2024-03", 3, 2, 1, 0, 2 / 3],
      ["2024-04", 1, 0, 0, 1, null], // d's grace week reaches past May 1
    ]);
  });

  it("ignores contracts due at or after `to` and marks the cut period incomplete", () => {
    const rows = subscriptionRenewalRate(contracts, { from: "2024-03-01", to: "2024-03-15" });
    expect(shape(rows)).toEqual([["2024-03", 2, 1, 1, 0, 0.5]]);
    expect(rows[0]!.complete).toBe(false);
  });

  it("does not read an overlapping contract as a renewal", () => {
    const rows = subscriptionRenewalRate(
      [term("a", "2024-01-01", "2024-06-01", 10), term("a", "2024-03-01", "2024-09-01", 10)],
      { from: "2024-06-01", to: "2024-07-01" },
    );
    expect(shape(rows)).toEqual([["2024-06", 1, 0, 1, 0, 0]]);
  });

  it("refuses change events and a bad grace period", () => {
    expect(() => subscriptionRenewalRate([{ customerId: "a", at: "2024-01-01", mrr: 5 }])).toThrow(/contract terms/);
    expect(() => subscriptionRenewalRate(subscriptionTable([{ customerId: "a", at: 1, mrr: 5 }]))).toThrow(InvalidInputError);
    expect(() => subscriptionRenewalRate(contracts, { graceDays: -1 })).toThrow(/graceDays/);
    expect(subscriptionRenewalRate([])).toEqual([]);
  });
});
