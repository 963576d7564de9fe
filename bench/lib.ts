/**
 * Benchmark helpers: run a task several times and report the median, so one
 * slow run (a GC pause, the other core busy) does not decide the figure.
 */
export interface Measurement {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** Times `task` `runs` times after one warm-up run and returns the median and range. */
export async function measure(name: string, task: () => unknown | Promise<unknown>, runs = 5): Promise<Measurement> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs = times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { name, runs, medianMs, minMs: times[0]!, maxMs: times[times.length - 1]! };
}

/** Prints measurements as a table, with each median's ratio to the first one's. */
export function report(title: string, rows: Measurement[]): void {
  console.log(`\n${title}`);
  const base = rows[0]?.medianMs ?? 1;
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(48)} median ${r.medianMs.toFixed(1).padStart(9)} ms  ` +
        `(min ${r.minMs.toFixed(1)}, max ${r.maxMs.toFixed(1)}, ${r.runs} runs)  x${(r.medianMs / base).toFixed(2)}`,
    );
  }
}
