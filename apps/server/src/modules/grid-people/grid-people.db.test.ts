// The grids' people through the API: who may add and end members (the village
// committee for its own grids, the township's leader, administrators; not a
// neighbouring village, not the street office's handler, not the grid worker),
// phones checked and normalised, informants' phones masked for the others, and
// the village's public grid board: the current worker's name and phone, the
// head, the supervision lines — never an informant's phone, never a member who
// has left, 404 for a place that is not a village.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { extraLogin } from '../../../test/extra-users.js';
import type { District } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// The harness clock: 2026-11-02 09:00 in Beijing.
const TODAY = '2026-11-02';

const memberCount = async (d: District) =>
  Number(
    (
      await ctx.c.db
        .selectFrom('grid_members')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', d.tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const WORKER = { role: 'worker', name: '李桂芝', phone: '138 0013 8001', since: '2026-01-01' };
const INFORMANT = { role: 'informant', name: '张大爷', phone: '13912345678', since: '2026-03-01' };

describe('grid members', () => {
  it('the village committee keeps its grids; a neighbouring village, the street handler and the grid worker may not', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const url = `/api/grids/${d.nodes.grid1}/members`;

    const w = await village.post(url, WORKER);
    expect(w.status).toBe(201);
    expect(w.body).toMatchObject({
      role: 'worker',
      name: '李桂芝',
      phone: '13800138001', // normalised
      since: '2026-01-01',
      until: null,
      current: true,
      grid: { id: d.nodes.grid1, name: '东湖社区第一网格' },
      user: null,
    });

    // Linked to a staff user of the village committee.
    const head = await village.post(url, {
      role: 'head',
      name: '测试village',
      userId: d.users.village,
      since: '2026-01-01',
    });
    expect(head.status).toBe(201);
    expect(head.body.user).toEqual({ id: d.users.village, name: '测试village' });
    // …but not to a department's staff.
    const foreign = await village.post(url, {
      role: 'head',
      name: '马骏',
      userId: d.users.dept,
      since: '2026-01-01',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('/userId');

    const before = await memberCount(d);
    // A bad phone, a worker without a phone, unknown fields: 400 and nothing written.
    const bad = await village.post(url, { ...INFORMANT, phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_PHONE');
    expect((await village.post(url, { role: 'worker', name: '王五', since: TODAY })).status).toBe(
      400,
    );
    expect((await village.post(url, { ...WORKER, extra: 1 })).status).toBe(400);
    expect((await village.post(url, { ...WORKER, role: 'boss' })).status).toBe(400);

    // A neighbouring village's handler does not even see the grid; the street office's
    // handler and the grid worker see it but may not change it; nor may the dispatcher.
    const vil2 = await extraLogin(ctx, d, 'vil2', 'handler');
    expect((await vil2.post(url, INFORMANT)).status).toBe(404);
    expect((await vil2.get(url)).status).toBe(404);
    expect((await (await d.login('street')).post(url, INFORMANT)).status).toBe(403);
    expect((await (await d.login('grid')).post(url, INFORMANT)).status).toBe(403);
    expect((await (await d.login('dispatcher')).post(url, INFORMANT)).status).toBe(403);
    expect((await (await d.login('dept')).post(url, INFORMANT)).status).toBe(404);
    expect(await memberCount(d)).toBe(before);

    // The township's leader and the administrator may.
    expect((await (await d.login('leader')).post(url, { ...INFORMANT, name: '刘婶' })).status).toBe(
      201,
    );
    expect((await (await d.login('admin')).post(url, INFORMANT)).status).toBe(201);
    expect(await memberCount(d)).toBe(before + 2);

    // Unknown grid, a village instead of a grid: 404.
    expect((await village.post(`/api/grids/${newId()}/members`, WORKER)).status).toBe(404);
    expect((await village.post(`/api/grids/${d.nodes.vil1}/members`, WORKER)).status).toBe(404);
  });

  it("an informant's phone is shown to editors only; the list is scoped", async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const url = `/api/grids/${d.nodes.grid1}/members`;
    expect((await village.post(url, WORKER)).status).toBe(201);
    expect((await village.post(url, INFORMANT)).status).toBe(201);

    const mine = await village.get(url);
    expect(mine.status).toBe(200);
    expect(mine.body.canEdit).toBe(true);
    expect(mine.body.village).toEqual({ id: d.nodes.vil1, name: '东湖社区' });
    expect(mine.body.township).toEqual({ id: d.nodes.twp1, name: '东城街道' });
    expect(mine.body.candidates.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([d.users.village, d.users.grid]),
    );
    const phoneOf = (body: { items: Array<{ role: string; phone: string }> }, role: string) =>
      body.items.find((m) => m.role === role)!.phone;
    expect(phoneOf(mine.body, 'informant')).toBe('13912345678');

    for (const who of ['street', 'grid', 'supervisor'] as const) {
      const other = await (await d.login(who)).get(url);
      expect(other.status).toBe(200);
      expect(other.body.canEdit).toBe(false);
      expect(other.body.candidates).toEqual([]);
      expect(phoneOf(other.body, 'informant')).toBe('139****5678');
      expect(phoneOf(other.body, 'worker')).toBe('13800138001');
      expect(JSON.stringify(other.body)).not.toContain('13912345678');
    }

    // The grid list: the village sees its grid with the current members (no phones).
    const list = await village.get('/api/grids');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      grid: { id: d.nodes.grid1 },
      village: { id: d.nodes.vil1, name: '东湖社区' },
      township: { id: d.nodes.twp1, name: '东城街道' },
      households: null,
      grade: null,
      hasBoundary: false,
      canEdit: true,
    });
    expect(list.body.items[0].members.map((m: { role: string }) => m.role).sort()).toEqual([
      'informant',
      'worker',
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/1391234|1380013/);
    // Scope: the admin sees the district's grids (this tenant only), a neighbour none,
    // the township's leader its township's; filters narrow.
    expect((await (await d.login('admin')).get('/api/grids')).body.total).toBe(1);
    expect((await (await d.login('leader')).get('/api/grids')).body.items[0].canEdit).toBe(true);
    expect((await (await d.login('street')).get('/api/grids')).body.items[0].canEdit).toBe(false);
    const vil2 = await extraLogin(ctx, d, 'vil2', 'handler');
    expect((await vil2.get('/api/grids')).body.total).toBe(0);
    expect((await (await d.login('dept')).get('/api/grids')).body.total).toBe(0);
    const admin = await d.login('admin');
    expect((await admin.get(`/api/grids?townshipId=${d.nodes.twp2}`)).body.total).toBe(0);
    expect((await admin.get(`/api/grids?villageId=${d.nodes.vil1}`)).body.total).toBe(1);
    expect((await admin.get(`/api/grids?q=${encodeURIComponent('东湖')}`)).body.total).toBe(1);
    expect((await admin.get(`/api/grids?q=${encodeURIComponent('石门')}`)).body.total).toBe(0);
    expect((await admin.get('/api/grids?q=%25')).body.total).toBe(0);
    expect((await admin.get('/api/grids?pageSize=500')).status).toBe(400);
  });

  it('ends a member: not before the start, once, by an editor only', async () => {
    const d = await ctx.newDistrict();
    const village = await d.login('village');
    const w = await village.post(`/api/grids/${d.nodes.grid1}/members`, WORKER);
    const end = `/api/grid-members/${w.body.id}/end`;

    const early = await village.post(end, { until: '2025-12-31' });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe('/until');
    expect((await village.post(end, { until: 'yesterday' })).status).toBe(400);
    const vil2 = await extraLogin(ctx, d, 'vil2', 'handler');
    expect((await vil2.post(end, { until: TODAY })).status).toBe(404);
    expect((await (await d.login('street')).post(end, { until: TODAY })).status).toBe(403);
    expect((await village.post(`/api/grid-members/${newId()}/end`, { until: TODAY })).status).toBe(
      404,
    );
    const still = await ctx.c.db
      .selectFrom('grid_members')
      .select('until')
      .where('id', '=', w.body.id)
      .executeTakeFirstOrThrow();
    expect(still.until).toBeNull();

    const ok = await village.post(end, { until: TODAY });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ until: TODAY, current: false });
    const again = await village.post(end, { until: TODAY });
    expect(again.status).toBe(400);
    const members = await village.get(`/api/grids/${d.nodes.grid1}/members`);
    expect(members.body.items).toHaveLength(1);
    expect(members.body.items[0].current).toBe(false);
  });
});

describe('public grid board', () => {
  it('shows the current worker and head with the supervision lines, never an informant or a member who left', async () => {
    const d = await ctx.newDistrict();
    await ctx.c.db
      .updateTable('units')
      .set({ phone: '01069511111' })
      .where('id', '=', d.units.vil1)
      .execute();
    await ctx.c.db
      .updateTable('units')
      .set({ phone: '01069512222' })
      .where('id', '=', d.units.twp1)
      .execute();
    await ctx.c.db
      .updateTable('jurisdictions')
      .set({ households: 420 })
      .where('id', '=', d.nodes.grid1)
      .execute();
    const village = await d.login('village');
    const url = `/api/grids/${d.nodes.grid1}/members`;
    const old = await village.post(url, { ...WORKER, name: '旧网格员', phone: '13700000001' });
    expect(
      (await village.post(`/api/grid-members/${old.body.id}/end`, { until: '2026-06-30' })).status,
    ).toBe(200);
    expect((await village.post(url, { ...WORKER, since: '2026-07-01' })).status).toBe(201);
    expect(
      (
        await village.post(url, {
          role: 'head',
          name: '赵春生',
          phone: '13600000002',
          since: '2026-01-01',
        })
      ).status,
    ).toBe(201);
    expect((await village.post(url, INFORMANT)).status).toBe(201);
    // Someone who starts next month is not on the board yet.
    expect(
      (
        await village.post(url, {
          ...WORKER,
          name: '新来的',
          phone: '13500000003',
          since: '2026-12-01',
        })
      ).status,
    ).toBe(201);

    const anon = d.anonymous();
    const board = await anon.get(`/api/public/grid-board?place=${d.nodes.vil1}`);
    expect(board.status).toBe(200);
    expect(board.body).toEqual({
      village: { id: d.nodes.vil1, name: '东湖社区' },
      township: '东城街道',
      supervision: {
        village: { name: '东湖社区居委会', phone: '01069511111' },
        township: { name: '东城街道办事处', phone: '01069512222' },
      },
      grids: [
        {
          id: d.nodes.grid1,
          name: '东湖社区第一网格',
          households: 420,
          worker: { name: '李桂芝', phone: '13800138001' },
          head: { name: '赵春生' },
        },
      ],
    });
    const text = JSON.stringify(board.body);
    for (const hidden of [
      '13912345678',
      '张大爷',
      '旧网格员',
      '13700000001',
      '新来的',
      '13600000002',
    ])
      expect(text).not.toContain(hidden);

    // A village without grids shows an empty board; the places list names villages with grids.
    const empty = await anon.get(`/api/public/grid-board?place=${d.nodes.vil2}`);
    expect(empty.status).toBe(200);
    expect(empty.body.grids).toEqual([]);
    const places = await anon.get('/api/public/grid-board/places');
    expect(places.status).toBe(200);
    expect(places.body).toEqual([
      { id: d.nodes.vil1, name: '东湖社区', township: '东城街道', grids: 1 },
    ]);

    // Not a village, unknown, malformed: 404, 404, 400.
    expect((await anon.get(`/api/public/grid-board?place=${d.nodes.grid1}`)).status).toBe(404);
    expect((await anon.get(`/api/public/grid-board?place=${d.nodes.twp1}`)).status).toBe(404);
    const unknown = await anon.get(`/api/public/grid-board?place=${newId()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await anon.get('/api/public/grid-board?place=abc')).status).toBe(400);
    expect((await anon.get('/api/public/grid-board')).status).toBe(400);

    // Another district's village is not this one's.
    const other = await ctx.newDistrict();
    expect(
      (await other.anonymous().get(`/api/public/grid-board?place=${d.nodes.vil1}`)).status,
    ).toBe(404);
  });
});
