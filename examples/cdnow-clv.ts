/**
 * Customer lifetime value on CDNOW, end to end: from the raw orders of the
 * 2,357 customers of Fader, Hardie & Lee (2005) to each customer's predicted
 * lifetime value. Calibrates on the first 39 weeks (1997-01-01 .. 1997-09-30),
 * checks the predictions against the next 39 weeks (to 1998-06-30), and shows
 * the steps a data analyst would take: historic value by cohort, the RFM
 * summary and segments, the formula CLV, the three models, P(alive) and the
 * discounted lifetime value.
 *
 * Data: /work/shared/data/cdnow/CDNOW_sample.txt (read in place).
 * Run with `npx tsx examples/cdnow-clv.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import {
  aliveHistory,
  aliveHistorySvg,
  eventTable,
  expectedPurchasesMatrix,
  expectedPurchasesSvg,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  formulaLifetimeValue,
  historicLifetimeValue,
  holdoutCheck,
  holdoutCheckSvg,
  periodTransactions,
  periodTransactionsSvg,
  predictLifetimeValue,
  probabilityAliveMatrix,
  probabilityAliveSvg,
  rfmScores,
  rfmSummary,
} from "retention-metrics";
import { sharedDataUrl } from "../scripts/sharedData.ts";

const file = new URL("CDNOW_sample.txt", sharedDataUrl("cdnow"));
const pad = (x: unknown, width: number) => String(x).padStart(width);
const fixed = (x: number, digits = 3) => x.toFixed(digits);

// 1. Orders: "customer  sample-id  YYYYMMDD  cds  dollars" per line.
const orders = readFileSync(file, "utf8").trim().split(/\r?\n/).map((line) => {
  const [, id, date, , amount] = line.trim().split(/\s+/) as [string, string, string, string, string];
  return { customerId: Number(id), at: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, amount };
});
const table = eventTable(orders); // normalised once, used by every analysis below
console.log(`CDNOW: ${table.length} orders of ${table.customerCount} customers, 1997-01-01 to 1998-06-30\n`);

// 2. What customers have actually brought so far, by the month they first bought.
const historic = historicLifetimeValue(table, { cohortPeriod: "month", margin: 0.3 });
console.log("Historic value by acquisition cohort (30% margin, through 1998-06-30)");
for (const c of historic.cohorts) {
  console.log(`  ${c.cohort}  ${pad(c.customers, 5)} customers  revenue $${pad(c.revenue.toFixed(2), 9)}  value per customer $${c.valuePerCustomer.toFixed(2)}`);
}

// 3. The RFM summary: 39 weeks of calibration, 39 weeks of holdout, times in weeks.
const summary = rfmSummary(table, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "week" });
const repeaters = summary.filter((r) => r.frequency > 0).length;
console.log(`\nRFM summary: ${summary.length} customers, ${repeaters} bought again in the calibration period`);
console.log("  id  frequency  recency      T  monetary  | holdout purchases  value");
for (const r of summary.slice(0, 5)) {
  console.log(`${pad(r.customerId, 4)}  ${pad(r.frequency, 9)}  ${pad(fixed(r.recency, 2), 7)}  ${pad(fixed(r.T, 2), 5)}  ${pad(r.monetaryValue!.toFixed(2), 8)}  | ${pad(r.frequencyHoldout, 17)}  ${r.monetaryValueHoldout!.toFixed(2)}`);
}

// 4. RFM scores and segments.
const scores = rfmScores(summary);
console.log("\nRFM segments (quintile scores on the R x F grid)");
for (const [segment, n] of Object.entries(scores.segments).sort((a, b) => b[1] - a[1])) console.log(`  ${segment.padEnd(20)} ${pad(n, 5)}`);

// 5. The metric sheet's simple CLV with inputs from the summary: 3 years, 30% margin.
const formula = formulaLifetimeValue(summary, { lifespan: 3, periodLength: 52, margin: 0.3 });
console.log(
  `\nFormula CLV: AOV $${formula.averageOrderValue!.toFixed(2)} x ${fixed(formula.purchaseFrequency!, 2)} repeat purchases a year x 3 years x 30%` +
    ` = $${formula.customerLifetimeValue!.toFixed(2)} per customer (every customer at the average rate for 3 years)`,
);

// 6. The models, against the published estimates.
const bg = fitBgNbd(summary);
const pareto = fitParetoNbd(summary);
const spend = fitGammaGamma(summary);
console.log("\nModels fitted on the calibration period (published values in brackets)");
const { r, alpha, a, b } = bg.params;
console.log(`  BG/NBD      r ${fixed(r)} [0.243]  alpha ${fixed(alpha)} [4.414]  a ${fixed(a)} [0.793]  b ${fixed(b)} [2.426]  LL ${bg.logLikelihood.toFixed(1)} [-9582.4]`);
const pp = pareto.params;
console.log(`  Pareto/NBD  r ${fixed(pp.r)} [0.553]  alpha ${fixed(pp.alpha)} [10.578]  s ${fixed(pp.s)} [0.606]  beta ${fixed(pp.beta)} [11.669]  LL ${pareto.logLikelihood.toFixed(1)} [-9595.0]`);
const sp = spend.params;
console.log(`  Gamma-Gamma p ${fixed(sp.p, 2)} [6.25]  q ${fixed(sp.q, 2)} [3.74]  gamma ${fixed(sp.gamma, 2)} [15.44]  LL ${spend.logLikelihood.toFixed(1)} [-4055.9], on ${spend.customers} repeat buyers`);

// 7. What the models say about individual customers.
console.log("\nCustomer 1 (2 repeat purchases, the last at week 30.43, seen for 38.86 weeks)");
const one = summary[0]!;
console.log(`  P(alive): BG/NBD ${fixed(bg.probabilityAlive(one))}, Pareto/NBD ${fixed(pareto.probabilityAlive(one))}`);
console.log(`  expected purchases in the next 39 weeks: BG/NBD ${fixed(bg.conditionalExpectedPurchases(39, one))} (the paper: 1.226), actual ${one.frequencyHoldout}`);
console.log(`  expected value of a purchase: $${spend.expectedAverageValue(one).toFixed(2)} (own mean $${one.monetaryValue!.toFixed(2)})`);

// 8. Calibration/holdout check (as in the paper's section 5).
console.log("\nHoldout purchases per customer by calibration frequency: actual, BG/NBD, Pareto/NBD");
const checkBg = holdoutCheck(bg, summary);
const checkPareto = holdoutCheck(pareto, summary);
checkBg.rows.forEach((row, k) => {
  console.log(`  x = ${row.label.padEnd(3)} ${pad(row.customers, 5)} customers  ${fixed(row.actual!, 2)}  ${fixed(row.predicted!, 2)}  ${fixed(checkPareto.rows[k]!.predicted!, 2)}`);
});
console.log(`  ${"all".padEnd(7)} ${pad(summary.length, 5)} customers  ${checkBg.actualTotal} purchase days; predicted ${checkBg.predictedTotal.toFixed(0)} and ${checkPareto.predictedTotal.toFixed(0)}`);

// 9. P(alive) over frequency and recency for customers seen 39 weeks: a heavy buyer gone quiet is likely lost.
const grid = probabilityAliveMatrix(bg, { T: 39, maxFrequency: 10, recencySteps: 13 });
console.log("\nBG/NBD P(alive) at T = 39 weeks; rows frequency 0..10, columns recency 0..39 weeks in steps of 3");
const shade = (p: number | null) => (p === null ? "  ." : pad(Math.round(p * 100), 3));
for (const f of grid.frequencies) console.log(`  ${pad(f, 2)} ${grid.values[f]!.map(shade).join(" ")}`);

// 10. Predicted lifetime value: the next 52 weeks, 30% margin, 10% a year discount (weekly rate).
const weekly = 1.1 ** (1 / 52) - 1;
const clv = predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 52, discountRate: weekly, margin: 0.3 });
const top = [...clv.customers].sort((x, y) => y.lifetimeValue.comparedTo(x.lifetimeValue)).slice(0, 5);
console.log(`\nPredicted 52-week value at 30% margin, 10%/year discount: $${clv.total.toFixed(0)} in all, ${clv.expectedPurchases.toFixed(0)} purchases`);
for (const c of top) {
  console.log(`  customer ${pad(c.customerId, 4)}  ${fixed(c.expectedPurchases, 2)} purchases x $${c.expectedAverageValue.toFixed(2)}  -> $${c.lifetimeValue.toFixed(2)}`);
}

// And against what happened: the holdout's revenue from the 39 weeks after calibration, undiscounted, no margin.
const holdout = predictLifetimeValue({ purchases: bg, spend }, summary, { horizon: 39, discountRate: 0 });
const actual = summary.reduce((s, r) => s + r.frequencyHoldout * r.monetaryValueHoldout!.toNumber(), 0);
console.log(`\nHoldout check of value: predicted $${holdout.total.toFixed(0)} of revenue in the 39 holdout weeks, actual $${actual.toFixed(0)}`);

// 9. The two pictures of the models, written next to the other example outputs.
const out = new URL("./output/", import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL("cdnow-holdout.svg", out), holdoutCheckSvg(checkBg, { title: "CDNOW: holdout purchases by calibration frequency (BG/NBD)" }));
writeFileSync(new URL("cdnow-p-alive.svg", out), probabilityAliveSvg(grid, { title: "CDNOW: probability alive at T = 39 weeks (BG/NBD)" }));

// 11. Three more checks and pictures: customers by repeat purchases against the model (Fader, Hardie & Lee
// 2005, figure 1), the next 13 weeks' expected purchases over frequency x recency, and one heavy buyer's
// P(alive) through calibration and holdout as the model would have seen it at each day.
const period = periodTransactions(bg, summary);
console.log("\nCustomers by repeat purchases in the 39 weeks: actual and BG/NBD expected");
for (const row of period) console.log(`  x = ${row.label.padEnd(3)} ${pad(row.actual, 5)}  ${pad(row.expected.toFixed(1), 7)}`);
const ahead = expectedPurchasesMatrix(bg, { T: 39, t: 13, maxFrequency: 10, recencySteps: 13 });
const buyer = 509;
const days = orders.filter((o) => o.customerId === buyer).map((o) => o.at);
const history = aliveHistory(bg, days, { T: 78, timeUnit: "week", steps: 546 });
console.log(`Customer ${buyer}: ${history.purchases.length} purchase days in 78 weeks; P(alive) at the end ${history.points.at(-1)!.probabilityAlive.toFixed(3)}`);
writeFileSync(new URL("cdnow-period-transactions.svg", out), periodTransactionsSvg(period, { title: "CDNOW: customers by repeat purchases in 39 weeks (BG/NBD)" }));
writeFileSync(new URL("cdnow-expected-purchases.svg", out), expectedPurchasesSvg(ahead, { title: "CDNOW: expected purchases in the next 13 weeks (BG/NBD)", timeUnit: "week" }));
writeFileSync(new URL("cdnow-alive-history.svg", out), aliveHistorySvg(history, { title: `CDNOW customer ${buyer}: P(alive) over 78 weeks (BG/NBD)`, timeUnit: "week" }));
console.log("\nWrote examples/output/cdnow-{holdout,p-alive,period-transactions,expected-purchases,alive-history}.svg");
