/**
 * How a cohort heatmap prints and colours its figures: the colour domain, and
 * labels with fixed decimals, a shared scale (thousands, millions) and the
 * currency for money.
 *
 * @internal
 * @module
 */
import type { CohortMeasure } from "../cohorts/matrix.ts";
import { InvalidInputError } from "../errors.ts";
import { requireIntegerIn } from "../validate.ts";
import { compact, percent, plain, shortPercent } from "./format.ts";
import { niceCeil } from "./ticks.ts";

/**
 * The colour domain option of a heatmap: `"all"` (the cells' full range), `"afterFirst"`, or `[low, high]`.
 *
 * @category Rendering
 */
export type HeatmapDomain = "all" | "afterFirst" | readonly [number, number];

/** The resolved colour domain. */
export interface ColourDomain {
  lo: number;
  hi: number;
  /** Some value is above `hi` (drawn in the darkest colour). */
  clampedHigh: boolean;
  /** Some value is below `lo` (drawn in the lightest colour). */
  clampedLow: boolean;
}

/** The colour domain of the values (`all`), of the values past offset 0 (`afterFirst`), or as given. */
export function colourDomain(given: HeatmapDomain | undefined, all: readonly number[], afterFirst: readonly number[], isRate: boolean): ColourDomain {
  const least = all.length === 0 ? 0 : Math.min(...all);
  const most = all.length === 0 ? 0 : Math.max(...all);
  if (Array.isArray(given)) {
    const [lo, hi] = given as readonly [number, number];
    if (given.length !== 2 || !(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
      throw new InvalidInputError({ field: "domain", value: `[${given.join(", ")}]`, expected: '"all", "afterFirst" or two finite numbers [low, high] with low < high' });
    }
    return { lo, hi, clampedHigh: most > hi, clampedLow: least < lo };
  }
  if (given !== undefined && given !== "all" && given !== "afterFirst") {
    throw new InvalidInputError({ field: "domain", value: given, expected: '"all", "afterFirst" or two finite numbers [low, high] with low < high' });
  }
  const lo = Math.min(0, least);
  if (given === "afterFirst") {
    const later = afterFirst.length === 0 ? -Infinity : Math.max(...afterFirst);
    const top = later > lo ? later : most > lo ? most : lo + 1;
    const rounded = lo + niceCeil(top - lo);
    const hi = isRate ? Math.min(1, rounded) : rounded;
    return { lo, hi, clampedHigh: most > hi, clampedLow: false };
  }
  return { lo, hi: most > lo ? most : lo + 1, clampedHigh: false, clampedLow: false };
}

/** A currency option: a short name such as "USD" or "€", or null when not given. */
export function requireCurrency(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === "string" && value.trim().length > 0 && value.length <= 12 && !/[\u0000-\u001f]/.test(value)) return value.trim();
  throw new InvalidInputError({ field: "currency", value, expected: 'a currency name of 1 to 12 characters, such as "USD"' });
}

/** The texts of a heatmap's figures. */
export interface HeatmapLabels {
  /** A cell's printed value. */
  cell: (v: number) => string;
  /** A legend tick. */
  tick: (v: number) => string;
  /** A tooltip's value, more precise. */
  exact: (v: number) => string;
  /** The unit of the figures (legend title), e.g. "USD per customer", or null for shares and counts. */
  unit: string | null;
  /** The currency and scale of money figures, e.g. "USD thousands", or null. */
  money: string | null;
  /** The widest labels, to size the cells. */
  samples: string[];
}

/** What decides the labels. */
export interface LabelInput {
  measure: CohortMeasure;
  show: "rates" | "values";
  currency: string | null;
  decimals: number | undefined;
  /** Every value drawn (cells and average). */
  values: readonly number[];
}

const SCALES = [
  { divisor: 1e9, word: "billions", from: 1e10 },
  { divisor: 1e6, word: "millions", from: 1e7 },
  { divisor: 1e3, word: "thousands", from: 1e4 },
] as const;

/** Labels: percents for retention, compact counts, fixed decimals (and a shared scale) for money and per-customer figures. */
export function heatmapLabels(x: LabelInput): HeatmapLabels {
  const decimals = x.decimals === undefined ? undefined : requireIntegerIn(x.decimals, "decimals", 0, 6);
  const extremes = x.values.length === 0 ? [] : [Math.min(...x.values), Math.max(...x.values)];
  if (x.measure === "customers" && x.show === "rates") {
    return { cell: shortPercent, tick: shortPercent, exact: (v) => percent(v), unit: null, money: null, samples: ["100%", ...extremes.map((v) => shortPercent(v))] };
  }
  const money = x.measure === "revenue" || x.measure === "mrr";
  if (x.show === "values" && !money) {
    return { cell: compact, tick: compact, exact: (v) => plain(v), unit: null, money: null, samples: extremes.map((v) => compact(v)) };
  }
  // Money, or orders per customer: fixed decimals, one scale for every cell.
  const largest = Math.max(0, ...x.values.map(Math.abs));
  const scale = money ? SCALES.find((s) => largest >= s.from) : undefined;
  const divisor = scale?.divisor ?? 1;
  // In thousands or millions one decimal, or two when the smallest amount would print as 0.0.
  const smallest = Math.min(...x.values.map(Math.abs).filter((v) => v > 0), Infinity);
  const d = decimals ?? (scale === undefined ? 2 : smallest / divisor < 0.095 ? 2 : 1);
  const fixed = (v: number) => (v / divisor).toFixed(d);
  const perCustomer = x.show === "rates" ? " per customer" : "";
  const moneyUnit = [x.currency, scale?.word].filter((w) => w != null).join(" ");
  const unit = money ? moneyUnit + perCustomer : "orders per customer";
  return {
    cell: fixed,
    tick: (v) => trimZeros(fixed(v)),
    exact: (v) => `${(v / divisor).toFixed(Math.max(d, 2))}${scale === undefined ? "" : ` ${scale.word}`}`,
    unit: unit.trim() === "" ? null : unit.trim(),
    money: money && moneyUnit !== "" ? moneyUnit : null,
    samples: extremes.map(fixed),
  };
}

/** "20.00" -> "20", "2.50" -> "2.5": a legend tick is a round number. */
function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
