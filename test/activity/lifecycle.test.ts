import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { lifecycle } from "../../src/activity/lifecycle.ts";
import { eventsArb, naivePeriods, newIn } from "./naive.ts";

describe("lifecycle", () => {
  it("splits active customers into new, returning and resurrecting", () => {
    const rows = lifecycle([
      { customerId: "a", at: "2024-01-05T00:00:00Z" },
      { customerId: "b", at: "2024-01-06T00:00:00Z" },
      { customerId: "a", at: "2024-02-05T00:00:00Z" },
      { customerId: "b", at: "2024-03-05T00:00:00Z" },
    ]);
    expect(rows.map((r) => [r.period.key, r.new, r.returning, r.resurrecting, r.dormant, r.quickRatio])).toEqual([
      ["2024-01", 2, 0, 0, 0, null],
      ["2024-02", 0, 1, 0, -1, 0],
      ["2024-03", 0, 0, 1, -1, 1],
    ]);
  });

  test.prop([eventsArb, fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">], { numRuns: 40 })(
    "new + returning + resurrecting = active, and each equals a naive recount",
    (events, unit) => {
      const to = Date.UTC(2025, 1, 1);
      const rows = lifecycle(events, { period: unit, to });
      const naive = naivePeriods(events, { unit }, to);
      rows.forEach((r, i) => {
        const now = naive[i]!.active;
        const before = i > 0 ? naive[i - 1]!.active : new Set<string>();
        const fresh = newIn(naive, i);
        expect(r.new + r.returning + r.resurrecting).toBe(r.active);
        expect(r.active).toBe(now.size);
        expect(r.new).toBe(fresh.size);
        expect(r.returning).toBe([...now].filter((c) => before.has(c)).length);
        expect(Math.abs(r.dormant)).toBe([...before].filter((c) => !now.has(c)).length);
        if (i > 0) expect(r.active - rows[i - 1]!.active).toBe(r.new + r.resurrecting + r.dormant);
      });
    },
  );
});
