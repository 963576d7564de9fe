/**
 * The final step of `survivalCurve`: its checked options, and the curves
 * (overall and per group, Kaplan-Meier with bands) from lifetimes that may
 * each stand for several customers, however they were found: the in-memory
 * scan (one customer each), or a warehouse's GROUP BY (a count each). One
 * definition for both.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { Period, ResolvedPeriodSpec } from "../periods/index.ts";
import { formatCount, requireCellsWithin, requireOpenFraction, requireOptions, requirePositiveCount } from "../validate.ts";
import { kaplanMeier, medianOffset } from "../stats/kaplanMeier.ts";
import { displayable } from "../displayProtocol.ts";
import type { CohortKey } from "./assign.ts";
import type { SurvivalCurve, SurvivalEstimate, SurvivalGroup } from "./survivalCurve.ts";

/** A lifetime: `time` periods when ended, or known alive at offset `time` when censored; `count` customers. @internal */
export interface Lifetime {
  readonly time: number;
  readonly ended: boolean;
  readonly count: number;
}

/** The checked options of `survivalCurve`. @internal */
export interface SurvivalSettings {
  readonly churnAfter: number;
  readonly confidence: number;
  readonly groupBy: "cohort" | CohortKey | undefined;
}

/**
 * Checks the options of `survivalCurve`.
 *
 * @throws {@link InvalidInputError} for `options` that is not an object, a `churnAfter` that is not a positive
 *   integer, a `confidence` outside (0, 1), or a `groupBy` that is neither `"cohort"` nor a function
 */
export function survivalSettings(options: { churnAfter?: unknown; confidence?: unknown; groupBy?: unknown }): SurvivalSettings {
  requireOptions(options, "options", "{ churnAfter: 2 }");
  const churnAfter = requirePositiveCount(options.churnAfter ?? 1, "churnAfter");
  const confidence = options.confidence === undefined ? 0.95 : requireOpenFraction(options.confidence, "confidence");
  const groupBy = options.groupBy;
  if (groupBy !== undefined && groupBy !== "cohort" && typeof groupBy !== "function") {
    throw new InvalidInputError({ field: "groupBy", value: groupBy, expected: '"cohort" or a function from a customer id to a group key' });
  }
  return { churnAfter, confidence, groupBy: groupBy as SurvivalSettings["groupBy"] };
}

/**
 * The curve of `all` lifetimes and of each group's (`byGroup`, keyed by a cohort period's key or the
 * caller's key; `periods` gives the cohort periods with `groupBy: "cohort"`). @internal
 *
 * @throws {@link InvalidInputError} when the groups' points exceed the cell limit
 */
export function survivalResult(
  spec: ResolvedPeriodSpec,
  s: SurvivalSettings,
  all: readonly Lifetime[],
  byGroup: ReadonlyMap<string, readonly Lifetime[]>,
  periods: readonly Period[],
): SurvivalCurve {
  // One point per offset up to each group's longest lifetime: bounded like every grid, before the points are made.
  let points = 0;
  for (const members of byGroup.values()) {
    let longest = 0;
    for (const l of members) longest = Math.max(longest, l.time);
    points += longest + 1;
  }
  const groupBy = s.groupBy;
  requireCellsWithin(points, {
    field: "groupBy",
    value: typeof groupBy === "function" ? `a function${groupBy.name === "" ? "" : ` (${groupBy.name})`}` : groupBy,
    what: `survival curves of ${formatCount(byGroup.size)} groups`,
    remedy: "use a longer period unit (week, month), a later from, or groups of several cohorts",
  });
  const periodOfKey = new Map(periods.map((p) => [p.key, p]));
  const groups = [...byGroup.keys()].sort().map((group): SurvivalGroup => ({
    group,
    ...(groupBy === "cohort" ? { period: periodOfKey.get(group)! } : {}),
    ...estimate(byGroup.get(group)!, s.confidence),
  }));
  return displayable({ spec, churnAfter: s.churnAfter, confidence: s.confidence, ...estimate(all, s.confidence), groups });
}

/** The Kaplan-Meier estimate of a set of lifetimes. */
function estimate(lifetimes: readonly Lifetime[], confidence: number): SurvivalEstimate {
  let longest = -1;
  for (const l of lifetimes) longest = Math.max(longest, l.time);
  const churned = new Float64Array(longest + 1);
  const censored = new Float64Array(longest + 1);
  let ends = 0;
  let customers = 0;
  for (const l of lifetimes) {
    customers += l.count;
    if (l.ended) {
      churned[l.time]! += l.count;
      ends += l.count;
    } else {
      censored[l.time]! += l.count;
    }
  }
  const points = kaplanMeier(churned, censored, confidence);
  return { customers, churned: ends, censored: customers - ends, points, medianLifetime: medianOffset(points) };
}
