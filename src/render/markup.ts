/**
 * Small helpers to write SVG and HTML as strings: escaping, numbers for
 * coordinates, and the font every picture uses.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { requireOptions } from "../validate.ts";
import { INK } from "./colors.ts";

/** A font stack that every system has something of, so the SVG needs no web font. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === '"' ? "&quot;" : "&#39;"));
}

/**
 * A coordinate with at most two decimals, without trailing zeros. A NaN or an
 * infinity never reaches a picture: the options and points are checked before
 * drawing, and this throws if one slips through anyway.
 */
export function num(x: number, field = "coordinate"): string {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new InvalidInputError({ field, value: x, expected: "a finite number (a value of the result or an option made a coordinate that is not)" });
  // Beyond 1e15 there are no decimals to round (and x * 100 could overflow to Infinity).
  const r = Math.abs(x) >= 1e15 ? x : Math.round(x * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

/** An element with attributes (values escaped) and optional raw content. */
export function element(name: string, attributes: Record<string, string | number | undefined>, content?: string): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`;
  }
  return content === undefined ? `${out}/>` : `${out}>${content}</${name}>`;
}

/** A text element, its content escaped. */
export function text(x: number, y: number, content: string, attributes: Record<string, string | number | undefined> = {}): string {
  return element("text", { x, y, ...attributes }, escapeXml(content));
}

/** The opening tag of a standalone SVG of the given size, with its accessible title. */
export function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" ` +
    `role="img" font-family="${escapeXml(FONT)}">` +
    element("title", {}, escapeXml(title)) +
    element("rect", { x: 0, y: 0, width, height, fill: INK.paper })
  );
}

/** Rough width in pixels of a text in the picture font (average glyph ~0.6 em for digits and labels). */
export function textWidth(content: string, fontSize: number): number {
  return content.length * fontSize * 0.6;
}

/** A size option in pixels: a finite number in [min, max] (so no picture grows to an infinite width). */
export function requireSize(value: unknown, field: string, min: number, max: number): number {
  if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) return value;
  throw new InvalidInputError({ field, value, expected: `a number of pixels from ${min} to ${max}` });
}

/** The largest magnitude of a value or position a chart accepts: beyond it, spans lose their precision. */
export const MAX_MAGNITUDE = 1e15;

/** A coordinate of a point: a finite number of magnitude at most {@link MAX_MAGNITUDE}. */
export function requireCoordinate(value: unknown, field: string, nullable: boolean): number | null {
  if (nullable && (value === null || value === undefined)) return null;
  if (typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= MAX_MAGNITUDE) return value;
  throw new InvalidInputError({ field, value, expected: `a finite number of magnitude at most 1e15${nullable ? " or null" : ""}` });
}

/** A vertical axis title, rotated to read bottom to top, centred at (x, y). */
export function verticalText(x: number, y: number, content: string, attributes: Record<string, string | number | undefined> = {}): string {
  return text(0, 0, content, { "text-anchor": "middle", ...attributes, transform: `translate(${num(x)} ${num(y)}) rotate(-90)` });
}

/** A title line and an optional subtitle under it, at the top left. */
export function heading(x: number, title: string, subtitle?: string): string {
  return (
    text(x, 30, title, { "font-size": 16, "font-weight": 600, fill: INK.title }) +
    (subtitle === undefined || subtitle === "" ? "" : text(x, 50, subtitle, { "font-size": 12, fill: INK.muted }))
  );
}

/**
 * The options argument of a render function: absent (the defaults) or an object; `null`, an array or a
 * primitive is an {@link InvalidInputError} naming `"options"`. Returns `{}` when absent.
 */
export function renderOptions<T extends object>(options: T | undefined, example: string): T {
  return requireOptions(options, "options", example) ?? ({} as T);
}

/** A text option: absent (`undefined`) or a string; anything else is an {@link InvalidInputError} naming `field`. */
export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  throw new InvalidInputError({ field, value, expected: "a string" });
}

/** A function option: absent (`undefined`) or a function; anything else is an {@link InvalidInputError} naming `field`. */
export function optionalFunction<F extends (...args: never[]) => unknown>(value: unknown, field: string): F | undefined {
  if (value === undefined || typeof value === "function") return value as F | undefined;
  throw new InvalidInputError({ field, value, expected: "a function" });
}

/** The text a function option returned: a string, or an {@link InvalidInputError} naming `field`. */
export function textFrom(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  throw new InvalidInputError({ field, value, expected: "a function returning a string" });
}

/**
 * A `timeUnit` option in the plural, for axis titles: absent, "time units"; else a short unit word
 * ("day", "week", or a noun of 1 to 20 letters) with an "s" unless it has one.
 */
export function timeUnitsOption(value: unknown): string {
  if (value === undefined) return "time units";
  if (typeof value === "string" && /^[A-Za-z][A-Za-z -]{0,19}$/.test(value)) return value.endsWith("s") ? value : `${value}s`;
  throw new InvalidInputError({ field: "timeUnit", value, expected: 'a unit word of 1 to 20 letters, such as "day" or "week"' });
}
