/**
 * Pearson's correlation coefficient of two columns.
 *
 * @internal
 * @module
 */

/**
 * Pearson correlation of two columns; 0 when either is constant. With `weights`, row i counts
 * `weights[i]` times (the correlation of the rows repeated that often).
 */
export function correlation(a: Float64Array, b: Float64Array, weights: Float64Array | null = null): number {
  const n = a.length;
  let total = n;
  if (weights !== null) {
    total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
  }
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    ma += (w * a[i]!) / total;
    mb += (w * b[i]!) / total;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    const w = weights === null ? 1 : weights[i]!;
    sab += w * da * db;
    saa += w * da * da;
    sbb += w * db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
