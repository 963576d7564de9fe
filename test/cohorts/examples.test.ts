import { describe, expect, it } from "vitest";
import * as cohorts from "../../src/cohorts/index.ts";
import { examplesOf, runExamples } from "./docExamples.ts";

describe("cohorts/index", () => {
  it("exports the public API", () => {
    expect(Object.keys(cohorts).sort()).toEqual(["cohortMatrix", "mrrCohorts", "survivalCurve"]);
  });
});

describe("TSDoc examples of src/cohorts run and print what they say", () => {
  const logs = new Map<string, string[]>();
  runExamples("cohorts", logs);

  it("has an example for every exported function", () => {
    const text = examplesOf("cohorts").map(([, , code]) => code).join("\n");
    for (const [name, value] of Object.entries(cohorts)) if (typeof value === "function") expect(text).toContain(`${name}(`);
  });

  it("prints the figures the comments give", () => {
    expect(logs.get("cohortMatrix.ts#0")).toEqual([
      '[["2024-01",2,[1,0.5]],["2024-02",1,[1,null]],["2024-03",0,[null,null]]]',
      '[1,0.5] ["25","32.5"]',
    ]);
    expect(logs.get("survivalCurve.ts#0")).toEqual(["[1,0.3333333333333333,0] 1"]);
  });
});
