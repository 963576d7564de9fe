import { Decimal as DecimalJs } from "decimal.js";
import { fc, test } from "./support/fc.ts";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../src/errors.ts";
import { checkCurrencyScale, decimalFrom, fromMinorUnits, sumMoney, toDecimal, toMinorUnits } from "../src/money.ts";
import { expectInvalid } from "./metrics/helpers.ts";

const NOT_MONEY = /expected a finite number, a decimal string or a Decimal\.$/;

describe("toMinorUnits", () => {
  it("converts numbers, strings and Decimals exactly", () => {
    expect(toMinorUnits(19.99, 2)).toBe(1999);
    expect(toMinorUnits(0.29, 2)).toBe(29); // 0.29 * 100 is 28.999999999999996 in float64
    expect(toMinorUnits("12.30", 2)).toBe(1230);
    expect(toMinorUnits("-0.5", 2)).toBe(-50);
    expect(toMinorUnits(" 7 ", 2)).toBe(700);
    expect(toMinorUnits("1.2300", 2)).toBe(123);
    expect(toMinorUnits(new DecimalJs("3.14"), 2)).toBe(314);
    expect(toMinorUnits("1e2", 2)).toBe(10000);
    expect(toMinorUnits(5, 0)).toBe(5);
    expect(toMinorUnits(-0, 2)).toBe(0);
    expect(Object.is(toMinorUnits("-0.00", 2), 0)).toBe(true);
  });

  it("refuses over-precise, non-finite and unparseable amounts, naming field and row", () => {
    expect(() => toMinorUnits(0.001, 2)).toThrow(/at most 2 decimals/);
    expect(() => toMinorUnits("1.005", 2)).toThrow(InvalidInputError);
    expect(() => toMinorUnits(new DecimalJs("1.005"), 2)).toThrow(InvalidInputError);
    expect(() => toMinorUnits(Number.NaN, 2, "amount", 3)).toThrow("Invalid amount at row 3: NaN");
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 2)).toThrow(InvalidInputError);
    expect(() => toMinorUnits("abc", 2, "total", 9)).toThrow('Invalid total at row 9: "abc"');
    expect(() => toMinorUnits("", 2)).toThrow(InvalidInputError);
    expect(() => toMinorUnits(1e17, 2)).toThrow(/2\^53/);
    expect(() => toMinorUnits("100000000000000000", 2)).toThrow(/2\^53/);
  });

  test.prop([fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 })])(
    "a number written with at most `scale` decimals round-trips",
    (units, scale) => {
      const asNumber = Number(new DecimalJs(units).dividedBy(10 ** scale).toString());
      expect(toMinorUnits(asNumber, scale)).toBe(units);
      expect(toMinorUnits(new DecimalJs(units).dividedBy(10 ** scale).toFixed(scale), scale)).toBe(units);
      expect(fromMinorUnits(units, scale).equals(new DecimalJs(units).dividedBy(10 ** scale))).toBe(true);
    },
  );

  test.prop([fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 9 })])(
    "one decimal more than the scale is refused",
    (units, digit) => {
      const text = `${new DecimalJs(units).dividedBy(100).toFixed(2)}${digit}`;
      expect(() => toMinorUnits(text, 2)).toThrow(InvalidInputError);
      expect(() => toMinorUnits(Number(text), 2)).toThrow(InvalidInputError);
    },
  );
});

describe("sumMoney", () => {
  it("adds exactly where floats do not", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney([0.1, 0.2]).toString()).toBe("0.3");
    expect(sumMoney([]).toString()).toBe("0");
    expect(sumMoney(["0.001", "0.002"], { currencyScale: 3 }).toString()).toBe("0.003");
    expect(() => sumMoney([1, 2, 0.001])).toThrow("Invalid amount at row 2");
  });

  it.each([[5], [null], [undefined], ["123"], [{}]])("refuses amounts %j that are not an iterable of amounts, naming amounts", (amounts) => {
    // A string is iterable, but summing its characters ("1" + "2" + "3" = 6) would be silently wrong.
    expectInvalid(() => sumMoney(amounts as never), { field: "amounts", value: amounts, message: /expected an iterable \(an array, say\) of money amounts\.$/ });
  });

  it.each([["abc"], [null], [2], [[]]])("refuses options %j that are not an object, rather than ignoring them", (options) => {
    expectInvalid(() => sumMoney([1], options as never), {
      field: "options",
      value: options,
      message: /expected an object of options such as \{ currencyScale: 2 \}, or nothing for the defaults\.$/,
    });
  });

  test.prop([fc.array(fc.integer({ min: -1e10, max: 1e10 }), { maxLength: 200 })])(
    "equals the Decimal sum of the same amounts",
    (cents) => {
      const amounts = cents.map((c) => new DecimalJs(c).dividedBy(100).toNumber());
      const expected = amounts.reduce((s, a) => s.plus(a), new DecimalJs(0));
      expect(sumMoney(amounts).equals(expected)).toBe(true);
    },
  );
});

describe("toDecimal and checkCurrencyScale", () => {
  it("reads a number as its shortest decimal and refuses junk", () => {
    expect(toDecimal(0.1).toString()).toBe("0.1");
    expect(toDecimal("19.99").plus(toDecimal(0.01)).toString()).toBe("20");
    expect(() => toDecimal("twelve", "revenue")).toThrow('Invalid revenue: "twelve"');
    expect(() => toDecimal(Number.NaN)).toThrow(InvalidInputError);
    expect(() => toDecimal(new DecimalJs(Number.POSITIVE_INFINITY))).toThrow(InvalidInputError);
    expect(() => toDecimal({} as never)).toThrow(InvalidInputError);
  });

  it("decimalFrom makes Decimals with 40 significant digits, whatever the global settings", () => {
    const saved = DecimalJs.precision;
    DecimalJs.set({ precision: 3 });
    try {
      expect(decimalFrom(1).dividedBy(3).toString()).toBe(`0.${"3".repeat(40)}`);
      expect(decimalFrom("2.50").plus(decimalFrom(new DecimalJs("0.5"))).toString()).toBe("3");
    } finally {
      DecimalJs.set({ precision: saved });
    }
  });

  it.each([["abc"], [Number.NaN], [Number.POSITIVE_INFINITY], ["Infinity"], [null], [undefined]])("decimalFrom refuses %j with a typed error, never decimal.js's plain Error or a NaN Decimal", (value) => {
    expectInvalid(() => decimalFrom(value as never), { field: "value", value, message: NOT_MONEY });
  });

  it("decimalFrom refuses a non-finite Decimal", () => {
    const infinite = new DecimalJs(Number.NEGATIVE_INFINITY);
    expectInvalid(() => decimalFrom(infinite), { field: "value", value: infinite, message: NOT_MONEY });
  });

  it("is not affected by the global decimal.js settings", () => {
    const saved = DecimalJs.precision;
    DecimalJs.set({ precision: 3 });
    try {
      expect(fromMinorUnits(123456789, 2).toString()).toBe("1234567.89");
    } finally {
      DecimalJs.set({ precision: saved });
    }
  });

  it("validates the scale", () => {
    expect(checkCurrencyScale(undefined)).toBe(2);
    expect(checkCurrencyScale(0)).toBe(0);
    for (const bad of [-1, 1.5, 11, Number.NaN]) expect(() => checkCurrencyScale(bad)).toThrow(InvalidInputError);
    expect(() => fromMinorUnits(2 ** 60, 2)).toThrow(/2\^53/);
  });
});
