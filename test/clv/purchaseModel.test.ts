import { describe, expect, it } from "vitest";
import { groupHistories, readHistories } from "../../src/clv/histories.ts";
import { medianT, rateStart } from "../../src/clv/purchaseModel.ts";

const grouped = (rows: { frequency: number; recency: number; T: number }[]) => groupHistories(readHistories(rows));
const h = (frequency: number, T: number) => ({ frequency, recency: frequency === 0 ? 0 : T / 2, T });

describe("start values of the purchase models", () => {
  it("medianT is the weighted median of T, which one absurd T does not move", () => {
    expect(medianT(grouped([h(1, 30), h(0, 10), h(2, 20)]))).toBe(20);
    // duplicates count by their weight: 10 stands for 3 of 5 customers
    expect(medianT(grouped([h(0, 10), h(0, 10), h(0, 10), h(1, 40), h(1, 50)]))).toBe(10);
    // an even count takes the lower middle
    expect(medianT(grouped([h(1, 40), h(1, 30), h(1, 20), h(1, 10)]))).toBe(20);
    expect(medianT(grouped([h(1, 30), h(0, 10), h(2, 1e308)]))).toBe(30);
    expect(medianT(grouped([]))).toBe(0);
  });

  it("rateStart is r = 1 and alpha = median T / (median repeat frequency x share of repeat buyers)", () => {
    // median T 20; repeat buyers' frequencies 1 and 2: median 1, times 2 of 3 customers
    expect(rateStart(grouped([h(1, 30), h(0, 10), h(2, 20)]))).toEqual({ r: 1, alpha: 30 });
    // median T 10 (lower middle of 10, 10, 30, 1e308); repeat frequencies 1 and 3: 1, times 2 of 4
    expect(rateStart(grouped([h(3, 30), h(1, 1e308), h(0, 10), h(0, 10)]))).toEqual({ r: 1, alpha: 20 });
    // an absurd frequency does not move it: median 2 of 1, 2, 8.64e15 + 1, all three repeat buyers
    expect(rateStart(grouped([h(1, 10), h(8.64e15 + 1, 10), h(2, 10)]))).toEqual({ r: 1, alpha: 5 });
    // duplicates weigh: frequency 4 stands for 3 of 4 repeat buyers, who are 4 of 5 customers
    expect(rateStart(grouped([h(4, 16), h(4, 16), h(4, 16), h(1, 16), h(0, 16)]))).toEqual({ r: 1, alpha: 5 });
    // no repeat purchases or a median T of 0: alpha = 1
    expect(rateStart(grouped([h(0, 30), h(0, 10)]))).toEqual({ r: 1, alpha: 1 });
    expect(rateStart(grouped([h(0, 0), h(0, 0), h(1, 5)]))).toEqual({ r: 1, alpha: 1 });
  });
});
