import { defineConfig, type Options } from "tsup";

// One entry per public module, with code splitting, so an app importing one
// formula does not pull decimal.js or the period code into its bundle.
const library = {
  entry: {
    index: "src/index.ts",
    errors: "src/errors.ts",
    money: "src/money.ts",
    "periods/index": "src/periods/index.ts",
    "metrics/index": "src/metrics/index.ts",
    "stats/index": "src/stats/index.ts",
    "events/index": "src/events/index.ts",
    "subscriptions/index": "src/subscriptions/index.ts",
    "activity/index": "src/activity/index.ts",
    "revenue/index": "src/revenue/index.ts",
    "cohorts/index": "src/cohorts/index.ts",
    "render/index": "src/render/index.ts",
    "clv/index": "src/clv/index.ts",
    "io/index": "src/io/index.ts",
    "sql/index": "src/sql/index.ts",
  },
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  splitting: true,
  treeshake: true,
  sourcemap: false,
  clean: false, // the build script empties dist/ first: the two configs run at once
  target: "es2022",
  platform: "neutral",
  external: ["decimal.js", /^node:/],
  // The Parquet reader and its decompressors (pure ESM, MIT) are bundled into
  // dist/io's lazily loaded chunk, so a consumer installs nothing for them.
  noExternal: ["hyparquet", "hyparquet-compressors", "fzstd", "hysnappy"],
  // hyparquet's default export condition adds Node file helpers (import "fs"); its browser build is the
  // same reader without them, and loads everywhere.
  esbuildOptions(options) {
    options.conditions = ["browser", "import", "default"];
  },
} satisfies Options;

// The command line: one ESM file for Node with its hashbang (kept from src/cli/main.ts), written after
// the library build, with the Parquet reader bundled as in the library.
const cli = {
  entry: { "cli/main": "src/cli/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  splitting: true,
  treeshake: true,
  sourcemap: false,
  dts: false,
  clean: false,
  external: ["decimal.js", /^node:/],
  noExternal: ["hyparquet", "hyparquet-compressors", "fzstd", "hysnappy"],
  esbuildOptions(options) {
    options.conditions = ["browser", "import", "default"];
  },
} satisfies Options;

export default defineConfig([library, cli]);
