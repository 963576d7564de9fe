/**
 * The curves {@link retentionCurveSvg} draws, read from its inputs: survival
 * curves and their groups, a cohort matrix's average, or series as given
 * (checked: every coordinate finite).
 *
 * @internal
 * @module
 */
import type { CohortMatrix } from "../cohorts/matrix.ts";
import type { SurvivalCurve, SurvivalGroup } from "../cohorts/survivalCurve.ts";
import { InvalidInputError } from "../errors.ts";
import { isCohortMatrix, isSurvivalCurve } from "./classify.ts";
import { requireCoordinate } from "./markup.ts";

/**
 * One point of a {@link CurveSeries}.
 *
 * @category Rendering
 */
export interface CurvePoint {
  /** Position on the horizontal axis (an offset in periods). */
  x: number;
  /** The value, or `null` for a gap (a censored point). */
  y: number | null;
  /** Lower bound of the band at this point, if any. */
  lower?: number | null;
  /** Upper bound of the band at this point, if any. */
  upper?: number | null;
  /** Observations censored at this point (a survival curve's), drawn as a small tick on the curve when above 0. */
  censored?: number;
}

/**
 * A curve to draw: a label, points, and whether it is a step function (survival).
 *
 * @category Rendering
 */
export interface CurveSeries {
  /** The legend's label. */
  label: string;
  /** The points, in increasing x. */
  points: readonly CurvePoint[];
  /** Draw as steps (a Kaplan-Meier curve) rather than straight segments; default false. */
  step?: boolean;
}

/**
 * One thing {@link retentionCurveSvg} can draw: a result, one group of a survival curve, or a series.
 *
 * @category Rendering
 */
export type CurveSource = SurvivalCurve | SurvivalGroup | CohortMatrix | CurveSeries;

/**
 * What {@link retentionCurveSvg} draws: one source or a list of them.
 *
 * @category Rendering
 */
export type CurveInput = CurveSource | ReadonlyArray<CurveSource>;

function listOf(input: CurveInput): readonly unknown[] {
  return Array.isArray(input) ? input : [input];
}

/** Whether a value looks like one group of a survival curve. */
export function isSurvivalGroup(x: unknown): x is SurvivalGroup {
  return typeof x === "object" && x !== null && typeof (x as SurvivalGroup).group === "string" && Array.isArray((x as SurvivalGroup).points) && "medianLifetime" in x;
}

function isSeries(x: unknown): x is CurveSeries {
  return typeof x === "object" && x !== null && typeof (x as CurveSeries).label === "string" && Array.isArray((x as CurveSeries).points);
}

/** The curves of an input, their coordinates checked. */
export function toSeries(input: CurveInput): CurveSeries[] {
  const points = (e: SurvivalGroup | SurvivalCurve) => e.points.map((p) => ({ x: p.offset, y: p.survival, lower: p.lower, upper: p.upper, censored: p.censored }));
  const series = listOf(input).flatMap((item): CurveSeries[] => {
    if (isSurvivalCurve(item)) {
      if (item.groups.length === 0) return [{ label: `all customers (${item.customers})`, points: points(item), step: true }];
      return item.groups.map((g) => ({ label: `${g.group} (${g.customers})`, points: points(g), step: true }));
    }
    if (isSurvivalGroup(item)) return [{ label: `${item.group} (${item.customers})`, points: points(item), step: true }];
    if (isCohortMatrix(item)) {
      const what = item.measure === "customers" ? (item.mode === "unbounded" ? "unbounded retention" : "retention") : `${item.measure} per customer`;
      return [{
        label: `average ${what}`,
        points: item.offsets.map((k, i) => {
          const ci = item.averageIntervals?.[i] ?? null;
          return { x: k, y: item.average[i] ?? null, ...(ci === null ? {} : { lower: ci.lower, upper: ci.upper }) };
        }),
      }];
    }
    if (isSeries(item)) return [item];
    throw new InvalidInputError({ field: "curves", value: item, expected: "a survivalCurve or cohortMatrix result, or a { label, points } series" });
  });
  series.forEach((s, i) => {
    // A for loop, not forEach: a hole in a sparse array of points is a missing point, refused too.
    for (let j = 0; j < s.points.length; j++) checkPoint(s.points[j]!, `curves[${i}].points[${j}]`);
  });
  return series;
}

function checkPoint(p: CurvePoint, where: string): void {
  if (typeof p !== "object" || p === null) throw new InvalidInputError({ field: where, value: p, expected: "a point { x, y }" });
  requireCoordinate(p.x, `${where}.x`, false);
  if (p.y === undefined) throw new InvalidInputError({ field: `${where}.y`, value: p.y, expected: "a finite number, or null where the point has no value" });
  requireCoordinate(p.y, `${where}.y`, true);
  requireCoordinate(p.lower, `${where}.lower`, true);
  requireCoordinate(p.upper, `${where}.upper`, true);
  if (p.censored !== undefined && !(Number.isFinite(p.censored) && p.censored >= 0)) {
    throw new InvalidInputError({ field: `${where}.censored`, value: p.censored, expected: "a count of at least 0" });
  }
}

/** The period unit shared by the results in the input, or null. */
export function unitOf(input: CurveInput): SurvivalCurve["spec"]["unit"] | null {
  const units = new Set(listOf(input).flatMap((x) => (isSurvivalCurve(x) || isCohortMatrix(x) ? [x.spec.unit] : [])));
  return units.size === 1 ? [...units][0]! : null;
}

/** The confidence level shared by the results in the input, or null. */
export function confidenceOf(input: CurveInput): number | null {
  const levels = new Set(listOf(input).flatMap((x) => (isSurvivalCurve(x) ? [x.confidence] : isCohortMatrix(x) && x.confidence !== undefined ? [x.confidence] : [])));
  return levels.size === 1 ? [...levels][0]! : null;
}

/** Whether every result in the input is a share of customers (survival, customer retention). */
export function sharesOnly(input: CurveInput): boolean {
  return listOf(input).every((x) => !isCohortMatrix(x) || x.measure === "customers");
}

/** Whether the input is survival curves only. */
export function isSurvivalInput(input: CurveInput): boolean {
  return listOf(input).every((x) => isSurvivalCurve(x) || isSurvivalGroup(x));
}

/** Maximal runs of consecutive points that satisfy `ok`. */
export function runs(points: readonly CurvePoint[], ok: (p: CurvePoint) => boolean): CurvePoint[][] {
  const out: CurvePoint[][] = [];
  let current: CurvePoint[] = [];
  for (const p of points) {
    if (ok(p)) {
      current.push(p);
    } else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The vertices of a polyline, as steps (hold the value until the next x) when asked. */
export function stepped(pts: ReadonlyArray<readonly [number, number]>, step: boolean): Array<readonly [number, number]> {
  if (!step) return [...pts];
  const out: Array<readonly [number, number]> = [];
  pts.forEach((p, i) => {
    if (i > 0) out.push([p[0], pts[i - 1]![1]]);
    out.push(p);
  });
  return out;
}
