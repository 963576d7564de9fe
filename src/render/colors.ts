/**
 * Colour scales of the pictures: a sequential blue scale for heatmaps and a
 * palette for curves that colour-blind readers can tell apart.
 *
 * @internal
 * @module
 */

/** ColorBrewer "Blues" (9 classes), light to dark: sequential and print-friendly. */
const BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"] as const;

/** Okabe-Ito colours (without the yellow, too pale on white): distinguishable with any colour vision. */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"] as const;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((v) => Math.round(v ?? 0).toString(16).padStart(2, "0")).join("")}`;
}

/** The colour of t in [0, 1] on the sequential scale (clamped), interpolated between the stops. */
export function sequential(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (BLUES.length - 1);
  const i = Math.min(Math.floor(x), BLUES.length - 2);
  const a = rgb(BLUES[i]!);
  const b = rgb(BLUES[i + 1]!);
  const f = x - i;
  return hex(a.map((v, j) => v + (b[j]! - v) * f));
}

/** Dark or white text, whichever reads better on a background (WCAG relative luminance). */
export function textOn(background: string): string {
  const lin = rgb(background).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  // Contrast against white (1.05 / (L + 0.05)) vs against #1a1a1a (L ~ 0.0103).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? "#ffffff" : "#1a1a1a";
}
