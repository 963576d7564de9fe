import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { ACCEPTED, classify } from "../../src/render/classify.ts";
import { fc, test } from "../support/fc.ts";
import { everyKind, gammaGammaModel } from "./kinds.ts";

describe("classify", () => {
  it("tells every kind of result by its shape", () => {
    for (const [kind, value] of Object.entries(everyKind())) expect(classify(value).kind).toBe(kind);
    expect(classify(gammaGammaModel()).kind).toBe("model");
    expect(classify([]).kind).toBe("emptyRows");
  });

  it("still tells them after a JSON round trip (Dates and Decimals become strings, methods go)", () => {
    for (const [kind, value] of Object.entries(everyKind())) expect(classify(JSON.parse(JSON.stringify(value))).kind).toBe(kind);
  });

  it("refuses other values with a message listing what it accepts", () => {
    for (const bad of [42, null, "rows", {}, [{ a: 1 }], { rows: [] }, [everyKind().periodSummary, 1]]) {
      const e = (() => {
        try {
          classify(bad, "x");
        } catch (error) {
          return error;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).field).toBe("x");
      expect((e as InvalidInputError).message).toContain(ACCEPTED);
    }
    expect(ACCEPTED).toContain("the rows of rfmSummary");
    expect(ACCEPTED).toContain("a fitted model");
    expect(ACCEPTED.split(", ").length).toBeGreaterThanOrEqual(14);
  });

  it("refuses a value with the fields of two kinds rather than guess", () => {
    const k = everyKind();
    const both = { ...(k.holdoutCheck as object), ...(k.probabilityAliveMatrix as object) };
    expect(() => classify(both)).toThrow(/both a holdoutCheck result and a probabilityAliveMatrix result/);
    const rows = (k.periodSummary as object[]).map((r) => ({ ...r, returning: 1, resurrecting: 0, dormant: 0 }));
    expect(() => classify(rows)).toThrow(/both the rows of periodSummary and the rows of lifecycle/);
  });

  test.prop([fc.anything()], { numRuns: 300 })("classifies or throws InvalidInputError, for any value", (x) => {
    try {
      const kind = classify(x).kind;
      return typeof kind === "string";
    } catch (e) {
      return e instanceof InvalidInputError;
    }
  });

  test.prop([fc.constantFrom(...Object.keys(everyKind())), fc.constantFrom("points", "rows", "period", "params", "values", "histogram", "lorenz", "days")])(
    "a result that lost a defining field is not taken for another kind",
    (kind, field) => {
      const value = JSON.parse(JSON.stringify(everyKind()[kind as keyof ReturnType<typeof everyKind>]));
      const damaged = Array.isArray(value) ? value.map((r: Record<string, unknown>) => ({ ...r, [field]: undefined })) : { ...value, [field]: undefined };
      try {
        return classify(damaged).kind === kind;
      } catch (e) {
        return e instanceof InvalidInputError;
      }
    },
  );
});
