/**
 * The last column of a cohort matrix observed at an offset horizon, from the
 * columns' last offsets; shared by the scans of the cohort options.
 *
 * @internal
 * @module
 */

/** The last column observed at offset horizon h: the largest j with ends[j] <= h (-1: none). */
export function columnHorizon(ends: readonly number[], h: number): number {
  let lo = 0;
  let hi = ends.length; // answer in [lo - 1, hi - 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! <= h) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
