/**
 * `test.prop(arbitraries, params)(name, predicate)` and `fc`, the shape of
 * @fast-check/vitest's API, on plain fast-check and vitest. Importing
 * @fast-check/vitest costs about 4 s per test file here; this costs nothing.
 */
import fc from "fast-check";
import { test as vitestTest } from "vitest";

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/**
 * The mutation run (vitest.mutation.config.ts sets RM_MUTATION) runs each property a tenth as many
 * times (at least 5): every surviving mutant reruns the properties that cover it, hundreds of times
 * over, under an instrumentation that slows them tenfold.
 */
const RUNS_SCALE = process.env.RM_MUTATION === "1" ? 0.1 : Number(process.env.RM_RUNS_SCALE ?? 1);

/** A property test: runs `predicate` on values drawn from the arbitraries; fails with fast-check's shrunk counterexample. */
function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, given: fc.Parameters<Ts> = {}) {
  const params = RUNS_SCALE === 1 ? given : { ...given, numRuns: Math.max(5, Math.round((given.numRuns ?? 100) * RUNS_SCALE)) };
  return (name: string, predicate: (...args: Ts) => unknown, timeout?: number): void => {
    vitestTest(
      name,
      async () => {
        const property = (fc.asyncProperty as (...args: unknown[]) => fc.IAsyncPropertyWithHooks<Ts>)(
          ...arbitraries,
          async (...args: Ts) => {
            const result = await predicate(...args);
            return result !== false;
          },
        );
        await fc.assert(property, params);
      },
      timeout,
    );
  };
}

export const test = Object.assign(vitestTest, { prop });
export { fc };
