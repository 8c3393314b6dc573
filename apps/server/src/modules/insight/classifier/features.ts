// Text → sparse feature vector for the dispatch classifier: character n-grams
// and jieba words, hashed into a fixed space (no vocabulary strings are kept,
// so a model file holds no text of the tickets it learned from).
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export interface FeatureOptions {
  /** Character n-gram orders, e.g. [1, 3] for uni-, bi- and trigrams. */
  charMin: number;
  charMax: number;
  /** Include jieba words (and word bigrams when `wordBigrams`). */
  words: boolean;
  wordBigrams: boolean;
  /** Weight of the word block relative to the character block (each L2-normalised first). */
  wordWeight: number;
  /** log2 of the hashed space. */
  hashBits: number;
  /** Extra block: character n-grams of the first `headChars` characters (the title, mostly); 0 = off. */
  headChars: number;
  headWeight: number;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  charMin: 1,
  charMax: 2,
  words: true,
  wordBigrams: false,
  wordWeight: 1,
  hashBits: 18,
  headChars: 30,
  headWeight: 0.5,
};

/** Full-width → half-width, lower case, runs of digits → one '0', whitespace dropped. */
export function normalise(text: string): number[] {
  const out: number[] = [];
  let lastDigit = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
    if (c >= 65 && c <= 90) c += 32;
    if (c <= 0x20 || c === 0xa0) continue;
    if (c >= 48 && c <= 57) {
      if (lastDigit) continue;
      lastDigit = true;
      out.push(48);
      continue;
    }
    lastDigit = false;
    out.push(c);
  }
  return out;
}

function codesToString(codes: number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 4096)
    s += String.fromCharCode(...codes.slice(i, i + 4096));
  return s;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(h: number, c: number): number {
  h = Math.imul(h ^ (c & 0xffff), FNV_PRIME);
  return h;
}

/** Final avalanche (murmur3 fmix32) so low bits are well spread. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return fmix(h);
}

/** Term counts of one block: distinct hashed ids and their counts. */
export interface Counts {
  ids: Int32Array;
  tf: Int32Array;
}

/** Raw term counts per block: characters, jieba words, the head (first characters). */
export interface TermCounts {
  chars: Counts;
  words: Counts;
  head: Counts;
}

/**
 * Count the hashes with a small open-addressing table (it stays in the CPU
 * cache); the distinct ids come out in table order (deterministic).
 */
function count(hashes: number[]): Counts {
  let size = 16;
  while (size < hashes.length * 2) size *= 2;
  const keys = new Int32Array(size).fill(-1);
  const counts = new Int32Array(size);
  const m = size - 1;
  let distinct = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    let slot = Math.imul(h, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= m;
      const k = keys[slot]!;
      if (k === h) break;
      if (k === -1) {
        keys[slot] = h;
        distinct++;
        break;
      }
      slot++;
    }
    counts[slot]! += 1;
  }
  const ids = new Int32Array(distinct);
  const tf = new Int32Array(distinct);
  let j = 0;
  for (let slot = 0; slot < size; slot++)
    if (keys[slot] !== -1) {
      ids[j] = keys[slot]!;
      tf[j++] = counts[slot]!;
    }
  return { ids, tf };
}

/** Hashes of the character n-grams of `codes[from, to)`, passed to `emit`. */
function charGrams(
  codes: number[],
  to: number,
  o: FeatureOptions,
  salt: number,
  mask: number,
  emit: (id: number) => void,
): void {
  for (let n = o.charMin; n <= o.charMax; n++) {
    const seed = Math.imul(salt, n + 1);
    for (let i = 0; i + n <= to; i++) {
      let h = seed;
      for (let k = 0; k < n; k++) h = mix(h, codes[i + k]!);
      emit(fmix(h) & mask);
    }
  }
}

/** Hashes of the jieba words (and word bigrams), passed to `emit`. */
function wordHashes(
  codes: number[],
  o: FeatureOptions,
  mask: number,
  emit: (id: number) => void,
): void {
  const tokens = segmenter().cut(codesToString(codes), true).filter(isWord);
  for (let i = 0; i < tokens.length; i++) {
    emit(hashString(0x9e3779b9, tokens[i]!) & mask);
    if (o.wordBigrams && i + 1 < tokens.length)
      emit(hashString(0x7f4a7c15, `${tokens[i]}\u0001${tokens[i + 1]}`) & mask);
  }
}

const HEAD_SALT = 0x27d4eb2f;

/** A word worth keeping: it has a letter or a CJK character (not only punctuation and digits). */
function isWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x3400 || (c >= 97 && c <= 122)) {
      if (c >= 0x3000 && c <= 0x303f) continue; // CJK punctuation
      if (c >= 0xff00 && c <= 0xffef) continue; // full-width forms left over
      return true;
    }
  }
  return false;
}

export function termCounts(text: string, o: FeatureOptions): TermCounts {
  const mask = (1 << o.hashBits) - 1;
  const codes = normalise(text);
  const collect = (f: (emit: (id: number) => void) => void) => {
    const out: number[] = [];
    f((id) => out.push(id));
    return count(out);
  };
  return {
    chars: collect((e) => charGrams(codes, codes.length, o, FNV_OFFSET, mask, e)),
    words: collect((e) => (o.words ? wordHashes(codes, o, mask, e) : undefined)),
    head: collect((e) =>
      o.headChars > 0
        ? charGrams(codes, Math.min(o.headChars, codes.length), o, HEAD_SALT, mask, e)
        : undefined,
    ),
  };
}

/** A sparse vector: parallel arrays of feature ids (ascending) and values. */
export interface Sparse {
  idx: Int32Array;
  val: Float32Array;
}

/**
 * Sublinear TF-IDF per block over the model's features: `lookup` maps a hashed
 * id to its compact index (-1: unknown, dropped), `idf` is by compact index.
 * Each block is L2-normalised and weighted (the word block by `wordWeight`, the
 * head by `headWeight`); the blocks are concatenated (an index may repeat, which
 * the linear model treats as the sum).
 */
export function vectorise(
  tc: TermCounts,
  lookup: Int32Array,
  idf: Float32Array,
  o: FeatureOptions,
): Sparse {
  const blocks: [Counts, number][] = [[tc.chars, 1]];
  if (o.words && o.wordWeight > 0) blocks.push([tc.words, o.wordWeight]);
  if (o.headChars > 0 && o.headWeight > 0) blocks.push([tc.head, o.headWeight]);
  let size = 0;
  for (const [c] of blocks) size += c.ids.length;
  const idx = new Int32Array(size);
  const val = new Float32Array(size);
  let n = 0;
  for (const [c, weight] of blocks) {
    const start = n;
    let norm = 0;
    for (let i = 0; i < c.ids.length; i++) {
      const id = lookup[c.ids[i]!]!;
      if (id < 0) continue;
      const v = (1 + Math.log(c.tf[i]!)) * idf[id]!;
      idx[n] = id;
      val[n++] = v;
      norm += v * v;
    }
    if (norm === 0) continue;
    const s = weight / Math.sqrt(norm);
    for (let i = start; i < n; i++) val[i]! *= s;
  }
  return { idx: idx.subarray(0, n), val: val.subarray(0, n) };
}
