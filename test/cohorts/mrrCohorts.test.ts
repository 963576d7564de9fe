import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { periodOf, periodRange } from "../../src/periods/index.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { mrrCohorts } from "../../src/cohorts/mrrCohorts.ts";
import { cancelableArb, intervalsArb, levelAt, specArb } from "../revenue/mrrNaive.ts";
import { mrrMovements } from "../../src/revenue/mrrMovements.ts";
import { expectInvalid } from "../metrics/helpers.ts";

const open = (customerId: string, start: string, mrr: number) => ({ customerId, start, mrr });
const closed = (customerId: string, start: string, end: string, mrr: number) => ({ customerId, start, end, mrr });
const str = (xs: Array<{ toString(): string } | null>) => xs.map((x) => (x === null ? null : x.toString()));

describe("mrrCohorts: worked example", () => {
  // January cohort: a (100, upgrades to 150 in February), b (100, leaves in March, back in April at 50).
  // February cohort: c (40). April is cut by `to`.
  const subs = [
    closed("a", "2024-01-10", "2024-02-15", 100), open("a", "2024-02-15", 150),
    closed("b", "2024-01-20", "2024-03-05", 100), open("b", "2024-04-02", 50),
    closed("c", "2024-02-03", "2024-02-10", 40), open("c", "2024-02-10", 60),
  ];

  it("gives each cohort's MRR at the end of each period and its share of the starting MRR", () => {
    const m = mrrCohorts(subs, { to: "2024-04-10" });
    expect([m.mode, m.measure]).toEqual(["classic", "mrr"]);
    expect(m.offsets).toEqual([0, 1, 2, 3]);
    expect(m.cohorts.map((c) => [c.cohort, c.size, c.startingMrr.toString()])).toEqual([["2024-01", 2, "200"], ["2024-02", 1, "40"]]);
    const [jan, feb] = m.cohorts as [typeof m.cohorts[0], typeof m.cohorts[0]];
    expect(str(jan.values)).toEqual(["200", "250", "150", null]); // April has not ended
    expect(jan.rates).toEqual([1, 1.25, 0.75, null]);
    expect(str(feb.values)).toEqual(["60", "60", null, null]);
    expect(feb.rates).toEqual([1.5, 1.5, null, null]); // c started at 40 and expanded within February
    expect(jan.period.key).toBe("2024-01");
    // The same matrix through cohortMatrix's "mrr" measure, with the CohortMatrix fields filled.
    const viaCohortMatrix = cohortMatrix(subs, { measure: "mrr", to: "2024-04-10" });
    expect(viaCohortMatrix.toRows()).toEqual(m.toRows());
    expect(viaCohortMatrix.cohorts[0]!.startingMrr.toString()).toBe("200");
    expect(m.average).toEqual([260 / 240, 310 / 240, 0.75, null]);
    expect(m.cohorts[0]!.observed).toEqual([2, 2, 2, 0]);
    // Pooled: offset 0 = (200 + 60) / (200 + 40); offset 2 only January is observed.
    expect(m.average).toEqual([260 / 240, 310 / 240, 0.75, null]);
    expect(m.toRows()[1]).toEqual({ cohort: "2024-01", offset: 1, value: jan.values[1], rate: 1.25 });
    expect(m.toRows()).toHaveLength(8);
  });

  it("counts a customer who comes back in their first cohort", () => {
    const m = mrrCohorts(subs, { to: "2024-05-01" });
    expect(str(m.cohorts[0]!.values)).toEqual(["200", "250", "150", "200"]);
  });

  it("leaves out customers who first subscribed before `from`", () => {
    const m = mrrCohorts(subs, { from: "2024-02-01", to: "2024-04-01" });
    expect(m.cohorts.map((c) => c.cohort)).toEqual(["2024-02"]);
    expect(m.offsets).toEqual([0, 1]);
    expect(str(m.cohorts[0]!.values)).toEqual(["60", "60"]);
  });

  it("is empty without data", () => {
    const m = mrrCohorts([]);
    expect([m.cohorts, m.offsets, m.average, m.toRows()]).toEqual([[], [], [], []]);
  });
});

describe("mrrCohorts: bounded work (issue #12)", () => {
  it("refuses at once daily cohorts stretched back to a stray subscription of 1970", () => {
    const subs = [
      { customerId: "stray", start: 0, end: Date.UTC(1970, 1, 1), mrr: 5 },
      ...Array.from({ length: 100 }, (_, i) => ({ customerId: `c${i}`, start: Date.UTC(2024, 0, 1 + i), mrr: 10 })),
    ];
    for (const call of [() => mrrCohorts(subs, { period: "day" }), () => cohortMatrix(subs, { measure: "mrr", period: "day" })]) {
      const error = expectInvalid(call, {
        field: "period",
        value: "day",
        message: /expected at most 1,000,000 cells, not an MRR cohort matrix of \d+ or more cohorts x [\d,]+ offsets \(periods 1970-01-01 to 2024-04-09\) = [\d,]+ cells; use a longer period unit \(week, month\) or a later from/,
      });
      expect(error.message).toContain("19,823 offsets");
    }
    expect(mrrCohorts(subs, { period: "month" }).cohorts).toHaveLength(5);
  });
});

describe("mrrCohorts: properties", () => {
  const FROM = Date.UTC(2024, 0, 1);
  const TO = Date.UTC(2024, 9, 20);

  test.prop([intervalsArb, specArb], { numRuns: 80 })("equals a naive recount from the intervals", (intervals, spec) => {
    const m = mrrCohorts(intervals, { period: spec.unit, timeZone: spec.timeZone ?? "UTC", weekStartsOn: spec.weekStartsOn ?? 1, from: FROM, to: TO });
    const periods = periodRange(FROM, TO - 1, spec);
    // Each customer's first instant with MRR (starts only: MRR rises only when an interval starts).
    const firstPaid = new Map<string, number>();
    for (const id of new Set(intervals.map((i) => i.customerId))) {
      const starts = intervals.filter((i) => i.customerId === id).map((i) => i.start).sort((x, y) => x - y);
      const t = starts.find((s) => levelAt(intervals, id, s) > 0);
      if (t !== undefined && t < TO && t >= periods[0]!.start.getTime()) firstPaid.set(id, t);
    }
    const expected = periods.flatMap((p, k) => {
      const members = [...firstPaid].filter(([, t]) => periodOf(t, spec).key === p.key).map(([id]) => id);
      if (members.length === 0) return [];
      const values = periods.map((_, offset) => {
        const q = periods[k + offset];
        if (q === undefined || q.end.getTime() > TO) return null;
        return members.reduce((s, id) => s + levelAt(intervals, id, q.end.getTime() - 1), 0);
      });
      return [{ cohort: p.key, size: members.length, start: members.reduce((s, id) => s + levelAt(intervals, id, firstPaid.get(id)!), 0), values }];
    });
    expect(m.offsets).toEqual(periods.map((_, i) => i));
    expect(m.cohorts.map((c) => ({ cohort: c.cohort, size: c.size, start: Math.round(c.startingMrr.toNumber() * 100), values: c.values.map((v) => (v === null ? null : Math.round(v.toNumber() * 100))) }))).toEqual(expected);
    for (const c of m.cohorts) c.rates.forEach((r, k) => expect(r).toBe(c.values[k] === null ? null : c.values[k]!.dividedBy(c.startingMrr).toNumber()));
  });

  test.prop([intervalsArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })))], { numRuns: 60 })(
    "does not depend on the order of the rows, and the average is pooled over observed cohorts",
    ([intervals, shuffled]) => {
      const a = mrrCohorts(intervals, { from: FROM, to: TO });
      const b = mrrCohorts(shuffled, { from: FROM, to: TO });
      expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
      a.offsets.forEach((k) => {
        const seen = a.cohorts.filter((c) => c.values[k] !== null);
        const base = seen.reduce((s, c) => s + c.startingMrr.toNumber(), 0);
        if (seen.length === 0) expect(a.average[k]).toBeNull();
        else expect(a.average[k]).toBeCloseTo(seen.reduce((s, c) => s + c.values[k]!.toNumber(), 0) / base, 9);
      });
    },
  );
});

describe("mrrCohorts: the MRR conventions", () => {
  const TO = Date.UTC(2025, 1, 1);
  const optionsArb = fc.record({
    churnRecognition: fc.constantFrom("periodEnd" as const, "cancelDate" as const),
    groupWithin: fc.constantFrom(0, 5 * 86_400_000),
    reactivationGap: fc.constantFrom(0, 31 * 86_400_000),
  });
  test.prop([cancelableArb, optionsArb], { numRuns: 80 })("the cohorts' MRR at each period's end adds up to mrrMovements' ending MRR under the same conventions", (intervals, o) => {
    const rows = intervals.map((i) => ({ ...i, end: i.end ?? null, canceledAt: i.canceledAt ?? null }));
    const options = { ...o, from: Date.UTC(2023, 0, 1), to: TO };
    const m = mrrCohorts(rows, options);
    const movements = mrrMovements(rows, options);
    movements.forEach((r, p) => {
      if (!r.complete) return;
      let sum = 0;
      for (const c of m.cohorts) {
        const k = p - movements.findIndex((x) => x.period.key === c.cohort);
        if (k >= 0) sum += Math.round(Number(c.values[k]!.toString()) * 100);
      }
      expect(sum).toBe(Math.round(r.endingMrr.toNumber() * 100));
    });
  });

  it("cancelDate moves a cohort's churn to the cancellation; bad conventions are refused by name", () => {
    const subs = [{ customerId: "a", start: "2024-01-01", end: "2024-03-01", canceledAt: "2024-01-20", mrr: 100 }, open("b", "2024-01-05", 50)];
    expect(str(mrrCohorts(subs, { to: "2024-04-01" }).cohorts[0]!.values)).toEqual(["150", "150", "50"]);
    expect(str(mrrCohorts(subs, { to: "2024-04-01", churnRecognition: "cancelDate" }).cohorts[0]!.values)).toEqual(["50", "50", "50"]);
    expectInvalid(() => mrrCohorts(subs, { churnRecognition: "now" as "cancelDate" }), { field: "churnRecognition", value: "now", message: /one of "periodEnd", "cancelDate"/ });
    expectInvalid(() => mrrCohorts(subs, { reactivationGap: -5 }), { field: "reactivationGap", value: -5, message: /a finite number of at least 0/ });
  });
});
