import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import { formatTable } from "../../src/render/formatTable.ts";
import { small } from "./fixtures.ts";

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
    expect(formatTable([])).toContain("no periods");
  });
});
