/**
 * A small seeded random number generator and the variates the simulators
 * need: uniform, exponential, normal, gamma and beta.
 *
 * References: C. Doty-Humphrey, PractRand's sfc32 ("small fast chaotic"
 * generator, 2010s, public domain); G. Marsaglia and W. W. Tsang (2000),
 * "A Simple Method for Generating Gamma Variables", ACM Transactions on
 * Mathematical Software 26(3), 363-372 (with their boost U^(1/k) for shapes
 * below 1); the Marsaglia polar method for normal variates.
 *
 * @internal
 * @module
 */
import { ConvergenceError } from "../errors.ts";

/**
 * Most tries of a rejection step. The polar method accepts a try with probability pi/4 and
 * Marsaglia-Tsang's with at least 0.95 (for any shape), so 1000 failures in a row happen only for an
 * argument that is not a number (NaN fails every test): they end in a ConvergenceError, not a hang.
 */
const MAX_TRIES = 1000;

function rejected(sampler: string, params: Record<string, number>): ConvergenceError {
  return new ConvergenceError(`The ${sampler} sampler rejected ${MAX_TRIES} draws in a row; its arguments (${Object.entries(params).map(([k, v]) => `${k} = ${v}`).join(", ")}) are not valid.`, {
    iterations: MAX_TRIES,
    params,
    logLikelihood: -Infinity,
  });
}

/** A seeded stream of random variates. */
export interface Random {
  /** Uniform on (0, 1), never 0 or 1. */
  uniform(): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** Standard normal. */
  normal(): number;
  /** Gamma with shape k and rate (1 / scale). */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
}

/** A generator seeded by any 32-bit integer; equal seeds give equal streams. */
export function seededRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed | 0;
  const next = (): number => {
    // sfc32
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next(); // mix the seed in
  const uniform = () => (next() + 0.5) / 4294967296;
  let spare = NaN;
  const normal = (): number => {
    if (spare === spare) {
      const v = spare;
      spare = NaN;
      return v;
    }
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * f;
        return u * f;
      }
    }
    throw rejected("normal", {});
  };
  const standardGamma = (k: number): number => {
    if (k < 1) return standardGamma(k + 1) * uniform() ** (1 / k);
    const dd = k - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const x = normal();
      let v = 1 + cc * x;
      if (!(v > 0)) continue;
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
    throw rejected("gamma", { shape: k });
  };
  return {
    uniform,
    exponential: (rate) => -Math.log(uniform()) / rate,
    normal,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (a, b) => {
      const x = standardGamma(a);
      const y = standardGamma(b);
      return x + y > 0 ? x / (x + y) : a / (a + b);
    },
  };
}
