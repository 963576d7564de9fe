/**
 * A small, robust minimiser for the models' negative log-likelihoods on
 * log-parameters: BFGS with a backtracking (Armijo) line search, from analytic
 * or central-difference gradients, and a Nelder-Mead restart when BFGS stalls.
 *
 * References: J. Nocedal and S. J. Wright (2006), "Numerical Optimization",
 * 2nd ed., Springer, algorithms 3.1 (backtracking) and 6.1 (BFGS, with the
 * initial scaling of eq. 6.20); J. A. Nelder and R. Mead (1965), "A Simplex
 * Method for Function Minimization", The Computer Journal 7(4), 308-313, with
 * the standard coefficients 1, 2, 1/2, 1/2.
 *
 * @internal
 * @module
 */

/**
 * The function to minimise. Returns f(y) (Infinity or NaN where undefined) and,
 * when `gradient` is given and the objective has an analytic gradient, writes
 * the gradient into it.
 */
export type Objective = (y: Float64Array, gradient: Float64Array | null) => number;

/** Settings of {@link minimize}. */
export interface MinimizeOptions {
  /** Whether the objective writes its gradient; otherwise central differences are used. */
  analyticGradient: boolean;
  /** Most iterations in all (BFGS and Nelder-Mead together). */
  maxIterations: number;
  /** Convergence when the largest gradient component is at most this. */
  gradientTolerance: number;
  /**
   * Largest |y_i - start_i| of a point where BFGS stalls without passing the gradient test before the
   * search is declared a run-off (a parameter heading to 0 or infinity along a ridge where the
   * likelihood keeps rising ever more slowly) and stopped.
   */
  runaway: number;
}

/** Outcome of {@link minimize}. */
export interface MinimizeResult {
  /** The best point found. */
  x: Float64Array;
  /** f at `x`. */
  f: number;
  /** Iterations done. */
  iterations: number;
  /** Whether the gradient test passed at `x` with every |x_i| within the bound. */
  converged: boolean;
}

interface Evaluator {
  value(y: Float64Array): number;
  /** Writes the gradient at y (whose value is f) into g. */
  gradient(y: Float64Array, f: number, g: Float64Array): void;
}

function evaluator(objective: Objective, analytic: boolean): Evaluator {
  const clean = (v: number) => (v === v ? v : Infinity);
  if (analytic) {
    return {
      value: (y) => clean(objective(y, null)),
      gradient: (y, _f, g) => {
        objective(y, g);
      },
    };
  }
  return {
    value: (y) => clean(objective(y, null)),
    gradient: (y, f, g) => {
      const z = Float64Array.from(y);
      for (let i = 0; i < y.length; i++) {
        const h = 1e-5 * Math.max(1, Math.abs(y[i]!));
        z[i] = y[i]! + h;
        const up = clean(objective(z, null));
        z[i] = y[i]! - h;
        const down = clean(objective(z, null));
        z[i] = y[i]!;
        // One-sided where one side is undefined (a parameter at the edge of its domain).
        g[i] = Number.isFinite(up) && Number.isFinite(down) ? (up - down) / (2 * h) : Number.isFinite(up) ? (up - f) / h : (f - down) / h;
      }
    },
  };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

function finiteVector(v: Float64Array): boolean {
  for (const x of v) if (!Number.isFinite(x)) return false;
  return true;
}

/** BFGS on the inverse Hessian with backtracking. */
function bfgs(ev: Evaluator, start: Float64Array, maxIterations: number, gtol: number): MinimizeResult & { stalled: boolean } {
  const n = start.length;
  const x = Float64Array.from(start);
  let f = ev.value(x);
  const g = new Float64Array(n);
  if (!Number.isFinite(f)) return { x, f, iterations: 0, converged: false, stalled: true };
  ev.gradient(x, f, g);
  if (!finiteVector(g)) return { x, f, iterations: 0, converged: false, stalled: true };
  const H = new Float64Array(n * n);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  let scaled = false;
  const p = new Float64Array(n);
  const xn = new Float64Array(n);
  const gn = new Float64Array(n);
  const s = new Float64Array(n);
  const yv = new Float64Array(n);
  const Hy = new Float64Array(n);
  let flat = 0;
  for (let it = 1; it <= maxIterations; it++) {
    if (maxAbs(g) <= gtol) return { x, f, iterations: it - 1, converged: true, stalled: false };
    // Search direction p = -H g, steepest descent if that is not downhill.
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j]! * g[j]!;
      p[i] = v;
      slope += v * g[i]!;
    }
    if (!(slope < 0)) {
      resetH(1);
      scaled = false;
      slope = 0;
      for (let i = 0; i < n; i++) {
        p[i] = -g[i]!;
        slope -= g[i]! * g[i]!;
      }
    }
    // Steps of more than e^4 in one parameter at a time are not trusted.
    const longest = maxAbs(p);
    let t = longest > 4 ? 4 / longest : 1;
    let fn = Infinity;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + t * p[i]!;
      fn = ev.value(xn);
      if (Number.isFinite(fn) && fn <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= Number.isFinite(fn) ? Math.max(0.1, Math.min(0.5, (-slope * t) / (2 * (fn - f - slope * t)))) : 0.2;
    }
    if (!accepted) return { x, f, iterations: it, converged: maxAbs(g) <= gtol * 100, stalled: true };
    ev.gradient(xn, fn, gn);
    if (!finiteVector(gn)) return { x, f, iterations: it, converged: false, stalled: true };
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xn[i]! - x[i]!;
      yv[i] = gn[i]! - g[i]!;
      sy += s[i]! * yv[i]!;
      yy += yv[i]! * yv[i]!;
    }
    const change = f - fn;
    x.set(xn);
    g.set(gn);
    f = fn;
    if (sy > 1e-14 * Math.sqrt(yy) * maxAbs(s) * Math.sqrt(n)) {
      if (!scaled) {
        resetH(sy / yy);
        scaled = true;
      }
      // H <- (I - rho s y') H (I - rho y s') + rho s s', rho = 1 / (y' s)
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j]! * yv[j]!;
        Hy[i] = v;
        yHy += yv[i]! * v;
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
    // No progress for several steps in a row: the point is as good as floating point allows.
    flat = change <= 1e-15 * (1 + Math.abs(f)) ? flat + 1 : 0;
    if (flat >= 4) return { x, f, iterations: it, converged: maxAbs(g) <= gtol * 100, stalled: true };
  }
  return { x, f, iterations: maxIterations, converged: maxAbs(g) <= gtol, stalled: false };
}

/** Nelder-Mead from `start` with an initial simplex of steps `step` along each axis. */
function nelderMead(ev: Evaluator, start: Float64Array, maxIterations: number, step: number): MinimizeResult {
  const n = start.length;
  const points: Float64Array[] = [];
  const values: number[] = [];
  for (let k = 0; k <= n; k++) {
    const v = Float64Array.from(start);
    if (k > 0) v[k - 1] = v[k - 1]! + step;
    points.push(v);
    values.push(ev.value(v));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, towards: Float64Array, coefficient: number) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = from[i]! + coefficient * (towards[i]! - from[i]!);
    return v;
  };
  let it = 0;
  for (; it < maxIterations; it++) {
    order.sort((i, j) => values[i]! - values[j]!);
    const best = order[0]!;
    const worst = order[n]!;
    const second = order[n - 1]!;
    const fBest = values[best]!;
    const fWorst = values[worst]!;
    let diameter = 0;
    for (let k = 0; k <= n; k++) for (let i = 0; i < n; i++) diameter = Math.max(diameter, Math.abs(points[k]![i]! - points[best]![i]!));
    if (Number.isFinite(fWorst) && fWorst - fBest <= 1e-14 * (1 + Math.abs(fBest)) && diameter <= 1e-9) break;
    centroid.fill(0);
    for (const k of order.slice(0, n)) for (let i = 0; i < n; i++) centroid[i]! += points[k]![i]! / n;
    const reflected = trial(centroid, points[worst]!, -1);
    const fr = ev.value(reflected);
    if (fr < fBest) {
      const expanded = trial(centroid, points[worst]!, -2);
      const fe = ev.value(expanded);
      if (fe < fr) {
        points[worst] = expanded;
        values[worst] = fe;
      } else {
        points[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < values[second]!) {
      points[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    const outside = fr < fWorst;
    const contracted = trial(centroid, outside ? reflected : points[worst]!, 0.5);
    const fc = ev.value(contracted);
    if (fc < (outside ? fr : fWorst)) {
      points[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    for (const k of order.slice(1)) {
      points[k] = trial(points[best]!, points[k]!, 0.5);
      values[k] = ev.value(points[k]!);
    }
  }
  let best = 0;
  for (let k = 1; k <= n; k++) if (values[k]! < values[best]!) best = k;
  return { x: points[best]!, f: values[best]!, iterations: it, converged: false };
}

/**
 * Minimises `objective` from `start`: BFGS; when it stalls short of the
 * gradient test (and has not run off, see {@link MinimizeOptions.runaway}), a
 * Nelder-Mead search from the best point found, then BFGS again, at most twice.
 * Converged means the gradient test passed at the best point.
 */
export function minimize(objective: Objective, start: Float64Array, options: MinimizeOptions): MinimizeResult {
  const ev = evaluator(objective, options.analyticGradient);
  const ranOff = (x: Float64Array) => {
    for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - start[i]!) > options.runaway) return true;
    return false;
  };
  let used = 0;
  let result = bfgs(ev, start, options.maxIterations, options.gradientTolerance);
  used += result.iterations;
  let best: MinimizeResult = result;
  for (let attempt = 0; attempt < 2 && !result.converged && !ranOff(best.x) && used < options.maxIterations; attempt++) {
    const from = Number.isFinite(best.f) ? best.x : start;
    const nm = nelderMead(ev, from, Math.min(400 * start.length, options.maxIterations - used), attempt === 0 ? 0.5 : 0.1);
    used += nm.iterations;
    if (nm.f < best.f || !Number.isFinite(best.f)) best = nm;
    result = bfgs(ev, best.x, Math.max(1, options.maxIterations - used), options.gradientTolerance);
    used += result.iterations;
    if (result.f <= best.f) best = result;
  }
  return { x: best.x, f: best.f, iterations: used, converged: result.converged && result === best };
}
