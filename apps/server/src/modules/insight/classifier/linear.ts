// One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual
// coordinate descent — the LIBLINEAR solver (Hsieh et al., ICML 2008) — on
// sparse rows. Deterministic: the visiting order comes from a seeded PRNG.
import type { Sparse } from './features.js';

export interface SvmOptions {
  /** Inverse regularisation strength. */
  C: number;
  /** Value of the constant bias feature (0: no bias). */
  bias: number;
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this. */
  eps: number;
  seed: number;
  /** Weight the loss of each class by n / (k · n_class) (balanced). */
  balanced: boolean;
}

export const DEFAULT_SVM: SvmOptions = {
  C: 2,
  bias: 1,
  maxEpochs: 60,
  eps: 0.05,
  seed: 1,
  balanced: true,
};

/** mulberry32: small, seedable, good enough to shuffle. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BinaryModel {
  /** Weights indexed by compact feature index. */
  w: Float32Array;
  b: number;
}

/**
 * Train one binary classifier. `rows` use compact feature indices in [0, dim).
 * `y[i]` is +1 or -1; `cost[i]` the per-row C.
 */
export function trainBinary(
  rows: Sparse[],
  y: Int8Array,
  cost: Float64Array,
  dim: number,
  o: SvmOptions,
): BinaryModel {
  const n = rows.length;
  const w = new Float64Array(dim);
  let b = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / cost[i]!;
    const { val } = rows[i]!;
    let s = o.bias * o.bias;
    for (let k = 0; k < val.length; k++) s += val[k]! * val[k]!;
    qd[i] = s + diag[i]!;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rand = prng(o.seed);
  for (let epoch = 0; epoch < o.maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < n; s++) {
      const i = order[s]!;
      const { idx, val } = rows[i]!;
      const yi = y[i]!;
      let dot = b * o.bias;
      for (let k = 0; k < idx.length; k++) dot += w[idx[k]!]! * val[k]!;
      const g = yi * dot - 1 + alpha[i]! * diag[i]!;
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i]!;
        const a = Math.max(old - g / qd[i]!, 0);
        alpha[i] = a;
        const d = (a - old) * yi;
        if (d !== 0) {
          for (let k = 0; k < idx.length; k++) w[idx[k]!]! += d * val[k]!;
          b += d * o.bias;
        }
      }
    }
    if (pgMax - pgMin < o.eps) break;
  }
  return { w: Float32Array.from(w), b: b * o.bias };
}
