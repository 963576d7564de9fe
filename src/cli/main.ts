#!/usr/bin/env node
/**
 * The `retention-metrics` command: `retention-metrics report <file>` (see
 * `--help`). The entry of the package's `bin`; the work is in `run.ts` and
 * `report.ts`, which need no process.
 *
 * @module
 */
import { runCli } from "./run.ts";

// A closed pipe (`retention-metrics report x.csv | head`) ends the output, not the command with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
});

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`retention-metrics: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
