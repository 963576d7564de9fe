/**
 * Email campaign engagement: open, click-through and click-to-open rates.
 *
 * @module
 */
import { requireCount, requireNotGreater, requirePositiveCount, requireRecord } from "../validate.ts";

/**
 * The counts of an email campaign.
 *
 * @category Formulas
 */
export interface EmailEngagementInput {
  /** Emails delivered (sent minus bounces); a positive integer. */
  delivered: number;
  /** Unique recipients who opened (count a recipient who clicked as an opener); 0 to `delivered`. */
  opened: number;
  /** Unique recipients who clicked a link; 0 to `opened`. */
  clicked: number;
}

/**
 * The engagement rates of an email campaign, each a fraction in [0, 1].
 *
 * @category Formulas
 */
export interface EmailEngagement {
  /** opened / delivered. */
  openRate: number;
  /** clicked / delivered. */
  clickThroughRate: number;
  /** clicked / opened; `null` when nobody opened (there is nothing to measure). */
  clickToOpenRate: number | null;
}

/**
 * The open rate, click-through rate and click-to-open rate of an email campaign.
 *
 * Formula: open rate = opened / delivered; click-through rate = clicked / delivered;
 * click-to-open rate = clicked / opened (`null` when opened = 0).
 *
 * @param input - `delivered` (> 0), `opened` and `clicked` counts with clicked <= opened <= delivered
 * @returns `{ openRate, clickThroughRate, clickToOpenRate }`
 * @throws {@link InvalidInputError} naming the field when a count is negative, fractional, NaN or
 *   infinite, or `delivered` is 0
 * @throws {@link InconsistentDataError} when more recipients clicked than opened, or opened than
 *   were delivered to (count unique recipients, and count a click as an open: image blocking hides
 *   opens that a click proves)
 * @see [Email engagement](../../docs/definitions.md#email-engagement): open rate, click-through rate and click-to-open.
 * @example
 * ```ts
 * import { emailEngagement } from "retention-metrics";
 * console.log(emailEngagement({ delivered: 10000, opened: 2500, clicked: 500 })); // {"openRate":0.25,"clickThroughRate":0.05,"clickToOpenRate":0.2}
 * ```
 * @category Formulas
 */
export function emailEngagement(input: EmailEngagementInput): EmailEngagement {
  requireRecord(input, "input", ["delivered", "opened", "clicked"]);
  const delivered = requirePositiveCount(input.delivered, "delivered");
  const opened = requireCount(input.opened, "opened");
  const clicked = requireCount(input.clicked, "clicked");
  requireNotGreater("opened", opened, "delivered", delivered, "only delivered emails can be opened");
  requireNotGreater("clicked", clicked, "opened", opened, "a recipient who clicked has opened the email (count a click as an open)");
  return {
    openRate: opened / delivered,
    clickThroughRate: clicked / delivered,
    clickToOpenRate: opened === 0 ? null : clicked / opened,
  };
}
