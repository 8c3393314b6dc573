import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

/** vil1 and vil2 side by side; grid1 the south-west quarter of vil1. */
async function withBoundaries(d: District) {
  const admin = await d.login('admin');
  for (const [node, boundary] of [
    ['vil1', rect(117.0, 40.0, 117.02, 40.02)],
    ['vil2', rect(117.02, 40.0, 117.04, 40.02)],
    ['grid1', rect(117.0, 40.0, 117.01, 40.01)],
  ] as const) {
    const r = await admin.patch(`/api/admin/jurisdictions/${d.nodes[node]}`, { boundary });
    expect(r.status).toBe(204);
  }
  return admin;
}

describe('resolving a place', () => {
  it('a point: the grid inside the village, a village without a grid, nowhere', async () => {
    const d = await ctx.newDistrict();
    await withBoundaries(d);
    const agent = await d.login('agent');
    const inGrid = await agent.get('/api/places/resolve?lng=117.005&lat=40.005');
    expect(inGrid.status).toBe(200);
    expect(inGrid.body).toEqual({
      microGrid: null,
      grid: { id: d.nodes.grid1, name: '东湖社区第一网格' },
      village: { id: d.nodes.vil1, name: '东湖社区' },
      township: { id: d.nodes.twp1, name: '东城街道' },
      method: 'point',
      matched: null,
    });
    expect((await agent.get('/api/places/resolve?lng=117.03&lat=40.01')).body).toMatchObject({
      grid: null,
      village: { id: d.nodes.vil2 },
      township: { id: d.nodes.twp1 },
      method: 'point',
    });
    expect((await agent.get('/api/places/resolve?lng=118&lat=41')).body).toEqual({
      microGrid: null,
      grid: null,
      village: null,
      township: null,
      method: 'none',
      matched: null,
    });
    // Residents get the same answer without signing in.
    const pub = await d.anonymous().get('/api/public/places/resolve?lng=117.005&lat=40.005');
    expect(pub.status).toBe(200);
    expect(pub.body.grid.id).toBe(d.nodes.grid1);
    // Not signed in: no staff endpoint; half a point: 400.
    expect((await d.anonymous().get('/api/places/resolve?lng=117&lat=40')).status).toBe(401);
    const half = await agent.get('/api/places/resolve?lng=117.005');
    expect(half.status).toBe(400);
    expect(half.body.error.details[0].path).toBe('/lat');
  });

  it('an address: the longest place name in it; a point outside falls back to it', async () => {
    const d = await ctx.newDistrict();
    await withBoundaries(d);
    const agent = await d.login('agent');
    const q = (s: string) => agent.get(`/api/places/resolve?${s}`);
    const byAddress = await q(`address=${encodeURIComponent('东城街道东湖社区8号楼2单元')}`);
    expect(byAddress.body).toEqual({
      microGrid: null,
      grid: null,
      village: { id: d.nodes.vil1, name: '东湖社区' },
      township: { id: d.nodes.twp1, name: '东城街道' },
      method: 'address',
      matched: '东湖社区',
    });
    // Without its suffix; the grid's full name wins over its village's.
    expect((await q(`address=${encodeURIComponent('柳园12号')}`)).body).toMatchObject({
      village: { id: d.nodes.vil2 },
      matched: '柳园',
    });
    expect((await q(`address=${encodeURIComponent('东湖社区第一网格门口')}`)).body.grid.id).toBe(
      d.nodes.grid1,
    );
    const fallback = await q(`lng=118&lat=41&address=${encodeURIComponent('东湖社区')}`);
    expect(fallback.body.method).toBe('address');
    expect((await q(`address=${encodeURIComponent('无名路')}`)).body.method).toBe('none');
  });

  it('a bad polygon is refused with its path and nothing is written; a change is seen at once', async () => {
    const d = await ctx.newDistrict();
    const admin = await withBoundaries(d);
    const agent = await d.login('agent');
    const at = async (lng: number, lat: number) =>
      (await agent.get(`/api/places/resolve?lng=${lng}&lat=${lat}`)).body;
    expect((await at(117.005, 40.005)).grid?.id).toBe(d.nodes.grid1); // the cache is warm

    const bad = await admin.patch(`/api/admin/jurisdictions/${d.nodes.grid1}`, {
      households: 999,
      grade: 'A',
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [117.01, 40.01],
            [117.02, 40.01],
            [117.02, 95],
            [117.01, 40.02],
          ],
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((e: { path: string }) => e.path)).toEqual([
      '/boundary/coordinates/0/2/1',
      '/boundary/coordinates/0',
    ]);
    const notAPolygon = await admin.patch(`/api/admin/jurisdictions/${d.nodes.grid1}`, {
      boundary: { type: 'LineString', coordinates: [] },
    });
    expect(notAPolygon.body.error.details[0].path).toBe('/boundary/type');
    const tree = async () =>
      ((await admin.get('/api/org/jurisdictions')).body as { id: string }[]).find(
        (j) => j.id === d.nodes.grid1,
      );
    expect(await tree()).toMatchObject({ households: null, grade: null, hasBoundary: true });
    expect((await at(117.005, 40.005)).grid?.id).toBe(d.nodes.grid1);

    // grid1 moves to the north-east quarter of vil1: the next resolve sees it.
    const moved = await admin.patch(`/api/admin/jurisdictions/${d.nodes.grid1}`, {
      boundary: rect(117.01, 40.01, 117.02, 40.02),
      households: 120,
      grade: 'B',
    });
    expect(moved.status).toBe(204);
    expect(await at(117.005, 40.005)).toMatchObject({ grid: null, village: { id: d.nodes.vil1 } });
    expect((await at(117.015, 40.015)).grid?.id).toBe(d.nodes.grid1);
    expect(await tree()).toMatchObject({ households: 120, grade: 'B' });

    // A new grid through the administration is found too; null removes a boundary.
    const created = await admin.post('/api/admin/jurisdictions', {
      parentId: d.nodes.vil2,
      level: 'grid',
      code: `${d.tenantId.slice(0, 8)}g2`,
      name: '柳园社区第一网格',
      households: 80,
      grade: 'C',
      boundary: rect(117.02, 40.0, 117.03, 40.01),
    });
    expect(created.status).toBe(201);
    expect((await at(117.025, 40.005)).grid?.id).toBe(created.body.id);
    expect(
      (await admin.patch(`/api/admin/jurisdictions/${created.body.id}`, { boundary: null })).status,
    ).toBe(204);
    expect(await at(117.025, 40.005)).toMatchObject({ grid: null, village: { id: d.nodes.vil2 } });

    // A micro-grid (微网格) under a grid: found inside its grid; a ticket still goes to the grid.
    const micro = await admin.post('/api/admin/jurisdictions', {
      parentId: d.nodes.grid1,
      level: 'micro_grid',
      code: `${d.tenantId.slice(0, 8)}m1`,
      name: '东湖社区第一网格东片',
      households: 40,
      boundary: rect(117.015, 40.01, 117.02, 40.02),
    });
    expect(micro.status).toBe(201);
    expect(await at(117.017, 40.015)).toMatchObject({
      microGrid: { id: micro.body.id, name: '东湖社区第一网格东片' },
      grid: { id: d.nodes.grid1 },
      village: { id: d.nodes.vil1 },
    });
    expect((await at(117.012, 40.015)).microGrid).toBeNull();
    // A micro-grid has no grade, and nothing goes under it.
    const graded = await admin.patch(`/api/admin/jurisdictions/${micro.body.id}`, { grade: 'A' });
    expect(graded.status).toBe(400);
    const below = await admin.post('/api/admin/jurisdictions', {
      parentId: micro.body.id,
      level: 'grid',
      code: `${d.tenantId.slice(0, 8)}x1`,
      name: '不该有的网格',
    });
    expect(below.status).toBe(400);
    expect(below.body.error.details[0].path).toBe('/level');
  });

  it('households for any place; a grade only for grids', async () => {
    const d = await ctx.newDistrict();
    const admin = await d.login('admin');
    const village = await admin.patch(`/api/admin/jurisdictions/${d.nodes.vil1}`, {
      households: 1300,
      grade: 'A',
    });
    expect(village.status).toBe(400);
    expect(village.body.error.details[0].path).toBe('/grade');
    expect(
      (await admin.patch(`/api/admin/jurisdictions/${d.nodes.vil1}`, { households: 1300 })).status,
    ).toBe(204);
    const created = await admin.post('/api/admin/jurisdictions', {
      parentId: d.nodes.twp2,
      level: 'village',
      code: `${d.tenantId.slice(0, 8)}v9`,
      name: '新村',
      grade: 'B',
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details[0].path).toBe('/grade');
    const badGrade = await admin.patch(`/api/admin/jurisdictions/${d.nodes.grid1}`, {
      grade: 'D',
    });
    expect(badGrade.status).toBe(400);
    const list = (await admin.get('/api/org/jurisdictions')).body as {
      id: string;
      households: number | null;
    }[];
    expect(list.find((j) => j.id === d.nodes.vil1)?.households).toBe(1300);
    expect(list.find((j) => j.id === d.nodes.twp2)?.households).toBeNull();
  });

  it('at intake: a point refines the chosen place to its grid; with no place, point or address decides', async () => {
    const d = await ctx.newDistrict();
    await withBoundaries(d);
    const agent = await d.login('agent');
    const body = (extra: Record<string, unknown>) => ({
      channel: 'hotline',
      type: 'complaint',
      categoryId: d.categories.leaf,
      title: '路灯不亮',
      description: '小区门口路灯连续三晚不亮。',
      address: '东湖社区南门',
      requester: { name: '赵女士', phone: '13912345678' },
      ...extra,
    });
    const placeOf = async (extra: Record<string, unknown>) => {
      const r = await agent.post('/api/tickets', body(extra));
      expect(r.status).toBe(201);
      return (r.body as { jurisdiction: { id: string } }).jurisdiction.id;
    };
    const inGrid = { lng: 117.005, lat: 40.005 };
    // The village chosen, the point in its grid: the grid.
    expect(await placeOf({ jurisdictionId: d.nodes.vil1, point: inGrid })).toBe(d.nodes.grid1);
    // The township chosen: still refined, the grid lies inside it.
    expect(await placeOf({ jurisdictionId: d.nodes.twp1, point: inGrid })).toBe(d.nodes.grid1);
    // A point outside the chosen place does not override the agent's choice.
    expect(await placeOf({ jurisdictionId: d.nodes.vil2, point: inGrid })).toBe(d.nodes.vil2);
    // A chosen place without a point is kept, whatever the address says.
    expect(await placeOf({ jurisdictionId: d.nodes.vil2 })).toBe(d.nodes.vil2);
    // No place chosen: the point decides, else the address names it.
    expect(await placeOf({ point: inGrid })).toBe(d.nodes.grid1);
    expect(await placeOf({})).toBe(d.nodes.vil1);
    // Nothing to go by: 400 on the field, nothing written.
    const lost = await agent.post(
      '/api/tickets',
      body({ address: '某处路口', point: { lng: 118, lat: 41 } }),
    );
    expect(lost.status).toBe(400);
    expect(lost.body.error.code).toBe('PLACE_NOT_LOCATED');
    expect(lost.body.error.details[0].path).toBe('/jurisdictionId');
  });
});
