/**
 * The fuzzer's own tests: a harness that cannot fail is a defect. Unit tests of
 * the walk, the snapshot and the path mutations, and a campaign over a small
 * package (selftest/pkg) with one export per kind of defect, which each must be
 * found, and a clean export, which must not be reported.
 */
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { type CampaignReport, runCampaign } from "./campaign.ts";
import { CORPUS_BY_ID } from "./corpus.ts";
import { badInString, findNonFinite, firstDifference, snapshot } from "./inspect.ts";
import { applyMutation, NotApplicable, parsePath, randFrom } from "./paths.ts";

const ctx = { rand: randFrom(1) };

describe("findNonFinite", () => {
  it("finds NaN, Infinity and Invalid Date however deep", async () => {
    class Box {
      #v = NaN;
      get value(): number { return this.#v; }
      rows(): number[] { return [Infinity]; }
    }
    const cases: Array<[unknown, RegExp]> = [
      [NaN, /^result = NaN/],
      [{ a: [1, { b: -Infinity }] }, /result\.a\[1\]\.b = -Infinity/],
      [new Map([["k", NaN]]), /<value 0> = NaN/],
      [new Set([1, NaN]), /<member 1> = NaN/],
      [Float64Array.of(1, NaN), /\[1\] = NaN/],
      [{ get g() { return NaN; } }, /\.g = NaN/],
      [new Box(), /\.value = NaN/],
      [{ toRows: () => [{ rate: NaN }] }, /toRows\(\)\[0\]\.rate = NaN/],
      [{ [Symbol.for("Jupyter.display")]: () => ({ "text/html": '<td style="width: NaNpx">1</td>' }) }, /Jupyter\.display.*attribute style/],
      [{ d: new Date(NaN) }, /\.d = Invalid Date/],
      [{ m: new Decimal(NaN) }, /\.m = Decimal\(NaN\)/],
      ['<svg width="Infinity"></svg>', /attribute width="Infinity"/],
      ["<p>a NaN here</p>", /markup text/],
      ["2024-01  NaN%", /text "/],
      [Promise.resolve({ x: NaN }), /\.x = NaN/],
    ];
    for (const [value, expected] of cases) {
      const issues = await findNonFinite(value);
      expect(issues.join("\n"), String(expected)).toMatch(expected);
    }
  });

  it("passes finite results, and the skipped rows' echoed values", async () => {
    expect(await findNonFinite({ a: [1, null, "x"], d: new Date(0), m: new Decimal("1.5"), s: '<svg width="10"><text>NaNa</text></svg>', f: (x: number) => x })).toEqual([]);
    expect(await findNonFinite({ skipped: { examples: [{ value: NaN, message: "Invalid at: NaN" }] } })).toEqual([]);
    expect(badInString("Infinity and beyond")).not.toBeNull();
    expect(badInString("Nanaimo 1e+308")).toBeNull();
  });
});

describe("snapshot", () => {
  it("sees in-place changes a caller could see", () => {
    const changes: Array<[() => unknown, (x: never) => void]> = [
      [() => [3, 1, 2], (a: number[]) => void a.sort()],
      [() => [1], (a: number[]) => void a.push(2)],
      [() => ({ a: 1 }), (o: Record<string, number>) => void (o.b = 2)],
      [() => ({ d: new Date(0) }), (o: { d: Date }) => void o.d.setTime(5)],
      [() => new Map([[1, 2]]), (m: Map<number, number>) => void m.set(1, 3)],
      [() => Float64Array.of(1, 2), (t: Float64Array) => void (t[0] = 9)],
      [() => ({ a: [1] }), (o: object) => void Object.freeze(o)],
      [() => [1, 2, 3], (a: number[]) => void delete a[1]],
    ];
    for (const [make, change] of changes) {
      const x = make();
      const before = snapshot(x);
      change(x as never);
      expect(firstDifference(before, snapshot(x)), String(change)).not.toBeNull();
    }
  });

  it("reads class instances through their getters and methods, and leaves generators unconsumed", () => {
    const state = new WeakMap<object, number[]>();
    class Table {
      constructor(xs: number[]) { state.set(this, xs); }
      get size(): number { return state.get(this)!.length; }
      times(): number[] { return state.get(this)!.slice(); }
    }
    const t = new Table([1, 2]);
    const before = snapshot(t);
    state.get(t)![0] = 5;
    expect(firstDifference(before, snapshot(t))).toMatch(/times\(\)/);
    const gen = (function* () { yield 1; })();
    snapshot(gen);
    expect(gen.next()).toEqual({ value: 1, done: false });
  });
});

describe("applyMutation", () => {
  it("mutates copy-on-write, through frozen inputs, and adds left-out options", () => {
    const rows = Object.freeze([Object.freeze({ at: "x" }), Object.freeze({ at: "y" })]);
    const args = [rows];
    const out = applyMutation(args, parsePath("0[].at"), CORPUS_BY_ID.get("NaN")!, { rand: () => 0.9 }).args;
    expect((out[0] as Array<{ at: unknown }>)[1]!.at).toBeNaN();
    expect(rows[1]!.at).toBe("y");
    const opt = applyMutation(args, parsePath("1.timeZone"), CORPUS_BY_ID.get("Mars/Olympus")!, ctx).args;
    expect(opt[1]).toEqual({ timeZone: "Mars/Olympus" });
    const gone = applyMutation([{ a: 1 }, { b: 2 }], parsePath("0"), CORPUS_BY_ID.get("missing")!, ctx).args;
    expect(gone).toEqual([]);
    const sparse = applyMutation([[1, 2, 3]], parsePath("0"), CORPUS_BY_ID.get("sparse")!, ctx).args[0] as unknown[];
    expect(sparse.length).toBe(3);
    expect(Object.keys(sparse).length).toBe(2);
  });

  it("says when a mutation does not apply", () => {
    expect(() => applyMutation([[]], parsePath("0[].at"), CORPUS_BY_ID.get("NaN")!, ctx)).toThrow(NotApplicable);
    expect(() => applyMutation([1], parsePath("0"), CORPUS_BY_ID.get("unsorted")!, ctx)).toThrow(NotApplicable);
    expect(() => applyMutation(["month"], parsePath("0.timeZone"), CORPUS_BY_ID.get("NaN")!, ctx)).toThrow(NotApplicable);
    expect(() => parsePath("a.b")).toThrow(/argument index/);
  });
});

describe("a campaign over the self-test package", () => {
  let report: CampaignReport;
  const kinds = (target: string): string[] => [...new Set(report.defects.filter((d) => d.target === target).map((d) => d.kind))].sort();

  it("finds each planted defect and nothing in the clean export", async () => {
    report = await runCampaign({
      seed: 1,
      timeoutMs: 400,
      distDir: fileURLToPath(new URL("./selftest/pkg/build", import.meta.url)),
      specDir: fileURLToPath(new URL("./selftest/specs", import.meta.url)),
    });
    expect(report.fatal).toEqual([]);
    expect(kinds("clean")).toEqual([]);
    expect(kinds("untyped")).toEqual(["other-error"]);
    expect(kinds("divides")).toContain("non-finite"); // (and a TypeError for a bigint b)
    expect(report.defects.filter((d) => d.target === "divides").map((d) => d.detail).join("\n")).toMatch(/byName|lazy|toRows/);
    expect(kinds("chart")).toContain("non-finite");
    expect(kinds("median")).toEqual(["input-mutated"]);
    expect(kinds("repeat")).toEqual(["too-slow"]);
    expect(kinds("quiet")).toEqual(["untyped-message"]);
    expect(kinds("exits")).toEqual(["crashed"]);
    expect(report.defects.find((d) => d.target === "exits")?.mutation).toBe("-1");
    expect(report.missingSpecs.join("\n")).toMatch(/^unspecced /);
    expect(report.specProblems.join("\n")).toMatch(/ghost is not exported/);
  }, 60_000);
});
