import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { DISPLAY_OFFSETS, matrixExcerpt } from "../../src/render/matrixExcerpt.ts";
import { small } from "./fixtures.ts";

const to = "2024-05-01T00:00:00Z";

describe("matrixExcerpt", () => {
  const m = cohortMatrix(small, { to, interval: true }); // 4 monthly cohorts (sizes 3, 1, 0, 0) by offsets 0 to 3

  it("is the matrix itself when it fits", () => {
    expect(matrixExcerpt(m, 4, 4)).toEqual({ matrix: m, total: 4, gapAt: null, note: null });
    expect(matrixExcerpt(m, 4).matrix).toBe(m);
    expect(DISPLAY_OFFSETS).toBe(100);
  });

  it("keeps the first and last cohorts and the first offsets, with every per-offset array cut alike", () => {
    const { matrix, total, gapAt, note } = matrixExcerpt(m, 3, 2);
    expect(matrix.cohorts.map((c) => c.cohort)).toEqual(["2024-01", "2024-02", "2024-04"]);
    expect(matrix.offsets).toEqual([0, 1]);
    expect(total).toBe(4); // all four customers, not the three of the cohorts shown
    expect(gapAt).toBe(2);
    expect(note).toBe("Shown in part: cohort 3 (1 of 4) and offsets 2 to 3 (2 of 4) left out, 10 of 16 cells; toCsv writes them all.");
    const first = matrix.cohorts[0]!;
    const whole = m.cohorts[0]!;
    expect(first.values).toEqual(whole.values.slice(0, 2));
    expect(first.rates).toEqual(whole.rates.slice(0, 2));
    expect(first.observed).toEqual(whole.observed.slice(0, 2));
    expect(first.cumulativeRevenuePerCustomer).toEqual(whole.cumulativeRevenuePerCustomer.slice(0, 2));
    expect(first.intervals).toEqual(whole.intervals!.slice(0, 2));
    expect(matrix.average).toEqual(m.average.slice(0, 2));
    expect(matrix.averageIntervals).toEqual(m.averageIntervals!.slice(0, 2));
    expect(matrix.averageCumulativeRevenuePerCustomer).toEqual(m.averageCumulativeRevenuePerCustomer.slice(0, 2));
    // the input is not changed
    expect(m.cohorts).toHaveLength(4);
    expect(m.cohorts[0]!.values).toHaveLength(4);
  });

  it("cuts only what is too long, and says only that", () => {
    const rows = matrixExcerpt(m, 2, 4);
    expect(rows.matrix.cohorts.map((c) => c.cohort)).toEqual(["2024-01", "2024-04"]);
    expect(rows.matrix.offsets).toEqual([0, 1, 2, 3]);
    expect(rows.gapAt).toBe(1);
    expect(rows.note).toBe("Shown in part: cohorts 2 to 3 (2 of 4) left out, 8 of 16 cells; toCsv writes them all.");
    const columns = matrixExcerpt(m, 4, 3);
    expect(columns.matrix.cohorts).toHaveLength(4);
    expect(columns.gapAt).toBeNull();
    expect(columns.note).toBe("Shown in part: offset 3 (1 of 4) left out, 4 of 16 cells; toCsv writes them all.");
    // without intervals, none appear
    const plain = matrixExcerpt(cohortMatrix(small, { to }), 4, 3).matrix;
    expect(plain.averageIntervals).toBeUndefined();
    expect(plain.cohorts[0]!.intervals).toBeUndefined();
  });

  it("refuses an edited matrix with the renderers' typed errors", () => {
    const edited = { ...m, cohorts: [{ ...m.cohorts[0]!, values: null }] } as never;
    expect(() => matrixExcerpt(edited, 1, 1)).toThrow(InvalidInputError);
    try {
      matrixExcerpt({ ...m, cohorts: [{ ...m.cohorts[0]!, size: Number.NaN }] }, 1, 1);
    } catch (e) {
      expect((e as InvalidInputError).field).toBe("matrix.cohorts[0].size");
    }
    expect(() => matrixExcerpt({ ...m, cohorts: [{ ...m.cohorts[0]!, size: Number.NaN }] }, 1, 1)).toThrow(/results hold no NaN or infinity/);
  });
});
