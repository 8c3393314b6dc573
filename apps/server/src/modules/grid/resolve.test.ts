import { describe, expect, it } from 'vitest';
import type { GeoPosition } from '@jiesu/contracts';
import { buildIndex, placeInAddress, resolvePlace, type PlaceRow } from './resolve.js';

function rect(w: number, s: number, e: number, n: number): GeoPosition[] {
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

describe('resolving over an index', () => {
  const rows: PlaceRow[] = [
    { id: 'd', parent_id: null, level: 'district', code: '1', name: '青岚区', boundary: null },
    { id: 't1', parent_id: 'd', level: 'township', code: '11', name: '石峪乡', boundary: null },
    { id: 't2', parent_id: 'd', level: 'township', code: '12', name: '柳林镇', boundary: null },
    {
      id: 'v1',
      parent_id: 't1',
      level: 'village',
      code: '111',
      name: '石峪村',
      boundary: { type: 'Polygon', coordinates: [rect(0, 0, 2, 1)] },
    },
    { id: 'v2', parent_id: 't1', level: 'village', code: '112', name: '东沟村', boundary: null },
    { id: 'v3', parent_id: 't2', level: 'village', code: '121', name: '柳林社区', boundary: null },
    {
      id: 'g1',
      parent_id: 'v1',
      level: 'grid',
      code: '1111',
      name: '第一网格',
      boundary: { type: 'Polygon', coordinates: [rect(0, 0, 1, 1)] },
    },
    {
      id: 'g2',
      parent_id: 'v2',
      level: 'grid',
      code: '1121',
      name: '第一网格',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      },
    },
    { id: 'g3', parent_id: 'v3', level: 'grid', code: '1211', name: '第一网格', boundary: null },
    {
      id: 'm1',
      parent_id: 'g1',
      level: 'micro_grid',
      code: '111101',
      name: '第一网格东片',
      boundary: { type: 'Polygon', coordinates: [rect(0.5, 0, 1, 1)] },
    },
  ];
  const index = buildIndex(rows);
  const at = (address: string) => {
    const m = placeInAddress(index, address);
    return m && [m.place.id, m.matched];
  };

  it('a point: the micro-grid, else the grid, else the village; a broken boundary is skipped', () => {
    expect(resolvePlace(index, { lng: 0.75, lat: 0.5 })).toEqual({
      microGrid: { id: 'm1', name: '第一网格东片' },
      grid: { id: 'g1', name: '第一网格' },
      village: { id: 'v1', name: '石峪村' },
      township: { id: 't1', name: '石峪乡' },
      method: 'point',
      matched: null,
    });
    expect(resolvePlace(index, { lng: 0.25, lat: 0.5 })).toMatchObject({
      microGrid: null,
      grid: { id: 'g1' },
      village: { id: 'v1' },
      township: { id: 't1' },
      method: 'point',
    });
    expect(resolvePlace(index, { lng: 1.5, lat: 0.5 })).toMatchObject({
      grid: null,
      village: { id: 'v1' },
      method: 'point',
    });
    expect(resolvePlace(index, { lng: 5, lat: 5 }).method).toBe('none');
  });

  it('an address: the longest name, short forms, parents disambiguate shared names', () => {
    expect(at('石峪乡东沟村3号')).toEqual(['v2', '东沟村']);
    expect(at('石峪乡东沟大桥')).toEqual(['v2', '东沟']);
    expect(at('石峪乡政府门口')).toEqual(['t1', '石峪乡']);
    expect(at('石峪村第一网格')).toEqual(['g1', '第一网格']);
    expect(at('石峪村第一网格东片3号')).toEqual(['m1', '第一网格东片']);
    expect(at('东沟第一网格路口')).toEqual(['g2', '第一网格']);
    expect(at('柳林社区12号楼')).toEqual(['v3', '柳林社区']);
    // 柳林 is both 柳林镇 and 柳林社区: ambiguous alone.
    expect(at('柳林小学')).toBeNull();
    // 第一网格 alone names three grids.
    expect(at('第一网格')).toBeNull();
    expect(resolvePlace(index, { lng: 9, lat: 9, address: '柳林镇柳林社区' })).toMatchObject({
      village: { id: 'v3' },
      township: { id: 't2' },
      method: 'address',
      matched: '柳林社区',
    });
  });
});
