/**
 * Small helpers to write SVG and HTML as strings: escaping, numbers for
 * coordinates, and the font every picture uses.
 *
 * @internal
 * @module
 */

/** A font stack that every system has something of, so the SVG needs no web font. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === '"' ? "&quot;" : "&#39;"));
}

/** A coordinate with at most two decimals, without trailing zeros. */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100;
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
    element("rect", { x: 0, y: 0, width, height, fill: "#ffffff" })
  );
}

/** Rough width in pixels of a text in the picture font (average glyph ~0.6 em for digits and labels). */
export function textWidth(content: string, fontSize: number): number {
  return content.length * fontSize * 0.6;
}
