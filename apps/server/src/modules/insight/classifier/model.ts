// The dispatch classifier: TF-IDF features (features.ts) and one linear SVM per
// label (linear.ts), scores as a softmax over the margins. Labels are opaque
// strings, so the same code learns category codes or lead-unit ids.
import {
  DEFAULT_FEATURES,
  termCounts,
  vectorise,
  type FeatureOptions,
  type Sparse,
  type Counts,
  type TermCounts,
} from './features.js';
import { DEFAULT_SVM, trainBinary, type SvmOptions } from './linear.js';

export const MODEL_VERSION = 1;

export interface TrainOptions {
  features: FeatureOptions;
  svm: SvmOptions;
  /** Keep features seen in at least this many training texts. */
  minDf: number;
  /**
   * NB-SVM (Wang & Manning 2012): scale each binary problem's features by the
   * log-count ratio of the label vs the rest, smoothed by `nbAlpha`; 0 = plain
   * SVM. `nbBeta` interpolates the scaled model with the mean weight.
   */
  nbAlpha: number;
  /** Softmax scale applied to the margins. */
  temperature: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  features: DEFAULT_FEATURES,
  svm: DEFAULT_SVM,
  minDf: 2,
  nbAlpha: 0,
  temperature: 4,
};

/** Options as given: any part may be left out. */
export type TrainInput = Partial<Omit<TrainOptions, 'features' | 'svm'>> & {
  features?: Partial<FeatureOptions>;
  svm?: Partial<SvmOptions>;
};

export interface Example {
  text: string;
  label: string;
}

export interface Model {
  version: number;
  options: TrainOptions;
  labels: string[];
  /** Hashed feature ids kept, ascending; position = compact index. */
  keys: Int32Array;
  idf: Float32Array;
  /** keys.length × labels.length weights, feature-major (one cache line per feature when predicting). */
  weights: Float32Array;
  bias: Float32Array;
  /** Built on load: hashed id → compact index, -1 for features not kept. */
  lookup: Int32Array;
  /**
   * Built on load: per kept feature one row [idf, weight of each label], so that
   * predicting touches one cache line per feature.
   */
  rows: Float32Array;
}

export interface Scored {
  label: string;
  score: number;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function mergeOptions(o: TrainInput = {}): TrainOptions {
  return {
    ...DEFAULT_TRAIN,
    ...o,
    features: { ...DEFAULT_FEATURES, ...o.features },
    svm: { ...DEFAULT_SVM, ...o.svm },
  };
}

/**
 * Learn from labelled texts. The rows are put in a canonical order first, so
 * the model does not depend on the order they came in.
 */
export function train(examples: readonly Example[], options: TrainInput = {}): Model {
  const o = mergeOptions(options);
  if (examples.length === 0) throw new Error('no training examples');
  const rows = [...examples].sort((a, b) => cmp(a.text, b.text) || cmp(a.label, b.label));
  const labels = [...new Set(rows.map((r) => r.label))].sort(cmp);
  if (labels.length < 2) throw new Error('need at least two labels');
  const counts: TermCounts[] = rows.map((r) => termCounts(r.text, o.features));

  const df = new Map<number, number>();
  for (const tc of counts) {
    const seen = new Set<number>([...tc.chars.ids, ...tc.words.ids, ...tc.head.ids]);
    for (const h of seen) df.set(h, (df.get(h) ?? 0) + 1);
  }
  const keys = Int32Array.from([...df].filter(([, d]) => d >= o.minDf).map(([h]) => h)).sort();
  const n = rows.length;
  const idf = new Float32Array(keys.length);
  keys.forEach((h, i) => (idf[i] = Math.log((1 + n) / (1 + df.get(h)!)) + 1));
  const lookup = lookupTable(keys, o.features.hashBits);
  const X: Sparse[] = counts.map((tc) => vectorise(tc, lookup, idf, o.features));

  const dim = keys.length;
  const weights = new Float32Array(labels.length * dim);
  const bias = new Float32Array(labels.length);
  const labelIndex = rows.map((r) => labels.indexOf(r.label));
  const perLabel = labels.map((_, c) => labelIndex.filter((l) => l === c).length);
  labels.forEach((_, c) => {
    const y = Int8Array.from(labelIndex, (l) => (l === c ? 1 : -1));
    const cost = Float64Array.from(labelIndex, (l) =>
      o.svm.balanced ? (o.svm.C * n) / (labels.length * perLabel[l]!) : o.svm.C,
    );
    let rows = X;
    let r: Float64Array | undefined;
    if (o.nbAlpha > 0) {
      r = logCountRatio(X, y, dim, o.nbAlpha);
      rows = X.map(({ idx, val }) => ({
        idx,
        val: Float32Array.from(val, (v, k) => v * r![idx[k]!]!),
      }));
    }
    const m = trainBinary(rows, y, cost, dim, { ...o.svm, seed: o.svm.seed + c });
    // (w ∘ r) · x = w · (r ∘ x): fold the scaling into the weights.
    if (r) for (let j = 0; j < dim; j++) m.w[j]! *= r[j]!;
    const L = labels.length;
    for (let j = 0; j < dim; j++) weights[j * L + c] = m.w[j]!;
    bias[c] = m.b;
  });
  const packed = packRows(idf, weights, labels.length);
  return {
    version: MODEL_VERSION,
    options: o,
    labels,
    keys,
    idf,
    weights,
    bias,
    lookup,
    rows: packed,
  };
}

function packRows(idf: Float32Array, weights: Float32Array, L: number): Float32Array {
  const rows = new Float32Array(idf.length * (L + 1));
  for (let j = 0; j < idf.length; j++) {
    rows[j * (L + 1)] = idf[j]!;
    rows.set(weights.subarray(j * L, (j + 1) * L), j * (L + 1) + 1);
  }
  return rows;
}

function lookupTable(keys: Int32Array, hashBits: number): Int32Array {
  const t = new Int32Array(1 << hashBits).fill(-1);
  keys.forEach((h, i) => (t[h] = i));
  return t;
}

function logCountRatio(X: Sparse[], y: Int8Array, dim: number, alpha: number): Float64Array {
  const p = new Float64Array(dim).fill(alpha);
  const q = new Float64Array(dim).fill(alpha);
  X.forEach(({ idx, val }, i) => {
    const t = y[i]! > 0 ? p : q;
    for (let k = 0; k < idx.length; k++) t[idx[k]!]! += val[k]!;
  });
  let ps = 0;
  let qs = 0;
  for (let j = 0; j < dim; j++) {
    ps += p[j]!;
    qs += q[j]!;
  }
  const r = new Float64Array(dim);
  for (let j = 0; j < dim; j++) r[j] = Math.abs(Math.log(p[j]! / ps / (q[j]! / qs)));
  return r;
}

/**
 * The margin of each label for one text: the dot products with the TF-IDF
 * vector of `vectorise`, computed in one pass per block — the block's norm is
 * known only at its end, so its sums are scaled then.
 */
export function margins(model: Model, text: string): Float64Array {
  const o = model.options.features;
  const tc = termCounts(text, o);
  const L = model.labels.length;
  const R = L + 1;
  const out = Float64Array.from(model.bias);
  const sums = new Float64Array(L);
  const { lookup, rows } = model;
  const block = (c: Counts, weight: number) => {
    sums.fill(0);
    let norm = 0;
    for (let i = 0; i < c.ids.length; i++) {
      const id = lookup[c.ids[i]!]!;
      if (id < 0) continue;
      const base = id * R;
      const v = (1 + Math.log(c.tf[i]!)) * rows[base]!;
      norm += v * v;
      for (let k = 0; k < L; k++) sums[k]! += rows[base + 1 + k]! * v;
    }
    if (norm === 0) return;
    const s = weight / Math.sqrt(norm);
    for (let k = 0; k < L; k++) out[k]! += sums[k]! * s;
  };
  block(tc.chars, 1);
  if (o.words && o.wordWeight > 0) block(tc.words, o.wordWeight);
  if (o.headChars > 0 && o.headWeight > 0) block(tc.head, o.headWeight);
  return out;
}

/** Softmax of the scaled margins: a probability per label. */
export function probabilities(model: Model, m: Float64Array): Float64Array {
  const t = model.options.temperature;
  let max = -Infinity;
  for (const v of m) max = Math.max(max, v);
  const p = Float64Array.from(m, (v) => Math.exp(t * (v - max)));
  let sum = 0;
  for (const v of p) sum += v;
  for (let i = 0; i < p.length; i++) p[i]! /= sum;
  return p;
}

/** The `k` most likely labels, best first (ties broken by label). */
export function predict(model: Model, text: string, k = 3): Scored[] {
  const p = probabilities(model, margins(model, text));
  return model.labels
    .map((label, i) => ({ label, score: p[i]! }))
    .sort((a, b) => b.score - a.score || cmp(a.label, b.label))
    .slice(0, k);
}

// --- serialisation: JSON with the numeric arrays as base64 (little-endian) ---

function b64(a: Int32Array | Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
function fromB64<T extends Int32Array | Float32Array>(
  s: string,
  C: { new (b: ArrayBuffer): T },
): T {
  const buf = Buffer.from(s, 'base64');
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return new C(copy);
}

export function serialise(model: Model): string {
  return JSON.stringify({
    kind: 'jiesu-classifier',
    version: model.version,
    options: model.options,
    labels: model.labels,
    keys: b64(model.keys),
    idf: b64(model.idf),
    weights: b64(model.weights),
    bias: b64(model.bias),
  });
}

export function deserialise(json: string): Model {
  const d = JSON.parse(json) as Record<string, unknown>;
  if (d.kind !== 'jiesu-classifier') throw new Error('not a classifier model file');
  if (d.version !== MODEL_VERSION)
    throw new Error(
      `model version ${String(d.version)} is not supported (expected ${MODEL_VERSION})`,
    );
  const keys = fromB64(d.keys as string, Int32Array);
  const options = d.options as TrainOptions;
  const lookup = lookupTable(keys, options.features.hashBits);
  const idf = fromB64(d.idf as string, Float32Array);
  const weights = fromB64(d.weights as string, Float32Array);
  return {
    version: MODEL_VERSION,
    options,
    labels: d.labels as string[],
    keys,
    idf,

    weights,
    bias: fromB64(d.bias as string, Float32Array),
    lookup,
    rows: packRows(idf, weights, (d.labels as string[]).length),
  };
}
