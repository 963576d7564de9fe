import { describe, expect, it } from "vitest";
import { periodSummary } from "../../src/activity/periodSummary.ts";
import type { InterPurchaseTimesResult } from "../../src/activity/interPurchaseTimes.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { cohortMatrix } from "../../src/cohorts/cohortMatrix.ts";
import type { CohortMatrix } from "../../src/cohorts/matrix.ts";
import { survivalCurve } from "../../src/cohorts/survivalCurve.ts";
import { InvalidInputError } from "../../src/errors.ts";
import type { KindName, Tabular } from "../../src/render/classify.ts";
import { toCsv } from "../../src/render/toCsv.ts";
import { fc, test } from "../support/fc.ts";
import { small } from "./fixtures.ts";
import { everyKind, gammaGammaModel, ordersArb, to } from "./kinds.ts";

/**
 * A strict RFC 4180 reader: records end with LF or CRLF (a bare CR is refused); a field is either
 * unquoted (no comma, quote, CR or LF in it) or wholly enclosed in double quotes with its quotes
 * doubled. The text must end with a line break (toCsv ends every line).
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let state: "start" | "plain" | "quoted" | "closed" = "start";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (state === "quoted") {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else state = "closed";
      continue;
    }
    if (c === '"') {
      if (state !== "start") throw new Error(`a quote inside an unquoted field at ${i}`);
      state = "quoted";
    } else if (c === "," || c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] !== "\n") throw new Error(`a bare CR at ${i}`);
      if (c === "\r") i++;
      record.push(field);
      field = "";
      state = "start";
      if (c !== ",") (records.push(record), (record = []));
    } else {
      if (state === "closed") throw new Error(`text after a closing quote at ${i}`);
      field += c;
      state = "plain";
    }
  }
  if (state === "quoted") throw new Error("an unclosed quoted field");
  if (field !== "" || record.length > 0) throw new Error("the last line has no line break");
  return records;
}

/** How many observations a result has: the rows toCsv must write. */
function observations(kind: KindName, x: Tabular): number {
  const r = x as never as Record<string, unknown[]> & { length: number };
  switch (kind) {
    case "cohortMatrix": {
      const m = x as CohortMatrix;
      return m.cohorts.length * m.offsets.length;
    }
    case "survivalCurve": {
      const c = x as ReturnType<typeof survivalCurve>;
      return c.points.length + c.groups.reduce((n, g) => n + g.points.length, 0);
    }
    case "activeUsers":
      return r.days!.length;
    case "lness":
    case "interPurchaseTimes":
      return r.histogram!.length;
    case "rfmScores":
    case "holdoutCheck":
      return r.rows!.length;
    case "revenueConcentration":
      return r.lorenz!.length;
    case "probabilityAliveMatrix":
    case "expectedPurchasesMatrix":
      return r.frequencies!.length * r.recencies!.length;
    case "aliveHistory":
      return r.points!.length;
    case "model":
      return 1;
    default:
      return r.length;
  }
}

describe("toCsv: worked examples", () => {
  it("writes a cohort matrix as one line per cell: cohort,offset,value,rate, censored cells empty", () => {
    const m = cohortMatrix(small, { to });
    const lines = toCsv(m).split("\n");
    expect(lines.slice(0, 6)).toEqual(["cohort,offset,value,rate", "2024-01,0,3,1", "2024-01,1,1,0.3333333333333333", "2024-01,2,2,0.6666666666666666", "2024-01,3,0,0", "2024-02,0,1,1"]);
    expect(lines).toContain("2024-02,3,,"); // not ended by May
    expect(lines).toContain("2024-03,0,0,"); // an empty cohort: no rate
    expect(lines).toHaveLength(1 + 16 + 1); // header, 4 x 4 cells, and the final line break
    expect(lines.at(-1)).toBe("");
    const wilson = toCsv(cohortMatrix(small, { to, interval: true })).split("\n");
    expect(wilson[0]).toBe("cohort,offset,value,rate,lower,upper");
    expect(wilson[1]).toMatch(/^2024-01,0,3,1,0\.43\d+,1$/);
  });

  it("writes Decimals exactly, periods as key, start and end ISO instants, and null as an empty field", () => {
    const rows = periodSummary([{ customerId: "a", at: "2024-01-02T12:00:00Z", amount: "0.1" }, { customerId: "b", at: "2024-01-03T12:00:00Z", amount: "0.2" }], { to: "2024-02-01T00:00:00Z" });
    const [header, line] = toCsv(rows).split("\n");
    expect(header).toBe("period,start,end,complete,activeCustomers,newCustomers,customersAtStart,customersAtEnd,retainedCustomers,lostCustomers,reactivatedCustomers,customerRetentionRate,retentionRate,churnRate,orders,revenue,averageOrderValue,purchaseFrequency,repeatCustomerRate");
    expect(line).toBe("2024-01,2024-01-01T00:00:00.000Z,2024-02-01T00:00:00.000Z,true,2,2,0,2,0,0,0,,,,2,0.3,0.15,1,0");
    const revenue = toCsv(cohortMatrix([{ customerId: "a", at: "2024-01-02T12:00:00Z", amount: "1234567890.12" }], { to: "2024-02-01T00:00:00Z", measure: "revenue" }));
    expect(revenue.split("\n")[1]).toBe("2024-01,0,1234567890.12,1234567890.12");
  });

  it("quotes fields with commas, quotes and line breaks (RFC 4180), and reads back", () => {
    const ids = ['Smith, J.', 'say "hi"', "two\nlines", "plain"];
    const summary = rfmSummary(ids.map((customerId, i) => ({ customerId, at: `2024-01-0${i + 1}T12:00:00Z`, amount: 10 })));
    const csv = toCsv(summary);
    expect(csv).toContain('"Smith, J.",0,0,');
    expect(csv).toContain('"say ""hi""",0,0,');
    expect(csv).toContain('"two\nlines",0,0,');
    expect(parseCsv(csv).slice(1).map((r) => r[0])).toEqual(ids);
    const crlf = toCsv(summary, { lineEnding: "\r\n" });
    const breaks = crlf.replace('"two\nlines"', "").split("\n");
    expect(breaks.slice(0, -1).every((l) => l.endsWith("\r"))).toBe(true); // every line break outside a quoted field is CRLF
    expect(crlf.split("\r\n").length).toBe(ids.length + 2);
    expect(parseCsv(crlf)).toEqual(parseCsv(csv));
  });

  it("writes each kind tidy: one line per observation, every line the same fields", () => {
    for (const [kind, x] of Object.entries(everyKind()) as Array<[KindName, Tabular]>) {
      const records = parseCsv(toCsv(x));
      expect(records.length - 1, kind).toBe(observations(kind, x));
      expect(new Set(records.map((r) => r.length)).size, kind).toBe(1);
      expect(records[0]!.every((h) => /^[A-Za-z][A-Za-z0-9.]*$/.test(h)), kind).toBe(true);
    }
  });

  it("writes the fields of each new kind as the results name them", () => {
    const k = everyKind();
    expect(toCsv(k.lifecycle).split("\n").slice(0, 3)).toEqual([
      "period,start,end,complete,active,new,returning,resurrecting,dormant,quickRatio",
      "2024-01,2024-01-01T00:00:00.000Z,2024-02-01T00:00:00.000Z,true,3,3,0,0,0,",
      "2024-02,2024-02-01T00:00:00.000Z,2024-03-01T00:00:00.000Z,true,2,1,1,0,-2,0.5",
    ]);
    expect(toCsv(k.mrrMovements).split("\n")[3]).toBe("2024-03,2024-03-01T00:00:00.000Z,2024-04-01T00:00:00.000Z,true,350,40,50,80,50,90,400,3,1,1,1,4,0.7714285714285715,0.6285714285714286,0.37142857142857144,0.3333333333333333,1.3846153846153846");
    expect(toCsv(k.lness).split("\n").slice(0, 3)).toEqual(["activeDays,users,share", "1,0,0", "2,1,1"]);
    expect(toCsv(k.activeUsers).split("\n")[1]).toBe("2024-01-02,2024-01-02T00:00:00.000Z,2024-01-03T00:00:00.000Z,true,1,1,1,1");
    expect(toCsv(k.interPurchaseTimes, { part: "statistics" }).split("\n")).toEqual(["over,count,mean,median,p10,p25,p50,p75,p90", "gaps,5,37.8,32,11,26,32,60,66", expect.stringMatching(/^customerMeans,3,49\.8\d+,60,/), ""]);
    expect(toCsv(k.interPurchaseTimes).split("\n")[0]).toBe("unit,from,to,count");
    expect(toCsv(k.revenueConcentration, { part: "summary" }).split("\n")[1]).toMatch(/^4,163,0\.14\d*$/);
    expect(toCsv(k.revenueConcentration, { part: "top" }).split("\n")[1]).toMatch(/^0\.2,0\.26\d*$/);
    expect(toCsv(k.probabilityAliveMatrix).split("\n").slice(1, 3)).toEqual(["0,0,39,1", "0,13,39,"]);
    expect(toCsv(k.rfmScores, { part: "segments" }).split("\n")[0]).toBe("segment,customers");
    const model = toCsv(k.model).split("\n");
    expect(model[0]).toBe("model,r,alpha,s,beta,logLikelihood,iterations,converged");
    expect(model[1]).toMatch(/^Pareto\/NBD,0\.58\d*,11\.9\d*,2\.1\d*,59\.8\d*,-3466\.3\d*,\d+,true$/);
    expect(toCsv(gammaGammaModel()).split("\n")[0]).toBe("model,p,q,gamma,logLikelihood,iterations,converged,customers");
  });

  it("writes the same CSV from a JSON copy of a result (Decimals and Dates as strings, no methods)", () => {
    for (const [kind, x] of Object.entries(everyKind())) expect(toCsv(JSON.parse(JSON.stringify(x))), kind).toBe(toCsv(x));
  });

  it("writes an empty list of rows as nothing, and refuses what it cannot write", () => {
    expect(toCsv([])).toBe("");
    expect(() => toCsv({ a: 1 } as never)).toThrow(InvalidInputError);
    expect(() => toCsv({ a: 1 } as never)).toThrow(/a cohortMatrix result/);
    expect(() => toCsv(everyKind().cohortMatrix, { part: "lorenz" })).toThrow(/part/);
    expect(() => toCsv(everyKind().interPurchaseTimes as InterPurchaseTimesResult, { part: "rows" })).toThrow(/"histogram", "statistics"/);
    expect(() => toCsv(everyKind().cohortMatrix, { lineEnding: "\r" as never })).toThrow(/lineEnding/);
  });
});

describe("toCsv: properties", () => {
  test.prop([ordersArb(), fc.constantFrom("customers", "orders", "revenue"), fc.boolean()])("a cohort matrix: one line per cell, every line of the same fields, values as toRows() has them", (orders, measure, interval) => {
    const m = cohortMatrix(orders, { to: "2025-02-01T00:00:00Z", measure: measure as "customers", interval: interval && measure === "customers" });
    const records = parseCsv(toCsv(m));
    if (records.length - 1 !== m.cohorts.length * m.offsets.length) return false;
    if (new Set(records.map((r) => r.length)).size !== 1) return false;
    const cells = m.toRows();
    return records.slice(1).every((r, i) => {
      const c = cells[i]!;
      const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "number" ? String(v) : (v as { toFixed(): string }).toFixed());
      return r[0] === c.cohort && r[1] === String(c.offset) && r[2] === text(c.value) && r[3] === text(c.rate);
    });
  });

  test.prop([fc.array(fc.string({ unit: "binary", minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }), fc.boolean()])("any customer ids survive the quoting: the RFC 4180 reading gives them back", (ids, crlf) => {
    const unique = [...new Set(ids)];
    const summary = rfmSummary(unique.map((customerId, i) => ({ customerId, at: Date.UTC(2024, 0, 1 + i, 12), amount: 1 })));
    const records = parseCsv(toCsv(summary, crlf ? { lineEnding: "\r\n" } : {}));
    return records.length === unique.length + 1 && records.every((r) => r.length === 5) && records.slice(1).every((r, i) => r[0] === String(summary[i]!.customerId));
  });

  test.prop([ordersArb()])("a period summary and a survival curve: one line per period and per point", (orders) => {
    const rows = periodSummary(orders, { to: "2025-02-01T00:00:00Z" });
    const s = survivalCurve(orders, { to: "2025-02-01T00:00:00Z", groupBy: "cohort" });
    const a = parseCsv(toCsv(rows));
    const b = parseCsv(toCsv(s));
    return (
      a.length - 1 === rows.length &&
      a.slice(1).every((r, i) => r[0] === rows[i]!.period.key && r[1] === rows[i]!.period.start.toISOString()) &&
      b.length - 1 === observations("survivalCurve", s) &&
      new Set([...a, ...b].map((r, i) => (i < a.length ? `a${r.length}` : `b${r.length}`))).size <= 2
    );
  });
});
