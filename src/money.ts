/**
 * Exact money. Amounts come in as `number | string | Decimal` and results go out
 * as `Decimal`. Sums over many amounts are done in integer minor units (cents for
 * a scale of 2) held in float64, which is exact up to 2^53, so no Decimal is made
 * per row.
 *
 * @module money
 */
import { Decimal as DecimalJs } from "decimal.js";
import { InvalidInputError } from "./errors.ts";

/**
 * The decimal type of money results (decimal.js). Results are made by a private
 * `Decimal.clone()`, so changing the global decimal.js settings never changes
 * them; use `Decimal.isDecimal(x)` rather than `instanceof` to test for one.
 * @category Money
 */
export type Decimal = DecimalJs;

/**
 * A money amount as callers give it: a number, a decimal string such as `"12.30"`, or a `Decimal`.
 *
 * @category Money
 */
export type MoneyInput = number | string | Decimal;

/**
 * Our own Decimal constructor: 40 significant digits are far beyond any money
 * amount, and half-even rounding is the accountant's default for the few
 * results that are divisions (an average order value, say).
 */
const Money = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -21, toExpPos: 40 });

/**
 * The default number of decimals of a currency's minor unit (cents).
 *
 * @category Money
 */
export const DEFAULT_CURRENCY_SCALE = 2;

/** The largest `currencyScale` accepted: 10^10 minor units per unit still leaves amounts up to ~900,000 exact. */
const MAX_CURRENCY_SCALE = 10;

const POWERS_OF_TEN: readonly number[] = Array.from({ length: MAX_CURRENCY_SCALE + 1 }, (_, i) => 10 ** i);

const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/**
 * Checks a `currencyScale` option and returns it (the default when undefined).
 *
 * @param scale - decimals of the currency's minor unit, an integer 0..10
 * @returns the scale
 * @throws {@link InvalidInputError} when the scale is not an integer in 0..10
 * @example
 * ```ts
 * import { checkCurrencyScale, DEFAULT_CURRENCY_SCALE } from "retention-metrics/money";
 * console.log(checkCurrencyScale(undefined), DEFAULT_CURRENCY_SCALE); // 2 2
 * ```
 * @category Money
 */
export function checkCurrencyScale(scale: number | undefined): number {
  if (scale === undefined) return DEFAULT_CURRENCY_SCALE;
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_CURRENCY_SCALE) {
    throw new InvalidInputError({ field: "currencyScale", value: scale, expected: `an integer from 0 to ${MAX_CURRENCY_SCALE}` });
  }
  return scale;
}

/**
 * Converts a money amount to a `Decimal`, exactly. A number is read as the
 * shortest decimal that round-trips to it (`0.1` is 0.1, not its binary value).
 *
 * @param amount - the amount
 * @param field - the name used in the error message
 * @returns the amount as a Decimal
 * @throws {@link InvalidInputError} when the amount is not a finite number, a decimal string or a Decimal
 * @example
 * ```ts
 * import { toDecimal } from "retention-metrics/money";
 * console.log(toDecimal("19.99").plus(toDecimal(0.01)).toString()); // "20"
 * ```
 * @category Money
 */
export function toDecimal(amount: MoneyInput, field = "amount"): Decimal {
  return parseDecimal(amount, field, undefined);
}

function parseDecimal(amount: MoneyInput, field: string, row: number | undefined): Decimal {
  if (typeof amount === "number") {
    if (!Number.isFinite(amount)) throw notMoney(field, amount, row);
    return new Money(amount);
  }
  if (typeof amount === "string") {
    try {
      const d = new Money(amount.trim());
      if (d.isFinite()) return d;
    } catch {
      // decimal.js throws a plain Error on an unparseable string: report it as ours.
    }
    throw notMoney(field, amount, row);
  }
  if (DecimalJs.isDecimal(amount) && amount.isFinite()) return new Money(amount);
  throw notMoney(field, amount, row);
}

/**
 * Converts a money amount to an integer number of minor units (cents for a
 * scale of 2), exactly. An amount with more decimals than the scale is refused,
 * never rounded.
 *
 * Why this is exact for numbers: a double written with at most `scale` decimals
 * is the double nearest to that decimal, and so is `round(x * 10^scale) / 10^scale`
 * (a correctly rounded quotient of two exact integers); the two agree if and only
 * if `x` has at most `scale` decimals.
 *
 * @param amount - the amount
 * @param scale - decimals of the minor unit (see {@link checkCurrencyScale})
 * @param field - the name used in error messages
 * @param row - the row index used in error messages
 * @returns the amount in minor units, a safe integer
 * @throws {@link InvalidInputError} when the amount is not finite, has more decimals than `scale`,
 *   or is too large to be held exactly (beyond 2^53 minor units)
 * @example
 * ```ts
 * import { toMinorUnits } from "retention-metrics/money";
 * console.log(toMinorUnits(19.99, 2), toMinorUnits("5", 2)); // 1999 500
 * ```
 * @category Money
 */
export function toMinorUnits(amount: MoneyInput, scale: number, field = "amount", row?: number): number {
  const factor = (typeof scale === "number" ? POWERS_OF_TEN[scale] : undefined) ?? 10 ** checkCurrencyScale(scale);
  if (typeof amount === "number") {
    if (!Number.isFinite(amount)) throw notMoney(field, amount, row);
    const units = Math.round(amount * factor);
    if (units / factor !== amount) throw tooPrecise(field, amount, scale, row);
    if (!Number.isSafeInteger(units)) throw tooLarge(field, amount, row);
    return units === 0 ? 0 : units; // never -0
  }
  if (typeof amount === "string") {
    const m = PLAIN_DECIMAL.exec(amount.trim());
    if (m !== null) {
      const fraction = m[3] ?? "";
      if (fraction.replace(/0+$/, "").length > scale) throw tooPrecise(field, amount, scale, row);
      const digits = `${m[2]}${fraction.padEnd(scale, "0").slice(0, scale)}`;
      const units = Number(digits);
      if (!Number.isSafeInteger(units)) throw tooLarge(field, amount, row);
      return m[1] === "-" && units !== 0 ? -units : units;
    }
  }
  const d = parseDecimal(amount, field, row);
  if (d.decimalPlaces() > scale) throw tooPrecise(field, amount, scale, row);
  const units = d.times(factor).toNumber();
  if (!Number.isSafeInteger(units)) throw tooLarge(field, amount, row);
  return units === 0 ? 0 : units;
}

/**
 * Converts an integer number of minor units back to a `Decimal` amount.
 *
 * @param units - minor units, a safe integer
 * @param scale - decimals of the minor unit
 * @returns the amount
 * @throws {@link InvalidInputError} when `units` is not a safe integer (a sum that overflowed 2^53)
 * @example
 * ```ts
 * import { fromMinorUnits } from "retention-metrics/money";
 * console.log(fromMinorUnits(1999, 2).toString()); // "19.99"
 * ```
 * @category Money
 */
export function fromMinorUnits(units: number, scale: number): Decimal {
  if (!Number.isSafeInteger(units)) {
    throw new InvalidInputError({
      field: "sum of amounts",
      value: units,
      expected: "a total within 2^53 minor units (about 90 trillion at a scale of 2)",
    });
  }
  const s = checkCurrencyScale(scale);
  return new Money(units).dividedBy(POWERS_OF_TEN[s] ?? 10 ** s);
}

/**
 * Options of {@link sumMoney}.
 *
 * @category Money
 */
export interface SumMoneyOptions {
  /** Decimals of the currency's minor unit; default 2. */
  currencyScale?: number;
}

/**
 * The exact sum of many money amounts.
 *
 * Formula: sum of amounts, computed as an integer sum of minor units.
 *
 * @param amounts - the amounts
 * @param options - `currencyScale` (default 2)
 * @returns the exact sum
 * @throws {@link InvalidInputError} naming the index of the first amount that is not finite or has
 *   more decimals than the scale, or when the total exceeds 2^53 minor units
 * @example
 * ```ts
 * import { sumMoney } from "retention-metrics/money";
 * console.log(sumMoney([0.1, 0.2, "0.30"]).toString()); // "0.6"
 * ```
 * @category Money
 */
export function sumMoney(amounts: Iterable<MoneyInput>, options: SumMoneyOptions = {}): Decimal {
  // validate.ts shares this layer, so the two guards of its kind are written out here.
  if (typeof amounts !== "object" || amounts === null || typeof amounts[Symbol.iterator] !== "function") {
    throw new InvalidInputError({ field: "amounts", value: amounts, expected: "an iterable (an array, say) of money amounts" });
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidInputError({ field: "options", value: options, expected: "an object of options such as { currencyScale: 2 }, or nothing for the defaults" });
  }
  const scale = checkCurrencyScale(options.currencyScale);
  let total = 0;
  let row = 0;
  for (const amount of amounts) {
    total += toMinorUnits(amount, scale, "amount", row);
    row++;
  }
  return fromMinorUnits(total, scale);
}

/**
 * Makes a Decimal with this library's own settings (40 significant digits,
 * half-even rounding, independent of the global decimal.js configuration),
 * for values already known to be finite, such as results computed from
 * integers. Use {@link toDecimal} for input from outside, to name its field.
 *
 * @param value - a finite number, a decimal string or a Decimal
 * @returns the value as a Decimal of this library
 * @throws {@link InvalidInputError} (field `value`) for NaN, an infinity, a string that is not a
 *   decimal number, or anything else that is not finite money
 * @example
 * ```ts
 * import { decimalFrom } from "retention-metrics/money";
 * console.log(decimalFrom(1).dividedBy(3).toSignificantDigits(5).toString()); // "0.33333"
 * ```
 * @category Money
 */
export function decimalFrom(value: number | string | Decimal): Decimal {
  // The number case is the internal one (a finite result), and stays one test and a constructor.
  if (typeof value === "number" && Number.isFinite(value)) return new Money(value);
  return parseDecimal(value, "value", undefined);
}

function notMoney(field: string, value: unknown, row?: number): InvalidInputError {
  return new InvalidInputError({ field, value, expected: "a finite number, a decimal string or a Decimal", ...(row === undefined ? {} : { row }) });
}

function tooPrecise(field: string, value: unknown, scale: number, row?: number): InvalidInputError {
  return new InvalidInputError({
    field,
    value,
    expected: `an amount with at most ${scale} decimal${scale === 1 ? "" : "s"} (set currencyScale for finer units)`,
    ...(row === undefined ? {} : { row }),
  });
}

function tooLarge(field: string, value: unknown, row?: number): InvalidInputError {
  return new InvalidInputError({ field, value, expected: "an amount within 2^53 minor units", ...(row === undefined ? {} : { row }) });
}
