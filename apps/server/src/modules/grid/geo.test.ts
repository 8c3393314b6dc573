import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GeoPolygon, GeoPosition } from '@jiesu/contracts';
import {
  bboxContains,
  bboxOf,
  pointInBoundary,
  pointInPolygon,
  pointInRing,
  validateBoundary,
} from './geo.js';

function rect(w: number, s: number, e: number, n: number): GeoPosition[] {
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

/** A rectangle somewhere on Earth, not thinner than a metre or so. */
const rectangle = fc
  .record({
    w: fc.double({ min: -179, max: 170, noNaN: true }),
    s: fc.double({ min: -89, max: 80, noNaN: true }),
    dw: fc.double({ min: 1e-5, max: 9, noNaN: true }),
    dh: fc.double({ min: 1e-5, max: 9, noNaN: true }),
  })
  .map(({ w, s, dw, dh }) => ({ w, s, e: w + dw, n: s + dh }));
/** A fraction strictly inside (0, 1), away from the edges. */
const inner = fc.double({ min: 0.01, max: 0.99, noNaN: true });

/** A convex polygon: points on a circle at increasing angles, closed. */
const convex = fc
  .record({
    cx: fc.double({ min: -170, max: 170, noNaN: true }),
    cy: fc.double({ min: -80, max: 80, noNaN: true }),
    r: fc.double({ min: 1e-3, max: 5, noNaN: true }),
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 12 }),
  })
  .filter(({ cuts }) => {
    // Spread enough that the polygon holds its centre: no gap of 180° or more.
    const a = [...cuts].sort((x, y) => x - y);
    return a.every((v, i) => (i + 1 < a.length ? a[i + 1]! - v : a[0]! + 360 - v) < 170);
  })
  .map(({ cx, cy, r, cuts }) => {
    const ring: GeoPosition[] = [...cuts]
      .sort((x, y) => x - y)
      .map((deg) => [
        cx + r * Math.cos((deg * Math.PI) / 180),
        cy + r * Math.sin((deg * Math.PI) / 180),
      ]);
    ring.push(ring[0]!);
    return ring;
  });

describe('point in polygon (properties)', () => {
  it('a point strictly inside a rectangle is inside, in either orientation', () => {
    fc.assert(
      fc.property(rectangle, inner, inner, ({ w, s, e, n }, fx, fy) => {
        const x = w + (e - w) * fx;
        const y = s + (n - s) * fy;
        const ring = rect(w, s, e, n);
        return pointInRing(x, y, ring) && pointInRing(x, y, [...ring].reverse());
      }),
    );
  });

  it('a convex combination of a convex polygon’s vertices (all weights ≥ 5%) is inside', () => {
    fc.assert(
      fc.property(
        convex,
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (ring, weights) => {
          const vs = ring.slice(0, -1);
          const ws = vs.map((_, i) => weights[i]!);
          const sum = ws.reduce((a, b) => a + b, 0);
          const x = vs.reduce((a, v, i) => a + v[0] * ws[i]!, 0) / sum;
          const y = vs.reduce((a, v, i) => a + v[1] * ws[i]!, 0) / sum;
          return pointInRing(x, y, ring);
        },
      ),
    );
  });

  it('a point outside the bounding box is outside, whatever the ring (even self-crossing)', () => {
    // Micro-degrees (about 0.1 m), the precision boundaries come in; subnormal floats are not.
    const micro = (deg: number) =>
      fc.integer({ min: -deg * 1e6, max: deg * 1e6 }).map((i) => i / 1e6);
    const anyRing = fc
      .array(fc.tuple(micro(10), micro(10)), {
        minLength: 3,
        maxLength: 20,
      })
      .map((ps) => [...ps, ps[0]!] as GeoPosition[]);
    fc.assert(
      fc.property(anyRing, micro(20), micro(20), (ring, x, y) => {
        const polygon: GeoPolygon = { type: 'Polygon', coordinates: [ring] };
        fc.pre(!bboxContains(bboxOf(polygon), x, y));
        return !pointInBoundary(x, y, polygon);
      }),
    );
  });

  it('a hole excludes its inside; the ring around it stays inside', () => {
    fc.assert(
      fc.property(rectangle, inner, inner, inner, inner, ({ w, s, e, n }, fx, fy, gx, gy) => {
        // The hole is the middle third of the rectangle.
        const [hw, hs] = [w + (e - w) / 3, s + (n - s) / 3];
        const [he, hn] = [w + (2 * (e - w)) / 3, s + (2 * (n - s)) / 3];
        const rings = [rect(w, s, e, n), rect(hw, hs, he, hn).reverse()];
        const inHole = pointInPolygon(hw + (he - hw) * fx, hs + (hn - hs) * fy, rings);
        // A point in the bottom third (below the hole), anywhere across.
        const below = pointInPolygon(w + (e - w) * gx, s + (hs - s) * gy, rings);
        return !inHole && below;
      }),
    );
  });

  it('a multipolygon holds what any of its parts holds', () => {
    fc.assert(
      fc.property(rectangle, rectangle, inner, inner, (a, b, fx, fy) => {
        const multi = {
          type: 'MultiPolygon' as const,
          coordinates: [[rect(a.w, a.s, a.e, a.n)], [rect(b.w, b.s, b.e, b.n)]],
        };
        return pointInBoundary(b.w + (b.e - b.w) * fx, b.s + (b.n - b.s) * fy, multi);
      }),
    );
  });

  it('two rectangles sharing an edge: a point on the edge lies in exactly one', () => {
    fc.assert(
      fc.property(rectangle, inner, ({ w, s, e, n }, f) => {
        const mid = (w + e) / 2;
        const y = s + (n - s) * f;
        const left = pointInRing(mid, y, rect(w, s, mid, n));
        const right = pointInRing(mid, y, rect(mid, s, e, n));
        return left !== right;
      }),
    );
  });
});

describe('validateBoundary', () => {
  it('accepts every generated rectangle and convex polygon, and keeps two numbers a position', () => {
    fc.assert(
      fc.property(rectangle, convex, ({ w, s, e, n }, ring) => {
        const r = validateBoundary({ type: 'Polygon', coordinates: [rect(w, s, e, n)] });
        const c = validateBoundary({
          type: 'MultiPolygon',
          coordinates: [[ring.map(([x, y]) => [x, y, 12])]],
          properties: { ignored: true },
        });
        return (
          r.ok &&
          c.ok &&
          c.boundary.type === 'MultiPolygon' &&
          c.boundary.coordinates[0]![0]!.every((p) => p.length === 2) &&
          !('properties' in c.boundary)
        );
      }),
    );
  });

  it('names the path of an unclosed ring and of a latitude out of range', () => {
    const r = validateBoundary(
      {
        type: 'Polygon',
        coordinates: [
          [
            [117, 40],
            [117.1, 40],
            [117.1, 95],
            [117, 40.1],
          ],
        ],
      },
      '/boundary',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual([
      '/boundary/coordinates/0/2/1',
      '/boundary/coordinates/0',
    ]);
    const unclosed = validateBoundary({
      type: 'Polygon',
      coordinates: [
        rect(1, 1, 2, 2)
          .slice(0, 4)
          .concat([[1, 1.5]]),
      ],
    });
    expect(unclosed).toMatchObject({ ok: false, errors: [{ path: '/coordinates/0' }] });
  });

  it('refuses wrong shapes with a path', () => {
    const paths = (v: unknown) => {
      const r = validateBoundary(v, '/b');
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(paths(null)).toEqual(['/b']);
    expect(paths([1, 2])).toEqual(['/b']);
    expect(paths({ type: 'Point', coordinates: [1, 2] })).toEqual(['/b/type']);
    expect(paths({ type: 'Polygon' })).toEqual(['/b/coordinates']);
    expect(paths({ type: 'Polygon', coordinates: [] })).toEqual(['/b/coordinates']);
    expect(
      paths({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toEqual(['/b/coordinates/0']);
    expect(
      paths({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toEqual([
      '/b/coordinates/0', // no area
    ]);
    expect(
      paths({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['1', 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toEqual(['/b/coordinates/0/1/0']);
    expect(
      paths({ type: 'MultiPolygon', coordinates: [[rect(0, 0, 1, 1)], [[[200, 0]]]] }),
    ).toEqual(['/b/coordinates/1/0']);
    expect(paths({ type: 'MultiPolygon', coordinates: [] })).toEqual(['/b/coordinates']);
  });
});
