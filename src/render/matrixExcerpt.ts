/**
 * The part of a large cohort matrix that `display` draws and tabulates. A
 * matrix may hold up to a million cells (one stray event in 1970 among orders
 * of 2024 gives 651 monthly cohorts by 650 offsets): drawn whole, its heatmap
 * is 86 MB of SVG and takes seconds, for a picture no notebook can show. The
 * excerpt keeps the first and last cohorts (as `shorten` keeps a table's first
 * and last rows) and the first offsets, and says what it left out; `toCsv`,
 * `formatTable` and `cohortHeatmapSvg` still take the whole matrix.
 *
 * @internal
 * @module
 */
import type { CohortMatrix, CohortMatrixRow } from "../cohorts/matrix.ts";
import { requireMatrixShape } from "./classify.ts";
import { finite } from "./format.ts";

/** Most offsets (columns) display shows: ten years of months, a hundred days or weeks. */
export const DISPLAY_OFFSETS = 100;

/** A matrix cut down for display, and what was cut. */
export interface MatrixExcerpt {
  /** The matrix shown: the first and last cohorts, the first offsets (the input itself when nothing was cut). */
  readonly matrix: CohortMatrix;
  /** Customers of all the matrix's cohorts, for the average row (the excerpt's cohorts are fewer). */
  readonly total: number;
  /** Where the cohorts left out would be, in the excerpt's rows (`null` when none was). */
  readonly gapAt: number | null;
  /** What was left out, as a sentence for the table's notes and the picture's subtitle; `null` when nothing. */
  readonly note: string | null;
}

const slice = <T>(xs: readonly T[] | undefined, n: number): T[] | undefined => (Array.isArray(xs) ? xs.slice(0, n) : undefined);

/** A cohort row with its per-offset arrays cut to the first `n` offsets. */
function firstOffsets(row: CohortMatrixRow, n: number): CohortMatrixRow {
  const out: CohortMatrixRow = {
    ...row,
    values: row.values.slice(0, n),
    rates: row.rates.slice(0, n),
    observed: slice(row.observed, n)!,
    cumulativeRevenuePerCustomer: slice(row.cumulativeRevenuePerCustomer, n)!,
  };
  if (row.intervals !== undefined) out.intervals = slice(row.intervals, n)!;
  return out;
}

/**
 * The excerpt of `m` with at most `maxCohorts` cohorts (the first half and the last half) and
 * `maxOffsets` offsets (the first); the matrix itself when it fits. The shape is checked first
 * (an edited matrix gets the renderers' typed errors, not a TypeError from slicing).
 */
export function matrixExcerpt(m: CohortMatrix, maxCohorts: number, maxOffsets = DISPLAY_OFFSETS): MatrixExcerpt {
  requireMatrixShape(m);
  const total = m.cohorts.reduce((s, c, r) => s + finite(c.size, `matrix.cohorts[${r}].size`), 0);
  const rows = m.cohorts.length;
  const columns = m.offsets.length;
  if (rows <= maxCohorts && columns <= maxOffsets) return { matrix: m, total, gapAt: null, note: null };
  const head = rows <= maxCohorts ? rows : Math.ceil(maxCohorts / 2);
  const tail = rows <= maxCohorts ? 0 : maxCohorts - head;
  const kept = [...m.cohorts.slice(0, head), ...m.cohorts.slice(rows - tail)];
  const n = Math.min(columns, maxOffsets);
  const matrix: CohortMatrix = {
    ...m,
    offsets: m.offsets.slice(0, n),
    cohorts: kept.map((row) => firstOffsets(row, n)),
    average: m.average.slice(0, n),
    averageCumulativeRevenuePerCustomer: slice(m.averageCumulativeRevenuePerCustomer, n)!,
  };
  if (m.averageIntervals !== undefined) matrix.averageIntervals = slice(m.averageIntervals, n)!;
  if (m.brackets !== undefined) matrix.brackets = m.brackets.slice(0, n - 1);
  const span = (noun: string, from: unknown, to: unknown, of: number, all: number) =>
    `${from === to ? `${noun} ${from}` : `${noun}s ${from} to ${to}`} (${of} of ${all})`;
  const left: string[] = [];
  if (head < rows) left.push(span("cohort", head + 1, rows - tail, rows - head - tail, rows));
  if (n < columns) left.push(span("offset", m.offsets[n], m.offsets[columns - 1], columns - n, columns));
  const cells = rows * columns - kept.length * n;
  return {
    matrix,
    total,
    gapAt: head < rows ? head : null,
    note: `Shown in part: ${left.join(" and ")} left out, ${cells.toLocaleString("en-US")} of ${(rows * columns).toLocaleString("en-US")} cells; toCsv writes them all.`,
  };
}
