// The page's computations, apart from the page, so that scripts/check-browser.mjs
// can run exactly this code in Node too. It imports the library's ESM build.
//
// In your own app, import the package instead of the build:
//   with a bundler (Vite, esbuild, webpack):  import { cohortMatrix } from "retention-metrics";
//   straight from a CDN that serves npm packages as ES modules, for example
//     import { cohortMatrix } from "https://esm.sh/retention-metrics";
//     import { cohortMatrix } from "https://cdn.jsdelivr.net/npm/retention-metrics/+esm";
// The layer entries keep the page to what it uses: the root entry also carries the lifetime-value
// models, whose special functions come from CommonJS packages a browser cannot load unbundled.
import { periodSummary } from "../../dist/activity/index.js";
import { cohortMatrix } from "../../dist/cohorts/index.js";
import { eventTable } from "../../dist/events/index.js";
import { cohortHeatmapSvg } from "../../dist/render/index.js";

/** Rows of a `customer_id,ordered_at,amount` CSV file (with its header line). */
export function parseOrders(csv) {
  return csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [customerId, at, amount] = line.split(",");
      return { customerId, at, amount };
    });
}

/**
 * Everything the page shows, from the text of orders.csv: the monthly cohort
 * heatmap (an SVG string) and a month-by-month summary. `to` is the end of
 * the data (exclusive): periods that end after it are incomplete.
 */
export function retentionReport(csv, { to }) {
  const orders = eventTable(parseOrders(csv));
  const cohorts = cohortMatrix(orders, { period: "month", to });
  // A shop's customers do not buy every month: a customer is current while they bought in the last 3 months.
  const months = periodSummary(orders, { period: "month", activeWindow: 3, to });
  return {
    orders: orders.length,
    customers: orders.customerCount,
    heatmapSvg: cohortHeatmapSvg(cohorts),
    oneMonthRetention: cohorts.average[1] ?? null,
    months: months.map((m) => ({
      month: m.period.key,
      active: m.activeCustomers,
      new: m.newCustomers,
      retention: m.retentionRate,
      churn: m.churnRate,
      revenue: m.revenue.toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ","), // 2787.06 -> 2,787.06
    })),
  };
}

/** A rate as a percentage with one decimal, or a dash when there is nothing to measure. */
export function percent(rate) {
  return rate === null ? "–" : `${(100 * rate).toFixed(1)}%`;
}
