// Mutation testing (npm run mutation; not in CI: it takes tens of minutes).
// Narrow it with `npm run mutation -- --mutate "src/metrics/**/*.ts"`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/metrics/**/*.ts", "src/cohorts/**/*.ts", "src/clv/**/*.ts", "!src/**/index.ts"],
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  timeoutMS: 20000,
  // The first run of every test with per-test coverage takes minutes on two busy cores.
  dryRunTimeoutMinutes: 30,
  coverageAnalysis: "perTest",
  tempDirName: ".stryker-tmp",
  // The unit tests it runs read src/, not the build (nor the reports): a build during a run cannot break it.
  ignorePatterns: ["dist", "reports", "docs/api"],
  cleanTempDir: "always",
};
