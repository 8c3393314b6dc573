// Highlights for a search hit, pure: a short slice of a text around its first
// match, cut into parts that are either a query word found in it or the text
// between. The parts are plain text (the client decides how to mark them);
// joined they give back exactly the slice of the source.
import type { TicketHighlight } from '@jiesu/contracts';

export interface Part {
  text: string;
  hit: boolean;
}

export interface Snippet {
  parts: Part[];
  /** The slice's bounds in the source (UTF-16 offsets). */
  start: number;
  end: number;
}

const isLowSurrogate = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

/** The query words' occurrences in `text` (case-insensitive), left to right, longest word first at each place, not overlapping. */
export function findHits(text: string, terms: readonly string[]): Array<[number, number]> {
  const words = [...new Set(terms.map((w) => w.toLowerCase()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  const hits: Array<[number, number]> = [];
  if (!words.length) return hits;
  for (let i = 0; i < text.length;) {
    const w = isLowSurrogate(text, i)
      ? undefined
      : words.find((t) => text.slice(i, i + t.length).toLowerCase() === t);
    if (w) {
      hits.push([i, i + w.length]);
      i += w.length;
    } else i++;
  }
  return hits;
}

/**
 * A slice of at most `max` UTF-16 units of `text` around its first hit (from a
 * little before it), cut into parts; null when no query word occurs in it. A
 * word cut by the slice's end is left unmarked.
 */
export function snippet(
  text: string,
  terms: readonly string[],
  opts: { max?: number; before?: number } = {},
): Snippet | null {
  const max = opts.max ?? 80;
  const hits = findHits(text, terms);
  if (!hits.length) return null;
  const [first, firstEnd] = hits[0]!;
  // From a little before the first hit, but with all of it inside the slice.
  let start = Math.max(0, firstEnd - max, Math.min(first - (opts.before ?? 16), text.length - max));
  start = Math.min(start, first);
  // Never split a surrogate pair: step past its low half (a hit never starts with one, and
  // stepping back could make the slice longer than `max`).
  if (start > 0 && isLowSurrogate(text, start)) start++;
  let end = Math.max(firstEnd, Math.min(text.length, start + max));
  if (end < text.length && isLowSurrogate(text, end)) end--;
  const parts: Part[] = [];
  let at = start;
  for (const [s, e] of hits) {
    if (e <= start) continue;
    if (e > end) break;
    if (s > at) parts.push({ text: text.slice(at, s), hit: false });
    parts.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < end) parts.push({ text: text.slice(at, end), hit: false });
  return { parts, start, end };
}

/**
 * The fields of a hit where a query word occurs: title, address, description,
 * the first reply that has one. `addressTerms` are marked in the address only
 * (the query's fragment, which only addresses are searched for).
 */
export function ticketHighlights(
  t: { title: string; address: string; description: string; replies: readonly string[] },
  terms: readonly string[],
  addressTerms: readonly string[] = [],
): TicketHighlight[] {
  const out: TicketHighlight[] = [];
  const add = (field: TicketHighlight['field'], text: string, max: number) => {
    const s = snippet(text, field === 'address' ? [...terms, ...addressTerms] : terms, { max });
    if (!s) return false;
    out.push({ field, parts: s.parts, cutStart: s.start > 0, cutEnd: s.end < text.length });
    return true;
  };
  add('title', t.title, 100);
  add('address', t.address, 100);
  add('description', t.description, 80);
  for (const r of t.replies) if (add('reply', r, 80)) break;
  return out;
}
