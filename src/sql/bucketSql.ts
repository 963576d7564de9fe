/**
 * The period of each event, in SQL, from the same boundaries the in-memory
 * code uses: the TypeScript calendar ({@link periodBucketer}) computes the
 * period edges in the time zone (DST, week starts, ISO weeks), and they are
 * bound as one BIGINT array. Each event's period index is then found in O(1)
 * with no time zone function in the engine: a guess by integer division with
 * the mean period length, corrected by comparing with the edges around it.
 * How far a guess can be off is checked here, exactly, on every period (the
 * guess is monotone in the instant, so checking each period's first and last
 * millisecond covers every instant between), and that many correction terms
 * are written: calendar periods of one unit have nearly equal lengths, so it
 * is one.
 *
 * @internal
 * @module
 */
import type { Binder, Dialect } from "./dialect.ts";

/** Sentinels beyond any instant (8.64e15 ms at most) around the edges; safe integers, which every driver binds. */
const BELOW = -Number.MAX_SAFE_INTEGER;
const ABOVE = Number.MAX_SAFE_INTEGER;

/**
 * The SQL of the index (0-based) of the period holding `t` among periods with
 * these edges (`edges[i]` is period i's start, the last one the end), for
 * `edges[0] <= t < edges[n]`; `before` (a bound integer) for `t < edges[0]`.
 */
export function bucketSql(dialect: Dialect, binder: Binder, edges: ArrayLike<number>, t: string, before: number): string {
  const n = edges.length - 1;
  const e0 = edges[0]!;
  const length = Math.max(1, Math.floor((edges[n]! - e0) / n));
  const guess = (x: number) => Math.min(Number((BigInt(x) - BigInt(e0)) / BigInt(length)), n - 1);
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(guess(edges[i]!) - i), Math.abs(guess(edges[i + 1]! - 1) - i));
  // Padded so that every index read is inside the array: padded[m] = edges[m - d] (1-based in SQL: m + 1).
  const padded = [...Array(d).fill(BELOW), ...Array.from(edges), ...Array(d).fill(ABOVE)];
  const g = `(least(${dialect.intDiv(`${t} - ${binder.bind(e0)}`, binder.bind(length))}, ${binder.bind(n - 1)}))`;
  // k = g + #{j in 1..d : t >= edges[g + j]} - #{j in 0..d-1 : t < edges[g - j]}: the true index when |k - g| <= d.
  // The guess is written once per term; the engines compute the common subexpression once.
  const terms: string[] = [];
  // Bound only when read: an unreferenced parameter is an error in DuckDB and PostgreSQL.
  const e = d === 0 ? "" : `(${binder.bind(padded, "bigint[]")})`;
  for (let j = 1; j <= d; j++) terms.push(`+ CASE WHEN ${t} >= ${e}[${g} + ${d + j + 1}] THEN 1 ELSE 0 END`);
  for (let j = 0; j < d; j++) terms.push(`- CASE WHEN ${t} < ${e}[${g} + ${d - j + 1}] THEN 1 ELSE 0 END`);
  return `CASE WHEN ${t} < ${binder.bind(e0)} THEN ${binder.bind(before)} ELSE ${[g, ...terms].join(" ")} END`;
}
