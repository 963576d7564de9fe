import { describe, expect, it } from "vitest";
import { INK, PALETTE, sequential, seriesColour, textOn } from "../../src/render/colors.ts";
import { fc, test } from "../support/fc.ts";

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const L = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [L(a), L(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe("colors", () => {
  it("runs the sequential scale from light to dark, clamped", () => {
    expect(sequential(0)).toBe("#f7fbff");
    expect(sequential(1)).toBe("#08306b");
    expect(sequential(-3)).toBe(sequential(0));
    expect(sequential(Number.NaN)).toBe(sequential(0));
    expect(sequential(9)).toBe(sequential(1));
  });

  test.prop([fc.double({ min: 0, max: 1, noNaN: true })])("prints cell text that contrasts at least 4.5:1 (WCAG AA) with any cell", (t) => {
    const bg = sequential(t);
    return contrast(textOn(bg), bg) >= 4.5;
  });

  it("colours up to eight series from the palette, more along a ramp with no repeat", () => {
    expect(Array.from({ length: 8 }, (_, i) => seriesColour(i, 8))).toEqual([...PALETTE]);
    const many = Array.from({ length: 24 }, (_, i) => seriesColour(i, 24));
    expect(new Set(many).size).toBe(24);
    expect(many.every((c) => contrast(c, INK.paper) >= 1.8)).toBe(true); // even the lightest reads on white
  });

  it("keeps the greys dark enough for text", () => {
    for (const ink of [INK.title, INK.text, INK.tick, INK.muted, INK.note]) expect(contrast(ink, INK.paper)).toBeGreaterThanOrEqual(4.5);
  });
});
