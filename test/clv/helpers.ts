/** Shared arbitraries and helpers of the clv tests. */
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
