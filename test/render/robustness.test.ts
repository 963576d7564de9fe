/**
 * Defects the fuzzer found in render/: null or wrong-typed options, and hand-edited results holding a
 * NaN, an infinity, an Invalid Date or a rate out of range. Each is an InvalidInputError naming the
 * field, never a TypeError, a RangeError or "NaN" in the output.
 */
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../../src/cohorts/matrix.ts";
import type { HoldoutCheck } from "../../src/clv/holdoutCheck.ts";
import type { ProbabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { InvalidInputError } from "../../src/errors.ts";
import type { Tabular } from "../../src/render/classify.ts";
import { cohortHeatmapSvg } from "../../src/render/cohortHeatmapSvg.ts";
import { display } from "../../src/render/display.ts";
import { formatTable } from "../../src/render/formatTable.ts";
import { holdoutCheckSvg, probabilityAliveSvg } from "../../src/render/lifetimeValueSvg.ts";
import { num } from "../../src/render/markup.ts";
import { retentionCurveSvg } from "../../src/render/retentionCurveSvg.ts";
import { toCsv } from "../../src/render/toCsv.ts";
import { small } from "./fixtures.ts";
import { everyKind, to } from "./kinds.ts";

function invalid(f: () => unknown, field: string | RegExp): InvalidInputError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidInputError);
  const e = caught as InvalidInputError;
  if (typeof field === "string") expect(e.field).toBe(field);
  else expect(e.field).toMatch(field);
  return e;
}

const matrix = (): CohortMatrix => cohortMatrix(small, { to });
const edit = (m: CohortMatrix, r: number, change: Partial<CohortMatrix["cohorts"][number]>): CohortMatrix => ({
  ...m,
  cohorts: m.cohorts.map((c, i) => (i === r ? { ...c, ...change } : c)),
});
const curve = { label: "a", points: [{ x: 0, y: 1 }, { x: 1, y: 0.5 }] };

describe("render options", () => {
  const k = everyKind();
  const calls: Array<[string, (o: unknown) => unknown]> = [
    ["formatTable", (o) => formatTable(matrix(), o as never)],
    ["display", (o) => display(matrix(), o as never)],
    ["toCsv", (o) => toCsv(matrix(), o as never)],
    ["cohortHeatmapSvg", (o) => cohortHeatmapSvg(matrix(), o as never)],
    ["retentionCurveSvg", (o) => retentionCurveSvg(curve, o as never)],
    ["holdoutCheckSvg", (o) => holdoutCheckSvg(k.holdoutCheck as HoldoutCheck, o as never)],
    ["probabilityAliveSvg", (o) => probabilityAliveSvg(k.probabilityAliveMatrix as ProbabilityAliveMatrix, o as never)],
  ];
  for (const [name, call] of calls) {
    it(`${name} refuses null, an array or a primitive as options, and takes undefined`, () => {
      for (const bad of [null, [], 5, "x"]) invalid(() => call(bad), "options");
      expect(() => call(undefined)).not.toThrow();
    });
  }

  it("refuses text options that are not strings and function options that are not functions", () => {
    invalid(() => cohortHeatmapSvg(matrix(), { xLabel: 5 as never }), "xLabel");
    invalid(() => cohortHeatmapSvg(matrix(), { title: {} as never }), "title");
    invalid(() => retentionCurveSvg(curve, { xTickLabel: 1 as never }), "xTickLabel");
    invalid(() => retentionCurveSvg(curve, { xTickLabel: (() => 3) as never }), "xTickLabel");
    invalid(() => retentionCurveSvg(curve, { yLabel: 1 as never }), "yLabel");
    invalid(() => probabilityAliveSvg(k.probabilityAliveMatrix as ProbabilityAliveMatrix, { title: 5 as never }), "title");
    invalid(() => holdoutCheckSvg(k.holdoutCheck as HoldoutCheck, { title: 5 as never }), "title");
    expect(retentionCurveSvg(curve, { xTickLabel: (x) => `w${x}` })).toContain("w1");
  });
});

describe("hand-edited results", () => {
  const k = everyKind();

  it("formatTable refuses a NaN size or average, naming the path", () => {
    invalid(() => formatTable(edit(matrix(), 0, { size: NaN })), "matrix.cohorts[0].size");
    const m = matrix();
    invalid(() => formatTable({ ...m, average: m.average.map((a, i) => (i === 0 ? NaN : a)) } as CohortMatrix), "matrix.average[0]");
    invalid(() => formatTable(edit(m, 0, { rates: m.cohorts[0]!.rates.map(() => Infinity) })), "matrix.cohorts[0].rates[0]");
  });

  it("cohortHeatmapSvg refuses a customer rate out of [0, 1] or a NaN size", () => {
    const m = matrix();
    invalid(() => cohortHeatmapSvg(edit(m, 0, { rates: m.cohorts[0]!.rates.map(() => 1e308) })), "matrix.cohorts[0].rates[0]");
    invalid(() => cohortHeatmapSvg(edit(m, 0, { rates: m.cohorts[0]!.rates.map(() => -0.5) })), "matrix.cohorts[0].rates[0]");
    invalid(() => cohortHeatmapSvg(edit(m, 0, { size: NaN })), "matrix.cohorts[0].size");
  });

  it("toCsv refuses a NaN value and an Invalid Date, naming the column and the row", () => {
    const m = matrix();
    const e = invalid(() => toCsv(edit(m, 0, { values: m.cohorts[0]!.values.map(() => NaN) })), /value/);
    expect(e.row).toBe(0);
    const rows = k.periodSummary as unknown as Array<{ period: { start: Date } }>;
    const broken = rows.map((r, i) => (i === 0 ? { ...r, period: { ...r.period, start: new Date(NaN) } } : r));
    invalid(() => toCsv(broken as unknown as Tabular), /start/);
    invalid(() => toCsv(edit(m, 0, { values: m.cohorts[0]!.values.map(() => new Decimal(-Infinity)) as never })), /value/);
  });

  it("the lifetime-value pictures refuse a NaN T or total", () => {
    const pam = k.probabilityAliveMatrix as ProbabilityAliveMatrix;
    invalid(() => probabilityAliveSvg({ ...pam, T: NaN }), "matrix.T");
    const check = k.holdoutCheck as HoldoutCheck;
    invalid(() => holdoutCheckSvg({ ...check, actualTotal: NaN }), "check.actualTotal");
    invalid(() => holdoutCheckSvg({ ...check, predictedTotal: new Decimal(NaN) as never }), "check.predictedTotal");
    invalid(() => holdoutCheckSvg({ ...check, rows: check.rows.map((r) => ({ ...r, actual: 1e308 })) }), "check.rows[0].actual");
    invalid(() => probabilityAliveSvg({ ...pam, values: [5 as never] }), "matrix.values[0]");
  });

  it("retentionCurveSvg refuses a point without y", () => {
    invalid(() => retentionCurveSvg({ label: "a", points: [{ x: 0, y: 1 }, { x: 1 } as never] }), "curves[0].points[1].y");
  });

  it("every renderer refuses a cohort matrix of the wrong shape, naming the path", () => {
    const m = matrix();
    for (const f of [formatTable, toCsv, cohortHeatmapSvg, display] as Array<(x: CohortMatrix) => unknown>) {
      invalid(() => f({ ...m, spec: undefined } as never), "matrix.spec");
      invalid(() => f(edit(m, 0, { cohort: 5 as never })), "matrix.cohorts[0].cohort");
      invalid(() => f(edit(m, 0, { rates: null as never })), "matrix.cohorts[0].rates");
      invalid(() => f({ ...m, cohorts: [null] } as never), "matrix.cohorts[0]");
    }
  });

  it("num refuses a non-finite coordinate with an InvalidInputError", () => {
    invalid(() => num(NaN), "coordinate");
    expect(num(1.005)).toBe("1");
    expect(num(1e308)).toBe("1e+308");
  });
});
