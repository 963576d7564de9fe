import { describe, expect, it } from "vitest";
import { adaptiveIntegral, gaussLegendre, GL_WEIGHTS } from "../../src/stats/quadrature.ts";

describe("Gauss-Legendre quadrature", () => {
  it("the 10-point rule integrates polynomials up to degree 19 exactly", () => {
    expect(2 * GL_WEIGHTS.reduce((s, w) => s + w, 0)).toBeCloseTo(2, 14);
    for (let k = 0; k <= 19; k++) {
      const exact = k % 2 === 1 ? 0 : 2 / (k + 1);
      expect(gaussLegendre((x) => x ** k, -1, 1)).toBeCloseTo(exact, 14);
    }
    expect(gaussLegendre((x) => x ** 9 + 3 * x ** 2, 0, 2)).toBeCloseTo(2 ** 10 / 10 + 8, 11);
  });

  it("adapts to a sharp feature and to a power singularity removed by substitution", () => {
    // a narrow bump: integral of 1 / (1e-6 + (x - 0.3)^2) over [0, 1]
    const w = 1e-3;
    const exact = (Math.atan(0.7 / w) + Math.atan(0.3 / w)) / w;
    expect(adaptiveIntegral((x) => 1 / (w * w + (x - 0.3) ** 2), 0, 1, 1e-13, 20_000) / exact).toBeCloseTo(1, 10);
    // integral of x^-0.5 over [0, 1] = 2, with u = x^0.5: integral of 2 du over [0, 1]
    expect(adaptiveIntegral(() => 2, 0, 1)).toBeCloseTo(2, 14);
  });
});
