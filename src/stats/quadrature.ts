/**
 * Gauss-Legendre quadrature: the 10-point rule, and an adaptive integral of a
 * positive function by bisection.
 *
 * Reference: M. Abramowitz and I. A. Stegun (1964), "Handbook of Mathematical
 * Functions", table 25.4 (abscissas and weights of the 10-point rule).
 *
 * @internal
 * @module
 */

/** Positive abscissas of the 10-point Gauss-Legendre rule on [-1, 1]. */
export const GL_NODES: readonly number[] = [0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
/** Their weights. */
export const GL_WEIGHTS: readonly number[] = [0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];

/** The 10-point rule on [lo, hi]. */
export function gaussLegendre(f: (x: number) => number, lo: number, hi: number): number {
  const mid = (lo + hi) / 2;
  const half = (hi - lo) / 2;
  let sum = 0;
  for (let k = 0; k < 5; k++) {
    const dx = half * GL_NODES[k]!;
    sum += GL_WEIGHTS[k]! * (f(mid - dx) + f(mid + dx));
  }
  return sum * half;
}

/**
 * The integral of a function over [lo, hi] by globally adaptive bisection: the
 * panel whose 10-point estimate differs most from the sum over its two halves
 * is split next, until the summed differences are at most `relativeTolerance`
 * of the total or `maxPanels` panels are in use. Endpoint singularities should
 * be removed by a change of variable first.
 */
export function adaptiveIntegral(f: (x: number) => number, lo: number, hi: number, relativeTolerance = 1e-13, maxPanels = 4000): number {
  const panels: Array<{ a: number; b: number; value: number; error: number }> = [];
  const refine = (a: number, b: number, whole: number) => {
    const m = (a + b) / 2;
    const left = gaussLegendre(f, a, m);
    const right = gaussLegendre(f, m, b);
    const error = Math.abs(left + right - whole) / 2;
    panels.push({ a, b: m, value: left, error }, { a: m, b, value: right, error });
  };
  refine(lo, hi, gaussLegendre(f, lo, hi));
  for (;;) {
    let total = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      const p = panels[i]!;
      total += p.value;
      error += p.error;
      if (p.error > panels[worst]!.error) worst = i;
    }
    if (!(error > relativeTolerance * Math.abs(total)) || panels.length >= maxPanels) return total;
    const p = panels[worst]!;
    panels[worst] = panels[panels.length - 1]!;
    panels.pop();
    refine(p.a, p.b, p.value);
  }
}
