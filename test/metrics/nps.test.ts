import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { netPromoterScore } from "../../src/metrics/nps.ts";
import { expectInvalid } from "./helpers.ts";

const ANSWER = /expected an integer from 0 to 10\.$/;

describe("netPromoterScore", () => {
  it("counts promoters (9-10), passives (7-8) and detractors (0-6)", () => {
    const nps = netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10, 9, 0]);
    expect(nps).toMatchObject({ score: 20, total: 10, promoters: 5, passives: 2, detractors: 3, promoterShare: 0.5, passiveShare: 0.2, detractorShare: 0.3 });
    // 100 x sqrt((0.5 + 0.3 - 0.2^2) / 10)
    expect(nps.standardError).toBeCloseTo(100 * Math.sqrt(0.76 / 10), 12);
  });

  it("reaches both ends of its range, -100 and 100", () => {
    expect(netPromoterScore([9, 10, 10]).score).toBe(100);
    expect(netPromoterScore([0, 6, 3, 1]).score).toBe(-100);
    expect(netPromoterScore([7, 8]).score).toBe(0);
    expect(netPromoterScore([9, 10, 10]).standardError).toBe(0);
  });

  it("takes any iterable: a typed array and a generator", () => {
    expect(netPromoterScore(Uint8Array.from([10, 0])).score).toBe(0);
    function* answers(): Generator<number> {
      yield 10;
      yield 8;
    }
    expect(netPromoterScore(answers()).score).toBe(50);
  });

  it("refuses an answer that is not an integer from 0 to 10, naming its index", () => {
    expectInvalid(() => netPromoterScore([10, 9, 11]), { field: "scores", value: 11, row: 2, message: ANSWER });
    expectInvalid(() => netPromoterScore([10, -1]), { field: "scores", value: -1, row: 1, message: ANSWER });
    expectInvalid(() => netPromoterScore([7.5]), { field: "scores", value: 7.5, row: 0, message: ANSWER });
    expectInvalid(() => netPromoterScore([5, Number.NaN]), { field: "scores", value: Number.NaN, row: 1, message: ANSWER });
    expect(expectInvalid(() => netPromoterScore([5, 6, 8, 9, 42]), { field: "scores", value: 42, row: 4, message: ANSWER }).message).toBe(
      "Invalid scores at row 4: 42; expected an integer from 0 to 10.",
    );
  });

  it("refuses an empty list and a non-iterable", () => {
    const none: number[] = [];
    expectInvalid(() => netPromoterScore(none), { field: "scores", value: none, message: /expected at least one answer \(the score of no respondents is undefined\)\.$/ });
  });

  it.each([[7], [null], [undefined], ["9"], [{}]])("refuses %j, which is not an iterable of answers", (scores) => {
    expectInvalid(() => netPromoterScore(scores as unknown as number[]), { field: "scores", value: scores, message: /expected an iterable \(an array, say\) of integers from 0 to 10\.$/ });
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 500 })])(
    "lies in [-100, 100], its shares sum to 1 and its counts to the total",
    (scores) => {
      const nps = netPromoterScore(scores);
      expect(nps.score).toBeGreaterThanOrEqual(-100);
      expect(nps.score).toBeLessThanOrEqual(100);
      expect(nps.promoters + nps.passives + nps.detractors).toBe(scores.length);
      expect(nps.promoterShare + nps.passiveShare + nps.detractorShare).toBeCloseTo(1, 12);
      expect(nps.score).toBeCloseTo(100 * (nps.promoterShare - nps.detractorShare), 10);
      expect(Number.isFinite(nps.standardError) && nps.standardError >= 0).toBe(true);
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 100 })])("does not depend on the order of the answers", (scores) => {
    expect(netPromoterScore([...scores].reverse())).toEqual(netPromoterScore(scores));
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 20 }), fc.oneof(fc.integer({ min: 11 }), fc.integer({ max: -1 }), fc.double({ noInteger: true }))])(
    "refuses any out-of-range answer at its index",
    (valid, bad) => {
      expectInvalid(() => netPromoterScore([...valid, bad]), { field: "scores", value: bad, row: valid.length, message: ANSWER });
    },
  );
});
