/**
 * A test's time limit, scaled by `RM_TIMEOUT_SCALE` (default 1): the mutation run
 * (vitest.mutation.config.ts) sets 50, as Stryker's instrumented code runs several times slower.
 */
export function timeLimit(ms: number): number {
  return ms * (Number(process.env.RM_TIMEOUT_SCALE) || 1);
}
