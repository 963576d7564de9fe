import { describe, expect } from "vitest";
import { GrowableArray, GrowableFloat64 } from "../../src/events/rowReading.ts";
import { fc, test } from "../support/fc.ts";

describe("GrowableArray", () => {
  test.prop([fc.array(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 3000 })), { maxLength: 60 }), fc.integer({ min: 0, max: 2000 })])(
    "gives back every value pushed, in order, across its blocks (push and pushAll), as result() and take()",
    (pushes, capacity) => {
      const a = new GrowableArray((n) => new Int32Array(n), capacity);
      const f = new GrowableFloat64(capacity);
      const expected: number[] = [];
      for (const p of pushes) {
        if (typeof p === "number") {
          a.push(p);
          f.push(p / 4);
          expected.push(p);
        } else {
          a.pushAll(Int32Array.from(p));
          f.pushAll(Float64Array.from(p, (v) => v / 4));
          expected.push(...p);
        }
      }
      expect(Array.from(a.result())).toEqual(expected);
      const taken = a.take();
      expect([taken.length, Array.from(taken)]).toEqual([expected.length, expected]);
      expect(Array.from(f.take())).toEqual(expected.map((v) => v / 4));
    },
  );
});
