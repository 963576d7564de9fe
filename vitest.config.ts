import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fuzz campaign (test/fuzz/fuzz.test.ts) runs with `npm run fuzz`, not in `npm test`, until
    // its open defects are fixed (issue #12); its harness self-test runs here.
    exclude: ["test/deno/**", "test/fuzz/fuzz.test.ts"],
    // Type tests (expectTypeOf) of the overloads whose return type depends on an argument.
    typecheck: { enabled: true, include: ["test/types/**/*.test-d.ts"], tsconfig: "test/types/tsconfig.json" },
  },
});
