import { defineConfig } from "vitest/config";

// The unit tests a mutant can fail, without the slow suites that test the build (examples,
// fuzz, CLI processes, engines), which a mutant of src/ does not reach.
export default defineConfig({
  test: {
    include: ["test/metrics/**/*.test.ts", "test/cohorts/**/*.test.ts", "test/clv/**/*.test.ts", "test/stats/**/*.test.ts", "test/validate.test.ts"],
    exclude: ["test/cohorts/duckdb.test.ts"],
  },
});
