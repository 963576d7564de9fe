/**
 * `display`: rich notebook output (Deno's Jupyter kernel) of a result, with no
 * dependency on Deno. Loading this module also registers it as the renderer of
 * the results' own display method (see `src/displayProtocol.ts`), so a result
 * that is a cell's last value shows itself as `display` would show it.
 *
 * @module
 */
import { JUPYTER_DISPLAY, registerDisplayRenderer } from "../displayProtocol.ts";
import { requireIntegerIn } from "../validate.ts";
import { classify, type Tabular, type TabularKind } from "./classify.ts";
import { textTable } from "./formatTable.ts";
import { htmlTable } from "./htmlTable.ts";
import { matrixExcerpt } from "./matrixExcerpt.ts";
import { renderOptions } from "./markup.ts";
import { pictureOf } from "./pictures.ts";
import { shorten, tablesOf } from "./tables.ts";

export { JUPYTER_DISPLAY } from "../displayProtocol.ts";

/**
 * A MIME bundle: the same content as an HTML page fragment, an SVG picture and plain text.
 *
 * @category Rendering
 */
export interface MimeBundle {
  /** The picture followed by the table(s). */
  "text/html": string;
  /** The picture alone. */
  "image/svg+xml": string;
  /** The fixed-width text table, as {@link formatTable} gives it (for a large cohort matrix, of the part shown). */
  "text/plain": string;
}

/**
 * A value a notebook renders richly; its parts are also readable as properties.
 *
 * @category Rendering
 */
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
 * Options of {@link display}.
 *
 * @category Rendering
 */
export interface DisplayOptions {
  /** Longest table shown, 1 to 100,000 rows; default 40: longer tables (and matrices with more cohorts) show their first and last rows. */
  maxRows?: number;
}

/**
 * Rich notebook output of any result this library makes: an object whose
 * `[Symbol.for("Jupyter.display")]()` method returns
 * `{ "text/html", "image/svg+xml", "text/plain" }`, which Deno's Jupyter
 * kernel renders when the object is a cell's value. Results already carry that
 * method once the package's root or `retention-metrics/render` is loaded, so
 * `display` is only needed for options or for the parts (`html`, `svg`, `text`).
 *
 * Contents: a cohort matrix shows its heatmap ({@link cohortHeatmapSvg}); a survival
 * curve its curves ({@link retentionCurveSvg}); a period summary its retention per
 * period; lifecycle and MRR movements signed stacked bars; activeUsers its DAU, WAU and
 * MAU; lness, interPurchaseTimes, rfmSummary and rfmScores histograms; revenue
 * concentration its Lorenz curve; holdoutCheck, probabilityAliveMatrix, periodTransactions,
 * expectedPurchasesMatrix and aliveHistory their pictures ({@link holdoutCheckSvg},
 * {@link probabilityAliveSvg}, {@link periodTransactionsSvg}, {@link expectedPurchasesSvg},
 * {@link aliveHistorySvg}); a fitted model a card of
 * its parameters. Then the table(s) of {@link formatTable}, at most `maxRows` rows each.
 * The HTML holds the SVG too, since notebooks prefer HTML when offered both. A cohort matrix
 * of more than `maxRows` cohorts or 100 offsets is shown in part, picture and table alike: its
 * first and last cohorts (`maxRows` in all, "…" between) and its first 100 offsets, with a note
 * saying how many cohorts, offsets and cells were left out (the average row still covers every
 * cohort); {@link cohortHeatmapSvg}, {@link formatTable} and {@link toCsv} take the whole matrix.
 *
 * @param x - a result: see {@link Tabular}
 * @param given - the options: `maxRows` (40)
 * @returns a {@link Displayable}
 * @throws {@link InvalidInputError} when `x` is none of the results (the message lists them) or `maxRows` is invalid
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
 * console.log(Object.keys(bundle)); // ["text/html","image/svg+xml","text/plain"]
 * ```
 * @category Rendering
 */
export function display(x: Tabular, given?: DisplayOptions): Displayable {
  const options = renderOptions(given, "{ maxRows: 40 }");
  const maxRows = requireIntegerIn(options.maxRows ?? 40, "maxRows", 1, 100_000);
  const kind = bounded(classify(x), maxRows);
  const { svg, inHtml } = pictureOf(kind);
  // An excerpt's table already has at most maxRows cohorts (and a row of "…" where the others were).
  const tables = tablesOf(kind).map((t) => (kind.kind === "cohortMatrix" && kind.excerpt !== undefined ? t : shorten(t, maxRows)));
  const text = tables.map(textTable).join("\n\n");
  const html = `<div>${inHtml ? svg : ""}${tables.map(htmlTable).join("")}</div>`;
  return {
    html,
    svg,
    text,
    [JUPYTER_DISPLAY]: () => ({ "text/html": html, "image/svg+xml": svg, "text/plain": text }),
    toString: () => text,
  };
}

/** A cohort matrix too large to draw whole becomes its excerpt (maxRows cohorts, the first 100 offsets), saying so. */
function bounded(kind: TabularKind, maxRows: number): TabularKind {
  if (kind.kind !== "cohortMatrix") return kind;
  const { matrix, total, gapAt, note } = matrixExcerpt(kind.matrix, maxRows);
  return note === null ? kind : { kind: "cohortMatrix", matrix, excerpt: { total, gapAt, note } };
}

/** The renderer of the results' own display method: the bundle of {@link display} with its defaults. */
function renderResult(result: object): Record<string, string> {
  return { ...display(result as Tabular)[JUPYTER_DISPLAY]() };
}

// A top-level statement on purpose: evaluating render/ (the package root or
// "retention-metrics/render") is what turns the results' display method on.
registerDisplayRenderer(renderResult);
