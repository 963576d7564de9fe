/**
 * Sampling error of a Net Promoter Score.
 *
 * @module
 */
import { InconsistentDataError } from "../errors.ts";
import { requireCount, requirePositiveCount, requireRecord } from "../validate.ts";

/**
 * The answer counts of an NPS survey.
 *
 * @category Statistics
 */
export interface NpsCounts {
  /** Respondents who answered 9 or 10; a non-negative integer. */
  promoters: number;
  /** Respondents who answered 0 to 6; a non-negative integer. */
  detractors: number;
  /** All respondents (promoters, passives and detractors); a positive integer. */
  total: number;
}

/**
 * The standard error of a Net Promoter Score, in NPS points (the -100..100 scale).
 *
 * Formula: with n = total, p_pro = promoters / n and p_det = detractors / n,
 * SE = 100 * sqrt((p_pro + p_det - (p_pro - p_det)^2) / n).
 * This is the multinomial variance of the difference of two proportions,
 * Var(p_pro - p_det) = (p_pro(1 - p_pro) + p_det(1 - p_det) + 2 p_pro p_det) / n, multiplied by 100
 * because the score is reported as a percentage difference. An approximate 95% interval is
 * score -/+ 1.96 SE.
 *
 * @param counts - `promoters`, `detractors` and `total` respondents
 * @returns the standard error in NPS points, e.g. 5.2 means 5.2 points of the -100..100 scale
 * @throws {@link InvalidInputError} when a count is not a non-negative integer or `total` is 0
 * @throws {@link InconsistentDataError} when promoters + detractors exceeds total
 * @see [Net Promoter Score](../../docs/definitions.md#net-promoter-score); the variance of a difference of multinomial proportions, e.g.
 *   A. Agresti, Categorical Data Analysis (3rd ed., 2013), section 1.2 (multinomial moments).
 * @example
 * ```ts
 * import { npsStandardError } from "retention-metrics";
 * // 50 promoters and 20 detractors of 100: NPS 30, SE = 100 * sqrt((0.7 - 0.09) / 100) ≈ 7.81 points
 * console.log(npsStandardError({ promoters: 50, detractors: 20, total: 100 }).toFixed(2)); // "7.81"
 * ```
 * @category Statistics
 */
export function npsStandardError(counts: NpsCounts): number {
  requireRecord(counts, "counts", ["promoters", "detractors", "total"]);
  const promoters = requireCount(counts.promoters, "promoters");
  const detractors = requireCount(counts.detractors, "detractors");
  const n = requirePositiveCount(counts.total, "total");
  if (promoters + detractors > n) {
    throw new InconsistentDataError(
      `promoters (${promoters}) + detractors (${detractors}) cannot exceed total (${n}): they are disjoint groups of the respondents.`,
      { promoters, detractors, total: n },
    );
  }
  const pPro = promoters / n;
  const pDet = detractors / n;
  const difference = pPro - pDet;
  // Non-negative in exact arithmetic (p_pro + p_det <= 1); max() only absorbs rounding.
  return 100 * Math.sqrt(Math.max(0, pPro + pDet - difference * difference) / n);
}
