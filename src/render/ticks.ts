/**
 * Round numbers for axes and legends: one tick rule for every picture (steps
 * of 1, 2 or 5 times a power of ten, as d3 and most plotting libraries use).
 *
 * @internal
 * @module
 */

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least x (x > 0): a round axis end. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** The tick step: the smallest 1, 2 or 5 times a power of ten giving at most `count` intervals over `span`, and at least `minStep`. */
export function tickStep(span: number, count: number, minStep = 0): number {
  const raw = Math.max(span / Math.max(1, count), minStep, Number.MIN_VALUE);
  if (!Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** Multiples of `step` within [lo, hi] (a small tolerance at both ends), without accumulated rounding error. */
function multiples(lo: number, hi: number, step: number): number[] {
  // A step below the precision of the ends (a tiny span far from zero) has no distinct multiples: the ends alone.
  if (Math.max(Math.abs(lo), Math.abs(hi)) / step > 2 ** 50) return [lo, hi];
  const exponent = Math.floor(Math.log10(step));
  const scale = exponent < 0 ? 10 ** -exponent : 1;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let k = first; k <= last && out.length <= 1000; k++) out.push((scale === 1 ? k * step : Math.round(k * step * scale) / scale) + 0); // + 0: no -0
  return out;
}

/** Round ticks within [lo, hi]: at most about `count` intervals, steps of at least `minStep` (1 for whole offsets). */
export function ticks(lo: number, hi: number, count = 5, minStep = 0): number[] {
  if (!(hi > lo)) return [lo];
  return multiples(lo, hi, tickStep(hi - lo, count, minStep));
}

/** [lo, hi] widened to multiples of the tick step, so the axis starts and ends on a tick. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!(hi > lo)) return [lo, lo + 1];
  const step = tickStep(hi - lo, count);
  return [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

/** Round ticks for a legend: ones that end on `hi` when some round step allows it (5, 4, 6 or 3 intervals), else {@link ticks} with about 6. */
export function legendTicks(lo: number, hi: number): number[] {
  for (const count of [5, 4, 6, 3]) {
    const t = ticks(lo, hi, count);
    const last = t[t.length - 1]!;
    if (t[0] === lo && Math.abs(last - hi) <= 1e-9 * Math.max(1, Math.abs(hi))) return t;
  }
  return ticks(lo, hi, 6);
}
