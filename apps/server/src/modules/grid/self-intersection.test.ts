// A drawn boundary that crosses itself is refused with the edges that meet;
// simple rings, shared vertices of neighbouring edges and repeated points pass.
import { describe, expect, it } from 'vitest';
import type { GeoPosition } from '@jiesu/contracts';
import { selfIntersection, validateBoundary } from './geo.js';

const ring = (...ps: GeoPosition[]): GeoPosition[] => [...ps, ps[0]!];

describe('self-intersection', () => {
  it('finds the crossing edges of a bow tie', () => {
    const bowTie = ring([0, 0], [2, 2], [2, 0], [0, 1]);
    expect(selfIntersection(bowTie)).toEqual([0, 2]);
    const v = validateBoundary({ type: 'Polygon', coordinates: [bowTie] }, '/boundary');
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.errors).toEqual([
        {
          path: '/boundary/coordinates/0',
          message: '边界自相交:第 1 条边与第 3 条边相交',
        },
      ]);
  });

  it('passes simple rings, concave ones and a repeated point', () => {
    expect(selfIntersection(ring([0, 0], [2, 0], [2, 2], [0, 2]))).toBeUndefined();
    expect(selfIntersection(ring([0, 0], [4, 0], [4, 4], [2, 1], [0, 4]))).toBeUndefined();
    expect(selfIntersection(ring([0, 0], [2, 0], [2, 0], [2, 2], [0, 2]))).toBeUndefined();
  });

  it('refuses a ring that touches itself at a vertex or runs back along an edge', () => {
    // The fifth vertex lies on the first edge.
    expect(selfIntersection(ring([0, 0], [4, 0], [4, 4], [2, 4], [2, 0]))).toBeDefined();
    expect(
      validateBoundary({
        type: 'MultiPolygon',
        coordinates: [[ring([10, 10], [11, 11], [11, 10], [10, 11])]],
      }).ok,
    ).toBe(false);
  });
});
