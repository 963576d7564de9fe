/**
 * `historicLifetimeValue`: the value customers have actually brought so far,
 * per customer and per acquisition cohort.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { tableColumns } from "../events/table.ts";
import type { CustomerId, EventRow, EventTableOptions } from "../events/types.ts";
import { resolveSpan, type EventsArgument } from "../events/bucketEvents.ts";
import { decimalFrom, fromMinorUnits, type Decimal } from "../money.ts";
import { periodBucketer, type Instant, type Period, type PeriodSpec, type PeriodUnit } from "../periods/index.ts";
import { requireFraction, requireOptions, requireSynchronous } from "../validate.ts";
import { eventTable } from "../events/eventTable.ts";
import { resolveSpec } from "../periods/options.ts";

/**
 * Options of {@link historicLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface HistoricLifetimeValueOptions<Row = EventRow> extends EventTableOptions<Row> {
  /** Calendar period of the acquisition cohorts (a customer's first purchase); default `"month"`. */
  cohortPeriod?: PeriodUnit | PeriodSpec | undefined;
  /** First day of a `"week"` cohort period, 0 = Sunday .. 6 (overrides the spec's); default 1. */
  weekStartsOn?: number | undefined;
  /** Gross margin as a fraction from 0 to 1; the value is then margin x revenue. Default: revenue. */
  margin?: number | undefined;
  /** End of the data looked at, exclusive (default: just after the last event). */
  to?: Instant | undefined;
}

/**
 * One customer's realised value.
 *
 * @category Lifetime value
 */
export interface HistoricCustomerValue {
  /** The customer's id. */
  customerId: CustomerId;
  /** Key of the cohort period of the first purchase, e.g. `"1997-01"`. */
  cohort: string;
  /** The first purchase. */
  firstPurchase: Date;
  /** Purchases (events) before `to`. */
  orders: number;
  /** Sum of their amounts. */
  revenue: Decimal;
  /** revenue x margin (revenue without a margin). */
  value: Decimal;
}

/**
 * One cohort's realised value.
 *
 * @category Lifetime value
 */
export interface HistoricCohortValue {
  /** The cohort period's key. */
  cohort: string;
  /** The cohort period. */
  period: Period;
  /** Customers acquired in it. */
  customers: number;
  /** Their purchases. */
  orders: number;
  /** Their revenue. */
  revenue: Decimal;
  /** Their value (revenue x margin). */
  value: Decimal;
  /** value / customers: the cohort's historic CLV. */
  valuePerCustomer: Decimal;
}

/**
 * All customers of {@link historicLifetimeValue} together.
 *
 * @category Lifetime value
 */
export interface HistoricTotalValue {
  /** Customers with a purchase before `to`. */
  customers: number;
  /** Their purchases. */
  orders: number;
  /** Their revenue. */
  revenue: Decimal;
  /** Their value (revenue x margin). */
  value: Decimal;
  /** value / customers; `null` without customers. */
  valuePerCustomer: Decimal | null;
}

/**
 * The result of {@link historicLifetimeValue}.
 *
 * @category Lifetime value
 */
export interface HistoricLifetimeValue {
  /** Per customer, in order of first purchase. */
  customers: HistoricCustomerValue[];
  /** Per cohort with customers, oldest first. */
  cohorts: HistoricCohortValue[];
  /** All customers together. */
  total: HistoricTotalValue;
}

/**
 * Historic (realised) customer lifetime value: what each customer, and each
 * acquisition cohort, has spent so far, optionally times a gross margin.
 *
 * Formula: a customer's value = margin x the sum of their amounts before `to`
 * (exact, in minor units); a cohort's historic CLV = the sum of its customers'
 * values / its number of customers, where the cohort is the calendar period
 * (in `timeZone`) of the customer's first purchase ([cohort](../../docs/definitions.md#cohort)). It
 * looks back only; {@link predictLifetimeValue} looks ahead.
 *
 * @param events - rows, columns or an {@link EventTable}, with amounts
 * @param options - `cohortPeriod` (default `"month"`), `timeZone`, `weekStartsOn`, `margin`, `to`,
 *   and the {@link eventTable} options
 * @returns per customer, per cohort and total
 * @throws {@link InvalidInputError} for bad rows, events without amounts, or an invalid option
 * @see S. Gupta and D. R. Lehmann (2005), "Managing Customers as Investments", Wharton School
 *   Publishing (historic vs predictive CLV); [historic lifetime value](../../docs/definitions.md#historic-lifetime-value).
 * @example
 * ```ts
 * import { historicLifetimeValue } from "retention-metrics";
 * const v = historicLifetimeValue([
 *   { customerId: "a", at: "2024-01-05T10:00:00Z", amount: 20 },
 *   { customerId: "b", at: "2024-01-20T10:00:00Z", amount: 10 },
 *   { customerId: "a", at: "2024-03-02T10:00:00Z", amount: 30 },
 *   { customerId: "c", at: "2024-02-11T10:00:00Z", amount: 15 },
 * ], { margin: 0.5 });
 * console.log(v.cohorts.map((c) => `${c.cohort}: ${c.valuePerCustomer}`)); // ["2024-01: 15","2024-02: 7.5"]
 * ```
 * @category Lifetime value
 */
export function historicLifetimeValue<Row = EventRow>(events: EventsArgument<Row>, options: HistoricLifetimeValueOptions<Row> = {}): HistoricLifetimeValue {
  requireOptions(options, "options", '{ cohortPeriod: "month", margin: 0.3 }');
  const margin = options.margin === undefined ? null : decimalFrom(requireFraction(options.margin, "margin"));
  const spec = resolveSpec(options, options.cohortPeriod);
  requireSynchronous(events, "events", "eventTable");
  const table = eventTable(events, options);
  const cols = tableColumns(table);
  if (cols.amount === null && table.length > 0) {
    throw new InvalidInputError({ field: "amount", value: "no amounts", expected: "events with amounts (set fields.amount for rows that name it differently)" });
  }
  const span = resolveSpan(table, options.to === undefined ? {} : { to: options.to }, spec.timeZone);
  const zero = fromMinorUnits(0, cols.currencyScale);
  const empty: HistoricLifetimeValue = { customers: [], cohorts: [], total: { customers: 0, orders: 0, revenue: zero, value: zero, valuePerCustomer: null } };
  if (span === null || span.eventCount === 0) return empty;
  const n = cols.ids.length;
  const firstTime = new Float64Array(n).fill(NaN);
  const orders = new Int32Array(n);
  const units = new Float64Array(n);
  const amount = cols.amount!;
  for (let i = 0; i < span.eventCount; i++) {
    const c = cols.customer[i]!;
    if (orders[c] === 0) firstTime[c] = cols.time[i]!;
    orders[c]!++;
    units[c]! += amount[i]!;
  }
  // Customer codes follow first events, so first purchases are in time order and bucket in one sweep.
  let customers = 0;
  while (customers < n && orders[customers]! > 0) customers++;
  const firsts = firstTime.subarray(0, customers);
  const bucketer = periodBucketer(firsts[0]!, firsts[customers - 1]!, spec);
  const cohortOf = bucketer.bucket(firsts);
  const scale = cols.currencyScale;
  const valueOf = (revenue: Decimal) => (margin === null ? revenue : revenue.times(margin));
  const perCustomer: HistoricCustomerValue[] = [];
  const cohortCustomers = new Float64Array(bucketer.periods.length);
  const cohortOrders = new Float64Array(bucketer.periods.length);
  const cohortUnits = new Float64Array(bucketer.periods.length);
  let totalOrders = 0;
  let totalUnits = 0;
  for (let c = 0; c < customers; c++) {
    const k = cohortOf[c]!;
    const revenue = fromMinorUnits(units[c]!, scale);
    perCustomer.push({
      customerId: cols.ids[c]!,
      cohort: bucketer.periods[k]!.key,
      firstPurchase: new Date(firsts[c]!),
      orders: orders[c]!,
      revenue,
      value: valueOf(revenue),
    });
    cohortCustomers[k]!++;
    cohortOrders[k]! += orders[c]!;
    cohortUnits[k]! += units[c]!;
    totalOrders += orders[c]!;
    totalUnits += units[c]!;
  }
  const cohorts: HistoricCohortValue[] = [];
  bucketer.periods.forEach((period, k) => {
    const size = cohortCustomers[k]!;
    if (size === 0) return;
    const revenue = fromMinorUnits(cohortUnits[k]!, scale);
    const value = valueOf(revenue);
    cohorts.push({ cohort: period.key, period, customers: size, orders: cohortOrders[k]!, revenue, value, valuePerCustomer: value.dividedBy(size) });
  });
  const revenue = fromMinorUnits(totalUnits, scale);
  const value = valueOf(revenue);
  return {
    customers: perCustomer,
    cohorts,
    total: { customers, orders: totalOrders, revenue, value, valuePerCustomer: value.dividedBy(customers) },
  };
}
