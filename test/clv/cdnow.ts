/**
 * The CDNOW reference data (read in place from /work/shared/data/cdnow, never
 * copied): the 1/10 sample's transactions and the published 39-week summaries.
 */
import { readFileSync } from "node:fs";
import { sharedDataUrl } from "../../scripts/sharedData.ts";

const dir = sharedDataUrl("cdnow");
const read = (file: string) => readFileSync(new URL(file, dir), "utf8");

/** One line of CDNOW_sample.txt. */
export interface CdnowTransaction {
  customerId: number;
  at: string;
  cds: number;
  amount: string;
}

/** The 6,919 transactions of the 2,357 sampled customers, ids 1..2357, dates as "YYYY-MM-DD". */
export function cdnowTransactions(): CdnowTransaction[] {
  return read("CDNOW_sample.txt").trim().split(/\r?\n/).map((line) => {
    const [, id, date, cds, amount] = line.trim().split(/\s+/) as [string, string, string, string, string];
    return { customerId: Number(id), at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, cds: Number(cds), amount };
  });
}

/** A row of the published calibration summary. */
export interface CdnowSummaryRow {
  id: number;
  frequency: number;
  recency: number;
  T: number;
  /** zbar: mean spend per repeat purchase day (0 when frequency is 0). */
  monetaryValue: number;
}

/** cdnow_customers_summary_with_transactions.csv (x, t_x, T identical to cdnow_customers_summary.csv). */
export function cdnowSummary(): CdnowSummaryRow[] {
  return read("cdnow_customers_summary_with_transactions.csv").trim().split(/\r?\n/).slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(",").map(Number) as [number, number, number, number, number];
    return { id, frequency: x, recency: tx, T, monetaryValue: zbar };
  });
}

/** cdnow_customers_summary.csv. */
export function cdnowSummaryPlain(): Array<{ id: number; frequency: number; recency: number; T: number }> {
  return read("cdnow_customers_summary.csv").trim().split(/\r?\n/).slice(1).map((line) => {
    const [id, frequency, recency, T] = line.split(",").map(Number) as [number, number, number, number];
    return { id, frequency, recency, T };
  });
}
