import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { element, escapeXml, num, requireCoordinate, requireSize } from "../../src/render/markup.ts";
import { fc, test } from "../support/fc.ts";
import { parseXml } from "./xml.ts";

describe("markup", () => {
  it("writes coordinates with at most two decimals, and never NaN or Infinity", () => {
    expect([num(1), num(1.234), num(-0.001), num(1e6)]).toEqual(["1", "1.23", "0", "1000000"]);
    for (const bad of [Number.NaN, Infinity, -Infinity]) expect(() => num(bad)).toThrow(InvalidInputError);
    expect(() => element("rect", { width: Number.NaN })).toThrow(InvalidInputError);
  });

  test.prop([fc.string({ unit: "binary" })])("escapes any text so that it parses back", (s) => {
    const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, "");
    const e = parseXml(element("t", { a: clean }, escapeXml(clean)));
    return e.attributes.a === clean && e.text === clean;
  });

  it("checks sizes and coordinates, naming the field", () => {
    expect(requireSize(46, "cellWidth", 4, 400)).toBe(46);
    expect(() => requireSize(1e308, "cellWidth", 4, 400)).toThrow(/Invalid cellWidth: 1e\+308; expected a number of pixels from 4 to 400/);
    expect(() => requireSize("46", "cellWidth", 4, 400)).toThrow(InvalidInputError);
    expect(requireCoordinate(null, "y", true)).toBeNull();
    expect(() => requireCoordinate(null, "x", false)).toThrow(/Invalid x/);
    expect(() => requireCoordinate(2e15, "x", false)).toThrow(/magnitude/);
  });
});
