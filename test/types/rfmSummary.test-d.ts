/** The return types of the overloads of src/clv/rfmSummary.ts: a calibrationEnd adds the holdout columns to the rows. */
import { describe, expectTypeOf, it } from "vitest";
import { rfmSummary, type RfmHoldoutRow, type RfmRow } from "../../src/index.ts";

const events = [{ customerId: "a", at: "2024-01-01", amount: 10 }];

describe("rfmSummary", () => {
  it("returns RFM rows without a calibrationEnd", () => {
    expectTypeOf(rfmSummary(events)[0]!).toEqualTypeOf<RfmRow>();
    expectTypeOf(rfmSummary(events, { observationEnd: "2024-01-31" })[0]!).toEqualTypeOf<RfmRow>();
  });

  it("returns rows with holdout columns with a calibrationEnd", () => {
    expectTypeOf(rfmSummary(events, { calibrationEnd: "2024-01-15", observationEnd: "2024-01-31" })[0]!).toEqualTypeOf<RfmHoldoutRow>();
  });
});
