/** Messages between the campaign (main thread) and its workers, and the shapes of results. */

/** What a defect is. */
export type DefectKind =
  | "other-error" //     a thrown TypeError, RangeError, plain Error or non-Error: not a RetentionMetricsError
  | "untyped-message" // a RetentionMetricsError with an empty message or no code
  | "non-finite" //      NaN, Infinity or Invalid Date somewhere in the result (or "NaN" in its markup)
  | "input-mutated" //   the arguments (or the receiver) differ after the call
  | "too-slow" //        over the time limit (twice), or a hang
  | "crashed" //         the worker died (out of memory, say) or an unhandled rejection
  | "example-failed"; // the documented example itself did not return normally

export interface Defect {
  kind: DefectKind;
  detail: string;
}

/** One call's outcome. */
export interface CaseResult {
  target: string;
  index: number;
  /** The mutated path, or "(example)". */
  path: string;
  /** The corpus id, or "(none)". */
  mutation: string;
  outcome: "ok" | "typed-error" | "other-error" | "timeout" | "crashed" | "harness";
  ms: number;
  defects: Defect[];
  /** The error thrown, for replays (--verbose). */
  error?: string;
}

export interface WorkerInit {
  entries: Array<{ key: string; file: string }>;
  specFiles: string[];
  seed: number;
  /** Walk the full grid (every path x every applicable mutation). */
  grid: boolean;
  /** Walk the whole grid even where a spec asks for a CI sample (`ciSample`). */
  full: boolean;
  /** Random cases per target on top of the grid. */
  runs: number;
  timeoutMs: number;
  /** Only cases at this path / with this mutation (replays). */
  path?: string;
  mutation?: string;
}

/** Run cases [from, from + count) of a target (count may be Infinity: to the end). */
export type ToWorker = { type: "run"; target: string; from: number; count: number };

export type FromWorker =
  | {
      type: "ready";
      entryNames: Record<string, Array<[string, string]>>;
      specNames: Record<string, string[]>;
      targets: Array<{ id: string; exportName: string; entry: string; layer: string; kind: string }>;
      problems: string[];
    }
  | { type: "fatal"; message: string }
  | { type: "start"; index: number; path: string; mutation: string }
  | { type: "called"; index: number; ms: number }
  | { type: "done"; index: number; result: CaseResult }
  | { type: "end"; target: string; cases: number };
