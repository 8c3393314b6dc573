// Pure geometry of the boundary editor: the view box around the shapes, an
// equirectangular projection to the SVG canvas and back (longitude scaled by
// the cosine of the latitude, enough for a village), and reading a GeoJSON
// file into one ring to edit.
export type LngLat = [number, number];

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Any GeoJSON Polygon or MultiPolygon's rings (exterior first). */
export function ringsOf(b: unknown): LngLat[][] {
  if (!b || typeof b !== 'object') return [];
  const g = b as { type?: string; coordinates?: unknown };
  if (g.type === 'Polygon' && Array.isArray(g.coordinates)) return g.coordinates as LngLat[][];
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates))
    return (g.coordinates as LngLat[][][]).flat();
  return [];
}

/** The box around the points, padded; a point or nothing gets a box of ~1 km. */
export function boxAround(points: readonly LngLat[], centre?: LngLat | null, pad = 0.08): Box {
  if (points.length === 0) {
    const [x, y] = centre ?? [116.4, 39.9];
    return { west: x - 0.006, south: y - 0.005, east: x + 0.006, north: y + 0.005 };
  }
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [x, y] of points) {
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  const dx = Math.max(east - west, 0.002);
  const dy = Math.max(north - south, 0.002);
  const cx = (west + east) / 2;
  const cy = (south + north) / 2;
  return {
    west: cx - (dx / 2) * (1 + pad * 2),
    east: cx + (dx / 2) * (1 + pad * 2),
    south: cy - (dy / 2) * (1 + pad * 2),
    north: cy + (dy / 2) * (1 + pad * 2),
  };
}

/** Zooms a box about its centre: factor < 1 zooms in. */
export function zoomBox(b: Box, factor: number): Box {
  const cx = (b.west + b.east) / 2;
  const cy = (b.south + b.north) / 2;
  const hx = ((b.east - b.west) / 2) * factor;
  const hy = ((b.north - b.south) / 2) * factor;
  return { west: cx - hx, east: cx + hx, south: cy - hy, north: cy + hy };
}

export interface Projection {
  toXY(p: LngLat): [number, number];
  toLngLat(x: number, y: number): LngLat;
}

/** Fits the box into width × height, keeping the shape (no stretching), centred. */
export function projection(b: Box, width: number, height: number): Projection {
  const k = Math.cos((((b.south + b.north) / 2) * Math.PI) / 180);
  const spanX = (b.east - b.west) * k;
  const spanY = b.north - b.south;
  const scale = Math.min(width / spanX, height / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return {
    toXY: ([lng, lat]) => [offX + (lng - b.west) * k * scale, offY + (b.north - lat) * scale],
    toLngLat: (x, y) => [
      round7(b.west + (x - offX) / (k * scale)),
      round7(b.north - (y - offY) / scale),
    ],
  };
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** The open ring (no repeated last point) as a closed GeoJSON Polygon. */
export function toPolygon(vertices: readonly LngLat[]) {
  return { type: 'Polygon' as const, coordinates: [[...vertices, vertices[0]!]] };
}

/** The first polygon's exterior ring of a ring list as an open ring. */
export function openRing(ring: readonly LngLat[]): LngLat[] {
  const r = ring.map(([x, y]) => [x, y] as LngLat);
  const first = r[0];
  const last = r[r.length - 1];
  if (r.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) r.pop();
  return r;
}

export type Imported =
  | { ok: true; vertices: LngLat[]; trimmed: boolean }
  | { ok: false; reason: 'not_json' | 'not_polygon' };

/**
 * Reads a GeoJSON text: a Polygon or MultiPolygon geometry, a Feature with one, or the
 * first such Feature of a FeatureCollection. Returns the first polygon's exterior ring;
 * `trimmed` when holes or further polygons were left out.
 */
export function readGeoJson(text: string): Imported {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  const geometryOf = (x: unknown): unknown => {
    if (!x || typeof x !== 'object') return undefined;
    const o = x as { type?: string; geometry?: unknown; features?: unknown[] };
    if (o.type === 'Feature') return geometryOf(o.geometry);
    if (o.type === 'FeatureCollection' && Array.isArray(o.features))
      return o.features.map(geometryOf).find(Boolean);
    if (o.type === 'Polygon' || o.type === 'MultiPolygon') return o;
    return undefined;
  };
  const g = geometryOf(v) as { type: string; coordinates: unknown } | undefined;
  if (!g || !Array.isArray(g.coordinates)) return { ok: false, reason: 'not_polygon' };
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[][];
  const outer = polygons[0]?.[0];
  if (
    !Array.isArray(outer) ||
    outer.length < 4 ||
    !outer.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number')
  )
    return { ok: false, reason: 'not_polygon' };
  const trimmed = polygons.length > 1 || (polygons[0]?.length ?? 0) > 1;
  return { ok: true, vertices: openRing(outer as LngLat[]), trimmed };
}
