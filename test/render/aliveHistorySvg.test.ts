import { describe, expect, it } from "vitest";
import { aliveHistory } from "../../src/clv/aliveHistory.ts";
import { aliveHistorySvg } from "../../src/render/aliveHistorySvg.ts";
import { cdnowBg } from "../clv/helpers.ts";
import { expectInvalidInput } from "../metrics/helpers.ts";
import { byClass, nonFiniteAttributes, parseXml, texts } from "./xml.ts";

const h = aliveHistory(cdnowBg, [0, 2, 5, 6, 14], { T: 39, steps: 78 });

describe("aliveHistorySvg", () => {
  it("draws the line through every point, a marker at each repeat purchase where the line lands after it", () => {
    const root = parseXml(aliveHistorySvg(h, { timeUnit: "week" }));
    const line = byClass(root, "series-alive");
    expect(line).toHaveLength(1);
    const xy = line[0]!.attributes.points!.split(" ").map((p) => p.split(",").map(Number) as [number, number]);
    expect(xy).toHaveLength(h.points.length);
    const markers = byClass(root, "purchase");
    expect(markers).toHaveLength(4);
    markers.forEach((m, k) => {
      const after = h.points.findIndex((p) => p.t === h.purchases[k + 1] && p.frequency === k + 1);
      expect([Number(m.attributes.cx), Number(m.attributes.cy)]).toEqual(xy[after]);
      expect(m.children[0]!.text).toBe(`purchase at ${h.purchases[k + 1]} weeks`);
    });
    // y: 100% at the top of the plot, 0% at its bottom; the line starts at 100%
    expect(xy[0]![1]).toBe(66);
    const all = texts(root);
    expect(all).toContain("4 repeat purchases in 39 weeks; P(alive) as seen at each time");
    expect(all).toContain("Time since the first purchase (weeks)");
    expect(all.filter((t) => t.endsWith("%"))).toEqual(["0%", "20%", "40%", "60%", "80%", "100%"]);
    expect(nonFiniteAttributes(root)).toEqual([]);
  });

  it("a customer with one purchase: a flat line at 100%, no marker", () => {
    const root = parseXml(aliveHistorySvg(aliveHistory(cdnowBg, ["2024-03-01"], { T: 10, steps: 2 })));
    expect(byClass(root, "purchase")).toHaveLength(0);
    expect(byClass(root, "series-alive")[0]!.attributes.points).toBe("64,66 344,66 624,66");
    expect(texts(root)).toContain("0 repeat purchases in 10 time units; P(alive) as seen at each time");
  });

  it("escapes the title and refuses histories and options it cannot draw, naming the field", () => {
    expect(aliveHistorySvg(h, { title: "A & B" })).toContain("<title>A &amp; B</title>");
    expectInvalidInput(() => aliveHistorySvg({ ...h, points: [] }), "history");
    expectInvalidInput(() => aliveHistorySvg(null as never), "history");
    expectInvalidInput(() => aliveHistorySvg({ ...h, points: [{ ...h.points[0]!, t: Number.NaN }] }), "history.points[0].t");
    expectInvalidInput(() => aliveHistorySvg({ ...h, points: [h.points[0]!, { ...h.points[1]!, probabilityAlive: 1.5 }] }), "history.points[1].probabilityAlive");
    expectInvalidInput(() => aliveHistorySvg({ ...h, purchases: [0, Infinity] }), "history.purchases[1]");
    expectInvalidInput(() => aliveHistorySvg({ ...h, purchases: null as never }), "history.purchases");
    expectInvalidInput(() => aliveHistorySvg({ ...h, T: Number.NaN }), "history.T");
    expectInvalidInput(() => aliveHistorySvg(h, { width: 1e9 }), "width");
    expectInvalidInput(() => aliveHistorySvg(h, { height: Number.NaN }), "height");
    expectInvalidInput(() => aliveHistorySvg(h, { timeUnit: "a<b" }), "timeUnit");
  });
});

describe("aliveHistorySvg: holes", () => {
  it("refuses a hole in the points or the purchases rather than skip it", () => {
    const points = [...h.points];
    delete points[3];
    expectInvalidInput(() => aliveHistorySvg({ ...h, points }), "history.points[3].t");
    const purchases = [...h.purchases];
    delete purchases[1];
    expectInvalidInput(() => aliveHistorySvg({ ...h, purchases }), "history.purchases[1]");
  });
});
