import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../src/clv/bgNbd.ts";
import { holdoutCheck } from "../../src/clv/holdoutCheck.ts";
import { probabilityAliveMatrix } from "../../src/clv/probabilityAliveMatrix.ts";
import { simulateBgNbd } from "../../src/clv/simulate.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { holdoutCheckSvg, probabilityAliveSvg } from "../../src/render/lifetimeValueSvg.ts";
import { byClass, parseXml } from "./xml.ts";

const summary = simulateBgNbd({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 2000, T: 39, holdout: 39, seed: 7 });
const model = fitBgNbd(summary);

describe("holdoutCheckSvg", () => {
  it("parses as XML with one actual and one predicted point per bucket", () => {
    const check = holdoutCheck(model, summary, { maxFrequency: 7 });
    const root = parseXml(holdoutCheckSvg(check));
    const withValues = check.rows.filter((r) => r.actual !== null).length;
    expect(byClass(root, "point-actual")).toHaveLength(withValues);
    expect(byClass(root, "point-predicted")).toHaveLength(check.rows.filter((r) => r.predicted !== null).length);
    expect(withValues).toBeGreaterThan(3);
    expect(() => holdoutCheckSvg({ rows: [], actualTotal: 0, predictedTotal: 0 })).toThrow(InvalidInputError);
  });
});

describe("probabilityAliveSvg", () => {
  it("draws one cell per possible history and leaves impossible ones blank", () => {
    const m = probabilityAliveMatrix(model, { T: 39, maxFrequency: 10, recencySteps: 13 });
    const root = parseXml(probabilityAliveSvg(m));
    const possible = m.values.flat().filter((p) => p !== null).length;
    expect(byClass(root, "cell")).toHaveLength(possible);
    expect(possible).toBe(11 * 14 - 13); // frequency 0 has only recency 0
    expect(() => probabilityAliveSvg({ T: 1, frequencies: [], recencies: [], values: [] })).toThrow(InvalidInputError);
  });
});
