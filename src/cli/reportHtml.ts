/**
 * `report.html`: one self-contained page (inline CSS and SVG, no script, no
 * external resource) with the summary, the period summary, the cohort
 * heatmap, the retention and survival curves, revenue concentration and,
 * with amounts, the lifetime-value models.
 *
 * @module
 */
import { cohortHeatmapSvg, display, probabilityAliveSvg, retentionCurveSvg } from "../render/index.ts";
import { rfmStatistics, topCustomers } from "./figures.ts";
import { count, fixed, instant, money, percent } from "./format.ts";
import { escapeHtml, figure, paragraph, section, table } from "./html.ts";
import { CLV_SETTINGS, isFailed, type FailedFit, type ReportData } from "./report.ts";

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1d2330; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: #555e6e; }
nav { margin: 14px 0 6px; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; }
nav a { color: #0b5cad; text-decoration: none; }
nav a:hover { text-decoration: underline; }
section { background: #fff; border: 1px solid #e1e4ea; border-radius: 8px; padding: 16px 20px; margin: 16px 0; overflow-x: auto; }
section h2 { margin: 0 0 10px; font-size: 18px; }
section h3 { margin: 18px 0 8px; font-size: 15px; }
p { margin: 6px 0; }
p.note { color: #555e6e; font-size: 13px; max-width: 900px; }
p.warning { background: #fff4e5; border-left: 4px solid #e69f00; padding: 8px 12px; }
figure { margin: 10px 0; }
figure svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 6px 0; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
th, td { padding: 3px 9px; border-bottom: 1px solid #e5e7eb; text-align: left; white-space: nowrap; }
th { border-bottom: 2px solid #9aa1ad; font-weight: 600; white-space: normal; vertical-align: bottom; max-width: 120px; }
.num { text-align: right; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; }
.card { border: 1px solid #e1e4ea; border-radius: 6px; padding: 10px 12px; background: #fbfcfd; }
.card .label { color: #555e6e; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.card .value { font-size: 22px; font-weight: 600; margin-top: 2px; }
.card .detail { color: #555e6e; font-size: 12px; }
.given { color: #0b5cad; }
.row { display: flex; flex-wrap: wrap; gap: 8px 40px; align-items: flex-start; }
footer { color: #707888; font-size: 12px; margin-top: 24px; }
`;

function card(label: string, value: string, detail: string): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="detail">${escapeHtml(detail)}</div></div>`;
}

function failure(what: string, failed: FailedFit, consequence: string): string {
  return paragraph(`The ${what} could not be fitted: ${failed.error.message} ${consequence}`, "warning");
}

/**
 * Retention and churn per period (both within 0..100%; the classic rate, which can exceed 100%, is in
 * the table), or a note when no period has a rate.
 */
function periodChart(data: ReportData, picture: (svg: string) => string): string {
  const rows = data.periodSummary;
  if (!rows.some((r) => r.retentionRate !== null)) return paragraph("No complete period has customers at its start: there are no rates to draw.", "warning");
  const series = (label: string, pick: (r: (typeof rows)[number]) => number | null) => ({ label, points: rows.map((r, i) => ({ x: i, y: pick(r) })) });
  const unit = data.options.period;
  return picture(
    retentionCurveSvg([series("retention (retained / S)", (r) => r.retentionRate), series("churn (lost / S)", (r) => r.churnRate)], {
      title: `Retention and churn per ${unit}`,
      xLabel: unit === "isoWeek" ? "ISO week" : `${unit[0]!.toUpperCase()}${unit.slice(1)}`,
      yLabel: "Share of the customers at the start",
      yFormat: "percent",
      xTickLabel: (x) => (Number.isInteger(x) ? (rows[x]?.period.key ?? "") : ""),
    }),
  );
}

/**
 * The HTML page of the report.
 *
 * @param data - {@link buildReport}'s result
 * @returns the whole document, `<!doctype html>` first
 */
export function reportHtml(data: ReportData): string {
  // Each picture's ids get their own prefix, so no two pictures share one.
  let pictures = 0;
  const picture = (svg: string): string => figure(svg, `p${++pictures}-`);
  const { summary, options } = data;
  const unit = options.period;
  const zone = options.timeZone;
  const lv = data.lifetimeValue;
  const prediction = lv !== null && lv.prediction !== null && !isFailed(lv.prediction) ? lv.prediction : null;
  const last = summary.lastComplete;

  const sections: Array<{ id: string; title: string; html: string }> = [];

  // Summary.
  const cards = [
    card("Customers", count(summary.customers), `with an event from ${instant(summary.firstEvent, zone).slice(0, 10)} to ${instant(summary.lastEvent, zone).slice(0, 10)}`),
    card("Events", count(summary.events), `${summary.periods} ${unit} periods (${data.periodSummary.filter((r) => r.complete).length} complete)`),
    card(
      "Retention",
      last === null ? "-" : percent(last.retentionRate),
      last === null ? "no complete period yet" : `${last.period.key}: ${count(last.retainedCustomers)} of ${count(last.customersAtStart)} customers stayed`,
    ),
    card("Revenue", summary.revenue === null ? "-" : money(summary.revenue), summary.revenue === null ? "the file has no amounts" : `${data.concentration === null ? "" : `Gini ${fixed(data.concentration.gini, 2)}`}`),
    card("Median lifetime", data.survival.medianLifetime === null ? "-" : `${data.survival.medianLifetime} ${unit}${data.survival.medianLifetime === 1 ? "" : "s"}`, data.survival.medianLifetime === null ? "survival never falls to 50%" : "Kaplan-Meier, first period to churn"),
  ];
  if (prediction !== null) cards.push(card(`Predicted value, ${CLV_SETTINGS.horizon} weeks`, money(prediction.total), `${money(prediction.customers.length === 0 ? null : prediction.total.dividedBy(prediction.customers.length))} per customer (BG/NBD + Gamma-Gamma)`));
  sections.push({ id: "summary", title: "Summary", html: `<div class="cards">${cards.join("")}</div>` });

  // Data: the columns chosen and what was read.
  const c = data.input.columns;
  const columnRow = (field: string, chosen: { name: string; by: string } | null, none: string) =>
    chosen === null ? [field, { text: none, className: "" }, ""] : [field, chosen.name, chosen.by === "given" ? { text: "given", className: "given" } : "detected by name"];
  sections.push({
    id: "data",
    title: "Data",
    html:
      table(["Field", "Column", "Chosen"], [columnRow("customer id", c.customerId, ""), columnRow("time", c.at, ""), columnRow("amount", c.amount, "(none: no amount column found)")], 3, `Columns of ${data.input.file} (${data.input.format})`) +
      paragraph(
        `${count(data.table.length)} events of ${count(data.table.customerCount)} customers read` +
          (data.table.span === null ? "" : `, from ${instant(new Date(data.table.span.first), zone)} to ${instant(new Date(data.table.span.last), zone)}`) +
          `. Span reported: ${instant(new Date(data.span.from), zone)} to ${instant(new Date(data.span.to), zone)} (exclusive)` +
          `; ${unit} periods in ${zone}${unit === "week" ? `, weeks starting on ${["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][options.weekStartsOn]}` : ""}.` +
          ` Other columns: ${data.input.columnNames.filter((n) => n !== c.customerId.name && n !== c.at.name && n !== c.amount?.name).map((n) => JSON.stringify(n)).join(", ") || "none"}.`,
        "note",
      ),
  });

  // Period summary.
  sections.push({
    id: "period-summary",
    title: "Period summary",
    html:
      paragraph(
        "Per period: active and new customers; S, the customers active in the period before, and E, those active in this one; retention = S customers active again / S; the classic rate (E - N) / S also counts reactivated customers; churn = 1 - retention. " +
          (data.periodSummary.some((r) => !r.complete) ? " A period that has not ended by the data's end is marked *: its rates are left blank." : ""),
        "note",
      ) +
      periodChart(data, picture) +
      // display's table of the rows; its picture is replaced by the chart above.
      display(data.periodSummary, { maxRows: 60 }).html.replace(/<svg[\s\S]*?<\/svg>/, ""),
  });

  // Cohorts.
  sections.push({
    id: "cohorts",
    title: "Cohorts",
    html:
      paragraph(`Each row: the customers first seen in one ${unit}; each cell: the share of them active k ${unit}s later. Hatched cells are periods that have not ended; the last row is the size-weighted average.`, "note") +
      picture(cohortHeatmapSvg(data.cohorts)),
  });

  // Retention curve.
  const hasAverage = data.cohorts.average.some((v) => v !== null);
  sections.push({
    id: "retention-curve",
    title: "Retention curve",
    html: hasAverage
      ? paragraph(`The average of the cohorts: the share of customers active k ${unit}s after their first, weighted by cohort size, with its ${Math.round((data.cohorts.confidence ?? 0.95) * 100)}% Wilson band.`, "note") +
        picture(retentionCurveSvg(data.cohorts, { title: `Retention by ${unit}s since first activity` }))
      : paragraph(`No cohort has a complete ${unit} yet: there is no retention curve to draw.`, "warning"),
  });

  // Survival curve.
  const s = data.survival;
  sections.push({
    id: "survival-curve",
    title: "Survival curve",
    html:
      s.points.length > 0
        ? paragraph(
            `Kaplan-Meier probability that a customer is still a customer k ${unit}s after their first (churned after ${s.churnAfter} inactive ${unit}${s.churnAfter === 1 ? "" : "s"}): ${count(s.customers)} customers, ${count(s.churned)} churned, ${count(s.censored)} still active at the end (censored). ` +
              (s.medianLifetime === null ? "Survival never falls to 50%." : `Median lifetime: ${s.medianLifetime} ${unit}${s.medianLifetime === 1 ? "" : "s"}.`),
            "note",
          ) + picture(retentionCurveSvg(s))
        : paragraph(`No customer was first seen in a complete ${unit}: there is no survival curve to draw.`, "warning"),
  });

  // Revenue concentration.
  const rc = data.concentration;
  sections.push({
    id: "revenue-concentration",
    title: "Revenue concentration",
    html:
      rc === null
        ? paragraph("The file has no amount column: revenue concentration needs amounts (name the column with --amount).", "warning")
        : rc.gini === null
          ? paragraph("Revenue in the span is 0: there is no concentration to measure.", "warning")
          : paragraph(
              `${rc.top.map((t, i) => `${i === 0 ? "The" : "the"} top ${+(t.fraction * 100).toFixed(2)}% of customers bring ${percent(t.share)} of revenue`).join("; ")}. Gini coefficient ${fixed(rc.gini, 3)}.`,
              "note",
            ) + display(rc).html.replace(/<svg[\s\S]*?<\/svg>/, (svg) => picture(svg)),
  });

  // Lifetime value.
  if (lv === null) {
    sections.push({
      id: "lifetime-value",
      title: "Customer lifetime value",
      html: paragraph("The file has no amount column: the RFM summary and the lifetime-value models (BG/NBD, Gamma-Gamma) need amounts (name the column with --amount).", "warning"),
    });
  } else {
    const st = rfmStatistics(lv.rfm);
    const parts: string[] = [];
    parts.push(
      paragraph(
        `RFM summary in weeks through ${lv.observationEnd} (purchases grouped by day): frequency = repeat purchase days, recency = weeks from the first purchase to the last, T = weeks from the first purchase to the end. ` +
          `The BG/NBD model (Fader, Hardie & Lee 2005) predicts purchases and whether a customer is still active; the Gamma-Gamma model, the value per purchase. ` +
          `Predicted value: the next ${CLV_SETTINGS.horizon} weeks, discounted ${percent(CLV_SETTINGS.yearlyDiscountRate, 0)} a year, as revenue (no margin).`,
        "note",
      ),
    );
    parts.push(
      table(
        ["Customers", "Repeat customers", "Mean frequency", "Max frequency", "Mean recency (weeks)", "Mean T (weeks)", "Mean repeat value"],
        [[count(st.customers), `${count(st.repeatCustomers)} (${percent(st.customers === 0 ? null : st.repeatCustomers / st.customers)})`, fixed(st.meanFrequency), String(st.maxFrequency), fixed(st.meanRecency, 1), fixed(st.meanT, 1), money(st.meanMonetaryValue)]],
        0,
        "RFM summary",
      ),
    );
    if (lv.rfm.length > 0) parts.push(picture(display(lv.rfm).svg));
    parts.push("<h3>Models</h3>");
    const models: string[] = [];
    if (isFailed(lv.purchases)) parts.push(failure("BG/NBD model", lv.purchases, "There is no P(alive) picture and no predicted value."));
    else models.push(display(lv.purchases).html);
    if (lv.spend !== null && isFailed(lv.spend)) parts.push(failure("Gamma-Gamma model", lv.spend, "There is no predicted value."));
    else if (lv.spend !== null) models.push(display(lv.spend).html);
    if (models.length > 0) parts.push(`<div class="row">${models.join("")}</div>`);
    if (lv.prediction !== null && isFailed(lv.prediction)) parts.push(paragraph(`The lifetime values could not be predicted: ${lv.prediction.error.message}`, "warning"));
    if (prediction !== null && !isFailed(lv.purchases)) {
      parts.push("<h3>Predicted lifetime value</h3>");
      parts.push(
        paragraph(
          `Over the next ${CLV_SETTINGS.horizon} weeks: ${fixed(prediction.expectedPurchases, 1)} purchases expected from ${count(prediction.customers.length)} customers, worth ${money(prediction.total)} (${money(prediction.customers.length === 0 ? null : prediction.total.dividedBy(prediction.customers.length))} per customer).`,
        ),
      );
      const top = topCustomers(lv.rfm, prediction, lv.purchases, CLV_SETTINGS.topCustomers);
      parts.push(
        table(
          ["Customer", "Frequency", "Recency (weeks)", "T (weeks)", "Mean repeat value", "P(alive)", `Purchases, ${CLV_SETTINGS.horizon} weeks`, "Value per purchase", "Predicted value"],
          top.map((t) => [String(t.customerId ?? "-"), String(t.frequency), fixed(t.recency, 1), fixed(t.T, 1), money(t.monetaryValue), percent(t.probabilityAlive), fixed(t.expectedPurchases, 2), money(t.expectedAverageValue), money(t.lifetimeValue)]),
          1,
          `The ${top.length} customers of highest predicted value`,
        ),
      );
    }
    if (lv.alive !== null) {
      parts.push("<h3>Probability alive</h3>");
      parts.push(paragraph(`P(alive) by the BG/NBD model for a customer first seen ${Number.isInteger(lv.alive.T) ? lv.alive.T : fixed(lv.alive.T, 1)} weeks before the end, by repeat purchases (rows) and the week of the last one (columns): a frequent buyer who has not bought for a while is probably gone.`, "note"));
      parts.push(picture(probabilityAliveSvg(lv.alive, { timeUnit: "week" })));
    }
    sections.push({ id: "lifetime-value", title: "Customer lifetime value", html: parts.join("") });
  }

  const title = `Retention report: ${data.input.file}`;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="retention-metrics report"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body><main>` +
    `<header><h1>Retention report</h1><p>${escapeHtml(`${data.input.file}: ${count(summary.events)} events of ${count(summary.customers)} customers, ${unit} periods in ${zone}`)}</p></header>` +
    `<nav>${sections.map((x) => `<a href="#${x.id}">${escapeHtml(x.title)}</a>`).join("")}</nav>\n` +
    sections.map((x) => section(x.id, x.title, x.html)).join("\n") +
    `\n<footer>Made by retention-metrics on ${escapeHtml(data.generatedAt.toISOString().slice(0, 16).replace("T", " "))} UTC; the same figures are in report.json. Definitions: docs/definitions.md of the retention-metrics package.</footer>` +
    `</main></body></html>\n`
  );
}
