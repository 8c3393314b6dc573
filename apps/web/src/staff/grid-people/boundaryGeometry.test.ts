import { describe, expect, it } from 'vitest';
import { boxAround, projection, readGeoJson, toPolygon } from './boundaryGeometry';

describe('boundary editor geometry', () => {
  it('projects to the canvas and back, keeping the shape', () => {
    const box = boxAround([
      [117.1, 40.2],
      [117.11, 40.21],
    ]);
    const p = projection(box, 640, 440);
    const [x, y] = p.toXY([117.105, 40.205]);
    expect(x).toBeCloseTo(320, 5);
    expect(y).toBeCloseTo(220, 5);
    expect(p.toLngLat(x, y)).toEqual([117.105, 40.205]);
    // North is up.
    expect(p.toXY([117.105, 40.209])[1]).toBeLessThan(y);
  });

  it('reads a Feature, a FeatureCollection and a MultiPolygon', () => {
    const ring = [
      [117, 40],
      [117.01, 40],
      [117.01, 40.01],
      [117, 40],
    ];
    const poly = { type: 'Polygon', coordinates: [ring] };
    expect(
      readGeoJson(JSON.stringify({ type: 'Feature', geometry: poly, properties: {} })),
    ).toEqual({
      ok: true,
      vertices: ring.slice(0, 3),
      trimmed: false,
    });
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } },
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] } },
      ],
    };
    expect(readGeoJson(JSON.stringify(fc))).toMatchObject({ ok: true, trimmed: true });
    expect(readGeoJson('{')).toEqual({ ok: false, reason: 'not_json' });
    expect(readGeoJson('{"type":"Point","coordinates":[1,2]}')).toEqual({
      ok: false,
      reason: 'not_polygon',
    });
    expect(toPolygon(ring.slice(0, 3) as [number, number][]).coordinates[0]).toEqual(ring);
  });
});
