/**
 * Lifetime-value models: BG/NBD on CDNOW (target < 100 ms) and on a summary of
 * one million customers (target < 2 s; MBG/NBD the same), BG/BB on the donation data
 * (target < 50 ms), with the other fits and rfmSummary for
 * scale. The million-customer summaries are drawn from the BG/NBD story with
 * CDNOW's parameters and ages: one with recency and T in whole days (as
 * rfmSummary gives them, so identical histories repeat), one with continuous
 * times (every history distinct, the worst case).
 * Run: `node --expose-gc --import tsx bench/clv.ts`.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { fitBgBb } from "../src/clv/bgBb.ts";
import { fitBgNbd } from "../src/clv/bgNbd.ts";
import { fitModifiedBgNbd } from "../src/clv/modifiedBgNbd.ts";
import { fitShiftedBetaGeometric } from "../src/clv/shiftedBetaGeometric.ts";
import { fitGammaGamma } from "../src/clv/gammaGamma.ts";
import { groupHistories, readHistories, type RfmColumns } from "../src/clv/histories.ts";
import { fitParetoNbd } from "../src/clv/paretoNbd.ts";
import { bgNbdLogLikelihoodOf, BG_NBD_PARAMS } from "../src/clv/bgNbdLikelihood.ts";
import { paretoNbdLogLikelihoodOf, PARETO_NBD_PARAMS } from "../src/clv/paretoNbdLikelihood.ts";
import { observedCovariance } from "../src/stats/hessian.ts";
import { predictLifetimeValue } from "../src/clv/predictLifetimeValue.ts";
import { rfmSummary } from "../src/clv/rfmSummary.ts";
import { simulateBgNbd } from "../src/clv/simulate.ts";
import { eventTable } from "../src/events/eventTable.ts";
import { syntheticOrders } from "./generate.ts";
import { measure, report, type Measurement } from "./lib.ts";
import { sharedDataUrl } from "../scripts/sharedData.ts";

const CDNOW = sharedDataUrl("cdnow");

/** The donation data of Fader, Hardie & Shang (2010): 22 distinct histories of 11,104 donors (lifetimes' weights as counts). */
function donations() {
  const text = readFileSync(new URL("donations.csv", sharedDataUrl("donations")), "utf8");
  return text.trim().split(/\r?\n/).slice(1).map((line) => {
    const [frequency, recency, periods, count] = line.split(",").map(Number) as [number, number, number, number];
    return { frequency, recency, periods, count };
  });
}

function cdnow() {
  const lines = readFileSync(new URL("CDNOW_sample.txt", CDNOW), "utf8").trim().split(/\r?\n/);
  const rows = lines.map((line) => {
    const [, id, date, , amount] = line.trim().split(/\s+/) as [string, string, string, string, string];
    return { customerId: Number(id), at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, amount };
  });
  return rows;
}

/** A million customers with CDNOW's parameters, first purchases over 12 weeks and a 39-week calibration. */
function millionSummary(wholeDays: boolean): RfmColumns {
  const n = 1_000_000;
  const ageDays = Array.from({ length: n }, (_, i) => 273 - (i % 84));
  const simulated = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { customers: n, T: ageDays.map((d) => d / 7), seed: 2005 });
  const day = (weeks: number) => (wholeDays ? Math.floor(weeks * 7) / 7 : weeks);
  return {
    frequency: Float64Array.from(simulated, (c) => c.frequency),
    recency: Float64Array.from(simulated, (c) => (c.frequency === 0 ? 0 : day(c.recency))),
    T: Float64Array.from(simulated, (c) => c.T),
  };
}

export async function benchClv(): Promise<Measurement[]> {
  const transactions = cdnow();
  const summary = rfmSummary(transactions, { observationEnd: "1997-09-30", timeUnit: "week" });
  const table = eventTable(transactions);
  const gifts = donations();
  const small: Measurement[] = [
    await measure("fitBgNbd, CDNOW (2,357 customers)", () => fitBgNbd(summary), 21),
    await measure("fitParetoNbd, CDNOW", () => fitParetoNbd(summary), 7),
    await measure("fitModifiedBgNbd, CDNOW", () => fitModifiedBgNbd(summary), 21),
    await measure("fitBgBb, donations (11,104 donors, 22 histories; target < 50 ms)", () => fitBgBb(gifts), 21),
    await measure("fitShiftedBetaGeometric, one cohort of 8 years", () => fitShiftedBetaGeometric([1000, 631, 468, 382, 326, 289, 262, 241]), 21),
    await measure("fitGammaGamma, CDNOW (946 repeat buyers)", () => fitGammaGamma(summary), 21),
    await measure("rfmSummary, CDNOW (6,919 events, from an EventTable)", () => rfmSummary(table, { observationEnd: "1997-09-30", timeUnit: "week" }), 21),
  ];
  const bg = fitBgNbd(summary);
  const gg = fitGammaGamma(summary);
  // The standard errors alone (the observed information and its inverse, which every fit now includes):
  // the bar is under 2x the fit's own time.
  const histories = groupHistories(readHistories(summary));
  const pareto = fitParetoNbd(summary);
  const thetaBg = Float64Array.from(Object.keys(BG_NBD_PARAMS), (k) => bg.params[k as keyof typeof bg.params]);
  const thetaPareto = Float64Array.from(Object.keys(PARETO_NBD_PARAMS), (k) => pareto.params[k as keyof typeof pareto.params]);
  small.push(await measure("standard errors alone, BG/NBD CDNOW (analytic gradient)", () => observedCovariance((t, g) => bgNbdLogLikelihoodOf(histories, t, g), thetaBg, true), 21));
  small.push(await measure("standard errors alone, Pareto/NBD CDNOW (values only)", () => observedCovariance((t) => paretoNbdLogLikelihoodOf(histories, t), thetaPareto, false), 7));
  small.push(await measure("predictLifetimeValue, CDNOW, 52 weekly periods", () => predictLifetimeValue({ purchases: bg, spend: gg }, summary, { horizon: 52, discountRate: 0.002 }), 7));
  small.push(await measure("predictLifetimeValue, CDNOW, 52 periods, 200-draw bootstrap interval", () => predictLifetimeValue({ purchases: bg, spend: gg }, summary, { horizon: 52, discountRate: 0.002, interval: true, method: "bootstrap", draws: 200 }), 3));
  small.push(await measure("predictLifetimeValue, CDNOW, 52 periods, delta interval", () => predictLifetimeValue({ purchases: bg, spend: gg }, summary, { horizon: 52, discountRate: 0.002, interval: true }), 3));
  report("Lifetime-value models on CDNOW (ratios against fitBgNbd)", small);
  console.log(`  BG/NBD on CDNOW: r ${bg.params.r.toFixed(4)}, alpha ${bg.params.alpha.toFixed(4)}, a ${bg.params.a.toFixed(4)}, b ${bg.params.b.toFixed(4)}, LL ${bg.logLikelihood.toFixed(3)}, ${bg.iterations} iterations`);

  const large: Measurement[] = [];
  for (const wholeDays of [true, false]) {
    const columns = millionSummary(wholeDays);
    const distinct = groupHistories(readHistories(columns)).count;
    const label = wholeDays ? "times in whole days" : "continuous times";
    large.push(await measure(`fitBgNbd, 1M customers, ${label} (${distinct.toLocaleString("en-US")} distinct)`, () => fitBgNbd(columns), 5));
    if (wholeDays) large.push(await measure(`fitModifiedBgNbd, 1M customers, ${label} (target < 2 s)`, () => fitModifiedBgNbd(columns), 5));
    const m = fitBgNbd(columns);
    console.log(`  ${label}: r ${m.params.r.toFixed(4)}, alpha ${m.params.alpha.toFixed(3)}, a ${m.params.a.toFixed(3)}, b ${m.params.b.toFixed(3)}, ${m.iterations} iterations`);
  }
  const rows = Array.from({ length: 1_000_000 }, (_, i) => ({ frequency: i % 5 === 0 ? 1 : 0, recency: i % 5 === 0 ? (i % 200) / 7 : 0, T: 38 + (i % 7) / 7 }));
  large.push(await measure("readHistories + groupHistories, 1M row objects", () => groupHistories(readHistories(rows)), 5));
  const orders = syntheticOrders(1_000_000);
  const ordersTable = eventTable({ customerId: orders.customerId, at: orders.at, amount: orders.amount });
  large.push(await measure(`rfmSummary, 1M events (${orders.customers.toLocaleString("en-US")} customers), weeks`, () => rfmSummary(ordersTable, { timeUnit: "week" }), 5));
  report("At a million customers (ratios against the first)", large);
  return [...small, ...large];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchClv();
}
