import { describe, expect, it } from "vitest";
import { groupHistories, readHistories } from "../../src/clv/histories.ts";
import { makeBgBbModel } from "../../src/clv/bgBb.ts";
import { makeModifiedBgNbdModel } from "../../src/clv/modifiedBgNbd.ts";
import { checkBgBbModel, checkCustomer, checkHorizon, checkPurchaseModel, finitePrediction, medianT, rateStart, requireRepeatBuyers } from "../../src/clv/purchaseModel.ts";
import { expectInvalid } from "../metrics/helpers.ts";
import { cdnowBg, cdnowPareto, fitState } from "./helpers.ts";

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

describe("the checks of the purchase models' arguments (issue #12, mutation testing)", () => {
  const bgBb = makeBgBbModel({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 }, fitState);

  it("checkHorizon takes a finite t of at least 0 and names t otherwise", () => {
    expect(checkHorizon(0)).toBe(0);
    expect(checkHorizon(2.5)).toBe(2.5);
    for (const t of [-1, Number.NaN, Infinity, "3", null]) {
      expectInvalid(() => checkHorizon(t), { field: "t", value: t, message: /a finite number of at least 0 \(time units of the summary\)/ });
    }
  });

  it("checkCustomer takes an object history and checks it", () => {
    const c = { frequency: 2, recency: 3, T: 5 };
    expect(checkCustomer(c)).toBe(c);
    for (const bad of [null, 3, "a"]) {
      expectInvalid(() => checkCustomer(bad as never), { field: "customer", value: bad, message: /an object \{ frequency, recency, T \}/ });
    }
    expectInvalid(() => checkCustomer({ frequency: 1, recency: 6, T: 5 }), { field: "recency", value: 6, message: /from 0 to T \(5\)/ });
  });

  it("checkPurchaseModel names the model, the missing method or the parameter out of range", () => {
    for (const model of [cdnowBg, cdnowPareto, makeModifiedBgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, fitState)]) expect(checkPurchaseModel(model)).toBe(model);
    for (const bad of [null, 3, { model: "BG/BB" }, { model: "toString" }]) {
      expectInvalid(() => checkPurchaseModel(bad as never, "models.purchases"), { field: "models.purchases", value: bad, message: /a fitted BG\/NBD, MBG\/NBD or Pareto\/NBD model \(fitBgNbd, fitModifiedBgNbd, fitParetoNbd, or their rebuild functions\)/ });
    }
    expectInvalid(() => checkPurchaseModel(null as never), { field: "model", value: null, message: /BG\/NBD/ });
    const copy = JSON.parse(JSON.stringify(cdnowPareto)) as never;
    expectInvalid(() => checkPurchaseModel(copy), { field: "model.expectedPurchases", value: undefined, message: /the method of a Pareto\/NBD model; pass the object the fit returned, or rebuild it from its JSON \(bgNbdModel, modifiedBgNbdModel, paretoNbdModel\): a copy made by JSON or structuredClone loses its methods/ });
    const lastMissing = { ...cdnowBg, model: cdnowBg.model, params: cdnowBg.params, conditionalProbabilityOfPurchases: 1 } as never;
    expectInvalid(() => checkPurchaseModel(lastMissing), { field: "model.conditionalProbabilityOfPurchases", value: 1, message: /BG\/NBD model/ });
    const edited = { ...cdnowBg, model: cdnowBg.model, params: { ...cdnowBg.params, r: Number.NaN } } as never;
    expectInvalid(() => checkPurchaseModel(edited), { field: "model.params.r", value: Number.NaN, message: /accepted range of a shape parameter/ });
  });

  it("checkBgBbModel names the missing method or the parameter out of range", () => {
    expect(checkBgBbModel(bgBb)).toBe(bgBb);
    const copy = JSON.parse(JSON.stringify(bgBb)) as never;
    expectInvalid(() => checkBgBbModel(copy, "m"), { field: "m.expectedPurchases", value: undefined, message: /the method of a BG\/BB model; pass the object fitBgBb returned, or rebuild it with bgBbModel\(json\): a copy made by JSON or structuredClone loses its methods/ });
    const edited = { ...bgBb, params: { ...bgBb.params, delta: -1 } } as never;
    expectInvalid(() => checkBgBbModel(edited), { field: "model.params.delta", value: -1, message: /accepted range/ });
  });

  it("finitePrediction passes finite values and names the argument of one that is not", () => {
    expect(finitePrediction(1.5, "t", 3)).toBe(1.5);
    expect(finitePrediction(0, "t", 3)).toBe(0);
    for (const v of [Infinity, Number.NaN]) {
      expectInvalid(() => finitePrediction(v, "T", 1e308), { field: "T", value: 1e308, message: /a value for which the prediction is within the range of a double \(this one overflows or is undefined\)/ });
    }
  });

  it("requireRepeatBuyers refuses an empty summary and one without repeat purchases", () => {
    expectInvalid(() => requireRepeatBuyers(grouped([]), "BG/NBD"), { field: "summary", value: "an empty summary", message: /customers to fit the BG\/NBD model to/ });
    expectInvalid(() => requireRepeatBuyers(grouped([h(0, 3), h(0, 3), h(0, 4)]), "Pareto/NBD"), {
      field: "summary",
      value: "3 customers, none with a repeat purchase",
      message: /at least one customer with frequency > 0: with no repeat purchases the Pareto\/NBD purchase rate has no maximum-likelihood estimate/,
    });
    expect(() => requireRepeatBuyers(grouped([h(0, 3), h(1, 3)]), "BG/NBD")).not.toThrow();
  });
});
