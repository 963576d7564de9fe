import { describe, expect, it } from "vitest";
import { formulaLifetimeValue } from "../../src/clv/formulaLifetimeValue.ts";
import { customerLifetimeValue, retentionLifetimeValue } from "../../src/metrics/lifetimeValue.ts";

describe("formulaLifetimeValue", () => {
  const summary = [
    { frequency: 4, recency: 40, T: 52, monetaryValue: 25 },
    { frequency: 0, recency: 0, T: 52, monetaryValue: 0 },
    { frequency: 2, recency: 10, T: 52, monetaryValue: "40.00" },
  ];

  it("estimates AOV and frequency from the summary and applies the metric sheet's formulas", () => {
    const v = formulaLifetimeValue(summary, { lifespan: 3, periodLength: 52, margin: 0.4, retentionRate: 0.6, discountRate: 0.1 });
    expect(v.averageOrderValue!.toString()).toBe("30"); // (4 x 25 + 2 x 40) / 6
    expect(v.purchaseFrequency).toBeCloseTo(2, 12); // 6 repeat purchases in 156 customer-weeks, per 52 weeks
    expect(v.customerLifetimeValue!.toNumber()).toBeCloseTo(customerLifetimeValue({ averageOrderValue: 30, purchaseFrequency: 2, lifespan: 3, margin: 0.4 }).toNumber(), 10);
    expect(v.retentionLifetimeValue!.toNumber()).toBeCloseTo(retentionLifetimeValue({ marginPerPeriod: 24, retentionRate: 0.6, discountRate: 0.1 }).toNumber(), 10);
    expect([v.customers, v.repeatPurchases]).toEqual([3, 6]);
  });

  it("gives null where an input cannot be estimated", () => {
    const v = formulaLifetimeValue([{ frequency: 0, recency: 0, T: 5 }], { lifespan: 2, retentionRate: 0.5 });
    expect([v.averageOrderValue, v.customerLifetimeValue, v.retentionLifetimeValue]).toEqual([null, null, null]);
    expect(v.purchaseFrequency).toBe(0);
  });

  it("refuses a repeat buyer without a monetary value and bad options", () => {
    expect(() => formulaLifetimeValue([{ frequency: 1, recency: 1, T: 2 }], { lifespan: 1 })).toThrow(/monetaryValue/);
    expect(() => formulaLifetimeValue(summary, { lifespan: -1 })).toThrow(/lifespan/);
    expect(() => formulaLifetimeValue(summary, { lifespan: 1, retentionRate: 1.5 })).toThrow(/retentionRate/);
  });
});
