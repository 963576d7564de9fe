/**
 * `rfmScores`: recency, frequency and monetary quantile scores of a summary,
 * and the customer segments they name.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { CustomerId } from "../events/types.ts";
import { toDecimal, type MoneyInput } from "../money.ts";
import { quantileSorted } from "../stats/quantile.ts";
import { requireIntegerIn, requireIterable, requireOptions } from "../validate.ts";
import { checkHistory, summaryId } from "./histories.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * The ten segments of the R x F grid.
 *
 * @category Lifetime value
 */
export type RfmSegment =
  | "champions"
  | "loyalCustomers"
  | "potentialLoyalists"
  | "newCustomers"
  | "promising"
  | "needAttention"
  | "aboutToSleep"
  | "atRisk"
  | "cannotLoseThem"
  | "hibernating";

/**
 * A summary row as {@link rfmScores} reads it (an `RfmRow`, say).
 *
 * @category Lifetime value
 */
export interface RfmScoreInput {
  /** The customer's id (optional). */
  customerId?: CustomerId | undefined;
  /** Repeat purchases. */
  frequency: number;
  /** Time from the first to the last purchase. */
  recency: number;
  /** Time from the first purchase to the end. */
  T: number;
  /** Mean repeat-purchase value; `null` or absent when unknown. */
  monetaryValue?: MoneyInput | null | undefined;
}

/**
 * Options of {@link rfmScores}.
 *
 * @category Lifetime value
 */
export interface RfmScoresOptions {
  /** Number of score levels, 2 to 10; default 5 (quintiles). */
  bins?: number | undefined;
}

/**
 * One customer's scores. Higher is better for each.
 *
 * @category Lifetime value
 */
export interface RfmScoreRow {
  /** The customer's id, or `null` when the row had none. */
  customerId: CustomerId | null;
  /** 1..bins from the time since the last purchase (T - recency): the most recent buyers score highest. */
  recencyScore: number;
  /** 1..bins from the frequency. */
  frequencyScore: number;
  /** 1..bins from the monetary value; `null` when the summary has no monetary values. */
  monetaryScore: number | null;
  /** The three scores as digits, e.g. `"545"` (`"54-"` without monetary values; `"10"` is written `"A"`). */
  rfm: string;
  /** The customer's segment on the R x F grid. */
  segment: RfmSegment;
}

/**
 * Quantile cut points of {@link rfmScores}, bins - 1 per score.
 *
 * @category Lifetime value
 */
export interface RfmScoreCuts {
  /**
   * Cuts on the time since the last purchase (T - recency), decreasing: a time below the k-th cut
   * scores at least k + 1.
   */
  recency: number[];
  /** Cuts on the frequency: a frequency above the k-th cut scores at least k + 1. */
  frequency: number[];
  /** Cuts on the monetary value (as frequency); `null` without monetary values. */
  monetary: number[] | null;
}

/**
 * The result of {@link rfmScores}.
 *
 * @category Lifetime value
 */
export interface RfmScores {
  /** Number of levels. */
  bins: number;
  /** The quantile cut points of each score. */
  cuts: RfmScoreCuts;
  /** One row per summary row, in order. */
  rows: RfmScoreRow[];
  /** Customers per segment. */
  segments: Record<RfmSegment, number>;
}

/** Cut points at the k/bins quantiles (type 7) of the values. */
function cutsOf(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  return Array.from({ length: bins - 1 }, (_, k) => quantileSorted(sorted, (k + 1) / bins) ?? 0);
}

/** 1 + the number of cut points strictly below v (ties share a score). */
function scoreOf(v: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (v > c) s++;
  return s;
}

/** The R x F grid on scores rescaled to 1..5. */
function segmentOf(r: number, f: number): RfmSegment {
  if (r === 5) return f === 1 ? "newCustomers" : f <= 3 ? "potentialLoyalists" : "champions";
  if (r === 4) return f === 1 ? "promising" : f <= 3 ? "potentialLoyalists" : "loyalCustomers";
  if (r === 3) return f <= 2 ? "aboutToSleep" : f === 3 ? "needAttention" : "loyalCustomers";
  return f <= 2 ? "hibernating" : f <= 4 ? "atRisk" : "cannotLoseThem";
}

const DIGITS = "123456789A";

/**
 * Recency, frequency and monetary (RFM) scores of each customer of a summary,
 * by quantiles, and the segment each customer falls in.
 *
 * Formula: for each measure, cut points c_k = the k/bins quantile (type 7) of
 * the measure over all customers, k = 1..bins-1, and score = 1 + #{k : value > c_k},
 * so equal values share a score and higher is better. Recency is scored on the
 * time since the last purchase, T - recency, reversed (the most recent buyers
 * score highest); frequency on the repeat purchases; monetary on the mean
 * repeat-purchase value. Segments use the common ten-cell grid on the recency
 * and frequency scores rescaled to 1..5 (ceil(score * 5 / bins)): R 5 with F 1 is
 * newCustomers, F 2-3 potentialLoyalists, F 4-5 champions; R 4: F 1 promising,
 * F 2-3 potentialLoyalists, F 4-5 loyalCustomers; R 3: F 1-2 aboutToSleep, F 3
 * needAttention, F 4-5 loyalCustomers; R 1-2: F 1-2 hibernating, F 3-4 atRisk,
 * F 5 cannotLoseThem.
 *
 * @param summary - rows with `frequency`, `recency`, `T` and optionally `monetaryValue` and `customerId`
 * @param options - `bins` (2..10, default 5)
 * @returns the cut points, one score row per customer and the count per segment
 * @throws {@link InvalidInputError} for a `summary` that is not iterable, `options` that is not an object,
 *   an invalid row (a `customerId` that is not a non-empty string or finite number, say) or `bins`, or
 *   monetary values given for some rows only
 * @see A. M. Hughes (1994), "Strategic Database Marketing", Probus (RFM scoring by quintiles).
 * @example
 * ```ts
 * import { rfmScores } from "retention-metrics";
 * const scores = rfmScores([
 *   { customerId: "a", frequency: 6, recency: 38, T: 39, monetaryValue: 50 },
 *   { customerId: "b", frequency: 0, recency: 0, T: 39, monetaryValue: 0 },
 *   { customerId: "c", frequency: 2, recency: 10, T: 39, monetaryValue: 20 },
 *   { customerId: "d", frequency: 1, recency: 36, T: 37, monetaryValue: 15 },
 * ], { bins: 2 });
 * console.log(scores.rows[0]!.rfm, scores.rows[0]!.segment); // "222" "champions"
 * ```
 * @category Lifetime value
 */
export function rfmScores(summary: Iterable<RfmScoreInput>, options: RfmScoresOptions = {}): RfmScores {
  requireOptions(options, "options", "{ bins: 5 }");
  const bins = requireIntegerIn(options.bins ?? 5, "bins", 2, 10);
  const rows = Array.from(requireIterable<RfmScoreInput>(summary, "summary", "an iterable (an array, say) of { frequency, recency, T } rows"));
  const ids = new Array<CustomerId | null>(rows.length);
  const n = rows.length;
  const since = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  let withMoney = 0;
  rows.forEach((row, i) => {
    if (row === null || typeof row !== "object") throw new InvalidInputError({ field: "summary", value: row, expected: "a { frequency, recency, T } row", row: i });
    checkHistory(row.frequency, row.recency, row.T, i);
    ids[i] = summaryId(row.customerId, i);
    since[i] = -(row.T - row.recency); // negated: higher is better
    frequency[i] = row.frequency;
    const m = row.monetaryValue;
    if (m !== undefined && m !== null) {
      monetary[i] = typeof m === "number" && Number.isFinite(m) ? m : toDecimal(m, "monetaryValue").toNumber();
      withMoney++;
    }
  });
  if (withMoney !== 0 && withMoney !== n) {
    throw new InvalidInputError({ field: "monetaryValue", value: `${withMoney} of ${n} rows`, expected: "a monetary value on every row or on none" });
  }
  const recencyCuts = cutsOf(since, bins);
  const frequencyCuts = cutsOf(frequency, bins);
  const monetaryCuts = withMoney > 0 ? cutsOf(monetary, bins) : null;
  const segments: Record<RfmSegment, number> = {
    champions: 0, loyalCustomers: 0, potentialLoyalists: 0, newCustomers: 0, promising: 0,
    needAttention: 0, aboutToSleep: 0, atRisk: 0, cannotLoseThem: 0, hibernating: 0,
  };
  const rescale = (s: number) => Math.ceil((s * 5) / bins);
  const out: RfmScoreRow[] = rows.map((row, i) => {
    const r = scoreOf(since[i]!, recencyCuts);
    const f = scoreOf(frequency[i]!, frequencyCuts);
    const m = monetaryCuts === null ? null : scoreOf(monetary[i]!, monetaryCuts);
    const segment = segmentOf(rescale(r), rescale(f));
    segments[segment]++;
    return {
      customerId: ids[i]!,
      recencyScore: r,
      frequencyScore: f,
      monetaryScore: m,
      rfm: `${DIGITS[r - 1]}${DIGITS[f - 1]}${m === null ? "-" : DIGITS[m - 1]}`,
      segment,
    };
  });
  return displayable({
    bins,
    cuts: { recency: recencyCuts.map((c) => (c === 0 ? 0 : -c)), frequency: frequencyCuts, monetary: monetaryCuts },
    rows: out,
    segments,
  });
}
