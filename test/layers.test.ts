/**
 * The house rule of DESIGN.md, checked on the sources: lower layers never
 * import higher ones, and sibling analyses (activity, cohorts, clv, revenue)
 * never import each other. The one allowance: a folder's index.ts may keep a
 * re-export for code that imported a name from that entry before it moved
 * (marked by a "Kept for code that imported" comment above it).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Rank of each top-level module or folder: a file may import only ranks below its own, or its own folder. */
const RANK: Record<string, number> = {
  errors: 0, displayProtocol: 0,
  money: 0.5, validate: 0.5,
  periods: 1,
  events: 2,
  subscriptions: 3,
  stats: 4,
  metrics: 5, io: 5,
  activity: 6, cohorts: 6, clv: 6, revenue: 6,
  sql: 7,
  render: 8,
  cli: 9,
  index: 10,
};

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesOf(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** The layer of a path relative to src/: its folder, or the file's name for top-level files. */
function layerOf(rel: string): string {
  const [first, second] = rel.split("/");
  return second === undefined ? first!.replace(/\.ts$/, "") : first!;
}

interface Edge { from: string; to: string; file: string; line: number }

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of filesOf(SRC)) {
    const rel = relative(SRC, file);
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((text, i) => {
      const m = /^\s*(?:import|export)\b[^"']*from\s+["'](\.{1,2}\/[^"']+)["']/.exec(text);
      if (m === null) return;
      const target = relative(SRC, join(file, "..", m[1]!));
      const kept = rel.endsWith("index.ts") && lines.slice(Math.max(0, i - 3), i).some((l) => l.includes("Kept for code that imported"));
      if (!kept) out.push({ from: layerOf(rel), to: layerOf(target), file: rel, line: i + 1 });
    });
  }
  return out;
}

describe("layers of src/", () => {
  const all = edges();

  it("knows the rank of every folder and top-level file", () => {
    const unknown = [...new Set(all.flatMap((e) => [e.from, e.to]))].filter((l) => RANK[l] === undefined);
    expect(unknown).toEqual([]);
  });

  it("finds the imports it checks (the scan works)", () => {
    expect(all.length).toBeGreaterThan(200);
    expect(all.some((e) => e.from === "cohorts" && e.to === "events")).toBe(true);
  });

  it("has no import of a higher or sibling layer", () => {
    const bad = all
      .filter((e) => e.from !== e.to && !(RANK[e.to]! < RANK[e.from]!))
      .map((e) => `${e.file}:${e.line} (${e.from} -> ${e.to})`);
    expect(bad).toEqual([]);
  });
});
