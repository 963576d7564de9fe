/**
 * The picture `display` shows for each kind of result.
 *
 * @internal
 * @module
 */
import type { ActiveUsersResult } from "../activity/activeUsers.ts";
import type { PeriodSummaryRow } from "../activity/periodSummary.ts";
import type { RfmScores } from "../clv/rfmScores.ts";
import type { RevenueConcentrationResult } from "../revenue/revenueConcentration.ts";
import type { MrrMovementRow } from "../revenue/mrrMovements.ts";
import type { LifecycleRow } from "../activity/lifecycle.ts";
import { aliveHistorySvg } from "./aliveHistorySvg.ts";
import { barChartSvg } from "./barChartSvg.ts";
import type { FittedModel, TabularKind } from "./classify.ts";
import { cohortHeatmapSvg, excerptHeatmapSvg } from "./cohortHeatmapSvg.ts";
import { INK, PALETTE } from "./colors.ts";
import type { Decimal } from "../money.ts";
import { amount, capitalize, compact, fixed, significant, unitAdjective } from "./format.ts";
import { expectedPurchasesSvg } from "./expectedPurchasesSvg.ts";
import { holdoutCheckSvg, probabilityAliveSvg } from "./lifetimeValueSvg.ts";
import { periodTransactionsSvg } from "./periodTransactionsSvg.ts";
import { cumulativeTransactionsSvg } from "./cumulativeTransactionsSvg.ts";
import { escapeXml, heading, svgOpen, text, textWidth } from "./markup.ts";
import { retentionCurveSvg } from "./retentionCurveSvg.ts";

/** The picture of a result, and whether the HTML shows it (a model's card repeats its table, so not). */
export function pictureOf(x: TabularKind): { svg: string; inHtml: boolean } {
  const shown = (svg: string) => ({ svg, inHtml: true });
  switch (x.kind) {
    case "periodSummary":
      return shown(periodChart(x.rows));
    case "lifecycle":
      return shown(lifecycleChart(x.rows));
    case "mrrMovements":
      return shown(mrrChart(x.rows));
    case "rfmSummary": {
      const cap = 20;
      const counts = Array.from({ length: cap + 1 }, () => 0);
      for (const r of x.rows) counts[Math.min(cap, r.frequency)]! += 1;
      let last = cap;
      while (last > 1 && counts[last] === 0) last--;
      const categories = Array.from({ length: last + 1 }, (_, i) => (i === cap ? `${cap}+` : String(i)));
      return shown(barChartSvg({ title: "Customers by repeat purchases", subtitle: `${x.rows.length} customers of the RFM summary`, xLabel: "Frequency (repeat purchase days)", yLabel: "Customers", categories, series: [{ label: "customers", values: counts.slice(0, last + 1) }], yFormat: compact }));
    }
    case "emptyRows":
      return shown(emptyChart("No rows: nothing to draw"));
    case "cohortMatrix":
      return shown(x.excerpt === undefined ? cohortHeatmapSvg(x.matrix) : excerptHeatmapSvg(x.matrix, x.excerpt.total, x.excerpt.note));
    case "survivalCurve":
      return shown(x.curve.points.length === 0 ? emptyChart("Survival of customers: no complete period yet") : retentionCurveSvg(x.curve));
    case "activeUsers":
      return shown(activeUsersChart(x.result));
    case "lness": {
      const l = x.result;
      return shown(barChartSvg({ title: `L${l.days}: users by active days`, subtitle: `${l.activeUsers} users active in the ${l.days} days`, xLabel: "Active days in the window", yLabel: "Users", categories: l.histogram.map((b) => String(b.days)), series: [{ label: "users", values: l.histogram.map((b) => b.users) }], yFormat: compact }));
    }
    case "interPurchaseTimes": {
      const t = x.result;
      if (t.histogram.length === 0) return shown(emptyChart("Time between purchases: no customer with two purchases"));
      const edge = (v: number) => fixed(v, t.histogram.some((b) => !Number.isInteger(b.from)) ? 1 : 0);
      return shown(barChartSvg({ title: `Time between purchases (${t.unit}s)`, subtitle: `Median gap ${fixed(t.gaps.median, 1)} ${t.unit}s over ${t.gaps.count} gaps`, xLabel: `Gap (${t.unit}s, bin start)`, yLabel: "Gaps", categories: t.histogram.map((b) => edge(b.from)), series: [{ label: "gaps", values: t.histogram.map((b) => b.count) }], yFormat: compact }));
    }
    case "rfmScores":
      return shown(segmentChart(x.result));
    case "revenueConcentration":
      return shown(lorenzChart(x.result));
    case "holdoutCheck":
      return shown(holdoutCheckSvg(x.result));
    case "probabilityAliveMatrix":
      return shown(probabilityAliveSvg(x.result));
    case "periodTransactions":
      return shown(periodTransactionsSvg(x.rows));
    case "cumulativeTransactions":
      return shown(cumulativeTransactionsSvg(x.rows));
    case "expectedPurchasesMatrix":
      return shown(expectedPurchasesSvg(x.result));
    case "aliveHistory":
      return shown(aliveHistorySvg(x.result));
    case "model":
      return { svg: modelCard(x.model), inHtml: false };
  }
}

/** Retention and churn per period of a period summary. */
function periodChart(rows: readonly PeriodSummaryRow[]): string {
  if (!rows.some((r) => r.retentionRate !== null)) return emptyChart("Period summary: no complete period with customers at its start");
  const series = (label: string, pick: (r: PeriodSummaryRow) => number | null) => ({ label, points: rows.map((r, i) => ({ x: i, y: pick(r) })) });
  return retentionCurveSvg(
    [series("retained / S", (r) => r.retentionRate), series("CRR (E - N) / S", (r) => r.customerRetentionRate), series("churn", (r) => r.churnRate)],
    { title: "Retention and churn per period", xLabel: "Period", yLabel: "Share of customers at the start", yFormat: "percent", xTickLabel: (i) => rows[i]?.period.key ?? "" },
  );
}

/** Growth accounting: returning, new and resurrecting up, dormant down. */
function lifecycleChart(rows: readonly LifecycleRow[]): string {
  const pick = (f: (r: LifecycleRow) => number) => rows.map(f);
  return barChartSvg({
    title: `${capitalize(unitAdjective(rows[0]!.period.unit))} lifecycle of active customers`,
    subtitle: "Returning, new and resurrecting customers up; customers gone dormant down",
    xLabel: "Period",
    yLabel: "Customers",
    categories: rows.map((r) => r.period.key),
    series: [
      { label: "returning", values: pick((r) => r.returning), colour: PALETTE[0] },
      { label: "new", values: pick((r) => r.new), colour: PALETTE[2] },
      { label: "resurrecting", values: pick((r) => r.resurrecting), colour: PALETTE[4] },
      { label: "dormant", values: pick((r) => r.dormant), colour: PALETTE[1] },
    ],
    yFormat: compact,
  });
}

/** MRR movements per period: gains up, losses down. */
function mrrChart(rows: readonly MrrMovementRow[]): string {
  const pick = (f: (r: MrrMovementRow) => Decimal, sign = 1) => rows.map((r) => sign * amount(f(r)));
  return barChartSvg({
    title: `${capitalize(unitAdjective(rows[0]!.period.unit))} MRR movements`,
    subtitle: "New, expansion and reactivation MRR up; contraction and churned MRR down",
    xLabel: "Period",
    yLabel: "MRR",
    categories: rows.map((r) => r.period.key),
    series: [
      { label: "new", values: pick((r) => r.newMrr), colour: PALETTE[2] },
      { label: "expansion", values: pick((r) => r.expansionMrr), colour: PALETTE[0] },
      { label: "reactivation", values: pick((r) => r.reactivationMrr), colour: PALETTE[5] },
      { label: "contraction", values: pick((r) => r.contractionMrr, -1), colour: PALETTE[4] },
      { label: "churned", values: pick((r) => r.churnedMrr, -1), colour: PALETTE[1] },
    ],
    yFormat: compact,
  });
}

function activeUsersChart(x: ActiveUsersResult): string {
  if (x.days.length === 0) return emptyChart("Active users: no day to show");
  const series = (label: string, pick: (d: ActiveUsersResult["days"][number]) => number) => ({ label, points: x.days.map((d, i) => ({ x: i, y: pick(d) })) });
  return retentionCurveSvg([series("MAU", (d) => d.mau), series("WAU", (d) => d.wau), series("DAU", (d) => d.dau)], {
    title: "Daily, weekly and monthly active users",
    xLabel: "Day",
    yLabel: "Active users",
    yFormat: "number",
    xTickLabel: (i) => x.days[i]?.day.key ?? "",
  });
}

function segmentChart(x: RfmScores): string {
  const entries = Object.entries(x.segments).sort((a, b) => b[1] - a[1]);
  return barChartSvg({ title: "Customers by RFM segment", subtitle: `${x.rows.length} customers, scores 1 to ${x.bins}`, xLabel: "Segment", yLabel: "Customers", categories: entries.map(([s]) => s), series: [{ label: "customers", values: entries.map(([, n]) => n) }], yFormat: compact });
}

function lorenzChart(x: RevenueConcentrationResult): string {
  if (x.lorenz.length === 0) return emptyChart("Revenue concentration: no revenue");
  return retentionCurveSvg(
    [
      { label: `Lorenz curve (Gini ${fixed(x.gini, 2)})`, points: x.lorenz.map((p) => ({ x: 100 * p.customerShare, y: p.revenueShare })) },
      { label: "equal revenue per customer", points: [{ x: 0, y: 0 }, { x: 100, y: 1 }] },
    ],
    { title: "Revenue concentration", xLabel: "Share of customers, least revenue first", yLabel: "Share of revenue", yFormat: "percent", xTickLabel: (v) => `${v}%` },
  );
}

/** A model's parameters and fit, as a small card. */
function modelCard(m: FittedModel): string {
  const params = Object.entries(m.params).filter(([, v]) => typeof v === "number") as Array<[string, number]>;
  const lines = [params.map(([k, v]) => `${k} = ${significant(v)}`).join(", "), `log-likelihood ${m.logLikelihood.toFixed(2)}; ${m.iterations} iterations; ${m.converged ? "converged" : "not converged"}`];
  const title = `${m.model} model fit`;
  const width = Math.max(320, 40 + Math.max(textWidth(title, 16), ...lines.map((l) => textWidth(l, 13))));
  return svgOpen(width, 96, title) + heading(20, title) + lines.map((l, i) => text(20, 58 + i * 20, l, { "font-size": 13, fill: INK.text })).join("") + "</svg>";
}

/** A small SVG saying there is nothing to draw. */
export function emptyChart(message: string): string {
  const escaped = escapeXml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="60" viewBox="0 0 480 60"><title>${escaped}</title><text x="12" y="34" font-size="13" fill="${INK.muted}">${escaped}</text></svg>`;
}
