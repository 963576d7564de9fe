/**
 * The notebook display protocol, below every analysis. Deno's Jupyter kernel
 * shows a value by calling its `[Symbol.for("Jupyter.display")]()` method,
 * which returns a MIME bundle. The analyses give their results that method
 * with {@link displayable}; the method asks the renderer that `render/`
 * registers when it is loaded ({@link registerDisplayRenderer}) and falls back
 * to plain text when it is not. So the analyses never import `render/` (a
 * higher layer), and an app that never loads `render/` never bundles it.
 *
 * The renderer is kept on `globalThis` under a registered symbol, not in a
 * module variable: the CommonJS build has one copy of this module per entry
 * point (`retention-metrics/cohorts`, `retention-metrics/render`, ...), and an
 * ESM and a CommonJS copy can be loaded side by side; all of them must see the
 * same renderer. It is the library's one piece of global state: set once when
 * `render/` is evaluated, always to the same pure function.
 *
 * @internal
 * @module
 */

/**
 * The symbol under which Deno's Jupyter kernel looks for a rich display
 * method: `Symbol.for("Jupyter.display")`, the same symbol in every realm.
 *
 * @example
 * ```ts
 * import { JUPYTER_DISPLAY } from "retention-metrics";
 * console.log(JUPYTER_DISPLAY === Symbol.for("Jupyter.display")); // true
 * ```
 * @category Rendering
 */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** Turns a result into a MIME bundle (`{ "text/html": ..., "text/plain": ... }`); throws when it cannot. */
export type DisplayRenderer = (result: object) => Record<string, string>;

/** Where the renderer is kept on `globalThis` (versioned: a later protocol takes a new key). */
const RENDERER = Symbol.for("retention-metrics.displayRenderer.v1");

type Registry = { [RENDERER]?: DisplayRenderer };

/** Sets the renderer every result's display method calls; `render/` calls this once when it is loaded. */
export function registerDisplayRenderer(renderer: DisplayRenderer): void {
  (globalThis as Registry)[RENDERER] = renderer;
}

/**
 * The MIME bundle of a result: the registered renderer's, or `{ "text/plain" }`
 * when none is registered or it fails (the text then says why). The text is
 * Deno's own inspection of the value where `Deno.inspect` exists, as the kernel
 * would have shown it without the method.
 */
export function displayBundle(result: object): Record<string, string> {
  const renderer = (globalThis as Registry)[RENDERER];
  let failure = "";
  if (typeof renderer === "function") {
    try {
      return renderer(result);
    } catch (e) {
      failure = `\n(retention-metrics could not draw this value: ${e instanceof Error ? e.message : String(e)})`;
    }
  }
  return { "text/plain": plainText(result) + failure };
}

/** The value as text without render/: Deno's inspection, else JSON (Decimals and Dates as strings). */
function plainText(x: object): string {
  const inspect = (globalThis as { Deno?: { inspect?: (v: unknown, o?: object) => string } }).Deno?.inspect;
  if (typeof inspect === "function") return inspect(x, { depth: 3, iterableLimit: 20 });
  try {
    const json = JSON.stringify(x, null, 2) ?? String(x);
    return json.length > 4000 ? `${json.slice(0, 4000)}\n...` : json;
  } catch {
    return Object.prototype.toString.call(x);
  }
}

/** The display method every result shares (one function, no closure per result). */
function jupyterDisplay(this: object): Record<string, string> {
  return displayBundle(this);
}

/**
 * Gives a result the `[Symbol.for("Jupyter.display")]()` method, as a
 * non-enumerable property: it does not show in `JSON.stringify`, spreads,
 * `Object.keys` or deep-equality checks. Call it on the object (or array) a
 * function returns, before `Object.freeze`; a frozen value is returned as is.
 *
 * @param result - the result object or array of rows
 * @returns the same object
 */
export function displayable<T extends object>(result: T): T {
  if (Object.isExtensible(result)) {
    Object.defineProperty(result, JUPYTER_DISPLAY, { value: jupyterDisplay, enumerable: false, writable: true, configurable: true });
  }
  return result;
}
