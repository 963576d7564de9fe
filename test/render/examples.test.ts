import { describe, expect, it } from "vitest";
import * as render from "../../src/render/index.ts";
import { examplesOf, runExamples } from "../cohorts/docExamples.ts";

describe("render/index", () => {
  it("exports the public API", () => {
    expect(Object.keys(render).sort()).toEqual(["JUPYTER_DISPLAY", "cohortHeatmapSvg", "display", "formatTable", "holdoutCheckSvg", "probabilityAliveSvg", "retentionCurveSvg"]);
  });
});

describe("TSDoc examples of src/render run and print what they say", () => {
  const logs = new Map<string, string[]>();
  runExamples("render", logs);

  it("has an example for every export", () => {
    const text = examplesOf("render").map(([, , code]) => code).join("\n");
    for (const [name, value] of Object.entries(render)) expect(text).toContain(typeof value === "function" ? `${name}(` : name);
  });

  it("prints the figures the comments give", () => {
    expect(logs.get("cohortHeatmapSvg.ts#0")).toEqual(["true 6"]);
    expect(logs.get("display.ts#0")).toEqual(["true"]);
    expect(logs.get("display.ts#1")).toEqual(['["text/html","image/svg+xml","text/plain"]']);
    expect(logs.get("retentionCurveSvg.ts#0")).toEqual(["true"]);
    expect(logs.get("formatTable.ts#0")![0]!.split("\n").slice(0, 6)).toEqual([
      "Retention by monthly cohort",
      "cohort   size       0      1",
      "-------  ----  ------  -----",
      "2024-01     2  100.0%  50.0%",
      "2024-02     0       -",
      "average     2  100.0%  50.0%",
    ]);
  });
});
