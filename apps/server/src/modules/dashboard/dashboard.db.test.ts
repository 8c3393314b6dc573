// The dashboard endpoint on a small hand-computed district, its scopes by role
// (403 for everyone else), its 400s and the villages' GeoJSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import type { District } from '../../../test/factories.js';
import { PASSWORD } from '../../../test/factories.js';
import { hashPassword } from '../../shared/passwords.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
let d: District;
beforeAll(async () => {
  ctx = await createTestContext({ start: '2026-11-02T01:00:00Z' }); // 09:00 on 2 Nov in Beijing
  d = await ctx.newDistrict();
  // 2 Nov: a street light in 东湖社区 answered at intake; heating in 柳园社区 by web.
  const t1 = await d.newTicket();
  const agent = await d.login('agent');
  expect(
    (await agent.act(t1.id, 'answer_directly', { answer: '已电话答复来电人维修安排。' })).status,
  ).toBe(200);
  await d.newTicket({
    jurisdictionId: d.nodes.vil2,
    categoryId: d.categories.heating,
    channel: 'web',
  });
  // 3 Nov 07:30 local (23:30 UTC on the 2nd): 石门村, and one placed on the township itself.
  ctx.clock.set('2026-11-02T23:30:00Z');
  await d.login('agent', { fresh: true });
  await d.newTicket({ jurisdictionId: d.nodes.vil3 });
  await d.newTicket({ jurisdictionId: d.nodes.twp1, categoryId: d.categories.other });
  await ctx.c.db
    .updateTable('jurisdictions')
    .set({
      boundary: JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [116.1, 39.9],
            [116.2, 39.9],
            [116.2, 40.0],
            [116.1, 39.9],
          ],
        ],
      }),
    })
    .where('id', '=', d.nodes.vil1)
    .execute();
}, 120_000);
afterAll(() => ctx.close());

const URL = '/api/dashboard?from=2026-11-01&to=2026-11-03';

/** A village committee's leader (the factory district has none). */
async function villageLeader() {
  const id = newId();
  const username = `${d.tenantId}-vil1-leader`;
  await ctx.c.db
    .insertInto('users')
    .values({
      id,
      tenant_id: d.tenantId,
      username,
      display_name: '东湖社区书记',
      phone: null,
      password_hash: await hashPassword(PASSWORD, { N: 1024 }),
      created_at: ctx.clock.now(),
    })
    .execute();
  await ctx.c.db
    .insertInto('role_assignments')
    .values({ tenant_id: d.tenantId, user_id: id, unit_id: d.units.vil1, role: 'unit_leader' })
    .execute();
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD },
  });
  const cookie = res.cookies.find((k) => k.name === 'jiesu_session')!;
  return (url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { cookie: `jiesu_session=${cookie.value}` } });
}

describe('GET /api/dashboard', () => {
  it('sums the rollups of the range for the whole district', async () => {
    const res = await (await d.login('supervisor', { fresh: true })).get(URL);
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v.scope).toBe('district');
    expect(v.source).toBe('rollups');
    expect(v.kpis).toMatchObject({
      received: 4,
      closed: 1,
      reopened: 0,
      closeRate: 0.25,
      rated: 0,
      solvedRate: null,
      perDay: 1.33,
      per10k: 20, // 4 tickets, two townships of 1,000 residents
    });
    expect(v.trend).toEqual([
      { day: '2026-11-01', received: 0, closed: 0 },
      { day: '2026-11-02', received: 2, closed: 1 },
      { day: '2026-11-03', received: 2, closed: 0 },
    ]);
    expect(v.categories).toEqual([
      { category: { id: d.categories.root, name: '城乡建设' }, received: 3, closed: 1 },
      { category: { id: expect.any(String), name: '供暖' }, received: 1, closed: 0 },
    ]);
    const village = (id: string) =>
      v.villages.find((x: { village: { id: string } }) => x.village.id === id);
    expect(village(d.nodes.vil1)).toMatchObject({
      received: 1,
      closed: 1,
      per10k: 10,
      population: 1000,
      hasBoundary: true,
      township: { id: d.nodes.twp1, name: '东城街道' },
    });
    expect(village(d.nodes.vil2)).toMatchObject({ received: 1, closed: 0, hasBoundary: false });
    expect(village(d.nodes.vil3)).toMatchObject({ received: 1, township: { id: d.nodes.twp2 } });
    expect(v.unplaced).toBe(1);
    expect(v.channels).toEqual([
      { channel: 'hotline', received: 3 },
      { channel: 'web', received: 1 },
    ]);
    expect(v.townships.map((t: { id: string }) => t.id).sort()).toEqual(
      [d.nodes.twp1, d.nodes.twp2].sort(),
    );
    expect(v.ranking).toMatchObject({ month: '2026-11', group: 'township' });
    expect(v.ranking.items).toHaveLength(2);
  });

  it('narrows to a township, and a day outside the range counts nothing', async () => {
    const sup = await d.login('supervisor');
    const res = await sup.get(`${URL}&townshipId=${d.nodes.twp1}`);
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('township');
    expect(res.body.kpis).toMatchObject({ received: 3, closed: 1, per10k: 30 });
    expect(res.body.villages.map((x: { village: { id: string } }) => x.village.id).sort()).toEqual(
      [d.nodes.vil1, d.nodes.vil2].sort(),
    );
    expect(res.body.unplaced).toBe(1);
    expect(res.body.ranking).toMatchObject({ group: 'village' });
    const one = await sup.get('/api/dashboard?from=2026-11-03&to=2026-11-03');
    expect(one.body.kpis).toMatchObject({ received: 2, closed: 0 });
    expect(one.body.trend).toEqual([{ day: '2026-11-03', received: 2, closed: 0 }]);
  });

  it("gives a township's leader its township and a village's leader its village", async () => {
    const leader = await d.login('leader', { fresh: true });
    const own = await leader.get(URL);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ scope: 'township', township: { id: d.nodes.twp1 } });
    expect(own.body.kpis.received).toBe(3);
    expect(own.body.townships).toEqual([{ id: d.nodes.twp1, name: '东城街道' }]);
    expect((await leader.get(`${URL}&townshipId=${d.nodes.twp2}`)).status).toBe(403);

    const get = await villageLeader();
    const vil = await get(URL);
    expect(vil.statusCode).toBe(200);
    const body = vil.json();
    expect(body).toMatchObject({ scope: 'village', village: { id: d.nodes.vil1 } });
    expect(body.kpis).toMatchObject({ received: 1, closed: 1, per10k: 10 });
    expect(body.villages).toHaveLength(1);
    expect((await get(`${URL}&townshipId=${d.nodes.twp2}`)).statusCode).toBe(403);
  });

  it('refuses everyone else with 403', async () => {
    for (const who of ['street', 'village', 'grid', 'dept'] as const) {
      const res = await (await d.login(who, { fresh: true })).get(URL);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect((await (await d.login(who)).get('/api/dashboard/geo')).status, who).toBe(403);
    }
    for (const who of ['admin', 'dispatcher', 'agent'] as const) {
      expect((await (await d.login(who, { fresh: true })).get(URL)).status, who).toBe(200);
    }
  });

  it('answers 400 for a backwards or too long range and an unknown township', async () => {
    const sup = await d.login('supervisor');
    const back = await sup.get('/api/dashboard?from=2026-11-05&to=2026-11-01');
    expect(back.status).toBe(400);
    expect(back.body.error.details[0].message).toBe('开始日期不能晚于结束日期');
    expect((await sup.get('/api/dashboard?from=2025-01-01&to=2026-11-01')).status).toBe(400);
    expect((await sup.get(`/api/dashboard?townshipId=${newId()}`)).status).toBe(400);
    expect((await sup.get('/api/dashboard?from=2026-13-01')).status).toBe(400);
  });
});

describe('GET /api/dashboard/geo', () => {
  it("returns the boundaries of the reader's villages as a FeatureCollection", async () => {
    const res = await (await d.login('supervisor')).get('/api/dashboard/geo');
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toEqual([
      {
        type: 'Feature',
        id: d.nodes.vil1,
        properties: { id: d.nodes.vil1, name: '东湖社区' },
        geometry: expect.objectContaining({ type: 'Polygon' }),
      },
    ]);
    const twp2 = await (
      await d.login('supervisor')
    ).get(`/api/dashboard/geo?townshipId=${d.nodes.twp2}`);
    expect(twp2.body.features).toEqual([]);
  });
});
