import { fc, test } from "../support/fc.ts";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { averageOrderValue, purchaseFrequency, repeatCustomerRate } from "../../src/metrics/purchases.ts";
import { wilsonInterval } from "../../src/stats/wilson.ts";
import { EXPECTED, expectInconsistent, expectInvalid, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

describe("repeatCustomerRate", () => {
  it("gives 0.5 for 500 repeat customers of 1000", () => {
    expect(repeatCustomerRate({ repeatCustomers: 500, totalCustomers: 1000 })).toBe(0.5);
  });

  it("adds a Wilson interval when asked", () => {
    expect(repeatCustomerRate({ repeatCustomers: 500, totalCustomers: 1000 }, { interval: true })).toEqual({
      rate: 0.5,
      ...wilsonInterval({ successes: 500, trials: 1000 }),
    });
  });

  it("refuses more repeat customers than customers", () => {
    expectInconsistent(() => repeatCustomerRate({ repeatCustomers: 11, totalCustomers: 10 }), { repeatCustomers: 11, totalCustomers: 10 }, /: repeat customers are some of the customers\.$/);
  });

  it("refuses zero customers", () => {
    expectInvalid(() => repeatCustomerRate({ repeatCustomers: 0, totalCustomers: 0 }), { field: "totalCustomers", value: 0, message: EXPECTED.positiveCount });
  });

  it("refuses options that are not an object, naming options", () => {
    expectInvalid(() => repeatCustomerRate({ repeatCustomers: 1, totalCustomers: 2 }, "abc" as never), { field: "options", value: "abc", message: EXPECTED.options });
  });

  testRefusesNonObjectInput("repeatCustomerRate", repeatCustomerRate, ["repeatCustomers", "totalCustomers"]);

  test.prop([fc.integer({ min: 1, max: 2 ** 40 }).chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)))])(
    "stays in [0, 1]",
    ([repeat, total]) => {
      const rate = repeatCustomerRate({ repeatCustomers: repeat, totalCustomers: total });
      expect(rate >= 0 && rate <= 1).toBe(true);
    },
  );

  testRefusesInvalid("repeatCustomerRate", repeatCustomerRate, { repeatCustomers: 5, totalCustomers: 10 }, { repeatCustomers: EXPECTED.count, totalCustomers: EXPECTED.positiveCount });
});

describe("purchaseFrequency", () => {
  it("divides orders by customers and may exceed 1", () => {
    expect(purchaseFrequency({ orders: 1500, customers: 1000 })).toBe(1.5);
    expect(purchaseFrequency({ orders: 0, customers: 3 })).toBe(0);
    expect(purchaseFrequency({ orders: 1, customers: 4 })).toBe(0.25);
  });

  it("refuses zero customers", () => {
    expectInvalid(() => purchaseFrequency({ orders: 5, customers: 0 }), { field: "customers", value: 0, message: EXPECTED.positiveCount });
  });

  testRefusesNonObjectInput("purchaseFrequency", purchaseFrequency, ["orders", "customers"]);

  test.prop([fc.nat(), fc.integer({ min: 1 })])("is finite and non-negative", (orders, customers) => {
    const f = purchaseFrequency({ orders, customers });
    expect(Number.isFinite(f) && f >= 0).toBe(true);
  });

  testRefusesInvalid("purchaseFrequency", purchaseFrequency, { orders: 10, customers: 4 }, { orders: EXPECTED.count, customers: EXPECTED.positiveCount });
});

describe("averageOrderValue", () => {
  it("divides 1000.00 over 3 orders exactly, to 40 significant digits", () => {
    const aov = averageOrderValue({ revenue: "1000.00", orders: 3 });
    expect(aov.toDecimalPlaces(2).toString()).toBe("333.33");
    expect(aov.toString()).toBe("333.3333333333333333333333333333333333333");
    expect(aov.times(3).toDecimalPlaces(30).toString()).toBe("1000");
  });

  it("reads numbers as their shortest decimal and accepts Decimals", () => {
    expect(averageOrderValue({ revenue: 59.97, orders: 3 }).toString()).toBe("19.99");
    expect(averageOrderValue({ revenue: new Decimal("0.30"), orders: 3 }).toString()).toBe("0.1");
    expect(averageOrderValue({ revenue: 0, orders: 7 }).isZero()).toBe(true);
  });

  it("does not depend on the global decimal.js settings", () => {
    const saved = Decimal.precision;
    Decimal.set({ precision: 5 });
    try {
      expect(averageOrderValue({ revenue: "1000.00", orders: 3 }).toString()).toBe("333.3333333333333333333333333333333333333");
    } finally {
      Decimal.set({ precision: saved });
    }
  });

  it("refuses a negative or unparseable revenue, naming it", () => {
    expectInvalid(() => averageOrderValue({ revenue: "-1.00", orders: 3 }), { field: "revenue", value: "-1.00", message: EXPECTED.amountAtLeast0 });
  });

  it.each([["ten"], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [undefined], [{}]])("refuses a revenue of %j that is not money, naming it", (revenue) => {
    expectInvalid(() => averageOrderValue({ revenue: revenue as never, orders: 3 }), { field: "revenue", value: revenue, message: EXPECTED.money });
  });

  it("refuses zero orders", () => {
    expectInvalid(() => averageOrderValue({ revenue: 10, orders: 0 }), { field: "orders", value: 0, message: EXPECTED.positiveCount });
  });

  testRefusesNonObjectInput("averageOrderValue", averageOrderValue, ["revenue", "orders"]);

  test.prop([fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 6 })])(
    "times the orders gives back the revenue (in cents)",
    (cents, orders) => {
      const revenue = new Decimal(cents).dividedBy(100);
      const aov = averageOrderValue({ revenue: revenue.toString(), orders });
      expect(aov.times(orders).toDecimalPlaces(2).equals(revenue)).toBe(true);
    },
  );

  testRefusesInvalid("averageOrderValue", averageOrderValue, { revenue: "10.00", orders: 4 }, { orders: EXPECTED.positiveCount });
});
