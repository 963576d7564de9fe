import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import { activeIn, dataSpan, eventsArb, EVENT_NAMES, namedEventsArb, namesPresent, naivePeriods, newIn, returnOnly } from "./naive.ts";
import { expectInvalid } from "../metrics/helpers.ts";

const e = (customerId: string, at: string, amount?: number) => ({ customerId, at, ...(amount === undefined ? {} : { amount }) });

describe("periodSummary: worked examples", () => {
  // Jan: a, b, c new. Feb: a (retained), d (new). Mar: b comes back (reactivated), a stays.
  const events = [
    e("a", "2024-01-02T10:00:00Z", 10), e("b", "2024-01-05T10:00:00Z", 20), e("c", "2024-01-20T10:00:00Z", 30),
    e("a", "2024-02-03T10:00:00Z", 15), e("a", "2024-02-04T10:00:00Z", 5), e("d", "2024-02-10T10:00:00Z", 40),
    e("a", "2024-03-01T10:00:00Z", 25), e("b", "2024-03-15T10:00:00Z", 10),
  ];

  it("counts S, E, N, retained, lost and reactivated by hand", () => {
    const rows = periodSummary(events, { to: "2024-04-01T00:00:00Z" });
    expect(rows.map((r) => r.period.key)).toEqual(["2024-01", "2024-02", "2024-03"]);
    const [jan, feb, mar] = rows as [typeof rows[0], typeof rows[0], typeof rows[0]];
    expect([jan.activeCustomers, jan.newCustomers, jan.customersAtStart, jan.customersAtEnd]).toEqual([3, 3, 0, 3]);
    expect(jan.retentionRate).toBeNull(); // S = 0
    expect([feb.customersAtStart, feb.customersAtEnd, feb.newCustomers, feb.retainedCustomers, feb.lostCustomers, feb.reactivatedCustomers]).toEqual([3, 2, 1, 1, 2, 0]);
    expect(feb.customerRetentionRate).toBeCloseTo(1 / 3, 12);
    expect(feb.retentionRate).toBeCloseTo(1 / 3, 12);
    expect(feb.churnRate).toBeCloseTo(2 / 3, 12);
    expect([feb.orders, feb.revenue.toString(), feb.averageOrderValue!.toString()]).toEqual([3, "60", "20"]);
    expect(feb.purchaseFrequency).toBe(1.5);
    expect(feb.repeatCustomerRate).toBe(0.5);
    // March: S = {a, d}; a retained, d lost, b reactivated. Classic (E - N)/S = 2/2 counts b as retained.
    expect([mar.customersAtStart, mar.customersAtEnd, mar.retainedCustomers, mar.lostCustomers, mar.reactivatedCustomers]).toEqual([2, 2, 1, 1, 1]);
    expect(mar.customerRetentionRate).toBe(1);
    expect(mar.retentionRate).toBe(0.5);
    expect(mar.complete).toBe(true);
  });

  it("marks the period cut by `to` incomplete and leaves its rates null", () => {
    const rows = periodSummary(events); // to = just after the last event, mid-March
    const mar = rows[2]!;
    expect(mar.complete).toBe(false);
    expect([mar.customerRetentionRate, mar.retentionRate, mar.churnRate]).toEqual([null, null, null]);
    expect(mar.activeCustomers).toBe(2);
  });

  it("uses events before `from` as history only", () => {
    const rows = periodSummary(events, { from: "2024-02-01T00:00:00Z", to: "2024-04-01T00:00:00Z" });
    expect(rows.map((r) => r.period.key)).toEqual(["2024-02", "2024-03"]);
    expect(rows[0]!.newCustomers).toBe(1); // a was not new in February
    expect(rows[0]!.customersAtStart).toBe(3);
  });

  it("widens 'current' with activeWindow", () => {
    const rows = periodSummary(events, { to: "2024-04-01T00:00:00Z", activeWindow: 2 });
    // With a 2-month window, b (Jan, Mar) never lapses; c lapses at the end of March.
    const mar = rows[2]!;
    expect([mar.customersAtStart, mar.customersAtEnd, mar.lostCustomers, mar.reactivatedCustomers]).toEqual([4, 3, 1, 0]);
  });

  it("buckets by local calendar in a time zone, across a DST month", () => {
    // 2024-03-01T03:00Z is still 29 February in New York; 2024-11-01T03:30Z is 31 October (EDT, -4).
    const tz = [e("a", "2024-03-01T03:00:00Z", 1), e("a", "2024-03-31T12:00:00Z", 1), e("b", "2024-11-01T03:30:00Z", 1), e("b", "2024-11-30T12:00:00Z", 1)];
    const utc = periodSummary(tz, { to: "2024-12-01T05:00:00Z" });
    const ny = periodSummary(tz, { timeZone: "America/New_York", to: "2024-12-01T05:00:00Z" });
    const active = (rows: typeof utc) => Object.fromEntries(rows.filter((r) => r.activeCustomers > 0).map((r) => [r.period.key, r.orders]));
    expect(active(utc)).toEqual({ "2024-03": 2, "2024-11": 2 });
    expect(active(ny)).toEqual({ "2024-02": 1, "2024-03": 1, "2024-10": 1, "2024-11": 1 });
    const nov = ny.find((r) => r.period.key === "2024-11")!;
    expect(nov.period.end.getTime() - nov.period.start.getTime()).toBe(30 * 86400e3 + 3600e3); // 25-hour day on 3 November
    expect(nov.complete).toBe(true);
  });

  it("refuses bad options and returns no rows for no events", () => {
    expect(() => periodSummary(events, { activeWindow: 0 })).toThrow(InvalidInputError);
    expect(() => periodSummary(events, { from: "2024-03-01T00:00:00Z", to: "2024-02-01T00:00:00Z" })).toThrow(/to/);
    expect(() => periodSummary(events, { period: "fortnight" as never })).toThrow(InvalidInputError);
    expect(periodSummary([])).toEqual([]);
    expect(periodSummary([], { from: "2024-01-01T00:00:00Z", to: "2024-03-01T00:00:00Z" }).map((r) => r.activeCustomers)).toEqual([0, 0]);
  });
});

describe("periodSummary: properties", () => {
  const unitArb = fc.constantFrom("week", "month", "quarter") as fc.Arbitrary<"week" | "month" | "quarter">;
  const zoneArb = fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata");

  test.prop([eventsArb, unitArb, zoneArb, fc.integer({ min: 1, max: 3 })], { numRuns: 60 })(
    "equals a naive recomputation and keeps its identities",
    (events, unit, timeZone, activeWindow) => {
      const to = Date.UTC(2025, 1, 1);
      const spec = { unit, timeZone };
      const rows = periodSummary(events, { period: spec, to, activeWindow });
      const naive = naivePeriods(events, spec, to);
      expect(rows.map((r) => r.period.key)).toEqual(naive.map((p) => p.key));
      rows.forEach((r, i) => {
        const S = activeIn(naive, i - activeWindow, i - 1);
        const E = activeIn(naive, i - activeWindow + 1, i);
        const N = newIn(naive, i);
        const retained = [...S].filter((c) => E.has(c)).length;
        const reactivated = [...E].filter((c) => !S.has(c) && !N.has(c)).length;
        const p = naive[i]!;
        expect([r.activeCustomers, r.newCustomers, r.customersAtStart, r.customersAtEnd, r.retainedCustomers, r.reactivatedCustomers])
          .toEqual([p.active.size, N.size, S.size, E.size, retained, reactivated]);
        expect(r.retainedCustomers + r.lostCustomers).toBe(r.customersAtStart);
        expect(r.retainedCustomers + r.newCustomers + r.reactivatedCustomers).toBe(r.customersAtEnd);
        expect(r.orders).toBe(p.orders);
        expect(r.revenue.times(100).toNumber()).toBe(p.revenueCents);
        expect(r.repeatCustomerRate).toBe(p.active.size ? [...p.counts.values()].filter((n) => n >= 2).length / p.active.size : null);
        for (const rate of [r.retentionRate, r.churnRate]) if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0), expect(rate).toBeLessThanOrEqual(1);
      });
    },
  );

  test.prop([eventsArb, fc.integer()], { numRuns: 40 })("does not depend on the order of the events", (events, seed) => {
    const shuffled = [...events].sort((x, y) => ((x.at * 31 + seed) % 7) - ((y.at * 31 + seed) % 7));
    const to = Date.UTC(2025, 1, 1);
    const strip = (rows: ReturnType<typeof periodSummary>) => rows.map((r) => ({ ...r, revenue: r.revenue.toString(), averageOrderValue: r.averageOrderValue?.toString() }));
    expect(strip(periodSummary(shuffled, { to }))).toEqual(strip(periodSummary(events, { to })));
    expect(strip(periodSummary(eventTable(events), { to }))).toEqual(strip(periodSummary(events, { to })));
  });
});

/** The textbook Wilson bounds, (p + z²/2n ∓ z sqrt(p(1 - p)/n + z²/4n²)) / (1 + z²/n), written out here on its own. */
function textbookWilson(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - spread) / (1 + (z * z) / n), (centre + spread) / (1 + (z * z) / n)];
}

describe("periodSummary: intervals", () => {
  const to = Date.UTC(2025, 1, 1);
  const Z = { 0.95: 1.959963984540054, 0.8: 1.2815515655446004 } as const;

  test.prop([eventsArb, fc.constantFrom(0.95, 0.8) as fc.Arbitrary<0.95 | 0.8>], { numRuns: 50 })(
    "interval: true adds the Wilson intervals of the counts, and changes nothing else",
    (events, confidence) => {
      const plainRows = periodSummary(events, { to });
      const rows = periodSummary(events, { to, interval: true, confidence });
      expect(rows.map(({ intervals: _i, ...r }) => r)).toEqual(plainRows);
      rows.forEach((r) => {
        const check = (ci: { lower: number; upper: number; confidence: number } | null, rate: number | null, x: number, n: number) => {
          if (rate === null) return expect(ci).toBeNull();
          const [lo, hi] = textbookWilson(x, n, Z[confidence]);
          expect(ci!.lower).toBeCloseTo(lo, 12);
          expect(ci!.upper).toBeCloseTo(hi, 12);
          expect(ci!.lower <= rate && rate <= ci!.upper && ci!.confidence === confidence).toBe(true);
        };
        check(r.intervals!.retentionRate, r.retentionRate, r.retainedCustomers, r.customersAtStart);
        check(r.intervals!.churnRate, r.churnRate, r.lostCustomers, r.customersAtStart);
        const repeat = r.repeatCustomerRate === null ? 0 : Math.round(r.repeatCustomerRate * r.activeCustomers);
        check(r.intervals!.repeatCustomerRate, r.repeatCustomerRate, repeat, r.activeCustomers);
      });
    },
  );

  it("by hand, and refuses bad interval options by name", () => {
    const rows = periodSummary([e("a", "2024-01-03T10:00:00Z"), e("b", "2024-01-09T10:00:00Z"), e("a", "2024-02-11T10:00:00Z")], { to: "2024-03-01T00:00:00Z", interval: true });
    expect(rows[0]!.intervals).toEqual({ retentionRate: null, churnRate: null, repeatCustomerRate: { lower: 0, upper: expect.closeTo(0.6576, 4), confidence: 0.95 } });
    // February: 1 of 2 retained: Wilson (0.5 ∓ 1.96 sqrt(0.25/2 + 1.96²/16)) / (1 + 1.96²/2)
    expect(rows[1]!.intervals!.retentionRate!.lower).toBeCloseTo(0.0945, 4);
    expect(periodSummary([e("a", "2024-01-03T10:00:00Z")])[0]!.intervals).toBeUndefined();
    const bad = (options: object, field: string) => {
      const x = (() => { try { periodSummary([e("a", "2024-01-03T10:00:00Z")], options); } catch (err) { return err as InvalidInputError; } return null; })();
      expect(x).toBeInstanceOf(InvalidInputError);
      expect(x!.field).toBe(field);
    };
    bad({ interval: "yes" }, "interval");
    bad({ interval: true, confidence: 1 }, "confidence");
    bad({ interval: true, confidence: "95%" }, "confidence");
  });
});

describe("periodSummary: the scan's kernels", () => {
  it("crosses the 64K-row chunks of events and customers and equals an independent count", () => {
    // 200,000 events of 90,000 customers (sparse ids) over 2024, months in UTC counted with getUTCMonth.
    let seed = 11;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const n = 200_000;
    const customerId = new Int32Array(n);
    const at = new Float64Array(n);
    const amount = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      customerId[i] = Math.floor(random() * 90_000) * 7 + 3;
      at[i] = Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000);
      amount[i] = Math.floor(random() * 10_000) / 100;
    }
    const month = (t: number) => new Date(t).getUTCMonth();
    const active = Array.from({ length: 12 }, () => new Set<number>());
    const orders = new Array<number>(12).fill(0);
    const cents = new Array<number>(12).fill(0);
    const perCustomer = Array.from({ length: 12 }, () => new Map<number, number>());
    for (let i = 0; i < n; i++) {
      const m = month(at[i]!);
      active[m]!.add(customerId[i]!);
      orders[m]!++;
      cents[m]! += Math.round(amount[i]! * 100);
      perCustomer[m]!.set(customerId[i]!, (perCustomer[m]!.get(customerId[i]!) ?? 0) + 1);
    }
    expect(active.reduce((all, s) => new Set([...all, ...s]), new Set<number>()).size).toBeGreaterThan(65_536);
    const rows = periodSummary({ customerId, at, amount }, { to: Date.UTC(2025, 0, 1) });
    const seen = new Set<number>();
    rows.forEach((row, m) => {
      const fresh = [...active[m]!].filter((c) => !seen.has(c)).length;
      const retained = m === 0 ? 0 : [...active[m]!].filter((c) => active[m - 1]!.has(c)).length;
      for (const c of active[m]!) seen.add(c);
      const repeat = [...perCustomer[m]!.values()].filter((x) => x >= 2).length;
      expect([row.activeCustomers, row.newCustomers, row.retainedCustomers, row.orders, row.revenue.times(100).toNumber()]).toEqual([active[m]!.size, fresh, retained, orders[m], cents[m]]);
      expect(row.repeatCustomerRate).toBe(repeat / active[m]!.size);
    });
  }, 60_000);
});

describe("periodSummary: returnEvent", () => {
  it("counts only the return events, over the data's periods, by hand", () => {
    const rows = periodSummary(
      [
        { customerId: "a", at: "2024-01-10T00:00:00Z", event: "signup" },
        { customerId: "a", at: "2024-02-10T00:00:00Z", event: "buy", amount: 10 },
        { customerId: "b", at: "2024-02-11T00:00:00Z", event: "buy", amount: 5 },
        { customerId: "a", at: "2024-03-10T00:00:00Z", event: "buy", amount: 2 },
      ],
      { period: "month", returnEvent: "buy" },
    );
    // January has no purchase but is still a period of the data; a and b are new in February.
    expect(rows.map((r) => [r.period.key, r.activeCustomers, r.newCustomers, r.orders, String(r.revenue), r.retainedCustomers])).toEqual([
      ["2024-01", 0, 0, 0, "0", 0], ["2024-02", 2, 2, 2, "15", 0], ["2024-03", 1, 0, 1, "2", 1],
    ]);
  });

  const unitArb = fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">;
  test.prop([namedEventsArb, unitArb, fc.subarray([...EVENT_NAMES], { minLength: 1 }), fc.integer({ min: 1, max: 2 })], { numRuns: 50 })(
    "equals the summary of the return events alone over the data's span, and every name is today's",
    (events, unit, wanted, activeWindow) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const to = Date.UTC(2025, 1, 1);
      const rows = periodSummary(events, { period: unit, to, activeWindow, returnEvent: names });
      const kept = returnOnly(events, names);
      expect(rows).toEqual(periodSummary(kept, { period: unit, to, activeWindow, from: dataSpan(events).first }));
      const all = [...new Set(events.map((e) => e.event))];
      expect(periodSummary(events, { period: unit, to, returnEvent: (x) => all.includes(x) })).toEqual(periodSummary(events, { period: unit, to }));
    },
  );

  it("refuses startEvent (no cohorts here) and an unknown name", () => {
    const events = [{ customerId: "a", at: 0, event: "buy" }];
    expectInvalid(() => periodSummary(events, { startEvent: "buy" } as never), { field: "startEvent", value: "buy", message: /expected no startEvent with periodSummary, which forms no cohorts/ });
    expectInvalid(() => periodSummary(events, { returnEvent: "order" }), { field: "returnEvent", value: "order", message: /the names are "buy"/ });
  });
});
