import { defineConfig } from "vitest/config";

// The unit tests a mutant can fail, without the slow suites that test the build (examples,
// fuzz, CLI processes, engines), which a mutant of src/ does not reach.
export default defineConfig({
  test: {
    include: ["test/metrics/**/*.test.ts", "test/cohorts/**/*.test.ts", "test/clv/**/*.test.ts", "test/stats/**/*.test.ts", "test/validate.test.ts"],
    exclude: ["test/cohorts/duckdb.test.ts"],
    // Stryker's instrumented code runs several times slower: the hang-guard timeouts scale with it.
    env: { RM_TIMEOUT_SCALE: "50", RM_MUTATION: "1" },
    testTimeout: 60_000,
  },
});
