/**
 * Colours of the pictures: a sequential blue scale for heatmaps, a palette
 * for curves that colour-blind readers can tell apart, and the grey inks of
 * text, axes and grids (one place, so every picture uses the same greys).
 *
 * @internal
 * @module
 */

/** ColorBrewer "Blues" (9 classes), light to dark: sequential and print-friendly. */
const BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"] as const;

/** Okabe-Ito colours (without the yellow, too pale on white): distinguishable with any colour vision. */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"] as const;

/** The greys (and white) of everything that is not data. */
export const INK = {
  /** Titles and row labels. */
  title: "#1a1a1a",
  /** Axis titles and legend text. */
  text: "#333333",
  /** Tick labels. */
  tick: "#444444",
  /** Subtitles, sizes and secondary figures. */
  muted: "#555555",
  /** Notes under a chart. */
  note: "#666666",
  /** Small tick marks of a legend. */
  tickMark: "#777777",
  /** Axis lines and the zero line. */
  axis: "#888888",
  /** Placeholder text: a dash in an empty cell. */
  placeholder: "#999999",
  /** Thin outlines of legends and swatches. */
  border: "#bbbbbb",
  /** Grid lines and the outline of an empty cell. */
  grid: "#e6e6e6",
  /** Background of censored (hatched) cells. */
  hatchBackground: "#f3f3f3",
  /** Stripes of censored (hatched) cells. */
  hatchStripe: "#d6d6d6",
  /** The paper. */
  paper: "#ffffff",
} as const;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((v) => Math.round(v ?? 0).toString(16).padStart(2, "0")).join("")}`;
}

/** Viridis (9 stops), dark purple to yellow: perceptually uniform and readable with any colour vision. */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"] as const;

function interpolate(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const a = rgb(stops[i]!);
  const b = rgb(stops[i + 1]!);
  const f = x - i;
  return hex(a.map((v, j) => v + (b[j]! - v) * f));
}

/** The colour of t in [0, 1] on the sequential scale (clamped), interpolated between the stops. */
export function sequential(t: number): string {
  return interpolate(BLUES, t);
}

/** The most series told apart by the palette; more are coloured along an ordered ramp instead. */
export const MAX_PALETTE_SERIES = PALETTE.length;

/**
 * The colour of the i-th of n series: the palette in turn for up to eight; for more (two dozen
 * cohorts, say) Viridis from dark purple to green (its pale yellow end left out), so the legend
 * reads in order and no colour repeats.
 */
export function seriesColour(i: number, n = 1): string {
  if (n <= MAX_PALETTE_SERIES) return PALETTE[i % PALETTE.length]!;
  return interpolate(VIRIDIS, (0.82 * i) / (n - 1));
}

/** Dark or white text, whichever reads better on a background (WCAG relative luminance). */
export function textOn(background: string): string {
  const lin = rgb(background).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  // Contrast against white (1.05 / (L + 0.05)) vs against INK.title (L ~ 0.0103).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0603 ? INK.paper : INK.title;
}
