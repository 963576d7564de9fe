import { describe, expect, it } from "vitest";
import { parseXml } from "./xml.ts";

describe("the XML checker", () => {
  it("refuses what a strict parser refuses", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml("<a x=1/>")).toThrow(/quoted/);
    expect(() => parseXml("<a>R&D</a>")).toThrow(/bare &/);
    expect(() => parseXml("<a/><b/>")).toThrow(/second root/);
    expect(() => parseXml("<a>")).toThrow(/unclosed/);
    expect(parseXml('<a t="&lt;&amp;&#65;">x &gt; y</a>')).toMatchObject({ name: "a", attributes: { t: "<&A" }, text: "x > y" });
  });
});
