/**
 * The display protocol of src/displayProtocol.ts with render/ loaded: a result
 * given the method by its analysis shows itself as `display` shows it. (The
 * protocol lives below every layer; its tests are here because they need the
 * renderer.)
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { displayable, displayBundle, JUPYTER_DISPLAY, registerDisplayRenderer } from "../../src/displayProtocol.ts";
import { display } from "../../src/render/display.ts";
import { small } from "./fixtures.ts";
import { everyKind } from "./kinds.ts";

const KEY = Symbol.for("retention-metrics.displayRenderer.v1");
const registry = globalThis as unknown as Record<symbol, unknown>;
const registered = registry[KEY];

afterEach(() => {
  registry[KEY] = registered;
  delete (globalThis as { Deno?: unknown }).Deno;
});

type Method = () => Record<string, string>;

describe("displayable and the renderer render/ registers", () => {
  it("is registered when render/ is loaded", () => {
    expect(typeof registered).toBe("function");
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
  });

  it("gives every kind of result the method Deno's kernel calls, which returns display's bundle", () => {
    for (const [kind, x] of Object.entries(everyKind())) {
      const result = displayable(Object.isFrozen(x) ? { ...x } : x); // as the analysis returns it (a model: before it is frozen)
      const bundle = (result as unknown as Record<symbol, Method>)[JUPYTER_DISPLAY]!();
      expect(Object.keys(bundle), kind).toEqual(["text/html", "image/svg+xml", "text/plain"]);
      expect(bundle, kind).toEqual({ ...display(result as never)[JUPYTER_DISPLAY]() });
    }
  });

  it("is carried by every result as the analysis returns it, with no wrapper", () => {
    for (const [kind, x] of Object.entries(everyKind())) {
      if (Array.isArray(x) && x.length === 0) continue;
      const method = (x as unknown as Record<symbol, Method | undefined>)[JUPYTER_DISPLAY];
      expect(typeof method, kind).toBe("function");
      expect(Object.keys(method!.call(x)), kind).toContain("text/html");
    }
  });

  it("hides the method from JSON, keys, spreads and deep equality", () => {
    const m = cohortMatrix(small);
    const before = { ...m };
    const json = JSON.stringify(m);
    displayable(m);
    expect(Object.getOwnPropertyDescriptor(m, JUPYTER_DISPLAY)).toMatchObject({ enumerable: false });
    expect(Object.keys(m)).toEqual(Object.keys(before));
    expect(JSON.stringify(m)).toBe(json);
    expect(m).toEqual(before);
    expect({ ...before, [JUPYTER_DISPLAY]: () => ({}) }).not.toEqual(before); // the check would see an enumerable method
    expect(JUPYTER_DISPLAY in { ...m }).toBe(false);
    const rows = displayable([{ a: 1 }]);
    expect(rows).toEqual([{ a: 1 }]);
    expect(typeof (rows as unknown as Record<symbol, unknown>)[JUPYTER_DISPLAY]).toBe("function");
    const frozen = Object.freeze({ a: 1 });
    expect(displayable(frozen)).toBe(frozen); // left as is, no TypeError
  });

  it("falls back to plain text without render/, or when the value cannot be drawn", () => {
    const m = displayable({ a: 1, when: new Date(0) });
    expect(displayBundle(m)["text/plain"]).toMatch(/^\{\n {2}"a": 1,\n {2}"when": "1970-01-01T00:00:00.000Z"\n\}\n\(retention-metrics could not draw this value: Invalid x: .*\)$/s);
    delete registry[KEY];
    expect(displayBundle(m)).toEqual({ "text/plain": '{\n  "a": 1,\n  "when": "1970-01-01T00:00:00.000Z"\n}' });
    (globalThis as { Deno?: unknown }).Deno = { inspect: (v: unknown) => `inspected ${Object.keys(v as object).join(",")}` };
    expect((m as unknown as Record<symbol, Method>)[JUPYTER_DISPLAY]!()).toEqual({ "text/plain": "inspected a,when" });
  });

  it("is one renderer for every copy of the protocol module (the CommonJS build has one per entry)", async () => {
    vi.resetModules();
    const other = await import("../../src/displayProtocol.ts");
    expect(other.displayable).not.toBe(displayable); // a second copy of the module, as in a second bundle
    const m = other.displayable(cohortMatrix(small));
    expect((m as unknown as Record<symbol, Method>)[JUPYTER_DISPLAY]!()["text/plain"]).toBe(display(m).text);
    other.registerDisplayRenderer(() => ({ "text/plain": "from the copy" }));
    expect(displayBundle({})).toEqual({ "text/plain": "from the copy" });
    registerDisplayRenderer(registered as never);
  });
});
