import { describe, expect, it } from "vitest";
import * as metrics from "../../src/metrics/index.ts";

describe("metrics entry", () => {
  it("exports the formula names of the contract in DESIGN.md, and the added ones", () => {
    const names = [
      "customerRetentionRate",
      "churnRate",
      "repeatCustomerRate",
      "purchaseFrequency",
      "averageOrderValue",
      "customerLifetimeValue",
      "stickiness",
      "netPromoterScore",
      "emailEngagement",
      "customerAcquisitionCost",
      "retentionLifetimeValue",
      "netCustomerValue",
      "ltvToCacRatio",
      "renewalRate",
    ];
    for (const name of names) expect(typeof (metrics as Record<string, unknown>)[name], name).toBe("function");
    expect(Object.keys(metrics).sort()).toEqual([...names].sort());
  });
});
