/** Shared arbitraries and helpers of the clv tests. */
import { makeBgNbdModel } from "../../src/clv/bgNbd.ts";
import { makeGammaGammaModel } from "../../src/clv/gammaGamma.ts";
import { makeParetoNbdModel } from "../../src/clv/paretoNbd.ts";
import { fc } from "../support/fc.ts";

/** x rounded to n significant figures. */
export function sigFigs(x: number, n: number): number {
  return Number(x.toPrecision(n));
}

/** A valid purchase history: integer frequency, 0 <= recency <= T, recency 0 without repeat purchases. */
export const historyArb = fc
  .record({
    frequency: fc.integer({ min: 0, max: 60 }),
    T: fc.double({ min: 0, max: 200, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ frequency, T, share }) => ({ frequency, recency: frequency === 0 ? 0 : T * share, T }));

/** Models at the published CDNOW parameters (Fader, Hardie & Lee 2005; Fader & Hardie 2013), built without fitting. */
export const fitState = { logLikelihood: 0, iterations: 0, converged: true };
export const cdnowBg = makeBgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, fitState);
export const cdnowPareto = makeParetoNbdModel({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, fitState);
export const cdnowSpend = makeGammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 }, fitState, 946);
