// Plane geometry on WGS-84 longitude/latitude, enough for grids and villages of a district
// (a few kilometres: no need for great circles). Pure: no database, no clock.
import type { GeoBoundary, GeoPosition } from '@jiesu/contracts';

/** [west, south, east, north]. */
export type BBox = [number, number, number, number];

export interface GeoError {
  path: string;
  message: string;
}

/** Faults reported at most; a broken file would otherwise list every position. */
const MAX_ERRORS = 20;

/**
 * Checks a GeoJSON Polygon or MultiPolygon: its type, rings of at least four positions
 * whose first and last are equal, numbers within longitude [-180, 180] and latitude
 * [-90, 90], rings that enclose an area. Errors carry a JSON pointer below `base`
 * (e.g. `/boundary/coordinates/0/3/1`). On success returns the boundary reduced to
 * `type` and `coordinates` with two numbers a position (altitudes and foreign members go).
 * A ring whose edges cross or touch one another (a figure eight, a bow tie) is refused
 * with the numbers of the first two edges found to meet.
 */
export function validateBoundary(
  value: unknown,
  base = '',
): { ok: true; boundary: GeoBoundary } | { ok: false; errors: GeoError[] } {
  const errors: GeoError[] = [];
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, message });
  };

  const position = (v: unknown, path: string): GeoPosition | null => {
    if (!Array.isArray(v) || v.length < 2 || v.length > 3) {
      fail(path, '坐标点应为 [经度, 纬度]');
      return null;
    }
    const [lng, lat] = v as unknown[];
    let ok = true;
    if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
      fail(`${path}/0`, '经度应在 -180 到 180 之间');
      ok = false;
    }
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
      fail(`${path}/1`, '纬度应在 -90 到 90 之间');
      ok = false;
    }
    return ok ? [lng as number, lat as number] : null;
  };

  const ring = (v: unknown, path: string): GeoPosition[] | null => {
    if (!Array.isArray(v) || v.length < 4) {
      fail(path, '每个环至少要有 4 个坐标点(首尾相同)');
      return null;
    }
    const points = v.map((p, i) => position(p, `${path}/${i}`));
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      fail(path, '环未闭合:第一个坐标点与最后一个应相同');
      return null;
    }
    if (points.some((p) => p === null)) return null;
    const ps = points as GeoPosition[];
    if (ringArea(ps) === 0) {
      fail(path, '环的面积为零');
      return null;
    }
    const crossing = selfIntersection(ps);
    if (crossing) {
      fail(path, `边界自相交:第 ${crossing[0] + 1} 条边与第 ${crossing[1] + 1} 条边相交`);
      return null;
    }
    return ps;
  };

  const polygon = (v: unknown, path: string): GeoPosition[][] | null => {
    if (!Array.isArray(v) || v.length === 0) {
      fail(path, '多边形至少要有一个环(外边界)');
      return null;
    }
    const rings = v.map((r, i) => ring(r, `${path}/${i}`));
    return rings.some((r) => r === null) ? null : (rings as GeoPosition[][]);
  };

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(base, '边界应为 GeoJSON 对象');
    return { ok: false, errors };
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    const p = polygon(coordinates, `${base}/coordinates`);
    if (p && errors.length === 0) return { ok: true, boundary: { type, coordinates: p } };
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      fail(`${base}/coordinates`, '多多边形至少要有一个多边形');
    } else {
      const ps = coordinates.map((p, i) => polygon(p, `${base}/coordinates/${i}`));
      if (errors.length === 0)
        return { ok: true, boundary: { type, coordinates: ps as GeoPosition[][][] } };
    }
  } else {
    fail(`${base}/type`, '边界类型应为 Polygon 或 MultiPolygon');
  }
  return { ok: false, errors };
}

const cross = (o: GeoPosition, a: GeoPosition, b: GeoPosition) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

const onSegment = (p: GeoPosition, a: GeoPosition, b: GeoPosition) =>
  Math.min(a[0], b[0]) <= p[0] &&
  p[0] <= Math.max(a[0], b[0]) &&
  Math.min(a[1], b[1]) <= p[1] &&
  p[1] <= Math.max(a[1], b[1]);

/** Whether segments ab and cd meet (crossing, touching or overlapping). */
export function segmentsMeet(a: GeoPosition, b: GeoPosition, c: GeoPosition, d: GeoPosition) {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return true;
  return (
    (d1 === 0 && onSegment(a, c, d)) ||
    (d2 === 0 && onSegment(b, c, d)) ||
    (d3 === 0 && onSegment(c, a, b)) ||
    (d4 === 0 && onSegment(d, a, b))
  );
}

/**
 * The first pair of edges (0-based) of a closed ring that meet other than where
 * neighbours share a vertex; undefined for a simple ring. A vertex repeated in a
 * row (a zero-length edge) is skipped. Quadratic, with a box test first: a
 * district's boundaries have hundreds of vertices, not millions.
 */
export function selfIntersection(ring: readonly GeoPosition[]): [number, number] | undefined {
  const edges: Array<[number, GeoPosition, GeoPosition]> = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    if (a[0] !== b[0] || a[1] !== b[1]) edges.push([i, a, b]);
  }
  const n = edges.length;
  for (let i = 0; i < n; i++) {
    const [ei, a, b] = edges[i]!;
    for (let j = i + 1; j < n; j++) {
      // Neighbours share a vertex; the last edge neighbours the first.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const [ej, c, d] = edges[j]!;
      if (
        Math.max(a[0], b[0]) < Math.min(c[0], d[0]) ||
        Math.max(c[0], d[0]) < Math.min(a[0], b[0]) ||
        Math.max(a[1], b[1]) < Math.min(c[1], d[1]) ||
        Math.max(c[1], d[1]) < Math.min(a[1], b[1])
      )
        continue;
      if (segmentsMeet(a, b, c, d)) return [ei, ej];
    }
  }
  return undefined;
}

/** Twice the signed area of a closed ring (positive when counter-clockwise). */
function ringArea(ring: readonly GeoPosition[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    a += x1 * y2 - x2 * y1;
  }
  return a;
}

/**
 * Ray casting (even–odd). Points on an edge count for one side only, consistently, so a
 * point on the edge two rectangles share lies in exactly one of them.
 */
export function pointInRing(lng: number, lat: number, ring: readonly GeoPosition[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and inside none of the holes. */
export function pointInPolygon(lng: number, lat: number, rings: readonly GeoPosition[][]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(lng, lat, outer)) return false;
  return !holes.some((h) => pointInRing(lng, lat, h));
}

export function pointInBoundary(lng: number, lat: number, b: GeoBoundary): boolean {
  return b.type === 'Polygon'
    ? pointInPolygon(lng, lat, b.coordinates)
    : b.coordinates.some((p) => pointInPolygon(lng, lat, p));
}

/** The box around the exterior rings (holes lie inside them). */
export function bboxOf(b: GeoBoundary): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = b.type === 'Polygon' ? [b.coordinates] : b.coordinates;
  for (const p of polygons) {
    for (const [x, y] of p[0] ?? []) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

export function bboxContains(box: BBox, lng: number, lat: number): boolean {
  return lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3];
}

export function bboxArea(box: BBox): number {
  return (box[2] - box[0]) * (box[3] - box[1]);
}
