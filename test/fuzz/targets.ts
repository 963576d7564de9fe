/**
 * From the layer spec files to the list of targets the fuzzer calls: each
 * function export, each public constructor, each documented instance and each
 * method of an example result or instance, and each constant.
 */
import type { CallSpec, ExportSpec, LayerSpecs } from "./spec.ts";

export type TargetKind = "call" | "construct" | "method" | "instance" | "value";

export interface Target {
  /** As reported: `churnRate`, `new InvalidInputError`, `fitBgNbd(...).probabilityAlive`, `EventTable#row`. */
  id: string;
  exportName: string;
  /** The package.json `exports` key the export is taken from. */
  entry: string;
  /** The spec file it comes from (its layer). */
  layer: string;
  kind: TargetKind;
  method?: string;
  call?: CallSpec;
  spec: ExportSpec;
}

/** The targets of the loaded spec files, in a stable order. */
export function targetsOf(layers: ReadonlyArray<{ layer: string; specs: LayerSpecs }>): Target[] {
  const out: Target[] = [];
  for (const { layer, specs } of layers) {
    for (const [name, spec] of Object.entries(specs.specs)) {
      const base = { exportName: name, entry: specs.entry, layer, spec };
      if (spec.kind === "value") out.push({ ...base, id: name, kind: "value" });
      else if (spec.kind === "function") {
        out.push({ ...base, id: name, kind: "call", call: spec });
        for (const [method, call] of Object.entries(spec.methods ?? {})) out.push({ ...base, id: `${name}(...).${method}`, kind: "method", method, call });
      } else {
        if (spec.construct !== undefined) out.push({ ...base, id: `new ${name}`, kind: "construct", call: spec.construct });
        if (spec.instance !== undefined) out.push({ ...base, id: `${name} instance`, kind: "instance" });
        for (const [method, call] of Object.entries(spec.methods ?? {})) out.push({ ...base, id: `${name}#${method}`, kind: "method", method, call });
      }
    }
  }
  return out;
}
