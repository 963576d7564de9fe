/**
 * Net Promoter Score from survey answers.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { npsStandardError } from "../stats/npsStandardError.ts";
import { requireIterable } from "../validate.ts";

/**
 * A Net Promoter Score with its answer counts, shares and sampling error.
 *
 * @category Formulas
 */
export interface NetPromoterScoreResult {
  /** The score, % promoters - % detractors, from -100 to 100. */
  score: number;
  /** Respondents (scores given). */
  total: number;
  /** Respondents who answered 9 or 10. */
  promoters: number;
  /** Respondents who answered 7 or 8. */
  passives: number;
  /** Respondents who answered 0 to 6. */
  detractors: number;
  /** promoters / total, in [0, 1]. */
  promoterShare: number;
  /** passives / total, in [0, 1]. */
  passiveShare: number;
  /** detractors / total, in [0, 1]. */
  detractorShare: number;
  /** The standard error of `score`, in NPS points (see {@link npsStandardError}). */
  standardError: number;
}

/** The lowest answer of a promoter. */
const PROMOTER_MIN = 9;
/** The highest answer of a detractor. */
const DETRACTOR_MAX = 6;

/**
 * The Net Promoter Score of the answers to "How likely are you to recommend us?" on a 0-10 scale.
 *
 * Formula: NPS = 100 x (promoters - detractors) / total, promoters answering 9-10, passives 7-8 and
 * detractors 0-6; standard error = 100 x sqrt((p_pro + p_det - (p_pro - p_det)^2) / total).
 *
 * @param scores - the answers, integers from 0 to 10 (any iterable: an array, a typed array, a
 *   generator)
 * @returns the score in [-100, 100] with the counts, the shares (summing to 1) and the standard
 *   error in NPS points
 * @throws {@link InvalidInputError} naming the index (`row`) of the first answer that is not an
 *   integer from 0 to 10, or when there are no answers (an NPS of nobody is undefined)
 * @see F. F. Reichheld (2003), "The One Number You Need to Grow", Harvard Business Review 81(12);
 *   [Net Promoter Score](../../docs/definitions.md#net-promoter-score).
 * @example
 * ```ts
 * import { netPromoterScore } from "retention-metrics";
 * const nps = netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10, 9, 0]);
 * // 5 promoters, 2 passives, 3 detractors of 10: 50% - 30%
 * console.log(nps.score, nps.promoters, nps.passives, nps.detractors); // 20 5 2 3
 * ```
 * @category Formulas
 */
export function netPromoterScore(scores: Iterable<number>): NetPromoterScoreResult {
  requireIterable(scores, "scores", "an iterable (an array, say) of integers from 0 to 10");
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  let row = 0;
  for (const answer of scores) {
    if (!Number.isInteger(answer) || answer < 0 || answer > 10) {
      throw new InvalidInputError({ field: "scores", value: answer, expected: "an integer from 0 to 10", row });
    }
    if (answer >= PROMOTER_MIN) promoters++;
    else if (answer <= DETRACTOR_MAX) detractors++;
    else passives++;
    row++;
  }
  const total = row;
  if (total === 0) {
    throw new InvalidInputError({ field: "scores", value: scores, expected: "at least one answer (the score of no respondents is undefined)" });
  }
  return {
    score: ((promoters - detractors) * 100) / total,
    total,
    promoters,
    passives,
    detractors,
    promoterShare: promoters / total,
    passiveShare: passives / total,
    detractorShare: detractors / total,
    standardError: npsStandardError({ promoters, detractors, total }),
  };
}
