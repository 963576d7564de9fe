import { describe, expect, it } from "vitest";
import { minimize, type Objective } from "../../src/stats/optimize.ts";

const options = { analyticGradient: true, maxIterations: 2000, gradientTolerance: 1e-10, runaway: 12 };

/** Rosenbrock's banana in n dimensions, minimum 0 at (1, ..., 1). */
const rosenbrock: Objective = (y, g) => {
  let f = 0;
  if (g !== null) g.fill(0);
  for (let i = 0; i + 1 < y.length; i++) {
    const a = y[i + 1]! - y[i]! * y[i]!;
    const b = 1 - y[i]!;
    f += 100 * a * a + b * b;
    if (g !== null) {
      g[i]! += -400 * y[i]! * a - 2 * b;
      g[i + 1]! += 200 * a;
    }
  }
  return f;
};

describe("minimize", () => {
  it("finds Rosenbrock's minimum with an analytic gradient and with central differences", () => {
    for (const analyticGradient of [true, false]) {
      const r = minimize(rosenbrock, Float64Array.of(-1.2, 1, -0.5, 0.8), { ...options, analyticGradient, gradientTolerance: analyticGradient ? 1e-10 : 1e-7 });
      expect(r.converged).toBe(true);
      for (const v of r.x) expect(v).toBeCloseTo(1, 5);
      expect(r.f).toBeLessThan(1e-10);
    }
  });

  it("steps around regions where the objective is undefined", () => {
    // defined for y > 0 only, minimum at y = 2
    const f: Objective = (y, g) => {
      if (!(y[0]! > 0)) return Number.NaN;
      if (g !== null) g[0] = 1 - 2 / y[0]!;
      return y[0]! - 2 * Math.log(y[0]!);
    };
    const r = minimize(f, Float64Array.of(0.01), options);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 8);
  });

  it("follows a function that decreases forever far from the start (the fit calls that a run-off), and stops when iterations run out", () => {
    const slide: Objective = (y, g) => {
      if (g !== null) g[0] = -Math.exp(-y[0]!);
      return Math.exp(-y[0]!);
    };
    expect(minimize(slide, Float64Array.of(0), options).x[0]).toBeGreaterThan(12);
    expect(minimize(rosenbrock, Float64Array.of(-1.2, 1), { ...options, maxIterations: 3 }).converged).toBe(false);
  });
});
