import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { InconsistentDataError, InvalidInputError } from "../../src/errors.ts";
import { mrrMovements, type MrrMovementRow } from "../../src/revenue/mrrMovements.ts";
import { subscriptionTable } from "../../src/subscriptions/subscriptionTable.ts";
import { changesArb, changesToIntervals, intervalsArb, intervalsToChanges, naiveMovements, specArb, type PlainInterval } from "./mrrNaive.ts";

const open = (customerId: string, start: string, mrr: number | string) => ({ customerId, start, mrr });
const closed = (customerId: string, start: string, end: string, mrr: number | string) => ({ customerId, start, end, mrr });
const change = (customerId: string, at: string, mrr: number | string) => ({ customerId, at, mrr });

/** The money fields of a row as strings, and everything else as is, for equality checks. */
function plain(rows: MrrMovementRow[]) {
  return rows.map((r) => ({
    ...r,
    period: r.period.key,
    startingMrr: r.startingMrr.toString(),
    newMrr: r.newMrr.toString(),
    expansionMrr: r.expansionMrr.toString(),
    contractionMrr: r.contractionMrr.toString(),
    churnedMrr: r.churnedMrr.toString(),
    reactivationMrr: r.reactivationMrr.toString(),
    endingMrr: r.endingMrr.toString(),
  }));
}

const money = (r: MrrMovementRow) =>
  [r.startingMrr, r.newMrr, r.expansionMrr, r.contractionMrr, r.churnedMrr, r.reactivationMrr, r.endingMrr].map((d) => d.toString());
const counts = (r: MrrMovementRow) => [r.customersAtStart, r.newCustomers, r.churnedCustomers, r.reactivatedCustomers, r.customersAtEnd];

describe("mrrMovements: worked examples by hand", () => {
  // a upgrades 100 -> 150 on Mar 10; b downgrades 200 -> 120 on Mar 5; c cancels on Mar 20;
  // d leaves on Feb 1 and is won back on Mar 15 at 90; e is new on Mar 3.
  const intervals = [
    closed("a", "2024-01-01", "2024-03-10", 100), open("a", "2024-03-10", 150),
    closed("b", "2024-02-01", "2024-03-05", 200), open("b", "2024-03-05", 120),
    closed("c", "2024-01-01", "2024-03-20", 50),
    closed("d", "2024-01-01", "2024-02-01", 80), open("d", "2024-03-15", 90),
    open("e", "2024-03-03", 40),
  ];
  const changes = [
    change("a", "2024-01-01", 100), change("a", "2024-03-10", 150),
    change("b", "2024-02-01", 200), change("b", "2024-03-05", 120),
    change("c", "2024-01-01", 50), change("c", "2024-03-20", 0),
    change("d", "2024-01-01", 80), change("d", "2024-02-01", 0), change("d", "2024-03-15", 90),
    change("e", "2024-03-03", 40),
  ];
  const to = "2024-04-01";

  it("adds up an upgrade, a downgrade, a cancellation, a win-back and a new sale in one month", () => {
    const rows = mrrMovements(intervals, { to });
    expect(rows.map((r) => r.period.key)).toEqual(["2024-01", "2024-02", "2024-03"]);
    const [jan, feb, mar] = rows as [MrrMovementRow, MrrMovementRow, MrrMovementRow];
    //                     start  new  exp  contr churn react end
    expect(money(jan)).toEqual(["0", "230", "0", "0", "0", "0", "230"]);
    expect(money(feb)).toEqual(["230", "200", "0", "0", "80", "0", "350"]);
    expect(money(mar)).toEqual(["350", "40", "50", "80", "50", "90", "400"]);
    //                      S  new churned react E
    expect(counts(jan)).toEqual([0, 3, 0, 0, 3]);
    expect(counts(feb)).toEqual([3, 1, 1, 0, 3]);
    expect(counts(mar)).toEqual([3, 1, 1, 1, 4]);
    expect([jan.netRevenueRetention, jan.grossRevenueRetention, jan.mrrChurnRate, jan.customerChurnRate, jan.quickRatio]).toEqual([null, null, null, null, null]);
    expect(feb.netRevenueRetention).toBe(150 / 230);
    expect(feb.quickRatio).toBe(2.5);
    expect(mar.netRevenueRetention).toBe(270 / 350); // (350 + 50 - 80 - 50) / 350
    expect(mar.grossRevenueRetention).toBe(220 / 350); // (350 - 80 - 50) / 350
    expect(mar.mrrChurnRate).toBe(130 / 350);
    expect(mar.customerChurnRate).toBe(1 / 3);
    expect(mar.quickRatio).toBe(180 / 130); // (40 + 50 + 90) / (80 + 50)
    expect(rows.every((r) => r.complete)).toBe(true);
  });

  it("gives the same rows from the equivalent change events, rows or columns", () => {
    const expected = plain(mrrMovements(intervals, { to }));
    expect(plain(mrrMovements(changes, { to }))).toEqual(expected);
    const columns = {
      customerId: intervals.map((i) => i.customerId),
      start: Float64Array.from(intervals, (i) => Date.parse(i.start)),
      end: Float64Array.from(intervals as Array<{ end?: string }>, (i) => (i.end === undefined ? NaN : Date.parse(i.end))),
      mrr: Float64Array.from(intervals, (i) => i.mrr as number),
    };
    expect(plain(mrrMovements(columns, { to }))).toEqual(expected);
    expect(plain(mrrMovements({ customerId: changes.map((c) => c.customerId), at: changes.map((c) => c.at), mrr: changes.map((c) => c.mrr) }, { to }))).toEqual(expected);
    expect(plain(mrrMovements(subscriptionTable(changes), { to }))).toEqual(expected);
  });

  it("counts a cancellation and a win-back inside one period as churned and reactivation", () => {
    const rows = mrrMovements([closed("f", "2024-01-01", "2024-03-05", 60), open("f", "2024-03-25", 60)], { to });
    expect(money(rows[2]!)).toEqual(["60", "0", "0", "0", "60", "60", "60"]);
    expect(counts(rows[2]!)).toEqual([1, 0, 1, 1, 1]);
    expect(rows[2]!.netRevenueRetention).toBe(0);
    expect(rows[2]!.customerChurnRate).toBe(1);
  });

  it("reads contiguous intervals as a change of price and overlapping ones as adding up", () => {
    const rows = mrrMovements([
      closed("a", "2024-01-01", "2024-02-01", 50), closed("a", "2024-02-01", "2024-03-01", 50), open("a", "2024-03-01", 70),
      closed("a", "2024-02-10", "2024-03-20", 20), // an add-on on top of the plan
    ], { to });
    expect(rows.map(money)).toEqual([
      ["0", "50", "0", "0", "0", "0", "50"],
      ["50", "0", "20", "0", "0", "0", "70"], // the renewal at the same price on Feb 1 is no movement
      ["70", "0", "20", "20", "0", "0", "70"], // +20 on Mar 1, -20 when the add-on ends
    ]);
    expect(rows.map((r) => r.churnedCustomers + r.newCustomers + r.reactivatedCustomers)).toEqual([1, 0, 0]);
    expect(rows[1]!.quickRatio).toBeNull(); // no losses
  });

  it("sums MRR exactly", () => {
    const rows = mrrMovements([open("a", "2024-01-01", "19.99"), open("b", "2024-01-02", 0.1), open("c", "2024-01-03", 0.2)], { to: "2024-02-01" });
    expect(rows[0]!.endingMrr.toString()).toBe("20.29");
    const mills = mrrMovements([open("a", "2024-01-01", "0.005")], { to: "2024-02-01", currencyScale: 3 });
    expect(mills[0]!.newMrr.toString()).toBe("0.005");
    expect(() => mrrMovements([open("a", "2024-01-01", "0.005")])).toThrow(/at most 2 decimals/);
  });

  it("keeps history before `from` and ignores changes at or after `to`", () => {
    const rows = mrrMovements(intervals, { from: "2024-03-01", to });
    expect(rows.map((r) => r.period.key)).toEqual(["2024-03"]);
    expect(money(rows[0]!)).toEqual(["350", "40", "50", "80", "50", "90", "400"]); // d is a win-back, not new
    const cut = mrrMovements(intervals, { to: "2024-03-12" });
    const mar = cut.at(-1)!;
    expect(mar.complete).toBe(false);
    expect(money(mar)).toEqual(["350", "40", "50", "80", "0", "0", "360"]);
    expect([mar.netRevenueRetention, mar.grossRevenueRetention, mar.mrrChurnRate, mar.customerChurnRate, mar.quickRatio]).toEqual([null, null, null, null, null]);
  });

  it("defaults `to` to just after the last change, leaving that period incomplete", () => {
    const rows = mrrMovements(intervals);
    expect(rows.at(-1)!.period.key).toBe("2024-03");
    expect(rows.at(-1)!.complete).toBe(false);
    expect(rows.at(-1)!.endingMrr.toString()).toBe("400");
  });

  it("buckets by the local calendar of the period's time zone", () => {
    const subs = [open("a", "2024-01-15T00:00:00Z", 10), change("a", "2024-03-01T03:00:00Z", 30)].map((r) => ("at" in r ? r : { customerId: r.customerId, at: r.start, mrr: r.mrr }));
    const utc = mrrMovements(subs, { to: "2024-04-01T00:00:00Z" });
    const ny = mrrMovements(subs, { to: "2024-04-01T00:00:00Z", timeZone: "America/New_York" });
    expect(utc.find((r) => r.period.key === "2024-03")!.expansionMrr.toString()).toBe("20");
    expect(ny.find((r) => r.period.key === "2024-02")!.expansionMrr.toString()).toBe("20"); // 22:00 on Feb 29 in New York
    const quarters = mrrMovements(intervals, { period: "quarter", to });
    expect(money(quarters[0]!)).toEqual(["0", "470", "50", "80", "130", "90", "400"]);
  });

  it("returns no rows without data, and empty periods with an explicit span", () => {
    expect(mrrMovements([])).toEqual([]);
    const rows = mrrMovements([], { from: "2024-01-01", to: "2024-03-01" });
    expect(rows.map((r) => [r.period.key, r.endingMrr.toString(), r.netRevenueRetention])).toEqual([["2024-01", "0", null], ["2024-02", "0", null]]);
  });

  it("refuses bad rows and options, or skips bad rows when asked", () => {
    expect(() => mrrMovements([closed("a", "2024-02-01", "2024-01-01", 10)])).toThrow(InvalidInputError);
    expect(() => mrrMovements([open("a", "2024-02-01", -10)])).toThrow(/at least 0/);
    expect(() => mrrMovements([open("a", "2024-02-30", 10)])).toThrow(/row 0/);
    expect(() => mrrMovements(intervals, { from: "2024-03-01", to: "2024-02-01" })).toThrow(/after from/);
    expect(() => mrrMovements(intervals, { period: "fortnight" as "month" })).toThrow(InvalidInputError);
    expect(() => mrrMovements([change("a", "2024-01-01", 10), change("a", "2024-01-01", 20)])).toThrow(InconsistentDataError);
    const rows = mrrMovements([...intervals, closed("x", "2024-03-01", "2024-02-01", 10), open("", "2024-03-01", 10)], { to, onInvalid: "skip" });
    expect(plain(rows)).toEqual(plain(mrrMovements(intervals, { to })));
  });
});

describe("mrrMovements: properties", () => {
  const TO = Date.UTC(2025, 1, 1);

  test.prop([intervalsArb, specArb], { numRuns: 120 })("equals the naive recount of every period", (intervals, spec) => {
    const rows = mrrMovements(intervals, { period: spec.unit, timeZone: spec.timeZone ?? "UTC", weekStartsOn: spec.weekStartsOn ?? 1, from: Date.UTC(2024, 0, 1), to: TO });
    const naive = naiveMovements(intervals, spec, Date.UTC(2024, 0, 1), TO);
    expect(rows.map((r) => r.period.key)).toEqual(naive.map((n) => n.key));
    rows.forEach((r, k) => {
      const n = naive[k]!;
      expect([r.complete, ...money(r).map((x) => Math.round(Number(x) * 100)), ...counts(r)]).toEqual([
        n.complete, n.start, n.fresh, n.expansion, n.contraction, n.churned, n.reactivation, n.end,
        n.customersAtStart, n.newCustomers, n.churnedCustomers, n.reactivatedCustomers, n.customersAtEnd,
      ]);
    });
  });

  test.prop([intervalsArb, specArb], { numRuns: 150 })("start + new + expansion + reactivation - contraction - churned = end, exactly", (intervals, spec) => {
    const rows = mrrMovements(intervals, { period: spec.unit, timeZone: spec.timeZone ?? "UTC", to: TO });
    rows.forEach((r, k) => {
      const end = r.startingMrr.plus(r.newMrr).plus(r.expansionMrr).plus(r.reactivationMrr).minus(r.contractionMrr).minus(r.churnedMrr);
      expect(end.equals(r.endingMrr)).toBe(true);
      expect(r.customersAtStart + r.newCustomers + r.reactivatedCustomers - r.churnedCustomers).toBe(r.customersAtEnd);
      if (k > 0) {
        expect(r.startingMrr.equals(rows[k - 1]!.endingMrr)).toBe(true);
        expect(r.customersAtStart).toBe(rows[k - 1]!.customersAtEnd);
      }
      for (const d of [r.newMrr, r.expansionMrr, r.contractionMrr, r.churnedMrr, r.reactivationMrr, r.endingMrr]) expect(d.isNegative() && !d.isZero()).toBe(false);
    });
  });

  test.prop([intervalsArb], { numRuns: 150 })("GRR <= 1, GRR <= NRR, and the rates are the formulas of the row", (intervals) => {
    for (const r of mrrMovements(intervals, { to: TO })) {
      const start = r.startingMrr.toNumber();
      if (!r.complete || start === 0) {
        expect([r.netRevenueRetention, r.grossRevenueRetention, r.mrrChurnRate]).toEqual([null, null, null]);
        continue;
      }
      const grr = r.grossRevenueRetention!;
      const nrr = r.netRevenueRetention!;
      expect(grr).toBeLessThanOrEqual(1);
      expect(grr).toBeLessThanOrEqual(nrr);
      // Relative tolerance: a tiny starting MRR makes the rates large (GRR of -10656 is a real case).
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      close(nrr, (start + r.expansionMrr.toNumber() - r.contractionMrr.toNumber() - r.churnedMrr.toNumber()) / start);
      close(r.mrrChurnRate!, 1 - grr);
      const losses = r.contractionMrr.plus(r.churnedMrr);
      if (losses.isZero()) expect(r.quickRatio).toBeNull();
      else close(r.quickRatio!, r.newMrr.plus(r.expansionMrr).plus(r.reactivationMrr).dividedBy(losses).toNumber());
      expect(Number.isNaN(r.customerChurnRate)).toBe(false);
    }
  });

  test.prop([intervalsArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))], { numRuns: 100 })(
    "does not depend on the order of the rows",
    ([intervals, shuffled]) => {
      expect(plain(mrrMovements(shuffled, { to: TO }))).toEqual(plain(mrrMovements(intervals, { to: TO })));
    },
  );

  test.prop([changesArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))], { numRuns: 100 })(
    "does not depend on the order of change events",
    ([changes, shuffled]) => {
      expect(plain(mrrMovements(shuffled, { to: TO }))).toEqual(plain(mrrMovements(changes, { to: TO })));
    },
  );

  test.prop([intervalsArb, specArb], { numRuns: 120 })("change events and the equivalent intervals give identical movements", (intervals, spec) => {
    const options = { period: spec.unit, timeZone: spec.timeZone ?? "UTC", to: TO };
    const changes = intervalsToChanges(intervals);
    expect(plain(mrrMovements(changes, options))).toEqual(plain(mrrMovements(intervals, options)));
  });

  test.prop([changesArb], { numRuns: 120 })("intervals rebuilt from change events (contiguous, some at one price) give identical movements", (changes) => {
    const intervals: PlainInterval[] = changesToIntervals(changes);
    // A customer whose only changes are to 0 has no interval; the movements do not see them either way.
    expect(plain(mrrMovements(intervals, { to: TO, from: Date.UTC(2023, 11, 1) }))).toEqual(plain(mrrMovements(changes, { to: TO, from: Date.UTC(2023, 11, 1) })));
  });
});
