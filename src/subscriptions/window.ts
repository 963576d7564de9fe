/**
 * The period options of a subscription analysis, resolved once against a
 * {@link SubscriptionTable}: the period spec, the reported span [from, to), and
 * a bucketer whose periods also cover the history before `from` (so a
 * customer's MRR at `from` and whether a sale is new see every earlier change).
 *
 * @internal
 * @module
 */
import { type PeriodOptions, resolveBounds, resolveSpec } from "../periods/options.ts";
import type { PeriodBucketer, ResolvedPeriodSpec } from "../periods/index.ts";
import { periodBucketer } from "../periods/index.ts";
import { subscriptionTable } from "./subscriptionTable.ts";
import type { SubscriptionTable } from "./table.ts";
import type { SubscriptionRow, SubscriptionsArgument, SubscriptionTableOptions } from "./types.ts";

/**
 * Options of a subscription analysis: period options plus {@link subscriptionTable}'s options.
 *
 * @category Subscriptions
 */
export type SubscriptionAnalysisOptions<Row = SubscriptionRow> = PeriodOptions & SubscriptionTableOptions<Row>;

/** A table's periods and span. @internal */
export interface SubscriptionWindow {
  readonly spec: ResolvedPeriodSpec;
  /** Epoch ms: the reported span is [from, to); changes at or after `to` are ignored. */
  readonly from: number;
  readonly to: number;
  /** Periods from the earliest change (or `from`, if earlier) to the one holding `to - 1`. */
  readonly bucketer: PeriodBucketer;
  /** Index of the first reported period (the one holding `from`). */
  readonly firstReported: number;
}

/**
 * Resolves the period options against a table. `from` defaults to the first
 * MRR change, `to` to just after the last one; strings without an offset are
 * read in the period's time zone. Returns null when there is nothing to report
 * (no change and no span given, or default bounds that cross). @internal
 *
 * @throws {@link InvalidInputError} for a bad period option, or `to` not after `from`
 */
export function subscriptionWindow(table: SubscriptionTable, options: PeriodOptions): SubscriptionWindow | null {
  const spec = resolveSpec(options);
  const span = table.span;
  const bounds = resolveBounds(span, options, spec.timeZone);
  if (bounds === null) return null;
  const { from, to } = bounds;
  const start = span === null ? from : Math.min(span.first, from);
  const bucketer = periodBucketer(start, to - 1, spec);
  return { spec, from, to, bucketer, firstReported: bucketer.indexOf(from) };
}
