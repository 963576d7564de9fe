/**
 * The integral at the heart of the Pareto/NBD likelihood,
 * I = integral from t_x to T of (alpha+y)^-(r+x) (beta+y)^-(s+1) dy,
 * in log space and without loss of precision for any parameters.
 *
 * Closed form (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model
 * and Related Expressions", whose A0 is (r+s+x) I): with m = max(alpha, beta),
 * c = r+s+x, b = s+1 when alpha >= beta and r+x otherwise, and
 * z(t) = |alpha-beta| / (m+t) in [0, 1),
 * I = (1/c) [2F1(c, b; c+1; z(t_x)) / (m+t_x)^c - 2F1(c, b; c+1; z(T)) / (m+T)^c].
 * Choosing the branch by the larger of alpha and beta keeps z below 1; the
 * series of 2F1 is summed in log space (no overflow for large frequencies) and
 * the difference is taken as ln(e^u1 - e^u2) = u1 + ln(-expm1(u2 - u1)). When
 * z(t_x) is close to 1 the series converges slowly; the integral is then
 * computed directly by Gauss-Legendre quadrature in v = ln(min(alpha, beta) + y),
 * where the log-integrand is concave (see {@link logParetoIntegralByQuadrature}).
 *
 * @internal
 * @module
 */
import { ConvergenceError } from "../errors.ts";
import { gaussLegendre } from "../stats/quadrature.ts";

const LN_SCALE = 575.6462732485114; // ln(1e250)
/** Most terms of the 2F1 series: beyond them (a large b) quadrature, with a few hundred evaluations, is cheaper. */
const SERIES_TERMS = 2_000;
/** Most quadrature panels per sweep; a sweep ends in a few hundred (ln g falls by about 1 per panel). */
const QUADRATURE_PANELS = 100_000;

/**
 * ln 2F1(c, b; c+1; z) for c > 0, b > 0, 0 <= z < 1, by its power series with
 * term ratio z (c+n-1)(b+n-1) / ((c+n) n) (all terms positive, so no
 * cancellation), rescaled to stay within range. For m >= n the ratio is at
 * most z max(1, (n+b)/(n+1)), which bounds the tail. The terms rise until
 * n is about z (b-1)/(1-z), so a large b (a large shape or frequency) needs
 * many of them: NaN when `maxTerms` terms do not reach the tolerance (the
 * caller then integrates by quadrature instead), never a partial sum.
 */
export function logHyp2f1Shifted(c: number, b: number, z: number, maxTerms = SERIES_TERMS): number {
  if (z === 0) return 0;
  // The stopping test needs that bound below 1, and it falls with n: when it is still at least 1 at
  // n = maxTerms the loop can only end in NaN, so say so at once (a fit whose shape runs off towards
  // 1e8 would otherwise sum 2,000 terms per history and evaluation for nothing).
  if (z * Math.max(1, (maxTerms + b) / (maxTerms + 1)) >= 1) return Number.NaN;
  let sum = 1;
  let term = 1;
  let scale = 0;
  for (let n = 1; ; n++) {
    if (n > maxTerms) return Number.NaN;
    term *= (((c + n - 1) * (b + n - 1)) / ((c + n) * n)) * z;
    sum += term;
    if (sum > 1e250) {
      sum *= 1e-250;
      term *= 1e-250;
      scale += LN_SCALE;
    }
    const bound = z * Math.max(1, (n + b) / (n + 1));
    if (bound < 1 && (term * bound) / (1 - bound) <= 1e-17 * sum) break;
  }
  return Math.log(sum) + scale;
}

/**
 * ln I by quadrature in v = ln(low + y), low = min(alpha, beta). With e = low + y,
 * ln g(v) = v - (r+x) ln(e + alpha - low) - (s+1) ln(e + beta - low) has slope
 * 1 - (r+x) e/(alpha+y) - (s+1) e/(beta+y), which falls as v rises: ln g is
 * concave, with one peak. The sweeps go out from the peak on panels short enough
 * for ln g to change by about 1 across each (ten nodes are then exact to double
 * precision) and stop where ln g is 60 below the peak: by concavity the rest lies
 * under a falling exponential and adds less than e^-60 of the total.
 */
export function logParetoIntegralByQuadrature(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const low = Math.min(alpha, beta);
  const da = alpha - low;
  const db = beta - low;
  const rx = r + x;
  const s1 = s + 1;
  const v1 = Math.log(low + tx);
  const v2 = Math.log(low + T);
  if (!(v2 - v1 > 1e-9)) {
    // An interval this short relative to low + t_x: the midpoint rule is exact to double precision.
    const mid = (tx + T) / 2;
    return Math.log(T - tx) - rx * Math.log(alpha + mid) - s1 * Math.log(beta + mid);
  }
  // With w = e^-v = 1/e: ln(e + da) = v + ln(1 + da w) and e/(e + da) = 1/(1 + da w), which stay
  // finite where e itself (or rx e) would overflow, as for T near the largest double.
  const logG = (v: number) => {
    const w = Math.exp(-v);
    return v - rx * (v + Math.log1p(da * w)) - s1 * (v + Math.log1p(db * w));
  };
  const slope = (v: number) => {
    const w = Math.exp(-v);
    return 1 - rx / (1 + da * w) - s1 / (1 + db * w);
  };
  // The peak: an end, or where the (falling) slope crosses 0.
  let peak: number;
  if (slope(v1) <= 0) peak = v1;
  else if (slope(v2) >= 0) peak = v2;
  else {
    let lo = v1;
    let hi = v2;
    for (let k = 0; k < 100 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); k++) {
      const m = (lo + hi) / 2;
      if (slope(m) > 0) lo = m;
      else hi = m;
    }
    peak = (lo + hi) / 2;
  }
  const top = logG(peak);
  const g = (v: number) => Math.exp(logG(v) - top);
  let sum = 0;
  for (const [from, to] of [[peak, v2], [peak, v1]] as const) {
    const direction = to > from ? 1 : -1;
    let v = from;
    for (let panels = 0; direction * (to - v) > 0; panels++) {
      const near = Math.max(1, Math.abs(slope(v)));
      let h = Math.min(1 / near, direction * (to - v));
      while (Math.abs(slope(v + direction * h)) > 2 * near && h > 1e-12) h /= 2;
      const next = direction * (to - v) - h <= 1e-15 * Math.abs(to) ? to : v + direction * h;
      if (!(direction * (next - v) > 0)) {
        // ln g falls faster than doubles near v are spaced (a slope beyond 1e12, from a huge frequency, say). By
        // concavity the rest is at most g(v) / |slope(v)|, and this steep it equals that to double precision.
        sum += g(v) / Math.abs(slope(v));
        break;
      }
      if (panels >= QUADRATURE_PANELS) {
        throw new ConvergenceError(
          `The Pareto/NBD likelihood integral did not converge after ${panels} quadrature panels (at ln(min(alpha, beta) + y) = ${v}). ` +
            "Parameters or histories this far out are beyond its numerics.",
          { iterations: panels, params: { r, alpha, s, beta, x, tx, T }, logLikelihood: -Infinity },
        );
      }
      sum += gaussLegendre(g, Math.min(v, next), Math.max(v, next));
      v = next;
      if (logG(v) < top - 60) break;
    }
  }
  return top + Math.log(sum);
}

/**
 * ln I, -Infinity when t_x = T (an empty integral). Series when z(t_x) <= 0.75
 * and the two terms differ enough, quadrature otherwise.
 */
export function logParetoIntegral(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  if (!(T > tx)) return -Infinity;
  const c = r + s + x;
  const high = Math.max(alpha, beta);
  const b = alpha >= beta ? s + 1 : r + x;
  const d = Math.abs(alpha - beta);
  const z1 = d / (high + tx);
  if (z1 <= 0.75) {
    const u1 = logHyp2f1Shifted(c, b, z1) - c * Math.log(high + tx);
    const u2 = logHyp2f1Shifted(c, b, d / (high + T)) - c * Math.log(high + T);
    // A difference of under 1e-6 would lose digits to cancellation; the interval is then short and quadrature cheap.
    // A series too long to sum (NaN, for a large b) also leaves it to quadrature.
    if (u1 - u2 > 1e-6) return u1 + Math.log(-Math.expm1(u2 - u1)) - Math.log(c);
  }
  return logParetoIntegralByQuadrature(r, alpha, s, beta, x, tx, T);
}
