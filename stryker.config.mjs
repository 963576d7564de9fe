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
  coverageAnalysis: "perTest",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
