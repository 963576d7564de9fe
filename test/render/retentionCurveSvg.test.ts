import { describe, expect, it } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { MAX_AUTO_BANDS, retentionCurveSvg } from "../../src/render/retentionCurveSvg.ts";
import { fc, test } from "../support/fc.ts";
import { small, twoYears } from "./fixtures.ts";
import { allElements, byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const to = "2024-05-01T00:00:00Z";

describe("retentionCurveSvg", () => {
  it("draws survival groups as steps with bands, and parses as XML", () => {
    const s = survivalCurve(twoYears(), { to: Date.UTC(2025, 0, 1), groupBy: (id) => (Number(id) % 2 === 0 ? "even" : "odd") });
    const root = parseXml(retentionCurveSvg(s));
    expect(byClass(root, "curve")).toHaveLength(2);
    expect(byClass(root, "band")).toHaveLength(2); // two curves: bands by default
    const texts = allElements(root).filter((e) => e.name === "text").map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(["Survival of customers", "Months since first activity", "Share still customers", "100%", "0%", "shaded: 95% confidence band"]));
    expect(texts.some((t) => /^even \(\d+\)$/.test(t))).toBe(true);
  });

  it("draws a matrix's average with its Wilson band, and series with gaps", () => {
    const m = cohortMatrix(small, { to, interval: true });
    const root = parseXml(retentionCurveSvg([m, { label: "target", points: [{ x: 0, y: 1 }, { x: 1, y: null }, { x: 2, y: 0.5 }, { x: 3, y: 0.4 }] }], { title: "Retention" }));
    expect(byClass(root, "curve")).toHaveLength(3); // the average, and the series in two runs
    expect(byClass(root, "band")).toHaveLength(1);
    const orders = parseXml(retentionCurveSvg(cohortMatrix(small, { to, measure: "orders" })));
    expect(allElements(orders).some((e) => e.name === "text" && e.text === "Value")).toBe(true); // not a share
    expect(() => retentionCurveSvg([])).toThrow(InvalidInputError);
    expect(() => retentionCurveSvg({ label: "x", points: [{ x: 0, y: null }] })).toThrow(/curve/);
    expect(() => retentionCurveSvg([{ nope: 1 }] as never)).toThrow(/series/);
  });
});

describe("retentionCurveSvg: censoring and many groups", () => {
  const all = twoYears();
  const byCohort = survivalCurve(all, { to: Date.UTC(2025, 0, 1), groupBy: "cohort" });

  it("draws a tick where customers were censored, in the middle of the period they were last seen in", () => {
    const s = survivalCurve(all, { to: Date.UTC(2025, 0, 1) });
    const root = parseXml(retentionCurveSvg(s, { width: 760 }));
    const censoredPoints = s.points.filter((p) => p.censored > 0);
    const ticks = byClass(root, "censor");
    expect(censoredPoints.length).toBeGreaterThan(5);
    expect(ticks).toHaveLength(censoredPoints.length);
    expect(ticks[0]!.children[0]!.text).toBe(`all customers (${s.customers}), ${censoredPoints[0]!.offset}: ${censoredPoints[0]!.censored} censored`);
    // x of offset k + 1/2: halfway between the tick marks of k and k + 1 on the axis.
    const axis = allElements(root).filter((e) => e.name === "text" && e.attributes["text-anchor"] === "middle" && /^\d+$/.test(e.text));
    const at = (k: number) => Number(axis.find((e) => e.text === String(k))!.attributes.x);
    const k = censoredPoints[0]!.offset;
    expect(Number(ticks[0]!.attributes.x1)).toBeCloseTo((at(k) + at(k + 1)) / 2, 0);
    expect(texts(root)).toContain("censored (still customers)");
    expect(byClass(parseXml(retentionCurveSvg(s, { censoring: false })), "censor")).toHaveLength(0);
  });

  it("draws no fog of bands for two dozen groups, unless asked; each group its own colour, the legend inside the picture", () => {
    expect(byCohort.groups.length).toBe(24);
    const svg = retentionCurveSvg(byCohort);
    const root = parseXml(svg);
    expect(byClass(root, "curve").length).toBeGreaterThanOrEqual(24);
    expect(byClass(root, "band")).toHaveLength(0);
    expect(texts(root)).not.toContain("shaded: 95% confidence band");
    expect(byClass(parseXml(retentionCurveSvg(byCohort, { bands: true })), "band").length).toBeGreaterThanOrEqual(20);
    const colours = new Set(byClass(root, "curve").map((c) => c.attributes.stroke));
    expect(colours.size).toBe(24);
    const height = Number(root.attributes.height);
    const legendYs = allElements(root).filter((e) => e.name === "text" && /^\d{4}-\d\d \(\d+\)$/.test(e.text)).map((e) => Number(e.attributes.y));
    expect(legendYs).toHaveLength(24);
    expect(Math.max(...legendYs)).toBeLessThan(height - 20);
    // At most three curves get their bands by default.
    const three = [byCohort.groups[0]!, byCohort.groups[1]!, byCohort.groups[2]!];
    expect(MAX_AUTO_BANDS).toBe(3);
    expect(byClass(parseXml(retentionCurveSvg(three)), "band").length).toBeGreaterThanOrEqual(3);
    expect(byClass(parseXml(retentionCurveSvg([...three, byCohort.groups[3]!])), "band")).toHaveLength(0);
    expect(() => retentionCurveSvg(three, { bands: "some" as never })).toThrow(/bands/);
  });

  it("refuses sizes and points that would draw NaN or Infinity", () => {
    const series = { label: "x", points: [{ x: 0, y: 1 }, { x: 1, y: 0.5 }] };
    for (const bad of [{ width: 1e308 }, { width: Number.NaN }, { height: -1 }, { height: Infinity }]) expect(() => retentionCurveSvg(series, bad)).toThrow(InvalidInputError);
    expect(() => retentionCurveSvg({ label: "x", points: [{ x: 0, y: Number.NaN }] })).toThrow(/points\[0\]\.y/);
    expect(() => retentionCurveSvg({ label: "x", points: [{ x: Infinity, y: 1 }] })).toThrow(/points\[0\]\.x/);
    expect(() => retentionCurveSvg({ label: "x", points: [{ x: 0, y: 1, upper: 1e300 }] })).toThrow(/upper/);
    expect(() => retentionCurveSvg({ label: "x", points: [{ x: 0, y: 1, censored: -1 }] })).toThrow(/censored/);
  });

  const coordinate = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, 1e308, -1e16, 0.5), fc.integer({ min: -5, max: 30 }));
  const point = fc.record({ x: coordinate, y: fc.oneof(coordinate, fc.constant(null)), lower: fc.oneof(coordinate, fc.constant(null)), upper: fc.oneof(coordinate, fc.constant(null)), censored: fc.nat(3) });
  test.prop([fc.array(fc.array(point, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), fc.boolean()], { numRuns: 80 })("any points: an InvalidInputError or a picture without NaN or Infinity", (lists, step) => {
    let svg: string;
    try {
      svg = retentionCurveSvg(lists.map((points, i) => ({ label: `s${i}`, points, step })), { bands: true });
    } catch (e) {
      return e instanceof InvalidInputError;
    }
    return nonFiniteAttributes(parseXml(svg)).length === 0;
  });

  test.prop([fc.array(fc.record({ x: fc.integer({ min: 0, max: 40 }), y: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 30 })])("whole offsets get whole ticks on the horizontal axis", (points) => {
    const sorted = [...points].sort((a, b) => a.x - b.x);
    const root = parseXml(retentionCurveSvg({ label: "s", points: sorted }));
    const labels = allElements(root).filter((e) => e.name === "text" && e.attributes["text-anchor"] === "middle" && /^-?[\d.]+$/.test(e.text));
    return labels.every((e) => Number.isInteger(Number(e.text)));
  });
});
