/** The return types of the overloads of src/cohorts/cohortMatrix.ts: events give a CohortMatrix, measure "mrr" on subscriptions an MrrCohortMatrix. */
import { describe, expectTypeOf, it } from "vitest";
import { type CohortMatrix, cohortMatrix, type MrrCohortMatrix, subscriptionTable, eventTable } from "../../src/index.ts";

const events = [{ customerId: "a", at: "2024-01-03T10:00:00Z", amount: 20 }];
const subscriptions = [{ customerId: "a", start: "2024-01-01", mrr: 50 }];

describe("cohortMatrix", () => {
  it("returns a CohortMatrix on events, whatever the event measure", () => {
    expectTypeOf(cohortMatrix(events)).toEqualTypeOf<CohortMatrix>();
    expectTypeOf(cohortMatrix(events, { period: "month" })).toEqualTypeOf<CohortMatrix>();
    expectTypeOf(cohortMatrix(events, { measure: "revenue" })).toEqualTypeOf<CohortMatrix>();
    expectTypeOf(cohortMatrix(eventTable(events), { measure: "orders" })).toEqualTypeOf<CohortMatrix>();
  });

  it("returns an MrrCohortMatrix with measure: \"mrr\" on subscriptions", () => {
    expectTypeOf(cohortMatrix(subscriptions, { measure: "mrr" })).toEqualTypeOf<MrrCohortMatrix>();
    expectTypeOf(cohortMatrix(subscriptionTable(subscriptions), { measure: "mrr", period: "month" })).toEqualTypeOf<MrrCohortMatrix>();
  });
});
