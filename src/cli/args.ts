/**
 * The command line's arguments: `retention-metrics report <file> [options]`
 * parsed with `node:util`'s `parseArgs` into the options of the report, and
 * the help text. Argument errors are {@link UsageError}s (exit code 2).
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { EventFileFormat } from "../io/index.ts";
import { PERIOD_UNITS, type PeriodUnit } from "../periods/index.ts";

/** A command line that cannot be run as given: an unknown option, a missing file, a bad value. */
export class UsageError extends Error {
  /** @param message - what was wrong and what would be right */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The formats `--format` accepts (those of `readEvents`). */
export const FILE_FORMATS: readonly EventFileFormat[] = ["csv", "tsv", "parquet", "ndjson", "json"];

/** Options of the `report` command, as given on the command line (validated). */
export interface ReportArgs {
  /** The file to read. */
  file: string;
  /** Period unit of the summary, cohorts and curves; default `"month"`. */
  period: PeriodUnit;
  /** IANA time zone of the calendar periods (and of instants without an offset); default `"UTC"`. */
  timeZone: string;
  /** First day of a week, 0 (Sunday) to 6; default 1. */
  weekStartsOn: number;
  /** Start of the span reported (an instant or a `YYYY-MM-DD` day in the time zone). */
  from?: string;
  /** End of the data looked at, exclusive. */
  to?: string;
  /** Folder the report is written to; default the current one. */
  out: string;
  /** The file's format; default from its name (or, for Parquet, its first bytes). */
  format?: EventFileFormat;
  /** CSV field delimiter (a single character; `\t` or `tab` for a tab). */
  delimiter?: string;
  /** Column of the customer id (overrides detection). */
  customer?: string;
  /** Column of the instant (overrides detection). */
  at?: string;
  /** Column of the amount (overrides detection). */
  amount?: string;
}

/** What the command line asks for. */
export type Command = { command: "help"; topic: "main" | "report" } | { command: "report"; args: ReportArgs };

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  period: { type: "string", short: "p" },
  "time-zone": { type: "string" },
  "week-starts-on": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  out: { type: "string", short: "o" },
  format: { type: "string" },
  delimiter: { type: "string" },
  customer: { type: "string" },
  at: { type: "string" },
  amount: { type: "string" },
} as const;

/** The help text of the command. */
export const HELP = `Usage: retention-metrics report <file> [options]

Reads orders or activity events (CSV, TSV, Parquet, NDJSON or JSON, optionally
.gz), detects the customer id, time and amount columns by name, prints a short
summary and writes report.html (self-contained: inline SVG and CSS) and
report.json (the same figures) to the output folder.

Options:
  -p, --period <unit>        day, week, isoWeek, month (default), quarter or year
      --time-zone <zone>     IANA time zone of the calendar periods (default UTC)
      --week-starts-on <n>   first day of a week, 0 (Sunday) to 6 (default 1, Monday)
      --from <instant>       start of the span reported (e.g. 2024-01-01)
      --to <instant>         end of the data looked at, exclusive (e.g. 2025-01-01)
  -o, --out <folder>         where report.html and report.json go (default: .)
      --format <format>      csv, tsv, parquet, ndjson or json (default: from the name)
      --delimiter <char>     CSV field delimiter (default , ; "\\t" or tab for a tab)
      --customer <column>    column of the customer id (default: detected)
      --at <column>          column of the event's time (default: detected)
      --amount <column>      column of the amount (default: detected)
  -h, --help                 show this help

Exit codes: 0 done, 2 bad arguments or bad data (the message says which), 1 other errors.
Example: npx retention-metrics report examples/data/orders.csv --out report/`;

/**
 * Parses the command line (the arguments after the program's name).
 *
 * @param argv - e.g. `["report", "orders.csv", "--period", "week"]`
 * @returns the command to run
 * @throws {@link UsageError} for an unknown command or option, a missing or extra file, or a bad value
 */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\nRun "retention-metrics --help" for the options.`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (command === undefined) {
    if (values.help === true) return { command: "help", topic: "main" };
    throw new UsageError('No command: run "retention-metrics report <file>" (see --help).');
  }
  if (command !== "report") throw new UsageError(`Unknown command ${JSON.stringify(command)}: the command is "report" (see --help).`);
  if (values.help === true) return { command: "help", topic: "report" };
  if (rest.length === 0) throw new UsageError('No file: run "retention-metrics report <file>" with a CSV, TSV, Parquet, NDJSON or JSON file.');
  if (rest.length > 1) throw new UsageError(`One file at a time: got ${rest.map((r) => JSON.stringify(r)).join(", ")}.`);

  const args: ReportArgs = {
    file: rest[0]!,
    period: periodOf(values.period),
    timeZone: nonEmpty(values["time-zone"], "--time-zone") ?? "UTC",
    weekStartsOn: weekStartOf(values["week-starts-on"]),
    out: nonEmpty(values.out, "--out") ?? ".",
  };
  const from = nonEmpty(values.from, "--from");
  if (from !== undefined) args.from = from;
  const to = nonEmpty(values.to, "--to");
  if (to !== undefined) args.to = to;
  if (values.format !== undefined) args.format = formatOf(values.format);
  if (values.delimiter !== undefined) args.delimiter = delimiterOf(values.delimiter);
  for (const key of ["customer", "at", "amount"] as const) {
    const column = nonEmpty(values[key], `--${key}`);
    if (column !== undefined) args[key] = column;
  }
  return { command: "report", args };
}

function nonEmpty(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && value.trim() === "") throw new UsageError(`${option} needs a value (got an empty one).`);
  return value;
}

function periodOf(value: string | undefined): PeriodUnit {
  if (value === undefined) return "month";
  const unit = PERIOD_UNITS.find((u) => u.toLowerCase() === value.toLowerCase());
  if (unit === undefined) throw new UsageError(`--period ${JSON.stringify(value)} is not a period unit: use one of ${PERIOD_UNITS.join(", ")}.`);
  return unit;
}

function weekStartOf(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!/^\s*\d\s*$/.test(value) || n > 6) throw new UsageError(`--week-starts-on ${JSON.stringify(value)} is not a day of the week: use 0 (Sunday) to 6 (Saturday); 1 is Monday.`);
  return n;
}

function formatOf(value: string): EventFileFormat {
  const format = FILE_FORMATS.find((f) => f === value.toLowerCase());
  if (format === undefined) throw new UsageError(`--format ${JSON.stringify(value)} is not a format: use one of ${FILE_FORMATS.join(", ")}.`);
  return format;
}

function delimiterOf(value: string): string {
  const d = value === "\\t" || value.toLowerCase() === "tab" ? "\t" : value;
  if ([...d].length !== 1 || d === '"' || d === "\n" || d === "\r") {
    throw new UsageError(`--delimiter ${JSON.stringify(value)} is not a delimiter: give one character other than a quote or a line break ("\\t" or tab for a tab).`);
  }
  return d;
}
