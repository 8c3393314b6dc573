// Repeat requests (重复诉求): does a new request of a requester repeat an earlier
// one of theirs on the same matter? Pure: two requests in, a similarity out.
//
// Same matter = similar text AND the same place. Text: the mean of two cosines
// (problem words from jieba, the title counted twice; character bigrams with
// the place names cut out), or 1 for a near-copy (shingle Jaccard ≥ 0.6).
// Place: the same jurisdiction, or a shared place key (estate, road, village)
// named in the address or the text. A different place is a different matter,
// however alike the words ("路灯不亮" at two estates).
import { analyse, type Place } from './text.js';
import { jaccard, shingles } from './minhash.js';

export interface RepeatRequest {
  title: string;
  description: string;
  address: string;
  jurisdiction_id: string;
}

/** At or above this similarity a request repeats the earlier one. */
export const REPEAT_THRESHOLD = 0.35;
const NEAR_COPY = 0.6;
const DETAIL_CHARS = 200;

interface Profile {
  words: Map<string, number>;
  bigrams: Map<string, number>;
  keys: Set<string>;
  shingles: Set<string>;
  /** The jurisdiction; '' when unknown (an agent still typing), which matches nothing. */
  place: string;
}

function counts(terms: string[]): Map<string, number> {
  const c = new Map<string, number>();
  for (const t of terms) c.set(t, (c.get(t) ?? 0) + 1);
  return c;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function bigramsOf(text: string, places: Place[]): string[] {
  let t = text.normalize('NFKC');
  for (const p of places) t = t.split(p.name).join('|');
  const out: string[] = [];
  for (const run of t.match(/[\u4e00-\u9fa5]+/g) ?? [])
    for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** What is compared of one request; build once per request when comparing many. */
export function repeatProfile(r: RepeatRequest): Profile {
  const detail = r.description.slice(0, DETAIL_CHARS);
  const title = analyse(r.title);
  const body = analyse(detail);
  const where = analyse(r.address);
  const places = [...title.places, ...body.places];
  return {
    words: counts([...title.words, ...title.words, ...body.words]),
    bigrams: counts([
      ...bigramsOf(r.title, title.places),
      ...bigramsOf(r.title, title.places),
      ...bigramsOf(detail, body.places),
    ]),
    keys: new Set([...places, ...where.places].flatMap((p) => p.keys)),
    shingles: shingles(`${r.title}${detail}`),
    place: r.jurisdiction_id,
  };
}

/** 0 when the places differ; else the text similarity in [0, 1]. */
export function repeatSimilarity(a: Profile, b: Profile): number {
  const samePlace =
    (a.place !== '' && a.place === b.place) || [...a.keys].some((k) => b.keys.has(k));
  if (!samePlace) return 0;
  if (jaccard(a.shingles, b.shingles) >= NEAR_COPY) return 1;
  const s = (cosine(a.words, b.words) + cosine(a.bigrams, b.bigrams)) / 2;
  return Math.round(s * 1000) / 1000;
}

/** The earlier request the new one repeats best, if any reaches the threshold. */
export function bestRepeat<T extends RepeatRequest>(
  fresh: RepeatRequest,
  earlier: T[],
  threshold = REPEAT_THRESHOLD,
): { match: T; similarity: number } | null {
  if (!earlier.length) return null;
  const p = repeatProfile(fresh);
  let best: { match: T; similarity: number } | null = null;
  for (const e of earlier) {
    const s = repeatSimilarity(p, repeatProfile(e));
    if (s >= threshold && (!best || s > best.similarity)) best = { match: e, similarity: s };
  }
  return best;
}
