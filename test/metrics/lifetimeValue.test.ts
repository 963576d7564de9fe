import { fc, test } from "../support/fc.ts";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { customerLifetimeValue, netCustomerValue, retentionLifetimeValue } from "../../src/metrics/lifetimeValue.ts";
import { EXPECTED, expectInvalid, invalidNonNegative, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

describe("customerLifetimeValue", () => {
  it("multiplies AOV, frequency and lifespan, and the margin when given", () => {
    expect(customerLifetimeValue({ averageOrderValue: "50.00", purchaseFrequency: 4, lifespan: 3 }).toString()).toBe("600");
    expect(customerLifetimeValue({ averageOrderValue: "50.00", purchaseFrequency: 4, lifespan: 3, margin: 0.3 }).toString()).toBe("180");
  });

  it("is exact with decimal inputs (no binary rounding)", () => {
    // 19.99 x 2.5 x 1.5 x 0.1 = 7.49625 exactly
    expect(customerLifetimeValue({ averageOrderValue: 19.99, purchaseFrequency: 2.5, lifespan: 1.5, margin: 0.1 }).toString()).toBe("7.49625");
  });

  it("refuses a margin outside [0, 1] and a negative AOV", () => {
    for (const margin of [30, -0.1, Number.NaN, "0.3", null]) {
      expectInvalid(() => customerLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 4, lifespan: 3, margin: margin as number }), { field: "margin", value: margin, message: EXPECTED.fraction });
    }
    expectInvalid(() => customerLifetimeValue({ averageOrderValue: -50, purchaseFrequency: 4, lifespan: 3 }), { field: "averageOrderValue", value: -50, message: EXPECTED.amountAtLeast0 });
    expectInvalid(() => customerLifetimeValue({ averageOrderValue: "fifty", purchaseFrequency: 4, lifespan: 3 }), { field: "averageOrderValue", value: "fifty", message: EXPECTED.money });
  });

  testRefusesNonObjectInput("customerLifetimeValue", customerLifetimeValue, ["averageOrderValue", "purchaseFrequency", "lifespan", "margin (optional)"]);

  test.prop([fc.integer({ min: 0, max: 10 ** 7 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })])(
    "is non-negative, and a margin never raises it",
    (cents, frequency, lifespan) => {
      const aov = new Decimal(cents).dividedBy(100);
      const revenue = customerLifetimeValue({ averageOrderValue: aov, purchaseFrequency: frequency, lifespan });
      const profit = customerLifetimeValue({ averageOrderValue: aov, purchaseFrequency: frequency, lifespan, margin: 0.4 });
      expect(revenue.isNegative() && !revenue.isZero()).toBe(false);
      expect(profit.lessThanOrEqualTo(revenue)).toBe(true);
    },
  );

  testRefusesInvalid(
    "customerLifetimeValue",
    customerLifetimeValue,
    { averageOrderValue: "50.00", purchaseFrequency: 4, lifespan: 3 },
    { purchaseFrequency: EXPECTED.nonNegative, lifespan: EXPECTED.nonNegative },
    invalidNonNegative,
  );
});

describe("retentionLifetimeValue", () => {
  it("computes m r / (1 + d - r)", () => {
    // 100 x 0.8 / (1 + 0.1 - 0.8) = 80 / 0.3
    expect(retentionLifetimeValue({ marginPerPeriod: 100, retentionRate: 0.8, discountRate: 0.1 }).toDecimalPlaces(10).toString()).toBe("266.6666666667");
    // no discounting: 50 x 0.5 / 0.5 = 50
    expect(retentionLifetimeValue({ marginPerPeriod: "50", retentionRate: 0.5, discountRate: 0 }).toString()).toBe("50");
    // r = 0: the customer never comes back
    expect(retentionLifetimeValue({ marginPerPeriod: 100, retentionRate: 0, discountRate: 0.1 }).isZero()).toBe(true);
  });

  it("equals the discounted sum of margins it stands for", () => {
    const m = 100;
    const r = 0.7;
    const d = 0.12;
    let sum = 0;
    for (let t = 1; t < 2000; t++) sum += (m * r ** t) / (1 + d) ** t;
    expect(retentionLifetimeValue({ marginPerPeriod: m, retentionRate: r, discountRate: d }).toNumber()).toBeCloseTo(sum, 9);
  });

  it("allows r = 1 with discounting and refuses it without (an infinite value)", () => {
    expect(retentionLifetimeValue({ marginPerPeriod: 10, retentionRate: 1, discountRate: 0.25 }).toString()).toBe("40");
    expectInvalid(() => retentionLifetimeValue({ marginPerPeriod: 10, retentionRate: 1, discountRate: 0 }), {
      field: "retentionRate",
      value: 1,
      message: /expected a rate below 1 \+ discountRate \(1\); with r = 1 and no discounting the lifetime value is infinite\.$/,
    });
  });

  it("accepts a negative margin (a loss-making customer)", () => {
    expect(retentionLifetimeValue({ marginPerPeriod: -30, retentionRate: 0.5, discountRate: 0 }).toString()).toBe("-30");
  });

  it("refuses bad rates and money", () => {
    expectInvalid(() => retentionLifetimeValue({ marginPerPeriod: 10, retentionRate: 1.2, discountRate: 0.5 }), { field: "retentionRate", value: 1.2, message: EXPECTED.fraction });
    expectInvalid(() => retentionLifetimeValue({ marginPerPeriod: 10, retentionRate: 0.5, discountRate: -0.1 }), { field: "discountRate", value: -0.1, message: EXPECTED.nonNegative });
    expectInvalid(() => retentionLifetimeValue({ marginPerPeriod: "abc", retentionRate: 0.5, discountRate: 0.1 }), { field: "marginPerPeriod", value: "abc", message: EXPECTED.money });
  });

  testRefusesNonObjectInput("retentionLifetimeValue", retentionLifetimeValue, ["marginPerPeriod", "retentionRate", "discountRate"]);

  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.98, noNaN: true })])(
    "is finite, non-negative for a positive margin and rises with retention",
    (r, d, shift) => {
      const low = retentionLifetimeValue({ marginPerPeriod: 100, retentionRate: r * shift, discountRate: d });
      const high = retentionLifetimeValue({ marginPerPeriod: 100, retentionRate: r, discountRate: d });
      expect(low.isFinite() && !low.isNegative()).toBe(true);
      expect(low.lessThanOrEqualTo(high)).toBe(true);
    },
  );
});

describe("netCustomerValue", () => {
  it("subtracts acquisition and retention costs from revenue, exactly", () => {
    expect(netCustomerValue({ revenue: "500.00", acquisitionCost: "120.50", retentionCost: 30 }).toString()).toBe("349.5");
    expect(netCustomerValue({ revenue: 0.3, acquisitionCost: 0.1, retentionCost: 0.2 }).isZero()).toBe(true);
  });

  it("can be negative", () => {
    expect(netCustomerValue({ revenue: 100, acquisitionCost: 150, retentionCost: 0 }).toString()).toBe("-50");
  });

  it("refuses negative or unparseable amounts, naming them", () => {
    expectInvalid(() => netCustomerValue({ revenue: -1, acquisitionCost: 0, retentionCost: 0 }), { field: "revenue", value: -1, message: EXPECTED.amountAtLeast0 });
    expectInvalid(() => netCustomerValue({ revenue: 1, acquisitionCost: "-0.01", retentionCost: 0 }), { field: "acquisitionCost", value: "-0.01", message: EXPECTED.amountAtLeast0 });
    expectInvalid(() => netCustomerValue({ revenue: 1, acquisitionCost: 0, retentionCost: Number.NaN }), { field: "retentionCost", value: Number.NaN, message: EXPECTED.money });
  });

  testRefusesNonObjectInput("netCustomerValue", netCustomerValue, ["revenue", "acquisitionCost", "retentionCost"]);
});
