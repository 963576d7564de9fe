/**
 * HTML tables of the results, for notebooks: inline styles only, so they look
 * the same in any notebook front end.
 *
 * @internal
 * @module
 */
import { escapeXml, FONT } from "./markup.ts";
import type { TableModel } from "./tables.ts";

const CELL = "padding:2px 8px;border-bottom:1px solid #e5e5e5;white-space:nowrap";
const CENSORED = "background:repeating-linear-gradient(135deg,#f3f3f3 0 4px,#e2e2e2 4px 6px)";

/** One table as HTML. */
export function htmlTable(t: TableModel): string {
  const align = (i: number) => (i < t.leftColumns ? "left" : "right");
  const head = t.header.map((h, i) => `<th style="${CELL};text-align:${align(i)};border-bottom:2px solid #999">${escapeXml(h)}</th>`).join("");
  const body = t.rows
    .map((r, j) => `<tr>${r.map((cell, i) => `<td style="${CELL};text-align:${align(i)}${t.censored[j]?.[i] ? `;${CENSORED}` : ""}">${escapeXml(cell)}</td>`).join("")}</tr>`)
    .join("");
  const notes = t.notes.map((n) => `<div style="color:#555;font-size:11px;margin-top:2px">${escapeXml(n)}</div>`).join("");
  return (
    `<div style="font-family:${escapeXml(FONT)};font-size:12px;margin:8px 0">` +
    `<table style="border-collapse:collapse;font-variant-numeric:tabular-nums">` +
    `<caption style="text-align:left;font-weight:600;font-size:13px;padding-bottom:4px">${escapeXml(t.title)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${notes}</div>`
  );
}
