// Near-duplicate detection: MinHash signatures of character shingles and
// locality-sensitive hashing (bands), then the exact Jaccard similarity of
// the candidate pairs. Reposted and copied messages (the same text sent by
// several people, or by one person again) are found in linear time.

/** Character k-shingles of a text (punctuation and whitespace dropped). */
export function shingles(text: string, k = 3): Set<string> {
  const t = text.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
  const out = new Set<string>();
  if (t.length <= k) {
    if (t) out.add(t);
    return out;
  }
  for (let i = 0; i + k <= t.length; i++) out.add(t.slice(i, i + k));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** FNV-1a, 32 bits. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A fixed (seeded) family of 32-bit hash mixers, so results do not depend on the run. */
function family(n: number): Uint32Array {
  const out = new Uint32Array(2 * n);
  let s = 12345;
  for (let i = 0; i < 2 * n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s | 1;
  }
  return out;
}

export function minhash(set: Set<string>, hashes: number): Uint32Array {
  const fam = family(hashes);
  const sig = new Uint32Array(hashes).fill(0xffffffff);
  for (const x of set) {
    const h = hash32(x);
    for (let i = 0; i < hashes; i++) {
      // xor-multiply-xorshift: cheap, and different enough per i for MinHash.
      let v = Math.imul(h ^ fam[2 * i]!, fam[2 * i + 1]!);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/**
 * Pairs [i, j] (i < j) of texts whose shingle Jaccard similarity is at least
 * `threshold`. 16 bands of 4 rows find pairs above ~0.6 with high probability;
 * every candidate is checked exactly, so there are no false positives.
 */
export function nearDuplicatePairs(
  texts: string[],
  threshold = 0.7,
  bands = 16,
  rows = 4,
): [number, number][] {
  const sets = texts.map((t) => shingles(t));
  const sigs = sets.map((s) => minhash(s, bands * rows));
  const candidates = new Set<number>();
  const n = texts.length;
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (!sets[i]!.size) continue;
      const key = Array.from(sigs[i]!.subarray(b * rows, (b + 1) * rows)).join(',');
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values())
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) candidates.add(list[x]! * n + list[y]!);
  }
  const out: [number, number][] = [];
  for (const c of candidates) {
    const i = Math.floor(c / n);
    const j = c % n;
    if (jaccard(sets[i]!, sets[j]!) >= threshold) out.push([i, j]);
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
