import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { InconsistentDataError, InvalidInputError } from "../../src/errors.ts";
import { mrrMovements, type MrrMovementRow } from "../../src/revenue/mrrMovements.ts";
import { subscriptionTable } from "../../src/subscriptions/subscriptionTable.ts";
import { cancelableArb, type CancelableInterval, changesArb, changesToIntervals, intervalsArb, intervalsToChanges, naiveMovements, naiveMovementsWith, specArb, type PlainInterval } from "./mrrNaive.ts";

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

  test.prop([intervalsArb], { numRuns: 150 })("0 <= GRR <= 1, GRR <= NRR (or 0), and the rates are the formulas of the row", (intervals) => {
    for (const r of mrrMovements(intervals, { to: TO })) {
      const start = r.startingMrr.toNumber();
      if (!r.complete || start === 0) {
        expect([r.netRevenueRetention, r.grossRevenueRetention, r.mrrChurnRate]).toEqual([null, null, null]);
        continue;
      }
      const grr = r.grossRevenueRetention!;
      const nrr = r.netRevenueRetention!;
      expect(grr).toBeLessThanOrEqual(1);
      expect(grr).toBeGreaterThanOrEqual(0);
      expect(grr).toBeLessThanOrEqual(Math.max(nrr, 0));
      // Relative tolerance: a tiny starting MRR makes the rates large (GRR of -10656 is a real case).
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      close(nrr, (start + r.expansionMrr.toNumber() - r.contractionMrr.toNumber() - r.churnedMrr.toNumber()) / start);
      close(r.mrrChurnRate!, (r.contractionMrr.toNumber() + r.churnedMrr.toNumber()) / start);
      // GRR is 1 - the MRR churn rate, kept at 0 when new customers who left make that negative.
      close(grr, Math.max(0, 1 - r.mrrChurnRate!));
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

describe("mrrMovements: the conventions of each tool, by hand", () => {
  const to = "2024-03-01";
  // An upgrade, then a cancellation in the same month (the case).
  const upThenOut = [closed("a", "2024-01-01", "2024-02-10", 100), closed("a", "2024-02-10", "2024-02-20", 150)];

  it("events: expansion then churn of the upgraded MRR; snapshot: churn of the starting MRR", () => {
    const events = mrrMovements(upThenOut, { to })[1]!;
    const snap = mrrMovements(upThenOut, { to, movements: "snapshot" })[1]!;
    //                      start  new  exp  contr churn react end
    expect(money(events)).toEqual(["100", "0", "50", "0", "150", "0", "0"]);
    expect(money(snap)).toEqual(["100", "0", "0", "0", "100", "0", "0"]);
    expect(counts(snap)).toEqual(counts(events));
    // GRR would be (100 - 150) / 100 = -0.5 from the movements: kept at 0. The starting base keeps 0 of 100.
    expect([events.grossRevenueRetention, events.netRevenueRetention, events.startingBaseGrossRevenueRetention, events.startingBaseNetRevenueRetention]).toEqual([0, 0, 0, 0]);
    expect([snap.grossRevenueRetention, snap.netRevenueRetention, snap.mrrChurnRate]).toEqual([0, 0, 1]);
  });

  it("snapshot: a customer who comes and goes inside a month has no movement, is new-cancelled, and new when back", () => {
    const subs = [closed("n", "2024-01-05", "2024-01-25", 30), open("n", "2024-03-10", 40)];
    const events = mrrMovements(subs, { to: "2024-04-01" });
    const snap = mrrMovements(subs, { to: "2024-04-01", movements: "snapshot" });
    expect(events.map((r) => [r.newMrr.toString(), r.churnedMrr.toString(), r.reactivationMrr.toString(), r.newCancelledCustomers])).toEqual([["30", "30", "0", 1], ["0", "0", "0", 0], ["0", "0", "40", 0]]);
    expect(snap.map((r) => [r.newMrr.toString(), r.churnedMrr.toString(), r.reactivationMrr.toString(), r.newCancelledCustomers])).toEqual([["0", "0", "0", 1], ["0", "0", "0", 0], ["40", "0", "0", 0]]);
  });

  it("cancelDate books the churn when the cancellation was made", () => {
    const subs = [{ customerId: "a", start: "2024-01-01", end: "2024-03-01", canceledAt: "2024-01-20", mrr: 100 }, closed("b", "2024-01-01", "2024-04-01", 50)];
    const atEnd = mrrMovements(subs, { to: "2024-04-01" });
    const atCancel = mrrMovements(subs, { to: "2024-04-01", churnRecognition: "cancelDate" });
    expect(atEnd.map((r) => r.churnedMrr.toString())).toEqual(["0", "0", "100"]);
    expect(atCancel.map((r) => r.churnedMrr.toString())).toEqual(["100", "0", "0"]);
    expect(atCancel.map((r) => r.endingMrr.toString())).toEqual(["50", "50", "50"]);
    expect(atCancel[0]!.newCancelledCustomers).toBe(1);
    // Without any canceledAt, both conventions agree.
    expect(plain(mrrMovements(intervalsOnly(subs), { to, churnRecognition: "cancelDate" }))).toEqual(plain(mrrMovements(intervalsOnly(subs), { to })));
  });

  it("reactivationGap: a short time at zero is a continuation at the earlier MRR", () => {
    const subs = [closed("b", "2024-01-01", "2024-02-05", 50), open("b", "2024-02-15", 60)]; // 10 days at 0
    const day = 86_400_000;
    const feb = (gap: number) => money(mrrMovements(subs, { to, reactivationGap: gap })[1]!);
    expect(feb(0)).toEqual(["50", "0", "0", "0", "50", "60", "60"]);
    expect(feb(10 * day)).toEqual(["50", "0", "0", "0", "50", "60", "60"]); // exactly the gap: a reactivation
    expect(feb(30 * day)).toEqual(["50", "0", "10", "0", "0", "0", "60"]);
    expect(mrrMovements(subs, { to, reactivationGap: 30 * day })[1]!.churnedCustomers).toBe(0);
    // Still at 0 when the data ends: a churn, whatever the gap.
    expect(money(mrrMovements(subs, { to: "2024-02-12", reactivationGap: 30 * day })[1]!)).toEqual(["50", "0", "0", "0", "50", "0", "0"]);
  });

  it("groupWithin merges a customer's changes within the window into one movement", () => {
    const subs = [change("c", "2024-01-10T10:00:00Z", 100), change("c", "2024-01-10T10:30:00Z", 0), change("c", "2024-01-10T10:45:00Z", 120)];
    expect(money(mrrMovements(subs, { to: "2024-02-01" })[0]!)).toEqual(["0", "100", "0", "0", "100", "120", "120"]);
    expect(money(mrrMovements(subs, { to: "2024-02-01", groupWithin: 3_600_000 })[0]!)).toEqual(["0", "120", "0", "0", "0", "0", "120"]);
    // 20 minutes: 10:00 alone; 10:30 and 10:45 are one change, from 100 to 120.
    expect(money(mrrMovements(subs, { to: "2024-02-01", groupWithin: 20 * 60_000 })[0]!)).toEqual(["0", "100", "20", "0", "0", "0", "120"]);
  });

  it("the quick ratio with reactivation (Stripe) and without (Baremetrics)", () => {
    const mar = mrrMovements([
      closed("a", "2024-01-01", "2024-03-10", 100), open("a", "2024-03-10", 150),
      closed("b", "2024-02-01", "2024-03-05", 200), open("b", "2024-03-05", 120),
      closed("c", "2024-01-01", "2024-03-20", 50),
      closed("d", "2024-01-01", "2024-02-01", 80), open("d", "2024-03-15", 90),
      open("e", "2024-03-03", 40),
    ], { to: "2024-04-01" })[2]!;
    expect(mar.quickRatio).toBe(180 / 130);
    expect(mar.quickRatioWithoutReactivation).toBe(90 / 130); // (40 + 50) / (80 + 50)
    // Starting base: a 150, b 120, c 0 of 350 at the start (d had left, e is new).
    expect(mar.startingBaseNetRevenueRetention).toBe(270 / 350);
    expect(mar.startingBaseGrossRevenueRetention).toBe(220 / 350);
  });

  it("refuses bad options and bad cancellation instants with typed errors naming them", () => {
    const bad = (options: object, field: string) => {
      const e = (() => { try { mrrMovements(upThenOut, options); } catch (x) { return x; } return null; })();
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).field).toBe(field);
    };
    bad({ movements: "monthly" }, "movements");
    bad({ churnRecognition: "cancelledAt" }, "churnRecognition");
    bad({ groupWithin: -1 }, "groupWithin");
    bad({ groupWithin: Number.NaN }, "groupWithin");
    bad({ reactivationGap: Infinity }, "reactivationGap");
    bad({ reactivationGap: "30d" }, "reactivationGap");
    expect(() => mrrMovements([{ customerId: "a", start: "2024-01-10", canceledAt: "2024-01-01", mrr: 5 }])).toThrow(/canceledAt.*row 0|row 0.*canceledAt/);
    const after = (() => { try { subscriptionTable([closed("x", "2024-01-01", "2024-02-01", 5), { customerId: "a", start: "2024-01-10", end: "2024-02-01", canceledAt: "2024-02-02", mrr: 5 }]); } catch (x) { return x as InvalidInputError; } return null; })();
    expect(after).toBeInstanceOf(InvalidInputError);
    expect([after!.field, after!.row]).toEqual(["canceledAt", 1]);
    expect(after!.message).toMatch(/to its end \(2024-02-01T00:00:00.000Z\)/);
    const skipped = subscriptionTable([{ customerId: "a", start: "2024-01-10", canceledAt: "nope", mrr: 5 }, open("b", "2024-01-01", 5)], { onInvalid: "skip" });
    expect([skipped.skipped.byField.canceledAt, skipped.customerCount]).toEqual([1, 1]);
  });
});

/** The rows without their cancellation instants. */
function intervalsOnly(rows: Array<{ customerId: string; start: string; end: string; mrr: number | string; canceledAt?: string }>) {
  return rows.map(({ canceledAt: _c, ...rest }) => rest);
}

describe("mrrMovements: the conventions, against the naive recount", () => {
  const TO = Date.UTC(2025, 1, 1);
  const FROM = Date.UTC(2024, 0, 1);
  const optionsArb = fc.record({
    movements: fc.constantFrom("events" as const, "snapshot" as const),
    churnRecognition: fc.constantFrom("periodEnd" as const, "cancelDate" as const),
    groupWithin: fc.constantFrom(0, 3_600_000, 5 * 86_400_000),
    reactivationGap: fc.constantFrom(0, 86_400_000, 31 * 86_400_000),
  });
  const toColumns = (xs: CancelableInterval[]) => ({
    customerId: xs.map((x) => x.customerId),
    start: Float64Array.from(xs, (x) => x.start),
    end: Float64Array.from(xs, (x) => x.end ?? NaN),
    canceledAt: Float64Array.from(xs, (x) => x.canceledAt ?? NaN),
    mrr: xs.map((x) => x.mrr),
  });

  test.prop([cancelableArb, specArb, optionsArb], { numRuns: 150 })("every row equals the naive recount under the options", (intervals, spec, o) => {
    const rows = mrrMovements(toColumns(intervals), { ...o, period: spec.unit, timeZone: spec.timeZone ?? "UTC", weekStartsOn: spec.weekStartsOn ?? 1, from: FROM, to: TO });
    const naive = naiveMovementsWith(intervals, spec, FROM, TO, o);
    expect(rows.map((r) => r.period.key)).toEqual(naive.map((n) => n.key));
    rows.forEach((r, k) => {
      const n = naive[k]!;
      expect([...money(r).map((x) => Math.round(Number(x) * 100)), ...counts(r), r.newCancelledCustomers]).toEqual([
        n.start, n.fresh, n.expansion, n.contraction, n.churned, n.reactivation, n.end,
        n.customersAtStart, n.newCustomers, n.churnedCustomers, n.reactivatedCustomers, n.customersAtEnd, n.newCancelled,
      ]);
      if (r.complete && n.start > 0) {
        expect(r.startingBaseNetRevenueRetention).toBeCloseTo(n.baseEnd / n.start, 12);
        expect(r.startingBaseGrossRevenueRetention).toBeCloseTo(Math.max(0, (n.start - n.baseLosses) / n.start), 12);
      } else {
        expect([r.startingBaseNetRevenueRetention, r.startingBaseGrossRevenueRetention]).toEqual([null, null]);
      }
    });
  });

  test.prop([cancelableArb, specArb, optionsArb], { numRuns: 120 })("snapshot movements sum to the same net change, period by period, as event movements", (intervals, spec, o) => {
    const options = { ...o, period: spec.unit, timeZone: spec.timeZone ?? "UTC", to: TO };
    const events = mrrMovements(toColumns(intervals), { ...options, movements: "events" });
    const snap = mrrMovements(toColumns(intervals), { ...options, movements: "snapshot" });
    expect(snap.map((r) => [r.period.key, r.startingMrr.toString(), r.endingMrr.toString(), r.customersAtStart, r.customersAtEnd, r.newCancelledCustomers]))
      .toEqual(events.map((r) => [r.period.key, r.startingMrr.toString(), r.endingMrr.toString(), r.customersAtStart, r.customersAtEnd, r.newCancelledCustomers]));
    for (const r of snap) {
      const net = r.newMrr.plus(r.expansionMrr).plus(r.reactivationMrr).minus(r.contractionMrr).minus(r.churnedMrr);
      expect(net.equals(r.endingMrr.minus(r.startingMrr))).toBe(true);
      // One movement per customer: no customer both churns and comes back in a period.
      expect(r.churnedCustomers + r.newCustomers + r.reactivatedCustomers).toBeLessThanOrEqual(r.customersAtStart + r.customersAtEnd);
    }
  });

  test.prop([intervalsArb, specArb], { numRuns: 100 })("the default options are today's results, named or not", (intervals, spec) => {
    const options = { period: spec.unit, timeZone: spec.timeZone ?? "UTC", weekStartsOn: spec.weekStartsOn ?? 1, from: FROM, to: TO };
    const named = mrrMovements(intervals, { ...options, movements: "events", churnRecognition: "periodEnd", groupWithin: 0, reactivationGap: 0 });
    expect(plain(named)).toEqual(plain(mrrMovements(intervals, options)));
    // And they equal the pre-existing naive recount (no option in it at all).
    const naive = naiveMovements(intervals, spec, FROM, TO);
    expect(named.map((r) => money(r).map((x) => Math.round(Number(x) * 100)))).toEqual(naive.map((n) => [n.start, n.fresh, n.expansion, n.contraction, n.churned, n.reactivation, n.end]));
  });

  test.prop([cancelableArb, optionsArb], { numRuns: 120 })("GRR and the starting base's GRR lie in [0, 1]; the quick ratios are their formulas", (intervals, o) => {
    for (const r of mrrMovements(toColumns(intervals), { ...o, to: TO })) {
      for (const g of [r.grossRevenueRetention, r.startingBaseGrossRevenueRetention]) if (g !== null) expect(g >= 0 && g <= 1).toBe(true);
      const losses = r.contractionMrr.plus(r.churnedMrr);
      if (!r.complete || losses.isZero()) expect([r.quickRatio, r.quickRatioWithoutReactivation]).toEqual([null, null]);
      else expect(r.quickRatioWithoutReactivation).toBeCloseTo(r.newMrr.plus(r.expansionMrr).dividedBy(losses).toNumber(), 12);
      if (r.quickRatio !== null) expect(r.quickRatio).toBeGreaterThanOrEqual(r.quickRatioWithoutReactivation!);
    }
  });

  test.prop([intervalsArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), optionsArb], { numRuns: 60 })(
    "does not depend on the order of the rows, under any convention",
    ([intervals, shuffled], o) => {
      expect(plain(mrrMovements(shuffled, { ...o, to: TO }))).toEqual(plain(mrrMovements(intervals, { ...o, to: TO })));
    },
  );
});
