// A small seeded pseudo-random generator, so that the demo content is a pure function of its seed.
// mulberry32: 32-bit state, fast, good enough for picking demo data (not for anything secret).

/** A 32-bit hash of a string (FNV-1a), used to derive independent streams from one seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Element `i` of `items`; throws instead of returning undefined (the callers never index out of range). */
export function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} out of range 0..${items.length - 1}`);
  return item;
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number, stream = '') {
    this.next = mulberry32((seed ^ hashString(stream)) >>> 0);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  /** Picks by weight; entries with a weight ≤ 0 are never picked. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) if (w > 0) total += w;
    if (total <= 0) throw new Error('weighted(): no entry has a positive weight');
    let r = this.next() * total;
    let last: T | undefined;
    for (const [value, w] of entries) {
      if (w <= 0) continue;
      last = value;
      r -= w;
      if (r < 0) return value;
    }
    if (last === undefined) throw new Error('weighted(): unreachable');
    return last;
  }

  /** Picks from a record of weights, e.g. `{ help: 3, complaint: 1 }`. */
  weightedKey<K extends string>(weights: Partial<Record<K, number>>): K {
    return this.weighted(Object.entries(weights) as [K, number][]);
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = at(out, i);
      out[i] = at(out, j);
      out[j] = a;
    }
    return out;
  }
}

/** Cumulative-weight table for repeated picks from a large, fixed list (binary search per pick). */
export class WeightedTable<T> {
  private readonly values: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [value, w] of entries) {
      if (w <= 0) continue;
      this.total += w;
      this.values.push(value);
      this.cumulative.push(this.total);
    }
  }

  get size(): number {
    return this.values.length;
  }

  pick(rng: Random): T {
    if (this.total <= 0) throw new Error('WeightedTable.pick(): empty table');
    const r = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(this.cumulative, mid) > r) hi = mid;
      else lo = mid + 1;
    }
    return at(this.values, lo);
  }
}
