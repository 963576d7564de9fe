/**
 * `survivalCurve`: how long customers stay, as a Kaplan-Meier curve over
 * periods since their first, with churn defined by a gap of inactivity.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { EventRow } from "../events/types.ts";
import { tableColumns } from "../events/table.ts";
import { eventSelection, type StartReturnOptions } from "../events/eventSelection.ts";
import { bucketEvents, type EventAnalysisOptions, type EventsArgument } from "../events/bucketEvents.ts";
import type { Period, ResolvedPeriodSpec } from "../periods/index.ts";
import { requireSynchronous } from "../validate.ts";
import type { CohortKey } from "./assign.ts";
import { lastCompletePeriod } from "./cohortMatrix.ts";
import type { SurvivalPoint } from "../stats/kaplanMeier.ts";
import { scanLifetimes } from "./lifetimes.ts";
import { eventTable } from "../events/eventTable.ts";
import { resolveSpec } from "../periods/options.ts";
import { type Lifetime, survivalResult, survivalSettings } from "./survivalRows.ts";

export type { SurvivalPoint } from "../stats/kaplanMeier.ts";

/**
 * Options of {@link survivalCurve}.
 *
 * @category Cohorts
 */
export interface SurvivalCurveOptions<Row = EventRow> extends EventAnalysisOptions<Row>, StartReturnOptions {
  /** A customer has churned after this many consecutive inactive periods; default 1. */
  churnAfter?: number;
  /** Also estimate a curve per cohort (`"cohort"`: the period of the first event) or per key of the caller's. */
  groupBy?: "cohort" | CohortKey;
  /** Confidence level of the bands, strictly between 0 and 1; default 0.95. */
  confidence?: number;
}

/**
 * A Kaplan-Meier estimate over a set of customers.
 *
 * @category Cohorts
 */
export interface SurvivalEstimate {
  /** Customers whose first event falls in a complete reported period. */
  customers: number;
  /** Lifetimes known to have ended. */
  churned: number;
  /** Lifetimes still open at the data's end (right-censored). */
  censored: number;
  /** One point per offset, from 0 (survival 1) to the longest lifetime observed. */
  points: SurvivalPoint[];
  /** The median lifetime in periods: the first offset where survival is at most 0.5; `null` when it never gets there. */
  medianLifetime: number | null;
}

/**
 * The estimate of one group of customers.
 *
 * @category Cohorts
 */
export interface SurvivalGroup extends SurvivalEstimate {
  /** The group's name: a cohort period's key or the caller's key. */
  group: string;
  /** The cohort's period, with `groupBy: "cohort"`. */
  period?: Period;
}

/**
 * The result of {@link survivalCurve}: the estimate over all customers, and per group when asked.
 *
 * @category Cohorts
 */
export interface SurvivalCurve extends SurvivalEstimate {
  /** The periods' spec (unit, time zone, week start). */
  spec: ResolvedPeriodSpec;
  /** Inactive periods that make a churn. */
  churnAfter: number;
  /** The bands' confidence level. */
  confidence: number;
  /** Per group (oldest cohort first, or keys in code-unit order); empty without `groupBy`. */
  groups: SurvivalGroup[];
}

/**
 * The survival curve of customers: the Kaplan-Meier probability of still being
 * a customer k periods after the first, with Greenwood standard errors, log-log
 * confidence bands and the median lifetime; optionally per cohort or per key.
 *
 * Definitions ([survival curve](../../docs/definitions.md#survival-curve)): a customer's lifetime runs from the period
 * of the first event F through the last active period L before the first gap of
 * `churnAfter` consecutive inactive periods; it lasts T = L - F + 1 periods. It
 * is churned when that gap elapsed within the complete periods, and censored at
 * L - F otherwise (still possibly active). Kaplan-Meier: S(k) = product over
 * offsets j <= k of (1 - d_j / n_j), n_j = customers at risk, d_j = lifetimes of
 * j periods; Greenwood variance S^2 sum d / (n (n - d)); log-log band
 * S^exp(+/- z sqrt(sum d / (n (n - d))) / |ln S|) (Kalbfleisch and Prentice).
 * Only complete periods are used: customers first seen in a period that has not
 * ended, or before `from`, are left out. With `startEvent` and `returnEvent`
 * ([event names](../../docs/definitions.md#event-names)), F is the period of the
 * first start event and only return events are activity after it.
 *
 * @param events - rows, columns or an {@link EventTable}
 * @param options - period options (`period` default `"month"`, `timeZone`, `weekStartsOn`, `from`, `to`),
 *   `churnAfter` (default 1), `groupBy`, `confidence` (default 0.95), `startEvent` and `returnEvent`
 *   (default: any event) and the {@link eventTable} options
 * @returns the overall estimate and one per group
 * @throws {@link InvalidInputError} for bad rows or options (`churnAfter` not a positive integer,
 *   `confidence` outside (0, 1), a `groupBy` that is neither `"cohort"` nor a function returning strings),
 *   `startEvent` or `returnEvent` on events without names or naming an event the table does not have
 * @see E. L. Kaplan and P. Meier (1958), "Nonparametric Estimation from Incomplete Observations", JASA
 *   53(282), 457-481; M. Greenwood (1926), "The Natural Duration of Cancer"; J. D. Kalbfleisch and
 *   R. L. Prentice (1980), The Statistical Analysis of Failure Time Data (log-log intervals).
 * @example
 * ```ts
 * import { survivalCurve } from "retention-metrics";
 * const s = survivalCurve([
 *   { customerId: "a", at: "2024-01-05T00:00:00Z" }, // January only: churned, lifetime 1 month
 *   { customerId: "b", at: "2024-01-07T00:00:00Z" },
 *   { customerId: "b", at: "2024-02-07T00:00:00Z" }, // January-February: churned, 2 months
 *   { customerId: "c", at: "2024-01-09T00:00:00Z" },
 *   { customerId: "c", at: "2024-04-09T00:00:00Z" }, // January, then a gap: churned, 1 month
 * ], { period: "month", churnAfter: 1, to: "2024-05-01T00:00:00Z" });
 * console.log(s.points.map((p) => p.survival), s.medianLifetime); // [1,0.3333333333333333,0] 1
 * ```
 * @category Cohorts
 */
export function survivalCurve<Row = EventRow>(events: EventsArgument<Row>, options: SurvivalCurveOptions<Row> = {}): SurvivalCurve {
  const settings = survivalSettings(options);
  const groupBy = settings.groupBy;
  requireSynchronous(events, "events", "eventTable");
  const table = eventTable(events, options);
  const selection = eventSelection(table, options);
  const b = bucketEvents(table, options);
  if (b === null) return survivalResult(resolveSpec(options), settings, [], new Map(), []);
  const lastComplete = lastCompletePeriod(b);
  const { first, last, ended } = scanLifetimes(b, settings.churnAfter, lastComplete, selection);
  const ids = tableColumns(table).ids;
  const all: Lifetime[] = [];
  const byGroup = new Map<string, Lifetime[]>();
  for (let c = 0; c < first.length; c++) {
    const f = first[c]!;
    if (f < b.firstReported) continue;
    const lifetime: Lifetime = { time: last[c]! - f + (ended[c] === 1 ? 1 : 0), ended: ended[c] === 1, count: 1 };
    all.push(lifetime);
    if (groupBy === undefined) continue;
    const key = groupBy === "cohort" ? b.bucketer.periods[f]!.key : groupBy(ids[c]!);
    if (typeof key !== "string") throw new InvalidInputError({ field: `groupBy(${JSON.stringify(ids[c])})`, value: key, expected: "a string group key" });
    const members = byGroup.get(key);
    if (members === undefined) byGroup.set(key, [lifetime]);
    else members.push(lifetime);
  }
  return survivalResult(b.spec, settings, all, byGroup, b.bucketer.periods);
}
