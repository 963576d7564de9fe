/**
 * HTML pieces of report.html: escaping, a table, a section, and SVG
 * pictures inlined with their ids made unique, so that two pictures that
 * both define a pattern or gradient of the same id never borrow each other's.
 *
 * @module
 */

/** Text escaped for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * SVG markup (one picture, or an HTML fragment holding some) with every `id`, and each reference to
 * it (`url(#id)`, `href="#id"`), prefixed by `prefix`.
 */
export function namespaceIds(markup: string, prefix: string): string {
  const ids = new Set<string>();
  for (const m of markup.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]!);
  if (ids.size === 0) return markup;
  return markup
    .replace(/(\sid=")([^"]+)"/g, (all, head: string, id: string) => (ids.has(id) ? `${head}${prefix}${id}"` : all))
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${prefix}${id})` : all))
    .replace(/(href=")#([^"]+)"/g, (all, head: string, id: string) => (ids.has(id) ? `${head}#${prefix}${id}"` : all));
}

/** A cell of {@link table}: text, or text with a CSS class. */
export type Cell = string | { text: string; className: string };

/**
 * An HTML table.
 *
 * @param header - column titles
 * @param rows - text cells (escaped here)
 * @param leftColumns - columns aligned left (the others hold numbers, aligned right)
 * @param caption - optional caption
 */
export function table(header: readonly string[], rows: readonly (readonly Cell[])[], leftColumns = 1, caption?: string): string {
  const align = (i: number) => (i < leftColumns ? "" : ' class="num"');
  const cell = (c: Cell, i: number, tag: "td" | "th") =>
    typeof c === "string" ? `<${tag}${align(i)}>${escapeHtml(c)}</${tag}>` : `<${tag} class="${escapeHtml(c.className)}${i < leftColumns ? "" : " num"}">${escapeHtml(c.text)}</${tag}>`;
  return (
    `<table>${caption === undefined ? "" : `<caption>${escapeHtml(caption)}</caption>`}` +
    `<thead><tr>${header.map((h, i) => cell(h, i, "th")).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => cell(c, i, "td")).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** A section of the report with an anchor, a heading and its content (already HTML). */
export function section(id: string, title: string, content: string): string {
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>${content}</section>`;
}

/** A paragraph of escaped text, optionally with a class. */
export function paragraph(text: string, className?: string): string {
  return `<p${className === undefined ? "" : ` class="${escapeHtml(className)}"`}>${escapeHtml(text)}</p>`;
}

/** A picture: SVG markup in a figure, its ids namespaced. */
export function figure(svg: string, prefix: string): string {
  return `<figure>${namespaceIds(svg, prefix)}</figure>`;
}
