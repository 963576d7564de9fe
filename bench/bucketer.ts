/**
 * The period bucketer on 10 million sorted instants over two years, by month
 * in America/New_York: the linear sweep (sorted input), the fallback path for
 * unsorted input (a guess from the mean month length and a step or two), and for scale the naive per-instant
 * `startOfMonth(new TZDate(t, zone))` on a 100k subset, extrapolated to 10M.
 * Checks that the bucketer and the naive way agree before timing.
 * Run: `node --expose-gc --import tsx bench/bucketer.ts`.
 */
import { pathToFileURL } from "node:url";
import { TZDate } from "@date-fns/tz";
import { startOfMonth } from "date-fns";
import { periodBucketer } from "../src/periods/index.ts";
import { measure, type Measurement, report } from "./lib.ts";
import { mulberry32 } from "../scripts/prng.ts";

const COUNT = 10_000_000;
const NAIVE_COUNT = 100_000;
const ZONE = "America/New_York";
const FROM = Date.UTC(2023, 0, 1);
const TO = Date.UTC(2025, 0, 1);

function sortedInstants(n: number, random: () => number): Float64Array {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = FROM + Math.floor(random() * (TO - FROM));
  return times.sort();
}

function shuffled(times: Float64Array, random: () => number): Float64Array {
  const out = times.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

function rate(m: Measurement, n: number): string {
  const perSecond = (n / m.medianMs) * 1000;
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(1)} million/s` : `${(perSecond / 1e3).toFixed(1)} thousand/s`;
}

/** Benchmarks the month bucketer against the naive per-instant date-fns call. */
export async function benchBucketer(): Promise<void> {
  const random = mulberry32(20_241_115);
  const times = sortedInstants(COUNT, random);
  const mixed = shuffled(times, random);
  const bucketer = periodBucketer(FROM, TO - 1, { unit: "month", timeZone: ZONE });
  const out = new Int32Array(COUNT);

  // Agreement first: the bucketer's period start must be the naive month start on a spread-out subset.
  const step = Math.floor(COUNT / NAIVE_COUNT);
  const subset = new Float64Array(NAIVE_COUNT);
  for (let i = 0; i < NAIVE_COUNT; i++) subset[i] = mixed[i * step]!;
  const subsetBuckets = bucketer.bucket(subset);
  for (let i = 0; i < NAIVE_COUNT; i++) {
    const naive = startOfMonth(new TZDate(subset[i]!, ZONE)).getTime();
    if (bucketer.boundaries[subsetBuckets[i]!] !== naive) throw new Error(`bucketer and date-fns disagree at ${new Date(subset[i]!).toISOString()}`);
  }
  const sortedOnce = bucketer.bucket(times);
  const mixedOnce = bucketer.bucket(mixed);
  let sumSorted = 0;
  let sumMixed = 0;
  for (let i = 0; i < COUNT; i++) {
    sumSorted += sortedOnce[i]!;
    sumMixed += mixedOnce[i]!;
  }
  if (sumSorted !== sumMixed) throw new Error("sorted and shuffled inputs gave different buckets");

  const build = await measure("periodBucketer(2 years, month, New York) build", () => periodBucketer(FROM, TO - 1, { unit: "month", timeZone: ZONE }), 5);
  const sorted = await measure(`bucket: ${COUNT / 1e6}M sorted instants (linear sweep)`, () => bucketer.bucket(times, out), 7);
  const unsorted = await measure(`bucket: ${COUNT / 1e6}M shuffled instants (guess and walk)`, () => bucketer.bucket(mixed, out), 5);
  const index = await measure(`indexOf per instant: ${COUNT / 1e6}M sorted`, () => {
    let s = 0;
    for (let i = 0; i < COUNT; i++) s += bucketer.indexOf(times[i]!);
    return s;
  }, 5);
  const naive = await measure(`naive startOfMonth(new TZDate): ${NAIVE_COUNT / 1e3}k`, () => {
    let s = 0;
    for (let i = 0; i < NAIVE_COUNT; i++) s += startOfMonth(new TZDate(subset[i]!, ZONE)).getTime();
    return s;
  }, 3);
  const factor = COUNT / NAIVE_COUNT;
  const naiveScaled: Measurement = {
    ...naive,
    name: `naive, extrapolated to ${COUNT / 1e6}M (x${factor})`,
    medianMs: naive.medianMs * factor,
    minMs: naive.minMs * factor,
    maxMs: naive.maxMs * factor,
  };

  report(`Period bucketer: ${COUNT / 1e6}M instants over 2 years to ${bucketer.periods.length} months in ${ZONE}`, [sorted, unsorted, index, naiveScaled, naive, build]);
  console.log(`  sorted ${rate(sorted, COUNT)}, shuffled ${rate(unsorted, COUNT)}, indexOf ${rate(index, COUNT)}, naive ${rate(naive, NAIVE_COUNT)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchBucketer();
}
