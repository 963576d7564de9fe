/**
 * The fuzzer's allow-list: defects that are known and accepted for now, so that
 * the CI test can pass while a fix is pending. EMPTY BY DEFAULT, and it should
 * stay short: every entry is a hole in "zero defects is the bar".
 *
 * An entry matches a defect when every field it gives matches: `target` is the
 * export as reported (`churnRate`, `new InvalidInputError`,
 * `fitBgNbd(...).probabilityAlive`), `path` the mutated path (`0.customersAtStart`,
 * `(example)` for the unmutated example call), `mutation` the corpus id (`NaN`,
 * `sparse`, ...), `outcome` one of the outcome kinds (`other-error`,
 * `non-finite`, `input-mutated`, `too-slow`, `untyped-message`, `crashed`,
 * `example-failed`). A field left out matches anything. Matched defects are
 * still printed (as known), and an entry that matches nothing is reported as
 * stale so it can be removed.
 *
 * Every entry needs a `reason` (and, better, the issue that tracks it).
 */
export interface KnownDefect {
  target: string;
  path?: string;
  mutation?: string;
  outcome?: string;
  /** Why this is accepted for now. */
  reason: string;
  /** The tracking issue, e.g. "#12". */
  issue?: string;
}

export const KNOWN: readonly KnownDefect[] = [];
