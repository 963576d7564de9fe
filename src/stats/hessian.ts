/**
 * The observed information of a maximum-likelihood fit and its inverse, the
 * asymptotic covariance of the estimates: a numerical Hessian of any
 * log-likelihood over positive parameters, and a Cholesky inversion.
 *
 * Why on log-parameters: the models' parameters span many orders of magnitude
 * (a shape of 0.2 beside a scale of 1e4), so one relative step suits every
 * parameter there, and the Hessian in y = ln theta is far better conditioned
 * than in theta. The chain rule takes it back exactly:
 * d2 LL / dy_i dy_j = theta_i theta_j d2 LL / dtheta_i dtheta_j + [i = j] theta_i dLL/dtheta_i,
 * so the information in theta is I = -D^-1 (H_y - diag(g_y)) D^-1 with D = diag(theta) and
 * the covariance is D (diag(g_y) - H_y)^-1 D.
 *
 * Differences: central, with one Richardson extrapolation (4 D(h/2) - D(h)) / 3, which
 * cancels the h^2 error term; from the analytic gradient when the likelihood has one
 * (4n gradient evaluations), else from values alone (8 n^2 + 2 evaluations at most,
 * about the cost of eight BFGS iterations with central-difference gradients).
 *
 * References: J. Nocedal and S. J. Wright (2006), "Numerical Optimization", 2nd ed.,
 * section 8.1 (finite-difference Hessians); L. F. Richardson (1911) extrapolation as in
 * W. H. Press et al., "Numerical Recipes", 3rd ed., section 5.7; Y. Pawitan (2001),
 * "In All Likelihood", section 9.4 (the inverse observed information as the covariance of
 * the estimates).
 *
 * @internal
 * @module
 */

/** A log-likelihood over parameters; when `gradient` is given (and it has one), writes d LL / d params into it. */
export type LogLikelihoodFunction = (params: Float64Array, gradient: Float64Array | null) => number;

/** Step in ln(theta) of the coarser of the two central differences (the finer is half of it). */
const STEP_FROM_GRADIENT = 1e-3;
const STEP_FROM_VALUES = 2e-3;

/**
 * The Hessian of LL(exp(y)) at y = ln(theta), row-major n x n, symmetric, and the gradient
 * g_y there; `null` when a value or gradient near theta is not finite. @internal
 */
export function logParameterHessian(ll: LogLikelihoodFunction, theta: Float64Array, analyticGradient: boolean): { hessian: Float64Array; gradient: Float64Array } | null {
  const n = theta.length;
  const y = Float64Array.from(theta, Math.log);
  const point = new Float64Array(n);
  const g = new Float64Array(n);
  const at = (shift: Float64Array | null, wantGradient: boolean): number => {
    for (let i = 0; i < n; i++) point[i] = Math.exp(y[i]! + (shift === null ? 0 : shift[i]!));
    const value = ll(point, wantGradient ? g : null);
    if (wantGradient) for (let i = 0; i < n; i++) g[i] = g[i]! * point[i]!; // d/dy = theta d/dtheta
    return value;
  };
  const shift = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  const gradient = new Float64Array(n);
  const f0 = at(null, analyticGradient);
  if (!Number.isFinite(f0)) return null;
  if (analyticGradient) {
    gradient.set(g);
    const plus = new Float64Array(n);
    const diff = (j: number, h: number, out: Float64Array): boolean => {
      shift.fill(0);
      shift[j] = h;
      if (!Number.isFinite(at(shift, true))) return false;
      plus.set(g);
      shift[j] = -h;
      if (!Number.isFinite(at(shift, true))) return false;
      for (let i = 0; i < n; i++) out[i] = (plus[i]! - g[i]!) / (2 * h);
      return true;
    };
    const coarse = new Float64Array(n);
    const fine = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      if (!diff(j, STEP_FROM_GRADIENT, coarse) || !diff(j, STEP_FROM_GRADIENT / 2, fine)) return null;
      for (let i = 0; i < n; i++) hessian[i * n + j] = (4 * fine[i]! - coarse[i]!) / 3;
    }
  } else {
    const value = (i: number, hi: number, j: number, hj: number): number => {
      shift.fill(0);
      shift[i]! += hi;
      shift[j]! += hj;
      return at(shift, false);
    };
    // Second differences: f'' ~ (f(+h) - 2 f + f(-h)) / h^2 and the four-point cross difference.
    const second = (i: number, j: number, h: number): number =>
      i === j
        ? (value(i, h, i, 0) - 2 * f0 + value(i, -h, i, 0)) / (h * h)
        : (value(i, h, j, h) - value(i, h, j, -h) - value(i, -h, j, h) + value(i, -h, j, -h)) / (4 * h * h);
    for (let i = 0; i < n; i++) {
      // the gradient (only its diagonal correction is needed) from central differences, extrapolated alike
      const d = (h: number) => (value(i, h, i, 0) - value(i, -h, i, 0)) / (2 * h);
      gradient[i] = (4 * d(STEP_FROM_VALUES / 2) - d(STEP_FROM_VALUES)) / 3;
      for (let j = 0; j <= i; j++) {
        const h = STEP_FROM_VALUES;
        const v = (4 * second(i, j, h / 2) - second(i, j, h)) / 3;
        hessian[i * n + j] = v;
        hessian[j * n + i] = v;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(gradient[i]!)) return null;
    for (let j = 0; j < i; j++) {
      const v = (hessian[i * n + j]! + hessian[j * n + i]!) / 2;
      hessian[i * n + j] = v;
      hessian[j * n + i] = v;
    }
  }
  for (const v of hessian) if (!Number.isFinite(v)) return null;
  return { hessian, gradient };
}

/**
 * The lower-triangular Cholesky factor L of a symmetric positive-definite matrix (A = L L^T,
 * row-major n x n), or `null` when a pivot is at most 1e-12 times the largest diagonal entry. @internal
 */
export function choleskyFactor(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(a[i * n + i]!));
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 1e-12 * largest)) return null;
    const root = Math.sqrt(d);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / root;
    }
  }
  return l;
}

/**
 * The inverse of a symmetric positive-definite matrix (row-major n x n) by Cholesky
 * factorisation, or `null` when it is not positive definite to working precision (a pivot
 * at most 1e-12 times the largest diagonal entry): the likelihood is flat or curved the
 * wrong way in some direction, so the normal approximation has no covariance. @internal
 */
export function invertPositiveDefinite(a: Float64Array, n: number): Float64Array | null {
  const l = choleskyFactor(a, n);
  if (l === null) return null;
  // L^-1 by forward substitution, then A^-1 = L^-T L^-1.
  const inv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= l[i * n + k]! * inv[k * n + c]!;
      inv[i * n + c] = s / l[i * n + i]!;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += inv[k * n + i]! * inv[k * n + j]!;
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  for (const v of out) if (!Number.isFinite(v)) return null;
  return out;
}

/**
 * The asymptotic covariance of maximum-likelihood estimates theta (all positive): the
 * inverse of the observed information -d2 LL / dtheta2 at theta, row-major n x n, or
 * `null` when the information is not positive definite (see {@link invertPositiveDefinite})
 * or the likelihood is not finite around theta. @internal
 */
export function observedCovariance(ll: LogLikelihoodFunction, theta: Float64Array, analyticGradient: boolean): Float64Array | null {
  const n = theta.length;
  const h = logParameterHessian(ll, theta, analyticGradient);
  if (h === null) return null;
  const information = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) information[i * n + j] = -h.hessian[i * n + j]! + (i === j ? h.gradient[i]! : 0);
  }
  const inverse = invertPositiveDefinite(information, n);
  if (inverse === null) return null;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inverse[i * n + j] = inverse[i * n + j]! * theta[i]! * theta[j]!;
  for (const v of inverse) if (!Number.isFinite(v)) return null;
  return inverse;
}
