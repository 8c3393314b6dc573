// Where a point or an address lies, over one tenant's places (townships, villages and
// communities, grids). Pure: the service loads the places and keeps the index per tenant.
import type { GeoBoundary, JurisdictionLevel, PlaceResolution } from '@jiesu/contracts';
import {
  bboxArea,
  bboxContains,
  bboxOf,
  pointInBoundary,
  validateBoundary,
  type BBox,
} from './geo.js';

export interface PlaceRow {
  id: string;
  parent_id: string | null;
  level: JurisdictionLevel;
  code: string;
  name: string;
  boundary: unknown;
}

interface Place {
  id: string;
  parentId: string | null;
  level: JurisdictionLevel;
  code: string;
  name: string;
}

interface Shape {
  place: Place;
  boundary: GeoBoundary;
  bbox: BBox;
  area: number;
}

export interface PlaceIndex {
  byId: Map<string, Place>;
  /** Places with a usable boundary, by level, smallest box first (then by code). */
  shapes: Record<ResolvedLevel, Shape[]>;
  /** Every name a place is called by (its name, and without its suffix) → the places. */
  names: Map<string, Place[]>;
}

/** Deepest first: a point is in the smallest place whose boundary holds it. */
const RESOLVED_LEVELS = ['micro_grid', 'grid', 'village', 'township'] as const;
type ResolvedLevel = (typeof RESOLVED_LEVELS)[number];
const isResolved = (l: JurisdictionLevel): l is ResolvedLevel =>
  (RESOLVED_LEVELS as readonly string[]).includes(l);
const DEPTH: Partial<Record<JurisdictionLevel, number>> = {
  township: 1,
  village: 2,
  grid: 3,
  micro_grid: 4,
};
/** Suffixes a caller often leaves out: 东湖社区 → 东湖, 东沟村 → 东沟. */
const SUFFIXES = ['社区', '网格', '街道', '村', '镇', '乡'];

function aliases(name: string): string[] {
  const out = [name];
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) out.push(name.slice(0, -s.length));
  }
  return out;
}

const byCode = (a: Place, b: Place) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Builds the index; a stored boundary that is not a valid polygon is ignored, not fatal. */
export function buildIndex(rows: readonly PlaceRow[]): PlaceIndex {
  const byId = new Map<string, Place>();
  const shapes: PlaceIndex['shapes'] = { micro_grid: [], grid: [], village: [], township: [] };
  const names = new Map<string, Place[]>();
  for (const r of rows) {
    const place: Place = {
      id: r.id,
      parentId: r.parent_id,
      level: r.level,
      code: r.code,
      name: r.name,
    };
    byId.set(r.id, place);
    const level = r.level;
    if (!isResolved(level)) continue;
    if (r.boundary !== null && r.boundary !== undefined) {
      const v = validateBoundary(r.boundary);
      if (v.ok) {
        const bbox = bboxOf(v.boundary);
        shapes[level].push({ place, boundary: v.boundary, bbox, area: bboxArea(bbox) });
      }
    }
    for (const a of aliases(r.name)) {
      const list = names.get(a) ?? [];
      if (!list.includes(place)) list.push(place);
      names.set(a, list);
    }
  }
  for (const l of RESOLVED_LEVELS) {
    shapes[l].sort((a, b) => a.area - b.area || byCode(a.place, b.place));
  }
  return { byId, shapes, names };
}

/**
 * The deepest place whose boundary holds the point: a micro-grid, else a grid, else a village,
 * else a township.
 */
export function placeAtPoint(index: PlaceIndex, lng: number, lat: number): Place | null {
  for (const level of RESOLVED_LEVELS) {
    for (const s of index.shapes[level]) {
      if (bboxContains(s.bbox, lng, lat) && pointInBoundary(lng, lat, s.boundary)) return s.place;
    }
  }
  return null;
}

interface Occurrence {
  start: number;
  end: number;
  text: string;
  places: Place[];
}

/**
 * The place named in an address. Every known name (and its short form) found in the text
 * is an occurrence; one lying inside a longer occurrence is dropped (石峪 in 石峪乡). A place
 * scores the length of its occurrence plus those of its ancestors also named (石峪乡东沟村:
 * 东沟村 scores 6). A name several places share (第一网格) counts only when an ancestor is
 * named too. The highest score wins, then the deeper place, then the lower code.
 */
export function placeInAddress(
  index: PlaceIndex,
  address: string,
): { place: Place; matched: string } | null {
  const text = address.replace(/\s+/g, '');
  if (text.length < 2) return null;
  const found: Occurrence[] = [];
  for (const [name, places] of index.names) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      found.push({ start: at, end: at + name.length, text: name, places });
      from = at + 1;
    }
  }
  const kept = found.filter(
    (o) =>
      !found.some(
        (p) => p !== o && p.start <= o.start && p.end >= o.end && p.end - p.start > o.end - o.start,
      ),
  );
  /** What a place's ancestors score: their longest occurrences apart from `o`. */
  const ancestorsScore = (p: Place, o: Occurrence): number => {
    let score = 0;
    for (let id = p.parentId; id; id = index.byId.get(id)?.parentId ?? null) {
      let longest = 0;
      for (const q of kept) {
        const apart = q.end <= o.start || q.start >= o.end;
        if (apart && q.places.some((x) => x.id === id))
          longest = Math.max(longest, q.end - q.start);
      }
      score += longest;
    }
    return score;
  };

  let best: { place: Place; matched: string; score: number } | null = null;
  for (const o of kept) {
    for (const p of o.places) {
      const up = ancestorsScore(p, o);
      if (o.places.length > 1 && up === 0) continue; // ambiguous without its parent
      const score = o.end - o.start + up;
      const better =
        !best ||
        score > best.score ||
        (score === best.score &&
          ((DEPTH[p.level] ?? 0) > (DEPTH[best.place.level] ?? 0) ||
            ((DEPTH[p.level] ?? 0) === (DEPTH[best.place.level] ?? 0) &&
              byCode(p, best.place) < 0)));
      if (better) best = { place: p, matched: o.text, score };
    }
  }
  return best && { place: best.place, matched: best.matched };
}

type Refs = Pick<PlaceResolution, 'microGrid' | 'grid' | 'village' | 'township'>;
const FIELD: Record<ResolvedLevel, keyof Refs> = {
  micro_grid: 'microGrid',
  grid: 'grid',
  village: 'village',
  township: 'township',
};

/** The micro-grid, grid, village and township of a place (itself and its ancestors). */
export function refsOf(index: PlaceIndex, place: Place | null): Refs {
  const out: Refs = {
    microGrid: null,
    grid: null,
    village: null,
    township: null,
  };
  for (let p = place; p; p = p.parentId ? (index.byId.get(p.parentId) ?? null) : null) {
    if (isResolved(p.level)) out[FIELD[p.level]] ??= { id: p.id, name: p.name };
  }
  return out;
}

export function resolvePlace(
  index: PlaceIndex,
  q: { lng?: number; lat?: number; address?: string },
): PlaceResolution {
  if (q.lng !== undefined && q.lat !== undefined) {
    const p = placeAtPoint(index, q.lng, q.lat);
    if (p) return { ...refsOf(index, p), method: 'point', matched: null };
  }
  if (q.address) {
    const m = placeInAddress(index, q.address);
    if (m) return { ...refsOf(index, m.place), method: 'address', matched: m.matched };
  }
  return {
    microGrid: null,
    grid: null,
    village: null,
    township: null,
    method: 'none',
    matched: null,
  };
}
