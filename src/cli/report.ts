/**
 * The work of `retention-metrics report <file>`, as functions that need no
 * process: read the file with the columns chosen ({@link loadEvents}), run
 * the analyses ({@link buildReport}), and write `report.html` and
 * `report.json` ({@link writeReport}).
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { periodSummary, type PeriodSummaryRow } from "../activity/index.ts";
import {
  fitBgNbd,
  fitGammaGamma,
  predictLifetimeValue,
  probabilityAliveMatrix,
  rfmSummary,
  type BgNbdModel,
  type GammaGammaModel,
  type LifetimeValuePrediction,
  type ProbabilityAliveMatrix,
  type RfmRow,
  type RfmSummary,
} from "../clv/index.ts";
import { cohortMatrix, survivalCurve, type CohortMatrix, type SurvivalCurve } from "../cohorts/index.ts";
import { InvalidInputError, RetentionMetricsError } from "../errors.ts";
import { eventTable, type EventRecord, type EventTable } from "../events/index.ts";
import { readEvents, type EventFileFormat } from "../io/index.ts";
import { toDecimal, type Decimal } from "../money.ts";
import { periodOf, toEpochMs } from "../periods/index.ts";
import { revenueConcentration, type RevenueConcentrationResult } from "../revenue/index.ts";
import type { ReportArgs } from "./args.ts";
import { chooseColumns, columnNamesOf, fileFormatOf, requireReadableFile, type ColumnMapping } from "./columns.ts";
import { progress as makeProgress, type Progress } from "./progress.ts";
import { reportHtml } from "./reportHtml.ts";
import { reportJson } from "./reportJson.ts";

/** The lifetime-value settings of the report: a weekly summary, a year ahead, 10% a year discount. */
export const CLV_SETTINGS = Object.freeze({
  timeUnit: "week" as const,
  /** Weeks ahead. */
  horizon: 52,
  /** Discount per week: 10% a year, (1.1)^(1/52) - 1. */
  discountRate: 1.1 ** (1 / 52) - 1,
  /** The yearly rate it comes from. */
  yearlyDiscountRate: 0.1,
  /** Customers listed by predicted value. */
  topCustomers: 10,
});

/** A file read, with the columns chosen. */
export interface LoadedEvents {
  /** The file as given. */
  file: string;
  /** Its format. */
  format: EventFileFormat;
  /** Its column names. */
  columnNames: string[];
  /** The columns chosen for the three fields. */
  columns: ColumnMapping;
  /** The events. */
  table: EventTable;
}

/** A fit that failed: the model, and the typed error's code and message. */
export interface FailedFit {
  model: string;
  error: { code: string; message: string };
}

/** The lifetime-value part of the report (events with amounts only). */
export interface LifetimeValueSection {
  /** The last day summarised (inclusive), `YYYY-MM-DD` in the report's time zone. */
  observationEnd: string;
  /** The RFM summary (weeks). */
  rfm: RfmSummary<RfmRow>;
  /** The fitted BG/NBD model, or why there is none. */
  purchases: BgNbdModel | FailedFit;
  /** The fitted Gamma-Gamma model, or why there is none. */
  spend: GammaGammaModel | FailedFit | null;
  /** Predicted lifetime values over {@link CLV_SETTINGS}' horizon, or why there are none. */
  prediction: LifetimeValuePrediction | FailedFit | null;
  /** P(alive) over frequency and recency, with the BG/NBD model. */
  alive: ProbabilityAliveMatrix | null;
}

/** Everything the report shows. */
export interface ReportData {
  /** When the report was made. */
  generatedAt: Date;
  /** The file, its format and columns. */
  input: Omit<LoadedEvents, "table">;
  /** The events read. */
  table: EventTable;
  /** The period options the analyses were run with. */
  options: { period: ReportArgs["period"]; timeZone: string; weekStartsOn: number; from?: string; to?: string };
  /** The span looked at, epoch ms: [from, to). */
  span: { from: number; to: number };
  /** The short summary of the terminal. */
  summary: ReportSummary;
  periodSummary: PeriodSummaryRow[];
  cohorts: CohortMatrix;
  survival: SurvivalCurve;
  /** `null` without amounts. */
  concentration: RevenueConcentrationResult | null;
  /** `null` without amounts. */
  lifetimeValue: LifetimeValueSection | null;
}

/** The headline figures. */
export interface ReportSummary {
  /** Customers with an event in the span. */
  customers: number;
  /** Events in the span. */
  events: number;
  /** First and last event in the span. */
  firstEvent: Date;
  lastEvent: Date;
  /** Periods reported (complete or not). */
  periods: number;
  /** The last complete period's row, or null when no period is complete. */
  lastComplete: PeriodSummaryRow | null;
  /** Revenue in the span (null without amounts). */
  revenue: Decimal | null;
}

/**
 * Reads a file with the columns chosen: the format from the options or the name, the column names
 * from the file, the mapping from `--customer`/`--at`/`--amount` or detected by name.
 *
 * @param args - the file, `format`, `delimiter`, `timeZone` and the columns named on the command line
 * @param progress - reports the read when it takes more than a second
 * @param onColumns - told the columns chosen, before the file is read
 * @throws {@link InvalidInputError} for a missing or unreadable file, an unknown format, no id or time
 *   column, or bad data (the reader's message, naming the file and line)
 */
export async function loadEvents(
  args: ReportArgs,
  progress: Progress = silent(),
  onColumns?: (chosen: Omit<LoadedEvents, "table">) => void,
): Promise<LoadedEvents> {
  const file = args.file;
  await requireReadableFile(file);
  const format = await fileFormatOf(file, args.format);
  const columnNames = await columnNamesOf(file, format, args.delimiter);
  const columns = chooseColumns(columnNames, args, file);
  onColumns?.({ file, format, columnNames, columns });
  const table = await progress.stepAsync(`reading ${file}`, () =>
    readEvents(file, {
      format,
      fields: { customerId: columns.customerId.name, at: columns.at.name, ...(columns.amount === null ? {} : { amount: columns.amount.name }) },
      timeZone: args.timeZone,
      onProgress: progress.reading(`reading ${file}`),
      ...(args.delimiter === undefined ? {} : { delimiter: args.delimiter }),
    }),
  );
  return { file, format, columnNames, columns, table };
}

/**
 * Runs the analyses of the report on events read by {@link loadEvents}.
 *
 * @param loaded - the events and where they came from
 * @param args - the period options (`period`, `timeZone`, `weekStartsOn`, `from`, `to`)
 * @param progress - reports the steps that take more than a second
 * @returns every figure the report shows
 * @throws {@link InvalidInputError} for a bad option or no events in the span; a model fit that fails
 *   (not converging, no repeat buyer) does not throw: its section says why
 */
export function buildReport(loaded: LoadedEvents, args: ReportArgs, progress: Progress = silent(), now = new Date()): ReportData {
  const { table } = loaded;
  const options = {
    period: args.period,
    timeZone: args.timeZone,
    weekStartsOn: args.weekStartsOn,
    ...(args.from === undefined ? {} : { from: args.from }),
    ...(args.to === undefined ? {} : { to: args.to }),
  };
  const span = spanOf(table, options);
  const counts = countInSpan(table, span);
  if (counts.events === 0) {
    throw new InvalidInputError({
      field: args.from === undefined && args.to === undefined ? "file" : "from/to",
      value: args.from === undefined && args.to === undefined ? loaded.file : `${args.from ?? "(first event)"} to ${args.to ?? "(last event)"}`,
      expected: table.length === 0 ? "a file with at least one event (this one has none)" : `a span with events (the file's events run from ${new Date(table.span!.first).toISOString()} to ${new Date(table.span!.last).toISOString()})`,
      source: loaded.file,
    });
  }
  const rows = progress.step("period summary", () => periodSummary(table, options));
  const cohorts = progress.step("cohort matrix", () => cohortMatrix(table, { ...options, interval: true }));
  const survival = progress.step("survival curve", () => survivalCurve(table, options));
  const concentration = table.hasAmounts ? progress.step("revenue concentration", () => revenueConcentration(table, { from: span.from, to: span.to, top: [0.01, 0.1, 0.2, 0.5] })) : null;
  const lifetimeValue = table.hasAmounts ? progress.step("lifetime value models", () => lifetimeValueSection(table, span.to, args.timeZone)) : null;

  const complete = rows.filter((r) => r.complete);
  const revenue = table.hasAmounts ? rows.reduce((sum, r) => sum.plus(r.revenue), toDecimal(0)) : null;
  return {
    generatedAt: now,
    input: { file: loaded.file, format: loaded.format, columnNames: loaded.columnNames, columns: loaded.columns },
    table,
    options,
    span,
    summary: {
      customers: counts.customers,
      events: counts.events,
      firstEvent: new Date(counts.first),
      lastEvent: new Date(counts.last),
      periods: rows.length,
      lastComplete: complete[complete.length - 1] ?? null,
      revenue,
    },
    periodSummary: rows,
    cohorts,
    survival,
    concentration,
    lifetimeValue,
  };
}

/** The span [from, to) in epoch ms, as the analyses resolve it. */
function spanOf(table: EventTable, options: { timeZone: string; from?: string; to?: string }): { from: number; to: number } {
  const s = table.span;
  const from = options.from === undefined ? (s?.first ?? 0) : toEpochMs(options.from, { field: "from", timeZone: options.timeZone });
  const to = options.to === undefined ? (s === null ? from + 1 : s.last + 1) : toEpochMs(options.to, { field: "to", timeZone: options.timeZone });
  if (!(to > from)) throw new InvalidInputError({ field: "to", value: options.to ?? new Date(to).toISOString(), expected: `an instant after from (${new Date(from).toISOString()})` });
  return { from, to };
}

function countInSpan(table: EventTable, span: { from: number; to: number }): { events: number; customers: number; first: number; last: number } {
  const times = table.times();
  const customers = table.customerIndexes();
  const seen = new Uint8Array(table.customerCount);
  let events = 0;
  let distinct = 0;
  let first = NaN;
  let last = NaN;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (t < span.from || t >= span.to) continue;
    if (events === 0) first = t;
    last = t;
    events++;
    if (seen[customers[i]!] === 0) {
      seen[customers[i]!] = 1;
      distinct++;
    }
  }
  return { events, customers: distinct, first, last };
}

/** The events before `to` (all of them when none is later). */
function eventsBefore(table: EventTable, to: number): EventTable {
  const s = table.span;
  if (s === null || s.last < to) return table;
  const times = table.times();
  const rows: EventRecord[] = [];
  for (let i = 0; i < times.length && times[i]! < to; i++) rows.push(table.row(i));
  return eventTable(rows, { currencyScale: table.currencyScale });
}

/** The RFM summary, BG/NBD and Gamma-Gamma fits, predicted values and P(alive); a failed fit is reported, not thrown. */
function lifetimeValueSection(table: EventTable, to: number, timeZone: string): LifetimeValueSection {
  const events = eventsBefore(table, to);
  // The day of the last event before `to`: an instant stands for the day it falls in.
  const observationEnd = periodOf(events.span!.last, { unit: "day", timeZone }).key;
  const rfm = rfmSummary(events, { timeUnit: CLV_SETTINGS.timeUnit, observationEnd, timeZone });
  const purchases = attempt("BG/NBD", () => fitBgNbd(rfm));
  const spend = attempt("Gamma-Gamma", () => fitGammaGamma(rfm));
  const prediction =
    !isFailed(purchases) && !isFailed(spend)
      ? attempt("lifetime value", () => predictLifetimeValue({ purchases, spend }, rfm, { horizon: CLV_SETTINGS.horizon, discountRate: CLV_SETTINGS.discountRate }))
      : null;
  let alive: ProbabilityAliveMatrix | null = null;
  if (!isFailed(purchases)) {
    // The age of the oldest customers, in whole weeks, with columns a whole number of weeks apart when a divisor allows.
    const T = Math.max(1, Math.round(Math.max(...rfm.map((r) => r.T))));
    const maxFrequency = Math.min(20, Math.max(1, ...rfm.map((r) => r.frequency)));
    alive = probabilityAliveMatrix(purchases, { T, maxFrequency, recencySteps: recencyStepsFor(T) });
  }
  return { observationEnd, rfm, purchases, spend, prediction, alive };
}

/** Columns of the P(alive) grid for customers of age T: whole weeks apart, 8 to 20 of them, when T allows; else 20. */
function recencyStepsFor(T: number): number {
  if (T <= 20) return T;
  for (let d = 2; d <= T; d++) if (T % d === 0 && T / d <= 20) return T / d >= 8 ? T / d : 20;
  return 20;
}

function attempt<T>(model: string, fit: () => T): T | FailedFit {
  try {
    return fit();
  } catch (e) {
    if (e instanceof RetentionMetricsError) return { model, error: { code: e.code, message: e.message } };
    throw e;
  }
}

/** Whether a fit or prediction failed. */
export function isFailed(x: unknown): x is FailedFit {
  return x !== null && typeof x === "object" && "error" in x;
}

/** The paths written by {@link writeReport}. */
export interface WrittenReport {
  html: string;
  json: string;
}

/**
 * Writes `report.html` and `report.json` into a folder (made if missing).
 *
 * @throws {@link InvalidInputError} naming the folder when it cannot be written
 */
export async function writeReport(data: ReportData, out: string): Promise<WrittenReport> {
  const folder = resolve(out);
  const html = join(folder, "report.html");
  const json = join(folder, "report.json");
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(html, reportHtml(data));
    await writeFile(json, `${JSON.stringify(reportJson(data), null, 2)}\n`);
  } catch (e) {
    if (e instanceof RetentionMetricsError) throw e;
    const code = (e as { code?: string }).code;
    throw new InvalidInputError({ field: "--out", value: out, expected: `a folder the report can be written to (${code ?? (e instanceof Error ? e.message : String(e))})` });
  }
  return { html, json };
}

/** Reads, analyses and writes: the whole command, for callers that want one call. */
export async function runReport(
  args: ReportArgs,
  progress: Progress = silent(),
  onColumns?: (chosen: Omit<LoadedEvents, "table">) => void,
): Promise<{ data: ReportData; written: WrittenReport }> {
  const loaded = await loadEvents(args, progress, onColumns);
  const data = buildReport(loaded, args, progress);
  const written = await progress.stepAsync("writing the report", () => writeReport(data, args.out));
  return { data, written };
}

function silent(): Progress {
  return makeProgress({ write: () => {} });
}
