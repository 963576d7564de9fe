import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { customerAcquisitionCost, ltvToCacRatio } from "../../src/metrics/acquisition.ts";
import { expectInvalidInput, testRefusesInvalid } from "./helpers.ts";

describe("customerAcquisitionCost", () => {
  it("divides spend by new customers, exactly", () => {
    expect(customerAcquisitionCost({ spend: "12000.00", newCustomers: 300 }).toString()).toBe("40");
    expect(customerAcquisitionCost({ spend: 100, newCustomers: 3 }).toDecimalPlaces(2).toString()).toBe("33.33");
    expect(customerAcquisitionCost({ spend: 0, newCustomers: 3 }).isZero()).toBe(true);
  });

  it("refuses zero new customers and a negative spend", () => {
    expectInvalidInput(() => customerAcquisitionCost({ spend: 100, newCustomers: 0 }), "newCustomers");
    expectInvalidInput(() => customerAcquisitionCost({ spend: -100, newCustomers: 2 }), "spend");
  });

  testRefusesInvalid("customerAcquisitionCost", customerAcquisitionCost, { spend: "100", newCustomers: 4 }, ["newCustomers"]);
});

describe("ltvToCacRatio", () => {
  it("divides lifetime value by acquisition cost", () => {
    expect(ltvToCacRatio({ lifetimeValue: "1200.00", acquisitionCost: "400.00" })).toBe(3);
    expect(ltvToCacRatio({ lifetimeValue: 0.3, acquisitionCost: 0.1 })).toBe(3);
    expect(ltvToCacRatio({ lifetimeValue: -50, acquisitionCost: 100 })).toBe(-0.5);
    expect(Object.is(ltvToCacRatio({ lifetimeValue: "-0", acquisitionCost: 100 }), 0)).toBe(true);
  });

  it("refuses a zero or negative acquisition cost", () => {
    expectInvalidInput(() => ltvToCacRatio({ lifetimeValue: 100, acquisitionCost: 0 }), "acquisitionCost");
    expectInvalidInput(() => ltvToCacRatio({ lifetimeValue: 100, acquisitionCost: "-0" }), "acquisitionCost");
    expectInvalidInput(() => ltvToCacRatio({ lifetimeValue: 100, acquisitionCost: -5 }), "acquisitionCost");
  });

  it("never returns Infinity", () => {
    expectInvalidInput(() => ltvToCacRatio({ lifetimeValue: "1e400", acquisitionCost: "1e-10" }), "lifetimeValue");
  });

  test.prop([fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 })])("agrees with the float ratio", (ltv, cac) => {
    expect(ltvToCacRatio({ lifetimeValue: ltv, acquisitionCost: cac })).toBeCloseTo(ltv / cac, 9);
  });
});
