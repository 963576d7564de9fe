/**
 * The final step of `activeUsers`: its checked options, and the day rows from
 * each day's DAU, WAU and MAU (however they were counted: the in-memory scan,
 * or a warehouse's GROUP BY), with stickiness and its Wilson interval. One
 * definition for both.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import type { Period } from "../periods/index.ts";
import { isComplete } from "../periods/options.ts";
import { displayable } from "../displayProtocol.ts";
import { resolveIntervalOptions, wilsonInterval } from "../stats/wilson.ts";
import { requireOneOf, requireOptions, requirePositiveCount } from "../validate.ts";
import type { ActiveUsersDay, ActiveUsersDefinition, ActiveUsersResult } from "./activeUsers.ts";

/** The checked options of `activeUsers`. @internal */
export interface ActiveUsersSettings {
  readonly definition: ActiveUsersDefinition;
  readonly weekWindow: number;
  readonly monthWindow: number;
  readonly interval: boolean;
  readonly confidence: number;
}

/**
 * Checks the options of `activeUsers`.
 *
 * @throws {@link InvalidInputError} for `options` that is not an object, an unknown `definition`, a window
 *   that is not a positive integer, a week window longer than the month window, or a bad `interval`/`confidence`
 */
export function activeUsersSettings(options: { definition?: unknown; weekWindow?: unknown; monthWindow?: unknown; interval?: unknown; confidence?: unknown }): ActiveUsersSettings {
  requireOptions(options, "options", '{ definition: "trailing" }');
  const definition = requireOneOf(options.definition ?? "trailing", "definition", ["trailing", "calendar"] as const);
  const weekWindow = requirePositiveCount(options.weekWindow ?? 7, "weekWindow");
  const monthWindow = requirePositiveCount(options.monthWindow ?? 28, "monthWindow");
  const { interval, confidence } = resolveIntervalOptions(options as { interval?: boolean; confidence?: number });
  if (weekWindow > monthWindow) {
    throw new InvalidInputError({ field: "weekWindow", value: weekWindow, expected: `at most monthWindow (${monthWindow})` });
  }
  return { definition, weekWindow, monthWindow, interval, confidence };
}

/**
 * The result of `activeUsers` for the reported `days` (ending by `to`), with DAU, WAU and MAU of day i
 * (0 the first reported); no days: the empty result. @internal
 */
export function activeUsersResult(
  s: ActiveUsersSettings,
  days: readonly Period[] | null,
  to: number,
  dau: (i: number) => number,
  wau: (i: number) => number,
  mau: (i: number) => number,
): ActiveUsersResult {
  const confidence = s.interval ? { confidence: s.confidence } : {};
  if (days === null) return { definition: s.definition, weekWindow: null, monthWindow: null, days: [], ...confidence };
  const trailing = s.definition === "trailing";
  const rows: ActiveUsersDay[] = [];
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    const d = dau(i);
    const m = mau(i);
    const row: ActiveUsersDay = { day, complete: isComplete(day, to), dau: d, wau: wau(i), mau: m, stickiness: m > 0 ? d / m : null };
    if (s.interval) row.stickinessInterval = m > 0 ? wilsonInterval({ successes: d, trials: m }, { confidence: s.confidence }) : null;
    rows.push(row);
  }
  return displayable({ definition: s.definition, weekWindow: trailing ? s.weekWindow : null, monthWindow: trailing ? s.monthWindow : null, days: rows, ...confidence });
}
