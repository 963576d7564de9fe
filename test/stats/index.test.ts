import { describe, expect, it } from "vitest";
import * as stats from "../../src/stats/index.ts";

describe("stats entry", () => {
  it("exports the statistics of this layer", () => {
    const names = ["normalQuantile", "wilsonInterval", "npsStandardError", "lorenzCurve", "giniCoefficient", "topShare"];
    for (const name of names) expect(typeof (stats as Record<string, unknown>)[name], name).toBe("function");
  });
});
