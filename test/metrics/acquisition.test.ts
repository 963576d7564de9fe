import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { customerAcquisitionCost, ltvToCacRatio } from "../../src/metrics/acquisition.ts";
import { EXPECTED, expectInvalid, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

describe("customerAcquisitionCost", () => {
  it("divides spend by new customers, exactly", () => {
    expect(customerAcquisitionCost({ spend: "12000.00", newCustomers: 300 }).toString()).toBe("40");
    expect(customerAcquisitionCost({ spend: 100, newCustomers: 3 }).toDecimalPlaces(2).toString()).toBe("33.33");
    expect(customerAcquisitionCost({ spend: 0, newCustomers: 3 }).isZero()).toBe(true);
  });

  it("refuses zero new customers and a negative spend", () => {
    expectInvalid(() => customerAcquisitionCost({ spend: 100, newCustomers: 0 }), { field: "newCustomers", value: 0, message: EXPECTED.positiveCount });
    expectInvalid(() => customerAcquisitionCost({ spend: -100, newCustomers: 2 }), { field: "spend", value: -100, message: EXPECTED.amountAtLeast0 });
  });

  it("refuses a spend that is not money", () => {
    expectInvalid(() => customerAcquisitionCost({ spend: "lots", newCustomers: 2 }), { field: "spend", value: "lots", message: EXPECTED.money });
  });

  testRefusesInvalid("customerAcquisitionCost", customerAcquisitionCost, { spend: "100", newCustomers: 4 }, { newCustomers: EXPECTED.positiveCount });
  testRefusesNonObjectInput("customerAcquisitionCost", customerAcquisitionCost, ["spend", "newCustomers"]);
});

describe("ltvToCacRatio", () => {
  it("divides lifetime value by acquisition cost", () => {
    expect(ltvToCacRatio({ lifetimeValue: "1200.00", acquisitionCost: "400.00" })).toBe(3);
    expect(ltvToCacRatio({ lifetimeValue: 0.3, acquisitionCost: 0.1 })).toBe(3);
    expect(ltvToCacRatio({ lifetimeValue: -50, acquisitionCost: 100 })).toBe(-0.5);
    expect(Object.is(ltvToCacRatio({ lifetimeValue: "-0", acquisitionCost: 100 }), 0)).toBe(true);
  });

  it("refuses a zero or negative acquisition cost", () => {
    for (const acquisitionCost of [0, "-0", -5]) {
      expectInvalid(() => ltvToCacRatio({ lifetimeValue: 100, acquisitionCost }), { field: "acquisitionCost", value: acquisitionCost, message: EXPECTED.amountAbove0 });
    }
  });

  it("refuses amounts that are not money, naming them", () => {
    expectInvalid(() => ltvToCacRatio({ lifetimeValue: "x", acquisitionCost: 5 }), { field: "lifetimeValue", value: "x", message: EXPECTED.money });
    expectInvalid(() => ltvToCacRatio({ lifetimeValue: 5, acquisitionCost: Number.NaN }), { field: "acquisitionCost", value: Number.NaN, message: EXPECTED.money });
  });

  testRefusesNonObjectInput("ltvToCacRatio", ltvToCacRatio, ["lifetimeValue", "acquisitionCost"]);

  it("never returns Infinity", () => {
    expectInvalid(() => ltvToCacRatio({ lifetimeValue: "1e400", acquisitionCost: "1e-10" }), {
      field: "lifetimeValue",
      value: "1e400",
      message: /expected a value whose ratio to acquisitionCost is within the range of a number\.$/,
    });
  });

  test.prop([fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 })])("agrees with the float ratio", (ltv, cac) => {
    expect(ltvToCacRatio({ lifetimeValue: ltv, acquisitionCost: cac })).toBeCloseTo(ltv / cac, 9);
  });
});
