import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { formatTable } from "../../src/render/formatTable.ts";
import { activeUsers } from "../../src/activity/activeUsers.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { small } from "./fixtures.ts";
import { everyKind, gammaGammaModel } from "./kinds.ts";

const to = "2024-05-01T00:00:00Z";

describe("formatTable", () => {
  it("prints a cohort matrix's rates with blanks for censored cells and an average row", () => {
    const text = formatTable(cohortMatrix(small, { to }));
    expect(text.split("\n").slice(0, 8)).toEqual([
      "Retention by monthly cohort",
      "cohort   size       0      1       2     3",
      "-------  ----  ------  -----  ------  ----",
      "2024-01     3  100.0%  33.3%   66.7%  0.0%",
      "2024-02     1  100.0%   0.0%  100.0%",
      "2024-03     0       -      -",
      "2024-04     0       -",
      "average     4  100.0%  25.0%   75.0%  0.0%",
    ]);
    expect(text).toContain("right-censored");
  });

  it("prints values: counts and exact revenue", () => {
    const revenue = formatTable(cohortMatrix(small, { to, measure: "revenue" }), { show: "values" });
    expect(revenue.split("\n")[3]).toBe("2024-01     3  60.00  20.00  35.00  0.00");
    expect(revenue).not.toMatch(/average/);
    const perCustomer = formatTable(cohortMatrix(small, { to, measure: "revenue" }));
    expect(perCustomer.split("\n")[0]).toBe("Revenue per customer by monthly cohort");
    expect(perCustomer.split("\n")[3]).toBe("2024-01     3  20.00  6.67  11.67  0.00");
    expect(perCustomer.split("\n")[7]).toBe("average     4  25.00  5.00  10.75  0.00");
  });

  it("prints a period summary, marking the incomplete period", () => {
    const text = formatTable(periodSummary(small));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Monthly period summary");
    expect(lines[1]).toMatch(/^period\s+active\s+new\s+S\s+E\s+retained\s+lost\s+reactiv\.\s+CRR \(E-N\)\/S\s+retained\/S\s+churn\s+orders\s+revenue\s+AOV$/);
    expect(lines[3]).toMatch(/^2024-01 +3 +3 +0 +3 +0 +0 +0 +- +- +- +3 +60\.00 +20\.00$/);
    expect(lines[6]).toMatch(/^2024-04\* /);
    expect(text).toContain("* period not complete");
  });

  it("prints a survival curve and each group", () => {
    const text = formatTable(survivalCurve(small, { to, groupBy: "cohort" }));
    const tables = text.split("\n\n");
    expect(tables).toHaveLength(3); // overall, 2024-01, 2024-02
    expect(tables[0]!.split("\n")[1]).toBe("offset  at risk  churned  censored  survival  std err  lower 95%  upper 95%");
    expect(tables[0]!.split("\n")[3]).toBe("     0        4        0         0    100.0%     0.0%     100.0%     100.0%");
    expect(tables[0]).toContain("4 customers, 4 churned, 0 censored; median lifetime 1 month.");
    expect(tables[0]!.split("\n")[4]).toBe("     1        4        3         0     25.0%    21.7%       0.9%      66.5%");
    expect(tables[2]).toContain("1 customer, 1 churned");
    expect(tables[1]!.split("\n")[0]).toContain(": 2024-01");
  });

  it("refuses what it cannot print", () => {
    expect(() => formatTable({} as never)).toThrow(InvalidInputError);
    expect(() => formatTable([{ a: 1 }] as never)).toThrow(/periodSummary/);
    expect(() => formatTable(cohortMatrix(small), { show: "both" as never })).toThrow(/show/);
    expect(formatTable([]).split("\n")[0]).toBe("No rows");
    expect(() => formatTable(cohortMatrix(small), { maxRows: 0 })).toThrow(/maxRows/);
  });
});

describe("formatTable: the other results", () => {
  const k = everyKind();

  it("prints growth accounting: dormant customers negative, the quick ratio", () => {
    expect(formatTable(k.lifecycle).split("\n").slice(0, 7)).toEqual([
      "Monthly lifecycle of active customers",
      "period   active  new  returning  resurrecting  dormant  quick ratio",
      "-------  ------  ---  ---------  ------------  -------  -----------",
      "2024-01       3    3          0             0        0            -",
      "2024-02       2    1          1             0       -2         0.50",
      "2024-03       2    0          1             1       -1         1.00",
      "2024-04       1    0          0             1       -2         0.50",
    ]);
  });

  it("prints MRR movements: an upgrade, a downgrade, a cancellation, a win-back and a new sale", () => {
    const lines = formatTable(k.mrrMovements).split("\n");
    expect(lines[0]).toBe("Monthly MRR movements");
    expect(lines[5]).toMatch(/^2024-03 +350\.00 +40\.00 +50\.00 +80\.00 +50\.00 +90\.00 +400\.00 +3 +1 +1 +1 +4 +77\.1% +62\.9% +37\.1% +33\.3% +1\.38$/);
  });

  it("prints active users per day, L-ness bars and the gaps between purchases", () => {
    expect(formatTable(k.activeUsers).split("\n").slice(1, 5)).toEqual(["day         DAU  WAU  MAU  DAU/MAU", "----------  ---  ---  ---  -------", "2024-01-02    1    1    1   100.0%", "2024-01-03    0    1    1     0.0%"]);
    expect(formatTable(k.lness).split("\n").slice(0, 5)).toEqual(["L7: users by active days in [2024-02-01, 2024-02-08)", "active days  users   share", "-----------  -----  ------", "          1      0    0.0%", "          2      1  100.0%"]);
    const gaps = formatTable(k.interPurchaseTimes).split("\n\n");
    expect(gaps[0]!.split("\n").slice(0, 4)).toEqual([
      "Time between purchases, in days",
      "over            count   mean  median    p10    p25    p50    p75    p90",
      "--------------  -----  -----  ------  -----  -----  -----  -----  -----",
      "all gaps            5  37.80   32.00  11.00  26.00  32.00  60.00  66.00",
    ]);
    expect(gaps[1]!.split("\n")[0]).toBe("Histogram of the gaps (days)");
  });

  it("prints RFM summaries and scores, the holdout check and P(alive)", () => {
    const rfm = formatTable(k.rfmSummary).split("\n");
    expect(rfm.slice(0, 2)).toEqual(["RFM summary", "customer  frequency  recency      T  monetary value"]);
    expect(rfm[3]).toMatch(/^\d+ +\d+ +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d$/);
    const cut = rfmSummary(small, { observationEnd: "2024-02-28" });
    expect(formatTable(cut).split("\n").at(-1)).toBe("Left out: 0 customers first seen after the end day, 3 events in no row.");
    const scores = formatTable(k.rfmScores).split("\n\n");
    expect(scores[0]!.split("\n").slice(0, 2)).toEqual(["RFM segments (5 levels)", "segment             customers  share"]);
    expect(scores[1]!.split("\n")[1]).toMatch(/^customer +segment +RFM +R +F +M$/);
    const holdout = formatTable(k.holdoutCheck).split("\n");
    expect(holdout[1]).toBe("calibration purchases  customers  actual  predicted");
    expect(holdout.at(-1)).toMatch(/^Mean holdout purchases per customer\. In all: \d+ actual, \d+\.\d predicted\.$/);
    expect(formatTable(k.probabilityAliveMatrix).split("\n").slice(0, 5)).toEqual([
      "P(alive) at T = 39: frequency (rows) by recency (columns)",
      "frequency     0   13   26   39",
      "---------  ----  ---  ---  ---",
      "0          100%",
      "1           12%  42%  59%  69%",
    ]);
  });

  it("prints a fitted model: its parameters, log-likelihood, iterations and convergence", () => {
    const lines = formatTable(k.model).split("\n");
    expect(lines[0]).toBe("Pareto/NBD model fit");
    expect(lines.slice(3, 7).map((l) => l.split(/ +/)[0])).toEqual(["r", "alpha", "s", "beta"]);
    expect(lines[7]).toMatch(/^log-likelihood +-3466\.3\d$/);
    expect(lines[8]).toMatch(/^iterations +\d+$/);
    expect(lines[9]).toMatch(/^converged +yes$/);
    expect(formatTable(gammaGammaModel())).toMatch(/\ncustomers +\d+\n/);
  });

  it("prints revenue concentration: the Gini, the top share and the Lorenz curve", () => {
    const [summary, lorenz] = formatTable(k.revenueConcentration).split("\n\n");
    expect(summary!.split("\n").slice(1, 4)).toEqual(["customers  revenue   Gini  top 20%", "---------  -------  -----  -------", "        4   163.00  0.143    27.0%"]);
    expect(lorenz!.split("\n")[0]).toBe("Lorenz curve");
  });

  it("shortens long tables to their first and last rows when asked", () => {
    const long = activeUsers(small, { to: "2024-04-11T00:00:00Z" });
    expect(long.days.length).toBe(100);
    const lines = formatTable(long, { maxRows: 6 }).split("\n");
    expect(lines.slice(3, 10).map((l) => l.slice(0, 10))).toEqual(["2024-01-02", "2024-01-03", "2024-01-04", "…", "2024-04-08", "2024-04-09", "2024-04-10"]);
    expect(lines.at(-1)).toBe("94 of 100 rows left out (rows 4 to 97); toCsv writes them all.");
    expect(formatTable(long).split("\n")).toHaveLength(3 + 100 + 1);
    // A cohort matrix keeps its average row.
    const m = formatTable(cohortMatrix(small, { to }), { maxRows: 2 }).split("\n");
    expect(m.slice(3, 7).map((l) => l.split(/ +/)[0])).toEqual(["2024-01", "…", "2024-04", "average"]);
  });
});
