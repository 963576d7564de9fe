/**
 * How the report writes numbers, money, rates and instants, on the terminal
 * and in report.html.
 *
 * @module
 */
import type { Decimal } from "../money.ts";

/** A rate in [0, 1] as a percentage with one decimal; `-` for null. */
export function percent(x: number | null, digits = 1): string {
  return x === null ? "-" : `${(100 * x).toFixed(digits)}%`;
}

/** A count with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** An amount with thousands separators and two decimals (exact rounding of the Decimal); `-` for null. */
export function money(x: Decimal | null): string {
  if (x === null) return "-";
  const [whole, fraction] = x.toFixed(2).split(".");
  const sign = whole!.startsWith("-") ? "-" : "";
  const digits = sign === "" ? whole! : whole!.slice(1);
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

/** A number with a fixed number of decimals; `-` for null. */
export function fixed(x: number | null, digits = 2): string {
  return x === null ? "-" : x.toFixed(digits);
}

/** An instant as `YYYY-MM-DD HH:MM` on the clock of a time zone, followed by the zone's name. */
export function instant(d: Date, timeZone = "UTC"): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} ${timeZone}`;
}
