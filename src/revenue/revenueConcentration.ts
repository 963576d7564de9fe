/**
 * `revenueConcentration`: how much of the revenue the top customers bring.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { type Decimal, fromMinorUnits } from "../money.ts";
import { giniCoefficient, lorenzCurve, topShare } from "../stats/concentration.ts";
import { requireFractionList, requireIntegerIn, requireOptions, requireSynchronous } from "../validate.ts";
import { tableColumns } from "../events/table.ts";
import { resolveSpan, type EventsArgument, type PeriodOptions } from "../events/bucketEvents.ts";
import type { EventRow, EventTableOptions } from "../events/types.ts";
import { eventTable } from "../events/eventTable.ts";
import { onReturnEvents, type ReturnEventOption } from "../events/eventSelection.ts";
import { displayable } from "../displayProtocol.ts";

/**
 * Options of {@link revenueConcentration}.
 *
 * @category Revenue
 */
export interface RevenueConcentrationOptions<Row = EventRow> extends EventTableOptions<Row>, Pick<PeriodOptions, "from" | "to">, ReturnEventOption {
  /** Shares of top customers to report; default [0.2] (the "20%" of the 80/20 rule). */
  top?: readonly number[];
  /** Points of the Lorenz curve returned, evenly spaced in customer share (2..10001); default 101. */
  lorenzPoints?: number;
}

/**
 * One point of a Lorenz curve.
 *
 * @category Revenue
 */
export interface LorenzPoint {
  /** Share of customers, those with the least revenue first. */
  customerShare: number;
  /** Share of revenue they bring. */
  revenueShare: number;
}

/**
 * The revenue share of one top fraction of customers.
 *
 * @category Revenue
 */
export interface TopShareValue {
  /** The share of customers at the top, 0..1. */
  fraction: number;
  /** Their share of revenue, `null` when revenue is 0. */
  share: number | null;
}

/**
 * The result of {@link revenueConcentration}.
 *
 * @category Revenue
 */
export interface RevenueConcentrationResult {
  /** Customers with at least one event in the span (with or without revenue). */
  customers: number;
  /** Revenue of the span, exact. */
  totalRevenue: Decimal;
  /** For each requested fraction, the share of revenue from that fraction of top customers (`null` when revenue is 0). */
  top: TopShareValue[];
  /** Gini coefficient of revenue over customers, population form, in [0, 1); `null` when revenue is 0. */
  gini: number | null;
  /** The Lorenz curve at evenly spaced customer shares from 0 to 1; empty when revenue is 0. */
  lorenz: LorenzPoint[];
}

/**
 * Revenue concentration over customers: the share of revenue from the top x of
 * customers, the Lorenz curve and the Gini coefficient
 * ([revenue concentration](../../docs/definitions.md#revenue-concentration),
 * the "20% of customers make 80% of revenue" rule).
 *
 * Each customer's revenue is the exact sum of their amounts in [from, to). A
 * customer whose refunds exceed their purchases (a negative total) is refused,
 * since shares of a total are then meaningless.
 *
 * With `returnEvent` ([event names](../../docs/definitions.md#event-names): a name, a list or a
 * predicate), the revenue is that of the return events (the purchases). `startEvent` is refused: this
 * analysis forms no cohorts.
 *
 * @param events - rows, columns or an {@link EventTable}, with amounts
 * @param options - `top` (default [0.2]), `lorenzPoints` (default 101), `from`, `to`,
 *   and the {@link eventTable} options for rows
 * @returns customers, total revenue, top shares, Gini and Lorenz points
 * @throws {@link InvalidInputError} for bad rows or options, events without amounts,
 *   or a customer with a negative revenue total
 * @throws {@link InvalidInputError} for `startEvent`, or a `returnEvent` on events without names or
 *   naming an event the table does not have (the message lists the names it has)
 * @example
 * ```ts
 * import { revenueConcentration } from "retention-metrics";
 * const r = revenueConcentration([
 *   { customerId: "a", at: 1, amount: 80 },
 *   { customerId: "b", at: 2, amount: 10 },
 *   { customerId: "c", at: 3, amount: 5 },
 *   { customerId: "d", at: 4, amount: 3 },
 *   { customerId: "e", at: 5, amount: 2 },
 * ]);
 * console.log(r.top[0]!.share, r.totalRevenue.toString()); // 0.8 "100"
 * ```
 * @category Revenue
 */
export function revenueConcentration<Row = EventRow>(events: EventsArgument<Row>, options: RevenueConcentrationOptions<Row> = {}): RevenueConcentrationResult {
  requireOptions(options, "options", "{ top: [0.2] }");
  const fractions = requireFractionList(options.top ?? [0.2], "top", "[0.2]");
  const points = requireIntegerIn(options.lorenzPoints ?? 101, "lorenzPoints", 2, 10001);
  requireSynchronous(events, "events", "eventTable");
  // With returnEvent, the revenue is that of the return events (purchases).
  const { table, options: o } = onReturnEvents(eventTable(events, options), options, "revenueConcentration");
  if (!table.hasAmounts && table.length > 0) {
    throw new InvalidInputError({ field: "amount", value: undefined, expected: "events with amounts (revenue concentration needs them)" });
  }
  const cols = tableColumns(table);
  const span = resolveSpan(table, o, options.timeZone);
  const perCustomer = new Float64Array(cols.ids.length);
  const seen = new Uint8Array(cols.ids.length);
  let total = 0;
  for (let i = span?.firstEvent ?? 0; i < (span?.eventCount ?? 0); i++) {
    const c = cols.customer[i]!;
    const units = cols.amount![i]!;
    perCustomer[c]! += units;
    seen[c] = 1;
    total += units;
  }
  const values: number[] = [];
  for (let c = 0; c < seen.length; c++) {
    if (seen[c] === 0) continue;
    if (perCustomer[c]! < 0) {
      throw new InvalidInputError({
        field: `revenue of customer ${String(cols.ids[c])}`,
        value: fromMinorUnits(perCustomer[c]!, cols.currencyScale).toString(),
        expected: "a total of at least 0 (refunds exceed purchases)",
      });
    }
    values.push(perCustomer[c]!);
  }
  const curve = lorenzCurve(values);
  const lorenz: LorenzPoint[] = [];
  if (curve !== null) {
    const n = values.length;
    for (let j = 0; j < points; j++) {
      // Interpolate the piecewise-linear curve at share s = j / (points - 1).
      const x = (j / (points - 1)) * n;
      const i = Math.min(n - 1, Math.floor(x));
      const y = curve.valueShare[i]! + (x - i) * (curve.valueShare[i + 1]! - curve.valueShare[i]!);
      lorenz.push({ customerShare: j / (points - 1), revenueShare: y });
    }
  }
  return displayable({
    customers: values.length,
    totalRevenue: fromMinorUnits(total, cols.currencyScale),
    top: fractions.map((fraction) => ({ fraction, share: topShare(values, fraction) })),
    gini: giniCoefficient(values),
    lorenz,
  });
}
