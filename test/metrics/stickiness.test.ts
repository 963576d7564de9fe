import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { InconsistentDataError } from "../../src/errors.ts";
import { stickiness } from "../../src/metrics/stickiness.ts";
import { EXPECTED, expectInconsistent, expectInvalid, invalidNonNegative, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

describe("stickiness", () => {
  it("divides daily by monthly active users", () => {
    expect(stickiness({ dailyActive: 500, monthlyActive: 2000 })).toBe(0.25);
    expect(stickiness({ dailyActive: 2000, monthlyActive: 2000 })).toBe(1);
    expect(stickiness({ dailyActive: 0, monthlyActive: 1 })).toBe(0);
  });

  it("rejects DAU 4000 with MAU 2000 (quoted by a source as a stickiness of 2) with a clear error", () => {
    const e = expectInconsistent(
      () => stickiness({ dailyActive: 4000, monthlyActive: 2000 }),
      { dailyActive: 4000, monthlyActive: 2000 },
      /the ratio cannot exceed 1; check that both counts come from the same product, user definition and dates\.$/,
    );
    expect(e).toBeInstanceOf(InconsistentDataError);
    expect(e.message).toContain("4000");
    expect(e.message).toContain("2000");
    expect(e.message).toContain("cannot exceed");
  });

  it("accepts an average DAU (not a whole number)", () => {
    expect(stickiness({ dailyActive: 412.5, monthlyActive: 1650 })).toBe(0.25);
  });

  it("refuses zero monthly active users", () => {
    expectInvalid(() => stickiness({ dailyActive: 0, monthlyActive: 0 }), { field: "monthlyActive", value: 0, message: EXPECTED.positive });
  });

  testRefusesNonObjectInput("stickiness", stickiness, ["dailyActive", "monthlyActive"]);

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }).chain((mau) => fc.tuple(fc.integer({ min: 0, max: mau }), fc.constant(mau)))])(
    "stays in [0, 1]",
    ([dau, mau]) => {
      const s = stickiness({ dailyActive: dau, monthlyActive: mau });
      expect(s >= 0 && s <= 1).toBe(true);
    },
  );

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 })])("refuses any DAU above MAU", (mau, extra) => {
    expect(() => stickiness({ dailyActive: mau + extra, monthlyActive: mau })).toThrow(InconsistentDataError);
  });

  testRefusesInvalid("stickiness", stickiness, { dailyActive: 5, monthlyActive: 10 }, { dailyActive: EXPECTED.nonNegative, monthlyActive: EXPECTED.positive }, invalidNonNegative);
});
