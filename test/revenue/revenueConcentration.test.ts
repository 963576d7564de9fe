import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { revenueConcentration } from "../../src/revenue/revenueConcentration.ts";
import { eventsArb, EVENT_NAMES, namedEventsArb, namesPresent, returnOnly } from "../activity/naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";

describe("revenueConcentration", () => {
  const events = [
    { customerId: "a", at: 1, amount: 50 }, { customerId: "a", at: 2, amount: 30 },
    { customerId: "b", at: 3, amount: 10 }, { customerId: "c", at: 4, amount: 5 },
    { customerId: "d", at: 5, amount: 3 }, { customerId: "e", at: 6, amount: 2 },
  ];

  it("finds the 80/20 rule in a textbook case", () => {
    const r = revenueConcentration(events, { top: [0.2, 0.4] });
    expect(r.customers).toBe(5);
    expect(r.totalRevenue.toString()).toBe("100");
    expect(r.top).toEqual([{ fraction: 0.2, share: 0.8 }, { fraction: 0.4, share: 0.9 }]);
    expect(r.lorenz[0]).toEqual({ customerShare: 0, revenueShare: 0 });
    expect(r.lorenz.at(-1)).toEqual({ customerShare: 1, revenueShare: 1 });
    expect(r.lorenz[20]!.revenueShare).toBeCloseTo(0.02, 12); // the poorest 20% (e) bring 2%
    expect(r.gini).toBeGreaterThan(0.5);
  });

  it("refuses events without amounts and negative totals", () => {
    expect(() => revenueConcentration([{ customerId: "a", at: 1 }])).toThrow(/amounts/);
    expect(() => revenueConcentration([{ customerId: "a", at: 1, amount: -5 }, { customerId: "b", at: 1, amount: 5 }])).toThrow(InvalidInputError);
    const zero = revenueConcentration([{ customerId: "a", at: 1, amount: 0 }]);
    expect([zero.gini, zero.top[0]!.share, zero.lorenz]).toEqual([null, null, []]);
  });

  it.each([[0.2], ["0.2"], [{ 0: 0.2 }]])("refuses a top %j that is not an array of fractions, naming top", (top) => {
    expectInvalid(() => revenueConcentration([{ customerId: "a", at: 1, amount: 5 }], { top: top as never }), {
      field: "top",
      value: top,
      message: /expected an array of numbers from 0 to 1, such as \[0\.2\]\.$/,
    });
  });

  it("takes top as any array of fractions (a typed array too) and names a bad one by index", () => {
    expect(revenueConcentration([{ customerId: "a", at: 1, amount: 5 }], { top: Float64Array.of(1) as never }).top).toEqual([{ fraction: 1, share: 1 }]);
    expectInvalid(() => revenueConcentration([{ customerId: "a", at: 1, amount: 5 }], { top: [0.1, Number.NaN] }), {
      field: "top[1]",
      value: Number.NaN,
      message: /expected a number from 0 to 1\.$/,
    });
  });

  test.prop([eventsArb, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 60 })("sums revenue exactly and keeps shares in [0, 1]", (evs, f) => {
    const r = revenueConcentration(evs, { top: [f] });
    const cents = evs.reduce((s, x) => s + Math.round(x.amount * 100), 0);
    expect(r.totalRevenue.times(100).toNumber()).toBe(cents);
    const share = r.top[0]!.share;
    if (share !== null) expect(share).toBeGreaterThanOrEqual(f - 1e-9), expect(share).toBeLessThanOrEqual(1);
    for (let i = 1; i < r.lorenz.length; i++) expect(r.lorenz[i]!.revenueShare).toBeGreaterThanOrEqual(r.lorenz[i - 1]!.revenueShare - 1e-12);
  });
});

describe("revenueConcentration: returnEvent", () => {
  test.prop([namedEventsArb, fc.subarray([...EVENT_NAMES], { minLength: 1 })], { numRuns: 40 })(
    "measures the revenue of the return events only",
    (events, wanted) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const kept = returnOnly(events, names);
      const plain = (r: ReturnType<typeof revenueConcentration>) => JSON.parse(JSON.stringify(r));
      expect(plain(revenueConcentration(events, { returnEvent: names }))).toEqual(plain(revenueConcentration(kept)));
    },
  );
});
