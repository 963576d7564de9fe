/**
 * The command line without the process: parse the arguments, run the
 * command, write to the given streams and return the exit code (0 done,
 * 2 bad arguments or bad data, 1 anything else). `main.ts` calls it with the
 * process's own.
 *
 * @module
 */
import { RetentionMetricsError } from "../errors.ts";
import { HELP, parseCommandLine, UsageError } from "./args.ts";
import { progress } from "./progress.ts";
import { isFailed, runReport } from "./report.ts";
import { columnLines, summaryLines } from "./summary.ts";

/** Where the command writes: a line at a time, without the newline. */
export interface CliOutput {
  /** The results (stdout). */
  out: (line: string) => void;
  /** Progress and errors (stderr). */
  err: (line: string) => void;
}

/** Exit code of a run that worked. */
export const EXIT_OK = 0;
/** Exit code of an unexpected failure (a bug, a full disk...). */
export const EXIT_FAILURE = 1;
/** Exit code of bad arguments or bad data: the message says what to change. */
export const EXIT_BAD_INPUT = 2;

/**
 * Runs the command line.
 *
 * @param argv - the arguments after the program's name
 * @param output - where to write
 * @returns the exit code
 */
export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
  try {
    const command = parseCommandLine(argv);
    if (command.command === "help") {
      for (const line of HELP.split("\n")) output.out(line);
      return EXIT_OK;
    }
    const args = command.args;
    const steps = progress({ write: output.err });
    const { data, written } = await runReport(args, steps, (chosen) => {
      for (const line of columnLines(chosen.file, chosen.format, chosen.columns)) output.out(line);
      output.out("");
    });
    for (const line of summaryLines(data)) output.out(line);
    if (data.lifetimeValue !== null) {
      const { purchases, spend, prediction } = data.lifetimeValue;
      for (const f of [purchases, spend, prediction].filter(isFailed)) output.err(`note: ${f.model} not fitted (the report says so): ${f.error.message}`);
    }
    output.out("");
    output.out(`Wrote ${written.html}`);
    output.out(`  and ${written.json}`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError || e instanceof RetentionMetricsError) {
      output.err(`retention-metrics: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    output.err(`retention-metrics: unexpected error (please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_FAILURE;
  }
}
