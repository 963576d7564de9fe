import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { eventTable } from "../../src/events/eventTable.ts";
import { periodOf } from "../../src/periods/index.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { cdnowSummary, cdnowSummaryPlain, cdnowTransactions } from "./cdnow.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { EVENT_NAMES, namedEventsArb, namesPresent, returnOnly } from "../activity/naive.ts";

describe("rfmSummary on CDNOW (Fader, Hardie & Lee 2005 data, lifetimes' summary files)", () => {
  const transactions = cdnowTransactions();
  const rows = rfmSummary(transactions, { observationEnd: "1997-09-30", timeUnit: "week" });

  it("reproduces cdnow_customers_summary.csv row for row (x, t_x and T to the file's two decimals)", () => {
    const published = cdnowSummaryPlain();
    expect(rows).toHaveLength(2357);
    expect(published).toHaveLength(2357);
    const byId = new Map(rows.map((r) => [r.customerId, r]));
    for (const p of published) {
      const r = byId.get(p.id)!;
      expect([r.frequency, r.recency.toFixed(2), r.T.toFixed(2)], `customer ${p.id}`).toEqual([p.frequency, p.recency.toFixed(2), p.T.toFixed(2)]);
    }
    expect(rows.filter((r) => r.frequency === 0)).toHaveLength(1411);
  });

  it("reproduces zbar of cdnow_customers_summary_with_transactions.csv to within the file's rounding", () => {
    const byId = new Map(rows.map((r) => [r.customerId, r]));
    let sum = 0;
    let repeaters = 0;
    for (const p of cdnowSummary()) {
      const m = byId.get(p.id)!.monetaryValue!.toNumber();
      expect(Math.abs(m - p.monetaryValue), `customer ${p.id}`).toBeLessThanOrEqual(0.005 + 1e-9);
      if (p.frequency > 0) {
        sum += m;
        repeaters++;
      }
    }
    expect(repeaters).toBe(946);
    // The README's 35.0786 is the mean of the file's rounded values; ours is unrounded.
    expect(Math.abs(sum / repeaters - 35.0786)).toBeLessThan(0.005);
  });

  it("splits calibration and holdout: same calibration columns, holdout through 1998-06-30", () => {
    const split = rfmSummary(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" });
    expect(split.map(({ customerId, frequency, recency, T }) => ({ customerId, frequency, recency, T })))
      .toEqual(rows.map(({ customerId, frequency, recency, T }) => ({ customerId, frequency, recency, T })));
    expect(new Set(split.map((r) => r.durationHoldout))).toEqual(new Set([273 / 7]));
    // Every purchase day after 1997-09-30 of the sampled customers is in the holdout.
    const days = new Set(transactions.filter((t) => t.at > "1997-09-30").map((t) => `${t.customerId} ${t.at}`));
    expect(split.reduce((s, r) => s + r.frequencyHoldout, 0)).toBe(days.size);
    const first = split.find((r) => r.customerId === 1)!;
    expect([first.frequencyHoldout, first.monetaryValueHoldout!.toString()]).toEqual([1, "26.48"]);
  });
});

describe("rfmSummary: definitions", () => {
  const e = (customerId: string, at: string, amount: number) => ({ customerId, at, amount });

  it("groups a day's orders into one purchase and leaves the first day out of the monetary value", () => {
    const rows = rfmSummary([
      e("a", "2024-01-01T09:00:00Z", 10), e("a", "2024-01-01T17:00:00Z", 5),
      e("a", "2024-01-08T10:00:00Z", 20), e("a", "2024-01-08T11:00:00Z", 1),
      e("a", "2024-01-15T10:00:00Z", 30), e("b", "2024-01-10T10:00:00Z", 8),
    ], { observationEnd: "2024-01-31" });
    expect(rows.map((r) => [r.customerId, r.frequency, r.recency, r.T, r.monetaryValue!.toString()])).toEqual([
      ["a", 2, 14, 30, "25.5"],
      ["b", 0, 0, 21, "0"],
    ]);
  });

  it("reads days in the time zone: 23:30 in New York is the next UTC day", () => {
    const events = [e("a", "2024-03-01T12:00:00-05:00", 10), e("a", "2024-03-01T23:30:00-05:00", 10), e("a", "2024-03-02T00:30:00-05:00", 4)];
    const ny = rfmSummary(events, { observationEnd: "2024-03-10", timeZone: "America/New_York" });
    const utc = rfmSummary(events, { observationEnd: "2024-03-10" });
    expect([ny[0]!.frequency, ny[0]!.recency, ny[0]!.T, ny[0]!.monetaryValue!.toString()]).toEqual([1, 1, 9, "4"]);
    expect([utc[0]!.frequency, utc[0]!.recency, utc[0]!.T, utc[0]!.monetaryValue!.toString()]).toEqual([1, 1, 9, "14"]);
  });

  it("counts calendar days across a DST change (a 23-hour day is one day)", () => {
    const rows = rfmSummary([e("a", "2024-03-09T12:00:00-05:00", 1), e("a", "2024-03-11T12:00:00-04:00", 1)], {
      observationEnd: "2024-03-11", timeZone: "America/New_York",
    });
    expect([rows[0]!.recency, rows[0]!.T]).toEqual([2, 2]);
  });

  it("ignores events after the end and customers who start after the calibration end", () => {
    const rows = rfmSummary([e("a", "2024-01-01", 1), e("a", "2024-02-01", 2), e("b", "2024-01-20", 3), e("c", "2024-03-01", 4)], {
      calibrationEnd: "2024-01-15", observationEnd: "2024-02-15",
    });
    expect(rows.map((r) => [r.customerId, r.frequency, r.T, r.frequencyHoldout, r.monetaryValueHoldout!.toString(), r.durationHoldout])).toEqual([
      ["a", 0, 14, 1, "2", 31],
    ]);
  });

  it("defaults the end to the last event's day and the unit to days; weeks divide by 7", () => {
    const events = [e("a", "2024-01-01", 1), e("a", "2024-01-08", 2), e("b", "2024-01-15", 3)];
    const days = rfmSummary(events);
    const weeks = rfmSummary(events, { timeUnit: "week" });
    expect(days.map((r) => [r.recency, r.T])).toEqual([[7, 14], [0, 0]]);
    expect(weeks.map((r) => [r.recency, r.T])).toEqual([[1, 2], [0, 0]]);
  });

  it("accepts rows, columns and an EventTable alike; no amounts give null monetary values", () => {
    const rows = [e("a", "2024-01-01", 1.5), e("b", "2024-01-03", 2), e("a", "2024-01-04", 3.25)];
    const columns = { customerId: rows.map((r) => r.customerId), at: rows.map((r) => r.at), amount: rows.map((r) => r.amount) };
    const expected = rfmSummary(rows, { observationEnd: "2024-01-10" });
    expect(rfmSummary(columns, { observationEnd: "2024-01-10" })).toEqual(expected);
    expect(rfmSummary(eventTable(rows), { observationEnd: "2024-01-10" })).toEqual(expected);
    const bare = rfmSummary(rows.map(({ customerId, at }) => ({ customerId, at })), { observationEnd: "2024-01-10" });
    expect(bare.map((r) => r.monetaryValue)).toEqual([null, null]);
  });

  it("returns no rows for no events, and refuses an end before every purchase (as lifetimes does)", () => {
    const none = rfmSummary([]);
    expect(none).toEqual([]);
    expect({ customers: none.leftOut.customers, events: none.leftOut.events }).toEqual({ customers: 0, events: 0 });
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof InvalidInputError ? { field: err.field, value: err.value, message: err.message } : err;
      }
      return "no error";
    };
    const late = [e("a", "2024-01-05", 1), e("b", "2024-01-09", 2)];
    expect(refusal(() => rfmSummary(late, { observationEnd: "2024-01-01" }))).toEqual({
      field: "observationEnd",
      value: "2024-01-01",
      message: expect.stringMatching(/on or after the first purchase \(2024-01-05T00:00:00\.000Z\).*no customer could be summarised/),
    });
    expect(refusal(() => rfmSummary(late, { calibrationEnd: "2024-01-04", observationEnd: "2024-01-31" }))).toEqual({
      field: "calibrationEnd",
      value: "2024-01-04",
      message: expect.stringMatching(/on or after the first purchase \(2024-01-05/),
    });
  });

  it("reports the customers and events it leaves out on a non-enumerable leftOut", () => {
    const events = [
      e("a", "2024-01-01", 1), e("a", "2024-01-03", 2), e("a", "2024-01-20", 4), // the last after the end
      e("b", "2024-01-12", 5), e("b", "2024-01-13", 6), // b starts after the end: left out with both events
      e("c", "2024-01-25", 7), // so is c
    ];
    const rows = rfmSummary(events, { observationEnd: "2024-01-10" });
    expect(rows.map((r) => r.customerId)).toEqual(["a"]);
    expect(rows.leftOut.customers).toBe(2);
    expect(rows.leftOut.events).toBe(4);
    expect(rows.leftOut.skipped.total).toBe(0);
    expect(Object.keys(rows)).toEqual(["0"]); // not enumerable: spreading, JSON and toEqual see a plain array
    expect(JSON.stringify(rows)).not.toContain("leftOut");
    // a holdout: b bought only after the calibration end, so it is left out; a's later purchases are its holdout
    const split = rfmSummary(events, { calibrationEnd: "2024-01-10", observationEnd: "2024-01-31" });
    expect(split.map((r) => [r.customerId, r.frequencyHoldout])).toEqual([["a", 1]]);
    expect([split.leftOut.customers, split.leftOut.events]).toEqual([2, 3]);
    // rows skipped as invalid are reported too
    const skipping = rfmSummary([...events, e("d", "not a date", 1)], { observationEnd: "2024-01-10", onInvalid: "skip" });
    expect(skipping.leftOut.skipped.total).toBe(1);
  });

  it("refuses a bad unit, end or calibration end after the observation end", () => {
    const events = [e("a", "2024-01-01", 1)];
    expect(() => rfmSummary(events, { timeUnit: "month" as "day" })).toThrow(InvalidInputError);
    expect(() => rfmSummary(events, { observationEnd: "2024-13-01" })).toThrow(InvalidInputError);
    expect(() => rfmSummary(events, { calibrationEnd: "2024-02-01", observationEnd: "2024-01-15" })).toThrow(/calibrationEnd/);
    expect(() => rfmSummary(events, { timeZone: "Mars/Base" })).toThrow(InvalidInputError);
  });
});

/**
 * lifetimes' definitions over plain objects: days as periodOf keys, periods (lifetimes' freq) numbered
 * from their start days, sets and sums; nothing shared with the implementation. Purchases count in the
 * calibration through the calibration end day, and in the holdout after it.
 */
function naiveSummary(events: Array<{ customerId: string; at: number; amount: number }>, timeZone: string, end: number, calibration: number, unit: "day" | "week" | "month" = "day", weekStartsOn: 0 | 1 = 1) {
  const dayNumber = (t: number) => Date.parse(`${periodOf(t, { unit: "day", timeZone }).key}T00:00:00Z`) / 86_400_000;
  const periodNumber = (t: number): number => {
    if (unit === "day") return dayNumber(t);
    const p = periodOf(t, { unit, timeZone, weekStartsOn });
    if (unit === "week") return Math.floor(dayNumber(p.start.getTime()) / 7); // week starts are 7 days apart
    const [y, m] = p.key.split("-").map(Number) as [number, number];
    return y * 12 + m;
  };
  const endDay = dayNumber(end);
  const calDay = dayNumber(calibration);
  const calPeriod = periodNumber(calibration);
  const endPeriod = periodNumber(end);
  const byCustomer = new Map<string, { cal: Map<number, number>; hold: Map<number, number> }>();
  for (const ev of events) {
    const d = dayNumber(ev.at);
    if (d > endDay) continue;
    const c = byCustomer.get(ev.customerId) ?? { cal: new Map<number, number>(), hold: new Map<number, number>() };
    const part = d <= calDay ? c.cal : c.hold;
    const k = periodNumber(ev.at);
    part.set(k, (part.get(k) ?? 0) + Math.round(ev.amount * 100));
    byCustomer.set(ev.customerId, c);
  }
  const out = new Map<string, [number, number, number, number, number, number]>();
  for (const [id, { cal: calMap, hold: holdMap }] of byCustomer) {
    const cal = [...calMap.keys()].sort((a, b) => a - b);
    // a customer whose first purchase is after the calibration end has no row
    if (cal.length === 0) continue;
    const hold = [...holdMap.keys()];
    const repeatCents = cal.slice(1).reduce((s, d) => s + calMap.get(d)!, 0);
    const holdCents = hold.reduce((s, d) => s + holdMap.get(d)!, 0);
    out.set(id, [cal.length - 1, cal[cal.length - 1]! - cal[0]!, calPeriod - cal[0]!, cal.length > 1 ? repeatCents / (cal.length - 1) : 0, hold.length, hold.length > 0 ? holdCents / hold.length : 0]);
  }
  void endPeriod;
  return out;
}

describe("rfmSummary: groupBy", () => {
  const e = (customerId: string, at: string, amount: number) => ({ customerId, at, amount });
  // Monday 2024-01-01, Sunday 2024-01-07, Monday 2024-01-08; the end, Wednesday 2024-01-31, is in the week of 2024-01-29
  const events = [e("a", "2024-01-01", 10), e("a", "2024-01-07", 5), e("a", "2024-01-08", 20), e("a", "2024-01-09", 4), e("b", "2024-01-17", 8)];

  it("week: purchases in one calendar week are one transaction; recency and T count whole weeks", () => {
    const rows = rfmSummary(events, { observationEnd: "2024-01-31", groupBy: "week" });
    expect(rows.map((r) => [r.customerId, r.frequency, r.recency, r.T, r.monetaryValue!.toString()])).toEqual([
      ["a", 1, 1, 4, "24"],
      ["b", 0, 0, 2, "0"],
    ]);
    // weeks from Sunday: the 7th opens a new week
    const sunday = rfmSummary(events, { observationEnd: "2024-01-31", groupBy: "week", weekStartsOn: 0 });
    expect([sunday[0]!.frequency, sunday[0]!.recency, sunday[0]!.T, sunday[0]!.monetaryValue!.toString()]).toEqual([1, 1, 4, "29"]);
    // "day" is today's grouping
    expect(rfmSummary(events, { observationEnd: "2024-01-31", groupBy: "day" })).toEqual(rfmSummary(events, { observationEnd: "2024-01-31" }));
    expect(rfmSummary(events, { observationEnd: "2024-01-31", groupBy: "week", timeUnit: "week" })).toEqual(rows);
  });

  it("month and year; the observation end day still bounds the purchases", () => {
    const month = rfmSummary([...events, e("a", "2024-02-20", 7), e("a", "2024-03-02", 1)], { observationEnd: "2024-02-10", groupBy: "month" });
    expect([month[0]!.frequency, month[0]!.recency, month[0]!.T]).toEqual([0, 0, 1]);
    expect(month.leftOut.events).toBe(2); // 2024-02-20 is in February but after the end day
    const year = rfmSummary([e("a", "2020-03-01", 1), e("a", "2021-12-31", 1), e("a", "2023-01-01", 1)], { observationEnd: "2024-06-30", groupBy: "year" });
    expect([year[0]!.frequency, year[0]!.recency, year[0]!.T]).toEqual([2, 3, 4]);
  });

  it("refuses an unknown groupBy and a fractional timeUnit beside it, naming the field", () => {
    const error = expectInvalidInput(() => rfmSummary(events, { groupBy: "fortnight" as "week" }), "groupBy");
    expect(error.message).toContain('"week"');
    expect(expectInvalidInput(() => rfmSummary(events, { groupBy: "month", timeUnit: "week" }), "timeUnit").message).toContain("whole month periods");
    expectInvalidInput(() => rfmSummary(events, { groupBy: "week", timeUnit: "day" }), "timeUnit");
    expect(() => rfmSummary(events, { groupBy: "week", weekStartsOn: 9 as 1 })).toThrow(/weekStartsOn/);
  });
});

describe("rfmSummary: properties", () => {
  const eventsArb = fc.array(
    fc.record({
      customerId: fc.constantFrom("a", "b", "c", "d", "__proto__"),
      at: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 3, 1) }),
      amount: fc.integer({ min: 0, max: 50_000 }).map((c) => c / 100),
    }),
    { maxLength: 40 },
  );

  test.prop([
    eventsArb,
    fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"),
    fc.integer({ min: Date.UTC(2024, 0, 15), max: Date.UTC(2024, 2, 1) }),
    fc.integer({ min: 0, max: 40 }),
  ], { numRuns: 150 })("equals a naive recomputation, in any time zone, with a holdout", (events, timeZone, calibration, extraDays) => {
    const end = calibration + extraDays * 86_400_000;
    const naive = naiveSummary(events, timeZone, end, calibration);
    if (events.length > 0 && naive.size === 0) {
      // every purchase after the calibration end (or the observation end): refused, not an empty summary
      expect(() => rfmSummary(events, { timeZone, calibrationEnd: calibration, observationEnd: end })).toThrow(/on or after the first purchase/);
      return;
    }
    const rows = rfmSummary(events, { timeZone, calibrationEnd: calibration, observationEnd: end });
    expect(rows.length).toBe(naive.size);
    // what is left out: the other customers, with all their events, and every event after the end
    const dayKey = (t: number) => periodOf(t, { unit: "day", timeZone }).key;
    const endKey = dayKey(end);
    const leftOutEvents = events.filter((ev) => !naive.has(ev.customerId) || dayKey(ev.at) > endKey).length;
    expect([rows.leftOut.customers, rows.leftOut.events]).toEqual([new Set(events.map((ev) => ev.customerId)).size - naive.size, leftOutEvents]);
    for (const r of rows) {
      const [x, tx, T, m, xh, mh] = naive.get(r.customerId as string)!;
      expect([r.frequency, r.recency, r.T, r.frequencyHoldout]).toEqual([x, tx, T, xh]);
      expect(r.monetaryValue!.times(100).toNumber()).toBeCloseTo(m, 9);
      expect(r.monetaryValueHoldout!.times(100).toNumber()).toBeCloseTo(mh, 9);
    }
  });

  test.prop([
    eventsArb,
    fc.constantFrom("UTC", "America/New_York"),
    fc.integer({ min: Date.UTC(2024, 0, 15), max: Date.UTC(2024, 2, 1) }),
    fc.integer({ min: 0, max: 40 }),
    fc.constantFrom<"week" | "month">("week", "month"),
    fc.constantFrom<0 | 1>(0, 1),
  ], { numRuns: 150 })("groupBy week or month equals the naive recomputation over calendar periods (lifetimes' freq)", (events, timeZone, calibration, extraDays, groupBy, weekStartsOn) => {
    const end = calibration + extraDays * 86_400_000;
    const naive = naiveSummary(events, timeZone, end, calibration, groupBy, weekStartsOn);
    const options = { timeZone, calibrationEnd: calibration, observationEnd: end, groupBy, weekStartsOn };
    if (events.length > 0 && naive.size === 0) {
      expect(() => rfmSummary(events, options)).toThrow(/on or after the first purchase/);
      return;
    }
    const rows = rfmSummary(events, options);
    expect(rows.length).toBe(naive.size);
    for (const r of rows) {
      const [x, tx, T, m, xh, mh] = naive.get(r.customerId as string)!;
      expect([r.frequency, r.recency, r.T, r.frequencyHoldout]).toEqual([x, tx, T, xh]);
      expect(Number.isInteger(r.durationHoldout)).toBe(true);
      expect(r.monetaryValue!.times(100).toNumber()).toBeCloseTo(m, 9);
      expect(r.monetaryValueHoldout!.times(100).toNumber()).toBeCloseTo(mh, 9);
    }
  });

  test.prop([eventsArb, fc.constantFrom<"day" | "week">("day", "week")], { numRuns: 60 })("does not depend on the order of the events", (events, timeUnit) => {
    const reversed = [...events].reverse();
    const key = (rows: ReturnType<typeof rfmSummary>) => [...rows].sort((a, b) => String(a.customerId).localeCompare(String(b.customerId)));
    expect(key(rfmSummary(reversed, { timeUnit, observationEnd: "2024-04-01" }))).toEqual(key(rfmSummary(events, { timeUnit, observationEnd: "2024-04-01" })));
  });
});

describe("rfmSummary: each refusal's field, value and text (issue #12, mutation testing)", () => {
  const events = [{ customerId: "a", at: "2024-01-01T12:00:00Z", amount: 1 }, { customerId: "a", at: "2024-01-05T12:00:00Z", amount: 3 }];

  it("names the field, the value and what was expected", () => {
    expectInvalid(() => rfmSummary(events, null as never), { field: "options", value: null, message: /\{ observationEnd: "2024-12-31", timeUnit: "week" \}/ });
    expectInvalid(() => rfmSummary(events, { timeUnit: "month" as "day" }), { field: "timeUnit", value: "month", message: /"day", "week"/ });
    expectInvalid(() => rfmSummary(events, { calibrationEnd: "2024-02-01", observationEnd: "2024-01-15" }), { field: "calibrationEnd", value: "2024-02-01", message: /a day no later than observationEnd/ });
    expectInvalid(() => rfmSummary(events, { timeZone: "Mars/Base" }), { field: "timeZone", value: "Mars/Base", message: /./ });
  });

  it("takes a calibration end on the observation end's day: no holdout purchases", () => {
    const rows = rfmSummary(events, { calibrationEnd: "2024-01-10", observationEnd: "2024-01-10" });
    expect(rows.map((r) => [r.frequency, r.frequencyHoldout, r.durationHoldout])).toEqual([[1, 0, 0]]);
  });
});

describe("rfmSummary: returnEvent", () => {
  it("summarises the return events as the purchases, observed to the data's last day, by hand", () => {
    const events = [
      { customerId: "a", at: "2024-01-01T10:00:00Z", event: "signup" },
      { customerId: "a", at: "2024-01-03T10:00:00Z", event: "buy", amount: 10 },
      { customerId: "a", at: "2024-01-06T10:00:00Z", event: "buy", amount: 30 },
      { customerId: "b", at: "2024-01-02T10:00:00Z", event: "signup" },
      { customerId: "b", at: "2024-01-11T10:00:00Z", event: "visit" },
    ];
    const s = rfmSummary(events, { returnEvent: "buy" });
    // a: first purchase on the 3rd, one repeat 3 days later, observed to the 11th (8 days); b never bought.
    expect(s.map((r) => [r.customerId, r.frequency, r.recency, r.T, String(r.monetaryValue)])).toEqual([["a", 1, 3, 8, "30"]]);
  });

  test.prop([namedEventsArb, fc.subarray([...EVENT_NAMES], { minLength: 1 })], { numRuns: 40 })(
    "equals the summary of the return events alone, observed to the data's last day",
    (events, wanted) => {
      const names = namesPresent(events, wanted);
      if (names === null) return;
      const kept = returnOnly(events, names);
      const last = Math.max(...events.map((e) => e.at));
      const ours = rfmSummary(events, { returnEvent: (x) => names.includes(x) });
      const theirs = rfmSummary(kept, { observationEnd: last });
      expect([...ours].map((r) => ({ ...r, monetaryValue: String(r.monetaryValue) }))).toEqual([...theirs].map((r) => ({ ...r, monetaryValue: String(r.monetaryValue) })));
      expect(ours.length).toBe(new Set(kept.map((e) => e.customerId)).size);
    },
  );

  it("refuses startEvent", () => {
    expectInvalid(() => rfmSummary([{ customerId: "a", at: 0, event: "buy" }], { startEvent: "buy" } as never), { field: "startEvent", value: "buy", message: /expected no startEvent with rfmSummary/ });
  });
});
