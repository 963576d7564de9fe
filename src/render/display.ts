/**
 * `display`: rich notebook output (Deno's Jupyter kernel) of a result, with no
 * dependency on Deno.
 *
 * @module
 */
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import { cohortHeatmapSvg } from "./cohortHeatmapSvg.ts";
import { formatTable } from "./formatTable.ts";
import { htmlTable } from "./htmlTable.ts";
import { escapeXml } from "./markup.ts";
import { classify, type Tabular, type TabularKind } from "./kinds.ts";
import { retentionCurveSvg } from "./retentionCurveSvg.ts";
import { tablesOf } from "./tables.ts";

/**
 * The symbol under which Deno's Jupyter kernel looks for a rich display
 * method: `Symbol.for("Jupyter.display")`, the same symbol in every realm.
 *
 * @example
 * ```ts
 * import { JUPYTER_DISPLAY } from "retention-metrics";
 * console.log(JUPYTER_DISPLAY === Symbol.for("Jupyter.display")); // true
 * ```
 */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** A MIME bundle: the same content as an HTML page fragment, an SVG picture and plain text. */
export interface MimeBundle {
  /** The picture followed by the table(s). */
  "text/html": string;
  /** The picture alone. */
  "image/svg+xml": string;
  /** The fixed-width text table, as {@link formatTable} gives it. */
  "text/plain": string;
}

/** A value a notebook renders richly; its parts are also readable as properties. */
export interface Displayable {
  /** The HTML fragment (picture and table). */
  readonly html: string;
  /** The SVG picture. */
  readonly svg: string;
  /** The text table. */
  readonly text: string;
  /** The MIME bundle, as Deno's Jupyter kernel asks for it. */
  [JUPYTER_DISPLAY](): MimeBundle;
  /** The text table. */
  toString(): string;
}

/**
 * Rich notebook output of a period summary, a cohort matrix or a survival
 * curve: an object whose `[Symbol.for("Jupyter.display")]()` method returns
 * `{ "text/html", "image/svg+xml", "text/plain" }`, which Deno's Jupyter
 * kernel renders when the object is a cell's value.
 *
 * Contents: a cohort matrix shows its heatmap ({@link cohortHeatmapSvg}) and its
 * table; a survival curve its curves with bands ({@link retentionCurveSvg}) and
 * tables; a period summary a chart of its retention rates per period and its
 * table. The HTML holds the SVG too, since notebooks prefer HTML when offered
 * both. Nothing here imports Deno.
 *
 * @param x - the rows of `periodSummary`, a `cohortMatrix` result or a `survivalCurve` result
 * @returns a {@link Displayable}
 * @throws {@link InvalidInputError} when `x` is none of those results
 * @see Deno's Jupyter kernel: a value with a `[Symbol.for("Jupyter.display")]()` method is shown by the
 *   MIME bundle it returns (Jupyter's display data messages).
 * @example
 * ```ts
 * import { cohortMatrix, display } from "retention-metrics";
 * const m = cohortMatrix([
 *   { customerId: "a", at: "2024-01-03T10:00:00Z" },
 *   { customerId: "a", at: "2024-02-11T10:00:00Z" },
 * ], { to: "2024-03-01T00:00:00Z" });
 * const shown = display(m); // the last expression of a notebook cell: a heatmap and a table
 * const bundle = shown[Symbol.for("Jupyter.display")]();
 * console.log(Object.keys(bundle)); // ["text/html", "image/svg+xml", "text/plain"]
 * ```
 */
export function display(x: Tabular): Displayable {
  const kind = classify(x);
  const svg = pictureOf(kind);
  const text = formatTable(x);
  const html = `<div>${svg}${tablesOf(kind).map(htmlTable).join("")}</div>`;
  return {
    html,
    svg,
    text,
    [JUPYTER_DISPLAY]: () => ({ "text/html": html, "image/svg+xml": svg, "text/plain": text }),
    toString: () => text,
  };
}

/** The picture of a result. */
function pictureOf(x: TabularKind): string {
  if (x.kind === "cohortMatrix") return cohortHeatmapSvg(x.matrix);
  if (x.kind === "survivalCurve") {
    const empty = x.curve.points.length === 0;
    return empty ? emptyChart("Survival of customers: no complete period yet") : retentionCurveSvg(x.curve);
  }
  return periodChart(x.rows);
}

/** Retention and churn per period of a period summary. */
function periodChart(rows: readonly PeriodSummaryRow[]): string {
  const has = rows.some((r) => r.retentionRate !== null);
  if (!has) return emptyChart("Period summary: no complete period with customers at its start");
  const series = (label: string, pick: (r: PeriodSummaryRow) => number | null) => ({ label, points: rows.map((r, i) => ({ x: i, y: pick(r) })) });
  return retentionCurveSvg(
    [series("retained / S", (r) => r.retentionRate), series("CRR (E - N) / S", (r) => r.customerRetentionRate), series("churn", (r) => r.churnRate)],
    {
      title: "Retention and churn per period",
      xLabel: "Period",
      yLabel: "Share of customers at the start",
      yFormat: "percent",
      xTickLabel: (i) => rows[i]?.period.key ?? "",
    },
  );
}

/** A small SVG saying there is nothing to draw. */
function emptyChart(message: string): string {
  const escaped = escapeXml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="60" viewBox="0 0 480 60"><title>${escaped}</title><text x="12" y="34" font-size="13" fill="#555555">${escaped}</text></svg>`;
}
