/** The return types of the overloads of src/subscriptions/subscriptionTable.ts: an async iterable gives a Promise. */
import { describe, expectTypeOf, it } from "vitest";
import { type SubscriptionTable, subscriptionTable } from "../../src/index.ts";

const rows = [{ customerId: "a", start: "2024-01-01", mrr: 50 }];
async function* stream() {
  yield* rows;
}

describe("subscriptionTable", () => {
  it("returns a Promise of a table on an async iterable", () => {
    expectTypeOf(subscriptionTable(stream())).toEqualTypeOf<Promise<SubscriptionTable>>();
  });

  it("returns a table on an array or a table", () => {
    expectTypeOf(subscriptionTable(rows)).toEqualTypeOf<SubscriptionTable>();
    expectTypeOf(subscriptionTable(subscriptionTable(rows))).toEqualTypeOf<SubscriptionTable>();
  });
});
