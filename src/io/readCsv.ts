/**
 * CSV and TSV text -> {@link EventTable}: the header names the columns, the
 * `fields` option (or the default names) picks the three the table needs,
 * and each record's values go straight into encoded columns.
 *
 * @internal
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { missingFieldHint } from "../events/fieldNames.ts";
import type { RowSettings } from "../events/rowReading.ts";
import type { EventTable } from "../events/table.ts";
import { CsvSplitter } from "./csv.ts";
import { EncodedCollector, type EpochUnit } from "./encodedEvents.ts";
import type { OpenedSource } from "./source.ts";

/** Column names (or, without a header, 0-based column numbers) of the three fields. */
export interface ColumnNames {
  customerId: string;
  at: string;
  amount: string | undefined;
  /** Whether `amount` was asked for explicitly (then the column must exist). */
  amountRequired: boolean;
}

/** What the CSV reader needs. */
export interface CsvReadSettings {
  readonly delimiter: string;
  readonly header: boolean;
  readonly columns: ColumnNames;
  readonly settings: RowSettings;
  readonly epochUnit: EpochUnit | undefined;
  readonly onProgress: ((rows: number) => void) | undefined;
}

/** Reads CSV or TSV from an opened source into a table. */
export async function readCsv(source: OpenedSource, r: CsvReadSettings): Promise<EventTable> {
  let collector: EncodedCollector | null = null;
  let hasAmount = false;
  let row = 0;
  const splitter = new CsvSplitter({
    delimiter: r.delimiter,
    header: r.header,
    source: source.name,
    select: (names) => {
      const slots = new Int32Array(names.length).fill(-1);
      const find = (field: "customerId" | "at" | "amount", name: string, required: boolean): boolean => {
        const i = names.indexOf(name);
        if (i >= 0) {
          slots[i] = field === "customerId" ? 0 : field === "at" ? 1 : 2;
          return true;
        }
        if (!required) return false;
        const shown = r.header ? names : names.map((_, k) => String(k));
        throw new InvalidInputError({
          field: `fields.${field}`,
          value: name,
          expected: r.header ? `${missingFieldHint(field, name, shown, "columns")}` : `a column number from 0 to ${names.length - 1} (the file has no header)`,
          source: source.name,
          line: 1,
        });
      };
      find("customerId", r.columns.customerId, true);
      find("at", r.columns.at, true);
      hasAmount = r.columns.amount !== undefined && find("amount", r.columns.amount, r.columns.amountRequired);
      collector = new EncodedCollector(r.settings, source.name, hasAmount, r.epochUnit);
      return { slots, width: 3 };
    },
    onRecord: (values, line) => {
      collector!.add(values[0], values[1], hasAmount ? values[2] : undefined, { row: row++, line });
    },
  });
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lastReport = 0;
  try {
    for await (const chunk of source.chunks) {
      splitter.push(decoder.decode(chunk, { stream: true }));
      if (r.onProgress !== undefined && row - lastReport >= 100_000) {
        lastReport = row;
        r.onProgress(row);
      }
    }
    splitter.push(decoder.decode());
  } catch (e) {
    if (e instanceof TypeError && /decode|encoded/i.test(e.message)) {
      throw new InvalidInputError({ field: "source", value: source.name, expected: "UTF-8 text (the file has bytes that are not UTF-8: is it CSV?)", source: source.name });
    }
    throw e;
  }
  splitter.finish();
  r.onProgress?.(row);
  if (collector === null) {
    throw new InvalidInputError({ field: "source", value: source.name, expected: "a CSV file with a header line (this one is empty)", source: source.name });
  }
  return (collector as EncodedCollector).finish();
}
