import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { interPurchaseTimes } from "../../src/activity/interPurchaseTimes.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { eventsArb, EVENT_NAMES, namedEventsArb, namesPresent, returnOnly } from "./naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("interPurchaseTimes", () => {
  const events = [
    { customerId: "a", at: "2024-01-01T00:00:00Z" }, { customerId: "a", at: "2024-01-11T00:00:00Z" }, { customerId: "a", at: "2024-01-15T00:00:00Z" },
    { customerId: "b", at: "2024-01-01T00:00:00Z" }, { customerId: "b", at: "2024-01-31T00:00:00Z" },
    { customerId: "c", at: "2024-01-01T00:00:00Z" },
  ];

  it("summarises the gaps by hand", () => {
    const r = interPurchaseTimes(events, { quantiles: [0.5] });
    // gaps: a 10, 4; b 30. Customer means: a 7, b 30.
    expect(r.gaps.count).toBe(3);
    expect(r.gaps.mean).toBeCloseTo(44 / 3, 12);
    expect(r.gaps.median).toBe(10);
    expect(r.customerMeans.mean).toBe(18.5);
    expect(r.repeatCustomers).toBe(2);
    expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(interPurchaseTimes(events, { unit: "week" }).gaps.median).toBeCloseTo(10 / 7, 12);
  });

  it("reports null statistics when nobody bought twice, and refuses bad options", () => {
    const r = interPurchaseTimes([{ customerId: "a", at: 0 }]);
    expect([r.gaps.mean, r.gaps.median, r.histogram]).toEqual([null, null, []]);
    expect(() => interPurchaseTimes(events, { unit: "month" as never })).toThrow(InvalidInputError);
    expect(() => interPurchaseTimes(events, { quantiles: [1.5] })).toThrow(/quantiles\[0\]/);
  });

  it.each([["abc"], [0.5], [{}]])("refuses quantiles %j that are not an array of fractions, naming quantiles", (quantiles) => {
    expectInvalid(() => interPurchaseTimes(events, { quantiles: quantiles as never }), {
      field: "quantiles",
      value: quantiles,
      message: /expected an array of numbers from 0 to 1, such as \[0\.5, 0\.9\]\.$/,
    });
  });

  test.prop([eventsArb], { numRuns: 60 })("counts n - 1 gaps per customer with n purchases, all non-negative", (evs) => {
    const r = interPurchaseTimes(evs);
    const perCustomer = new Map<string, number>();
    for (const x of evs) perCustomer.set(x.customerId, (perCustomer.get(x.customerId) ?? 0) + 1);
    expect(r.gaps.count).toBe([...perCustomer.values()].reduce((s, n) => s + n - 1, 0));
    expect(r.repeatCustomers).toBe([...perCustomer.values()].filter((n) => n > 1).length);
    if (r.gaps.mean !== null) {
      const q = r.gaps.quantiles.map((x) => x.value!);
      expect(q).toEqual([...q].sort((x, y) => x - y));
      expect(q[0]!).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("interPurchaseTimes: returnEvent", () => {
  test.prop([namedEventsArb, fc.subarray([...EVENT_NAMES], { minLength: 1 })], { numRuns: 40 })(
    "measures the gaps between a customer's return events only",
    (events, wanted) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const kept = returnOnly(events, names);
      expect(interPurchaseTimes(events, { returnEvent: names })).toEqual(interPurchaseTimes(kept));
    },
  );
});
