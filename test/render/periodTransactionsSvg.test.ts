import { describe, expect, it } from "vitest";
import { periodTransactions } from "../../src/clv/periodTransactions.ts";
import { periodTransactionsSvg } from "../../src/render/periodTransactionsSvg.ts";
import { cdnowSummaryPlain } from "../clv/cdnow.ts";
import { cdnowBg } from "../clv/helpers.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const rows = periodTransactions(cdnowBg, cdnowSummaryPlain());

describe("periodTransactionsSvg", () => {
  it("draws an actual and an expected bar side by side per bucket, as tall as the counts", () => {
    const root = parseXml(periodTransactionsSvg(rows));
    const actual = byClass(root, "actual");
    const expected = byClass(root, "expected");
    expect(actual).toHaveLength(8);
    expect(expected).toHaveLength(8);
    const num = (e: (typeof actual)[number], k: string) => Number(e.attributes[k]);
    for (let i = 0; i < 8; i++) {
      // side by side: the expected bar starts where the actual one ends, on the same baseline
      expect(num(expected[i]!, "x")).toBeCloseTo(num(actual[i]!, "x") + num(actual[i]!, "width"), 1);
      expect(num(expected[i]!, "y") + num(expected[i]!, "height")).toBeCloseTo(num(actual[i]!, "y") + num(actual[i]!, "height"), 1);
      expect(num(expected[i]!, "height") / num(actual[i]!, "height")).toBeCloseTo(rows[i]!.expected / rows[i]!.actual, 1);
      expect(actual[i]!.children[0]!.text).toBe(`${rows[i]!.label}, actual: ${rows[i]!.actual}`);
      expect(expected[i]!.children[0]!.text).toBe(`${rows[i]!.label}, expected: ${rows[i]!.expected.toFixed(1)}`);
    }
    const all = texts(root);
    expect(all[0]).toBe("Customers by repeat purchases: actual vs expected");
    const gaps = rows.map((r) => Math.abs(r.actual - r.expected));
    const widest = gaps.indexOf(Math.max(...gaps));
    expect(all).toContain(`2357 customers, actual beside expected by the model; largest gap ${gaps[widest]!.toFixed(1)} (at ${rows[widest]!.label})`);
    expect(all).toContain("7+");
    expect(nonFiniteAttributes(root)).toEqual([]);
  });

  it("escapes the title and refuses rows and options it cannot draw, naming the field", () => {
    const svg = periodTransactionsSvg(rows, { title: "A <b> & 'c'" });
    expect(svg).toContain("<title>A &lt;b&gt; &amp; &#39;c&#39;</title>");
    expect(texts(parseXml(svg))[0]).toBe("A <b> & 'c'");
    expectInvalidInput(() => periodTransactionsSvg([]), "rows");
    expectInvalidInput(() => periodTransactionsSvg([{ ...rows[0]!, expected: Number.NaN }]), "rows[0].expected");
    expectInvalidInput(() => periodTransactionsSvg([rows[0]!, { ...rows[1]!, actual: -1 }]), "rows[1].actual");
    expectInvalidInput(() => periodTransactionsSvg([{ ...rows[0]!, label: 3 as never }]), "rows[0].label");
    expectInvalidInput(() => periodTransactionsSvg(rows, { title: 5 as never }), "title");
    expectInvalidInput(() => periodTransactionsSvg(rows, { xLabel: null as never }), "xLabel");
    expectInvalidInput(() => periodTransactionsSvg(rows, [] as never), "options");
  });
});

describe("periodTransactionsSvg: holes", () => {
  it("refuses a hole in the rows rather than skip it", () => {
    const holed = [...rows];
    delete holed[2];
    expectInvalidInput(() => periodTransactionsSvg(holed), "rows[2].label");
  });
});
