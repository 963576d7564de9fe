import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { npsStandardError } from "../../src/stats/npsStandardError.ts";
import { expectInconsistent, expectInvalidInput, invalidCount } from "../metrics/helpers.ts";

/** promoters + detractors <= total, total >= 1 */
const survey = fc
  .integer({ min: 1, max: 10 ** 7 })
  .chain((total) => fc.integer({ min: 0, max: total }).map((promoters) => ({ total, promoters })))
  .chain(({ total, promoters }) => fc.integer({ min: 0, max: total - promoters }).map((detractors) => ({ total, promoters, detractors })));

describe("npsStandardError", () => {
  it("is 100 x sqrt((0.5 + 0.2 - 0.3^2) / 100) = 7.81 points for 50 promoters and 20 detractors of 100", () => {
    expect(npsStandardError({ promoters: 50, detractors: 20, total: 100 })).toBeCloseTo(100 * Math.sqrt(0.61 / 100), 12);
    expect(npsStandardError({ promoters: 50, detractors: 20, total: 100 })).toBeCloseTo(7.810249675906654, 12);
  });

  it("is 0 when everyone answers alike and 100 / sqrt(n) for half promoters, half detractors", () => {
    expect(npsStandardError({ promoters: 40, detractors: 0, total: 40 })).toBe(0);
    expect(npsStandardError({ promoters: 0, detractors: 0, total: 40 })).toBe(0);
    expect(npsStandardError({ promoters: 0, detractors: 25, total: 25 })).toBe(0);
    expect(npsStandardError({ promoters: 50, detractors: 50, total: 100 })).toBeCloseTo(10, 12);
  });

  it("refuses promoters + detractors above total, naming all three", () => {
    expectInconsistent(() => npsStandardError({ promoters: 60, detractors: 50, total: 100 }), { promoters: 60, detractors: 50, total: 100 });
  });

  it("refuses zero respondents", () => {
    expectInvalidInput(() => npsStandardError({ promoters: 0, detractors: 0, total: 0 }), "total");
  });

  test.prop([survey])("equals the multinomial variance of p_pro - p_det, in points", ({ total, promoters, detractors }) => {
    const a = promoters / total;
    const b = detractors / total;
    const variance = (a * (1 - a) + b * (1 - b) + 2 * a * b) / total;
    const se = npsStandardError({ promoters, detractors, total });
    expect(Number.isFinite(se) && se >= 0 && se <= 100).toBe(true);
    expect(se).toBeCloseTo(100 * Math.sqrt(variance), 9);
  });

  test.prop([invalidCount])("refuses invalid counts, naming the field", (bad) => {
    expectInvalidInput(() => npsStandardError({ promoters: bad as number, detractors: 1, total: 10 }), "promoters");
    expectInvalidInput(() => npsStandardError({ promoters: 1, detractors: bad as number, total: 10 }), "detractors");
    expectInvalidInput(() => npsStandardError({ promoters: 1, detractors: 1, total: bad as number }), "total");
  });
});
