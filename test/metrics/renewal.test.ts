import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { renewalRate } from "../../src/metrics/renewal.ts";
import { EXPECTED, expectInconsistent, expectInvalid, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

describe("renewalRate", () => {
  it("gives the warehouse club's 93% for 930 renewals of 1000 memberships due", () => {
    expect(renewalRate({ renewed: 930, dueForRenewal: 1000 })).toBe(0.93);
  });

  it("adds an interval around 93% when asked", () => {
    const { rate, lower, upper, confidence } = renewalRate({ renewed: 930, dueForRenewal: 1000 }, { interval: true, confidence: 0.99 });
    expect(rate).toBe(0.93);
    expect(confidence).toBe(0.99);
    // By hand from the Wilson formula with z = 2.5758293035489 (99%): [0.906258..., 0.948073...].
    expect(lower).toBeCloseTo(0.9062584432089437, 12);
    expect(upper).toBeCloseTo(0.9480731549741265, 12);
  });

  it("refuses more renewals than contracts due", () => {
    expectInconsistent(() => renewalRate({ renewed: 1001, dueForRenewal: 1000 }), { renewed: 1001, dueForRenewal: 1000 }, /: only contracts up for renewal can be renewed\.$/);
  });

  it("refuses nothing due for renewal", () => {
    expectInvalid(() => renewalRate({ renewed: 0, dueForRenewal: 0 }), { field: "dueForRenewal", value: 0, message: EXPECTED.positiveCount });
  });

  it("refuses options that are not an object, naming options", () => {
    const options: unknown[] = [];
    expectInvalid(() => renewalRate({ renewed: 1, dueForRenewal: 2 }, options as never), { field: "options", value: options, message: EXPECTED.options });
  });

  testRefusesNonObjectInput("renewalRate", renewalRate, ["renewed", "dueForRenewal"]);

  test.prop([fc.integer({ min: 1, max: 10 ** 9 }).chain((due) => fc.tuple(fc.integer({ min: 0, max: due }), fc.constant(due)))])(
    "stays in [0, 1] with an interval containing it",
    ([renewed, due]) => {
      const { rate, lower, upper } = renewalRate({ renewed, dueForRenewal: due }, { interval: true });
      expect(0 <= lower && lower <= rate && rate <= upper && upper <= 1).toBe(true);
    },
  );

  testRefusesInvalid("renewalRate", renewalRate, { renewed: 93, dueForRenewal: 100 }, { renewed: EXPECTED.count, dueForRenewal: EXPECTED.positiveCount });
});
