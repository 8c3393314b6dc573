// Drawing a grid's boundary through the API: the village committee saves a
// drawn polygon and a point inside it resolves to the grid at once (the place
// index is dropped); a self-intersecting ring is refused with its path and
// message; the neighbours' outlines come with the view; the street office's
// handler may read but not draw; a department does not see the grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

describe('grid boundary drawing', () => {
  it('a drawn polygon is saved and resolves a point inside it to the grid', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const url = `/api/grids/${d.nodes.grid1}/boundary`;

    const empty = await village.get(url);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      grid: { id: d.nodes.grid1 },
      village: { id: d.nodes.vil1 },
      boundary: null,
      neighbours: [],
      canEdit: true,
    });

    // Resolved once before drawing: the index is built without the grid.
    const before = await village.get('/api/places/resolve?lng=117.105&lat=40.205');
    expect(before.body.grid).toBeNull();

    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [117.1, 40.2],
          [117.12, 40.22],
          [117.12, 40.2],
          [117.1, 40.21],
          [117.1, 40.2],
        ],
      ],
    };
    const bad = await village.put(url, { boundary: bowTie });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('/boundary/coordinates/0');
    expect(bad.body.error.details[0].message).toContain('自相交');

    const saved = await village.put(url, { boundary: square(117.1, 40.2, 0.01) });
    expect(saved.status).toBe(200);
    expect(saved.body.boundary).toEqual(square(117.1, 40.2, 0.01));

    const inside = await village.get('/api/places/resolve?lng=117.105&lat=40.205');
    expect(inside.body).toMatchObject({
      method: 'point',
      grid: { id: d.nodes.grid1 },
      village: { id: d.nodes.vil1 },
    });
    const outside = await village.get('/api/places/resolve?lng=117.2&lat=40.3');
    expect(outside.body.grid).toBeNull();

    // Cleared: the point no longer lies in a grid.
    expect((await village.put(url, { boundary: null })).body.boundary).toBeNull();
    expect((await village.get('/api/places/resolve?lng=117.105&lat=40.205')).body.grid).toBeNull();
  });

  it('the street handler reads without drawing; a department does not see the grid', async () => {
    const d = await ctx.newDistrict();
    const url = `/api/grids/${d.nodes.grid1}/boundary`;
    const street = await d.login('street');
    const read = await street.get(url);
    expect(read.status).toBe(200);
    expect(read.body.canEdit).toBe(false);
    expect((await street.put(url, { boundary: square(117, 40, 0.01) })).status).toBe(403);
    const leader = await d.login('leader');
    expect((await leader.put(url, { boundary: square(117, 40, 0.01) })).status).toBe(200);
    const dept = await d.login('dept');
    expect((await dept.get(url)).status).toBe(404);
    expect((await dept.put(url, { boundary: null })).status).toBe(404);
  });
});
