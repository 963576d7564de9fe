// The page: loads the sample orders, computes the report (report.js) and draws it.
import { percent, retentionReport } from "./report.js";

const status = document.getElementById("status");
try {
  const data = "../data/orders.csv";
  const response = await fetch(data);
  if (!response.ok) throw new Error(`${data}: HTTP ${response.status}`);
  // The sample data covers 2024: `to` is the first instant of 2025, so December is complete.
  const report = retentionReport(await response.text(), { to: "2025-01-01T00:00:00Z" });

  // The library's SVG is self-contained and escapes every text it prints.
  document.getElementById("heatmap").innerHTML = report.heatmapSvg;

  const body = document.querySelector("#summary tbody");
  for (const m of report.months) {
    const row = body.insertRow();
    for (const value of [m.month, m.active, m.new, percent(m.retention), percent(m.churn), m.revenue]) {
      row.insertCell().textContent = String(value);
    }
  }
  status.textContent =
    `${report.orders.toLocaleString("en-US")} orders from ${report.customers} customers in 2024. ` +
    `One month after their first order, ${percent(report.oneMonthRetention)} of customers buy again.`;
  document.body.dataset.status = "ready";
} catch (error) {
  status.textContent = `Could not draw the report: ${error.message}`;
  status.className = "error";
  document.body.dataset.status = "error";
  throw error;
}
