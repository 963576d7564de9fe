/**
 * The donation data of Fader, Hardie & Shang (2010), read in place from the shared reference data
 * (/work/shared/data/donations, copied from lifetimes' donations.csv; see its README): the 22
 * distinct histories of 11,104 first-time donors of 1995 over six yearly opportunities.
 */
import { readFileSync } from "node:fs";
import { sharedDataUrl } from "../../scripts/sharedData.ts";

/** The rows as fitBgBb reads them (lifetimes' `weights` column as `count`). */
export function donations(): Array<{ frequency: number; recency: number; periods: number; count: number }> {
  const text = readFileSync(new URL("donations.csv", sharedDataUrl("donations")), "utf8");
  return text.trim().split(/\r?\n/).slice(1).map((line) => {
    const [frequency, recency, periods, count] = line.split(",").map(Number) as [number, number, number, number];
    return { frequency, recency, periods, count };
  });
}
