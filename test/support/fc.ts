/**
 * `test.prop(arbitraries, params)(name, predicate)` and `fc`, the shape of
 * @fast-check/vitest's API, on plain fast-check and vitest. Importing
 * @fast-check/vitest costs about 4 s per test file here; this costs nothing.
 */
import fc from "fast-check";
import { test as vitestTest } from "vitest";

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };

/** A property test: runs `predicate` on values drawn from the arbitraries; fails with fast-check's shrunk counterexample. */
function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params: fc.Parameters<Ts> = {}) {
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
