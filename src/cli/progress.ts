/**
 * Progress lines on stderr for the steps of a report that take more than a
 * second: a line when a step ends after more than a second, and, while a file
 * is read, a line about every second with the rows and bytes read so far.
 *
 * @module
 */
import type { ReadProgress } from "../io/index.ts";

/** Where progress goes, and the clock it is timed with (injectable for tests). */
export interface ProgressOptions {
  /** Writes one line (without its newline). */
  write: (line: string) => void;
  /** Milliseconds since some origin; default `performance.now()`. */
  now?: () => number;
  /** Steps shorter than this are not reported, in ms; default 1000. */
  threshold?: number;
}

/** Times the steps of a report. */
export interface Progress {
  /** Runs one step, reporting it when it takes longer than the threshold. */
  step<T>(label: string, work: () => T): T;
  /** Runs one asynchronous step, reporting it when it takes longer than the threshold. */
  stepAsync<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** A `readEvents` `onProgress` callback that reports the read about every second after the first. */
  reading(label: string): (p: ReadProgress) => void;
}

/** A {@link Progress} writing through `options.write`. */
export function progress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const threshold = options.threshold ?? 1000;
  const done = (label: string, started: number) => {
    const ms = now() - started;
    if (ms > threshold) options.write(`${label}: ${seconds(ms)}`);
  };
  return {
    step<T>(label: string, work: () => T): T {
      const started = now();
      const result = work();
      done(label, started);
      return result;
    },
    async stepAsync<T>(label: string, work: () => Promise<T>): Promise<T> {
      const started = now();
      const result = await work();
      done(label, started);
      return result;
    },
    reading(label: string): (p: ReadProgress) => void {
      const started = now();
      let last = started;
      return (p) => {
        const t = now();
        if (t - started <= threshold || t - last < threshold) return;
        last = t;
        const share = p.totalBytes === undefined || p.totalBytes === 0 ? "" : `, ${Math.min(100, Math.round((100 * p.bytes) / p.totalBytes))}% of the file`;
        options.write(`${label}: ${p.rows.toLocaleString("en-US")} rows${share} (${seconds(t - started)})`);
      };
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
